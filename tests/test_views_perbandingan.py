"""Perbandingan views: numbers worked by hand from the CSV files in data/."""
import math

import pandas as pd
import pytest
from conftest import ROOT

from berdaya_core.views import perbandingan as pb

PILOTS = ["33.07.02", "33.07.07", "33.07.09", "33.07.12"]


def _csv(rel):
    return pd.read_csv(ROOT / rel, dtype={"region_code": str})


@pytest.fixture(scope="module")
def illustrative():
    return _csv("data/illustrative/kecamatan_berdaya_pilar.csv")


# --- helpers -------------------------------------------------------------------------------
def test_indonesian_formats():
    assert pb.fmt_value(15.28, "persen", 2) == "15,28%"
    assert pb.fmt_value(1234.5, "jiwa", 1) == "1.234,5"
    assert pb.fmt_value(2345678, "rupiah/bulan") == "Rp2.345.678"
    assert pb.fmt_value(float("nan"), "persen") == "tidak ada data"
    assert pb.change_text(-1.26, "persen", 1) == "−1,3 poin"
    assert pb.change_text(3, "indeks", 2) == "+3,00 poin"
    assert pb.change_text(12, "kasus", 0) == "+12 kasus"
    assert pb.rank_change_text(2) == "▲ 2" and pb.rank_change_text(-1) == "▼ 1"
    assert pb.rank_change_text(0) == "tetap" and pb.rank_change_text(pd.NA) == "tidak ada data"
    assert pb.decimals_for([69.82, 70.1]) == 2 and pb.decimals_for([3.0, 4.0]) == 0


# --- 1. pilots vs the other kecamatan ------------------------------------------------------------
def test_pilot_indicator_means_are_hand_means_of_the_csv(real_store, illustrative):
    d = pb.pilot(real_store, 2025, "sport_pct_warga_aktif")
    v = illustrative[(illustrative.indicator == "sport_pct_warga_aktif") & (illustrative.year == 2025)]
    # Kepil 18,7 + Kalikajar 23,5 + Wonosobo 16,9 + Garung 19,8 = 78,9 → 19,725
    pilots = v[v.region_code.isin(PILOTS)].value
    assert sorted(pilots) == [16.9, 18.7, 19.8, 23.5]
    assert sum(pilots) / 4 == pytest.approx(19.725)
    others = v[~v.region_code.isin(PILOTS)].value
    assert len(others) == 11
    row = d["indicator_means"].set_index("indikator").loc["sport_pct_warga_aktif"]
    assert row["rata_percontohan"] == pytest.approx(19.725)
    assert row["rata_lain"] == pytest.approx(others.mean())
    table = d["indicator_table"].set_index("Indikator")
    assert table.loc["Warga aktif berolahraga", "Percontohan 2025"] == "19,7%"
    # dot plot: the pilot mean line and the 15 kecamatan
    assert d["pilot_mean"] == pytest.approx(19.725)
    assert len(d["indicator_detail"]) == 15 and d["indicator_detail"]["Kecamatan"].iloc[0] == "Kalikajar"
    assert d["illustrative"] and "ilustrasi" in d["fig_pillars"].layout.title.text


def test_pilot_pillar_means_from_hand_minmax(real_store, illustrative):
    """Sport Center pillar 2025: min-max each indicator over the 15 kecamatan, mean per
    kecamatan (≥ 2 of 3 indicators), then the mean of the 4 pilots."""
    v = illustrative[(illustrative.year == 2025) & illustrative.indicator.str.startswith("sport_")]
    norm = v.assign(n=v.groupby("indicator").value.transform(lambda s: 100 * (s - s.min()) / (s.max() - s.min())))
    per_kec = norm.groupby("region_code").n.agg(["mean", "count"])
    per_kec = per_kec[per_kec["count"] >= 2]["mean"]
    hand_pilot = per_kec[per_kec.index.isin(PILOTS)].mean()
    hand_other = per_kec[~per_kec.index.isin(PILOTS)].mean()
    d = pb.pilot(real_store, 2025, "sport_pct_warga_aktif")
    row = d["means"].set_index("kode").loc["sport_center"]
    assert row["rata_percontohan"] == pytest.approx(hand_pilot)
    assert row["rata_lain"] == pytest.approx(hand_other)
    assert d["pillar_table"].iloc[4]["Percontohan 2025"] == f"{hand_pilot:.1f}".replace(".", ",")
    # change vs the previous year = this year's mean − last year's mean
    assert row["perubahan_percontohan"] == pytest.approx(row["rata_percontohan"] - row["rata_percontohan_tahun_lalu"])


def test_pilot_missing_value_shown_as_missing(real_store):
    d = pb.pilot(real_store, 2024, "sport_pct_warga_aktif")
    # sport_pct_warga_aktif 2024 has 14 of 15 values in the CSV
    det = d["indicator_detail"]
    assert (det["Nilai 2024"] == "tidak ada data").sum() == 1
    assert len(d["indicator_missing"]) == 1


# --- 2. Jawa Barat ranking -------------------------------------------------------------------------
def test_ranking_poverty_2024_by_hand(real_store):
    raw = _csv("data/stats/jabar_kabkota.csv")
    p = raw[(raw.indicator == "kemiskinan_pct") & raw.region_code.str.len().eq(5)]
    y24 = p[p.year == 2024].sort_values("value").reset_index(drop=True)
    y23 = p[p.year == 2023].sort_values("value").reset_index(drop=True)
    d = pb.peringkat(real_store, 2024, "ind:kemiskinan_pct")
    t = d["table"]
    assert len(t) == 27
    assert list(t["Kabupaten/kota"]) == list(y24.region_name)          # lowest poverty first
    assert t.iloc[0]["Kabupaten/kota"] == "Kota Depok" and t.iloc[0]["Nilai 2024"] == "2,34%"
    assert t.iloc[26]["Kabupaten/kota"] == "Kabupaten Indramayu" and t.iloc[26]["Nilai 2024"] == "11,93%"
    # Kota Sukabumi: 12th in 2023 (7,50%), 11th in 2024 (7,20%) → ▲ 1; Kab. Ciamis the reverse
    r23 = {n: i + 1 for i, n in enumerate(y23.region_name)}
    assert r23["Kota Sukabumi"] == 12 and r23["Kabupaten Ciamis"] == 11
    row = t.set_index("Kabupaten/kota").loc["Kota Sukabumi"]
    assert row["Peringkat"] == "11" and row["Perubahan peringkat"] == "▲ 1"
    assert row["Perubahan nilai"] == "−0,30 poin"
    assert t.set_index("Kabupaten/kota").loc["Kabupaten Ciamis", "Perubahan peringkat"] == "▼ 1"
    # chart: sorted bars with rank-change arrows, rank 1 on top
    bar = d["fig"].data[0]
    assert bar.orientation == "h" and bar.y[0] == "1. Kota Depok" and "▲1" in bar.text[10]
    assert "BPS" in d["source"]


def test_ranking_not_comparable_when_coverage_changes(real_store):
    # SSGI stunting: 9 kab/kota in 2021, 27 in 2022 → no rank change
    d = pb.peringkat(real_store, 2022, "ind:stunting_pct_ssgi")
    assert set(d["table"]["Perubahan peringkat"]) == {"tidak ada data"}
    assert any("tidak sebanding" in n for n in d["notes"])


def test_ranking_composite_matches_engine(real_store):
    from berdaya_core import compute, load_framework
    res = compute(real_store, load_framework("wjde"))
    top = res.table(2024).iloc[0]
    d = pb.peringkat(real_store, 2024, "komposit", highlight=["32.05"])
    assert d["table"].iloc[0]["Kabupaten/kota"] == top["nama"]
    assert d["fig"].data[0].marker.color.count("#D55E00") == 1       # the highlighted region


# --- 3. Wonosobo against Jawa Barat --------------------------------------------------------------------
def test_wonosobo_ipm_2024_rank_among_jabar(real_store):
    raw = _csv("data/stats/jabar_kabkota.csv")
    ipm = raw[(raw.indicator == "ipm_uhh_sp2010") & (raw.year == 2024) & raw.region_code.str.len().eq(5)].value
    assert len(ipm) == 27
    better = (ipm > 69.82).sum()                     # IPM: higher is better
    assert better == 22
    d = pb.benchmark(real_store, "ipm_uhh_sp2010", 2024)
    s = d["summary"]
    assert s["wonosobo"] == 69.82 and s["rank_equiv"] == 23 and s["n_total"] == 28
    assert s["jabar_min"] == 67.24 and s["jabar_max"] == 83.54 and s["jabar_median"] == ipm.median() == 72.65
    assert "setara peringkat 23 dari 28" in d["headline"]
    assert "min 67,24 · median 72,65 · maks 83,54" in d["headline"]
    # Wonosobo sits between Kab. Indramayu (69,83) and Kab. Majalengka (69,74) in the chart
    names = [y for tr in d["fig"].data for y in tr.y]
    order = list(d["fig"].layout.yaxis.categoryarray)
    w = next(n for n in names if "Wonosobo" in n)
    assert order.index(w) == 22 and "Indramayu" in order[21] and "Majalengka" in order[23]


def test_wonosobo_poverty_and_stunting(real_store):
    summ = pb.benchmark_summary(real_store).set_index(["indicator", "year"])
    pov = summ.loc[("kemiskinan_pct", 2024)]
    assert pov["wonosobo"] == 15.28 and pov["rank_equiv"] == 28      # poorer than all 27
    st = _csv("data/stats/stunting_kabkota.csv")
    j22 = st[(st.year == 2022) & st.region_code.str.match(r"^32\.\d\d$") & (st.indicator == "stunting_pct_ssgi")]
    assert len(j22) == 27
    stun = summ.loc[("stunting_pct_ssgi", 2022)]
    assert stun["wonosobo"] == 22.7 and stun["rank_equiv"] == (j22.value < 22.7).sum() + 1 == 20
    # only the same series in both provinces; Wonosobo's SSGI 2024 has no Jabar counterpart
    assert set(summ.index.get_level_values(0)) == {"ipm_uhh_sp2010", "kemiskinan_pct", "stunting_pct_ssgi"}
    assert ("stunting_pct_ssgi", 2024) not in summ.index
    assert summ.loc[("stunting_pct_ssgi", 2021), "n_jabar"] == 9


# --- 4. side by side ------------------------------------------------------------------------------------
def test_side_by_side_like_with_like_and_missing(real_store):
    d = pb.berdampingan(real_store, ["33.07", "32.73", "33.07.02"], ["ipm_uhh_sp2010", "kemiskinan_pct"], 2024)
    t = d["table"].set_index("Wilayah")
    assert t.loc["Kabupaten Wonosobo (Jawa Tengah)", "IPM (seri UHH SP2010) (indeks)"] == "69,82"
    assert t.loc["Kota Bandung (Jawa Barat)", "Persentase penduduk miskin (P0) (persen)"] == "3,87%"
    assert t.loc["Kec. Kepil (Kab. Wonosobo) ★", "IPM (seri UHH SP2010) (indeks)"] == "tidak ada data"
    # one panel (own x axis) per indicator; each bar trace holds a single indicator
    fig = d["fig"]
    assert len(fig.data) == 2 and {tr.xaxis for tr in fig.data} == {"x", "x2"}
    assert all(math.isnan(x) for x in [fig.data[0].x[2]])             # Kepil: a gap, not 0
    assert any(a.text == "tidak ada data" for a in fig.layout.annotations)
    assert any("berbeda tingkat" in n for n in d["notes"])
    dl = d["download"]
    assert set(dl.columns) >= {"kode_wilayah", "indikator", "tahun", "nilai", "sumber"} and len(dl) == 6


def test_side_by_side_warns_on_two_ipm_series(real_store):
    d = pb.berdampingan(real_store, ["32.73"], ["ipm_uhh_sp2010", "ipm_uhh_lfsp2020"], 2024)
    assert any("Dua seri IPM" in n for n in d["notes"])
    assert pb.berdampingan(real_store, [], ["kemiskinan_pct"], 2024)["empty"]


def test_options_defaults_follow_shared_filters(real_store):
    o = pb.options(real_store, "wjde", 2023, ["32.04"])
    assert o["wj_default_year"]["komposit"] == 2023 and o["wj_highlight"] == ["32.04"]
    assert "32.04" in o["sb_default_regions"] and "33.07" in o["sb_default_regions"]
    assert [i for i, _ in o["bm_indicators"]] == ["ipm_uhh_sp2010", "kemiskinan_pct", "stunting_pct_ssgi"]
    assert o["bm_years"]["stunting_pct_ssgi"] == [2021, 2022]
    k = pb.options(real_store, "kecamatan_berdaya", 2024, [])
    assert k["kb_year"] == 2024 and k["sb_default_regions"] == PILOTS
    labels = dict(k["sb_regions"])
    assert labels["33.07.09"] == "Kec. Wonosobo (Kab. Wonosobo) ★"
    assert labels["33.07"].startswith("Kabupaten Wonosobo")
