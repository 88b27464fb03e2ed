"""The report (LKj) as Word and PDF: context from the engine's results, a docxtpl template,
charts and LibreOffice conversion.

Heavy libraries (docxtpl, python-docx, python-pptx for the native charts) are imported
inside the functions that need them; ``lkj_excel.report.context`` is pure.
"""
