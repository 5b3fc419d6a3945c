"""Engine: ranks, changes, CAGR, targets and status, what-if, determinism, injection safety."""
import pandas as pd
import pytest
from conftest import tiny_spec

from berdaya_core import Override, Scenario, compare_to_baseline, compute, load_framework
from berdaya_core.frameworks import FrameworkError, parse

INJECTIONS = ["99.01'; DROP TABLE observations; --", "' OR 1=1 --", "\"; DELETE FROM regions; --",
              "32.01) OR (1=1"]


def _ind(res, region, indicator, year):
    df = res.indicators
    return df[(df.region_code == region) & (df.indicator == indicator) & (df.year == year)].iloc[0]


def test_ranks_share_ties_and_skip(tiny_store):
    res = compute(tiny_store, parse(tiny_spec()))
    c = res.composite[res.composite.year == 2024].set_index("region_code")
    # B and C tie at 75 -> both rank 1; D (25) rank 3; A (0) rank 4 (competition ranking)
    assert c.loc["99.02", "rank"] == 1 and c.loc["99.03", "rank"] == 1
    assert c.loc["99.04", "rank"] == 3 and c.loc["99.01", "rank"] == 4


def test_change_vs_previous_year_in_value_and_rank(tiny_store):
    res = compute(tiny_store, parse(tiny_spec()))
    # 2023 minmax: x A 0, B 27.27, C 100; y A 0, B 100, C 75 -> pillar A 0, B 63.64, C 87.5
    c = res.composite.set_index(["region_code", "year"])
    assert c.loc[("99.02", 2023), "score"] == pytest.approx((600 / 22 + 100) / 2)
    assert c.loc[("99.02", 2024), "score_change"] == pytest.approx(75 - (600 / 22 + 100) / 2)
    # B was 2nd in 2023 and is 1st (tied) in 2024: +1
    assert c.loc[("99.02", 2024), "rank_prev"] == 2 and c.loc[("99.02", 2024), "rank_change"] == 1
    # D had no score in 2023: no rank change, not a fake one
    assert pd.isna(c.loc[("99.04", 2024), "rank_change"])
    x = _ind(res, "99.01", "x", 2024)
    assert x["change"] == pytest.approx(2) and x["value_prev"] == 8


def test_indicator_rank_uses_polarity(tiny_store):
    res = compute(tiny_store, parse(tiny_spec()))
    assert _ind(res, "99.02", "y", 2024)["rank"] == 1      # lowest y is best
    assert _ind(res, "99.03", "x", 2024)["rank"] == 1      # highest x is best
    assert _ind(res, "99.01", "y", 2024)["rank"] == 4


def test_cagr(tiny_store):
    res = compute(tiny_store, parse(tiny_spec()))
    assert _ind(res, "99.01", "x", 2024)["cagr"] == pytest.approx(10 / 8 - 1)
    assert pd.isna(_ind(res, "99.01", "x", 2023)["cagr"])   # first year: undefined


def test_target_achievement_and_status(tiny_store):
    spec = tiny_spec(x_extra={"target": {"value": 25, "year": 2026}},
                     y_extra={"target": {"value": 0, "year": 2026, "baseline_year": 2023}})
    res = compute(tiny_store, parse(spec))
    a, b, c = (_ind(res, r, "x", 2024) for r in ("99.01", "99.02", "99.03"))
    assert (a.achievement_pct, b.achievement_pct, c.achievement_pct) == pytest.approx((40, 80, 120))
    # A: +2/yr, needs (25-10)/2 = 7.5/yr -> off track; B: +6/yr, needs 2.5/yr -> on track; C met
    assert (a.status, b.status, c.status) == ("off track", "on track", "tercapai")
    assert a.rate_needed == pytest.approx(7.5) and b.rate_recent == pytest.approx(6)
    # y (lower is better) toward 0: A went 6 -> 5, achievement = share of the gap closed since 2023
    ya = _ind(res, "99.01", "y", 2024)
    assert ya.achievement_pct == pytest.approx(100 / 6)
    # -1/yr against -2.5/yr needed -> off track
    assert ya.status == "off track"
    # D has a single y value: status cannot be judged, stays missing
    assert pd.isna(_ind(res, "99.04", "y", 2024)["status"])


def test_missing_regions_present_with_missing_score(tiny_store):
    res = compute(tiny_store, parse(tiny_spec(comp_cov=1.0, min_cov=1.0)))
    d = res.composite[(res.composite.region_code == "99.04") & (res.composite.year == 2024)].iloc[0]
    assert pd.isna(d["score"]) and pd.isna(d["rank"])


def test_what_if_override_and_weights(tiny_store):
    fw = parse(tiny_spec())
    base = compute(tiny_store, fw)
    alt = compute(tiny_store, fw, Scenario(overrides=(Override("99.01", "x", 2024, 25, "delta"),)))
    # A's x becomes 35: new max; minmax x: A 100, B 40, C 80 -> pillar A (100+0)/2 = 50
    p = alt.pillars[(alt.pillars.year == 2024)].set_index("region_code")["score"]
    assert p["99.01"] == pytest.approx(50)
    cmp = compare_to_baseline(base, alt).set_index(["region_code", "year"])
    assert cmp.loc[("99.01", 2024), "score_delta"] == pytest.approx(50)
    assert cmp.loc[("99.01", 2024), "rank_delta"] == 4 - cmp.loc[("99.01", 2024), "rank"]
    # stored data untouched
    assert tiny_store.observations(region_codes=["99.01"], indicators=["x"]).set_index("year").loc[2024, "value"] == 10
    assert bool(_ind(alt, "99.01", "x", 2024)["overridden"]) and _ind(alt, "99.01", "x", 2024)["value_stored"] == 10
    w = compute(tiny_store, fw, Scenario(indicator_weights=(("x", 3.0),)))
    assert w.pillars.set_index(["region_code", "year"]).loc[("99.03", 2024), "score"] == pytest.approx(87.5)


def test_scenario_filter_restricts_scope(tiny_store):
    res = compute(tiny_store, parse(tiny_spec()), Scenario(kabupaten=("99.01", "99.02")))
    assert set(res.regions["kode"]) == {"99.01", "99.02"}
    # minmax now over A and B only: x A 0 B 100; y A 0 B 100
    p = res.pillars[res.pillars.year == 2024].set_index("region_code")["score"]
    assert p.to_dict() == pytest.approx({"99.01": 0, "99.02": 100})


@pytest.mark.parametrize("bad", INJECTIONS)
def test_injection_strings_change_nothing_and_return_nothing(tiny_store, bad):
    fw = parse(tiny_spec())
    res = compute(tiny_store, fw, Scenario(kabupaten=(bad,)))
    assert res.regions.empty and res.composite.empty
    res = compute(tiny_store, fw, Scenario(kecamatan=(bad,), overrides=(Override(bad, "x", 2024, 1.0),)))
    assert res.composite.empty
    res = compute(tiny_store, fw, Scenario(overrides=(Override(bad, "x", 2024, 1.0), Override("99.01", bad, 2024, 1.0))))
    pd.testing.assert_frame_equal(res.composite, compute(tiny_store, fw).composite)
    assert len(tiny_store.observations()) == 15 and len(tiny_store.regions()) == 5
    assert tiny_store.observations(region_codes=[bad]).empty


def test_injection_string_as_region_name_is_just_a_name():
    from conftest import tiny_frames

    from berdaya_core import Store
    regions, indicators, obs = tiny_frames()
    regions.loc[1, "nama"] = "Kab'); DROP TABLE observations; --"
    store = Store.in_memory(regions, indicators, obs)
    res = compute(store, parse(tiny_spec()))
    assert "Kab'); DROP TABLE observations; --" in set(res.composite["region_name"])
    assert len(store.observations()) == 15


def test_bad_scenario_weights_are_refused(tiny_store):
    with pytest.raises(FrameworkError, match="tidak ada"):
        compute(tiny_store, parse(tiny_spec()), Scenario(pillar_weights=(("tidak_ada", 1.0),)))
    with pytest.raises(FrameworkError, match="negatif"):
        compute(tiny_store, parse(tiny_spec()), Scenario(indicator_weights=(("x", -1.0),)))


def test_same_spec_same_data_same_result(real_store):
    fw = load_framework("wjde")
    a, b = compute(real_store, fw), compute(real_store, fw)
    for name in ("composite", "pillars", "indicators"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert a.steps == b.steps


def test_ipm_framework_reproduces_bps_published_ipm(real_store):
    """IPM recomputed from UHH, HLS, RLS and expenditure with BPS goalposts and the geometric
    mean equals BPS's published IPM (UHH LF SP2020 series) to its 2-decimal rounding."""
    res = compute(real_store, load_framework("ipm_bps"))
    pub = res.indicators[res.indicators.indicator == "ipm_uhh_lfsp2020"][["region_code", "year", "value"]]
    m = res.composite.merge(pub, on=["region_code", "year"]).dropna(subset=["score"])
    assert len(m) == 54                      # 27 kab/kota x 2023, 2024
    assert (m["score"] - m["value"]).abs().max() <= 0.005 + 1e-9
    # Kota Bandung 2024 published IPM 83.75 (hand: components in data/stats/jabar_kabkota.csv)
    bdg = m[(m.region_code == "32.73") & (m.year == 2024)].iloc[0]
    assert round(bdg["score"], 2) == 83.75


def test_wjde_missing_stunting_is_missing_not_zero(real_store):
    res = compute(real_store, load_framework("wjde"))
    st = res.pillars[(res.pillars.pillar == "stunting") & (res.pillars.year == 2021)]
    # SSGI 2021 covers 9 of 27 kab/kota: the others have no stunting score (never 0)
    assert st["score"].notna().sum() == 9 and (st["score"].dropna() > 0).all()
    comp = res.composite[res.composite.year == 2024]
    assert comp["score"].notna().all() and (comp["coverage"] == 5 / 6).all()
