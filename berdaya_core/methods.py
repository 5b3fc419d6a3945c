"""Registries of pipeline methods, by name.

Each method is a fixed SQL expression over the columns the engine prepares; no user
value is ever pasted into them (values arrive through bound parameters or registered
relations). Adding a method = adding an entry here plus a hand-worked test.

Normalisation columns (one row per region x indicator x year, within the scope):
  v     value, after the optional log transform
  pol   +1 higher is better, -1 lower is better
  mn, mx, mean, sd   min, max, mean, sample standard deviation of v over the scope & year
  lo, hi            goalposts (transformed like v)
  tgt               target (transformed like v)
  prank             percent rank (0..1) of pol*v within the scope & year, ties share the lowest
Aggregation columns (one row per child score): x score, w weight.
"""
from __future__ import annotations

NORMALISERS: dict[str, dict[str, str]] = {
    "minmax": {
        "sql": "CASE WHEN mx = mn THEN 50.0 WHEN pol > 0 THEN 100.0 * (v - mn) / (mx - mn) "
               "ELSE 100.0 * (mx - v) / (mx - mn) END",
        "nama": "Min-maks",
        "uraian": "Nilai terendah di cakupan = 0 dan tertinggi = 100 (dibalik bila makin rendah makin "
                  "baik). Bila semua wilayah sama, semuanya 50.",
    },
    "zscore": {
        "sql": "CASE WHEN sd IS NULL OR sd = 0 THEN 0.0 ELSE pol * (v - mean) / sd END",
        "nama": "Skor-z",
        "uraian": "Selisih dari rata-rata cakupan dibagi simpangan baku (sampel); 0 = rata-rata, "
                  "positif = lebih baik.",
    },
    "goalposts": {
        "sql": "greatest(0.0, least(100.0, CASE WHEN pol > 0 THEN 100.0 * (v - lo) / (hi - lo) "
               "ELSE 100.0 * (hi - v) / (hi - lo) END))",
        "nama": "Batas tetap (goalposts)",
        "uraian": "Posisi nilai di antara batas bawah dan atas yang ditetapkan di kerangka, 0–100, "
                  "dipotong di luar batas. Batas tetap membuat skor sebanding antartahun.",
    },
    "target": {
        "sql": "greatest(0.0, least(100.0, CASE "
               "WHEN pol > 0 AND v >= tgt THEN 100.0 WHEN pol < 0 AND v <= tgt THEN 100.0 "
               "WHEN pol > 0 THEN CASE WHEN tgt = mn THEN 0.0 ELSE 100.0 * (v - mn) / (tgt - mn) END "
               "ELSE CASE WHEN mx = tgt THEN 0.0 ELSE 100.0 * (mx - v) / (mx - tgt) END END))",
        "nama": "Jarak ke target",
        "uraian": "100 = target tercapai; 0 = wilayah terjauh dari target di cakupan; di antaranya "
                  "linear.",
    },
    "rank": {
        "sql": "100.0 * prank",
        "nama": "Peringkat persentil",
        "uraian": "Persentil peringkat di cakupan: terbaik = 100, terburuk = 0; nilai sama mendapat "
                  "persentil yang sama.",
    },
}

AGGREGATORS: dict[str, dict[str, str]] = {
    "arithmetic": {
        "sql": "sum(w * x) / sum(w)",
        "nama": "Rata-rata aritmetik berbobot",
        "uraian": "Jumlah skor × bobot dibagi jumlah bobot indikator yang ada datanya "
                  "(bobot dibagi ulang atas yang tersedia).",
    },
    "geometric": {
        "sql": "CASE WHEN min(x) < 0 THEN NULL WHEN min(x) = 0 THEN 0.0 "
               "ELSE exp(sum(w * ln(CASE WHEN x > 0 THEN x END)) / sum(w)) END",
        "nama": "Rata-rata geometrik berbobot",
        "uraian": "Hasil kali skor berpangkat bobot (seperti IPM BPS); skor rendah di satu komponen "
                  "tidak bisa ditutup penuh oleh komponen lain. Tidak dihitung untuk skor negatif.",
    },
}


def normaliser_case() -> str:
    """One CASE expression that applies each row's method (the column ``method``)."""
    parts = ["CASE method"]
    for name, m in NORMALISERS.items():
        parts.append(" WHEN '" + name + "' THEN " + m["sql"])
    parts.append(" END")
    return "".join(parts)


def aggregator_sql(name: str) -> str:
    if name not in AGGREGATORS:
        raise KeyError(name)
    return AGGREGATORS[name]["sql"]
