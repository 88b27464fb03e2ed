import sys

from lkj_excel.cli import main

sys.exit(main())
