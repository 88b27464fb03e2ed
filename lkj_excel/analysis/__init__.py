"""The analysts' layer (``lkj rekap``, ``lkj_excel.rekap``): every agency's numbers as long,
tidy tables, and one HTML picture of the year.

- ``tables``: the tables declared as data (columns, kinds, keys) and the builders that turn
  one computed workbook (``Checked``) into rows; the columns of the indicator table come from
  ``schema.INDIKATOR_OUTPUT`` and the PK/IKU input columns by key;
- ``collect``: the workbooks found in folders (recursively), read with the same safety scan
  as ``periksa``, the unit workbooks of one agency merged as ``gabung`` does (or taken as they
  are), on a process pool or a Dask cluster as ``batch`` does;
- ``write``: the tables as .xlsx (one Excel table per sheet), .csv (one file per table) or
  .parquet (pyarrow); money exact, never through a binary float that cannot hold it;
- ``frames``: the tables as pandas DataFrames (pandas imported only there);
- ``picture``: the self-contained HTML (jinja2, inline SVG charts).

The layer sits above ``batch`` (``commands -> analysis -> batch -> ...``).
"""
