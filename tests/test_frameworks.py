"""Framework files: the shipped ones load; broken specs are refused with Indonesian messages."""
import pytest
from conftest import tiny_spec

from berdaya_core import frameworks
from berdaya_core.frameworks import FrameworkError, parse


def test_shipped_frameworks():
    assert {"kecamatan_berdaya", "wjde", "ipm_bps"} <= set(frameworks.available())
    kb = frameworks.load("kecamatan_berdaya")
    assert [p.id for p in kb.pillars] == ["rppa", "lansia_disabilitas", "taruna_karya_mandiri", "sport_center"]
    assert kb.scope.kabupaten == "33.07" and kb.illustrative
    assert all(2 <= sum(i.pillar == p.id for i in kb.indicators) <= 4 for p in kb.pillars)
    wj = frameworks.load("wjde")
    assert {"ipm", "kemiskinan", "stunting"} <= {p.id for p in wj.pillars}
    stunting = next(i for i in wj.indicators if i.id == "stunting_pct_ssgi")
    assert stunting.target.value == 14.0 and not stunting.target.assumption
    ipm = frameworks.load("ipm_bps")
    assert [s.method for s in ipm.steps] == ["goalposts", "arithmetic", "geometric"]


def test_digest_is_stable_and_sensitive():
    a, b = frameworks.load("wjde"), frameworks.load("wjde")
    assert a.digest() == b.digest()
    assert parse(tiny_spec()).digest() != parse(tiny_spec(weights=(2.0, 1.0))).digest()


@pytest.mark.parametrize("change, message", [
    (lambda s: s["steps"][0].update(method="ajaib"), "metode normalisasi tak dikenal"),
    (lambda s: s["steps"][1].update(method="median"), "metode agregasi tak dikenal"),
    (lambda s: s["steps"].reverse(), "urutan langkah"),
    (lambda s: s["indicators"][0].update(pillar="zzz"), "pilar tak dikenal"),
    (lambda s: s["indicators"][0].update(polarity="atas"), "polaritas"),
    (lambda s: s["indicators"][0].update(weight=-1), "negatif"),
    (lambda s: s["indicators"].append(dict(s["indicators"][0])), "ganda"),
    (lambda s: s["steps"][0].update(method="goalposts"), "lo/hi"),
    (lambda s: s["indicators"][0].update(lo=5, hi=1), "lo < hi"),
    (lambda s: s["scope"].update(levels=["dusun"]), "tingkat wilayah"),
    (lambda s: s.pop("scope"), "scope"),
    (lambda s: s["steps"][1].update(min_coverage=2), "min_coverage"),
])
def test_bad_specs_are_refused(change, message):
    spec = tiny_spec()
    change(spec)
    with pytest.raises(FrameworkError, match=message):
        parse(spec)


def test_unknown_framework_id():
    with pytest.raises(FrameworkError, match="tidak ada"):
        frameworks.load("../../etc/passwd")
