"""Simulasi view: what-if scenarios worked by hand on real numbers (WJDE, Kabupaten Cianjur 2024).

Hand work, from data/stats/jabar_kabkota.csv and data/frameworks/wjde.toml (goalposts):
  Cianjur 2024: IPM 68,89 (60–85), P0 10,14 (0–15, turun), TPT 5,99 (0–15, turun),
  PDRB/kapita 24.914 (log, 15.000–250.000), LPE 5,14 (−5–10), sanitasi 91,62 (40–100),
  air minum 63,3 (50–100); stunting SSGI only 2021–2022, so 5 of 6 pillars have a 2024 score.
"""
import math

import pandas as pd
import pytest
from conftest import ROOT

from berdaya_core import Override, Scenario, analysis, compute, load_framework
from berdaya_core.views import simulasi as sim

CIANJUR = "32.03"
POV_MINUS_ONE = {"region_code": CIANJUR, "indicator": "kemiskinan_pct", "year": 2024, "amount": -1.0,
                 "mode": "delta"}

IPM = 100 * (68.89 - 60) / 25
POV = 100 * (15 - 10.14) / 15
TPT = 100 * (15 - 5.99) / 15
EKO = (100 * (math.log(24914) - math.log(15000)) / (math.log(250000) - math.log(15000))
       + 100 * (5.14 + 5) / 15) / 2
LAY = (100 * (91.62 - 40) / 60 + 100 * (63.3 - 50) / 50) / 2


def _row(res, code=CIANJUR):
    d = res["download"]
    return d[d["kode"] == code].iloc[0]


def test_hand_worked_inputs_match_the_data_files():
    raw = pd.read_csv(ROOT / "data/stats/jabar_kabkota.csv", dtype={"region_code": str})
    c = raw[(raw.region_code == CIANJUR) & (raw.year == 2024)].set_index("indicator")["value"]
    assert c["kemiskinan_pct"] == 10.14 and c["ipm_uhh_lfsp2020"] == 68.89 and c["tpt_pct"] == 5.99
    assert c["pdrb_per_kapita_adhb_ribu_rp"] == 24914 and c["laju_pertumbuhan_pdrb_adhk_pct"] == 5.14
    assert c["sanitasi_layak_pct"] == 91.62 and c["air_minum_layak_pct"] == 63.3
    st = pd.read_csv(ROOT / "data/stats/stunting_kabkota.csv", dtype={"region_code": str})
    assert set(st[(st.region_code == CIANJUR)]["year"]) == {2021, 2022}


def test_baseline_is_the_hand_computed_mean_of_five_pillars(real_store):
    res = sim.simulate(real_store, "wjde", 2024)
    assert res["ok"] and res["summary"].startswith("Skenario: sama dengan kerangka asli")
    r = _row(res)
    assert r["skor_dasar"] == pytest.approx((IPM + POV + EKO + TPT + LAY) / 5, abs=1e-9)
    assert r["selisih_skor"] == pytest.approx(0, abs=1e-12) and r["selisih_peringkat"] == 0
    assert (res["download"]["selisih_skor"].abs() < 1e-12).all()


def test_poverty_minus_one_point_moves_pillar_by_100_over_15(real_store):
    res = sim.simulate(real_store, "wjde", 2024, overrides=[POV_MINUS_ONE])
    assert res["ok"], res["errors"]
    # kemiskinan pillar: goalposts 0–15, lower is better -> 1 point = 100/15 score points;
    # composite: mean of the 5 pillars with 2024 data -> (100/15)/5
    r = _row(res)
    assert r["selisih_skor"] == pytest.approx(100 / 15 / 5, abs=1e-9)
    assert r["skor_skenario"] == pytest.approx((IPM + 100 * (15 - 9.14) / 15 + EKO + TPT + LAY) / 5, abs=1e-9)
    others = res["download"][res["download"]["kode"] != CIANJUR]
    assert (others["selisih_skor"].abs() < 1e-12).all()   # goalposts: no one else moves
    pe = res["pillar_effects"]
    assert list(pe["Pilar"]) == ["Kemiskinan"] and list(pe["Selisih"]) == ["+6,67"]
    assert list(pe["Skor pilar dasar"]) == ["32,40"] and list(pe["Skor pilar skenario"]) == ["39,07"]
    # the engine agrees to the last digit
    fw = load_framework("wjde")
    alt = compute(real_store, fw, Scenario(overrides=(Override(CIANJUR, "kemiskinan_pct", 2024, -1.0),)))
    base = compute(real_store, fw)
    key = (alt.pillars.region_code == CIANJUR) & (alt.pillars.year == 2024) & (alt.pillars.pillar == "kemiskinan")
    kb = (base.pillars.region_code == CIANJUR) & (base.pillars.year == 2024) & (base.pillars.pillar == "kemiskinan")
    assert alt.pillars[key]["score"].iloc[0] - base.pillars[kb]["score"].iloc[0] == pytest.approx(100 / 15,
                                                                                                   abs=1e-9)
    # scenario only: the stored observation is untouched
    obs = real_store.observations(region_codes=[CIANJUR], indicators=["kemiskinan_pct"])
    assert obs[obs.year == 2024]["value"].iloc[0] == 10.14
    assert "persentase penduduk miskin (P0) Kabupaten Cianjur −1 poin (2024: 10,14 → 9,14)" in res["summary"]
    assert res["overrides"] == [{"label": sim.override_label(sim.options(real_store, "wjde"), POV_MINUS_ONE),
                                 "error": None}]


def test_doubling_one_pillar_weight_gives_the_weighted_mean(real_store):
    res = sim.simulate(real_store, "wjde", 2024, weights={"kemiskinan": 2.0})
    assert res["ok"]
    r = _row(res)
    assert r["skor_skenario"] == pytest.approx((IPM + 2 * POV + EKO + TPT + LAY) / 6, abs=1e-9)
    assert r["skor_dasar"] == pytest.approx((IPM + POV + EKO + TPT + LAY) / 5, abs=1e-9)
    assert res["summary"] == "Skenario: bobot pilar Kemiskinan ×2."
    # ranks are 1..n without gaps in the scenario, deltas = base - scenario
    d = res["download"]
    assert sorted(d["peringkat_skenario"]) == list(range(1, 28))
    assert (d["selisih_peringkat"] == d["peringkat_dasar"] - d["peringkat_skenario"]).all()


def test_set_mode_replaces_the_value(real_store):
    o = dict(POV_MINUS_ONE, amount=6.0, mode="set")
    res = sim.simulate(real_store, "wjde", 2024, overrides=[o])
    assert res["ok"]
    assert _row(res)["selisih_skor"] == pytest.approx((100 * (15 - 6) / 15 - POV) / 5, abs=1e-9)
    assert "ditetapkan 6 (2024; tersimpan 10,14)" in res["summary"]


def test_all_zero_weights_is_a_clear_error_and_nothing_is_computed(real_store):
    zero = {p.id: 0.0 for p in load_framework("wjde").pillars}
    res = sim.simulate(real_store, "wjde", 2024, weights=zero)
    assert not res["ok"] and "table" not in res and "download" not in res
    assert res["errors"][0].startswith("Semua bobot pilar bernilai 0")


def test_weight_only_on_a_pillar_without_data_that_year(real_store):
    only_stunting = {p.id: (1.0 if p.id == "stunting" else 0.0) for p in load_framework("wjde").pillars}
    res = sim.simulate(real_store, "wjde", 2024, weights=only_stunting)
    assert not res["ok"] and "table" not in res
    assert "Stunting" in res["errors"][0] and "2024" in res["errors"][0]


def test_override_without_data_is_refused(real_store):
    o = {"region_code": CIANJUR, "indicator": "stunting_pct_ssgi", "year": 2024, "amount": -1.0,
         "mode": "delta"}
    res = sim.simulate(real_store, "wjde", 2024, overrides=[o, POV_MINUS_ONE])
    assert not res["ok"] and "table" not in res
    assert res["errors"] == [res["overrides"][0]["error"]] and res["overrides"][1]["error"] is None
    assert "Tidak ada data Prevalensi balita stunting (SSGI) Kabupaten Cianjur tahun 2024" in res["errors"][0]
    assert "2021–2022" in res["errors"][0]


@pytest.mark.parametrize("o, words", [
    (dict(POV_MINUS_ONE, amount=-20.0), "negatif"),
    (dict(POV_MINUS_ONE, amount=120.0, mode="set"), "lebih dari 100"),
    (dict(POV_MINUS_ONE, indicator="umk_rp"), "tidak dipakai"),
    (dict(POV_MINUS_ONE, region_code="33.07"), "tidak termasuk cakupan"),
    (dict(POV_MINUS_ONE, year=2019, mode="set"), "di luar tahun"),
    (dict(POV_MINUS_ONE, amount=float("nan")), "angka"),
])
def test_implausible_changes_are_refused(real_store, o, words):
    res = sim.simulate(real_store, "wjde", 2024, overrides=[o])
    assert not res["ok"] and words in res["errors"][0]


def test_duplicate_change_is_refused_and_with_override_replaces(real_store):
    res = sim.simulate(real_store, "wjde", 2024, overrides=[POV_MINUS_ONE, POV_MINUS_ONE])
    assert not res["ok"] and "ganda" in res["errors"][0]
    items = sim.with_override([POV_MINUS_ONE], dict(POV_MINUS_ONE, amount=-2.0))
    assert items == [dict(POV_MINUS_ONE, amount=-2.0)]


def test_sensitivity_with_zero_spread_is_the_scenario_rank(real_store):
    res = sim.simulate(real_store, "wjde", 2024, weights={"ipm": 2.0}, spread=0.0)
    d = res["download"]
    assert (d["peringkat_p05"] == d["peringkat_skenario"]).all()
    assert (d["peringkat_p95"] == d["peringkat_skenario"]).all()
    assert (d["peringkat_median_uji_kepekaan"] == d["peringkat_skenario"]).all()
    assert "rentang sama dengan peringkat skenario" in res["sensitivity_text"]
    # analysis.sensitivity directly, on the baseline
    base = compute(real_store, load_framework("wjde"))
    s = analysis.sensitivity(real_store, base, draws=20, spread=0.0, year=2024)
    c = base.composite[base.composite.year == 2024][["region_code", "rank"]]
    m = s.merge(c, on="region_code")
    assert len(m) == 27 and (m.rank_p05 == m["rank"]).all() and (m.rank_p95 == m["rank"]).all()


def test_sensitivity_interval_contains_the_median(real_store):
    res = sim.simulate(real_store, "wjde", 2024, spread=0.5)
    d = res["download"]
    assert (d["peringkat_p05"] <= d["peringkat_median_uji_kepekaan"]).all()
    assert (d["peringkat_median_uji_kepekaan"] <= d["peringkat_p95"]).all()
    assert (d["peringkat_p95"] > d["peringkat_p05"]).any()


def test_region_filter_is_the_scope(real_store):
    regions = ["32.01", CIANJUR, "32.73"]
    res = sim.simulate(real_store, "wjde", 2024, regions=regions, overrides=[POV_MINUS_ONE])
    d = res["download"]
    assert sorted(d["kode"]) == sorted(regions) and sorted(d["peringkat_dasar"]) == [1, 2, 3]
    assert "hanya 3 kabupaten/kota terpilih" in res["summary"]
    out = sim.simulate(real_store, "wjde", 2024, regions=["32.01"], overrides=[POV_MINUS_ONE])
    assert not out["ok"] and "panel samping" in out["errors"][0]
    assert sim.scope_scenario(load_framework("wjde"), regions) == Scenario(kabupaten=tuple(sorted(regions)))
    kb = load_framework("kecamatan_berdaya")
    assert sim.scope_scenario(kb, ["33.07.09", "33.07.02"]) == Scenario(kecamatan=("33.07.02", "33.07.09"))


def test_kecamatan_berdaya_is_labelled_illustrative(real_store):
    pilots = ["33.07.02", "33.07.07", "33.07.09", "33.07.12"]
    res = sim.simulate(real_store, "kecamatan_berdaya", 2025, weights={"rppa": 0.0}, regions=pilots)
    assert res["ok"] and res["illustrative"] and len(res["download"]) == 4
    assert res["download"]["data_ilustrasi"].all()
    assert "data ilustrasi" in res["fig_impact"].layout.title.text
    assert "data ilustrasi" in res["fig_sensitivity"].layout.title.text
    assert "(tidak dihitung)" in res["summary"]
    assert all(label.endswith("★") for label in res["table"]["Wilayah"])


def test_figures_and_table_use_indonesian_numbers(real_store):
    res = sim.simulate(real_store, "wjde", 2024, overrides=[POV_MINUS_ONE])
    assert res["fig_impact"].layout.separators == ",."
    assert len(res["fig_impact"].data) == 4 and len(res["fig_sensitivity"].data) == 2
    row = res["table"][res["table"]["Wilayah"] == "Kabupaten Cianjur"].iloc[0]
    assert row["Selisih skor"] == "+1,33" and "," in row["Skor skenario"]
    assert "Sumber: BPS" in res["source"] and res["download"]["sumber"].str.contains("Sumber: BPS").all()


def test_url_codec_round_trip():
    defaults = {"ipm": 1.0, "kemiskinan": 1.0, "stunting": 1.0}
    w, bad = sim.parse_bobot("kemiskinan:2,ipm:1.5,zzz:3,stunting:7,ipm", defaults)
    assert w == {"ipm": 1.5, "kemiskinan": 2.0, "stunting": 1.0} and bad == ["zzz:3", "stunting:7", "ipm"]
    assert sim.format_bobot(w, defaults) == "ipm:1.5,kemiskinan:2"
    assert sim.format_bobot(defaults, defaults) == ""
    items = [POV_MINUS_ONE, {"region_code": "32.01", "indicator": "tpt_pct", "year": 2024, "amount": 6.5,
                             "mode": "set"}]
    text = sim.format_ubah(items)
    assert text == "32.03:kemiskinan_pct:2024:-1;32.01:tpt_pct:2024:=6.5"
    back, bad = sim.parse_ubah(text + ";rusak;32.01:x:y:1")
    assert back == items and bad == ["rusak", "32.01:x:y:1"]
    assert sim.parse_sebaran("10") == 0.1 and sim.parse_sebaran("33") == sim.DEFAULT_SPREAD
    assert sim.parse_sebaran(None) == sim.DEFAULT_SPREAD
    assert [sim.format_sebaran(x) for x in sim.SPREADS] == ["0", "10", "", "50"]
    assert all(sim.parse_sebaran(sim.format_sebaran(x) or None) == x for x in sim.SPREADS)


def test_options_and_describe_choice(real_store):
    o = sim.options(real_store, "wjde")
    assert [p["id"] for p in o["pillars"]][:2] == ["ipm", "kemiskinan"] and len(o["regions"]) == 27
    assert o["years"] == [2021, 2022, 2023, 2024]
    assert sim.stored_value(o, CIANJUR, "kemiskinan_pct", 2024) == 10.14
    txt = sim.describe_choice(o, CIANJUR, "kemiskinan_pct", 2024)
    assert "**10,14** persen" in txt and "BPS" in txt
    assert "Tidak ada data tersimpan" in sim.describe_choice(o, CIANJUR, "stunting_pct_ssgi", 2024)
