' OPTIONAL one-time edit of lkj_excel.xlam (module "RibbonMyAddin"), done in Excel on
' Windows by the IT person (Alt+F11 > VBAProject (lkj_excel.xlam) > Modules > RibbonMyAddin).
' Replace the whole module text (xlwings' RunMain, three lines) by everything below the
' line of dashes, save the add-in (Ctrl+S in the VBA editor), close Excel, and hand out the
' saved lkj_excel.xlam (docs/panduan-staf.md, bagian E4). Python needs no change.
'
' Why: xlwings' RunPython reads ActiveWorkbook before Python starts (its configuration
' layers, the workbook's path). With only a file in Protected View in front there is no
' ActiveWorkbook, and staff would get "Run-time error 91" instead of a message; and a sheet
' named myaddin.conf in the active workbook is read as configuration (it could name any
' program as the interpreter) before Python can flag it. This RunMain checks both first.
' Protected View counts only when the window in FRONT is one: another attachment still in
' Protected View behind an enabled workbook does not stop Hitung (Python checks the same:
' lkj_excel.xl.in_protected_view).
' ------------------------------------------------------------------------------------------
#If VBA7 Then
    Private Declare PtrSafe Function GetForegroundWindow Lib "user32" () As LongPtr
#Else
    Private Declare Function GetForegroundWindow Lib "user32" () As Long
#End If

Sub RunMain(control As IRibbonControl)
    If Not LkjSiap() Then Exit Sub
    mymodule = Left(ThisWorkbook.Name, (InStrRev(ThisWorkbook.Name, ".", -1, vbTextCompare) - 1))
    RunPython "import " & mymodule & ";" & mymodule & ".main()"
End Sub

' True when Python may start: the window in front is an enabled workbook and that workbook
' has no sheet named *.conf. Otherwise it says why, in Indonesian, and returns False.
Function LkjSiap() As Boolean
    Dim pv As Object, sht As Object
    LkjSiap = False
    On Error Resume Next
    Set pv = Application.ActiveProtectedViewWindow
    On Error GoTo 0
    If ActiveWorkbook Is Nothing Then
        If Not pv Is Nothing Then
            LkjTerproteksi
        Else
            MsgBox "Buka dulu buku kerja LKj Anda, klik jendelanya, lalu klik Hitung lagi.", _
                   vbInformation, "LKj"
        End If
        Exit Function
    End If
    If Not pv Is Nothing Then
        If LkjTerproteksiDiDepan() Then
            LkjTerproteksi
            Exit Function
        End If
    End If
    For Each sht In ActiveWorkbook.Sheets
        If LCase$(Right$(Trim$(sht.Name), 5)) = ".conf" Then
            MsgBox "Peringatan keamanan: buku kerja ini memuat lembar " & sht.Name & _
                   ", lembar konfigurasi xlwings yang dapat membuat add-in menjalankan " & _
                   "program lain. Tombol Hitung tidak dijalankan. Hapus lembar itu, simpan, " & _
                   "tutup lalu buka lagi buku kerja ini, dan laporkan ke petugas TI dari " & _
                   "mana berkas itu datang.", vbCritical, "LKj"
            Exit Function
        End If
    Next sht
    LkjSiap = True
End Function

' The window in front is not ActiveWindow (the enabled workbook's) while a Protected View
' window is open: the one in front is that Protected View window. Window.Hwnd exists from
' Excel 2013 on; on older Excel (one main window) nothing can be told, so Hitung goes on.
Private Function LkjTerproteksiDiDepan() As Boolean
    LkjTerproteksiDiDepan = False
    If ActiveWindow Is Nothing Then
        LkjTerproteksiDiDepan = True
        Exit Function
    End If
    On Error GoTo tidak_tahu
    If ActiveWindow.Hwnd <> GetForegroundWindow() And _
       Application.Hwnd <> GetForegroundWindow() Then
        LkjTerproteksiDiDepan = True
    End If
tidak_tahu:
End Function

Private Sub LkjTerproteksi()
    MsgBox "Buku kerja ini masih dalam Tampilan Terproteksi (Protected View), jadi belum " & _
           "dapat diubah. Klik tombol ""Aktifkan Pengeditan"" (Enable Editing) pada bilah " & _
           "kuning di atas lembar, lalu klik Hitung lagi.", vbExclamation, "LKj"
End Sub
