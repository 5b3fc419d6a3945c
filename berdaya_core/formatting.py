"""Indonesian number formatting: 1.234,5 and 12,3%. Missing stays visibly missing."""
from __future__ import annotations

import math

MISSING = "tidak ada data"


def _is_missing(x) -> bool:
    if x is None:
        return True
    try:
        return math.isnan(float(x))
    except (TypeError, ValueError):
        return True


def angka(x, desimal: int = 1, missing: str = MISSING) -> str:
    """1234.5 -> '1.234,5'."""
    if _is_missing(x):
        return missing
    s = f"{float(x):,.{desimal}f}"
    s = s.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return "−" + s[1:] if s.startswith("-") else s  # typographic minus, as in bertanda


def desimal_perlu(values, maks: int = 2) -> int:
    """Decimals needed to show numbers as published (0..maks): [7, 12] -> 0, [7.05] -> 2."""
    vals = []
    for v in values if hasattr(values, "__iter__") else [values]:
        if not _is_missing(v):
            vals.append(float(v))
    for d in range(maks + 1):
        if all(abs(round(v, d) - v) <= 1e-9 * max(1.0, abs(v)) for v in vals):
            return d
    return maks


def persen(x, desimal: int = 1, missing: str = MISSING) -> str:
    """12.34 -> '12,3%' (x is already in percent)."""
    if _is_missing(x):
        return missing
    return angka(x, desimal) + "%"


def bertanda(x, desimal: int = 1, missing: str = MISSING, suffix: str = "") -> str:
    """Signed change: 1.5 -> '+1,5', -2 -> '−2,0'."""
    if _is_missing(x):
        return missing
    v = float(x)
    sign = "+" if v > 0 else ("−" if v < 0 else "±")
    return sign + angka(abs(v), desimal) + suffix


def rupiah(x, missing: str = MISSING) -> str:
    if _is_missing(x):
        return missing
    return "Rp" + angka(x, 0)
