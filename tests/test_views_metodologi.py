"""Data & Metodologi view: catalogue coverage checked against the raw files, methods text from
the registries, framework spec, sources, scores and observations for download."""
import pandas as pd
import pytest
from conftest import ROOT

from berdaya_core import compute, load_framework, methods
from berdaya_core.store import stat_files
from berdaya_core.views import metodologi as met


@pytest.fixture(scope="module")
def wjde(real_store):
    return met.overview(real_store, "wjde", 2024)


def _raw_years() -> dict[str, set]:
    """Years per indicator read straight from the data files (not from the database)."""
    data = ROOT / "data"
    years: dict[str, set] = {}
    for rel, _ in stat_files(data):
        df = pd.read_csv(data / rel, dtype={"region_code": str})
        df = df[df["value"].notna()]
        for iid, g in df.groupby("indicator"):
            years.setdefault(iid, set()).update(int(y) for y in g["year"].dropna())
    for iid in ("luas_km2_batas", "jumlah_desa_kel"):       # computed from the 2025 boundaries
        years.setdefault(iid, set()).add(2025)
    return years


def test_catalogue_lists_every_indicator_with_its_years(wjde):
    csv = pd.read_csv(ROOT / "data/indicators.csv", dtype=str, keep_default_na=False)
    cat = wjde["catalogue_download"]
    assert sorted(cat["id"]) == sorted(csv["id"]) and wjde["n_catalogue"] == len(csv)
    raw = _raw_years()
    for r in cat.itertuples():
        ys = raw.get(r.id, set())
        if ys:
            assert (r.tahun_awal, r.tahun_akhir) == (min(ys), max(ys)), r.id
            assert r.tahun_tersedia.startswith(met.years_text(ys)), r.id
        else:
            assert pd.isna(r.tahun_awal) and pd.isna(r.tahun_akhir), r.id
    by_id = cat.set_index("id")["tahun_tersedia"]
    # hand-checked against data/stats/SOURCES.md
    assert by_id["kemiskinan_pct"] == "2020–2024"
    assert by_id["penduduk"] == "2010, 2020–2021, 2023"
    assert by_id["penduduk_miskin_ribu"] == "2018–2020, 2023–2024"
    assert by_id["luas_km2_bps"] == "tanpa tahun acuan"
    assert by_id["luas_km2_batas"] == "2025"


def test_catalogue_columns_in_words(wjde):
    cat = wjde["catalogue_download"].set_index("id")
    assert cat.at["kemiskinan_pct", "arah_baik"] == "makin rendah makin baik"
    assert cat.at["umk_rp", "arah_baik"] == "deskriptif (tanpa arah baik/buruk)"
    assert cat.at["kemiskinan_pct", "dipakai_di"] == "wjde: pilar Kemiskinan"
    assert cat.at["ipm_uhh_lfsp2020", "dipakai_di"] == "ipm_bps: konteks; wjde: pilar Pembangunan manusia (IPM)"
    assert cat.at["rppa_aktif", "jenis_data"] == "data ilustrasi" and cat.at["rppa_aktif", "ilustratif"]
    assert cat.at["stunting_pct_dinkes", "jenis_data"] == "belum terverifikasi"
    assert cat.at["kemiskinan_pct", "tingkat_wilayah"] == "provinsi, kabupaten, kota"
    assert cat.at["kemiskinan_pct", "jumlah_nilai"] == 320
    shown = wjde["catalogue"]
    assert list(shown.columns)[:2] == ["Indikator", "Tahun tersedia"] and len(shown) == len(cat)
    assert {"Definisi", "Satuan", "Arah baik", "Sumber", "Tingkat wilayah", "Jenis data"} <= set(shown.columns)


def test_catalogue_search_and_framework_filter(real_store):
    d = met.overview(real_store, "wjde", 2024, cari="miskin BPS")
    ids = set(d["catalogue_download"]["id"])
    assert {"kemiskinan_pct", "penduduk_miskin_ribu"} <= ids and "tpt_pct" not in ids
    assert set(d["observations_download"]["indikator"]) <= ids
    none = met.overview(real_store, "wjde", 2024, cari="tidakadaindikatorini")
    assert none["n_shown"] == 0 and none["observations"].empty
    fw = load_framework("wjde")
    only = met.overview(real_store, "wjde", 2024, hanya_kerangka=True)
    assert set(only["catalogue_download"]["id"]) == set(fw.indicator_ids()) | set(fw.context)


def test_methods_come_from_the_registries(wjde):
    names = list(wjde["normalisers"]["Metode"])
    assert names == [m["nama"] for m in methods.NORMALISERS.values()]
    assert list(wjde["normalisers"]["Dipakai wjde"]) == ["", "", "ya", "", ""]
    assert list(wjde["aggregators"]["Dipakai wjde"]) == ["ke pilar dan komposit", ""]
    text = {s["judul"]: s["isi"] for s in wjde["methods"]}
    for key in ("Arah baik", "Normalisasi", "Agregasi", "kecukupan", "dibagi ulang", "Peringkat",
                "tahun sebelumnya", "CAGR", "Capaian target", "Status target", "kelas", "kepekaan"):
        assert any(key in j for j in text), key
    cov = next(v for k, v in text.items() if "kecukupan" in k)
    assert "**50%**" in cov and "**60%**" in cov and "minimal 4 dari 6 pilar" in cov
    assert "pilar Stunting tidak punya skor" in next(v for k, v in text.items() if "dibagi ulang" in k)
    # worked examples use real values: IPM Kabupaten Bogor 2024 = 73,63, target 75,5 (2026)
    cap = next(v for k, v in text.items() if k.startswith("Capaian"))
    assert "73,63 ÷ 75,5 × 100 = 97,5%" in cap
    status = next(v for k, v in text.items() if k.startswith("Status"))
    assert "(75,5 − 73,63) ÷ (2026 − 2024) = +0,94 per tahun" in status and "off track" in status


def test_framework_spec(wjde, real_store):
    spec = wjde["spec"]
    assert spec["scope"] == "Kabupaten dan kota di Provinsi Jawa Barat (32)"
    assert len(spec["pillars"]) == 6 and len(spec["indicators"]) == 8
    pov, pdrb, stunt = "Persentase penduduk miskin (P0)", "PDRB per kapita (ADHB)", "Prevalensi balita stunting (SSGI)"
    ind = spec["indicators"].set_index("Indikator")
    assert ind.at[pov, "Batas bawah–atas"] == "0 – 15" and ind.at[pov, "Arah baik"] == "makin rendah makin baik"
    assert ind.at[pdrb, "Batas bawah–atas"] == "15.000 – 250.000" and ind.at[pdrb, "Transformasi"] == "logaritma"
    assert "Data ilustrasi" not in ind.columns
    tg = spec["targets"].set_index("Indikator")
    assert tg.at[pov, "Target"] == "6 pada 2026" and tg.at[pov, "Tahun dasar"] == "2023"
    assert tg.at[pov, "Jenis target"] == "asumsi tim"
    assert tg.at[stunt, "Jenis target"] == "resmi" and "Perpres 72/2021" in tg.at[stunt, "Catatan"]
    assert len(tg) == 4
    assert (spec["n_assumed"], spec["n_targets"]) == (3, 4)
    res = compute(real_store, load_framework("wjde"))
    assert list(spec["step_log"]["Jumlah baris"]) == [f"{s['baris']:,}".replace(",", ".") for s in res.steps]
    assert list(spec["step_log"]["Langkah"])[0] == "Data mentah dalam cakupan"
    kb = met.overview(real_store, "kecamatan_berdaya", 2025)["spec"]
    assert kb["illustrative"] and kb["scope"] == "Kecamatan di Kabupaten Wonosobo (33.07)"
    assert set(kb["indicators"]["Data ilustrasi"]) == {"data ilustrasi"}


def test_sources_version_and_batches(wjde, real_store):
    md = wjde["sources_md"]
    for words in ("Sumber: BPS", "MIT", "data ilustrasi", "belum terverifikasi", "20251030"):
        assert words.lower() in md.lower(), words
    assert wjde["licences"] == ["cahyadsn-wilayah-MIT.txt", "cahyadsn-wilayah_boundaries-MIT.txt"]
    assert wjde["data_version"] == real_store.version
    b = wjde["batches"]
    assert set(b["Batch"]) == set(real_store.batches()["batch"])
    assert set(b["Jenis data"]) >= {"resmi", "belum terverifikasi", "data ilustrasi"}


def test_scores_table_is_the_result_table(wjde, real_store):
    t = compute(real_store, load_framework("wjde")).table(2024)
    down = wjde["scores_download"]
    pd.testing.assert_frame_equal(down[t.columns], t)
    assert (down["tahun"] == 2024).all() and not down["data_ilustrasi"].any()
    assert down["sumber"].iloc[0].startswith("Sumber: BPS")
    assert wjde["scores"].iloc[0]["Wilayah"] == t.iloc[0]["nama"]
    sub = met.overview(real_store, "wjde", 2024, regions=["32.03", "32.73"])
    assert sorted(sub["scores_download"]["kode"]) == ["32.03", "32.73"]
    assert set(sub["observations_download"]["kode"]) == {"32.03", "32.73"}


def test_observations_in_scope(wjde, real_store):
    obs = wjde["observations_download"]
    scope = set(compute(real_store, load_framework("wjde")).regions["kode"])
    assert set(obs["kode"]) == scope
    n = real_store.df("SELECT count(*) AS n FROM observations WHERE list_contains(?, region_code)",
                      [sorted(scope)])["n"].iloc[0]
    assert len(obs) == n and len(wjde["observations"]) == n
    assert obs["sumber"].notna().all()
    assert "belum terverifikasi" in set(obs["jenis_data"])
    cianjur = obs[(obs.kode == "32.03") & (obs.indikator == "kemiskinan_pct") & (obs.tahun == 2024)]
    assert cianjur["nilai"].iloc[0] == 10.14
    shown = wjde["observations"]
    assert "10,14" in set(shown[(shown.Kode == "32.03") & (shown.Indikator.str.startswith("Persentase penduduk"))
                                & (shown.Tahun == "2024")]["Nilai"])
