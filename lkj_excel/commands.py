"""`lkj periksa` and `lkj hitung`: thin adapters around the engine."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from lkj_excel.core.engine import Checked, check_workbook, to_json
from lkj_excel.core.temuan import KESALAHAN, Temuan
from lkj_excel.core.read import WorkbookError

EXIT_OK, EXIT_KESALAHAN, EXIT_TIDAK_TERBACA = 0, 1, 2


def format_temuan(temuan: list[Temuan]) -> list[str]:
    lines = []
    for f in temuan:
        where = f"{f.lembar}!{f.sel}" if f.sel else f.lembar
        lines.append(f"  {f.tingkat.upper():<10} {where:<16} {f.pesan}  [{f.kode}]")
    return lines


def ringkas(temuan: list[Temuan]) -> str:
    n_err = sum(1 for f in temuan if f.tingkat == KESALAHAN)
    n_warn = len(temuan) - n_err
    if not temuan:
        return "tidak ada temuan"
    return f"{n_err} kesalahan, {n_warn} peringatan"


def _unreadable(exc: WorkbookError, path: str) -> dict[str, Any]:
    return {"berkas": exc.berkas or Path(path).name, "terbaca": False,
            "temuan": [{"kode": "berkas-tidak-terbaca", "tingkat": KESALAHAN, "lembar": "",
                        "sel": "", "pesan": exc.pesan, "berkas": exc.berkas or Path(path).name}]}


def run_periksa(args: Any) -> int:
    code = EXIT_OK
    outputs: list[dict[str, Any]] = []
    for path in args.berkas:
        try:
            p = check_workbook(path)
        except WorkbookError as exc:
            code = EXIT_TIDAK_TERBACA
            if args.json:
                outputs.append(_unreadable(exc, path))
            else:
                print(f"{Path(path).name}: TIDAK DAPAT DIBACA — {exc.pesan}")
            continue
        if p.has_errors and code == EXIT_OK:
            code = EXIT_KESALAHAN
        if args.json:
            outputs.append(to_json(p))
        else:
            print(f"{Path(path).name}: {ringkas(p.temuan)}")
            for line in format_temuan(p.temuan):
                print(line)
    if args.json:
        print(json.dumps(outputs[0] if len(outputs) == 1 else outputs, ensure_ascii=False,
                         indent=2))
    return code


def run_hitung(args: Any) -> int:
    from lkj_excel.files.writer import write_engine_sheets

    try:
        p: Checked = check_workbook(args.berkas)
        out = write_engine_sheets(args.berkas, p, args.out)
    except WorkbookError as exc:
        if args.json:
            print(json.dumps(_unreadable(exc, args.berkas), ensure_ascii=False, indent=2))
        else:
            print(f"{Path(args.berkas).name}: {exc.pesan}", file=sys.stderr)
        return EXIT_TIDAK_TERBACA
    if args.json:
        obj = to_json(p)
        obj["keluaran"] = str(out)
        print(json.dumps(obj, ensure_ascii=False, indent=2))
    else:
        h = p.result
        print(f"{Path(args.berkas).name}: {len(h.indikator)} indikator dihitung; "
              f"{ringkas(p.temuan)}.")
        for line in format_temuan(p.temuan):
            print(line)
        print(f"Hasil ditulis ke: {out} (lembar Ringkasan dan Validasi).")
    return EXIT_KESALAHAN if p.has_errors else EXIT_OK
