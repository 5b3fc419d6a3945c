"""Bangkitkan data ILUSTRASI empat pilar Kecamatan Berdaya untuk 15 kecamatan Kab. Wonosobo.

Tidak ada data publik untuk indikator pilar (RPPA, Lansia & Disabilitas, Taruna Karya
Mandiri, Sport Center Kecamatan). Skrip ini membuat angka yang *masuk akal* agar dasbor
dapat didemonstrasikan; angka ini BUKAN data resmi dan harus diganti dengan data
Dinsos PMD / OPD melalui fitur impor.

Keluaran: data/illustrative/kecamatan_berdaya_pilar.csv (format panjang, sama dengan
data/stats/*.csv ditambah kolom ``illustrative`` = 1).

Sifat:
- deterministik: satu ``numpy.random.default_rng(SEED)``, urutan undian tetap (wilayah
  diurutkan menurut kode, indikator menurut daftar INDICATORS, tahun menaik); tidak
  bergantung pada waktu atau urutan dict/set; dua kali jalan => berkas identik byte demi byte;
- kecamatan pilot (Kepil, Kalikajar, Wonosobo, Garung) menunjukkan perbaikan pada 2025
  di atas tren 2022-2024 (program mulai 2025); kecamatan lain mengikuti tren;
- +/-5 % baris (wilayah x indikator x tahun) dihapus secara acak (berseed) untuk meniru
  data yang tidak dilaporkan: nilai hilang = baris tidak ada, tidak pernah 0 atau kosong.
  Baris 2025 kecamatan pilot tidak ikut dihapus (pilot wajib melapor);
- hitungan = bilangan bulat, persen = 0-100 dengan 1 desimal, rasio = 2 desimal.

Pemakaian:  python scripts/generate_illustrative.py [--out PATH]
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

SEED = 20251030
ROOT = Path(__file__).resolve().parent.parent
REGIONS_CSV = ROOT / "data" / "regions" / "kode_wilayah_kemendagri_2025.csv"
DEFAULT_OUT = ROOT / "data" / "illustrative" / "kecamatan_berdaya_pilar.csv"

KODE_KAB = "33.07"  # Kabupaten Wonosobo
PILOT_CODES = ("33.07.02", "33.07.07", "33.07.09", "33.07.12")  # Kepil, Kalikajar, Wonosobo, Garung
YEARS = (2022, 2023, 2024, 2025)
PROGRAM_YEAR = 2025
DROP_SHARE = 0.05

SOURCE = ("Data ilustrasi (dibangkitkan oleh scripts/generate_illustrative.py, seed 20251030)"
          " — bukan data resmi")
COLUMNS = ["region_code", "region_name", "level", "indicator", "year", "value", "unit", "source",
           "illustrative"]

# Skala penduduk (ribu jiwa) hanya untuk menskalakan angka ilustrasi; tidak ditulis ke keluaran.
# Sumber: Sensus Penduduk 2020 seperti tercatat di data/stats/wonosobo_kabupaten_kecamatan.csv.
# Lima kecamatan tanpa angka publik (Kertek, Wonosobo, Watumalang, Mojotengah, Garung) diberi
# sisa total kabupaten 2020 (879.124 - 516.774 = 362.350 jiwa) dibagi menurut jumlah
# desa/kelurahan — ini perkiraan kasar, BUKAN statistik.
POP_RIBU = {
    "33.07.01": 60.5, "33.07.02": 64.5, "33.07.03": 61.2, "33.07.04": 51.8, "33.07.05": 46.2,
    "33.07.06": 53.5, "33.07.07": 70.3, "33.07.08": 83.6, "33.07.09": 79.6, "33.07.10": 63.7,
    "33.07.11": 75.7, "33.07.12": 59.7, "33.07.13": 46.2, "33.07.14": 35.5, "33.07.15": 27.1,
}
SHARE_PEMUDA = 0.24  # perkiraan porsi penduduk usia 16-30 tahun (ilustrasi)

# (id, unit, format) — urutan ini menentukan urutan undian acak; jangan diubah tanpa alasan.
INDICATORS = [
    ("rppa_aktif", "status (1 = aktif)", "int"),
    ("rppa_kasus_ditangani", "kasus", "int"),
    ("rppa_pct_kasus_tertangani", "persen", "pct"),
    ("lansia_pct_pendampingan", "persen", "pct"),
    ("disabilitas_pct_terdata_layanan", "persen", "pct"),
    ("lansia_posyandu_aktif_per_desa", "posyandu per desa/kelurahan", "ratio"),
    ("tkm_pemuda_dilatih", "per 1.000 pemuda", "rate"),
    ("tkm_usaha_baru", "usaha", "int"),
    ("tkm_pct_pemuda_bekerja", "persen", "pct"),
    ("sport_fasilitas_layak", "fasilitas", "int"),
    ("sport_kegiatan_per_bulan", "kegiatan per bulan", "rate"),
    ("sport_pct_warga_aktif", "persen", "pct"),
]


def read_kecamatan(path: Path = REGIONS_CSV) -> list[dict]:
    """15 kecamatan Wonosobo (kode, nama, jumlah desa+kelurahan), urut menurut kode."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    kec = sorted((r for r in rows if r["tingkat"] == "kecamatan" and r["kode_kab"] == KODE_KAB),
                 key=lambda r: r["kode"])
    n_desa: dict[str, int] = {}
    for r in rows:
        if r["tingkat"] == "desa_kelurahan" and r["kode_kab"] == KODE_KAB:
            n_desa[r["kode_kec"]] = n_desa.get(r["kode_kec"], 0) + 1
    out = [{"kode": r["kode"], "nama": r["nama"], "n_desa": n_desa.get(r["kode"], 0)} for r in kec]
    if len(out) != 15 or any(k["n_desa"] == 0 for k in out):
        raise SystemExit(f"diharapkan 15 kecamatan Wonosobo dengan desa/kelurahan, dapat {len(out)}")
    missing = [k["kode"] for k in out if k["kode"] not in POP_RIBU]
    if missing:
        raise SystemExit(f"skala penduduk tidak ada untuk {missing}")
    return out


def _clip_pct(x: float, lo: float = 0.5, hi: float = 99.5) -> float:
    return float(min(hi, max(lo, x)))


def _trend(rng, base: float, slope: float, sd: float, pilot: bool, lift: float) -> list[float]:
    """Nilai 2022-2025: tren linear + derau; pilot mendapat tambahan `lift` pada 2025."""
    vals = []
    for t, year in enumerate(YEARS):
        v = base + slope * t + rng.normal(0.0, sd)
        if pilot and year >= PROGRAM_YEAR:
            v += lift
        vals.append(v)
    return vals


def generate(kecamatan: list[dict], seed: int = SEED) -> list[dict]:
    rng = np.random.default_rng(seed)
    records: list[dict] = []

    # Kapasitas layanan laten per kecamatan (sebagian kecamatan umumnya lebih baik).
    capacity = {k["kode"]: float(rng.normal(0.0, 1.0)) for k in kecamatan}
    # Beberapa non-pilot sudah punya RPPA/layanan serupa atas inisiatif sendiri.
    non_pilot = [k["kode"] for k in kecamatan if k["kode"] not in PILOT_CODES]
    early = [non_pilot[i] for i in sorted(rng.choice(len(non_pilot), size=2, replace=False))]
    rppa_start = {early[0]: 2024, early[1]: 2025}

    for k in kecamatan:
        code, pilot, c = k["kode"], k["kode"] in PILOT_CODES, capacity[k["kode"]]
        pop = POP_RIBU[code]
        n_desa = k["n_desa"]
        vals: dict[str, list] = {}

        # --- Pilar 1: RPPA ------------------------------------------------------------
        start = PROGRAM_YEAR if pilot else rppa_start.get(code, 9999)
        vals["rppa_aktif"] = [1 if y >= start else 0 for y in YEARS]
        # kasus dilaporkan per tahun ~ 0,15 per 1.000 penduduk, naik pelan (pelaporan membaik);
        # RPPA pilot mempermudah pelaporan (+40-70 %, paling sedikit 1,3 x maksimum
        # 2022-2024) dan penanganan (+14-20 poin persen).
        rate = 0.15 * float(np.exp(rng.normal(0.0, 0.25)))
        p_base = 62.0 + 5.0 * c + rng.normal(0.0, 3.0)
        kasus, pct, reported_prev = [], [], []
        for t, y in enumerate(YEARS):
            lam = pop * rate * (1.0 + 0.06 * t)
            p = p_base + 1.5 * t + rng.normal(0.0, 4.0)
            if pilot and y >= PROGRAM_YEAR:
                lam *= rng.uniform(1.4, 1.7)
                p += rng.uniform(14.0, 20.0)
            reported = max(3, int(rng.poisson(lam)))
            if pilot and y >= PROGRAM_YEAR:
                reported = max(reported, int(np.ceil(1.3 * max(reported_prev))))
            reported_prev.append(reported)
            handled = int(round(reported * _clip_pct(p, 20.0, 100.0) / 100.0))
            handled = min(reported, max(1, handled))
            kasus.append(handled)
            pct.append(100.0 * handled / reported)
        vals["rppa_kasus_ditangani"] = kasus
        vals["rppa_pct_kasus_tertangani"] = pct

        # --- Pilar 2: Lansia & Disabilitas -------------------------------------------
        vals["lansia_pct_pendampingan"] = [_clip_pct(v) for v in _trend(
            rng, 18.0 + 5.0 * c + rng.normal(0.0, 3.0), 2.0, 1.5, pilot, rng.uniform(12.0, 18.0))]
        vals["disabilitas_pct_terdata_layanan"] = [_clip_pct(v) for v in _trend(
            rng, 26.0 + 6.0 * c + rng.normal(0.0, 4.0), 2.5, 2.0, pilot, rng.uniform(10.0, 16.0))]
        per_desa = _trend(rng, 1.0 + 0.2 * c + rng.normal(0.0, 0.1), 0.05, 0.05, pilot,
                          rng.uniform(0.3, 0.5))
        posyandu = [max(1, int(round(n_desa * max(0.3, v)))) for v in per_desa]
        vals["lansia_posyandu_aktif_per_desa"] = [n / n_desa for n in posyandu]

        # --- Pilar 3: Taruna Karya Mandiri -------------------------------------------
        pemuda = pop * 1000.0 * SHARE_PEMUDA
        per_1000 = _trend(rng, 4.0 + 1.2 * c + rng.normal(0.0, 0.8), 0.5, 0.4, False, 0.0)
        if pilot:  # pelatihan Taruna Karya Mandiri 2025: 2,5-3,5 kali tren
            per_1000[-1] *= rng.uniform(2.5, 3.5)
        dilatih = [max(10, int(round(pemuda * max(0.5, v) / 1000.0))) for v in per_1000]
        vals["tkm_pemuda_dilatih"] = [1000.0 * n / pemuda for n in dilatih]
        conv = 0.08 * float(np.exp(rng.normal(0.0, 0.2)))  # usaha baru per pemuda dilatih
        vals["tkm_usaha_baru"] = [int(rng.poisson(n * conv)) for n in dilatih]
        vals["tkm_pct_pemuda_bekerja"] = [_clip_pct(v) for v in _trend(
            rng, 42.0 + 5.0 * c + rng.normal(0.0, 4.0), 1.5, 2.0, pilot, rng.uniform(8.0, 13.0))]

        # --- Pilar 4: Sport Center Kecamatan -----------------------------------------
        fas = _trend(rng, n_desa * (0.9 + 0.15 * c) + rng.normal(0.0, 2.0), 0.6, 0.8, pilot,
                     rng.uniform(3.0, 6.0))
        vals["sport_fasilitas_layak"] = [max(3, int(round(v))) for v in fas]
        keg = _trend(rng, (3.0 + 0.8 * c) * pop / 55.0 + rng.normal(0.0, 0.5), 0.3, 0.4, pilot,
                     rng.uniform(3.0, 5.0))
        vals["sport_kegiatan_per_bulan"] = [max(0.5, v) for v in keg]
        vals["sport_pct_warga_aktif"] = [_clip_pct(v) for v in _trend(
            rng, 12.0 + 3.0 * c + rng.normal(0.0, 2.0), 0.6, 0.8, pilot, rng.uniform(5.0, 8.0))]

        for ind, unit, fmt in INDICATORS:
            for y, v in zip(YEARS, vals[ind]):
                records.append({"region_code": code, "region_name": k["nama"], "level": "kecamatan",
                                "indicator": ind, "year": y, "value": _fmt(v, fmt), "unit": unit,
                                "source": SOURCE, "illustrative": 1})

    records.sort(key=lambda r: (r["region_code"], r["indicator"], r["year"]))
    # Hapus ~5 % baris (bukan baris 2025 pilot) secara acak berseed.
    eligible = [i for i, r in enumerate(records)
                if not (r["region_code"] in PILOT_CODES and r["year"] >= PROGRAM_YEAR)]
    n_drop = int(round(DROP_SHARE * len(records)))
    drop = set(int(i) for i in rng.choice(eligible, size=n_drop, replace=False))
    return [r for i, r in enumerate(records) if i not in drop]


def _fmt(v, fmt: str) -> str:
    if fmt == "int":
        return str(int(v))
    if fmt == "pct":
        return f"{min(100.0, max(0.0, float(v))):.1f}"
    if fmt == "rate":
        return f"{float(v):.1f}"
    if fmt == "ratio":
        return f"{float(v):.2f}"
    raise ValueError(fmt)


def write_csv(records: list[dict], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(records)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help=f"berkas keluaran (bawaan: {DEFAULT_OUT.relative_to(ROOT)})")
    args = ap.parse_args(argv)
    records = generate(read_kecamatan())
    write_csv(records, args.out)
    print(f"{len(records)} baris ditulis ke {args.out}")


if __name__ == "__main__":
    main()
