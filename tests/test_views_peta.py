"""Core views of the Peta page: classes, colours, missing data, pilots, hover and profile."""
import json
import math
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from berdaya_core import Store, geo  # noqa: E402
from berdaya_core.views import common as vc  # noqa: E402
from berdaya_core.views import peta  # noqa: E402

PILOTS = {"33.07.02": "Kepil", "33.07.07": "Kalikajar", "33.07.09": "Wonosobo", "33.07.12": "Garung"}


@pytest.fixture(scope="module")
def store():
    return Store()


def published(indicator: str, region: str, year: int) -> float:
    df = pd.read_csv(ROOT / "data/stats/jabar_kabkota.csv", dtype={"region_code": str})
    row = df[(df["indicator"] == indicator) & (df["region_code"] == region) & (df["year"] == year)]
    assert len(row) == 1
    return float(row["value"].iloc[0])


def colours_by_code(fig) -> dict[str, str]:
    """Fill colour of every feature of the value trace (z = step index of the colourscale)."""
    tr = fig.data[0]
    steps = [c for _, c in tr.colorscale[::2]]
    return {code: steps[int(z)] for code, z in zip(tr.locations, tr.z)}


def hover_by_code(fig) -> dict[str, str]:
    tr = fig.data[0]
    return dict(zip(tr.locations, tr.text))


# --- Map ------------------------------------------------------------------------------------
def test_kemiskinan_bogor_published_value_and_best_colour(store):
    r = peta.map_view(store, "jabar_kabkota", "ind:kemiskinan_pct", 2024, "quantile", 5)
    dl = r["download"].set_index("kode")
    assert dl.loc["32.01", "wilayah"] == "Kabupaten Bogor"
    assert dl.loc["32.01", "nilai"] == pytest.approx(published("kemiskinan_pct", "32.01", 2024))
    assert len(dl) == 27 and dl["nilai"].notna().all()
    cols = colours_by_code(r["fig"])
    lowest = dl["nilai"].idxmin()      # least poverty = best = darkest
    highest = dl["nilai"].idxmax()
    assert cols[lowest] == vc.SCALE_BETTER[-1]
    assert cols[highest] != vc.SCALE_BETTER[-1]
    assert vc.SCALE_BETTER.index(cols[highest]) < vc.SCALE_BETTER.index(cols[lowest])
    # Poverty is 'turun': rank 1 is the lowest value, and the legend is discrete, Indonesian.
    assert dl.loc[lowest, "peringkat"] == 1
    labels = [e["label"] for e in r["legend"]]
    assert len(labels) == 6 and labels[-1] == "tidak ada data"
    assert all("," in lab and " – " in lab for lab in labels[:-1])
    assert sum(e["count"] for e in r["legend"]) == 27


def test_class_edges_follow_quantiles_and_equal_intervals(store):
    q = peta.map_view(store, "jabar_kabkota", "ind:kemiskinan_pct", 2024, "quantile", 4)
    counts = [e["count"] for e in q["legend"][:-1]]
    assert len(counts) == 4 and max(counts) - min(counts) <= 1
    e = peta.map_view(store, "jabar_kabkota", "ind:kemiskinan_pct", 2024, "equal", 4)
    vals = e["download"]["nilai"]
    lo, hi = vals.min(), vals.max()
    first = e["legend"][0]["label"]
    assert first.startswith(f"{lo:.2f}".replace(".", ","))
    assert f"{lo + (hi - lo) / 4:.2f}".replace(".", ",") in first


def test_missing_regions_are_grey_and_never_classed(store):
    r = peta.map_view(store, "jabar_kabkota", "ind:stunting_pct_ssgi", 2021, "quantile", 5)
    dl = r["download"]
    have = dl["nilai"].notna()
    assert have.sum() == 9 and (~have).sum() == 18
    assert (dl.loc[~have, "kelas_legenda"] == "tidak ada data").all()
    assert not (dl["nilai"] == 0).any()
    cols = colours_by_code(r["fig"])
    z = dict(zip(r["fig"].data[0].locations, r["fig"].data[0].z))
    for code in dl.loc[~have, "kode"]:
        assert cols[code] == vc.MISSING_COLOUR and z[code] == 0
    for code in dl.loc[have, "kode"]:
        assert cols[code] != vc.MISSING_COLOUR and z[code] >= 1
    assert r["legend"][-1] == {"label": "tidak ada data", "colour": vc.MISSING_COLOUR, "count": 18}
    legend_names = [t.name for t in r["fig"].data if t.type == "scattergeo" and t.showlegend]
    assert "tidak ada data  (18)" in legend_names
    hov = hover_by_code(r["fig"])
    missing_code = dl.loc[~have, "kode"].iloc[0]
    assert "tidak ada data" in hov[missing_code]
    assert "18 wilayah tanpa data" in r["caption"]


def test_polarity_flips_colour_mapping(store):
    naik = peta.map_view(store, "jabar_kabkota", "ind:ipm_uhh_lfsp2020", 2024, "quantile", 5)
    dl = naik["download"].set_index("kode")
    cols = colours_by_code(naik["fig"])
    assert cols[dl["nilai"].idxmax()] == vc.SCALE_BETTER[-1]     # highest IPM = best = darkest
    assert cols[dl["nilai"].idxmin()] != vc.SCALE_BETTER[-1]
    for n in (3, 5, 7):
        assert peta.class_colours(n, "turun") == peta.class_colours(n, "naik")[::-1]
        assert peta.class_colours(n, "naik")[-1] == vc.SCALE_BETTER[-1]
        assert set(peta.class_colours(n, "naik")) <= set(vc.SCALE_BETTER)
    neutral = peta.class_colours(5, "netral")
    assert set(neutral) <= set(vc.SCALE_NEUTRAL) and vc.MISSING_COLOUR not in neutral
    assert vc.SCALE_BETTER[0] not in peta.class_colours(5, "naik")   # lightest is kept for 7 classes


def test_target_classes_use_achievement(store):
    info = peta.metric_info(store, "jabar_kabkota", "ind:kemiskinan_pct")
    assert "target" in info["methods"] and "6" in info["target_note"]
    r = peta.map_view(store, "jabar_kabkota", "ind:kemiskinan_pct", 2024, "target", 5)
    assert r["method"] == "target"
    labels = [e["label"] for e in r["legend"]]
    assert labels[:5] == ["< 50% target", "50 – 75% target", "75 – 90% target", "90 – <100% target",
                          "≥ 100% (tercapai)"]
    dl = r["download"].set_index("kode")
    cols = colours_by_code(r["fig"])
    met = dl[dl["nilai"] <= 6.0]
    assert len(met) > 0
    for code in met.index:
        assert dl.loc[code, "capaian_target_persen"] >= 100
        assert cols[code] == vc.SCALE_BETTER[-1]
    # Composite scores have no target: the option is not offered.
    comp = peta.metric_info(store, "jabar_kabkota", "komposit:wjde")
    assert "target" not in comp["methods"] and comp["no_target_note"]


def test_pilots_outlined_and_labelled_on_wonosobo(store):
    r = peta.map_view(store, "wonosobo_kecamatan", "komposit:kecamatan_berdaya", 2025, "quantile", 5)
    fig = r["fig"]
    outline = [t for t in fig.data if t.type == "choropleth" and t.name == "percontohan"]
    assert len(outline) == 1
    assert sorted(outline[0].locations) == sorted(PILOTS)
    assert outline[0].marker.line.color == vc.PILOT_COLOUR and outline[0].marker.line.width >= 3
    texts = [x for t in fig.data if t.type == "scattergeo" and t.mode == "text" for x in t.text]
    for name in PILOTS.values():
        assert f"★ {name}" in texts
    assert "Kertek" in texts and "★ Kertek" not in texts
    hov = hover_by_code(fig)
    assert "kecamatan percontohan" in hov["33.07.02"] and "data ilustrasi" in hov["33.07.02"]
    # Jawa Barat has no pilots: no outline trace.
    jb = peta.map_view(store, "jabar_kabkota", "komposit:wjde", 2024, "quantile", 5)
    assert not [t for t in jb["fig"].data if t.name == "percontohan"]


def test_hover_uses_indonesian_format(store):
    r = peta.map_view(store, "jabar_kabkota", "ind:kemiskinan_pct", 2024, "quantile", 5)
    h = hover_by_code(r["fig"])["32.01"]
    assert "Kabupaten Bogor" in h and "7,05%" in h
    assert "Peringkat 10 dari 27" in h and "tahun 2024" in h
    assert "Capaian target" in h
    assert "Sumber: BPS" in r["fig"].data[0].hovertemplate
    big = peta.map_view(store, "jabar_kabkota", "ind:penduduk_dukcapil", 2025, "quantile", 5)
    hb = hover_by_code(big["fig"])["32.01"]
    assert "5.809.790 jiwa" in hb and "terbesar ke-1 dari 27" in hb.lower()
    assert big["fig"].layout.separators == ",."


def test_selected_region_is_highlighted(store):
    r = peta.map_view(store, "jabar_kabkota", "komposit:wjde", 2024, "quantile", 5)
    n = len(r["fig"].data)
    fig = peta.highlight(r["fig"], "jabar_kabkota", "32.73")
    sel = [t for t in fig.data if t.name == "dipilih"]
    assert len(sel) == 1 and list(sel[0].locations) == ["32.73"]
    assert len(peta.decode_geojson(sel[0].geojson)["features"]) == 1
    assert "wilayah yang dipilih" in [t.name for t in fig.data if t.type == "scattergeo"]
    assert len(peta.highlight(r["fig"], "jabar_kabkota", "33.07.02").data) == n + 2   # not on layer: no-op
    assert r["at_region"]["32.73"]["value"].endswith("(skor 0–100)")


def test_geojson_sent_once_per_figure(store):
    raw = len(geo._geojson_text("jabar_kecamatan"))
    r = peta.map_view(store, "jabar_kecamatan", "ind:luas_km2_batas", 2025, "quantile", 5)
    fig_json = r["fig"].to_json()
    full = [t for t in r["fig"].data if t.type == "choropleth"
            and len(peta.decode_geojson(t.geojson)["features"]) == 627]
    assert len(full) == 1
    assert len(fig_json) < 1.3 * raw
    gj = peta.decode_geojson(full[0].geojson)
    assert {f["id"] for f in gj["features"]} == set(geo.layer_codes("jabar_kecamatan"))
    geo_layout = r["fig"].layout.geo
    assert geo_layout.visible is False and geo_layout.projection.type == "mercator"


def test_every_layer_draws(store):
    for layer in peta.LAYER_ORDER:
        opts = peta.options(store, layer, "wjde")
        key = opts["default_metric"]
        info = peta.metric_info(store, layer, key)
        r = peta.map_view(store, layer, key, info["years"][-1], "quantile", 5)
        assert len(r["fig"].data[0].locations) == len(geo.layer_codes(layer))
        assert len(opts["regions"]) == len(geo.layer_codes(layer))


# --- Options --------------------------------------------------------------------------------
def test_defaults_follow_shared_framework(store):
    assert peta.default_layer("kecamatan_berdaya") == "wonosobo_kecamatan"
    assert peta.default_layer("wjde") == "jabar_kabkota"
    assert peta.options(store, "wonosobo_kecamatan", "kecamatan_berdaya")["default_metric"] == \
        "komposit:kecamatan_berdaya"
    assert peta.options(store, "jabar_kabkota", "ipm_bps")["default_metric"] == "komposit:ipm_bps"
    assert peta.options(store, "jabar_kabkota", "kecamatan_berdaya")["default_metric"] == "komposit:wjde"
    assert peta.metric_info(store, "jabar_kabkota", "ind:stunting_pct_ssgi")["years"] == [2021, 2022]
    neutral = peta.metric_info(store, "jabar_kabkota", "ind:penduduk_dukcapil")
    assert max(neutral["class_counts"]) <= peta.NEUTRAL_MAX_CLASSES
    regions = dict(peta.options(store, "jabar_kecamatan", "wjde")["regions"])
    assert regions["32.01.01"] == "Cibinong — Kabupaten Bogor"
    assert dict(peta.options(store, "wonosobo_kecamatan", "wjde")["regions"])["33.07.02"] == "Kepil ★"


# --- Profile --------------------------------------------------------------------------------
def test_profile_kepil(store):
    p = peta.profile(store, "wonosobo_kecamatan", "33.07.02")
    assert p["title"] == "Kecamatan Kepil" and p["pilot"] is True
    assert p["parent"] == "Kabupaten Wonosobo, Jawa Tengah"
    t = p["indicators"].set_index("Indikator")
    rppa = t.loc["RPPA terbentuk dan aktif"]
    assert rppa["Keterangan"] == "data ilustrasi"
    desa = t.loc["Jumlah desa"]
    assert desa["Nilai terbaru"] == "20 desa" and desa["Tahun"] == "2025" and desa["Keterangan"] == ""
    assert desa["Peringkat"].endswith("dari 15")
    tertangani = t.loc["Persentase kasus tertangani"]
    assert tertangani["Target"] == "≥ 90,0% pada 2026" and tertangani["Status target"] == "On track"
    assert tertangani["Peringkat"] == "2 dari 15" and tertangani["Nilai terbaru"] == "84,6%"
    # Indicators without data for Kepil are listed as missing, never as zero.
    assert t.loc["Penduduk laki-laki", "Nilai terbaru"] == "tidak ada data"
    assert "Penduduk laki-laki" in p["no_data"]
    dl = p["download"].set_index("indikator")
    assert dl.loc["jumlah_desa", "nilai"] == 20 and not dl.loc["jumlah_desa", "data_ilustrasi"]
    assert dl.loc["rppa_aktif", "data_ilustrasi"]
    ill = dl[dl["data_ilustrasi"].fillna(False).astype(bool)].index
    assert set(ill) >= {"rppa_aktif", "rppa_pct_kasus_tertangani", "tkm_usaha_baru", "sport_pct_warga_aktif"}
    assert not set(ill) & {"jumlah_desa", "jumlah_kelurahan", "luas_km2_batas", "penduduk"}
    assert all(isinstance(s, str) and s for s in dl.loc[dl["nilai"].notna(), "sumber"])
    # Composite and pillar scores of the framework drawn on the layer.
    g = p["score_groups"][0]
    assert g["composite"]["label"] == "Indeks Kecamatan Berdaya" and g["illustrative"]
    assert g["composite"]["rank"].endswith("dari 15")
    assert len(g["pillars"]) == 4
    assert p["illustrative"]


def test_profile_trend_has_gaps_not_zeros(store):
    p = peta.profile(store, "wonosobo_kecamatan", "33.07.02")
    fig = p["trend_fig"]
    titles = [a.text for a in fig.layout.annotations]
    i = next(k for k, t in enumerate(titles) if t.startswith("Posyandu lansia"))
    line = [tr for tr in fig.data if tr.name == "Kepil"][i]
    by_year = dict(zip(line.x, line.y))
    assert by_year[2023] is None and by_year[2022] == pytest.approx(0.86)
    assert line.connectgaps is False


def test_profile_kabupaten_bogor(store):
    p = peta.profile(store, "jabar_kabkota", "32.01")
    assert p["title"] == "Kabupaten Bogor" and p["parent"] == "Jawa Barat" and not p["pilot"]
    t = p["indicators"].set_index("Indikator")
    pov = t.loc["Persentase penduduk miskin (P0)"]
    assert pov["Nilai terbaru"] == "7,05%" and pov["Tahun"] == "2024"
    assert pov["Peringkat"] == "10 dari 27" and pov["Target"] == "≤ 6,00% pada 2026"
    assert pov["Status target"] in {"Off track", "On track", "Tercapai"}
    assert pov["Keterangan"] == ""
    labels = [g["framework_label"] for g in p["score_groups"]]
    assert labels[0].startswith("West Java District Empowerment")
    assert not p["illustrative"]
    assert math.isclose(p["download"].set_index("indikator").loc["kemiskinan_pct", "nilai"],
                        published("kemiskinan_pct", "32.01", 2024))


def test_profile_rejects_region_outside_layer(store):
    with pytest.raises(KeyError):
        peta.profile(store, "wonosobo_kecamatan", "32.01")


def test_views_are_json_parameterised():
    """Pages call the views through ui.view: parameters must be JSON-serialisable."""
    json.dumps({"layer_id": "jabar_kabkota", "metric_key": "ind:kemiskinan_pct", "year": 2024,
                "method": "quantile", "k": 5, "selected": None})


def test_negative_score_change_points_down(store):
    """st.metric takes the arrow direction from a leading ASCII minus."""
    p = peta.profile(store, "wonosobo_kecamatan", "33.07.08")
    comp = p["score_groups"][0]["composite"]
    assert comp["delta"].startswith("-") and "−" not in comp["delta"]
    assert comp["change"].startswith("−")          # tables keep the typographic minus


def test_few_distinct_values_get_one_class_each(store):
    """A 0/1 status must not put 0 and 1 in one class (quantile edges collapse)."""
    r = peta.map_view(store, "wonosobo_kecamatan", "ind:rppa_aktif", 2025, "quantile", 5)
    labels = [e["label"] for e in r["legend"][:-1]]
    assert labels == ["0 (1 = aktif)", "1 (1 = aktif)"]
    dl = r["download"].set_index("kode")
    cols = colours_by_code(r["fig"])
    on = dl.index[dl["nilai"] == 1]
    off = dl.index[dl["nilai"] == 0]
    assert len(on) and len(off)
    assert {cols[c] for c in on} == {vc.SCALE_BETTER[-1]}
    assert vc.SCALE_BETTER[-1] not in {cols[c] for c in off}
    assert "satu kelas per nilai" in r["caption"]
