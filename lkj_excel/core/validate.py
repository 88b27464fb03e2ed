"""Validation: pure functions from the model (and its computed results) to findings."""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.compute import (
    TIDAK_DAPAT_DIHITUNG,
    TIDAK_SEJENIS,
    IndikatorResult,
    Result,
    compute_workbook,
    kategori_ranks,
    lra_parent,
    pictures_by_row,
)
from lkj_excel.core.model import Row, WorkbookData, norm
from lkj_excel.core.numbers import ParseError, format_angka, parse_number, round_half_up
from lkj_excel.core.temuan import PERINGATAN, Temuan, new_temuan

TOLERANSI_RUPIAH = Decimal("0.005")


def _rp(d: Decimal) -> str:
    return "Rp " + format_angka(d, 2)


def _num(d: Decimal | None, digits: int = 2) -> str:
    return "-" if d is None else format_angka(d, digits, fixed=False)


def check_required(data: WorkbookData, berkas: str) -> list[Temuan]:
    out = []
    for sheet in schema.DATA_SHEETS:
        required = [c for c in sheet.input_columns if c.required]
        for row in data.sheet(sheet.name):
            for col in required:
                if row[col.key] is None and col.key in row.cells \
                        and not row.is_unread(col.key):
                    out.append(new_temuan(
                        "wajib-diisi", sheet.name, row.cell(col.key),
                        f"Kolom {col.label} pada baris {row.row} wajib diisi.", berkas))
    return out


def check_duplicates(data: WorkbookData, berkas: str) -> list[Temuan]:
    out = []
    for sheet in schema.DATA_SHEETS:
        if not sheet.unique:
            continue
        first: dict[tuple[str, ...], Row] = {}
        for row in data.sheet(sheet.name):
            key = tuple(norm(row[k]) for k in sheet.unique)
            if not any(key):
                continue
            if key in first:
                labels = " + ".join(sheet.column(k).label for k in sheet.unique)
                shown = " / ".join(str(row[k] or "") for k in sheet.unique)
                out.append(new_temuan(
                    "kode-ganda", sheet.name, row.cell(sheet.unique[0]),
                    f"{labels} \"{shown}\" sudah dipakai di baris {first[key].row}. Hapus baris "
                    "ganda atau beri kode yang berbeda.", berkas))
            else:
                first[key] = row
    return out


def check_references(data: WorkbookData, berkas: str) -> list[Temuan]:
    out = []
    pk_codes = {norm(r["kode_indikator"]) for r in data.pk if r["kode_indikator"]}
    iku_codes = {norm(r["kode_indikator"]) for r in data.iku if r["kode_indikator"]}
    for row in data.pk:
        k = row["kode_indikator"]
        if k and norm(k) not in iku_codes:
            out.append(new_temuan(
                "indikator-tanpa-iku", "PK", row.cell("kode_indikator"),
                f"Indikator {k} ada di PK tetapi tidak punya baris di lembar IKU. Tambahkan "
                f"baris IKU dengan Kode Indikator {k}.", berkas))
    for row in data.iku:
        k = row["kode_indikator"]
        if k and norm(k) not in pk_codes:
            out.append(new_temuan(
                "iku-tanpa-pk", "IKU", row.cell("kode_indikator"),
                f"Kode Indikator {k} di IKU tidak ada di lembar PK. Perbaiki kodenya atau "
                "tambahkan indikatornya di PK.", berkas))
    out += check_column_refs(data, berkas)
    return out


def check_column_refs(data: WorkbookData, berkas: str) -> list[Temuan]:
    """Values that must exist in another sheet (``Column.ref``, e.g. every Kode Indikator
    in PK): a kesalahan, or a peringatan where the column may stay empty."""
    out = []
    known: dict[str, set[str]] = {}
    for sheet in schema.DATA_SHEETS:
        for col in sheet.columns:
            if not col.ref:
                continue
            target, key = col.ref.split(".")
            if col.ref not in known:
                known[col.ref] = {norm(r[key]) for r in data.sheet(target)
                                  if r[key] and (target != "Anggaran" or r["kegiatan"] is None)}
            for row in data.sheet(sheet.name):
                value = row[col.key]
                if not value or norm(value) in known[col.ref]:
                    continue
                shown = value if col.kind == "code" else f"\"{value}\""
                fix = ("Perbaiki kodenya." if col.kind == "code" else
                       f"Tulis persis seperti di lembar {target}.")
                if not col.required:
                    fix = fix[:-1] + " atau kosongkan sel ini (misalnya untuk program penunjang)."
                out.append(new_temuan(
                    "kode-tidak-dikenal", sheet.name, row.cell(col.key),
                    f"{col.label} {shown} tidak ada di lembar {target}. {fix}", berkas,
                    tingkat=None if col.required else PERINGATAN))
    return out


def check_anggaran(data: WorkbookData, berkas: str) -> list[Temuan]:
    out = []
    programs = {}
    for row in data.anggaran:
        if row["kegiatan"] is None:
            programs.setdefault(norm(row["program"]), row)
    kegiatan: dict[str, list[Row]] = defaultdict(list)
    for row in data.anggaran:
        if row["kegiatan"] is None:
            continue
        p = programs.get(norm(row["program"]))
        if p is None:
            out.append(new_temuan(
                "program-tidak-dikenal", "Anggaran", row.cell("program"),
                f"Kegiatan ini milik program \"{row['program']}\" yang tidak punya baris "
                "program (baris dengan Kegiatan kosong). Tambahkan baris programnya atau "
                "samakan penulisan nama program.", berkas))
        else:
            kegiatan[norm(row["program"])].append(row)
    for key, rows in kegiatan.items():
        prog = programs[key]
        for field_ in ("anggaran", "realisasi"):
            vals = [r[field_] for r in rows]
            if prog[field_] is None or any(v is None for v in vals):
                continue
            total = sum(vals, Decimal(0))
            diff = total - prog[field_]
            if abs(diff) > TOLERANSI_RUPIAH:
                label = "anggaran" if field_ == "anggaran" else "realisasi"
                out.append(new_temuan(
                    "anggaran-kegiatan-tidak-sesuai", "Anggaran", prog.cell(field_),
                    f"Jumlah {label} {len(rows)} kegiatan program \"{prog['program']}\" "
                    f"{_rp(total)}, sedangkan {label} program {_rp(prog[field_])} (selisih "
                    f"{_rp(abs(diff))}). Periksa angka kegiatan atau programnya.", berkas))
    for sheet_name, rows in (("Anggaran", data.anggaran), ("LRA", data.lra)):
        for row in rows:
            a, r = row["anggaran"], row["realisasi"]
            if a is not None and r is not None and r > a + TOLERANSI_RUPIAH:
                out.append(new_temuan(
                    "realisasi-melebihi-anggaran", sheet_name, row.cell("realisasi"),
                    f"Realisasi {_rp(r)} melebihi anggaran {_rp(a)}. Periksa kembali angkanya.",
                    berkas))
    return out


def check_lra(data: WorkbookData, berkas: str) -> list[Temuan]:
    out = []
    by_code = {}
    for row in data.lra:
        code = str(row["kode_rekening"] or "").strip()
        if code:
            by_code.setdefault(code, row)
    children: dict[str, list[Row]] = defaultdict(list)
    codes = set(by_code)
    for code, row in by_code.items():
        parent = lra_parent(code, codes)
        if parent:
            children[parent].append(row)
    for parent, kids in children.items():
        prow = by_code[parent]
        for field_, label in (("anggaran", "Anggaran"), ("realisasi", "Realisasi"),
                              ("realisasi_lalu", "Realisasi Tahun Lalu")):
            if prow[field_] is None or any(k[field_] is None for k in kids):
                continue
            total = sum((k[field_] for k in kids), Decimal(0))
            if abs(total - prow[field_]) > TOLERANSI_RUPIAH:
                out.append(new_temuan(
                    "lra-induk-tidak-sesuai", "LRA", prow.cell(field_),
                    f"{label} rekening {parent} {_rp(prow[field_])} tidak sama dengan jumlah "
                    f"{len(kids)} rincian di bawahnya {_rp(total)} (selisih "
                    f"{_rp(abs(total - prow[field_]))}).", berkas))
    return out


def check_pegawai(result: Result, data: WorkbookData, berkas: str) -> list[Temuan]:
    out = []
    first_row: dict[tuple[str, str], Row] = {}
    for row in data.pegawai:
        if row["jenis"] and row["pengelompokan"]:
            first_row.setdefault((row["jenis"], row["pengelompokan"]), row)
    for jenis, groups in result.pegawai.kelompok.items():
        totals = {g: sum(n for _, n in items) for g, items in groups.items()}
        if len(set(totals.values())) > 1:
            first = next(iter(totals))
            for g, t in totals.items():
                if t != totals[first]:
                    row = first_row[(jenis, g)]
                    out.append(new_temuan(
                        "pegawai-tidak-sesuai", "Pegawai", row.cell("jumlah"),
                        f"Jumlah {jenis} menurut {g} {t} orang, tetapi menurut {first} "
                        f"{totals[first]} orang. Setiap pengelompokan harus berjumlah sama.",
                        berkas))
    return out


def _same(shown: Any, expected: Any, digits: int) -> bool:
    if expected is None or expected == "":
        return shown is None or (isinstance(shown, str) and not shown.strip())
    if isinstance(expected, Decimal):
        try:
            value = parse_number(shown)
        except ParseError:
            return False
        if value is None:
            return False
        # a spreadsheet's double carries 15 significant digits: 103.49999999999999 is the
        # 103.5 it computed, so compare at that precision before rounding as shown
        return round_half_up(_sig15(value), digits) == round_half_up(_sig15(expected), digits)
    return str(shown).strip().casefold() == str(expected).strip().casefold()


def _sig15(value: Decimal) -> Decimal:
    if not value.is_finite() or value == 0:
        return value
    return value.quantize(Decimal(1).scaleb(value.adjusted() - 14), rounding=ROUND_HALF_UP)


def check_computed(result: Result, data: WorkbookData, berkas: str) -> list[Temuan]:
    """Computed cells that hold something else than the engine computes."""
    out = []
    d = data.settings.desimal

    def report(row: Row, key: str, label: str, shown: Any, expected: Any, digits: int) -> None:
        exp = expected if expected is not None else ""
        if _same(shown, exp, digits):
            return
        exp_txt = _num(exp, digits) if isinstance(exp, Decimal) else (exp or "kosong")
        out.append(new_temuan(
            "diketik-manual", row.sheet, row.cell(key),
            f"{label} di sel ini berisi \"{shown}\", padahal hasil hitungnya {exp_txt}. Sel ini "
            "dihitung otomatis: hapus isian manualnya atau kembalikan rumus dari templat.",
            berkas))

    for ind in result.indikator:
        row = ind.iku_row
        if row is None or not row.computed:
            continue
        if row.text_numbers or (ind.pk_row is not None and "target" in ind.pk_row.text_numbers):
            continue  # Excel's formulas skip text numbers: reported as angka-sebagai-teks
        cap: Any = ind.capaian_tampil
        real: Any = ind.realisasi
        if real is None and ind.sumber_realisasi == "pembilang-penyebut":
            real = TIDAK_DAPAT_DIHITUNG  # Penyebut 0, as the template's formula says
        expected = {
            "realisasi_dihitung": (real, "Realisasi Dihitung", 4),
            "target_pk": (ind.target, "Target PK", 4),
            "capaian": (cap, "Capaian", d),
            "predikat": (ind.predikat or None, "Predikat", d),
        }
        for key, shown in row.computed.items():
            if key in expected:
                exp, label, digits = expected[key]
                report(row, key, label, shown, exp, digits)
    from lkj_excel.core.compute import percent

    for rows in (data.anggaran, data.lra):
        for row in rows:
            if "serapan" in row.computed and not row.text_numbers:
                exp = percent(row["realisasi"], row["anggaran"])
                report(row, "serapan", "Serapan (%)", row.computed["serapan"], exp, 2)
    return out


def check_indikator(ind: IndikatorResult, data: WorkbookData, berkas: str) -> list[Temuan]:
    out = []
    iku = ind.iku_row
    if iku is not None:
        p, q = iku["pembilang"], iku["penyebut"]
        unread = iku.is_unread("pembilang") or iku.is_unread("penyebut")
        if (p is None) != (q is None) and not unread:
            missing = "penyebut" if q is None else "pembilang"
            out.append(new_temuan(
                "wajib-diisi", "IKU", iku.cell(missing),
                f"Indikator {ind.kode}: Pembilang dan Penyebut harus diisi keduanya atau "
                f"dikosongkan keduanya; {missing.capitalize()} masih kosong.", berkas))
        if q is not None and q == 0:
            out.append(new_temuan(
                "penyebut-nol", "IKU", iku.cell("penyebut"),
                f"Indikator {ind.kode}: Penyebut 0, realisasi tidak dapat dihitung. Isi "
                "Penyebut dengan jumlah yang benar.", berkas))
        if p is not None and q is not None and ind.kejadian:
            handled = sum(1 for k in ind.kejadian if k["status"] in schema.STATUS_TERTANGANI)
            if q != len(ind.kejadian) or p != handled:
                out.append(new_temuan(
                    "kejadian-tidak-sesuai", "IKU", iku.cell("penyebut"),
                    f"Indikator {ind.kode}: Pembilang/Penyebut diketik {_num(p, 0)}/{_num(q, 0)}, "
                    f"tetapi lembar Kejadian mencatat {handled} tertangani dari "
                    f"{len(ind.kejadian)} kejadian. Samakan angkanya, atau kosongkan Pembilang "
                    "dan Penyebut agar dihitung dari Kejadian.", berkas))
        typed = iku["realisasi"]
        if isinstance(typed, Decimal) and isinstance(ind.realisasi, Decimal) \
                and ind.sumber_realisasi in ("pembilang-penyebut", "kejadian"):
            digits = data.settings.desimal
            if round_half_up(typed, digits) != round_half_up(ind.realisasi, digits):
                source = ("Pembilang/Penyebut" if ind.sumber_realisasi == "pembilang-penyebut"
                          else f"lembar Kejadian ({_num(ind.pembilang, 0)} tertangani dari "
                          f"{_num(ind.penyebut, 0)} kejadian)")
                out.append(new_temuan(
                    "realisasi-tidak-sesuai", "IKU", iku.cell("realisasi"),
                    f"Indikator {ind.kode}: Realisasi diketik {_num(typed)}, tetapi dari "
                    f"{source} hasilnya {_num(ind.realisasi)}. Yang dipakai hasil "
                    "hitungan; kosongkan atau perbaiki Realisasi.", berkas))
        if ind.realisasi is None and ind.sumber_realisasi is None and not unread \
                and not iku.is_unread("realisasi"):
            out.append(new_temuan(
                "realisasi-kosong", "IKU", iku.cell("realisasi"),
                f"Indikator {ind.kode} belum punya realisasi. Isi Pembilang dan Penyebut, "
                "Realisasi, atau catat kejadiannya di lembar Kejadian.", berkas))
    if ind.capaian_catatan == TIDAK_DAPAT_DIHITUNG:
        cell = iku.cell("capaian") if iku else (ind.pk_row.cell("target") if ind.pk_row else "")
        out.append(new_temuan(
            "capaian-tidak-dapat-dihitung", "IKU", cell,
            f"Capaian indikator {ind.kode} tidak dapat dihitung (target {_num(ind.target)}, "
            f"realisasi {_num(ind.realisasi)}): pembagian dengan nol. Periksa target dan "
            "realisasinya.", berkas))
    out += check_sejenis(ind, berkas)
    if ind.satuan.strip() == schema.SATUAN_PERSEN and ind.pk_row is not None:
        t = ind.target
        if isinstance(t, Decimal) and 0 < t <= 1:
            out.append(new_temuan(
                "persen-pecahan", "PK", ind.pk_row.cell("target"),
                f"Target {_num(t)} untuk satuan %: apakah maksudnya {_num(t * 100)}%? Tulis "
                f"target dalam persen, misalnya {_num(t * 100)}.", berkas))
        r = iku["realisasi"] if iku is not None else None
        if ind.sumber_realisasi == "input" and isinstance(r, Decimal) and 0 < r <= 1 \
                and isinstance(t, Decimal) and t > 1:
            out.append(new_temuan(
                "persen-pecahan", "IKU", iku.cell("realisasi"),  # type: ignore[union-attr]
                f"Realisasi {_num(r)} untuk satuan % dengan target {_num(t)}: apakah maksudnya "
                f"{_num(r * 100)}%? Tulis realisasi dalam persen, misalnya {_num(r * 100)}.",
                berkas))
    return out


def check_pembanding(result: Result, data: WorkbookData, berkas: str) -> list[Temuan]:
    """Every PK indicator in the comparison table: once the Pembanding sheet is used, an
    indicator without a row there is a finding (the report prints "-" for it)."""
    if not data.sheet("Pembanding"):
        return []
    return [new_temuan(
        "pembanding-kosong", "PK", ind.pk_row.cell("kode_indikator"),
        f"Indikator {ind.kode} tidak punya baris di lembar Pembanding, jadi tabel pembanding "
        "laporan menulis \"-\" untuknya. Tambahkan barisnya di lembar Pembanding (Realisasi "
        "boleh kosong bila datanya tidak tersedia).", berkas)
        for ind in result.indikator if not ind.pembanding and ind.pk_row is not None]


def check_sejenis(ind: IndikatorResult, berkas: str) -> list[Temuan]:
    """A category target needs a category realisasi, and a number target a number (the
    engine records it as ``TIDAK_SEJENIS``)."""
    if ind.capaian_catatan != TIDAK_SEJENIS:
        return []
    target, real = ind.target, ind.realisasi
    iku = ind.iku_row
    if iku is None:
        return []
    if isinstance(target, str):
        if ind.sumber_realisasi == "input":
            cell, how = iku.cell("realisasi"), "Ketik kategori realisasinya di kolom Realisasi"
        else:
            cell = iku.cell("pembilang" if ind.sumber_realisasi == "pembilang-penyebut"
                            else "realisasi")
            how = ("Kosongkan Pembilang dan Penyebut (realisasi kategori tidak dihitung dari "
                   "angka) dan ketik kategori realisasinya di kolom Realisasi")
        pesan = (f"Indikator {ind.kode}: targetnya kategori \"{ind.target_tampil}\", tetapi "
                 f"realisasinya angka {_num(real)}. {how}, misalnya {ind.target_tampil}.")
    else:
        cell = iku.cell("realisasi")
        pesan = (f"Indikator {ind.kode}: targetnya angka {_num(target)}, tetapi realisasinya "
                 f"kategori \"{real}\". Isi realisasi dengan angka, atau ubah target di PK "
                 "menjadi kategori.")
    return [new_temuan("target-realisasi-tidak-sejenis", "IKU", cell, pesan, berkas)]


def check_kategori(data: WorkbookData, berkas: str) -> list[Temuan]:
    """A category typed where a number or a category may stand must be on the scale."""
    ranks = kategori_ranks(data.settings)
    shown = ", ".join(k for k, _ in data.settings.kategori[:20])
    out = []
    for sheet in schema.DATA_SHEETS:
        cols = [c for c in sheet.input_columns if c.kind == "number_or_category"]
        if not cols:
            continue
        for row in data.sheet(sheet.name):
            for col in cols:
                v = row[col.key]
                if isinstance(v, str) and norm(v) not in ranks:
                    out.append(new_temuan(
                        "kategori-tidak-dikenal", sheet.name, row.cell(col.key),
                        f"Kolom {col.label}: \"{v}\" bukan angka dan tidak ada di Skala "
                        "Kategori (lembar Pengaturan). Tulis angka (misalnya 95 atau 95,5), "
                        f"atau salah satu kategori: {shown}; kategori lain dapat ditambahkan "
                        "ke Skala Kategori beserta Peringkatnya.", berkas))
    return out


def check_gambar(data: WorkbookData, result: Result, berkas: str) -> list[Temuan]:
    """Rows of the Gambar sheet without a picture and pictures that sit on no row (only
    when the pictures were read: grids from Excel carry none)."""
    if data.pictures is None:
        return []
    out = []
    rows = {r.row: r for r in data.sheet("Gambar")}
    with_pic = {g.row.row for g in result.gambar}
    for r, row in rows.items():
        if r not in with_pic:
            judul = f" (\"{row['judul']}\")" if row["judul"] else ""
            out.append(new_temuan(
                "gambar-tidak-ada", "Gambar", row.cell("bagian"),
                f"Baris {r}{judul} belum memuat gambar, jadi tidak ada yang masuk laporan. "
                "Tempel gambarnya sehingga sudut kiri atasnya berada di baris ini, atau hapus "
                "barisnya.", berkas, tingkat=PERINGATAN))
    header = data.header_rows.get("Gambar", 0)
    first = pictures_by_row(data.pictures)
    for pic in data.pictures:
        if pic.row in rows and first[pic.row] is not pic:
            out.append(new_temuan(
                "gambar-ganda", "Gambar", f"A{pic.row}",
                f"Baris {pic.row} memuat lebih dari satu gambar; hanya gambar pertama di "
                f"baris ini yang dipakai, jadi gambar \"{pic.name or 'tanpa nama'}\" tidak "
                "masuk laporan. Pindahkan gambar lain ke baris sendiri: tambah baris dengan "
                "Bagian dan Judul, lalu letakkan sudut kiri atas gambar di baris itu.",
                berkas, tingkat=PERINGATAN))
        elif pic.row not in rows:
            where = ("di atas judul kolom" if pic.row <= header else
                     "di baris yang Bagian-nya kosong")
            out.append(new_temuan(
                "gambar-tanpa-baris", "Gambar", f"A{pic.row}",
                f"Gambar \"{pic.name or 'tanpa nama'}\" di baris {pic.row} berada {where}, "
                "jadi tidak masuk laporan. Geser gambar ke baris yang berisi Bagian dan Judul "
                "(sudut kiri atas gambar menentukan barisnya), atau isi Bagian baris itu.",
                berkas, tingkat=PERINGATAN))
    kop = result.gambar_of("Kop")
    if len(kop) > 1:
        out.append(new_temuan(
            "gambar-kop-ganda", "Gambar", kop[1].row.cell("bagian"),
            f"Ada {len(kop)} gambar Bagian Kop; hanya yang pertama (baris {kop[0].row.row}) "
            "dipakai sebagai logo. Hapus yang lain.", berkas, tingkat=PERINGATAN))
    return out


def check_reviu(data: WorkbookData, berkas: str) -> list[Temuan]:
    """The reviu rows of Profil once the reviu is dated: all filled (the reviu page prints
    only then). Before the reviu (Tanggal Reviu empty) the Inspektorat's name and address
    may stand ready, with no finding."""
    fields = [f for f in schema.PROFIL_FIELDS if f.key in schema.PROFIL_REVIU]
    empty = [f for f in fields if data.profil.get(f.key) in (None, "")]
    out = []
    if empty and data.profil.get("tanggal_reviu") not in (None, ""):
        first = empty[0]
        out.append(new_temuan(
            "reviu-belum-lengkap", schema.PROFIL_SHEET,
            data.profil_cells.get(first.key, "A1"),
            f"Isian reviu di Profil belum lengkap (masih kosong: "
            f"{', '.join(f.label for f in empty)}). Halaman Pernyataan Telah Direviu tidak "
            "dicetak sampai semua isian reviu terisi; kosongkan Tanggal Reviu bila reviu "
            "belum dilakukan.", berkas, tingkat=PERINGATAN))
    lap, rev = data.profil.get("tanggal"), data.profil.get("tanggal_reviu")
    if isinstance(lap, _dt.date) and isinstance(rev, _dt.date) and rev < lap:
        out.append(new_temuan(
            "reviu-sebelum-laporan", schema.PROFIL_SHEET,
            data.profil_cells.get("tanggal_reviu", "A1"),
            "Tanggal Reviu lebih awal dari Tanggal Laporan: laporan direviu setelah "
            "ditandatangani. Periksa kedua tanggal.", berkas, tingkat=PERINGATAN))
    return out


def check_cascading(data: WorkbookData, berkas: str) -> list[Temuan]:
    """When Cascading is used, every sasaran of the PK has its row."""
    rows = data.sheet("Cascading")
    if not rows:
        return []
    have = {norm(r["kode_sasaran"]) for r in rows if r["kode_sasaran"]}
    out, seen = [], set()
    for pk in data.pk:
        k = pk["kode_sasaran"]
        if k and norm(k) not in have and norm(k) not in seen:
            seen.add(norm(k))
            out.append(new_temuan(
                "cascading-kosong", "PK", pk.cell("kode_sasaran"),
                f"Sasaran {k} belum punya baris di lembar Cascading, jadi laporan tidak dapat "
                "menyebut Misi dan Sasaran RPJMD-nya. Tambahkan barisnya.", berkas,
                tingkat=PERINGATAN))
    return out


def check_text_numbers(data: WorkbookData, berkas: str) -> list[Temuan]:
    """Number cells that hold text: read right here, but not counted by Excel's formulas.

    One finding per sheet and column (the first cell, and how many there are).
    """
    out = []
    for sheet in schema.DATA_SHEETS:
        seen: dict[str, list[Row]] = {}
        for row in data.sheet(sheet.name):
            for key in row.text_numbers:
                seen.setdefault(key, []).append(row)
        for key, rows in seen.items():
            col = sheet.column(key)
            first = rows[0]
            more = f" dan {len(rows) - 1} sel lain di kolom ini" if len(rows) > 1 else ""
            out.append(new_temuan(
                "angka-sebagai-teks", sheet.name, first.cell(key),
                f"Kolom {col.label}: angka di sel ini{more} tertulis sebagai teks. lkj-excel "
                "membacanya dengan benar, tetapi rumus Excel (kolom hitungan, jumlah) tidak "
                "menghitungnya. Ketik ulang sebagai angka, atau pakai Data > Teks ke Kolom.",
                berkas))
    return out


def check_tahun(data: WorkbookData, berkas: str, today: _dt.date | None = None
                ) -> list[Temuan]:
    out = []
    now = (today or _dt.date.today()).year
    tahun = data.tahun
    if tahun is not None and not 2000 <= tahun <= now + 1:
        out.append(new_temuan(
            "tahun-tidak-wajar", "Profil", data.profil_cells.get("tahun", "B1"),
            f"Tahun {tahun} tidak wajar untuk laporan kinerja (harus antara 2000 dan "
            f"{now + 1}).", berkas))
    for row in data.sheet("Riwayat"):
        t = row["tahun"]
        if t is None:
            continue
        if tahun is not None and not tahun - 30 <= t < tahun:
            out.append(new_temuan(
                "tahun-tidak-wajar", "Riwayat", row.cell("tahun"),
                f"Tahun {t} di Riwayat harus sebelum tahun laporan {tahun}.", berkas))
    return out


def check_narasi(data: WorkbookData, berkas: str) -> list[Temuan]:
    out = []
    known = {norm(b) for b in schema.BAGIAN_NARASI}
    for row in data.sheet("Narasi"):
        b = row["bagian"]
        if b and norm(b) not in known:
            out.append(new_temuan(
                "bagian-tidak-dikenal", "Narasi", row.cell("bagian"),
                f"Bagian \"{b}\" tidak dikenal dan tidak akan masuk laporan. Pilih salah satu: "
                f"{', '.join(schema.BAGIAN_NARASI)}.", berkas))
    return out


def validate(data: WorkbookData, result: Result | None = None) -> list[Temuan]:
    """All findings about the model (reading findings come from the reader)."""
    berkas = data.source
    result = result or compute_workbook(data)
    out: list[Temuan] = []
    out += check_required(data, berkas)
    out += check_duplicates(data, berkas)
    out += check_references(data, berkas)
    for ind in result.indikator:
        out += check_indikator(ind, data, berkas)
    out += check_anggaran(data, berkas)
    out += check_lra(data, berkas)
    out += check_pegawai(result, data, berkas)
    out += check_computed(result, data, berkas)
    out += check_tahun(data, berkas)
    out += check_narasi(data, berkas)
    out += check_text_numbers(data, berkas)
    out += check_lra_total(result, data, berkas)
    out += check_pembanding(result, data, berkas)
    out += check_kategori(data, berkas)
    out += check_gambar(data, result, berkas)
    out += check_reviu(data, berkas)
    out += check_cascading(data, berkas)
    return out


def check_lra_total(result: Result, data: WorkbookData, berkas: str) -> list[Temuan]:
    """Programs' total against the LRA's top level, in a workbook that has both the whole
    PK and the LRA (an agency workbook; the Sekretariat's unit workbook holds the LRA but
    only its own support program)."""
    out: list[Temuan] = []
    lra_root = [r for r in result.lra if r.tingkat == 1 and r.anggaran is not None]
    if lra_root and result.anggaran.program and data.pk:
        total_lra = sum((r.anggaran for r in lra_root if r.anggaran is not None), Decimal(0))
        if abs(total_lra - result.anggaran.anggaran) > TOLERANSI_RUPIAH:
            first = lra_root[0].row
            out.append(new_temuan(
                "anggaran-lra-tidak-sesuai", "LRA", first.cell("anggaran") if first else "",
                f"Total anggaran program {_rp(result.anggaran.anggaran)} tidak sama dengan "
                f"total LRA {_rp(total_lra)}. Periksa lembar Anggaran dan LRA.", berkas))
    return out
