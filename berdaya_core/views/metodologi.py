"""Data & Metodologi: the indicator catalogue (with the years actually covered), the methods in
plain Indonesian, the selected framework's spec and step log, sources and licences, the data
version and batches, and the framework's scores and observations for download.

Every method text here describes what the engine (engine._INDICATOR_SQL and friends) and
analysis.py actually do; method names and descriptions come from the registries in methods.py.
"""
from __future__ import annotations

import math

import pandas as pd

from .. import analysis, frameworks, methods, paths
from .. import formatting as fmt
from ..engine import compute
from ..frameworks import Framework
from ..store import Store
from .common import ILUSTRASI, POLARITY_LABEL, catalogue
from .simulasi import auto_angka, source_line, years_text

JENIS_LABEL = {"resmi": "resmi", "belum_terverifikasi": "belum terverifikasi", "ilustrasi": ILUSTRASI,
               "impor": "impor data pejabat"}
STEP_LABEL = {"raw": "Data mentah dalam cakupan", "normalise": "Normalisasi",
              "aggregate→pillar": "Agregasi ke pilar", "aggregate→composite": "Agregasi ke skor komposit"}
STEP_NOTE = {
    "raw": "nilai indikator kerangka dan indikator konteks, semua wilayah cakupan dan semua tahun",
    "normalise": "nilai indikator pilar yang diubah ke skala bersama",
    "aggregate→pillar": "wilayah × tahun × pilar (termasuk yang kosong karena datanya kurang)",
    "aggregate→composite": "wilayah × tahun (termasuk yang kosong karena datanya kurang)",
}
LEVEL_ORDER = ["provinsi", "kabupaten", "kota", "kecamatan", "desa"]

_COVERAGE_SQL = """
SELECT o.indicator AS id,
       list(DISTINCT o.year ORDER BY o.year) FILTER (WHERE o.year IS NOT NULL) AS years,
       count(*) FILTER (WHERE o.year IS NULL) AS n_tanpa_tahun,
       count(*) AS n, count(DISTINCT o.region_code) AS n_wilayah,
       list(DISTINCT r.tingkat) AS tingkat_obs,
       list(DISTINCT b.jenis ORDER BY b.jenis) AS jenis
FROM observations o
JOIN regions r ON r.kode = o.region_code
LEFT JOIN batches b USING (batch)
GROUP BY o.indicator
"""

_BATCHES_SQL = """
SELECT b.batch, b.file, b.jenis, b.n_rows, b.sha256, count(o.value) AS n_dimuat,
       min(o.year) AS dari, max(o.year) AS sampai
FROM batches b LEFT JOIN observations o USING (batch)
GROUP BY ALL ORDER BY b.batch
"""


# --- Catalogue -------------------------------------------------------------------------------
def _usage() -> dict[str, list[str]]:
    """indicator id -> ['wjde: pilar Kemiskinan', 'ipm_bps: konteks', …]."""
    out: dict[str, list[str]] = {}
    for fid in frameworks.available():
        f = frameworks.load(fid)
        for ind in f.indicators:
            out.setdefault(ind.id, []).append(f"{fid}: pilar {f.pillar(ind.pillar).nama}")
        for cid in f.context:
            if cid not in f.indicator_ids():
                out.setdefault(cid, []).append(f"{fid}: konteks")
    return out


def _levels_text(levels) -> str:
    levels = [x for x in LEVEL_ORDER if x in set(levels if levels is not None else [])]
    return ", ".join(levels) if len(levels) else "—"


def catalogue_table(store: Store) -> pd.DataFrame:
    """Every catalogue indicator with what the observations actually cover (raw columns)."""
    cat = catalogue(store).reset_index()
    cov = store.df(_COVERAGE_SQL)
    df = cat.merge(cov, on="id", how="left")
    usage = _usage()
    years = [list(y) if isinstance(y, (list, tuple)) or hasattr(y, "__len__") else [] for y in df["years"]]
    no_year = df["n_tanpa_tahun"].fillna(0).astype(int)
    txt = []
    for ys, ny, n in zip(years, no_year, df["n"].fillna(0).astype(int)):
        if n == 0:
            txt.append("belum ada data")
            continue
        parts = [years_text(ys)] if ys else []
        if ny:
            parts.append("tanpa tahun acuan")
        txt.append("; ".join(parts))
    jenis = []
    for j, ilus in zip(df["jenis"], df["ilustratif"]):
        labels = [JENIS_LABEL.get(x, x) for x in (list(j) if j is not None and hasattr(j, "__len__") else [])]
        if ilus and ILUSTRASI not in labels:
            labels.append(ILUSTRASI)
        jenis.append(", ".join(labels) or "—")
    return pd.DataFrame({
        "id": df["id"], "nama": df["nama"], "definisi": df["definisi"], "satuan": df["satuan"],
        "polaritas": df["polaritas"], "arah_baik": df["polaritas"].map(POLARITY_LABEL),
        "tema_pilar": df["pilar"], "sumber": df["sumber"],
        "tahun_tersedia": txt,
        "tahun_awal": pd.array([min(y) if y else None for y in years], dtype="Int64"),
        "tahun_akhir": pd.array([max(y) if y else None for y in years], dtype="Int64"),
        "tingkat_wilayah": [_levels_text(t) for t in df["tingkat_obs"]],
        "tingkat_katalog": df["tingkat"].str.replace("_", "/").str.replace(";", ", "),
        "jumlah_nilai": df["n"].fillna(0).astype(int),
        "jumlah_wilayah": df["n_wilayah"].fillna(0).astype(int),
        "jenis_data": jenis, "ilustratif": df["ilustratif"].astype(bool),
        "dipakai_di": ["; ".join(usage.get(i, [])) or "—" for i in df["id"]],
    })


def _matches(df: pd.DataFrame, cari: str) -> pd.Series:
    words = [w for w in (cari or "").lower().split() if w]
    if not words:
        return pd.Series(True, index=df.index)
    hay = (df["id"] + " " + df["nama"] + " " + df["definisi"] + " " + df["satuan"] + " " + df["tema_pilar"]
           + " " + df["sumber"] + " " + df["jenis_data"] + " " + df["dipakai_di"] + " "
           + df["arah_baik"].fillna("")).str.lower()
    mask = pd.Series(True, index=df.index)
    for w in words:
        mask &= hay.str.contains(w, regex=False)
    return mask


def _catalogue_display(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Indikator": df["nama"], "Tahun tersedia": df["tahun_tersedia"], "Satuan": df["satuan"],
        "Arah baik": df["arah_baik"], "Jenis data": df["jenis_data"], "Dipakai di kerangka": df["dipakai_di"],
        "Sumber": df["sumber"], "Tingkat wilayah": df["tingkat_wilayah"],
        "Jumlah nilai": df["jumlah_nilai"].map(lambda v: fmt.angka(v, 0)), "Tema/pilar": df["tema_pilar"],
        "ID": df["id"], "Definisi": df["definisi"],
    }).reset_index(drop=True)


# --- Methods ---------------------------------------------------------------------------------
def _pct(x: float) -> str:
    return fmt.persen(100 * x, 0)


def _min_count(cov: float, n: int) -> int:
    return max(1, math.ceil(round(cov * n, 9))) if cov > 0 else 1


def _method_tables(f: Framework) -> tuple[pd.DataFrame, pd.DataFrame]:
    used_norm = {f.steps[0].method} | {i.normalise for i in f.indicators if i.normalise}
    norm = pd.DataFrame({
        "Metode": [m["nama"] for m in methods.NORMALISERS.values()],
        "Cara kerja": [m["uraian"] for m in methods.NORMALISERS.values()],
        "Kode": list(methods.NORMALISERS),
        f"Dipakai {f.id}": ["ya" if k in used_norm else "" for k in methods.NORMALISERS],
    })
    used_agg = {f.steps[1].method: "ke pilar", f.steps[2].method: "ke komposit"}
    if f.steps[1].method == f.steps[2].method:
        used_agg = {f.steps[1].method: "ke pilar dan komposit"}
    agg = pd.DataFrame({
        "Metode": [m["nama"] for m in methods.AGGREGATORS.values()],
        "Cara kerja": [m["uraian"] for m in methods.AGGREGATORS.values()],
        "Kode": list(methods.AGGREGATORS),
        f"Dipakai {f.id}": [used_agg.get(k, "") for k in methods.AGGREGATORS],
    })
    return norm, agg


def _examples(store: Store, f: Framework, res, year: int) -> dict[str, str]:
    """Worked examples from the data (so the rules can be checked by hand)."""
    cat = catalogue(store)
    names = res.regions.set_index("kode")["nama"]
    ind = res.indicators
    ex: dict[str, str] = {}
    tgt = ind[(ind["year"] == year) & ind["target"].notna() & ind["status"].notna()]
    if len(tgt):
        r = tgt.sort_values(["indicator", "region_code"]).iloc[0]
        nm, unit = cat.at[r["indicator"], "nama"], cat.at[r["indicator"], "satuan"]
        where = f"{nm}, {names.get(r['region_code'], r['region_code'])} {year}"
        if r["pol"] > 0:
            rumus = f"{auto_angka(r['value'])} ÷ {auto_angka(r['target'])} × 100"
        elif r["target"] > 0:
            rumus = f"{auto_angka(r['target'])} ÷ {auto_angka(r['value'])} × 100"
        else:
            rumus = (f"({auto_angka(r['baseline_value'])} − {auto_angka(r['value'])}) ÷ "
                     f"{auto_angka(r['baseline_value'])} × 100")
        ex["capaian"] = (f"Contoh — {where}: nilai {auto_angka(r['value'])} {unit}, target "
                         f"{auto_angka(r['target'])} pada {int(r['target_year'])}; capaian = {rumus} = "
                         f"{fmt.persen(r['achievement_pct'])}.")
        if pd.notna(r["rate_needed"]) and pd.notna(r["rate_recent"]):
            ex["status"] = (f"Contoh — {where}: laju terakhir {fmt.bertanda(r['rate_recent'], 2)} per tahun; "
                            f"laju yang dibutuhkan ({auto_angka(r['target'])} − {auto_angka(r['value'])}) ÷ "
                            f"({int(r['target_year'])} − {year}) = {fmt.bertanda(r['rate_needed'], 2)} per tahun "
                            f"→ status **{r['status']}**.")
        else:
            ex["status"] = f"Contoh — {where}: status **{r['status']}**."
    cg = ind[(ind["year"] == year) & ind["cagr"].notna() & ind["pillar"].notna()]
    if len(cg):
        r = cg.sort_values(["indicator", "region_code"]).iloc[0]
        n = year - int(r["first_year"])
        first = ind[(ind["region_code"] == r["region_code"]) & (ind["indicator"] == r["indicator"])
                    & (ind["year"] == r["first_year"])]["value"].iloc[0]
        ex["cagr"] = (f"Contoh — {cat.at[r['indicator'], 'nama']}, {names.get(r['region_code'])}: "
                      f"{auto_angka(first)} ({int(r['first_year'])}) → {auto_angka(r['value'])} ({year}); "
                      f"CAGR = ({auto_angka(r['value'])} ÷ {auto_angka(first)})^(1/{n}) − 1 = "
                      f"{fmt.persen(100 * r['cagr'], 2)} per tahun.")
    pil = res.pillars[res.pillars["year"] == year]
    empty = [f.pillar(p).nama for p, g in pil.groupby("pillar") if g["score"].notna().sum() == 0]
    if empty:
        ex["bobot"] = (f"Contoh — {year}: pilar {', '.join(empty)} tidak punya skor di wilayah mana pun, "
                       f"jadi skor komposit {year} adalah rata-rata berbobot {len(f.pillars) - len(empty)} "
                       f"pilar lainnya (bobotnya tidak dihitung sebagai nol).")
    return ex


def methods_text(store: Store, f: Framework, res, year: int) -> list[dict]:
    """The methods in plain Indonesian: list of {judul, isi (markdown)}."""
    norm, pil, comp = f.steps
    n_norm = methods.NORMALISERS[norm.method]["nama"]
    ex = _examples(store, f, res, year)
    n_p = len(f.pillars)
    logs = [i.id for i in f.indicators if i.transform == "log"]
    own = [f"`{i.id}` ({methods.NORMALISERS[i.normalise]['nama']})" for i in f.indicators if i.normalise]
    sections = [
        {"judul": "Arah baik (polaritas)", "isi": (
            "Setiap indikator punya arah. **Naik**: makin tinggi makin baik (mis. IPM, akses air minum). "
            "**Turun**: makin rendah makin baik (mis. kemiskinan, pengangguran, stunting). **Netral**: "
            "deskriptif (mis. jumlah penduduk, UMK, garis kemiskinan): tidak diperingkat dan tidak masuk skor. "
            "Kerangka boleh menetapkan arah sendiri untuk indikatornya (mis. kasus kekerasan yang ditangani "
            "dibaca sebagai jangkauan layanan, jadi naik). Normalisasi membalik indikator berarah turun, "
            "sehingga pada skor 0–100 angka lebih tinggi selalu berarti lebih baik.")},
        {"judul": "Normalisasi (mengubah nilai ke skala bersama)", "isi": (
            f"Kerangka **{f.nama}** memakai **{n_norm}** untuk indikatornya"
            + (f"; pengecualian: {', '.join(own)}" if own else "") + ". "
            + (f"Indikator {', '.join('`' + i + '`' for i in logs)} dilogaritmakan dulu (nilai, batas dan "
               "target), sehingga kenaikan dua kali lipat dihitung sama di mana pun titik awalnya. " if logs else "")
            + "Semua metode yang tersedia ada di tabel berikut."), "tabel": "normalisers"},
        {"judul": "Agregasi (menggabungkan skor)", "isi": (
            f"Skor indikator digabung menjadi skor pilar dengan **{methods.AGGREGATORS[pil.method]['nama']}**, "
            f"lalu skor pilar digabung menjadi {f.composite_name} dengan "
            f"**{methods.AGGREGATORS[comp.method]['nama']}**. Bobot indikator dan bobot pilar ada di spesifikasi "
            "kerangka; halaman Simulasi bisa mengubah bobot pilar tanpa mengubah data."), "tabel": "aggregators"},
        {"judul": "Aturan kecukupan data (min_coverage)", "isi": (
            f"Skor pilar hanya dihitung bila indikator pilar itu yang ada datanya (di antara indikator berbobot "
            f"lebih dari 0) paling sedikit **{_pct(pil.min_coverage)}** dari jumlah indikatornya. "
            f"{f.composite_name} hanya dihitung bila pilar yang punya skor (di antara pilar berbobot lebih dari 0) "
            f"paling sedikit **{_pct(comp.min_coverage)}**, yaitu minimal {_min_count(comp.min_coverage, n_p)} "
            f"dari {n_p} pilar. Bila kurang, skor dikosongkan (\"{fmt.MISSING}\"), tidak pernah dianggap nol.")},
        {"judul": "Bobot dibagi ulang atas yang tersedia", "isi": (
            "Rata-rata dihitung hanya atas indikator atau pilar yang ada nilainya: jumlah (skor × bobot) "
            "dibagi jumlah bobot yang tersedia. Indikator yang datanya tidak ada tidak ditambahkan sebagai "
            "nol; bobotnya dibagi ulang ke yang ada. " + ex.get("bobot", ""))},
        {"judul": "Peringkat dan nilai sama", "isi": (
            "Peringkat 1 = terbaik. Wilayah dengan skor yang sama (dibandingkan sampai 9 angka desimal) "
            "mendapat peringkat sama dan peringkat berikutnya dilompati (1, 2, 2, 4). Wilayah tanpa skor tidak "
            "diberi peringkat. Peringkat indikator mengikuti arah baiknya; indikator netral tidak diperingkat. "
            "Peringkat dihitung di antara wilayah dalam cakupan kerangka (di halaman Simulasi: di antara "
            "wilayah yang dipilih di panel samping).")},
        {"judul": "Perubahan dibanding tahun sebelumnya", "isi": (
            "Perubahan = nilai (atau skor) tahun ini − nilai tahun sebelumnya persis (t − 1). Bila tahun "
            "sebelumnya tidak ada datanya, perubahan dikosongkan. Perubahan peringkat = peringkat tahun lalu − "
            "peringkat tahun ini, jadi angka positif (▲) berarti naik peringkat dan negatif (▼) turun.")},
        {"judul": "Laju pertumbuhan majemuk per tahun (CAGR)", "isi": (
            "CAGR = (nilai tahun ini ÷ nilai pada tahun pertama yang ada datanya)^(1 ÷ selisih tahun) − 1, "
            "per wilayah dan indikator. Hanya dihitung bila kedua nilai positif dan tahun ini sesudah tahun "
            "pertama. " + ex.get("cagr", ""))},
        {"judul": "Capaian target (% dari target)", "isi": (
            "- Arah naik: capaian = nilai ÷ target × 100.\n"
            "- Arah turun dengan target lebih dari 0: capaian = target ÷ nilai × 100 (nilai dua kali target = 50%).\n"
            "- Arah turun dengan target 0: capaian = (nilai awal − nilai) ÷ nilai awal × 100; nilai awal = nilai "
            "pada tahun dasar target, atau tahun pertama yang ada datanya bila tahun dasar tidak ditetapkan.\n\n"
            "Target yang bertanda *asumsi* adalah asumsi tim Berdaya, bukan target resmi. " + ex.get("capaian", ""))},
        {"judul": "Status target: tercapai, on track, off track", "isi": (
            "1. **Tercapai**: nilai sudah sama atau lebih baik dari target (arah naik: nilai ≥ target; arah turun: "
            "nilai ≤ target).\n"
            "2. Belum tercapai dan tahun ini sudah sama atau lewat tahun target: **off track**.\n"
            "3. Selain itu dibandingkan dua laju per tahun: *laju yang dibutuhkan* = (target − nilai) ÷ (tahun "
            "target − tahun ini), dan *laju terakhir* = (nilai − nilai pengamatan sebelumnya) ÷ selisih tahunnya "
            "(pengamatan sebelumnya = tahun terakhir sebelum tahun ini yang ada datanya). **On track** bila laju "
            "terakhir sama cepat atau lebih cepat ke arah yang baik daripada laju yang dibutuhkan; selain itu "
            "**off track**.\n"
            "4. Tanpa pengamatan sebelumnya, status tidak ditentukan.\n\n"
            "Karena hanya memakai perubahan terakhir, satu tahun yang sangat baik atau buruk bisa membalik "
            "status. " + ex.get("status", ""))},
        {"judul": "Pembagian kelas warna peta", "isi": (
            "\n".join(f"- **{v}**" + {
                "quantile": ": batas kelas di kuantil, sehingga tiap kelas berisi jumlah wilayah yang (hampir) sama "
                            "(5 kelas bila tidak diubah).",
                "equal": ": rentang nilai terendah–tertinggi dibagi menjadi kelas-kelas yang sama lebarnya.",
                "target": ": kelas tetap menurut capaian target: "
                          + ", ".join(fmt.angka(x, 0) for x in analysis.TARGET_CLASSES) + "% dan ≥ 100% (tercapai).",
            }[k] for k, v in analysis.BREAK_METHODS.items())
            + "\n\nBatas yang sama (karena banyak nilai kembar) digabung, jadi jumlah kelas bisa lebih sedikit.")},
        {"judul": "Uji kepekaan peringkat terhadap bobot", "isi": (
            "Bobot pilar adalah pilihan kebijakan. Untuk mengujinya, setiap bobot pilar dikalikan faktor acak "
            "seragam antara 1 − s dan 1 + s (bawaan s = 25%), 500 kali dengan benih acak tetap 20251030. Setiap "
            "kali skor komposit dihitung ulang dari skor pilar dengan metode agregasi kerangka dan wilayah "
            "diperingkat ulang. Hasilnya median peringkat dan rentang peringkat 5–95% per wilayah; hanya wilayah "
            "yang punya skor komposit yang diuji. Rentang sempit = peringkat kokoh.")},
        {"judul": "Data yang tidak ada", "isi": (
            f"Nilai yang tidak ada ditampilkan \"{fmt.MISSING}\". Tidak ada nilai yang diisi nol, diinterpolasi "
            "atau diperkirakan. Nilai **data ilustrasi** selalu diberi label dan tidak boleh dibaca sebagai data "
            "resmi.")},
    ]
    return sections


# --- Framework spec --------------------------------------------------------------------------
def _scope_text(store: Store, f: Framework) -> str:
    regions = store.regions().set_index("kode")["nama"]
    levels = " dan ".join({"kabupaten": "kabupaten", "kota": "kota", "kecamatan": "kecamatan",
                           "provinsi": "provinsi", "desa": "desa/kelurahan"}[x] for x in f.scope.levels)
    where = []
    if f.scope.kabupaten:
        where.append(f"di {regions.get(f.scope.kabupaten, f.scope.kabupaten)} ({f.scope.kabupaten})")
    elif f.scope.provinsi:
        where.append(f"di Provinsi {regions.get(f.scope.provinsi, f.scope.provinsi).title()} ({f.scope.provinsi})")
    return (levels[:1].upper() + levels[1:] + " " + " ".join(where)).strip()


def framework_spec(store: Store, f: Framework, res) -> dict:
    cat = catalogue(store)
    norm_default = f.steps[0].method
    n_ind = {p.id: sum(1 for i in f.indicators if i.pillar == p.id) for p in f.pillars}
    pillars = pd.DataFrame({
        "Pilar": [p.nama for p in f.pillars], "ID": [p.id for p in f.pillars],
        "Bobot": [auto_angka(p.weight, 2) for p in f.pillars],
        "Jumlah indikator": [str(n_ind[p.id]) for p in f.pillars],
        "Keterangan": [p.deskripsi or "—" for p in f.pillars],
    })
    rows, targets = [], []
    for i in f.indicators:
        pol = i.polarity or cat.at[i.id, "polaritas"]
        rows.append({
            "Indikator": cat.at[i.id, "nama"], "Pilar": f.pillar(i.pillar).nama, "Bobot": auto_angka(i.weight, 2),
            "Arah baik": POLARITY_LABEL[pol] + (" (ditetapkan kerangka)" if i.polarity else ""),
            "Normalisasi": methods.NORMALISERS[i.normalise or norm_default]["nama"],
            "Batas bawah–atas": (f"{auto_angka(i.lo)} – {auto_angka(i.hi)}" if i.lo is not None else "—"),
            "Transformasi": "logaritma" if i.transform == "log" else "—",
            "Satuan": cat.at[i.id, "satuan"],
            "Data ilustrasi": ILUSTRASI if bool(cat.at[i.id, "ilustratif"]) else "—",
        })
        t = i.target
        if t:
            targets.append({
                "Indikator": cat.at[i.id, "nama"], "Target": f"{auto_angka(t.value)} pada {t.year}",
                "Tahun dasar": str(t.baseline_year) if t.baseline_year else "—",
                "Jenis target": "asumsi tim" if t.assumption else "resmi",
                "Catatan": t.note or "—",
            })
    indicators = pd.DataFrame(rows)
    if (indicators["Data ilustrasi"] == "—").all():
        indicators = indicators.drop(columns="Data ilustrasi")
    steps = pd.DataFrame({
        "Urutan": ["1", "2", "3"],
        "Langkah": ["Normalisasi", "Agregasi ke pilar", "Agregasi ke skor komposit"],
        "Metode": [methods.NORMALISERS[f.steps[0].method]["nama"],
                   methods.AGGREGATORS[f.steps[1].method]["nama"],
                   methods.AGGREGATORS[f.steps[2].method]["nama"]],
        "Kecukupan data minimum": ["—", _pct(f.steps[1].min_coverage), _pct(f.steps[2].min_coverage)],
    })
    log = pd.DataFrame({
        "Langkah": [STEP_LABEL.get(s["langkah"], s["langkah"]) for s in res.steps],
        "Metode": [methods.NORMALISERS.get(s["metode"], methods.AGGREGATORS.get(s["metode"], {})).get(
            "nama", "data tersimpan") for s in res.steps],
        "Jumlah baris": [fmt.angka(s["baris"], 0) for s in res.steps],
        "Isi": [STEP_NOTE.get(s["langkah"], "") for s in res.steps],
    })
    context = [f"{cat.at[c, 'nama']} (`{c}`)" for c in f.context if c in cat.index]
    return {
        "nama": f.nama, "id": f.id, "deskripsi": f.deskripsi, "program": f.program,
        "scope": _scope_text(store, f), "composite_name": f.composite_name,
        "illustrative": f.illustrative, "notes": list(f.notes), "context": context,
        "pillars": pillars, "indicators": indicators, "steps": steps, "step_log": log,
        "targets": pd.DataFrame(targets, columns=["Indikator", "Target", "Tahun dasar", "Jenis target",
                                                  "Catatan"]),
        "digest": f.digest(), "file": f"data/frameworks/{f.id}.toml",
        "n_assumed": sum(1 for i in f.indicators if i.target and i.target.assumption),
        "n_targets": sum(1 for i in f.indicators if i.target),
    }


# --- Sources ---------------------------------------------------------------------------------
SOURCES_MD = """
**Tiga jenis data yang tidak pernah dicampur:**

- **Resmi / terbitan** — dibaca dari sumber publik yang disebut namanya (batas dan kode wilayah, statistik).
- **Belum terverifikasi** — `data/stats/jabar_stunting_2024_dinkes_unverified.csv` (prevalensi dan jumlah balita
  stunting 2024, 27 kab/kota Jawa Barat). Angkanya berasal dari proyek mahasiswa yang menyebut Dinas Kesehatan
  Provinsi Jawa Barat tanpa menyebut survei atau metodenya, dan tidak cocok dengan SSGI 2024. Disimpan terpisah,
  tidak dipakai di kerangka mana pun, dan **tidak boleh dibandingkan dengan SSGI**.
- **Data ilustrasi** — `data/illustrative/kecamatan_berdaya_pilar.csv`: seluruh nilai empat pilar Kecamatan Berdaya
  (15 kecamatan Kabupaten Wonosobo, 2022–2025). Dibuat oleh `scripts/generate_illustrative.py` dengan benih acak tetap
  20251030 karena **tidak ada data publik** untuk pilar-pilar ini. **Bukan data resmi**; ganti dengan data Dinsos PMD /
  OPD melalui halaman Impor data (berkas impor disimpan di `data/impor/` dan menggantikan nilai ilustrasi yang sama).

**Sumber statistik** (kolom `source` setiap baris data menyebut tabel atau artikel persisnya):

- BPS — tabel dinamis (IPM, persentase penduduk miskin) dan *Provinsi Jawa Barat Dalam Angka 2025*.
- Open Data Jabar (data bersumber BPS: pengangguran terbuka, jumlah penduduk miskin).
- Kemendagri / Dukcapil / BIG melalui `cahyadsn/wilayah` (kode wilayah, penduduk terdaftar, luas).
- Kemenkes SSGI sebagaimana dikutip media (prevalensi stunting).
- Pemkab Wonosobo dan pemberitaan (fakta program Kecamatan Berdaya).

**Ketentuan penggunaan:**

- **BPS**: angka BPS boleh dikutip dengan menyebut sumbernya — tulis **"Sumber: BPS"** setiap kali angka berbasis BPS
  ditampilkan atau diekspor. Publikasi BPS tidak boleh diedarkan ulang untuk tujuan komersial tanpa izin tertulis.
- **Berita**: dilindungi hak cipta; hanya angka satu per satu yang dipakai, dengan menyebut sumbernya.
- **Batas dan kode wilayah** (Kepmendagri 2025): `cahyadsn/wilayah_boundaries` dan `cahyadsn/wilayah`, **lisensi MIT,
  © Cahya DSN**. Pemberitahuan hak cipta harus ikut setiap salinan (berkas lisensi di `data/licenses/`).
- Jembatan kode BPS–Kemendagri berasal dari `zakiego/Kode-Wilayah-Administrasi-Indonesia-Relasi-BPS-Kemendagri`
  (tanpa berkas lisensi; isinya kode rujukan resmi BPS/Kemendagri).
- Luas dari poligon batas (`luas_km2_batas`) dihitung saat basis data dibangun; **bukan statistik resmi**.

**Kerangka penilaian** (`data/frameworks/*.toml`) ditulis tim Berdaya. Tidak ditemukan daftar indikator atau target
angka resmi untuk Kecamatan Berdaya maupun WJDE: setiap target dan batas normalisasi yang tidak diterbitkan BPS adalah
**asumsi tim** (ditandai) dan sebaiknya diganti pejabat berwenang. Batas IPM di `ipm_bps.toml` adalah nilai
terbitan BPS.

Rincian lengkap: `data/SOURCES.md`, `data/stats/SOURCES.md`, `data/SOURCES_batas_wilayah.md`.
"""


def _batches(store: Store) -> pd.DataFrame:
    b = store.df(_BATCHES_SQL)
    return pd.DataFrame({
        "Batch": b["batch"], "Berkas": b["file"], "Jenis data": b["jenis"].map(JENIS_LABEL),
        "Baris di berkas": b["n_rows"].map(lambda v: fmt.angka(v, 0)),
        "Nilai dimuat": b["n_dimuat"].map(lambda v: fmt.angka(v, 0)),
        "Tahun": [(f"{int(a)}–{int(z)}" if a != z else str(int(a))) if pd.notna(a) else "tanpa tahun"
                  for a, z in zip(b["dari"], b["sampai"])],
        "SHA-256 (awal)": b["sha256"].map(lambda s: s[:12] if isinstance(s, str) else "— (dihitung dari batas)"),
    })


# --- Scores and observations -------------------------------------------------------------------
def _scores(store: Store, f: Framework, res, year: int, regions: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    t = res.table(year)
    if regions:
        t = t[t["kode"].isin(regions)].reset_index(drop=True)
    pcols = [c for c in t.columns if c.startswith("pilar_")]
    pnames = {"pilar_" + p.id: p.nama for p in f.pillars}
    disp = pd.DataFrame({
        "Peringkat": t["peringkat"].map(lambda r: fmt.angka(r, 0, missing="—")),
        "Wilayah": t["nama"],
        f"{f.composite_name}": t["skor_komposit"].map(lambda x: fmt.angka(x, 2)),
        "Perubahan skor": t["perubahan_skor"].map(lambda x: fmt.bertanda(x, 2)),
        "Perubahan peringkat": t["perubahan_peringkat"].map(
            lambda d: "—" if pd.isna(d) else (f"▲ {int(d)}" if d > 0 else (f"▼ {-int(d)}" if d < 0 else "="))),
        "Kecukupan data": t["cakupan_data"].map(lambda x: fmt.persen(100 * x, 0)),
    })
    for c in pcols:
        disp["Pilar " + pnames.get(c, c)] = t[c].map(lambda x: fmt.angka(x, 2))
    down = t.assign(tahun=year, kerangka=f.id, data_ilustrasi=f.illustrative,
                    sumber=source_line(store, f), versi_data=store.version)
    return disp, down


def _observations(store: Store, res, ids: list[str], regions: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    codes = regions or res.regions["kode"].tolist()
    obs = store.observations(region_codes=codes, indicators=ids)
    cat = catalogue(store)
    jenis = store.batches().set_index("batch")["jenis"]
    obs = obs.assign(
        indikator_nama=obs["indicator"].map(cat["nama"]),
        jenis_data=obs["batch"].map(jenis).map(JENIS_LABEL),
    )
    down = pd.DataFrame({
        "kode": obs["region_code"], "wilayah": obs["region_name"], "indikator": obs["indicator"],
        "nama_indikator": obs["indikator_nama"], "tahun": obs["year"], "nilai": obs["value"],
        "satuan": obs["unit"], "jenis_data": obs["jenis_data"], "data_ilustrasi": obs["illustrative"],
        "sumber": obs["source"], "batch": obs["batch"],
    })
    disp = pd.DataFrame({
        "Wilayah": down["wilayah"], "Kode": down["kode"], "Indikator": down["nama_indikator"],
        "Tahun": down["tahun"].map(lambda y: "tanpa tahun" if pd.isna(y) else str(int(y))),
        "Nilai": down["nilai"].map(auto_angka), "Satuan": down["satuan"], "Jenis data": down["jenis_data"],
        "Sumber": down["sumber"],
    })
    return disp, down


# --- The view --------------------------------------------------------------------------------
def overview(store: Store, fw: str, year: int, regions: list[str] | None = None, cari: str = "",
             hanya_kerangka: bool = False) -> dict:
    """Everything the Data & Metodologi page shows for framework ``fw`` and ``year``.

    ``cari`` filters the catalogue (all words must appear in id, name, definition, unit, theme,
    source, kind or framework use) and, with it, the observations table; ``hanya_kerangka``
    keeps only indicators used by ``fw`` (pillars or context); ``regions`` narrows the scores and
    observations to the shared region filter.
    """
    f = frameworks.load(fw)
    regions = list(regions or [])
    res = compute(store, f)
    cat_all = catalogue_table(store)
    used = set(f.indicator_ids()) | set(f.context)
    mask = _matches(cat_all, cari)
    if hanya_kerangka:
        mask &= cat_all["id"].isin(used)
    cat = cat_all[mask].reset_index(drop=True)
    norm_tab, agg_tab = _method_tables(f)
    year_ok = year in res.years
    scores_disp, scores_down = _scores(store, f, res, year, regions) if year_ok else (pd.DataFrame(),
                                                                                     pd.DataFrame())
    obs_disp, obs_down = _observations(store, res, cat["id"].tolist(), regions)
    level = "kecamatan" if "kecamatan" in f.scope.levels else "kabupaten/kota"
    return {
        "fw_id": f.id, "fw_nama": f.nama, "year": year, "year_ok": year_ok, "years": res.years,
        "illustrative": f.illustrative, "level": level, "n_regions": len(regions) or len(res.regions),
        "catalogue": _catalogue_display(cat), "catalogue_download": cat,
        "n_catalogue": len(cat_all), "n_shown": len(cat),
        "n_illustrative_shown": int(cat["ilustratif"].sum()),
        "methods": methods_text(store, f, res, year if year_ok else (res.latest_year() or year)),
        "normalisers": norm_tab, "aggregators": agg_tab,
        "spec": framework_spec(store, f, res),
        "sources_md": SOURCES_MD,
        "licences": sorted(p.name for p in (paths.DATA_DIR / "licenses").glob("*.txt")),
        "data_version": store.version, "batches": _batches(store),
        "scores": scores_disp, "scores_download": scores_down,
        "observations": obs_disp, "observations_download": obs_down,
        "source": source_line(store, f),
    }
