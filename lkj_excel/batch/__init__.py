"""The secretariat's batch: split an agency workbook per unit (``pecah``), merge the unit
workbooks that come back by email (``gabung``), process many agencies at once (``batch``)
and show what changed between two revisions (``beda``).

Heavy libraries (openpyxl, rich, dask) are imported inside the functions that use them.
Library entry points::

    from lkj_excel.batch.merge import merge_files, check_merged
    from lkj_excel.batch.diff import diff_files
"""
