"""Sensitivity analysis and map class breaks."""
import pandas as pd
import pytest
from conftest import tiny_spec

from berdaya_core import Override, Scenario, compute, load_framework
from berdaya_core.analysis import class_breaks, sensitivity
from berdaya_core.frameworks import parse


def two_pillar_spec():
    spec = tiny_spec()
    spec["pillars"] = [{"id": "p", "nama": "P"}, {"id": "q", "nama": "Q"}]
    spec["indicators"][1]["pillar"] = "q"
    return spec


def test_sensitivity_without_spread_is_the_baseline_rank(tiny_store):
    res = compute(tiny_store, parse(two_pillar_spec()))
    s = sensitivity(tiny_store, res, draws=50, spread=0.0, year=2024).set_index("region_code")
    base = res.composite[res.composite.year == 2024].set_index("region_code")["rank"].dropna()
    for code, rank in base.items():
        assert s.loc[code, "rank_median"] == rank == s.loc[code, "rank_p05"] == s.loc[code, "rank_p95"]


def test_sensitivity_interval_contains_median_and_is_seeded(real_store):
    res = compute(real_store, load_framework("wjde"))
    a = sensitivity(real_store, res, draws=200, year=2024)
    b = sensitivity(real_store, res, draws=200, year=2024)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 27 and (a.n_draws == 200).all()
    assert ((a.rank_p05 <= a.rank_median) & (a.rank_median <= a.rank_p95)).all()
    # The clear leader stays on top whatever the weights
    top = res.composite[(res.composite.year == 2024) & (res.composite["rank"] == 1)].region_code.iloc[0]
    assert a.set_index("region_code").loc[top, "rank_p95"] <= 2


def test_sensitivity_respects_scenario_weights(tiny_store):
    res = compute(tiny_store, parse(two_pillar_spec()), Scenario(pillar_weights=(("p", 0.0),)))
    s = sensitivity(tiny_store, res, draws=20, spread=0.0, year=2024).set_index("region_code")
    # only q (= y, lower is better) counts: B (1) first
    assert s.loc["99.02", "rank_median"] == 1


def test_class_breaks(tiny_store):
    v = pd.Series([1, 2, 3, 4, 5, None])
    assert class_breaks(tiny_store, v, "equal", 4) == pytest.approx([1, 2, 3, 4, 5])
    assert class_breaks(tiny_store, v, "quantile", 4) == pytest.approx([1, 2, 3, 4, 5])
    assert class_breaks(tiny_store, pd.Series([1, 1, 1, 9]), "quantile", 4) == pytest.approx([1, 3, 9])
    t = class_breaks(tiny_store, pd.Series([20, 60, 95, 130]), "target")
    assert t[:5] == [0, 50, 75, 90, 100] and t[-1] > 130
    assert class_breaks(tiny_store, pd.Series([None, None]), "equal") == []
    with pytest.raises(ValueError):
        class_breaks(tiny_store, v, "acak")


def test_sensitivity_ignores_zero_weight_pillars_with_geometric_mean(tiny_store):
    spec = two_pillar_spec()
    spec["steps"][2]["method"] = "geometric"
    # A gets the best y (pillar q = 100) but keeps the worst x (pillar p = 0)
    sc = Scenario(pillar_weights=(("p", 0.0),), overrides=(Override("99.01", "y", 2024, 0.5, "set"),))
    res = compute(tiny_store, parse(spec), sc)
    base = res.composite[res.composite.year == 2024].set_index("region_code")["rank"]
    assert base["99.01"] == 1
    # with p weighted 0 the geometric composite must not collapse to 0 in the draws either
    s = sensitivity(tiny_store, res, draws=10, spread=0.0, year=2024).set_index("region_code")
    assert s.loc["99.01", "rank_median"] == 1
