"""The packages of lkj-excel (their data files too: pyproject.toml, like everything else).

Only here because pyproject.toml cannot both find the packages and map a folder outside
``lkj_excel/``: the top-level ``macros/`` (the ribbon and the add-in's configuration, which
``lkj addin buat`` and ``lkj addin pasang`` put into the add-in) goes into the wheel as
``lkj_excel/macros``, so a staff PC installed from the wheel builds the add-in too.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["lkj_excel", "lkj_excel.*"]), "lkj_excel.macros"],
    package_dir={"lkj_excel.macros": "macros"},
)
