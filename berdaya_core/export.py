"""Table exports (CSV is pandas' own; XLSX through openpyxl)."""
from __future__ import annotations

import io

import pandas as pd


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "data") -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        df.to_excel(xw, index=False, sheet_name=sheet[:31] or "data")
    return buf.getvalue()
