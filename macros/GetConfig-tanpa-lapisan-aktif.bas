' OPTIONAL one-time edit of lkj_excel.xlam (module "xlwings", function GetConfig), done in
' Excel on Windows by the IT person (Alt+F11). It removes the configuration layers that
' come from the ACTIVE workbook: a sheet named "myaddin.conf" inside it, and a file
' "myaddin.conf" in its folder. An emailed workbook (or a zip with a file beside it)
' could otherwise point the add-in at any program.
'
' In GetConfig, replace this block (it is the first one under "' Sheet"):
'
'            'Workbook Sheet Config
'            If SheetExists(ActiveWorkbook, PROJECT_NAME & ".conf") = True Then
'                If GetConfigFromSheet(ActiveWorkbook).Exists(configKey) = True Then
'                    GetConfig = GetConfigFromSheet(ActiveWorkbook).Item(configKey)
'                    GetConfig = ExpandEnvironmentStrings(GetConfig)
'                    Exit Function
'                End If
'            End If
'
' by this (the active workbook's sheet is never read; if it exists, refuse to run):
'
            'Workbook Sheet Config: removed for lkj-excel (security); refuse instead
            If SheetExists(ActiveWorkbook, PROJECT_NAME & ".conf") = True Then
                MsgBox "Buku kerja ini memuat lembar " & PROJECT_NAME & ".conf yang dapat " & _
                       "menjalankan program lain. Hapus lembar itu dulu.", vbCritical, "LKj"
                End
            End If
'
' and replace the condition of the "' Directory Config" block
'
'    If source = "" Or source = "directory" Then
'
' by
'
    If False Then ' Directory Config removed for lkj-excel (security)
'
' Save the add-in (Ctrl+S in the VBA editor), close Excel, and copy the saved
' lkj_excel.xlam to the other machines instead of the one built on Linux.
