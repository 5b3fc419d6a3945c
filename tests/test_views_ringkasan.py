"""Ringkasan view: KPI cards with real and hand-computed numbers."""
import pandas as pd
from conftest import ROOT

from berdaya_core import compute, load_framework
from berdaya_core.views import ringkasan


def test_filter_options(real_store):
    o = ringkasan.filter_options(real_store, "wjde")
    assert o["years"] == [2021, 2022, 2023, 2024] and len(o["regions"]) == 27
    k = ringkasan.filter_options(real_store, "kecamatan_berdaya")
    assert k["illustrative"] and len(k["regions"]) == 15
    assert sum(name.endswith("★") for _, name in k["regions"]) == 4


def test_pilot_cards_are_means_of_the_four_pilots(real_store):
    s = ringkasan.summary(real_store, "kecamatan_berdaya", 2025, [])
    res = compute(real_store, load_framework("kecamatan_berdaya"))
    c = res.composite[res.composite.year == 2025]
    pilots = c[c.region_code.isin(["33.07.02", "33.07.07", "33.07.09", "33.07.12"])]["score"].mean()
    card = s["pilot_cards"][0]
    assert card["value"] == f"{pilots:.1f}".replace(".", ",") and card["illustrative"]
    assert "ilustrasi" in card["help"] and s["pilot_figure"].data[0].name.startswith("4 kecamatan")


def test_jabar_cards_use_published_province_values(real_store):
    s = ringkasan.summary(real_store, "wjde", 2024, [])
    ipm = next(c for c in s["jabar_cards"] if c["label"].startswith("IPM "))
    assert ipm["value"] == "74,92"          # BPS: IPM Jawa Barat 2024 = 74,92
    assert "Kota Bandung" in ipm["best"]     # highest IPM 2024 among the 27
    pov = next(c for c in s["jabar_cards"] if c["label"].startswith("Kemiskinan"))
    raw = pd.read_csv(ROOT / "data/stats/jabar_kabkota.csv", dtype={"region_code": str})
    p = raw[(raw.indicator == "kemiskinan_pct") & (raw.year == 2024) & (raw.region_code.str.len() == 5)]
    best = p.loc[p.value.idxmin()]
    assert best.region_name in pov["best"] and pov["delta_color"] == "inverse"


def test_illustrative_share_and_freshness(real_store):
    s = ringkasan.summary(real_store, "kecamatan_berdaya", 2025, [])
    assert s["illustrative_note"].startswith("684 dari")
    assert "data ilustrasi" in set(s["freshness"]["Jenis"])
