Attribute VB_Name = "RibbonLKj"
' OPTIONAL one-time edit of lkj_excel.xlam, done in Excel on Windows by the IT person
' (Alt+F11 > select VBAProject (lkj_excel.xlam) > File > Import File... > this file).
' Then rebuild the ribbon with macros/ribbon-runtag.xml (see docs/panduan-staf.md).
'
' Every button of that ribbon passes its Tag; Python accepts only known tags
' (lkj_excel.xl.run_tag: Hitung, Periksa, Laporan). The tag is checked here as well, so
' nothing but a plain word ever reaches the Python command line.
Sub RunTag(control As IRibbonControl)
    Dim tag As String
    tag = control.Tag
    Select Case tag
        Case "Hitung", "Periksa", "Laporan"
            RunPython "import lkj_excel.xl; lkj_excel.xl.run_tag('" & tag & "')"
        Case Else
            MsgBox "Tombol tidak dikenal: " & tag, vbExclamation, "LKj"
    End Select
End Sub
