"""Perbandingan (comparison): the four pilot kecamatan against the other Wonosobo kecamatan,
the Jawa Barat kabupaten/kota ranked, Kabupaten Wonosobo benchmarked against Jawa Barat, and
any regions side by side on the same indicator.

Every function returns ready-to-render tables (numbers already formatted the Indonesian way),
plotly figures, a one-line source note and a numeric table for download. No Streamlit here.
"""
from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import formatting as fmt
from .. import frameworks
from ..engine import compute, describe
from ..frameworks import Scope
from ..store import PILOT_CODES, WONOSOBO, Store
from .common import (ACCENT, ILUSTRASI, OTHER_COLOUR, PILOT_COLOUR, POLARITY_LABEL, catalogue,
                     layout, source_note)

KB = "kecamatan_berdaya"
WJDE = "wjde"
JABAR, JATENG = "32", "33"
# Indicators published by both provinces in the same series (same BPS table / same SSGI survey).
BENCHMARK = ("ipm_uhh_sp2010", "kemiskinan_pct", "stunting_pct_ssgi")
PILOT_LABEL = "4 kecamatan percontohan"
OTHER_LABEL = "11 kecamatan lain"
GREY = "#6B7280"
TARGET_COLOUR = "#009E73"   # Okabe–Ito bluish green
SCORE_UNIT = "skor 0–100"
MAX_SIDE_REGIONS = 8
MAX_SIDE_INDICATORS = 4
# Programme facts are single numbers about the programme, not regional statistics.
_NOT_COMPARABLE_PREFIX = ("kecamatan_berdaya_", "jumlah_kecamatan", "jumlah_desa_kelurahan_gubernur")


# --- Small shared helpers (also used by the Tren view) -----------------------------------
def decimals_for(values) -> int:
    """Decimals needed to show a series as published (0–2)."""
    return fmt.desimal_perlu(values)


def fmt_value(x, unit: str, d: int = 1) -> str:
    """A value in its unit the Indonesian way: 15,28% / Rp2.345.678 / 1.234,5."""
    unit = unit or ""
    if unit.startswith("persen"):
        return fmt.persen(x, d)
    if unit.startswith("rupiah"):
        return fmt.rupiah(x)
    return fmt.angka(x, d)


def change_unit(unit: str) -> str:
    """Unit of a difference: percentage points for rates, indices and scores."""
    unit = unit or ""
    if unit.startswith("persen") or unit in ("indeks", SCORE_UNIT):
        return "poin"
    if unit.startswith("rupiah"):
        return "rupiah"
    if unit.startswith("status"):
        return ""
    return unit


def change_text(x, unit: str, d: int = 1) -> str:
    """'−1,3 poin', '+12 kasus'; missing stays 'tidak ada data'."""
    if x is None or pd.isna(x):
        return fmt.MISSING
    cu = change_unit(unit)
    return fmt.bertanda(x, d) + (" " + cu if cu else "")


def rank_change_text(x) -> str:
    """Positive = moved up the ranking: '▲ 2'; '▼ 1'; 'tetap'; missing 'tidak ada data'."""
    if x is None or pd.isna(x):
        return fmt.MISSING
    x = int(x)
    return "▲ " + str(x) if x > 0 else ("▼ " + str(-x) if x < 0 else "tetap")


def short_name(name: str) -> str:
    """'Rumah Perlindungan Perempuan dan Anak (RPPA)' -> 'RPPA' (axis labels)."""
    if name.endswith(")") and "(" in name:
        return name[name.rindex("(") + 1:-1]
    return name


def wrap(text: str, width: int = 18) -> str:
    return "<br>".join(textwrap.wrap(text, width)) or text


def region_labels(store: Store) -> dict[str, str]:
    """Readable, unambiguous names: provinces, kab/kota with their province, kecamatan with kab."""
    r = store.regions()
    prov = dict(zip(r.loc[r["tingkat"] == "provinsi", "kode"], r.loc[r["tingkat"] == "provinsi", "nama"]))
    out = {}
    for row in r.itertuples():
        if row.tingkat == "provinsi":
            out[row.kode] = "Provinsi " + row.nama
        elif row.tingkat in ("kabupaten", "kota"):
            out[row.kode] = f"{row.nama} ({prov.get(row.kode_prov, row.kode_prov)})"
        elif row.tingkat == "kecamatan":
            kab = (row.nama_kab or "").replace("Kabupaten ", "Kab. ")
            out[row.kode] = f"Kec. {row.nama} ({kab})" + (" ★" if row.pilot else "")
        else:
            out[row.kode] = row.nama
    return out


def comparable_regions(store: Store) -> list[str]:
    """Regions offered for side-by-side and trend views: the two provinces, all their
    kabupaten/kota and the kecamatan of Kabupaten Wonosobo."""
    r = store.regions()
    keep = (r["kode_prov"].isin([JABAR, JATENG]) & r["tingkat"].isin(["provinsi", "kabupaten", "kota"])) | (
        (r["tingkat"] == "kecamatan") & (r["kode_kab"] == WONOSOBO))
    return r.loc[keep, "kode"].tolist()


def indicator_choices(store: Store, regions: list[str], min_years: int = 1) -> list[str]:
    """Indicators with dated values for these regions (at least ``min_years`` distinct years)."""
    obs = store.observations(region_codes=regions)
    obs = obs[obs["year"].notna() & ~obs["indicator"].str.startswith(_NOT_COMPARABLE_PREFIX)]
    n = obs.groupby("indicator")["year"].nunique()
    return sorted(n[n >= min_years].index.tolist())


def _by_pol(pol: str) -> bool:
    """True when larger values are better (descending sort)."""
    return pol != "turun"


def _rank_equiv(value: float, others: pd.Series, pol: str) -> int:
    """Rank a value would take among ``others`` (1 = best; ties share the better rank)."""
    better = (others > value) if _by_pol(pol) else (others < value)
    return int(better.sum()) + 1


# --- Options for the page widgets ----------------------------------------------------------
def options(store: Store, fw: str, year: int, regions: list[str]) -> dict:
    """Widget choices and defaults (taken from the shared sidebar filters where sensible)."""
    cat = catalogue(store)
    labels = region_labels(store)
    kb = compute(store, frameworks.load(KB))
    kb_fw = kb.framework
    wj = compute(store, frameworks.load(WJDE))
    wj_fw = wj.framework

    # Pilot section: indicators of the Kecamatan Berdaya framework.
    kb_inds = [(i.id, cat.at[i.id, "nama"] + " — pilar " + kb_fw.pillar(i.pillar).nama)
               for i in kb_fw.indicators]

    # Ranking section: WJDE composite, pillars, indicators (+ context with a direction).
    wj_metrics = [("komposit", wj_fw.composite_name)]
    wj_metrics += [("pilar:" + p.id, "Pilar " + p.nama) for p in wj_fw.pillars]
    ranked_ids = wj_fw.indicator_ids() + [c for c in wj_fw.context
                                         if cat.at[c, "polaritas"] != "netral" and c not in wj_fw.indicator_ids()]
    wj_metrics += [("ind:" + i, cat.at[i, "nama"]) for i in ranked_ids]
    wj_years = {}
    for key, _ in wj_metrics:
        vals = _wjde_values(wj, key)
        wj_years[key] = sorted(int(y) for y in vals.dropna(subset=["value"])["year"].unique())
    wj_metrics = [(k, lab) for k, lab in wj_metrics if wj_years[k]]
    wj_default_year = {k: (year if fw == WJDE and year in ys else ys[-1]) for k, ys in wj_years.items() if ys}

    # Benchmark section: years where Wonosobo and at least one Jabar kab/kota both have data.
    bench = _benchmark_frame(store)
    bm_years = {i: sorted(int(y) for y in bench.loc[bench["indicator"] == i, "year"].unique())
                for i in BENCHMARK}

    # Side by side: comparable regions and indicators.
    sb_regions = comparable_regions(store)
    sb_inds = indicator_choices(store, sb_regions)
    obs = store.observations(region_codes=sb_regions, indicators=sb_inds)
    sb_years = sorted(int(y) for y in obs["year"].dropna().unique())

    # Defaults from the shared filters.
    if fw == KB:
        sb_def_regions = [r for r in regions if r in sb_regions][:MAX_SIDE_REGIONS] or list(PILOT_CODES)
        sb_def_inds = ["sport_pct_warga_aktif", "rppa_pct_kasus_tertangani"]
        jb_highlight = []
    else:
        sb_def_regions = ([r for r in regions if r in sb_regions][:MAX_SIDE_REGIONS - 1] or
                          ["32", "32.73", "32.05"]) + ["33", WONOSOBO]
        sb_def_inds = ["ipm_uhh_sp2010", "kemiskinan_pct"]
        jb_highlight = list(regions) if fw == WJDE else []
    return {
        "kb_years": kb.years,
        "kb_year": year if fw == KB and year in kb.years else kb.latest_year(),
        "kb_indicators": kb_inds,
        "kb_default_indicator": "rppa_pct_kasus_tertangani",
        "wj_metrics": wj_metrics,
        "wj_years": wj_years,
        "wj_default_year": wj_default_year,
        "wj_highlight": jb_highlight,
        "bm_indicators": [(i, cat.at[i, "nama"]) for i in BENCHMARK if bm_years[i]],
        "bm_years": bm_years,
        "bm_default_year": {i: (year if year in ys else ys[-1]) for i, ys in bm_years.items() if ys},
        "sb_regions": [(c, labels[c]) for c in sb_regions],
        "sb_indicators": [(i, cat.at[i, "nama"] + (" (" + ILUSTRASI + ")" if cat.at[i, "ilustratif"] else ""))
                          for i in sb_inds],
        "sb_years": sb_years,
        "sb_default_regions": [r for r in sb_def_regions if r in sb_regions],
        "sb_default_indicators": [i for i in sb_def_inds if i in sb_inds],
        "sb_year": year if year in sb_years else max(sb_years),
        "max_regions": MAX_SIDE_REGIONS, "max_indicators": MAX_SIDE_INDICATORS,
    }


# --- 1. Pilots against the other Wonosobo kecamatan ---------------------------------------
def _group(codes: pd.Series) -> pd.Series:
    return np.where(codes.isin(PILOT_CODES), "pilot", "lain")


def pilot_means(store: Store, res=None) -> pd.DataFrame:
    """Mean pillar and composite scores of the 4 pilots and of the 11 other kecamatan, all years:
    metric ('komposit' or pillar id), year, kelompok ('pilot'/'lain'), mean, n."""
    res = res if res is not None else compute(store, frameworks.load(KB))
    comp = res.composite.assign(pillar="komposit")[["region_code", "year", "pillar", "score"]]
    pil = res.pillars[["region_code", "year", "pillar", "score"]]
    df = pd.concat([comp, pil], ignore_index=True)
    df["kelompok"] = _group(df["region_code"])
    out = (df.groupby(["pillar", "year", "kelompok"])["score"].agg(["mean", "count"]).reset_index()
             .rename(columns={"pillar": "metric", "count": "n"}))
    return out


def pilot(store: Store, year: int, indicator: str) -> dict:
    """Pilots vs the other kecamatan for ``year``: pillar means (bars), every indicator's
    group means (table) and all 15 kecamatan on one indicator (dot plot with last year)."""
    fw = frameworks.load(KB)
    res = compute(store, fw)
    cat = catalogue(store)
    year = year if year in res.years else res.latest_year()
    prev = year - 1
    if indicator not in fw.indicator_ids():
        indicator = fw.indicator_ids()[0]

    # Pillar and composite means.
    means = pilot_means(store, res)
    order = ["komposit"] + [p.id for p in fw.pillars]
    names = {"komposit": fw.composite_name, **{p.id: p.nama for p in fw.pillars}}
    m = means.pivot_table(index=["metric", "year"], columns="kelompok", values="mean")
    rows = []
    for key in order:
        now = m.loc[(key, year)] if (key, year) in m.index else pd.Series(dtype=float)
        before = m.loc[(key, prev)] if (key, prev) in m.index else pd.Series(dtype=float)
        p, o = now.get("pilot", np.nan), now.get("lain", np.nan)
        pp, op = before.get("pilot", np.nan), before.get("lain", np.nan)
        rows.append({"kode": key, "nama": names[key], "tahun": year,
                     "rata_percontohan": p, "rata_percontohan_tahun_lalu": pp,
                     "perubahan_percontohan": p - pp,
                     "rata_lain": o, "rata_lain_tahun_lalu": op, "perubahan_lain": o - op,
                     "selisih": p - o})
    pm = pd.DataFrame(rows)

    fig = go.Figure()
    x = [wrap(short_name(n), 16) for n in pm["nama"]]
    for grp, col, colour in (("Percontohan", "rata_percontohan", PILOT_COLOUR),
                             ("Lain", "rata_lain", OTHER_COLOUR)):
        label = PILOT_LABEL if grp == "Percontohan" else OTHER_LABEL
        chg = "perubahan_percontohan" if grp == "Percontohan" else "perubahan_lain"
        fig.add_bar(x=x, y=pm[col], name=f"{label} ({year})", marker_color=colour,
                    offsetgroup=grp, text=[fmt.angka(v) for v in pm[col]], textposition="outside",
                    customdata=np.stack([[fmt.angka(v) for v in pm[col]],
                                         [change_text(v, SCORE_UNIT) for v in pm[chg]]], axis=-1),
                    hovertemplate=("%{x}<br>" + label + f" {year}: " + "%{customdata[0]}<br>"
                                   f"Perubahan vs {prev}: " + "%{customdata[1]}<extra></extra>"))
        prev_col = col + "_tahun_lalu"
        if pm[prev_col].notna().any():
            fig.add_scatter(x=x, y=pm[prev_col], mode="markers", name=f"Rata-rata {prev}",
                            offsetgroup=grp, legendgroup="prev", showlegend=grp == "Percontohan",
                            marker=dict(symbol="line-ew-open", size=28, color="#1F2933",
                                        line=dict(width=3, color="#1F2933")),
                            customdata=[fmt.angka(v) for v in pm[prev_col]],
                            hovertemplate="%{x}<br>" + label + f" {prev}: " + "%{customdata}<extra></extra>")
    layout(fig, barmode="group", scattermode="group", height=430,
           title=dict(text=f"Rata-rata skor pilar {year}: percontohan vs kecamatan lain ({ILUSTRASI})",
                      font_size=15),
           legend=dict(orientation="h", y=-0.22, x=0), yaxis=dict(title=SCORE_UNIT, range=[0, 105]))
    fig.update_xaxes(tickangle=0)

    pillar_table = pd.DataFrame({
        "Pilar / indeks": pm["nama"],
        f"Percontohan {year}": pm["rata_percontohan"].map(fmt.angka),
        f"Perubahan (percontohan) vs {prev}": pm["perubahan_percontohan"].map(lambda v: change_text(v, SCORE_UNIT)),
        f"Lain {year}": pm["rata_lain"].map(fmt.angka),
        f"Perubahan (lain) vs {prev}": pm["perubahan_lain"].map(lambda v: change_text(v, SCORE_UNIT)),
        "Selisih": pm["selisih"].map(lambda v: change_text(v, SCORE_UNIT)),
    })

    # Every indicator: group means of the raw values.
    ind = res.indicators[res.indicators["pillar"].notna()].copy()
    ind["kelompok"] = _group(ind["region_code"])
    g = ind.groupby(["indicator", "year", "kelompok"])["value"].mean().unstack("kelompok")
    irows = []
    for i in fw.indicators:
        unit = cat.at[i.id, "satuan"]
        d = max(1, decimals_for(ind.loc[ind["indicator"] == i.id, "value"]))
        now = g.loc[(i.id, year)] if (i.id, year) in g.index else pd.Series(dtype=float)
        before = g.loc[(i.id, prev)] if (i.id, prev) in g.index else pd.Series(dtype=float)
        irows.append({"indikator": i.id, "nama": cat.at[i.id, "nama"], "pilar": fw.pillar(i.pillar).nama,
                      "satuan": unit, "tahun": year,
                      "rata_percontohan": now.get("pilot", np.nan),
                      "perubahan_percontohan": now.get("pilot", np.nan) - before.get("pilot", np.nan),
                      "rata_lain": now.get("lain", np.nan),
                      "perubahan_lain": now.get("lain", np.nan) - before.get("lain", np.nan),
                      "_d": d})
    im = pd.DataFrame(irows)
    indicator_table = pd.DataFrame({
        "Indikator": im["nama"], "Pilar": im["pilar"].map(short_name),
        f"Percontohan {year}": [fmt_value(v, u, d) for v, u, d in zip(im["rata_percontohan"], im["satuan"], im["_d"])],
        f"Perubahan (percontohan) vs {prev}": [change_text(v, u, d) for v, u, d in
                                               zip(im["perubahan_percontohan"], im["satuan"], im["_d"])],
        f"Lain {year}": [fmt_value(v, u, d) for v, u, d in zip(im["rata_lain"], im["satuan"], im["_d"])],
        f"Perubahan (lain) vs {prev}": [change_text(v, u, d) for v, u, d in
                                        zip(im["perubahan_lain"], im["satuan"], im["_d"])],
    })

    # One indicator, all 15 kecamatan.
    dot = _pilot_dot(res, cat, indicator, year)

    sources = res.indicators[res.indicators["pillar"].notna()]
    download = pd.concat([
        pm.assign(jenis="skor pilar (rata-rata kelompok)").drop(columns=["kode"]),
        im.drop(columns=["_d"]).rename(columns={"indikator": "kode"})
          .assign(jenis="nilai indikator (rata-rata kelompok)"),
    ], ignore_index=True).assign(ilustrasi=True, sumber=source_note(sources).removeprefix("Sumber: "))
    return {"year": year, "prev": prev, "indicator": indicator, "illustrative": True,
            "fig_pillars": fig, "pillar_table": pillar_table, "indicator_table": indicator_table,
            "means": pm, "indicator_means": im.drop(columns=["_d"]),
            **dot,
            "source": source_note(sources) + f". Skor pilar: normalisasi min-maks antar-15 kecamatan per tahun "
                      f"(kerangka {KB}), rata-rata sederhana per kelompok.",
            "download": download}


def _pilot_dot(res, cat, indicator: str, year: int) -> dict:
    fw = res.framework
    prev = year - 1
    unit = cat.at[indicator, "satuan"]
    pol = fw.indicators[fw.indicator_ids().index(indicator)].polarity or cat.at[indicator, "polaritas"]
    allv = res.indicators[res.indicators["indicator"] == indicator]
    d = max(decimals_for(allv["value"]), 0)
    regions = res.regions[["kode", "nama", "pilot"]]
    now = allv[allv["year"] == year].set_index("region_code")
    before = allv[allv["year"] == prev].set_index("region_code")
    t = regions.assign(
        value=regions["kode"].map(now["value"]), value_prev=regions["kode"].map(before["value"]),
        rank=regions["kode"].map(now["rank"]), rank_change=regions["kode"].map(now["rank_change"]),
        n=regions["kode"].map(now["n_regions"]))
    t["change"] = t["value"] - t["value_prev"]
    asc = not _by_pol(pol)
    t = t.sort_values(["value", "nama"], ascending=[asc, True], na_position="last").reset_index(drop=True)
    t["label"] = [("<b>" + n + " ★</b>") if p else n for n, p in zip(t["nama"], t["pilot"])]
    shown = t[t["value"].notna()]
    missing = t[t["value"].isna()]["nama"].tolist()

    fig = go.Figure()
    # Dumbbell: grey segment from last year to this year.
    seg_x, seg_y = [], []
    for r in shown.itertuples():
        if not pd.isna(r.value_prev):
            seg_x += [r.value_prev, r.value, None]
            seg_y += [r.label, r.label, None]
    if seg_x:
        fig.add_scatter(x=seg_x, y=seg_y, mode="lines", line=dict(color="#B0B7C3", width=2),
                        hoverinfo="skip", showlegend=False)
        fig.add_scatter(x=shown["value_prev"], y=shown["label"], mode="markers", name=str(prev),
                        marker=dict(symbol="circle-open", size=10, color=GREY, line=dict(width=2)),
                        customdata=[fmt_value(v, unit, d) for v in shown["value_prev"]],
                        hovertemplate="%{y}<br>" + str(prev) + ": %{customdata}<extra></extra>")
    for is_pilot, colour, name in ((True, PILOT_COLOUR, f"Percontohan ({year})"),
                                   (False, OTHER_COLOUR, f"Kecamatan lain ({year})")):
        s = shown[shown["pilot"] == is_pilot]
        fig.add_scatter(
            x=s["value"], y=s["label"], mode="markers", name=name,
            marker=dict(size=13, color=colour, symbol="diamond" if is_pilot else "circle",
                        line=dict(width=1, color="white")),
            customdata=np.stack([[fmt_value(v, unit, d) for v in s["value"]],
                                 [change_text(v, unit, d) for v in s["change"]],
                                 [f"{int(r)} dari {int(n)}" if not pd.isna(r) else fmt.MISSING
                                  for r, n in zip(s["rank"], s["n"])]], axis=-1) if len(s) else None,
            hovertemplate=("%{y}<br>" + str(year) + ": %{customdata[0]}<br>Perubahan vs " + str(prev) +
                           ": %{customdata[1]}<br>Peringkat: %{customdata[2]}<extra></extra>"))
    pm = shown.loc[shown["pilot"], "value"].mean()
    om = shown.loc[~shown["pilot"], "value"].mean()
    for v, colour, text, pos in ((pm, PILOT_COLOUR, "rata-rata percontohan", "top right"),
                                 (om, OTHER_COLOUR, "rata-rata lain", "top left")):
        if not pd.isna(v):
            fig.add_vline(x=v, line=dict(color=colour, dash="dash", width=1.5),
                          annotation=dict(text=f"{text}: {fmt_value(v, unit, max(1, d))}", font_color=colour,
                                          font_size=12),
                          annotation_position=pos)
    spec = fw.indicators[fw.indicator_ids().index(indicator)]
    if spec.target is not None:
        tg = spec.target
        fig.add_vline(x=tg.value, line=dict(color=TARGET_COLOUR, dash="dot", width=2),
                      annotation=dict(text=f"target {tg.year}: {fmt_value(tg.value, unit, d)}"
                                           + (" (asumsi)" if tg.assumption else ""),
                                      font_color=TARGET_COLOUR, font_size=12),
                      annotation_position="bottom right")
    layout(fig, height=max(360, 34 * len(shown) + 150),
           title=dict(text=f"{cat.at[indicator, 'nama']} {year} — 15 kecamatan ({ILUSTRASI})", font_size=15),
           xaxis=dict(title=unit, zeroline=False, gridcolor="#EEF0F3"),
           yaxis=dict(autorange="reversed", title=None),
           legend=dict(orientation="h", y=-0.12, x=0))
    fig.update_layout(margin=dict(l=10, r=20, t=70, b=10))
    table = pd.DataFrame({
        "Kecamatan": t["nama"], "Percontohan": np.where(t["pilot"], "ya ★", "–"),
        f"Nilai {year}": [fmt_value(v, unit, d) for v in t["value"]],
        f"Nilai {prev}": [fmt_value(v, unit, d) for v in t["value_prev"]],
        "Perubahan": [change_text(v, unit, d) for v in t["change"]],
        "Peringkat": [fmt.MISSING if pd.isna(r) else f"{int(r)} dari {int(n)}" for r, n in zip(t["rank"], t["n"])],
        "Perubahan peringkat": t["rank_change"].map(rank_change_text),
    })
    return {"fig_indicator": fig, "indicator_detail": table,
            "indicator_detail_raw": t.drop(columns=["label"]).assign(indikator=indicator, tahun=year),
            "indicator_polarity": POLARITY_LABEL.get(pol, pol), "indicator_missing": missing,
            "pilot_mean": pm, "other_mean": om}


# --- 2. Jawa Barat kabupaten/kota ranked ---------------------------------------------------
def _wjde_values(res, key: str) -> pd.DataFrame:
    """region_code, region_name, year, value, rank, rank_change, change, n, source for a WJDE metric."""
    names = res.regions.set_index("kode")["nama"]
    if key == "komposit":
        df = res.composite.rename(columns={"score": "value", "score_change": "change"})
        src = "Dihitung Berdaya dari kerangka wjde"
    elif key.startswith("pilar:"):
        df = res.pillars[res.pillars["pillar"] == key[6:]].rename(columns={"score": "value",
                                                                           "score_change": "change"})
        src = "Dihitung Berdaya dari kerangka wjde"
    elif key.startswith("ind:"):
        df = res.indicators[res.indicators["indicator"] == key[4:]]
        src = None
    else:
        raise ValueError(f"metrik tidak dikenal: {key}")
    df = df.assign(region_name=df["region_code"].map(names))
    if src is not None:
        df = df.assign(source=src)
    df = df[df["value"].notna()]
    df = df.assign(n=df.groupby("year")["value"].transform("count"))
    return df[["region_code", "region_name", "year", "value", "rank", "rank_change", "change", "n", "source"]]


def peringkat(store: Store, year: int, metric: str, highlight: list[str] | None = None) -> dict:
    """The 27 Jawa Barat kabupaten/kota ranked on a WJDE metric in ``year`` with the rank
    change since the year before."""
    res = compute(store, frameworks.load(WJDE))
    fw = res.framework
    cat = catalogue(store)
    if metric.startswith("ind:"):
        iid = metric[4:]
        unit, label = cat.at[iid, "satuan"], cat.at[iid, "nama"]
        spec = next((i for i in fw.indicators if i.id == iid), None)
        pol = (spec.polarity if spec and spec.polarity else None) or cat.at[iid, "polaritas"]
    else:
        unit, pol = SCORE_UNIT, "naik"
        label = fw.composite_name if metric == "komposit" else "Pilar " + fw.pillar(metric[6:]).nama
    vals = _wjde_values(res, metric)
    years = sorted(int(y) for y in vals["year"].unique())
    if not years:
        raise ValueError(f"tidak ada data untuk {metric}")
    year = year if year in years else years[-1]
    prev = year - 1
    d = decimals_for(vals["value"]) if metric.startswith("ind:") else 1
    now = vals[vals["year"] == year].set_index("region_code")
    before = vals[vals["year"] == prev].set_index("region_code")
    n_now, n_prev = len(now), len(before)
    comparable = n_prev == n_now
    t = res.regions[["kode", "nama"]].copy()
    t["value"] = t["kode"].map(now["value"])
    t["rank"] = t["kode"].map(now["rank"]).astype("Int64")
    t["value_prev"] = t["kode"].map(before["value"])
    t["rank_prev"] = t["kode"].map(before["rank"]).astype("Int64")
    t["change"] = t["value"] - t["value_prev"]
    t["rank_change"] = (t["rank_prev"] - t["rank"]) if comparable else pd.array([pd.NA] * len(t), "Int64")
    t = t.sort_values(["rank", "nama"], na_position="last").reset_index(drop=True)
    hl = set(highlight or [])
    shown = t[t["value"].notna()]

    text = [f"{fmt_value(v, unit, d)}   {_arrow(rc)}" for v, rc in zip(shown["value"], shown["rank_change"])]
    colours = [PILOT_COLOUR if c in hl else OTHER_COLOUR for c in shown["kode"]]
    fig = go.Figure(go.Bar(
        x=shown["value"], y=[f"{int(r)}. {n}" for r, n in zip(shown["rank"], shown["nama"])], orientation="h",
        marker_color=colours, text=text, textposition="outside", cliponaxis=False,
        customdata=np.stack([[fmt_value(v, unit, d) for v in shown["value"]],
                             [change_text(v, unit, d) for v in shown["change"]],
                             [fmt.MISSING if pd.isna(r) else str(int(r)) for r in shown["rank_prev"]],
                             [rank_change_text(v) for v in shown["rank_change"]]], axis=-1),
        hovertemplate=("%{y}<br>" + str(year) + ": %{customdata[0]}<br>Perubahan vs " + str(prev) +
                       ": %{customdata[1]}<br>Peringkat " + str(prev) + ": %{customdata[2]} "
                       "(%{customdata[3]})<extra></extra>")))
    xmax = float(shown["value"].max()) if len(shown) else 1.0
    xmin = min(0.0, float(shown["value"].min())) if len(shown) else 0.0
    layout(fig, height=max(380, 24 * len(shown) + 140), showlegend=False,
           title=dict(text=f"{label} {year} — peringkat 1 = terbaik ({POLARITY_LABEL.get(pol, pol)})",
                      font_size=15),
           xaxis=dict(title=unit, range=[xmin, xmax * 1.22 if xmax > 0 else 1], gridcolor="#EEF0F3"),
           yaxis=dict(autorange="reversed", title=None))
    fig.update_layout(margin=dict(l=10, r=30, t=60, b=10))

    table = pd.DataFrame({
        "Peringkat": [fmt.MISSING if pd.isna(r) else str(int(r)) for r in t["rank"]],
        "Kabupaten/kota": t["nama"],
        f"Nilai {year}": [fmt_value(v, unit, d) for v in t["value"]],
        f"Nilai {prev}": [fmt_value(v, unit, d) for v in t["value_prev"]],
        "Perubahan nilai": [change_text(v, unit, d) for v in t["change"]],
        f"Peringkat {prev}": [fmt.MISSING if pd.isna(r) else str(int(r)) for r in t["rank_prev"]],
        "Perubahan peringkat": t["rank_change"].map(rank_change_text),
    })
    notes = []
    if not comparable and n_prev:
        notes.append(f"Jumlah kab/kota berdata berbeda ({n_prev} pada {prev}, {n_now} pada {year}); "
                     "perubahan peringkat tidak dihitung karena tidak sebanding.")
    if n_now < len(t):
        notes.append(f"{len(t) - n_now} kab/kota tidak ada data {year}.")
    if metric.startswith("ind:") and "stunting" in metric:
        notes.append("Stunting SSGI: angka dari media yang mengutip Kemenkes SSGI.")
    src_vals = now if metric.startswith("ind:") else res.indicators[
        (res.indicators["year"] == year) & res.indicators["pillar"].notna()
        & ((metric == "komposit") | (res.indicators["pillar"] == metric[6:]))]
    source = source_note(src_vals) if metric.startswith("ind:") else (
        "Skor dihitung Berdaya (kerangka wjde, normalisasi goalposts asumsi tim). " + source_note(src_vals))
    download = t.rename(columns={"kode": "kode_wilayah", "nama": "nama_wilayah"}).assign(
        metrik=metric, nama_metrik=label, satuan=unit, tahun=year,
        sumber=source.removeprefix("Sumber: "))
    legend = f"▲/▼ = naik/turun peringkat dibanding {prev}; = tetap."
    if hl & set(shown["kode"]):
        legend += " Warna jingga: wilayah yang dipilih di saringan samping."
    return {"year": year, "prev": prev, "metric": metric, "label": label, "unit": unit, "years": years,
            "fig": fig, "table": table, "notes": notes, "legend": legend, "source": source, "download": download,
            "illustrative": False}


def _arrow(rc) -> str:
    if rc is None or pd.isna(rc):
        return ""
    rc = int(rc)
    return f"▲{rc}" if rc > 0 else (f"▼{-rc}" if rc < 0 else "=")


# --- 3. Kabupaten Wonosobo benchmarked against Jawa Barat ------------------------------------
def _benchmark_frame(store: Store) -> pd.DataFrame:
    """Jabar kab/kota, Wonosobo and both provinces on the benchmark indicators, years where
    Wonosobo and at least one Jabar kab/kota have a value."""
    jab = describe(store, Scope(levels=("kabupaten", "kota"), provinsi=JABAR), list(BENCHMARK))
    jab = jab[["region_code", "indicator", "year", "value", "source"]].assign(grup="jabar")
    other = store.observations(region_codes=[WONOSOBO, JABAR, JATENG], indicators=list(BENCHMARK))
    other = other[other["year"].notna()][["region_code", "indicator", "year", "value", "source"]]
    other["grup"] = other["region_code"].map({WONOSOBO: "wonosobo", JABAR: "prov_jabar", JATENG: "prov_jateng"})
    df = pd.concat([jab, other], ignore_index=True)
    df["year"] = df["year"].astype(int)
    keys = set(map(tuple, df.loc[df["grup"] == "wonosobo", ["indicator", "year"]].values)) & set(
        map(tuple, df.loc[df["grup"] == "jabar", ["indicator", "year"]].values))
    keep = [(i, y) in keys for i, y in zip(df["indicator"], df["year"])]
    return df[keep].reset_index(drop=True)


def benchmark_summary(store: Store, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per benchmark indicator and common year: Wonosobo value, Jabar min/median/max
    and the rank Wonosobo would take among the Jabar kab/kota (1 = best)."""
    cat = catalogue(store)
    df = _benchmark_frame(store) if frame is None else frame
    names = store.regions().set_index("kode")["nama"]
    rows = []
    for (iid, yr), g in df.groupby(["indicator", "year"], sort=True):
        pol = cat.at[iid, "polaritas"]
        jab = g[g["grup"] == "jabar"]
        w = g.loc[g["grup"] == "wonosobo", "value"].iloc[0]
        best = jab.loc[jab["value"].idxmax() if _by_pol(pol) else jab["value"].idxmin()]
        worst = jab.loc[jab["value"].idxmin() if _by_pol(pol) else jab["value"].idxmax()]
        pj = g.loc[g["grup"] == "prov_jabar", "value"]
        pt = g.loc[g["grup"] == "prov_jateng", "value"]
        rows.append({"indicator": iid, "year": int(yr), "wonosobo": w, "n_jabar": len(jab),
                     "rank_equiv": _rank_equiv(w, jab["value"], pol), "n_total": len(jab) + 1,
                     "jabar_min": jab["value"].min(), "jabar_median": jab["value"].median(),
                     "jabar_max": jab["value"].max(),
                     "terbaik": names[best["region_code"]], "terbaik_nilai": best["value"],
                     "terendah": names[worst["region_code"]], "terendah_nilai": worst["value"],
                     "prov_jabar": pj.iloc[0] if len(pj) else np.nan,
                     "prov_jateng": pt.iloc[0] if len(pt) else np.nan,
                     "polaritas": pol})
    order = {i: k for k, i in enumerate(BENCHMARK)}
    out = pd.DataFrame(rows)
    return out.sort_values(["indicator", "year"], key=lambda s: s.map(order) if s.name == "indicator" else s,
                           ascending=[True, False]).reset_index(drop=True)


def benchmark(store: Store, indicator: str, year: int) -> dict:
    """Kabupaten Wonosobo placed among the 27 Jawa Barat kabupaten/kota on an indicator both
    provinces publish in the same series."""
    cat = catalogue(store)
    indicator = indicator if indicator in BENCHMARK else BENCHMARK[0]
    df = _benchmark_frame(store)
    summ = benchmark_summary(store, df)
    years = sorted(summ.loc[summ["indicator"] == indicator, "year"].tolist())
    year = year if year in years else years[-1]
    unit, pol, label = cat.at[indicator, "satuan"], cat.at[indicator, "polaritas"], cat.at[indicator, "nama"]
    d = decimals_for(df.loc[df["indicator"] == indicator, "value"])
    g = df[(df["indicator"] == indicator) & (df["year"] == year)]
    row = summ[(summ["indicator"] == indicator) & (summ["year"] == year)].iloc[0]
    names = store.regions().set_index("kode")["nama"]

    bars = g[g["grup"].isin(["jabar", "wonosobo"])].copy()
    bars["nama"] = bars["region_code"].map(names)
    bars = bars.sort_values("value", ascending=not _by_pol(pol)).reset_index(drop=True)
    bars["posisi"] = range(1, len(bars) + 1)
    is_w = bars["grup"] == "wonosobo"
    # Dots, not bars: the axis does not start at zero (IPM values sit between 65 and 85).
    ylab = [("<b>" + n + " (Jawa Tengah)</b>") if w else n for n, w in zip(bars["nama"], is_w)]
    fig = go.Figure()
    for sel, colour, symbol, size, name in ((~is_w, OTHER_COLOUR, "circle", 11, "Kab/kota Jawa Barat"),
                                            (is_w, PILOT_COLOUR, "diamond", 16, "Kabupaten Wonosobo")):
        b = bars[sel]
        fig.add_scatter(x=b["value"], y=[ylab[i] for i in b.index], mode="markers+text", name=name,
                        marker=dict(color=colour, symbol=symbol, size=size, line=dict(width=1, color="white")),
                        text=[fmt_value(v, unit, d) for v in b["value"]], textposition="middle right",
                        textfont=dict(size=12), cliponaxis=False,
                        customdata=[fmt_value(v, unit, d) for v in b["value"]],
                        hovertemplate="%{y}<br>" + str(year) + ": %{customdata}<extra></extra>")
    refs = [(row["jabar_median"], "median Jabar", GREY, "dot")]
    if not pd.isna(row["prov_jabar"]):
        refs.append((row["prov_jabar"], "Provinsi Jawa Barat", "#000000", "dash"))
    if not pd.isna(row["prov_jateng"]):
        refs.append((row["prov_jateng"], "Provinsi Jawa Tengah", PILOT_COLOUR, "dash"))
    for k, (v, text, colour, dash) in enumerate(refs):
        fig.add_vline(x=v, line=dict(color=colour, dash=dash, width=1.5))
        fig.add_annotation(x=v, y=1.0, yref="paper", yshift=8 + 20 * k, showarrow=False, xanchor="left",
                           yanchor="bottom", text=f"{text}: {fmt_value(v, unit, d)}",
                           font=dict(color=colour, size=12))
    lo, hi = float(bars["value"].min()), float(bars["value"].max())
    pad = (hi - lo) * 0.08 or 1.0
    layout(fig, height=24 * len(bars) + 210, showlegend=False,
           title=dict(text=f"{label} {year}: Kabupaten Wonosobo di antara kab/kota Jawa Barat", font_size=15,
                      y=0.995, yanchor="top"),
           xaxis=dict(title=f"{unit} ({POLARITY_LABEL.get(pol, pol)}; sumbu tidak dimulai dari nol)",
                      range=[lo - pad, hi + 2.5 * pad], gridcolor="#EEF0F3", zeroline=False),
           yaxis=dict(autorange="reversed", title=None, gridcolor="#F3F4F6", categoryorder="array",
                      categoryarray=ylab))
    fig.update_layout(margin=dict(l=10, r=30, t=50 + 20 * len(refs), b=10))

    headline = (f"Kabupaten Wonosobo {year}: {fmt_value(row['wonosobo'], unit, d)} — setara peringkat "
                f"{row['rank_equiv']} dari {row['n_total']} (bila disisipkan di antara {row['n_jabar']} "
                f"kab/kota Jawa Barat; 1 = terbaik, {POLARITY_LABEL.get(pol, pol)}). Kab/kota Jawa Barat {year}: "
                f"min {fmt_value(row['jabar_min'], unit, d)} · median {fmt_value(row['jabar_median'], unit, d)} · "
                f"maks {fmt_value(row['jabar_max'], unit, d)}.")
    table = _benchmark_table(summ, cat)
    notes = ["Hanya indikator yang diterbitkan kedua provinsi dalam seri yang sama: IPM seri UHH SP2010 "
             "(tabel BPS yang sama), persentase penduduk miskin P0 (BPS, Susenas Maret), dan prevalensi "
             "stunting SSGI (Kemenkes). IPM seri UHH LF SP2020 tidak tersedia untuk Jawa Tengah."]
    if indicator == "stunting_pct_ssgi":
        notes.append("SSGI Jawa Barat per kab/kota hanya ada untuk 2021 (sebagian) dan 2022; SSGI 2024 "
                     "Wonosobo belum bisa dibandingkan.")
    src = g
    download = bars.drop(columns=["grup"]).rename(columns={"region_code": "kode_wilayah", "nama": "nama_wilayah",
                                                         "value": "nilai", "source": "sumber"}).assign(
        indikator=indicator, tahun=year, satuan=unit)
    return {"year": year, "years": years, "indicator": indicator, "label": label, "fig": fig,
            "headline": headline, "summary": row.to_dict(), "table": table, "notes": notes,
            "source": source_note(src), "download": download, "summary_raw": summ, "illustrative": False}


def _benchmark_table(summ: pd.DataFrame, cat) -> pd.DataFrame:
    out = []
    for r in summ.itertuples():
        unit = cat.at[r.indicator, "satuan"]
        d = 2 if r.indicator != "stunting_pct_ssgi" else 1
        out.append({
            "Indikator": cat.at[r.indicator, "nama"], "Tahun": str(r.year),
            "Kab. Wonosobo": fmt_value(r.wonosobo, unit, d),
            "Setara peringkat": f"{r.rank_equiv} dari {r.n_total}",
            "Terbaik Jabar": f"{r.terbaik} ({fmt_value(r.terbaik_nilai, unit, d)})",
            "Median Jabar": fmt_value(r.jabar_median, unit, d),
            "Terburuk Jabar": f"{r.terendah} ({fmt_value(r.terendah_nilai, unit, d)})",
            "Kab/kota Jabar berdata": str(r.n_jabar),
            "Provinsi Jabar": fmt_value(r.prov_jabar, unit, d),
            "Provinsi Jateng": fmt_value(r.prov_jateng, unit, d),
        })
    return pd.DataFrame(out)


# --- 4. Any regions side by side -------------------------------------------------------------
def berdampingan(store: Store, regions: list[str], indicators: list[str], year: int) -> dict:
    """Chosen regions side by side on chosen indicators for one year; one panel per indicator
    (each indicator on its own axis: never two series on one axis)."""
    cat = catalogue(store)
    labels = region_labels(store)
    regions = [r for r in regions if r in labels][:MAX_SIDE_REGIONS]
    indicators = [i for i in indicators if i in cat.index][:MAX_SIDE_INDICATORS]
    if not regions or not indicators:
        return {"empty": True, "year": year, "fig": None, "table": pd.DataFrame(), "notes": [],
                "source": "", "download": pd.DataFrame(), "illustrative": False}
    obs = store.observations(region_codes=regions, indicators=indicators)
    obs = obs[obs["year"].notna()]
    ys = obs[obs["year"] == year]
    grid = pd.MultiIndex.from_product([regions, indicators], names=["region_code", "indicator"]).to_frame(
        index=False)
    vals = grid.merge(ys[["region_code", "indicator", "value", "source", "illustrative"]],
                      on=["region_code", "indicator"], how="left")
    illustrative = bool(cat.loc[indicators, "ilustratif"].any())

    titles = []
    for i in indicators:
        t = wrap(cat.at[i, "nama"], 38) + f"<br><span style='font-size:11px'>{cat.at[i, 'satuan']}"
        t += (" · " + ILUSTRASI if cat.at[i, "ilustratif"] else "") + "</span>"
        titles.append(t)
    fig = make_subplots(rows=1, cols=len(indicators), shared_yaxes=True, subplot_titles=titles,
                        horizontal_spacing=0.04)
    ylabels = [labels[r].replace(" ★", "") for r in regions]
    colour = {r: ACCENT[k % len(ACCENT)] for k, r in enumerate(regions)}
    for c, iid in enumerate(indicators, start=1):
        unit = cat.at[iid, "satuan"]
        v = vals[vals["indicator"] == iid].set_index("region_code").reindex(regions)
        d = decimals_for(obs.loc[obs["indicator"] == iid, "value"])
        fig.add_bar(x=v["value"], y=ylabels, orientation="h", col=c, row=1,
                    marker_color=[colour[r] for r in regions], showlegend=False,
                    text=[fmt_value(x, unit, d) if not pd.isna(x) else "" for x in v["value"]],
                    textposition="outside", cliponaxis=False,
                    customdata=[fmt_value(x, unit, d) for x in v["value"]],
                    hovertemplate="%{y}<br>" + cat.at[iid, "nama"] + f" {year}: " + "%{customdata}<extra></extra>")
        for r, lab in zip(regions, ylabels):
            if pd.isna(v.at[r, "value"]):
                fig.add_annotation(x=0, y=lab, xanchor="left", showarrow=False, text=fmt.MISSING,
                                   font=dict(color=GREY, size=12), row=1, col=c)
        xmax = v["value"].max()
        fig.update_xaxes(range=[min(0, v["value"].min() if not pd.isna(v["value"].min()) else 0),
                                (xmax * 1.3) if not pd.isna(xmax) and xmax > 0 else 1],
                         gridcolor="#EEF0F3", row=1, col=c)
    layout(fig, height=max(300, 42 * len(regions) + 150),
           title=dict(text=f"Nilai {year} berdampingan", font_size=15), showlegend=False)
    fig.update_layout(margin=dict(l=10, r=30, t=110, b=10))
    fig.update_yaxes(autorange="reversed")
    fig.update_annotations(font_size=12, selector=dict(yref="paper"))

    table = pd.DataFrame({"Wilayah": [labels[r] for r in regions]})
    for iid in indicators:
        unit = cat.at[iid, "satuan"]
        d = decimals_for(obs.loc[obs["indicator"] == iid, "value"])
        v = vals[vals["indicator"] == iid].set_index("region_code").reindex(regions)["value"]
        col = f"{cat.at[iid, 'nama']} ({unit})" + (" — " + ILUSTRASI if cat.at[iid, "ilustratif"] else "")
        table[col] = [fmt_value(x, unit, d) for x in v]

    notes = []
    for iid in indicators:
        have = obs[obs["indicator"] == iid]
        miss = [labels[r].replace(" ★", "") for r in regions
                if pd.isna(vals.loc[(vals["region_code"] == r) & (vals["indicator"] == iid), "value"]).all()]
        if miss:
            yrs = sorted(int(y) for y in have["year"].unique())
            notes.append(f"{cat.at[iid, 'nama']}: tidak ada data {year} untuk {', '.join(miss)}"
                         + (f" (tahun yang ada untuk wilayah terpilih: {', '.join(map(str, yrs))})." if yrs
                            else " (tidak ada data sama sekali untuk wilayah terpilih)."))
    if {"ipm_uhh_sp2010", "ipm_uhh_lfsp2020"} <= set(indicators):
        notes.append("Dua seri IPM BPS (UHH SP2010 dan UHH LF SP2020) berbeda metode: bandingkan "
                     "wilayah dalam seri yang sama saja, jangan antarseri.")
    levels = store.regions().set_index("kode").loc[regions, "tingkat"]
    if levels.isin(["kecamatan"]).any() and not levels.isin(["kecamatan"]).all():
        notes.append("Wilayah terpilih berbeda tingkat (kecamatan dan kabupaten/kota/provinsi): "
                     "jumlah absolut tidak sebanding.")
    download = vals.assign(nama_wilayah=vals["region_code"].map(labels), tahun=year,
                           nama_indikator=vals["indicator"].map(cat["nama"]),
                           satuan=vals["indicator"].map(cat["satuan"]))
    download = download[["region_code", "nama_wilayah", "indicator", "nama_indikator", "tahun", "value",
                         "satuan", "illustrative", "source"]].rename(columns={
        "region_code": "kode_wilayah", "indicator": "indikator", "value": "nilai", "source": "sumber",
        "illustrative": "ilustrasi"})
    return {"empty": False, "year": year, "fig": fig, "table": table, "notes": notes,
            "source": source_note(vals), "download": download, "illustrative": illustrative}
