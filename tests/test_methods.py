"""Every normalisation and aggregation method against numbers worked by hand (tiny store)."""
import math

import pytest
from conftest import tiny_spec

from berdaya_core import compute
from berdaya_core.frameworks import parse


def norm(store, spec, indicator, year=2024):
    res = compute(store, parse(spec))
    df = res.indicators[(res.indicators["indicator"] == indicator) & (res.indicators["year"] == year)]
    return dict(zip(df["region_code"], df["norm"]))


def pillar(store, spec, year=2024):
    res = compute(store, parse(spec))
    df = res.pillars[res.pillars["year"] == year]
    return dict(zip(df["region_code"], df["score"]))


def test_minmax_with_polarity(tiny_store):
    # x (naik) 10, 20, 30 -> 0, 50, 100.  y (turun) 5, 1, 3, 4 -> 0, 100, 50, 25.
    assert norm(tiny_store, tiny_spec(), "x") == pytest.approx({"99.01": 0, "99.02": 50, "99.03": 100})
    assert norm(tiny_store, tiny_spec(), "y") == pytest.approx(
        {"99.01": 0, "99.02": 100, "99.03": 50, "99.04": 25})


def test_zscore_sample_sd(tiny_store):
    # x: mean 20, sample sd 10 -> -1, 0, 1
    assert norm(tiny_store, tiny_spec("zscore"), "x") == pytest.approx({"99.01": -1, "99.02": 0, "99.03": 1})
    # y: mean 3.25, sample sd sqrt(((1.75)^2 + (2.25)^2 + 0.25^2 + 0.75^2)/3); lower is better -> sign flipped
    sd = math.sqrt((1.75**2 + 2.25**2 + 0.25**2 + 0.75**2) / 3)
    assert norm(tiny_store, tiny_spec("zscore"), "y")["99.02"] == pytest.approx(2.25 / sd)


def test_goalposts_fixed_bounds_and_clamp(tiny_store):
    spec = tiny_spec("goalposts", x_extra={"lo": 0, "hi": 40}, y_extra={"lo": 2, "hi": 10})
    assert norm(tiny_store, spec, "x") == pytest.approx({"99.01": 25, "99.02": 50, "99.03": 75})
    # y turun: (10 - v) / 8 * 100 ; B = 1 lies outside the bounds -> clamped to 100
    assert norm(tiny_store, spec, "y") == pytest.approx(
        {"99.01": 62.5, "99.02": 100, "99.03": 87.5, "99.04": 75})
    # fixed bounds: 2023 values are scored on the same scale (A 8 -> 20)
    assert norm(tiny_store, spec, "x", 2023)["99.01"] == pytest.approx(20)


def test_log_goalposts(tiny_store):
    spec = tiny_spec("goalposts", x_extra={"lo": 1, "hi": 100, "transform": "log"},
                     y_extra={"lo": 0, "hi": 10})
    # ln(10)/ln(100) = 0.5
    assert norm(tiny_store, spec, "x")["99.01"] == pytest.approx(50)


def test_distance_to_target(tiny_store):
    spec = tiny_spec("target", x_extra={"target": {"value": 25, "year": 2026}},
                     y_extra={"target": {"value": 2, "year": 2026}})
    # x naik, min 10, target 25: A 0, B (20-10)/15 = 66.67, C beyond target = 100
    assert norm(tiny_store, spec, "x") == pytest.approx({"99.01": 0, "99.02": 200 / 3, "99.03": 100})
    # y turun, max 5, target 2: A 0, B 100 (met), C (5-3)/3 = 66.67, D 33.33
    assert norm(tiny_store, spec, "y") == pytest.approx(
        {"99.01": 0, "99.02": 100, "99.03": 200 / 3, "99.04": 100 / 3})


def test_rank_percentile_and_ties(tiny_store):
    assert norm(tiny_store, tiny_spec("rank"), "x") == pytest.approx({"99.01": 0, "99.02": 50, "99.03": 100})
    # y turun: best B (1) 100, C (3) 66.67, D (4) 33.33, A (5) 0
    assert norm(tiny_store, tiny_spec("rank"), "y") == pytest.approx(
        {"99.01": 0, "99.02": 100, "99.03": 200 / 3, "99.04": 100 / 3})


def test_arithmetic_mean_reweights_over_available(tiny_store):
    # minmax: A (0 + 0)/2 = 0; B (50 + 100)/2 = 75; C (100 + 50)/2 = 75; D has only y (25)
    assert pillar(tiny_store, tiny_spec()) == pytest.approx({"99.01": 0, "99.02": 75, "99.03": 75, "99.04": 25})


def test_weights(tiny_store):
    # weights x 3, y 1: B (3*50 + 100)/4 = 62.5 ; C (300 + 50)/4 = 87.5
    p = pillar(tiny_store, tiny_spec(weights=(3.0, 1.0)))
    assert p["99.02"] == pytest.approx(62.5) and p["99.03"] == pytest.approx(87.5)


def test_geometric_mean(tiny_store):
    p = pillar(tiny_store, tiny_spec(pillar_agg="geometric"))
    # B sqrt(50*100); A has a zero -> 0 exactly
    assert p["99.02"] == pytest.approx(math.sqrt(5000))
    assert p["99.01"] == 0
    # weighted: (50^3 * 100)^(1/4)
    p3 = pillar(tiny_store, tiny_spec(pillar_agg="geometric", weights=(3.0, 1.0)))
    assert p3["99.02"] == pytest.approx((50**3 * 100) ** 0.25)


def test_minimum_coverage_gives_missing_not_zero(tiny_store):
    # D has 1 of 2 indicators: with min_coverage 1.0 its pillar score is missing (None/NaN), not 0
    p = pillar(tiny_store, tiny_spec(min_cov=1.0))
    assert math.isnan(p["99.04"])
    res = compute(tiny_store, parse(tiny_spec(min_cov=1.0)))
    row = res.pillars[(res.pillars.region_code == "99.04") & (res.pillars.year == 2024)].iloc[0]
    assert row["n_ind"] == 1 and row["n_total"] == 2 and row["coverage"] == 0.5
