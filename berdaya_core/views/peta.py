"""Peta (choropleth map) and the region profile.

The views (``options``, ``metric_info``, ``map_view``, ``profile``) take the store first and
JSON-serialisable parameters, so pages call them through ``ui.view`` (cached); the small
helpers (``layer_choices``, ``default_layer``, ``highlight``) need no store. Nothing here
imports Streamlit.

The map is one ``go.Choropleth`` trace drawing every feature of the layer: ``z`` is the class
index (0 = "tidak ada data", 1..n = value classes) on a hard-stepped colourscale, so the
layer's GeoJSON is sent once. The legend is made of empty ``go.Scattergeo`` traces (one per
class); pilot kecamatan get an orange outline (a second choropleth of just their features)
and star labels. The GeoJSON travels as a ``data:`` URL string: plotly.js loads and caches it
in the browser, while the server serialises a flat string instead of walking (and
validating, copying, pickling) hundreds of thousands of coordinates on every rerun.
"""
from __future__ import annotations

import json
import math
import textwrap
import urllib.parse
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import formatting as fmt
from .. import frameworks, geo
from ..analysis import TARGET_CLASSES, class_breaks
from ..engine import compute, describe
from ..store import Store
from . import common as vc

LAYER_ORDER = ["wonosobo_kecamatan", "jabar_kabkota", "jabar_kecamatan", "jateng_kabkota",
               "jateng_kecamatan"]
METHOD_LABEL = {"quantile": "Kuantil", "equal": "Interval sama", "target": "Berdasarkan target"}
CLASS_COUNTS = [3, 4, 5, 6, 7]
NEUTRAL_MAX_CLASSES = 6     # the lightest grey of SCALE_NEUTRAL is too close to MISSING_COLOUR
DEFAULT_CLASSES = 5
PILOT_MARK = "★"
HIGHLIGHT_COLOUR = "#D81B60"   # magenta: stands out on the blue, grey and orange-outlined maps
LABEL_MAX_FEATURES = 20     # name labels only where they stay readable (Wonosobo's 15 kecamatan)


def _results(store: Store, layer_id: str) -> dict:
    """Engine results of the frameworks drawn on a layer, the programme's own framework
    first (memoised by the engine; do not mutate)."""
    fws = sorted(vc.frameworks_for_layer(layer_id), key=lambda f: (f.id != f.program, f.id))
    return {fw.id: compute(store, fw) for fw in fws}


def _described(store: Store, layer_id: str) -> pd.DataFrame:
    """Indicator analytics of every indicator with data on the layer."""
    ids = vc.layer_indicators(store, layer_id)
    if not ids:
        return pd.DataFrame(columns=["region_code", "indicator", "year", "value", "rank",
                                     "n_regions", "source", "illustrative", "change"])
    return describe(store, vc.layer_scope(layer_id), ids)


# --- Small formatting helpers -------------------------------------------------------------
def _decimals(values, unit: str = "") -> int:
    """Decimals needed to show a set of values: 0 for counts, at most 2; scores 1."""
    return 1 if unit.startswith("skor") else fmt.desimal_perlu(values)


def nilai(x, unit: str, desimal: int) -> str:
    """A value with its unit, Indonesian format: '7,05%', '64.478 jiwa', '1 (1 = aktif)'."""
    if fmt._is_missing(x):
        return fmt.MISSING
    s = fmt.angka(x, desimal)
    unit = (unit or "").strip()
    if unit == "persen":
        return s + "%"
    if unit.startswith("skor"):
        return f"{s} ({unit})"
    if unit.startswith("status") or unit.startswith("flag"):
        inner = unit.split("(", 1)[1].rstrip(")") if "(" in unit else unit
        return f"{s} ({inner})"
    if unit == "km2":
        unit = "km²"
    return f"{s} {unit}" if unit else s


def _rank_text(rank, n, polarity: str, order=None) -> str:
    """'peringkat 3 dari 27'; descriptive indicators get their order by size instead."""
    if polarity == "netral":
        if order is None or fmt._is_missing(order):
            return "tidak diperingkat (indikator deskriptif)"
        return f"terbesar ke-{fmt.angka(order, 0)} dari {fmt.angka(n, 0)}"
    if fmt._is_missing(rank):
        return "tidak diperingkat"
    return f"peringkat {fmt.angka(rank, 0)} dari {fmt.angka(n, 0)}"


def _wrap(text: str, width: int = 70) -> str:
    return "<br>".join(textwrap.wrap(str(text), width)) if text else ""


def _edge_label(lo: float, hi: float, d: int) -> str:
    return f"{fmt.angka(lo, d)} – {fmt.angka(hi, d)}"


def _target_text(target, target_year, polarity: str, unit: str, d: int) -> str:
    if fmt._is_missing(target):
        return ""
    sign = "≤" if polarity == "turun" else "≥"
    return f"{sign} {nilai(target, unit, d)} pada {int(target_year)}"


# --- Layers, metrics and widget options ---------------------------------------------------
def layer_choices() -> dict[str, str]:
    """Layer id -> name shown to users, in menu order."""
    return {lid: geo.LAYERS[lid].nama for lid in LAYER_ORDER if lid in geo.LAYERS}


def default_layer(fw: str) -> str:
    return "wonosobo_kecamatan" if fw == "kecamatan_berdaya" else "jabar_kabkota"


def _metrics(store: Store, layer_id: str) -> dict[str, vc.Metric]:
    return {m.key: m for m in vc.metric_options(store, layer_id)}


def _metric_label(m: vc.Metric) -> str:
    return m.label + (" · " + vc.ILUSTRASI if m.illustrative else "")


def _target_framework(layer_id: str, indicator: str) -> frameworks.Framework | None:
    """The first framework drawn on this layer that sets a target for the indicator."""
    for fw in vc.frameworks_for_layer(layer_id):
        for ind in fw.indicators:
            if ind.id == indicator and ind.target is not None:
                return fw
    return None


def _region_label(row, with_kab: bool) -> str:
    name = row.nama + (" " + PILOT_MARK if row.pilot else "")
    if with_kab and isinstance(row.nama_kab, str):
        return f"{name} — {row.nama_kab}"
    return name


def _province_kecamatan(layer_id: str) -> bool:
    """Kecamatan of a whole province: names repeat, so the kabupaten/kota is shown too."""
    layer = geo.LAYERS[layer_id]
    return layer.kabupaten is None and "kecamatan" in layer.levels


@lru_cache(maxsize=None)
def _layer_code_set(layer_id: str) -> frozenset[str]:
    return frozenset(geo.layer_codes(layer_id))


def _layer_regions(store: Store, layer_id: str) -> pd.DataFrame:
    """Regions table rows for the features of a layer (ordered by code)."""
    reg = store.regions()
    return reg[reg["kode"].isin(_layer_code_set(layer_id))].sort_values("kode").reset_index(drop=True)


def options(store: Store, layer_id: str, fw: str) -> dict:
    """Choices for the map widgets of a layer.

    ``metrics``: [(key, label)]; ``default_metric``: the composite of the shared framework
    when it is drawn on this layer, else the layer's own programme composite, else the first;
    ``regions``: [(code, label)] for the profile picker.
    """
    metrics = _metrics(store, layer_id)
    keys = list(metrics)
    default = None
    if "komposit:" + fw in metrics:
        default = "komposit:" + fw
    else:
        for f in vc.frameworks_for_layer(layer_id):
            if f.id == f.program and "komposit:" + f.id in metrics:
                default = "komposit:" + f.id
                break
    default = default or (keys[0] if keys else None)
    regs = _layer_regions(store, layer_id)
    return {
        "metrics": [(k, _metric_label(m)) for k, m in metrics.items()],
        "default_metric": default,
        "regions": [(r.kode, _region_label(r, _province_kecamatan(layer_id))) for r in regs.itertuples()],
        "layer_name": geo.LAYERS[layer_id].nama,
        "has_pilots": bool(regs["pilot"].any()),
    }


def metric_info(store: Store, layer_id: str, metric_key: str) -> dict:
    """Years with data, class methods available and labels for one metric on a layer."""
    m = _metrics(store, layer_id)[metric_key]
    vals = vc.metric_values(store, layer_id, metric_key)
    kind, _, rest = metric_key.partition(":")
    tfw = _target_framework(layer_id, rest) if kind == "ind" else None
    methods = ["quantile", "equal"] + (["target"] if tfw else [])
    counts = [k for k in CLASS_COUNTS if m.polarity != "netral" or k <= NEUTRAL_MAX_CLASSES]
    if tfw:
        t = next(i.target for i in tfw.indicators if i.id == rest)
        target_note = (f"Target {vc.framework_label(tfw.id)}: "
                       f"{_target_text(t.value, t.year, m.polarity, m.unit, _decimals([t.value]))}"
                       + (" (asumsi tim)" if t.assumption else "") + (f". {t.note}" if t.note else ""))
        no_target_note = ""
    else:
        target_note = ""
        no_target_note = ("Kelas berdasarkan target tidak tersedia: " +
                          ("skor komposit/pilar tidak punya target." if kind != "ind" else
                           "tidak ada kerangka di tingkat wilayah ini yang menetapkan target "
                           "untuk indikator ini."))
    return {
        "label": m.label, "unit": m.unit, "polarity": m.polarity,
        "polarity_label": vc.POLARITY_LABEL.get(m.polarity, m.polarity),
        "illustrative": bool(m.illustrative or vals["illustrative"].any()),
        "years": vc.years_of(vals),
        "methods": methods, "method_labels": {k: METHOD_LABEL[k] for k in methods},
        "class_counts": counts,
        "target_note": target_note, "no_target_note": no_target_note,
    }


# --- Classing and colours -----------------------------------------------------------------
def _pick(scale: list[str], n: int, start: int) -> list[str]:
    if n <= 0:
        return []
    if n == 1:
        return [scale[len(scale) - 3]]
    if n >= len(scale):
        return list(scale)
    start = min(start, len(scale) - n)
    idx = np.round(np.linspace(start, len(scale) - 1, n)).astype(int)
    return [scale[i] for i in idx]


def class_colours(n: int, polarity: str) -> list[str]:
    """Colour of each value class, classes ordered by ascending value.

    "Better" is always the darkest SCALE_BETTER colour: for polarity 'turun' the lowest
    values get it. 'netral' uses SCALE_NEUTRAL (light = low, dark = high). The lightest
    colours are skipped when fewer classes are drawn so no class looks like "tidak ada data".
    """
    if polarity == "netral":
        return _pick(vc.SCALE_NEUTRAL, n, 2 if n <= 5 else 1)
    cols = _pick(vc.SCALE_BETTER, n, 1)
    return cols[::-1] if polarity == "turun" else cols


def assign_classes(values: pd.Series, edges: list[float]) -> np.ndarray:
    """Class index 0..n-1 for each value (intervals [e_i, e_i+1), last one closed); -1 missing."""
    v = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64")
    out = np.full(len(v), -1, dtype=int)
    ok = np.isfinite(v)
    if len(edges) < 2:
        out[ok] = 0
        return out
    inner = np.asarray(edges[1:-1], dtype="float64")
    out[ok] = np.searchsorted(inner, v[ok], side="right")
    return out


def _class_labels(edges: list[float], method: str, d: int, unit: str) -> list[str]:
    if method == "target":
        labels = []
        for lo, hi in zip(edges[:-1], edges[1:]):
            if hi <= TARGET_CLASSES[1] + 1e-9:
                labels.append(f"< {fmt.angka(hi, 0)}% target")
            elif lo >= 100 - 1e-9:
                labels.append("≥ 100% (tercapai)")
            elif hi >= 100 - 1e-9:
                labels.append(f"{fmt.angka(lo, 0)} – <100% target")
            else:
                labels.append(f"{fmt.angka(lo, 0)} – {fmt.angka(hi, 0)}% target")
        return labels
    if len(edges) == 1:
        return [nilai(edges[0], unit, d)]
    de = d
    if d == 0 and any(not float(e).is_integer() for e in edges):
        de = 1
    return [_edge_label(lo, hi, de) for lo, hi in zip(edges[:-1], edges[1:])]


def _stepped_colourscale(colours: list[str]) -> list[list]:
    """Hard steps for integer z = 0..len-1 (zmin=-0.5, zmax=len-0.5)."""
    n = len(colours)
    scale = []
    for i, c in enumerate(colours):
        scale.append([i / n, c])
        scale.append([(i + 1) / n, c])
    return scale


# --- GeoJSON for the browser --------------------------------------------------------------
@lru_cache(maxsize=None)
def _features(layer_id: str) -> dict[str, dict]:
    """Display features (id + geometry only) by code."""
    out = {}
    for f in geo.geojson(layer_id)["features"]:
        out[f["id"]] = {"type": "Feature", "id": f["id"], "geometry": f["geometry"]}
    return out


@lru_cache(maxsize=64)
def geojson_url(layer_id: str, codes: tuple[str, ...] | None = None) -> str:
    """The layer (or some of its features) as a ``data:application/json`` URL.

    plotly.js loads a string ``geojson`` with one request and caches it per URL, so the
    geometry is parsed once in the browser and costs nothing to serialise on the server.
    """
    feats = _features(layer_id)
    keep = list(feats) if codes is None else [c for c in codes if c in feats]
    text = json.dumps({"type": "FeatureCollection", "features": [feats[c] for c in keep]},
                      separators=(",", ":"))
    return "data:application/json," + urllib.parse.quote(text, safe='{}[]":,.-_')


@lru_cache(maxsize=None)
def map_extent(layer_id: str) -> tuple[list[float], list[float]]:
    """Longitude and latitude ranges of a layer with 3% padding.

    Used as the geo axis ranges: plotly's ``fitbounds="locations"`` leaves a wide empty
    frame (the map used ~60% of the figure area), explicit ranges fill the frame.
    """
    xs, ys = [], []

    def walk(c):
        if isinstance(c[0], (int, float)):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for cc in c:
                walk(cc)
    for f in _features(layer_id).values():
        walk(f["geometry"]["coordinates"])
    px, py = 0.03 * (max(xs) - min(xs)), 0.03 * (max(ys) - min(ys))
    return [min(xs) - px, max(xs) + px], [min(ys) - py, max(ys) + py]


@lru_cache(maxsize=None)
def map_height(layer_id: str) -> int:
    """Figure height (px) that fits the layer's shape in a ~620 px wide column plus legend."""
    (x0, x1), (y0, y1) = map_extent(layer_id)
    aspect = (y1 - y0) / ((x1 - x0) * math.cos(math.radians((y0 + y1) / 2)))
    return int(min(max(620 * aspect + 80, 400), 740))


def decode_geojson(url_or_obj) -> dict:
    """Inverse of :func:`geojson_url` (for tests and exports)."""
    if isinstance(url_or_obj, dict):
        return url_or_obj
    return json.loads(urllib.parse.unquote(url_or_obj.split(",", 1)[1]))


# --- The map ------------------------------------------------------------------------------
def _target_rows(store: Store, layer_id: str, indicator: str) -> pd.DataFrame | None:
    fw = _target_framework(layer_id, indicator)
    if fw is None:
        return None
    ind = _results(store, layer_id)[fw.id].indicators
    return ind.loc[ind["indicator"] == indicator,
                   ["region_code", "year", "target", "target_year", "achievement_pct", "status"]]


def _neutral_order(df: pd.DataFrame) -> pd.Series:
    """Position by size (largest = 1) within each year, for descriptive indicators."""
    return df.groupby("year")["value"].rank(method="min", ascending=False)


def map_table(store: Store, layer_id: str, metric_key: str, year: int) -> pd.DataFrame:
    """One row per feature of the layer for a metric and year (missing values stay NaN)."""
    m = _metrics(store, layer_id)[metric_key]
    vals = vc.metric_values(store, layer_id, metric_key)
    if m.polarity == "netral":
        vals = vals.assign(order=_neutral_order(vals.dropna(subset=["value"])))
    else:
        vals = vals.assign(order=np.nan)
    kind, _, rest = metric_key.partition(":")
    tr = _target_rows(store, layer_id, rest) if kind == "ind" else None
    if tr is not None:
        vals = vals.merge(tr, on=["region_code", "year"], how="left")
    else:
        vals = vals.assign(target=np.nan, target_year=pd.NA, achievement_pct=np.nan, status=None)
    cur = vals[(vals["year"] == year) & vals["value"].notna()]
    regs = _layer_regions(store, layer_id)[["kode", "nama", "tingkat", "nama_kab", "pilot"]]
    out = regs.merge(cur.drop(columns=["region_name", "pilot", "kode_kab", "nama_kab"]),
                     left_on="kode", right_on="region_code", how="left")
    return out.drop(columns=["region_code"]).assign(year=year)


def _hover(row, m: vc.Metric, d: int, year: int, with_target: bool, show_kab: bool,
           per_point_source: bool) -> str:
    head = f"<b>{row.nama}</b>" + (f" {PILOT_MARK} kecamatan percontohan" if row.pilot else "")
    lines = [head]
    if show_kab and isinstance(row.nama_kab, str):
        lines.append(row.nama_kab)
    if fmt._is_missing(row.value):
        lines.append(f"{m.label}: <b>{fmt.MISSING}</b> untuk {year}")
        return "<br>".join(lines)
    lines.append(f"{_wrap(m.label, 60)}: <b>{nilai(row.value, m.unit, d)}</b>")
    lines.append(_rank_text(row.rank, row.n_regions, m.polarity, row.order).capitalize()
                 + f" · tahun {year}")
    if with_target and not fmt._is_missing(row.target):
        status = vc.STATUS_LABEL.get(row.status, "status belum dapat dinilai") \
            if isinstance(row.status, str) else "status belum dapat dinilai"
        lines.append(f"Capaian target: {fmt.persen(row.achievement_pct)} "
                     f"(target {_target_text(row.target, row.target_year, m.polarity, m.unit, d)})"
                     f" — {status}")
    if per_point_source:
        lines.append(_source_line(row.source))
    if row.illustrative:
        lines.append("<i>" + vc.ILUSTRASI + "</i>")
    return "<br>".join(lines)


def _source_line(source) -> str:
    return "<span style='font-size:11px'>Sumber: " + _wrap(source, 80) + "</span>"


def _legend_trace(name: str, colour: str, group: str, *, line: str = "#8a8a8a",
                  symbol: str = "square", line_width: float = 0.5) -> go.Scattergeo:
    return go.Scattergeo(lon=[None], lat=[None], mode="markers", name=name, legendgroup=group,
                         marker=dict(symbol=symbol, size=14, color=colour,
                                     line=dict(color=line, width=line_width)),
                         hoverinfo="skip", showlegend=True)


def map_view(store: Store, layer_id: str, metric_key: str, year: int, method: str = "quantile",
             k: int = DEFAULT_CLASSES) -> dict:
    """Choropleth of one metric on one layer for one year, with its table and captions.

    Returns ``fig`` (plotly), ``table`` (formatted, for the screen), ``download`` (raw
    values), ``title``, ``caption`` (sources and year), ``legend`` (label, colour, count),
    ``illustrative``, ``missing`` (names without data) and ``method`` (the method used).
    """
    m = _metrics(store, layer_id)[metric_key]
    tab = map_table(store, layer_id, metric_key, year)
    has_target = tab["target"].notna().any()
    if method == "target" and not has_target:
        method = "quantile"
    if m.polarity == "netral":
        k = min(k, NEUTRAL_MAX_CLASSES)
    d = _decimals(tab["value"], m.unit)
    basis = tab["achievement_pct"] if method == "target" else tab["value"]
    distinct = np.unique(pd.to_numeric(basis, errors="coerce").dropna().to_numpy(dtype="float64"))
    by_value = method != "target" and 1 <= len(distinct) <= k
    if by_value:
        # No more distinct values than classes (e.g. a 0/1 status): one class per value, so
        # 0 and 1 never share a colour.
        cls = np.array([-1 if fmt._is_missing(v) else int(np.searchsorted(distinct, v)) for v in basis])
        n = len(distinct)
        labels = [nilai(v, m.unit, d) for v in distinct]
    else:
        edges = class_breaks(store, basis, method, k)
        cls = assign_classes(basis, edges)
        n = 0 if not edges else max(1, len(edges) - 1)
        labels = _class_labels(edges, method, d, m.unit) if edges else []
    colours = class_colours(n, "naik" if method == "target" else m.polarity)
    tab["kelas"] = cls
    missing = tab["value"].isna()

    # One trace: z = 0 "tidak ada data", 1..n value classes.
    z = cls + 1
    scale_cols = [vc.MISSING_COLOUR] + colours
    show_kab = _province_kecamatan(layer_id)
    # One shared source goes into the hover template once instead of into every point.
    srcs = sorted(set(tab["source"].dropna()))
    shared = len(srcs) <= 1
    hover = [_hover(r, m, d, year, has_target, show_kab, not shared) for r in tab.itertuples()]
    template = "%{text}" + ("<br>" + _source_line(srcs[0]) if shared and srcs else "") + "<extra></extra>"
    codes = tab["kode"].tolist()
    fig = go.Figure()
    fig.add_trace(go.Choropleth(
        geojson=geojson_url(layer_id), featureidkey="id", locations=codes, z=z.tolist(),
        zmin=-0.5, zmax=len(scale_cols) - 0.5, colorscale=_stepped_colourscale(scale_cols),
        showscale=False, marker=dict(line=dict(color="white", width=0.6)),
        text=hover, hovertemplate=template, name="wilayah",
        unselected=dict(marker=dict(opacity=1)), selected=dict(marker=dict(opacity=1)),
        showlegend=False))

    pilots = tab.loc[tab["pilot"].fillna(False).astype(bool), "kode"].tolist()
    if pilots:
        fig.add_trace(go.Choropleth(
            geojson=geojson_url(layer_id, tuple(pilots)), featureidkey="id", locations=pilots,
            z=[0] * len(pilots), colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
            showscale=False, marker=dict(line=dict(color=vc.PILOT_COLOUR, width=3.5)),
            hoverinfo="skip", name="percontohan", showlegend=False))
    # Labels: every kecamatan of a small layer (Wonosobo); pilots marked with a star.
    lab = geo.labels(layer_id).merge(tab[["kode", "pilot"]], on="kode", how="left")
    if len(lab) <= LABEL_MAX_FEATURES:
        pil = lab["pilot"].fillna(False).astype(bool)
        for mask, size, weight in ((~pil, 11, "normal"), (pil, 14, "bold")):
            sub = lab[mask]
            if sub.empty:
                continue
            fig.add_trace(go.Scattergeo(
                lon=sub["label_lon"].tolist(), lat=sub["label_lat"].tolist(), mode="text",
                text=[(PILOT_MARK + " " if p else "") + nm for nm, p in zip(sub["nama"], pil[mask])],
                textfont=dict(size=size, color="#111111", weight=weight, shadow="auto"),
                hoverinfo="skip", showlegend=False, name="label"))

    # Discrete legend, ascending values; then "tidak ada data" and the map symbols.
    counts = pd.Series(cls[cls >= 0]).value_counts()
    legend = []
    for i, (lab_txt, col) in enumerate(zip(labels, colours)):
        c = int(counts.get(i, 0))
        legend.append({"label": lab_txt, "colour": col, "count": c})
        fig.add_trace(_legend_trace(f"{lab_txt}  ({c})", col, "kelas"))
    n_missing = int(missing.sum())
    legend.append({"label": fmt.MISSING, "colour": vc.MISSING_COLOUR, "count": n_missing})
    fig.add_trace(_legend_trace(f"{fmt.MISSING}  ({n_missing})", vc.MISSING_COLOUR, "kelas"))
    if pilots:
        fig.add_trace(_legend_trace(PILOT_MARK + " kecamatan percontohan", "rgba(0,0,0,0)", "simbol",
                                    line=vc.PILOT_COLOUR, line_width=3))
    basis_title = ("Capaian target" if method == "target" else m.unit) or "nilai"
    vc.layout(fig)
    legend_title = (f"<b>{basis_title}</b> · "
                    f"{vc.POLARITY_LABEL.get('naik' if method == 'target' else m.polarity)}")
    fig.update_layout(
        height=map_height(layer_id), margin=dict(l=0, r=0, t=0, b=0), dragmode=False,
        hoverlabel=dict(align="left", font=dict(size=13, color="#1F2933"), bgcolor="white",
                        bordercolor="#555555"),
        legend=dict(title=dict(text=legend_title, side="top"), orientation="h",
                    x=0, xanchor="left", y=0, yanchor="top", bgcolor="rgba(255,255,255,0)",
                    itemclick=False, itemdoubleclick=False, traceorder="normal",
                    font=dict(size=12)),
        geo=dict(visible=False, projection_type="mercator",
                 lonaxis_range=map_extent(layer_id)[0], lataxis_range=map_extent(layer_id)[1],
                 bgcolor="white", showframe=False, domain=dict(x=[0, 1], y=[0.0, 1.0])))

    # Tables: on screen (formatted) and for download (raw values).
    ranked = tab.sort_values(["rank", "order", "nama"], na_position="last")
    rank_col = [(_rank_text(r.rank, r.n_regions, m.polarity, r.order)
                 .replace("peringkat ", "").replace("tidak diperingkat (indikator deskriptif)", "–"))
                if not fmt._is_missing(r.value) else "" for r in ranked.itertuples()]
    table = pd.DataFrame({
        "Wilayah": [r.nama + (" " + PILOT_MARK if r.pilot else "") for r in ranked.itertuples()],
        **({"Kabupaten/kota": ranked["nama_kab"].fillna("")} if show_kab else {}),
        "Nilai": [nilai(v, m.unit, d) for v in ranked["value"]],
        "Peringkat": rank_col,
        **({"Capaian target": [fmt.persen(v, missing="") for v in ranked["achievement_pct"]],
            "Status": [vc.STATUS_LABEL.get(s, "") if isinstance(s, str) else "" for s in ranked["status"]]}
           if has_target else {}),
        "Kelas": [labels[c] if c >= 0 and labels else fmt.MISSING for c in ranked["kelas"]],
        "Tahun": year,
        "Sumber": ranked["source"].fillna(""),
        "Keterangan": [vc.ILUSTRASI if ill is True else "" for ill in ranked["illustrative"]],
    }).reset_index(drop=True)
    download = pd.DataFrame({
        "kode": ranked["kode"], "wilayah": ranked["nama"],
        **({"kabupaten_kota": ranked["nama_kab"]} if show_kab else {}),
        "indikator": m.label, "satuan": m.unit, "tahun": year, "nilai": ranked["value"],
        "peringkat": ranked["rank"].astype("Int64"),
        "jumlah_wilayah_berdata": ranked["n_regions"].astype("Int64"),
        **({"target": ranked["target"], "capaian_target_persen": ranked["achievement_pct"],
            "status_target": ranked["status"]} if has_target else {}),
        "kelas_legenda": [labels[c] if c >= 0 and labels else fmt.MISSING for c in ranked["kelas"]],
        "sumber": ranked["source"], "data_ilustrasi": ranked["illustrative"].fillna(False).astype(bool),
        "percontohan": ranked["pilot"].fillna(False).astype(bool),
    }).reset_index(drop=True)

    with_data = tab[~missing]
    caption = (f"{m.label}, {year}. {len(with_data)} dari {len(tab)} wilayah punya data"
               + (f"; {n_missing} wilayah tanpa data digambar abu-abu (“{fmt.MISSING}”, bukan nol)"
                  if n_missing else "") + ". "
               + ("Kelas: satu kelas per nilai (hanya " + str(n) + " nilai berbeda). " if by_value else
                  f"Kelas: {METHOD_LABEL[method].lower()}" + ("" if method == "target" else f", {n} kelas")
                  + ". ")
               + ("Sumber: " + "; ".join(srcs) + "." if srcs else ""))
    if not with_data.empty:
        best = with_data.sort_values(["rank", "order"], na_position="last").iloc[0]
        if m.polarity != "netral":
            worst = with_data.sort_values("rank", ascending=False).iloc[0]
            summary = (f"Terbaik: {best.nama} ({nilai(best.value, m.unit, d)}); "
                       f"peringkat terbawah: {worst.nama} ({nilai(worst.value, m.unit, d)}).")
        else:
            summary = (f"Terbesar: {best.nama} ({nilai(best.value, m.unit, d)}); "
                       f"terkecil: {with_data.loc[with_data['value'].idxmin(), 'nama']} "
                       f"({nilai(with_data['value'].min(), m.unit, d)}).")
    else:
        summary = f"Tidak ada data {m.label} untuk {year}."
    at_region = {}
    for r in tab.itertuples():
        if fmt._is_missing(r.value):
            at_region[r.kode] = {"value": fmt.MISSING, "detail": f"{year} · {fmt.MISSING}",
                                 "source": ""}
        else:
            at_region[r.kode] = {
                "value": nilai(r.value, m.unit, d),
                "detail": f"{year} · " + _rank_text(r.rank, r.n_regions, m.polarity, r.order),
                "source": f"Sumber: {r.source}" + (f" ({vc.ILUSTRASI})" if r.illustrative else "")}
    return {
        "fig": fig, "table": table, "download": download, "legend": legend, "at_region": at_region,
        "metric_label": m.label,
        "title": f"{m.label}, {year}", "caption": caption, "summary": summary,
        "illustrative": bool(m.illustrative or with_data["illustrative"].fillna(False).astype(bool).any()),
        "missing": tab.loc[missing, "nama"].tolist(), "method": method, "n_classes": n,
        "polarity_label": vc.POLARITY_LABEL.get(m.polarity, m.polarity),
    }


def highlight(fig: go.Figure, layer_id: str, code: str | None) -> go.Figure:
    """Outline the region whose profile is open (in place; returns ``fig``).

    Kept out of :func:`map_view` so a click only costs the (small) profile, not a new map:
    the outline is one feature's GeoJSON and one legend entry.
    """
    if not code or code not in _layer_code_set(layer_id):
        return fig
    fig.add_trace(go.Choropleth(
        geojson=geojson_url(layer_id, (code,)), featureidkey="id", locations=[code], z=[0],
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False,
        marker=dict(line=dict(color=HIGHLIGHT_COLOUR, width=4)), hoverinfo="skip",
        name="dipilih", showlegend=False))
    fig.add_trace(_legend_trace("wilayah yang dipilih", "rgba(0,0,0,0)", "simbol",
                                line=HIGHLIGHT_COLOUR, line_width=3))
    return fig


# --- Region profile -----------------------------------------------------------------------
def _parent(regs: pd.DataFrame, row: pd.Series) -> str:
    by = regs.set_index("kode")["nama"]
    prov = by.get(row["kode_prov"], "")
    if row["tingkat"] == "kecamatan":
        return f"{row['nama_kab']}, {prov}"
    return prov


def _level_name(row: pd.Series) -> str:
    return {"kecamatan": "Kecamatan", "kabupaten": "Kabupaten", "kota": "Kota"}.get(row["tingkat"],
                                                                                   row["tingkat"])


def _scores(results: dict, code: str) -> tuple[list[dict], list[dict]]:
    """Composite and pillar score cards plus their series, for frameworks drawn on the layer."""
    cards, series = [], []
    for res in results.values():
        fw = res.framework
        src = f"Dihitung Berdaya dari kerangka {fw.id}"
        parts = [("komposit", fw.composite_name, res.composite)]
        parts += [("pilar", "Pilar " + p.nama, res.pillars[res.pillars["pillar"] == p.id])
                  for p in fw.pillars]
        for kind, label, frame in parts:
            mine = frame[(frame["region_code"] == code)].sort_values("year")
            scored = mine.dropna(subset=["score"])
            n_by_year = frame.dropna(subset=["score"]).groupby("year")["score"].count()
            if scored.empty:
                last = None
            else:
                last = scored.iloc[-1]
            yr = int(last["year"]) if last is not None else None
            cards.append({
                "framework": fw.id, "framework_label": vc.framework_label(fw.id), "kind": kind,
                "label": label,
                "value": fmt.angka(last["score"]) if last is not None else fmt.MISSING,
                # st.metric reads the direction from a leading ASCII "-" (not U+2212).
                "delta": (None if last is None or fmt._is_missing(last["score_change"])
                          else fmt.bertanda(last["score_change"]).replace("−", "-", 1)
                          + f" vs {yr - 1}"),
                "change": ("" if last is None else fmt.bertanda(last["score_change"], missing="")),
                "year": yr,
                "rank": (f"{fmt.angka(last['rank'], 0)} dari {fmt.angka(n_by_year.get(yr, 0), 0)}"
                         if last is not None and not fmt._is_missing(last["rank"]) else fmt.MISSING),
                "help": (f"Skor 0–100 ({vc.POLARITY_LABEL['naik']}), tahun {yr}. Sumber: {src}"
                         + (f" — {vc.ILUSTRASI}." if fw.illustrative else ".")) if yr else
                        f"{fmt.MISSING}. Sumber: {src}.",
                "illustrative": fw.illustrative,
            })
            cards[-1]["caption"] = "Peringkat " + cards[-1]["rank"] + (
                " · " + vc.ILUSTRASI if fw.illustrative else "")
            med = frame.groupby("year")["score"].median()
            series.append({"label": label if kind == "pilar" else label + " (skor 0–100)",
                           "years": mine["year"].astype(int).tolist(),
                           "values": mine["score"].tolist(), "median_years": med.index.astype(int).tolist(),
                           "median": med.tolist(), "unit": "skor 0–100", "d": 1,
                           "illustrative": fw.illustrative, "kind": kind})
    return cards, series


def _undated(store: Store, code: str) -> pd.DataFrame:
    obs = store.observations(region_codes=[code])
    return obs[obs["year"].isna()]


def profile(store: Store, layer_id: str, region_code: str) -> dict:
    """Everything known about one region of a layer.

    ``indicators`` (formatted table, one row per indicator of the layer: latest value, year,
    rank within the layer, target and status where a framework sets one, source, illustrative
    flag; "tidak ada data" when the region has no value), ``download`` (raw),
    ``scores`` (composite/pillar cards of frameworks drawn on the layer), ``trend_fig``
    (small multiples with gaps for missing years), header fields and captions.
    """
    regs = store.regions()
    row = regs[regs["kode"] == region_code]
    if row.empty or region_code not in _layer_code_set(layer_id):
        raise KeyError(f"wilayah {region_code} tidak ada di lapisan {layer_id}")
    row = row.iloc[0]
    cat = vc.catalogue(store)
    allv = _described(store, layer_id)
    by_ind = {k: g for k, g in allv.groupby("indicator", sort=True)}
    ids = list(by_ind)
    # Targets and status from frameworks drawn on this layer.
    results = _results(store, layer_id)
    tgt = []
    for res in results.values():
        ind = res.indicators
        t = ind[(ind["region_code"] == region_code) & ind["target"].notna()]
        tgt.append(t[["indicator", "year", "target", "target_year", "achievement_pct", "status"]]
                   .assign(fw=res.framework.id))
    tgt = (pd.concat(tgt).drop_duplicates(["indicator", "year"]) if tgt
           else pd.DataFrame(columns=["indicator", "year", "target", "target_year", "achievement_pct",
                                      "status", "fw"]))

    rows, raw, series, ranked, statuses = [], [], [], [], []
    # Highlights use the framework indicators of the layer when there are any.
    fw_ids = {i for res in results.values() for i in res.framework.indicator_ids()}
    ids = sorted(ids, key=lambda i: cat.at[i, "nama"].lower())
    for iid in ids:
        meta = cat.loc[iid]
        pol, unit = meta["polaritas"], meta["satuan"]
        dfi = by_ind[iid]
        mine = dfi[dfi["region_code"] == region_code].sort_values("year")
        d = _decimals(dfi["value"], unit)
        if mine.empty:
            rows.append({"Indikator": meta["nama"], "Nilai terbaru": fmt.MISSING, "Tahun": "",
                         "Peringkat": "", "Target": "", "Status target": "", "Tren": "",
                         "Keterangan": "", "Sumber": "", "_ill": False, "_has": False})
            raw.append({"indikator": iid, "nama": meta["nama"], "satuan": unit, "tahun": None,
                        "nilai": None, "peringkat": None, "jumlah_wilayah_berdata": None,
                        "target": None, "target_tahun": None, "capaian_target_persen": None,
                        "status_target": None, "sumber": None, "data_ilustrasi": None})
            continue
        last = mine.iloc[-1]
        yr = int(last["year"])
        order = None
        if pol == "netral":
            ordr = dfi[dfi["year"] == yr]["value"].rank(method="min", ascending=False)
            order = ordr[dfi[dfi["year"] == yr]["region_code"] == region_code].iloc[0]
        t = tgt[(tgt["indicator"] == iid) & (tgt["year"] == yr)]
        t = t.iloc[0] if len(t) else None
        status = (vc.STATUS_LABEL.get(t["status"], "belum dapat dinilai")
                  if t is not None and isinstance(t["status"], str) else
                  ("belum dapat dinilai" if t is not None else ""))
        rank_txt = _rank_text(last["rank"], last["n_regions"], pol, order)
        rank_txt = rank_txt.replace("peringkat ", "")
        yrs = mine["year"].astype(int).tolist()
        if len(yrs) >= 2:
            full = list(range(min(yrs), max(yrs) + 1))
            missing_years = [y for y in full if y not in yrs]
            trend = "→".join(fmt.angka(v, d) for v in mine["value"]) if len(yrs) <= 3 else \
                f"{fmt.angka(mine['value'].iloc[0], d)} ({yrs[0]}) → {fmt.angka(last['value'], d)} ({yr})"
            if 0 < len(missing_years) <= 3:
                trend += f"; tanpa data {', '.join(map(str, missing_years))}"
            elif missing_years:
                trend += f"; tanpa data {len(missing_years)} tahun di antaranya"
            med = dfi.groupby("year")["value"].median()
            series.append({"label": meta["nama"], "years": yrs, "values": mine["value"].tolist(),
                           "median_years": med.index.astype(int).tolist(), "median": med.tolist(),
                           "unit": unit, "d": d, "illustrative": bool(mine["illustrative"].any()),
                           "kind": "ind"})
        else:
            trend = "satu tahun data"
        ill = bool(last["illustrative"])
        if (pol != "netral" and not fmt._is_missing(last["rank"]) and last["n_regions"] >= 3
                and (not fw_ids or iid in fw_ids)):
            ranked.append((float(last["rank"]) / float(last["n_regions"]), meta["nama"],
                           f"{meta['nama']}: {nilai(last['value'], unit, d)} ({yr}), peringkat "
                           f"{fmt.angka(last['rank'], 0)} dari {fmt.angka(last['n_regions'], 0)}"
                           + (f" — {vc.ILUSTRASI}" if ill else "")))
        if t is not None:
            statuses.append(t["status"] if isinstance(t["status"], str) else None)
        rows.append({
            "Indikator": meta["nama"], "Nilai terbaru": nilai(last["value"], unit, d), "Tahun": str(yr),
            "Peringkat": rank_txt,
            "Target": (_target_text(t["target"], t["target_year"], pol, unit, d) if t is not None else ""),
            "Status target": status, "Tren": trend,
            "Keterangan": vc.ILUSTRASI if ill else "", "Sumber": last["source"],
            "_ill": ill, "_has": True})
        raw.append({"indikator": iid, "nama": meta["nama"], "satuan": unit, "tahun": yr,
                    "nilai": float(last["value"]),
                    "peringkat": None if fmt._is_missing(last["rank"]) else int(last["rank"]),
                    "jumlah_wilayah_berdata": int(last["n_regions"]),
                    "target": None if t is None else float(t["target"]),
                    "target_tahun": None if t is None else int(t["target_year"]),
                    "capaian_target_persen": (None if t is None or fmt._is_missing(t["achievement_pct"])
                                              else float(t["achievement_pct"])),
                    "status_target": None if t is None else t["status"],
                    "sumber": last["source"], "data_ilustrasi": ill})
    # Values without a reference year (e.g. an area "as published"): shown, never ranked.
    for r in _undated(store, region_code).itertuples():
        if r.indicator not in cat.index:
            continue
        meta = cat.loc[r.indicator]
        rows.append({"Indikator": meta["nama"], "Nilai terbaru": nilai(r.value, meta["satuan"],
                                                                       _decimals([r.value])),
                     "Tahun": "–", "Peringkat": "", "Target": "", "Status target": "",
                     "Tren": "", "Keterangan": "tanpa tahun acuan" + (
                         "; " + vc.ILUSTRASI if r.illustrative else ""),
                     "Sumber": r.source, "_ill": bool(r.illustrative), "_has": True})
        raw.append({"indikator": r.indicator, "nama": meta["nama"], "satuan": meta["satuan"],
                    "tahun": None, "nilai": float(r.value), "peringkat": None,
                    "jumlah_wilayah_berdata": None, "target": None, "target_tahun": None,
                    "capaian_target_persen": None, "status_target": None, "sumber": r.source,
                    "data_ilustrasi": bool(r.illustrative)})
    table = pd.DataFrame(rows)
    order_key = (~table["_has"]).astype(int)
    table = table.assign(_o=order_key).sort_values(["_o"], kind="stable")
    illustrative_any = bool(table["_ill"].any())
    no_data = table.loc[~table["_has"], "Indikator"].tolist()
    table = table.drop(columns=["_ill", "_has", "_o"]).reset_index(drop=True)
    table = table[["Indikator", "Nilai terbaru", "Tahun", "Keterangan", "Peringkat", "Target",
                   "Status target", "Tren", "Sumber"]]

    ranked.sort()
    best = [r[2] for r in ranked[:3] if r[0] <= 0.5]
    worst = [r[2] for r in sorted(ranked, reverse=True)[:3] if r[0] > 0.5]
    status_line = ""
    if statuses:
        counts = {k: statuses.count(k) for k in ("tercapai", "on track", "off track")}
        status_line = (f"Target kerangka ({len(statuses)} indikator bertarget, tahun terbaru): "
                       + ", ".join(f"{vc.STATUS_LABEL[k].lower()} {n}" for k, n in counts.items())
                       + (f", belum dapat dinilai {statuses.count(None)}" if None in statuses else ""))
    cards, score_series = _scores(results, region_code)
    groups = []
    for fid in dict.fromkeys(c["framework"] for c in cards):
        mine = [c for c in cards if c["framework"] == fid]
        comp = next(c for c in mine if c["kind"] == "komposit")
        pil = [c for c in mine if c["kind"] == "pilar"]
        groups.append({
            "framework_label": comp["framework_label"], "composite": comp,
            "illustrative": comp["illustrative"],
            "pillars": pd.DataFrame({
                "Pilar": [c["label"].removeprefix("Pilar ") for c in pil],
                "Skor": [c["value"] for c in pil],
                "Δ setahun": [c["change"] for c in pil],
                "Peringkat": [c["rank"] for c in pil],
            }),
            "source": comp["help"],
        })
    trend_fig = _trend_figure(score_series + series, row["nama"])
    layer = geo.LAYERS[layer_id]
    n_layer = len(_layer_code_set(layer_id))
    level = _level_name(row)
    lname = layer.nama[0].lower() + layer.nama[1:]
    download = pd.DataFrame(raw)
    for col in ("tahun", "peringkat", "jumlah_wilayah_berdata", "target_tahun"):
        download[col] = pd.array(download[col], dtype="Int64")
    return {
        "code": region_code, "name": row["nama"],
        "title": f"{level} {row['nama']}" if row["tingkat"] == "kecamatan" else row["nama"],
        "parent": _parent(regs, row), "pilot": bool(row["pilot"]),
        "pilot_label": PILOT_MARK + " Kecamatan percontohan Kecamatan Berdaya" if row["pilot"] else "",
        "layer_name": layer.nama,
        "rank_note": f"Peringkat dihitung di antara {lname} yang punya data "
                     f"pada tahun yang sama ({n_layer} wilayah di peta); indikator deskriptif "
                     f"(tanpa arah baik/buruk) diurutkan dari nilai terbesar.",
        "highlights": {"best": best, "worst": worst, "status": status_line},
        "scores": cards, "score_groups": groups, "scores_illustrative": any(c["illustrative"] for c in cards),
        "indicators": table, "download": download,
        "illustrative": illustrative_any or any(c["illustrative"] for c in cards),
        "no_data": no_data, "trend_fig": trend_fig,
        "trend_note": ("Garis biru: " + row["nama"] + "; garis abu-abu putus-putus: median "
                       f"{lname} yang punya data. Celah pada garis berarti tidak ada data tahun itu "
                       "(bukan nol). Sumber tiap indikator ada di tabel."),
    }


def _trend_figure(series: list[dict], name: str):
    """Small multiples: one panel per indicator/score with at least two years of data.

    Missing years are None (a gap in the line, never a zero). The layout is written out
    directly (no make_subplots/update_*axes), which is ~20× faster for 25 panels.
    """
    series = [s for s in series if len([v for v in s["values"] if not fmt._is_missing(v)]) >= 2]
    if not series:
        return None
    cols = 3
    rows = math.ceil(len(series) / cols)
    panel_h, title_h, gap_h = 120, 44, 22      # pixels
    height = rows * (panel_h + title_h + gap_h) + 40
    hgap = 0.07
    width = (1 - hgap * (cols - 1)) / cols
    data, layout, notes = [], {}, []
    for i, s in enumerate(series):
        r, c = divmod(i, cols)
        ax = "" if i == 0 else str(i + 1)
        x0 = c * (width + hgap)
        top = 1 - (40 + r * (panel_h + title_h + gap_h) + title_h) / height
        bottom = top - panel_h / height
        yrs = s["years"]
        full = list(range(min(yrs + s["median_years"]), max(yrs + s["median_years"]) + 1))
        by = dict(zip(yrs, s["values"]))
        yv = [None if fmt._is_missing(by.get(y)) else float(by[y]) for y in full]
        mby = dict(zip(s["median_years"], s["median"]))
        mv = [None if fmt._is_missing(mby.get(y)) else float(mby[y]) for y in full]
        unit, d = s["unit"], s["d"]
        data.append(dict(
            type="scatter", x=full, y=mv, xaxis="x" + ax, yaxis="y" + ax, mode="lines",
            line=dict(color="#9a9a9a", width=1.5, dash="dot"), connectgaps=False,
            name="Median wilayah di peta", legendgroup="median", showlegend=i == 0,
            text=[("Median: " + nilai(v, unit, d)) if v is not None else fmt.MISSING for v in mv],
            hovertemplate="%{x}: %{text}<extra></extra>"))
        data.append(dict(
            type="scatter", x=full, y=yv, xaxis="x" + ax, yaxis="y" + ax, mode="lines+markers",
            line=dict(color=vc.OTHER_COLOUR, width=2.2), marker=dict(size=6), connectgaps=False,
            name=name, legendgroup="wilayah", showlegend=i == 0,
            text=[nilai(v, unit, d) if v is not None else fmt.MISSING for v in yv],
            hovertemplate="%{x}: %{text}<extra>" + name + "</extra>"))
        layout["xaxis" + ax] = dict(domain=[x0, x0 + width], anchor="y" + ax, tickmode="array",
                                    tickvals=full if len(full) <= 8 else full[::2], tickformat="d",
                                    showgrid=False, tickfont=dict(size=10), fixedrange=True)
        layout["yaxis" + ax] = dict(domain=[bottom, top], anchor="x" + ax, tickfont=dict(size=10),
                                    gridcolor="#eeeeee", zeroline=False, nticks=4, fixedrange=True)
        title = "<br>".join(textwrap.wrap(s["label"], 36)[:2])
        if s["illustrative"]:
            title += " <i>(ilustrasi)</i>"
        notes.append(dict(text=title, x=x0, xref="paper", xanchor="left", y=top + 4 / height,
                          yref="paper", yanchor="bottom", showarrow=False, align="left",
                          font=dict(size=12)))
    fig = go.Figure(data=data, layout=dict(layout, annotations=notes))
    vc.layout(fig)
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10),
                      legend=dict(orientation="h", x=0, xanchor="left", y=1, yanchor="top",
                                  font=dict(size=12)))
    return fig
