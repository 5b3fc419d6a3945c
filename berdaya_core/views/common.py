"""Shared pieces of the page views: metric choice, colours, labels, tables.

Views are plain functions (no Streamlit) that return ready-to-render data and plotly
figures; pages only read widgets, call one view and render what it returns.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import formatting as fmt
from .. import frameworks, geo
from ..engine import compute, describe
from ..frameworks import Framework, Scope
from ..store import Store

ILUSTRASI = "data ilustrasi"
TIDAK_ADA_DATA = fmt.MISSING

# Colour-blind safe (ColorBrewer YlGnBu), from worse to better. "Better" is always dark
# blue whatever the polarity: the view maps values to classes in the better direction.
SCALE_BETTER = ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494", "#081d58"]
SCALE_NEUTRAL = ["#f7f7f7", "#d9d9d9", "#bdbdbd", "#969696", "#737373", "#525252", "#252525"]
MISSING_COLOUR = "#e8e8e8"
# Okabe–Ito categorical colours (colour-blind safe).
PILOT_COLOUR = "#D55E00"
OTHER_COLOUR = "#0072B2"
ACCENT = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
STATUS_COLOUR = {"tercapai": "#009E73", "on track": "#56B4E9", "off track": "#D55E00"}
STATUS_LABEL = {"tercapai": "Tercapai", "on track": "On track", "off track": "Off track"}
POLARITY_LABEL = {"naik": "makin tinggi makin baik", "turun": "makin rendah makin baik",
                  "netral": "deskriptif (tanpa arah baik/buruk)"}

FONT = dict(family="DejaVu Sans, Arial, sans-serif", size=13, color="#1F2933")
# plotly.js fetches a world topojson for every geo map, even with base layers hidden; the app
# serves a stub (static/topojson/) so maps draw offline.
TOPOJSON_URL = "app/static/topojson/"
PLOTLY_CONFIG = {"displaylogo": False, "locale": "id", "topojsonURL": TOPOJSON_URL,
                 "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
# Plotly formats with d3: Indonesian separators (decimal comma, thousands dot).
SEPARATORS = ",."


def layout(fig, **kw):
    """Common plotly layout: Indonesian separators, readable font, tight margins."""
    base = dict(separators=SEPARATORS, font=FONT, paper_bgcolor="white", plot_bgcolor="white",
                margin=dict(l=10, r=10, t=40, b=10), hoverlabel=dict(font_size=13))
    fig.update_layout(**{**base, **kw})   # the caller's settings (e.g. margin) win
    return fig


@dataclass(frozen=True)
class Metric:
    key: str            # "komposit", "pilar:<id>" or "ind:<id>"
    label: str
    unit: str
    polarity: str       # naik / turun / netral
    illustrative: bool


def catalogue(store: Store) -> pd.DataFrame:
    return store.indicators().set_index("id")


def framework_label(fid: str) -> str:
    fw = frameworks.load(fid)
    return fw.nama + (" (" + ILUSTRASI + ")" if fw.illustrative else "")


def frameworks_for_layer(layer_id: str) -> list[Framework]:
    """Frameworks whose scope is exactly the regions drawn by a map layer."""
    layer = geo.LAYERS[layer_id]
    out = []
    for fid in frameworks.available():
        fw = frameworks.load(fid)
        prov = fw.scope.provinsi or (fw.scope.kabupaten or "")[:2]
        if (set(fw.scope.levels) == set(layer.levels) and prov == layer.provinsi
                and fw.scope.kabupaten == layer.kabupaten):
            out.append(fw)
    return out


def layer_scope(layer_id: str) -> Scope:
    layer = geo.LAYERS[layer_id]
    return Scope(levels=layer.levels, provinsi=layer.provinsi, kabupaten=layer.kabupaten)


def layer_indicators(store: Store, layer_id: str) -> list[str]:
    """Indicators with at least one dated value for the regions of a layer."""
    layer = geo.LAYERS[layer_id]
    df = store.df(
        "SELECT DISTINCT o.indicator FROM observations o JOIN regions r ON r.kode = o.region_code "
        "WHERE list_contains(?, r.tingkat) AND r.kode_prov = ? "
        "AND (?::VARCHAR IS NULL OR r.kode_kab = ?) AND o.year IS NOT NULL ORDER BY 1",
        [list(layer.levels), layer.provinsi, layer.kabupaten, layer.kabupaten])
    return df["indicator"].tolist()


def metric_options(store: Store, layer_id: str) -> list[Metric]:
    """Everything that can be mapped on a layer: framework composites and pillars first,
    then every indicator that has data there."""
    cat = catalogue(store)
    out: list[Metric] = []
    for fw in frameworks_for_layer(layer_id):
        out.append(Metric("komposit:" + fw.id, fw.composite_name, "skor 0–100", "naik",
                          fw.illustrative))
        for p in fw.pillars:
            out.append(Metric("pilar:" + fw.id + ":" + p.id, "Pilar " + p.nama + " · " + fw.composite_name,
                              "skor 0–100", "naik", fw.illustrative))
    for iid in layer_indicators(store, layer_id):
        row = cat.loc[iid]
        out.append(Metric("ind:" + iid, row["nama"], row["satuan"], row["polaritas"], bool(row["ilustratif"])))
    return out


def metric_values(store: Store, layer_id: str, metric_key: str) -> pd.DataFrame:
    """Long table for a metric on a layer, all years: region_code, region_name, year, value,
    rank, n_regions, change, rank_change, source, illustrative (+ pilot, kode_kab)."""
    kind, _, rest = metric_key.partition(":")
    regions = store.regions().rename(columns={"kode": "region_code", "nama": "region_name"})
    if kind in ("komposit", "pilar"):
        fid, _, pid = rest.partition(":")
        res = compute(store, frameworks.load(fid))
        src = "Dihitung Berdaya dari kerangka " + fid + " (lihat Data & Metodologi)"
        if kind == "komposit":
            df = res.composite.rename(columns={"score": "value", "score_change": "change"})
        else:
            df = res.pillars[res.pillars["pillar"] == pid].rename(
                columns={"score": "value", "score_change": "change"})
        df = df.assign(source=src, illustrative=res.framework.illustrative)
        df["n_regions"] = df.groupby("year")["value"].transform("count")
        df = df[["region_code", "year", "value", "rank", "n_regions", "change", "rank_change",
                 "source", "illustrative"]]
    elif kind == "ind":
        df = describe(store, layer_scope(layer_id), [rest])
        df = df[["region_code", "year", "value", "rank", "n_regions", "change", "rank_change",
                 "source", "illustrative"]]
    else:
        raise ValueError(f"metrik tidak dikenal: {metric_key}")
    return df.merge(regions[["region_code", "region_name", "pilot", "kode_kab", "nama_kab"]],
                    on="region_code", how="left")


def years_of(values: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in values.dropna(subset=["value"])["year"].unique())


def source_note(values: pd.DataFrame) -> str:
    """One line listing the distinct sources of a table (for captions)."""
    srcs = sorted(set(values["source"].dropna()))
    return "Sumber: " + "; ".join(srcs) if srcs else ""
