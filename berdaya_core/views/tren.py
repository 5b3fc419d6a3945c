"""Tren (trends): time series of indicators or framework scores for chosen regions, with target
lines, gaps where a year is missing, change and CAGR; and small multiples of the four pilot
kecamatan against the average of the other Wonosobo kecamatan.

Each line is one indicator (one series) for one region: the two BPS IPM series are separate
indicators, so they can never be spliced into one line. Missing years between observed ones
become NaN so plotly breaks the line (``connectgaps=False``); nothing is filled with zero.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from plotly.subplots import make_subplots

from .. import formatting as fmt
from .. import frameworks
from ..analysis import cagr
from ..engine import compute
from ..store import PILOT_CODES, Store
from .common import ACCENT, ILUSTRASI, OTHER_COLOUR, PILOT_COLOUR, POLARITY_LABEL, catalogue, layout, source_note
from .perbandingan import (KB, SCORE_UNIT, TARGET_COLOUR, change_text, comparable_regions, decimals_for,
                           fmt_value, indicator_choices, region_labels)

MAX_REGIONS = 6
MAX_METRICS = 4
LINE_COLOURS = ACCENT[:6]     # Okabe–Ito without yellow and black (thin lines on white)
IPM_SERIES = ("ipm_uhh_sp2010", "ipm_uhh_lfsp2020")


# --- Metric plumbing ---------------------------------------------------------------------------
def metric_label(store: Store, key: str) -> str:
    kind, _, rest = key.partition(":")
    if kind == "ind":
        return catalogue(store).at[rest, "nama"]
    fid, _, pid = rest.partition(":")
    fw = frameworks.load(fid)
    if kind == "komposit":
        return fw.composite_name
    return f"Pilar {fw.pillar(pid).nama} — {fw.composite_name}"


def metric_series(store: Store, key: str, regions: list[str] | None = None) -> tuple[pd.DataFrame, dict]:
    """Long values of a metric: region_code, year, value, source, illustrative; plus its meta
    (label, unit, polarity, illustrative, decimals, is_score, note)."""
    cat = catalogue(store)
    kind, _, rest = key.partition(":")
    if kind == "ind":
        if rest not in cat.index:
            raise ValueError(f"indikator tidak dikenal: {rest}")
        obs = store.observations(region_codes=regions, indicators=[rest])
        df = obs[obs["year"].notna()][["region_code", "year", "value", "source", "illustrative"]].copy()
        meta = {"label": cat.at[rest, "nama"], "unit": cat.at[rest, "satuan"], "polarity": cat.at[rest, "polaritas"],
                "illustrative": bool(cat.at[rest, "ilustratif"]), "is_score": False, "indicator": rest,
                "note": ""}
    elif kind in ("komposit", "pilar"):
        fid, _, pid = rest.partition(":")
        res = compute(store, frameworks.load(fid))
        fw = res.framework
        if kind == "komposit":
            df = res.composite[["region_code", "year", "score"]]
            used = res.indicators[res.indicators["pillar"].notna()]
        else:
            df = res.pillars.loc[res.pillars["pillar"] == pid, ["region_code", "year", "score"]]
            used = res.indicators[res.indicators["pillar"] == pid]
        df = df.rename(columns={"score": "value"})
        if regions is not None:
            df = df[df["region_code"].isin(regions)]
        srcs = "; ".join(sorted(set(used["source"].dropna())))
        df = df.assign(source=f"Dihitung Berdaya dari kerangka {fid} (data: {srcs})", illustrative=fw.illustrative)
        norm = fw.steps[0].method
        note = (f"{metric_label(store, key)}: skor min-maks dihitung ulang tiap tahun antarwilayah, jadi garisnya "
                "menunjukkan posisi relatif, bukan kemajuan mutlak." if norm == "minmax" else
                f"{metric_label(store, key)}: skor dengan batas tetap (goalposts) sehingga sebanding antartahun.")
        meta = {"label": metric_label(store, key), "unit": SCORE_UNIT, "polarity": "naik",
                "illustrative": fw.illustrative, "is_score": True, "indicator": None, "note": note}
    else:
        raise ValueError(f"metrik tidak dikenal: {key}")
    df = df[df["value"].notna()].copy()
    df["year"] = df["year"].astype(int)
    meta["decimals"] = 1 if meta["is_score"] else decimals_for(df["value"])
    return df.reset_index(drop=True), meta


def targets_for(store: Store, indicator: str | None, regions: list[str]) -> list[dict]:
    """Targets set for an indicator by any framework whose scope contains one of the regions."""
    if not indicator:
        return []
    reg = store.regions().set_index("kode")
    out = []
    for fid in frameworks.available():
        fw = frameworks.load(fid)
        spec = next((i for i in fw.indicators if i.id == indicator and i.target is not None), None)
        if spec is None:
            continue
        in_scope = [r for r in regions if r in reg.index and (
            (fw.scope.kabupaten and reg.at[r, "kode_kab"] == fw.scope.kabupaten) or
            (not fw.scope.kabupaten and fw.scope.provinsi and reg.at[r, "kode_prov"] == fw.scope.provinsi))]
        if in_scope:
            t = spec.target
            out.append({"framework": fw.id, "framework_name": fw.nama, "value": t.value, "year": t.year,
                        "assumption": t.assumption, "note": t.note})
    return out


def gap_series(df: pd.DataFrame, start: int | None = None, end: int | None = None) -> pd.Series:
    """Values of one line indexed by every year from its first to its last observation:
    missing years in between are NaN (so the plotted line breaks), never 0."""
    s = df.set_index("year")["value"].sort_index()
    if start is not None:
        s = s[s.index >= start]
    if end is not None:
        s = s[s.index <= end]
    if s.empty:
        return s
    return s.reindex(range(int(s.index.min()), int(s.index.max()) + 1))


def line_summary(s: pd.Series, is_score: bool) -> dict:
    """First/last observed year and value, change and compound annual growth rate (CAGR)."""
    obs = s.dropna()
    if obs.empty:
        return {"first_year": None, "first": np.nan, "last_year": None, "last": np.nan, "change": np.nan,
                "cagr_pct": np.nan, "n_years": 0}
    fy, ly = int(obs.index[0]), int(obs.index[-1])
    f, last = float(obs.iloc[0]), float(obs.iloc[-1])
    rate = None if is_score else cagr(f, last, ly - fy)
    cagr_pct = np.nan if rate is None else 100.0 * rate
    return {"first_year": fy, "first": f, "last_year": ly, "last": last,
            "change": (last - f) if ly > fy else np.nan, "cagr_pct": cagr_pct, "n_years": len(obs)}


def summary_text(sm: dict, unit: str, d: int) -> str:
    """'perubahan 2020–2024: −1,3 poin · CAGR 2020–2024: −2,1% per tahun'."""
    if sm["first_year"] is None or sm["last_year"] == sm["first_year"]:
        return "hanya satu tahun data" if sm["first_year"] is not None else fmt.MISSING
    span = f"{sm['first_year']}–{sm['last_year']}"
    out = f"perubahan {span}: {change_text(sm['change'], unit, d)}"
    if not pd.isna(sm["cagr_pct"]):
        out += f" · CAGR {span}: {fmt.bertanda(sm['cagr_pct'], 1)}% per tahun"
    return out


def cagr_text(sm: dict, is_score: bool) -> str:
    if is_score:
        return "tidak dihitung (skor)"
    return fmt.MISSING if pd.isna(sm["cagr_pct"]) else fmt.bertanda(sm["cagr_pct"], 1) + "%"


# --- Options ----------------------------------------------------------------------------------
def options(store: Store, fw: str, year: int, regions: list[str]) -> dict:
    """Widget choices and defaults for the Tren page."""
    cat = catalogue(store)
    labels = region_labels(store)
    comp = comparable_regions(store)
    metrics = []
    for fid in frameworks.available():
        f = frameworks.load(fid)
        tag = " (" + ILUSTRASI + ")" if f.illustrative else ""
        metrics.append(("komposit:" + fid, f"{f.composite_name} — {f.nama}{tag}"))
        metrics += [(f"pilar:{fid}:{p.id}", f"Pilar {p.nama} — {f.nama}{tag}") for p in f.pillars]
    for iid in indicator_choices(store, comp, min_years=2):
        metrics.append(("ind:" + iid, cat.at[iid, "nama"] + (" (" + ILUSTRASI + ")" if cat.at[iid, "ilustratif"]
                                                             else "")))
    obs = store.observations(region_codes=comp)
    years = sorted(int(y) for y in obs["year"].dropna().unique())
    kbf = frameworks.load(KB)
    pilot_metrics = [("komposit", kbf.composite_name)] + [("pilar:" + p.id, "Pilar " + p.nama) for p in kbf.pillars]
    pilot_metrics += [("ind:" + i.id, cat.at[i.id, "nama"]) for i in kbf.indicators]

    chosen = [r for r in regions if r in comp][:MAX_REGIONS]
    keys = [k for k, _ in metrics]
    if fw == KB:
        d_metrics, d_regions = ["komposit:" + KB], chosen or list(PILOT_CODES)
    elif fw == "wjde":
        d_metrics, d_regions = ["ind:kemiskinan_pct", "ind:ipm_uhh_lfsp2020"], chosen or ["32", "32.73", "32.05"]
    else:
        d_metrics = ["komposit:" + fw, "ind:ipm_uhh_lfsp2020"]
        d_regions = chosen or ["32.73", "32.05"]
    return {"metrics": metrics, "regions": [(c, labels[c]) for c in comp], "years": years,
            "default_metrics": [m for m in d_metrics if m in keys],
            "default_regions": d_regions, "default_start": years[0], "default_end": years[-1],
            "pilot_metrics": pilot_metrics, "default_pilot_metric": "komposit",
            "max_regions": MAX_REGIONS, "max_metrics": MAX_METRICS}


# --- 1. Time series ----------------------------------------------------------------------------
def deret(store: Store, metrics: list[str], regions: list[str], start: int | None = None,
          end: int | None = None) -> dict:
    """One panel per metric (own axis and unit), one line per region; target lines, gaps for
    missing years, change and CAGR per line."""
    labels = region_labels(store)
    regions = [r for r in regions if r in labels][:MAX_REGIONS]
    metrics = list(dict.fromkeys(metrics))[:MAX_METRICS]
    if start is not None and end is not None and start > end:
        start, end = end, start
    if not metrics or not regions:
        return {"empty": True, "fig": None, "table": pd.DataFrame(), "notes": [], "source": "",
                "download": pd.DataFrame(), "illustrative": False}
    colour = {r: LINE_COLOURS[k % len(LINE_COLOURS)] for k, r in enumerate(regions)}
    panels = []
    for key in metrics:
        df, meta = metric_series(store, key, regions)
        meta["targets"] = targets_for(store, meta["indicator"], regions)
        panels.append((key, df, meta))

    titles = []
    for _, _, meta in panels:
        t = f"{meta['label']} ({meta['unit']})"
        if meta["illustrative"]:
            t += " · " + ILUSTRASI
        titles.append(t)
    fig = make_subplots(rows=len(panels), cols=1, shared_xaxes=True, subplot_titles=titles,
                        vertical_spacing=0.12 if len(panels) > 1 else 0.0)
    rows, download, notes = [], [], []
    xs_all = []
    shown_legend = set()
    end_labels = []      # (panel, x, y, text, colour): change and CAGR at the end of each line
    panel_px = 330 - 60
    for p, (key, df, meta) in enumerate(panels, start=1):
        unit, d = meta["unit"], meta["decimals"]
        n_lines = 0
        ys_panel = []
        for r in regions:
            s = gap_series(df[df["region_code"] == r], start, end)
            sm = line_summary(s, meta["is_score"])
            rows.append({"Indikator / skor": meta["label"], "Wilayah": labels[r],
                         "Awal": (f"{sm['first_year']}: {fmt_value(sm['first'], unit, d)}"
                                  if sm["first_year"] else fmt.MISSING),
                         "Akhir": (f"{sm['last_year']}: {fmt_value(sm['last'], unit, d)}"
                                   if sm["last_year"] else fmt.MISSING),
                         "Perubahan": change_text(sm["change"], unit, d),
                         "CAGR (% per tahun)": cagr_text(sm, meta["is_score"]),
                         "Tahun tanpa data": ", ".join(str(y) for y in s.index[s.isna()]) or "–"})
            sub = df[df["region_code"] == r]
            for y, v in s.items():
                src = sub.loc[sub["year"] == y, "source"]
                download.append({"metrik": key, "nama_metrik": meta["label"], "satuan": unit,
                                 "kode_wilayah": r, "nama_wilayah": labels[r], "tahun": int(y),
                                 "nilai": v, "ilustrasi": meta["illustrative"],
                                 "sumber": src.iloc[0] if len(src) else fmt.MISSING})
            if s.dropna().empty:
                continue
            n_lines += 1
            xs_all += list(s.index)
            ys_panel += list(s.dropna().values)
            prev = s.shift(1)
            summary = summary_text(sm, unit, d)
            if sm["last_year"] != sm["first_year"]:
                short = change_text(sm["change"], unit, d)
                if not pd.isna(sm["cagr_pct"]):
                    short += f" · CAGR {fmt.bertanda(sm['cagr_pct'], 1)}%/th"
                end_labels.append([p, sm["last_year"], sm["last"], short, colour[r]])
            cd = np.stack([[fmt_value(v, unit, d) for v in s.values],
                           [change_text(v, unit, d) for v in (s - prev).values],
                           [summary] * len(s)], axis=-1)
            fig.add_scatter(
                x=list(s.index), y=s.values, mode="lines+markers", name=labels[r], legendgroup=r,
                showlegend=r not in shown_legend, connectgaps=False,
                line=dict(color=colour[r], width=2.5), marker=dict(color=colour[r], size=7),
                customdata=cd,
                hovertemplate=("<b>" + labels[r] + "</b><br>%{x}: %{customdata[0]}<br>"
                               "Perubahan vs tahun sebelumnya: %{customdata[1]}<br>%{customdata[2]}"
                               "<extra></extra>"),
                row=p, col=1)
            shown_legend.add(r)
        for t in meta["targets"]:
            label = (f"Target {t['year']}: {fmt_value(t['value'], unit, d)}"
                     + (" (asumsi)" if t["assumption"] else "") + f" — kerangka {t['framework']}")
            fig.add_hline(y=t["value"], line=dict(color=TARGET_COLOUR, dash="dash", width=1.5), row=p, col=1,
                          annotation=dict(text=label, font=dict(color=TARGET_COLOUR, size=11),
                                          bgcolor="rgba(255,255,255,0.85)"),
                          annotation_position="top left")
            fig.add_scatter(x=[t["year"]], y=[t["value"]], mode="markers", row=p, col=1,
                            marker=dict(symbol="star", size=14, color=TARGET_COLOUR),
                            showlegend=False, hovertemplate=label + "<br>" + (t["note"] or "") + "<extra></extra>")
            xs_all.append(t["year"])
        none_at_all = [labels[r] for r in regions if (df["region_code"] == r).sum() == 0]
        none_in_range = [labels[r] for r in regions if labels[r] not in none_at_all
                         and gap_series(df[df["region_code"] == r], start, end).empty]
        if none_at_all:
            notes.append(f"{meta['label']}: tidak ada data untuk {', '.join(none_at_all)}.")
        if none_in_range:
            notes.append(f"{meta['label']}: tidak ada data dalam rentang tahun terpilih untuk "
                         f"{', '.join(none_in_range)}.")
        ys_panel += [t["value"] for t in meta["targets"]]
        # Spread end labels of this panel that would overlap (≥ 15 px apart).
        mine = sorted((lab for lab in end_labels if lab[0] == p), key=lambda lab: lab[2])
        if mine and ys_panel:
            span = (max(ys_panel) - min(ys_panel)) or 1.0
            last_px = None
            for lab in mine:
                px = (lab[2] - min(ys_panel)) / span * panel_px
                shift = 0.0 if last_px is None else max(0.0, last_px + 15 - px)
                lab.append(shift)
                last_px = px + shift
        if n_lines == 0:
            fig.add_annotation(text=fmt.MISSING + " untuk wilayah dan rentang tahun terpilih", showarrow=False,
                               xref=f"x{p if p > 1 else ''} domain", yref=f"y{p if p > 1 else ''} domain",
                               x=0.5, y=0.5, font=dict(color="#6B7280"))
        fig.update_yaxes(title_text=unit, gridcolor="#EEF0F3", row=p, col=1,
                         tickformat=",.0f" if unit.startswith("rupiah") or unit == "jiwa" else None)
        if meta["note"]:
            notes.append(meta["note"])
        for t in meta["targets"]:
            notes.append(f"Target {meta['label']} {t['year']}: {fmt_value(t['value'], unit, d)} "
                         f"({'asumsi' if t['assumption'] else 'resmi'}; kerangka {t['framework_name']}). {t['note']}")
    chosen_ipm = [m for m in metrics if m.removeprefix("ind:") in IPM_SERIES]
    if chosen_ipm:
        notes.append("IPM BPS punya dua seri (UHH SP2010 dan UHH LF SP2020) yang berbeda metode; masing-masing "
                     "digambar sebagai garis sendiri dan tidak pernah disambung.")
    for p, x, y, text, col, shift in end_labels:
        fig.add_annotation(x=x, y=y, text=text, showarrow=False, xanchor="left", xshift=8, yshift=shift,
                           font=dict(size=11, color=col), row=p, col=1)
    if xs_all:
        lo, hi = min(xs_all), max(xs_all)
        right = hi + 0.4
        if end_labels:
            right = max(right, max(lab[1] for lab in end_labels) + 0.35 * max(3, hi - lo + 1) ** 0.5 * 1.6)
        fig.update_xaxes(range=[lo - 0.4, right], tickvals=list(range(lo, hi + 1)), tickformat="d",
                         gridcolor="#EEF0F3")
    fig.update_xaxes(showticklabels=True)
    layout(fig, height=330 * len(panels) + 90, hovermode="closest",
           legend=dict(orientation="h", y=1.0 + 0.6 / (330 * len(panels) + 90) * 100, yanchor="bottom", x=0))
    fig.update_layout(margin=dict(l=10, r=20, t=80, b=10))
    fig.update_annotations(font_size=13, selector=dict(xref="paper"))
    dl = pd.DataFrame(download)
    return {"empty": False, "fig": fig, "table": pd.DataFrame(rows), "notes": notes,
            "source": source_note(dl.rename(columns={"sumber": "source"})[dl["sumber"] != fmt.MISSING]) if len(dl)
            else "",
            "download": dl, "illustrative": any(m["illustrative"] for _, _, m in panels),
            "metrics": metrics, "regions": regions}


# --- 2. The four pilots, small multiples ----------------------------------------------------------
def percontohan(store: Store, metric: str) -> dict:
    """One panel per pilot kecamatan (2×2) for a Kecamatan Berdaya score or indicator, with the
    average of the 11 other kecamatan as a reference line and the indicator's target."""
    fw = frameworks.load(KB)
    if metric == "komposit" or metric.startswith("pilar:"):
        key = "komposit:" + KB if metric == "komposit" else f"pilar:{KB}:{metric[6:]}"
    elif metric.startswith("ind:") and metric[4:] in fw.indicator_ids():
        key = metric
    else:
        metric, key = "komposit", "komposit:" + KB
    df, meta = metric_series(store, key, None)
    regions = store.regions().set_index("kode")
    kec = df[df["region_code"].str.startswith(fw.scope.kabupaten + ".")]
    unit, d = meta["unit"], max(1, meta["decimals"])
    spec = next((i for i in fw.indicators if i.id == meta["indicator"]), None)
    target = spec.target if spec is not None else None
    others = kec[~kec["region_code"].isin(PILOT_CODES)]
    ref = others.groupby("year")["value"].agg(["mean", "count"])
    ref_s = ref["mean"].reindex(range(int(kec["year"].min()), int(kec["year"].max()) + 1))

    source = source_note(kec).removeprefix("Sumber: ")
    titles = [f"{regions.at[c, 'nama']} ({c})" for c in PILOT_CODES]
    fig = make_subplots(rows=2, cols=2, shared_xaxes=True, shared_yaxes=True, subplot_titles=titles,
                        vertical_spacing=0.2, horizontal_spacing=0.06)
    rows, download = [], []
    years = list(ref_s.index)
    for k, code in enumerate(PILOT_CODES):
        r, c = k // 2 + 1, k % 2 + 1
        s = gap_series(kec[kec["region_code"] == code]).reindex(years)
        sm = line_summary(s, meta["is_score"])
        fig.add_scatter(x=years, y=ref_s.values, mode="lines", name="Rata-rata 11 kecamatan lain",
                        legendgroup="ref", showlegend=k == 0, connectgaps=False,
                        line=dict(color=OTHER_COLOUR, dash="dash", width=2),
                        customdata=[fmt_value(v, unit, d) for v in ref_s.values],
                        hovertemplate="Rata-rata kecamatan lain %{x}: %{customdata}<extra></extra>", row=r, col=c)
        fig.add_scatter(x=years, y=s.values, mode="lines+markers", name="Kecamatan percontohan",
                        legendgroup="pilot", showlegend=k == 0, connectgaps=False,
                        line=dict(color=PILOT_COLOUR, width=3), marker=dict(size=8, color=PILOT_COLOUR),
                        customdata=np.stack([[fmt_value(v, unit, d) for v in s.values],
                                             [change_text(v, unit, d) for v in (s - s.shift(1)).values]], axis=-1),
                        hovertemplate=(regions.at[code, "nama"] + " %{x}: %{customdata[0]}<br>"
                                       "Perubahan vs tahun sebelumnya: %{customdata[1]}<extra></extra>"),
                        row=r, col=c)
        if target is not None:
            tl = (f"target {target.year}: {fmt_value(target.value, unit, d)}"
                  + (" (asumsi)" if target.assumption else ""))
            fig.add_hline(y=target.value, line=dict(color=TARGET_COLOUR, dash="dot", width=1.5),
                          row=r, col=c,
                          annotation=dict(text=tl, font=dict(color=TARGET_COLOUR, size=11)),
                          annotation_position="bottom left")
            fig.add_scatter(x=[target.year], y=[target.value], mode="markers", showlegend=False, row=r, col=c,
                            marker=dict(symbol="star", size=13, color=TARGET_COLOUR),
                            hovertemplate=tl + "<extra></extra>")
        fig.layout.annotations[k].text = (f"<b>{regions.at[code, 'nama']}</b> ({code})<br>"
                                          f"<span style='font-size:11px'>{summary_text(sm, unit, d)}</span>")
        rows.append({"Kecamatan": regions.at[code, "nama"] + " ★",
                     **{str(y): fmt_value(v, unit, d) for y, v in s.items()},
                     "Perubahan": change_text(sm["change"], unit, d),
                     "CAGR (% per tahun)": cagr_text(sm, meta["is_score"])})
        for y, v in s.items():
            download.append({"kode_wilayah": code, "nama_wilayah": regions.at[code, "nama"], "tahun": int(y),
                             "nilai": v, "rata_rata_kecamatan_lain": ref_s.get(y), "n_kecamatan_lain":
                             int(ref["count"].get(y, 0)), "metrik": metric, "nama_metrik": meta["label"],
                             "satuan": unit, "ilustrasi": True, "sumber": source})
    sm_ref = line_summary(ref_s, meta["is_score"])
    rows.append({"Kecamatan": "Rata-rata 11 kecamatan lain",
                 **{str(y): fmt_value(v, unit, d) for y, v in ref_s.items()},
                 "Perubahan": change_text(sm_ref["change"], unit, d),
                 "CAGR (% per tahun)": cagr_text(sm_ref, meta["is_score"])})
    x_hi = max(years[-1], target.year if target is not None else years[-1])
    fig.update_xaxes(tickvals=list(range(years[0], x_hi + 1)), tickformat="d", gridcolor="#EEF0F3",
                     showticklabels=True, range=[years[0] - 0.3, x_hi + 0.3])
    ys = list(kec.loc[kec["region_code"].isin(PILOT_CODES), "value"]) + list(ref_s.dropna())
    if target is not None:
        ys.append(target.value)
    pad = (max(ys) - min(ys)) * 0.12 or 1.0
    fig.update_yaxes(gridcolor="#EEF0F3", range=[min(ys) - pad, max(ys) + pad])
    fig.update_yaxes(title_text=unit, col=1)
    layout(fig, height=680, hovermode="closest",
           title=dict(text=f"{meta['label']} — 4 kecamatan percontohan vs rata-rata kecamatan lain ({ILUSTRASI})",
                      font_size=15, y=0.99, yanchor="top"),
           legend=dict(orientation="h", y=-0.08, x=0))
    fig.update_layout(margin=dict(l=10, r=20, t=120, b=10))
    notes = [meta["note"]] if meta["note"] else []
    if not meta["is_score"]:
        notes.append(f"{meta['label']}: {POLARITY_LABEL.get(meta['polarity'], meta['polarity'])}.")
    if target is not None:
        notes.append(f"Target {target.year}: {fmt_value(target.value, unit, d)} "
                     f"({'asumsi' if target.assumption else 'resmi'}). {target.note}")
    missing_others = ref["count"][ref["count"] < 11]
    for y, n in missing_others.items():
        notes.append(f"{y}: rata-rata kecamatan lain dihitung dari {int(n)} kecamatan yang punya data.")
    return {"metric": metric, "label": meta["label"], "fig": fig, "table": pd.DataFrame(rows), "notes": notes,
            "source": source_note(kec), "download": pd.DataFrame(download), "illustrative": True}
