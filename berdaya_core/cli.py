"""Command line: ``python -m berdaya_core build|scores|frameworks``.

Messages are in Bahasa Indonesia; bad arguments exit with status 2, data errors with 1.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from . import frameworks, importer
from .engine import compute
from .store import Store, build, default_db_path

_TRANSLATIONS = [
    (r"the following arguments are required: (.*)", r"argumen wajib belum diisi: \1"),
    (r"argument (\S+): invalid choice: '?([^'\s]*)'? \(choose from (.*)\)",
     r"argumen \1: pilihan '\2' tidak sah (pilih salah satu: \3)"),
    (r"argument (\S+): invalid int value: '(.*)'", r"argumen \1: '\2' bukan bilangan bulat"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
    (r"argument (\S+): expected one argument", r"argumen \1: perlu satu nilai"),
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own messages are English: translate them
        for pat, rep in _TRANSLATIONS:
            if re.search(pat, message):
                message = re.sub(pat, rep, message)
                break
        self.exit(2, f"galat: {message}\nLihat: python -m berdaya_core --help\n")


def _parser() -> argparse.ArgumentParser:
    db_help = f"berkas basis data DuckDB (bawaan: $BERDAYA_DB atau {default_db_path()})"
    p = _Parser(prog="python -m berdaya_core",
                description="Berdaya: basis data dan skor indikator pemberdayaan kecamatan.")
    sub = p.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser)
    b = sub.add_parser("build", help="buat atau perbarui basis data dari folder data/")
    b.add_argument("--db", type=Path, help=db_help)
    b.add_argument("--force", action="store_true", help="bangun ulang walau data tidak berubah")
    s = sub.add_parser("scores", help="skor komposit dan pilar per wilayah untuk satu tahun")
    s.add_argument("--framework", required=True, help="id kerangka, mis. wjde")
    s.add_argument("--year", required=True, type=int, help="tahun data, mis. 2024")
    s.add_argument("--format", choices=["csv", "json"], default="csv", help="format keluaran")
    s.add_argument("--db", type=Path, help=db_help)
    i = sub.add_parser("import", help="impor data sendiri (CSV/XLSX format panjang) lalu bangun ulang")
    i.add_argument("file", type=Path, help="berkas CSV atau XLSX: region_code, indicator, year, value")
    i.add_argument("--batch", required=True, help="nama batch, mis. dinsos_wonosobo_2025")
    i.add_argument("--db", type=Path, help=db_help)
    f = sub.add_parser("frameworks", help="daftar kerangka yang tersedia")
    f.add_argument("--db", type=Path, help=db_help)
    return p


def main(argv: list[str] | None = None) -> int:
    p = _parser()
    args = p.parse_args(argv)
    if args.command is None:
        p.print_help()
        return 2
    try:
        if args.command == "build":
            path = args.db or default_db_path()
            changed = build(path, force=args.force)
            print(("Basis data dibangun: " if changed else "Basis data sudah mutakhir: ") + str(path))
            return 0
        if args.command == "import":
            if not args.file.exists():
                print(f"galat: berkas tidak ditemukan: {args.file}", file=sys.stderr)
                return 2
            store = Store(args.db)
            df = importer.read_table(args.file.name, args.file.read_bytes())
            rep = importer.import_table(store, df, args.batch)
            store.close()
            if not rep.ok:
                print("galat: impor dibatalkan, tidak ada yang disimpan:", file=sys.stderr)
                for e in rep.errors:
                    print("  - " + e, file=sys.stderr)
                return 1
            build(args.db or default_db_path())
            print(f"{rep.rows} baris diimpor ke {rep.path} ({rep.replaces_illustrative} menggantikan "
                  "data ilustrasi); basis data dibangun ulang.")
            return 0
        if args.command == "frameworks":
            for fid in frameworks.available():
                print(f"{fid}\t{frameworks.load(fid).nama}")
            return 0
        # scores
        if args.framework not in frameworks.available():
            print(f"galat: kerangka '{args.framework}' tidak ada; pilihan: "
                  f"{', '.join(frameworks.available())}", file=sys.stderr)
            return 2
        fw = frameworks.load(args.framework)
        store = Store(args.db)
        res = compute(store, fw)
        if args.year not in res.years:
            print(f"galat: tidak ada data tahun {args.year} untuk kerangka {fw.id}; tahun tersedia: "
                  f"{', '.join(map(str, res.years))}", file=sys.stderr)
            return 2
        table = res.table(args.year)
        if args.format == "csv":
            sys.stdout.write(table.to_csv(index=False))
        else:
            recs = json.loads(table.to_json(orient="records"))
            json.dump({"framework": fw.id, "year": args.year, "data_version": res.data_version,
                       "illustrative": fw.illustrative, "regions": recs},
                      sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        return 0
    except (frameworks.FrameworkError, ValueError, FileNotFoundError, OSError) as e:
        print(f"galat: {e}", file=sys.stderr)
        return 1
