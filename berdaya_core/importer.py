"""Import of officials' own data (CSV or XLSX, the long format of data/stats/).

The file is checked completely before anything is written: known Kemendagri codes, known
indicator ids, numeric values, plausible years, no duplicates. A valid file is saved to
``data/impor/<batch>.csv``; the next build loads it with priority over the illustrative
data, so real values replace illustrative ones for the same region, indicator and year.
Nothing is stored half-way: on any error nothing is written.
"""
from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import paths
from .store import IMPORT_DIR, Store

REQUIRED = ["region_code", "indicator", "year", "value"]
OPTIONAL = ["region_name", "unit", "source"]
BATCH_RE = re.compile(r"^[a-z0-9_]{3,60}$")


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[str] = field(default_factory=list)
    replaces_illustrative: int = 0
    path: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def read_table(name: str, content: bytes) -> pd.DataFrame:
    """Read an uploaded CSV or XLSX into strings (types are checked later)."""
    if name.lower().endswith((".xlsx", ".xlsm")):
        return pd.read_excel(io.BytesIO(content), dtype=str)
    return pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False, na_values=[""])


def validate(store: Store, df: pd.DataFrame) -> tuple[pd.DataFrame, ImportReport]:
    rep = ImportReport()
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        rep.errors.append("kolom wajib tidak ada: " + ", ".join(missing)
                          + " (wajib: " + ", ".join(REQUIRED) + ")")
        return df, rep
    if df.empty:
        rep.errors.append("berkas tidak berisi baris data")
        return df, rep
    d = df[[c for c in REQUIRED + OPTIONAL if c in df.columns]].copy()
    for c in ("region_code", "indicator"):
        d[c] = d[c].astype("string").str.strip()
    line = pd.Series(range(2, len(d) + 2), index=d.index)  # spreadsheet line numbers

    def bad(mask: pd.Series, what: str) -> None:
        if mask.any():
            rows = ", ".join(map(str, line[mask].head(5)))
            more = " …" if mask.sum() > 5 else ""
            rep.errors.append(f"{what} (baris {rows}{more})")

    regions = set(store.regions()["kode"])
    cat = store.indicators().set_index("id")
    bad(~d["region_code"].isin(regions), "kode wilayah Kemendagri tidak dikenal")
    bad(~d["indicator"].isin(cat.index), "id indikator tidak ada di katalog")
    year = pd.to_numeric(d["year"], errors="coerce")
    bad(year.isna() | (year % 1 != 0) | (year < 2000) | (year > 2100), "tahun tidak sah (2000–2100)")
    value = pd.to_numeric(d["value"].astype("string").str.replace(",", ".", regex=False), errors="coerce")
    bad(value.isna(), "nilai kosong atau bukan angka (data yang tidak ada: hapus barisnya)")
    d["year"], d["value"] = year, value
    dup = d.duplicated(["region_code", "indicator", "year"], keep=False)
    bad(dup, "baris ganda untuk wilayah, indikator dan tahun yang sama")
    if rep.errors:
        return d, rep
    d["year"] = d["year"].astype(int)
    if "source" not in d.columns:
        d["source"] = None
    d["source"] = d["source"].fillna("Data impor pengguna")
    if "unit" not in d.columns:
        d["unit"] = None
    d["unit"] = d["unit"].fillna(d["indicator"].map(cat["satuan"]))
    names = store.regions().set_index("kode")["nama"]
    d["region_name"] = d["region_code"].map(names)
    levels = store.regions().set_index("kode")["tingkat"]
    d["level"] = d["region_code"].map(levels)
    ill = store.df("SELECT region_code, indicator, year FROM observations WHERE illustrative")
    rep.replaces_illustrative = len(d.merge(ill, on=["region_code", "indicator", "year"]))
    rep.rows = len(d)
    out = d[["region_code", "region_name", "level", "indicator", "year", "value", "unit", "source"]]
    return out.sort_values(["region_code", "indicator", "year"]).reset_index(drop=True), rep


def import_table(store: Store, df: pd.DataFrame, batch: str, data_dir: Path | None = None) -> ImportReport:
    """Validate and, only if everything is valid, save as data/impor/<batch>.csv."""
    if not BATCH_RE.match(batch or ""):
        return ImportReport(errors=["nama batch hanya boleh huruf kecil, angka dan _ (3–60 karakter)"])
    clean, rep = validate(store, df)
    if not rep.ok:
        return rep
    folder = (data_dir or paths.DATA_DIR) / IMPORT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{batch}.csv"
    tmp = folder / f".{batch}.{os.getpid()}.tmp"
    clean.to_csv(tmp, index=False)
    os.replace(tmp, target)
    rep.path = target
    return rep


def template_csv(store: Store) -> bytes:
    """An example file in the import format: the illustrative RPPA values of the pilots,
    to be overwritten with real figures."""
    ex = store.df(
        "SELECT o.region_code, r.nama AS region_name, o.indicator, o.year, o.value, o.unit "
        "FROM observations o JOIN regions r ON r.kode = o.region_code "
        "WHERE o.illustrative AND r.pilot AND o.indicator LIKE 'rppa%' AND o.year = 2025 "
        "ORDER BY o.region_code, o.indicator")
    ex["source"] = "ISI: nama instansi, dokumen dan tanggal"
    return ex.to_csv(index=False).encode("utf-8")


def run_upload(store: Store, name: str, content: bytes, batch: str) -> dict:
    """Page entry point: read an uploaded file, validate it, store it if valid."""
    try:
        df = read_table(name, content)
    except Exception as e:  # noqa: BLE001 - any unreadable upload gets one clear message
        return {"ok": False, "errors": [f"berkas tidak dapat dibaca sebagai CSV/XLSX ({type(e).__name__})"]}
    rep = import_table(store, df, batch)
    return {"ok": rep.ok, "errors": rep.errors, "rows": rep.rows,
            "replaces_illustrative": rep.replaces_illustrative,
            "path": str(rep.path.relative_to(paths.ROOT)) if rep.path else None}
