"""Simulasi (bagaimana jika): pillar weights and value changes as a scenario replayed over
the stored data, compared with the baseline, plus the sensitivity of the ranks to the weights.

Nothing here writes to the store: a scenario is a frozen :class:`engine.Scenario` that the
engine applies in SQL on top of the stored values. Views return ready-to-render data and
plotly figures; the page only reads widgets and renders.

URL codec (so a link reproduces a scenario):

* ``bobot=kemiskinan:2,ipm:1.5``     pillar weights that differ from the framework's
* ``ubah=32.03:kemiskinan_pct:2024:-1;32.01:tpt_pct:2024:=6.5``
  value changes: region, indicator, year, then ``-1``/``+0.5`` (points added) or ``=6.5``
  (value set)
* ``sebaran=25``                      sensitivity spread in percent
"""
from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from .. import analysis, frameworks
from .. import formatting as fmt
from ..engine import Override, Result, Scenario, compare_to_baseline, compute
from ..frameworks import Framework, FrameworkError
from ..store import Store
from .common import ILUSTRASI, catalogue, layout

WEIGHT_STEPS = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
SPREADS = [0.0, 0.1, 0.25, 0.5]
DEFAULT_SPREAD = 0.25
DRAWS = 500
SEED = 20251030
MODES = {"delta": "Tambah/kurangi (poin)", "set": "Tetapkan nilai baru"}

UP, DOWN, SAME = "#009E73", "#D55E00", "#0072B2"
BASE_GREY = "#7B8794"


# --- Small helpers -------------------------------------------------------------------------
def auto_angka(x, max_desimal: int = 3) -> str:
    """A stored value with as many decimals as it has (max 3): 10.14 -> '10,14', 2e6 -> '2.000.000'."""
    if x is None or (isinstance(x, float) and math.isnan(x)) or pd.isna(x):
        return fmt.MISSING
    return fmt.angka(x, fmt.desimal_perlu([x], max_desimal))


def _num_url(x: float) -> str:
    return ("%g" % float(x))


def weight_label(w: float) -> str:
    return "×" + auto_angka(w, 1)


def is_kecamatan(fw: Framework) -> bool:
    return "kecamatan" in fw.scope.levels


def level_label(fw: Framework) -> str:
    return "kecamatan" if is_kecamatan(fw) else "kabupaten/kota"


def scope_scenario(fw: Framework, regions: list[str] | tuple[str, ...]) -> Scenario:
    """The shared region filter as an engine scope: kecamatan codes or kabupaten/kota codes."""
    codes = tuple(sorted(set(regions or ())))
    if not codes:
        return Scenario()
    return Scenario(kecamatan=codes) if is_kecamatan(fw) else Scenario(kabupaten=codes)


def _unit_word(satuan: str) -> str:
    return "poin" if "persen" in (satuan or "") else (satuan or "")


def _lc_first(s: str) -> str:
    return s[:1].lower() + s[1:] if s and not s[:2].isupper() else s


def source_line(store: Store, fw: Framework) -> str:
    """'Sumber: …' for the indicators of a framework (BPS named first when present)."""
    cat = catalogue(store)
    srcs = []
    for iid in fw.indicator_ids():
        for s in (str(cat.at[iid, "sumber"]) if iid in cat.index else "").split(";"):
            if s.strip() and s.strip() not in srcs:
                srcs.append(s.strip())
    srcs.sort(key=lambda s: (not s.startswith("BPS"), s))
    text = "Sumber: " + "; ".join(srcs) if srcs else ""
    if fw.illustrative:
        text += " — bukan data resmi" if "ilustrasi" in text.lower() else f" ({ILUSTRASI}, bukan data resmi)"
    return text + f". Skor dihitung Berdaya dengan kerangka {fw.id} (lihat Data & Metodologi)."


# --- URL codec -----------------------------------------------------------------------------
def format_bobot(weights: dict[str, float], defaults: dict[str, float]) -> str:
    """Weights that differ from the framework's, as ``kemiskinan:2,ipm:1.5`` ('' if none)."""
    return ",".join(f"{pid}:{_num_url(w)}" for pid, w in weights.items()
                    if pid in defaults and float(w) != float(defaults[pid]))


def parse_bobot(text: str | None, defaults: dict[str, float]) -> tuple[dict[str, float], list[str]]:
    """Weights from the URL (unknown pillars or values off the 0–3 / 0,5 grid are rejected)."""
    out = dict(defaults)
    bad = []
    for part in (text or "").split(","):
        if not part.strip():
            continue
        pid, _, val = part.partition(":")
        try:
            w = float(val)
        except ValueError:
            bad.append(part)
            continue
        if pid.strip() not in defaults or w not in WEIGHT_STEPS:
            bad.append(part)
            continue
        out[pid.strip()] = w
    return out, bad


def format_ubah(items: list[dict]) -> str:
    parts = []
    for o in items:
        amt = float(o["amount"])
        val = ("=" + _num_url(amt)) if o.get("mode", "delta") == "set" else (
            ("+" if amt >= 0 else "") + _num_url(amt))
        parts.append(f"{o['region_code']}:{o['indicator']}:{int(o['year'])}:{val}")
    return ";".join(parts)


def parse_ubah(text: str | None) -> tuple[list[dict], list[str]]:
    """Value changes from the URL; unreadable parts are returned separately."""
    items, bad = [], []
    for part in (text or "").split(";"):
        if not part.strip():
            continue
        bits = part.strip().split(":")
        try:
            region, ind, year, val = bits
            mode = "set" if val.startswith("=") else "delta"
            amount = float(val.lstrip("="))
            if not math.isfinite(amount):
                raise ValueError
            items.append({"region_code": region, "indicator": ind, "year": int(year),
                          "amount": amount, "mode": mode})
        except ValueError:
            bad.append(part)
    return items, bad


def format_sebaran(spread: float) -> str:
    """The sensitivity spread for the URL in whole percent ('' for the default)."""
    return "" if float(spread) == DEFAULT_SPREAD else "%g" % round(float(spread) * 100, 6)


def spread_label(spread: float) -> str:
    return "±" + fmt.angka(float(spread) * 100, 0) + "%"


def parse_sebaran(text: str | None) -> float:
    try:
        v = float(text) / 100.0
    except (TypeError, ValueError):
        return DEFAULT_SPREAD
    return v if v in SPREADS else DEFAULT_SPREAD


# --- Options for the widgets -----------------------------------------------------------------
def _options(store: Store, fw: Framework, base: Result) -> dict:
    cat = catalogue(store)
    ind = base.indicators
    ind = ind[ind["pillar"].notna()]
    stored: dict[str, dict[str, dict[int, float]]] = {}
    for r in ind[["region_code", "indicator", "year", "value_stored"]].itertuples(index=False):
        if pd.notna(r.value_stored):
            stored.setdefault(r.region_code, {}).setdefault(r.indicator, {})[int(r.year)] = float(
                r.value_stored)
    all_vals = store.df("SELECT indicator, min(value) AS mn FROM observations "
                        "WHERE list_contains(?, indicator) GROUP BY indicator",
                        [fw.indicator_ids()]).set_index("indicator")["mn"]
    indicators = []
    for i in fw.indicators:
        indicators.append({
            "id": i.id, "nama": str(cat.at[i.id, "nama"]), "satuan": str(cat.at[i.id, "satuan"]),
            "pilar": fw.pillar(i.pillar).nama, "sumber": str(cat.at[i.id, "sumber"]),
            "nonneg": bool(all_vals.get(i.id, 0.0) >= 0),
            "persen": str(cat.at[i.id, "satuan"]).startswith("persen"),
            "illustrative": bool(cat.at[i.id, "ilustratif"])})
    return {
        "fw": fw.id, "nama": fw.nama, "illustrative": fw.illustrative, "level": level_label(fw),
        "composite_name": fw.composite_name,
        "pillars": [{"id": p.id, "nama": p.nama, "weight": p.weight} for p in fw.pillars],
        "regions": [[r.kode, r.nama + (" ★" if r.pilot else "")] for r in base.regions.itertuples()],
        "indicators": indicators,
        "years": base.years,
        "stored": stored,
    }


def options(store: Store, fw: str) -> dict:
    """Everything the Simulasi widgets need for a framework: pillars with default weights,
    regions, pillar indicators, scored years and the stored values (to validate changes)."""
    f = frameworks.load(fw)
    return _options(store, f, compute(store, f))


def _names(opts: dict) -> dict[str, str]:
    return {c: n.replace(" ★", "") for c, n in opts["regions"]}


def _ind(opts: dict, iid: str) -> dict | None:
    return next((i for i in opts["indicators"] if i["id"] == iid), None)


def years_text(years) -> str:
    ys = sorted(int(y) for y in years)
    if not ys:
        return "tidak ada"
    runs, start, prev = [], ys[0], ys[0]
    for y in ys[1:] + [None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        runs.append(str(start) if start == prev else f"{start}–{prev}")
        if y is not None:
            start = prev = y
    return ", ".join(runs)


def stored_value(opts: dict, region: str, indicator: str, year: int) -> float | None:
    return opts["stored"].get(region, {}).get(indicator, {}).get(int(year))


def describe_choice(opts: dict, region: str | None, indicator: str | None, year: int | None) -> str:
    """One line under the change form: the stored value being changed, with unit and source."""
    if not region or not indicator or year is None:
        return ""
    ind = _ind(opts, indicator)
    if ind is None:
        return ""
    v = stored_value(opts, region, indicator, year)
    have = opts["stored"].get(region, {}).get(indicator, {})
    if v is None:
        return (f"Tidak ada data tersimpan untuk {_names(opts).get(region, region)} tahun {year}. "
                f"Tahun yang ada datanya: {years_text(have)}.")
    tag = f" — {ILUSTRASI}" if ind["illustrative"] and "ilustrasi" not in ind["sumber"].lower() else ""
    return (f"Nilai tersimpan {year}: **{auto_angka(v)}** {ind['satuan']} "
            f"(sumber: {ind['sumber']}{tag}).")


def check_override(opts: dict, o: dict, regions: list[str] | tuple[str, ...] = ()) -> str | None:
    """Why a value change cannot be applied (Bahasa Indonesia), or None when it is fine."""
    names = _names(opts)
    region, iid = o.get("region_code"), o.get("indicator")
    if region not in names:
        return f"Wilayah {region} tidak termasuk cakupan kerangka {opts['nama']}."
    if regions and region not in regions:
        return (f"{names[region]} tidak termasuk {opts['level']} yang dipilih di panel samping; "
                "tambahkan wilayah itu ke saringan atau hapus perubahan ini.")
    ind = _ind(opts, iid)
    if ind is None:
        return f"Indikator {iid} tidak dipakai dalam pilar kerangka {opts['nama']}."
    try:
        year, amount = int(o.get("year")), float(o.get("amount"))
    except (TypeError, ValueError):
        return "Tahun dan besar perubahan harus berupa angka."
    if not math.isfinite(amount):
        return "Besar perubahan harus berupa angka."
    mode = o.get("mode", "delta")
    if mode not in MODES:
        return f"Jenis perubahan tidak dikenal: {mode}."
    label = f"{ind['nama']} {names[region]} tahun {year}"
    v = stored_value(opts, region, iid, year)
    have = opts["stored"].get(region, {}).get(iid, {})
    if mode == "delta" and v is None:
        return (f"Tidak ada data {label}, jadi nilainya tidak bisa ditambah/dikurangi. "
                f"Tahun yang ada datanya: {years_text(have)}; atau pilih 'Tetapkan nilai baru'.")
    if mode == "set" and year not in opts["years"]:
        return (f"Tahun {year} di luar tahun yang dihitung kerangka ini "
                f"({years_text(opts['years'])}).")
    new = v + amount if mode == "delta" else amount
    if ind["nonneg"] and new < 0:
        return f"{label} akan menjadi {auto_angka(new)}: nilai negatif tidak masuk akal untuk indikator ini."
    if ind["persen"] and new > 100:
        return f"{label} akan menjadi {auto_angka(new)}: persentase tidak boleh lebih dari 100."
    return None


def with_override(items: list[dict], item: dict) -> list[dict]:
    """The list of changes with ``item`` added (replacing a change to the same value)."""
    k = (item["region_code"], item["indicator"], int(item["year"]))
    return [o for o in items if (o["region_code"], o["indicator"], int(o["year"])) != k] + [item]


def override_label(opts: dict, o: dict) -> str:
    """'persentase penduduk miskin (P0) Kabupaten Cianjur −1 poin (2024: 10,14 → 9,14)'."""
    names = _names(opts)
    ind = _ind(opts, o["indicator"]) or {"nama": o["indicator"], "satuan": "", "illustrative": False}
    region = names.get(o["region_code"], o["region_code"])
    year = int(o["year"])
    v = stored_value(opts, o["region_code"], o["indicator"], year)
    amount = float(o["amount"])
    tag = f", {ILUSTRASI}" if ind.get("illustrative") else ""
    if o.get("mode", "delta") == "set":
        was = f"tersimpan {auto_angka(v)}" if v is not None else "tidak ada data tersimpan"
        return f"{_lc_first(ind['nama'])} {region} ditetapkan {auto_angka(amount)} ({year}; {was}{tag})"
    sign = ("+" if amount > 0 else ("−" if amount < 0 else "±")) + auto_angka(abs(amount))
    arrow = f": {auto_angka(v)} → {auto_angka(v + amount)}" if v is not None else ""
    return f"{_lc_first(ind['nama'])} {region} {sign} {_unit_word(ind['satuan'])} ({year}{arrow}{tag})"


def summary_sentence(fw: Framework, weights: dict[str, float], overrides: list[dict], opts: dict,
                     regions: list[str] | tuple[str, ...] = ()) -> str:
    parts = []
    for p in fw.pillars:
        w = float(weights.get(p.id, p.weight))
        if w != p.weight:
            txt = f"bobot pilar {p.nama} " + (weight_label(w / p.weight) if p.weight else auto_angka(w, 1))
            parts.append(txt + (" (tidak dihitung)" if w == 0 else ""))
    parts += [override_label(opts, o) for o in overrides]
    if regions:
        parts.append(f"hanya {len(regions)} {opts['level']} terpilih")
    if not parts:
        return "Skenario: sama dengan kerangka asli (bobot asli, tanpa perubahan nilai)."
    return "Skenario: " + "; ".join(parts) + "."


# --- The view --------------------------------------------------------------------------------
def _rank_arrow(d) -> str:
    if pd.isna(d):
        return "—"
    d = int(d)
    return f"▲ {d}" if d > 0 else (f"▼ {-d}" if d < 0 else "=")


def _rank_txt(r) -> str:
    return fmt.angka(r, 0, missing="—")


def _interval_txt(lo, hi) -> str:
    if pd.isna(lo):
        return "—"
    lo_s, hi_s = fmt.angka(lo, 0), fmt.angka(hi, 0)
    return lo_s if lo_s == hi_s else f"{lo_s}–{hi_s}"


@lru_cache(maxsize=1)
def _common_layout() -> dict:
    """The shared layout of views.common.layout (separators, font, colours) as a plain dict."""
    return layout(go.Figure()).layout.to_plotly_json()


def _figure(data: list[dict], title: str, height: int, top: int, legend_px: int, **lay) -> go.Figure:
    """One-shot figure (plotly validates once) with the common Indonesian layout. The title sits
    at the very top, the legend ``legend_px`` above the plot area, the axis title below it."""
    bottom = 50
    return go.Figure(data=data, layout={
        **_common_layout(),
        "title": dict(text=title, x=0, xref="paper", y=1, yref="container", yanchor="top", pad=dict(t=8),
                      font=dict(size=15)),
        "height": height, "margin": dict(l=10, r=10, t=top, b=bottom),
        "legend": dict(orientation="h", x=0, xanchor="left", y=1 + legend_px / (height - top - bottom),
                       yanchor="bottom"),
        **lay})


def _rank_axis(n: int, **kw) -> dict:
    return dict(title=dict(text="peringkat (1 = terbaik)"), range=[0.4, n + 0.6], dtick=max(1, round(n / 9)),
                zeroline=False, gridcolor="#EEF1F4", **kw)


def _region_axis(names: list[str], **kw) -> dict:
    return dict(type="category", categoryorder="array", categoryarray=names, autorange="reversed",
                tickfont=dict(size=12), **kw)


def _impact_figure(t: pd.DataFrame, year: int, fw: Framework) -> go.Figure:
    """Dumbbell of ranks (baseline → scenario) and bars of composite score changes."""
    names = t["label"].tolist()
    n = len(t)
    colour = [UP if d > 0 else (DOWN if d < 0 else SAME) for d in t["rank_delta"].fillna(0)]
    xs, ys = [], []
    for a, b, nm in zip(t["rank_base"], t["rank"], names):
        xs += [a, b, None]
        ys += [nm, nm, None]
    hover = dict(customdata=t["hover"].tolist(), hovertemplate="%{customdata}<extra></extra>")
    data = [
        dict(type="scatter", x=xs, y=ys, mode="lines", line=dict(color="#C5CDD6", width=3),
             hoverinfo="skip", showlegend=False),
        dict(type="scatter", x=t["rank_base"].tolist(), y=names, mode="markers", name="Peringkat data dasar",
             marker=dict(symbol="circle-open", size=10, color=BASE_GREY, line=dict(width=2)), **hover),
        dict(type="scatter", x=t["rank"].tolist(), y=names, mode="markers",
             name="Peringkat skenario (hijau naik, oranye turun)", marker=dict(size=11, color=colour), **hover),
        dict(type="bar", x=t["score_delta"].tolist(), y=names, orientation="h", marker=dict(color=colour),
             xaxis="x2", yaxis="y", showlegend=False, **hover),
    ]
    sub = dict(xref="paper", yref="paper", y=1.0, yanchor="bottom", showarrow=False, font=dict(size=13))
    title = f"Dampak skenario pada {fw.composite_name}, {year}" + (f" — {ILUSTRASI}" if fw.illustrative else "")
    return _figure(
        data, title, 170 + 24 * n, 100, 28,
        xaxis=_rank_axis(n, domain=[0, 0.56]),
        xaxis2=dict(domain=[0.6, 1], anchor="y", title=dict(text="selisih skor (poin, skala 0–100)"),
                    zeroline=True, zerolinecolor="#9AA5B1", gridcolor="#EEF1F4", tickformat=",.1f"),
        yaxis=_region_axis(names),
        annotations=[dict(text="Peringkat: data dasar → skenario", x=0, xanchor="left", **sub),
                     dict(text="Perubahan skor komposit", x=0.6, xanchor="left", **sub)])


def _sensitivity_figure(t: pd.DataFrame, year: int, spread: float, draws: int, fw: Framework) -> go.Figure:
    names = t["label"].tolist()
    n = len(t)
    hover = dict(customdata=t["sens_hover"].tolist(), hovertemplate="%{customdata}<extra></extra>")
    data = [
        dict(type="scatter", x=t["rank_median"].tolist(), y=names, mode="markers",
             name=f"Median peringkat dan rentang 5–95% ({fmt.angka(draws, 0)} percobaan)",
             marker=dict(symbol="diamond", size=10, color=SAME),
             error_x=dict(type="data", symmetric=False, array=(t["rank_p95"] - t["rank_median"]).tolist(),
                          arrayminus=(t["rank_median"] - t["rank_p05"]).tolist(), color=SAME,
                          thickness=3, width=5), **hover),
        dict(type="scatter", x=t["rank"].tolist(), y=names, mode="markers", name="Peringkat skenario",
             marker=dict(symbol="circle-open", size=12, color=DOWN, line=dict(width=2)), **hover),
    ]
    title = (f"Rentang peringkat bila bobot pilar diubah acak ±{fmt.angka(spread * 100, 0)}%, {year}"
             + (f" — {ILUSTRASI}" if fw.illustrative else ""))
    return _figure(data, title, 140 + 24 * n, 72, 6, xaxis=_rank_axis(n), yaxis=_region_axis(names))


def _sensitivity_text(t: pd.DataFrame, spread: float, draws: int) -> str:
    s = fmt.angka(spread * 100, 0)
    intro = (
        "**Cara membaca.** Bobot pilar adalah pilihan kebijakan, bukan fakta. Untuk menguji seberapa "
        "bergantung peringkat pada pilihan itu, setiap bobot pilar skenario dikalikan dengan faktor acak "
        f"antara {fmt.angka(1 - spread, 2)} dan {fmt.angka(1 + spread, 2)} (±{s}%), sebanyak "
        f"{fmt.angka(draws, 0)} kali (dengan benih acak tetap {SEED}, jadi hasilnya selalu sama). Setiap kali, "
        "skor komposit dihitung ulang dari skor pilar dan semua wilayah diperingkat ulang. "
        "Belah ketupat = median peringkat; garis = rentang tempat 90% hasil jatuh (persentil 5 sampai 95); "
        "lingkaran = peringkat skenario. Garis pendek berarti peringkat kokoh; garis panjang berarti "
        "peringkat bergantung pada bobot, sehingga selisih peringkat dengan wilayah di sekitarnya "
        "tidak perlu dibaca terlalu serius.")
    if spread == 0:
        return intro + "\n\nDengan sebaran 0% bobot tidak diubah, jadi rentang sama dengan peringkat skenario."
    width = t["rank_p95"] - t["rank_p05"]
    stable = int((width == 0).sum())
    out = intro + f"\n\n**Hasil:** {stable} dari {len(t)} wilayah tidak berubah peringkat di 90% percobaan."
    if len(t) and width.max() > 0:
        i = width.idxmax()
        out += (f" Paling peka terhadap bobot: **{t.at[i, 'nama']}** (peringkat "
                f"{_interval_txt(t.at[i, 'rank_p05'], t.at[i, 'rank_p95'])}).")
    return out


def simulate(store: Store, fw: str, year: int, weights: dict[str, float] | None = None,
             overrides: list[dict] | None = None, regions: list[str] | None = None,
             spread: float = DEFAULT_SPREAD, draws: int = DRAWS) -> dict:
    """Replay a what-if scenario and compare it with the baseline for ``year``.

    ``weights``: pillar id → weight (missing pillars keep the framework's weight);
    ``overrides``: dicts with region_code, indicator, year, amount, mode ('delta' | 'set');
    ``regions``: the shared region filter (kecamatan or kabupaten/kota codes; empty = all),
    which becomes the scope of both the baseline and the scenario (ranks among those regions).

    Returns ``ok`` False with ``errors`` (Bahasa Indonesia) when the input cannot be computed;
    nothing is then computed half-way. Stored data are never changed.
    """
    f = frameworks.load(fw)
    regions = sorted(set(regions or []))
    full = compute(store, f)
    opts = _options(store, f, compute(store, f))
    defaults = {p.id: p.weight for p in f.pillars}
    errors: list[str] = []
    w = dict(defaults)
    for pid, val in (weights or {}).items():
        if pid not in defaults:
            errors.append(f"Pilar '{pid}' tidak ada di kerangka {f.nama}.")
            continue
        try:
            v = float(val)
        except (TypeError, ValueError):
            v = float("nan")
        if not math.isfinite(v) or v < 0:
            errors.append(f"Bobot pilar {f.pillar(pid).nama} harus angka 0 atau lebih.")
            continue
        w[pid] = v
    if not errors and sum(w.values()) <= 0:
        errors.append("Semua bobot pilar bernilai 0, jadi tidak ada skor yang bisa dihitung. "
                      "Beri bobot lebih dari 0 pada paling sedikit satu pilar.")
    if not 0 <= float(spread) < 1:
        errors.append("Sebaran uji kepekaan harus antara 0% dan kurang dari 100%.")
    known = set(_names(opts))
    bad_regions = [r for r in regions if r not in known]
    if bad_regions:
        errors.append(f"Wilayah tidak dikenal untuk kerangka ini: {', '.join(bad_regions)}.")
    if year not in full.years:
        errors.append(f"Kerangka {f.nama} tidak punya skor untuk tahun {year}; "
                      f"pilih tahun {years_text(full.years)}.")
    ovs = list(overrides or [])
    rows, seen = [], set()
    for o in ovs:
        err = check_override(opts, o, regions)
        k = (o.get("region_code"), o.get("indicator"), o.get("year"))
        if err is None and k in seen:
            err = "Perubahan ganda untuk wilayah, indikator dan tahun yang sama; hapus salah satunya."
        seen.add(k)
        if err:
            errors.append(err)
        try:
            label = override_label(opts, o)
        except (KeyError, TypeError, ValueError):
            label = str(o)
        rows.append({"label": label, "error": err})
    out = {"ok": False, "errors": errors, "overrides": rows, "year": year, "fw_nama": f.nama,
           "illustrative": f.illustrative, "level": opts["level"],
           "composite_name": f.composite_name, "n_regions": len(regions) or len(known)}
    if errors:
        out["summary"] = "Skenario belum bisa dihitung."
        return out
    out["summary"] = summary_sentence(f, w, ovs, opts, regions)

    scope = scope_scenario(f, regions)
    base = compute(store, f, scope)
    sc = Scenario(pillar_weights=tuple((pid, w[pid]) for pid in defaults if w[pid] != defaults[pid]),
                  kabupaten=scope.kabupaten, kecamatan=scope.kecamatan,
                  overrides=tuple(Override(o["region_code"], o["indicator"], int(o["year"]),
                                           float(o["amount"]), o.get("mode", "delta")) for o in ovs))
    try:
        alt = base if sc == scope else compute(store, f, sc)
    except FrameworkError as e:
        out["errors"] = [f"Skenario tidak bisa dihitung: {e}"]
        out["summary"] = "Skenario belum bisa dihitung."
        return out
    cmp = compare_to_baseline(base, alt)
    cmp = cmp[cmp["year"] == year]
    if cmp["score"].notna().sum() == 0:
        weighted = [p.nama for p in f.pillars if w[p.id] > 0]
        out["errors"] = [f"Dengan bobot ini tidak ada wilayah yang punya {f.composite_name} tahun {year}: "
                         f"pilar yang diberi bobot ({', '.join(weighted)}) tidak punya cukup data tahun itu. "
                         "Beri bobot pada pilar lain atau pilih tahun lain."]
        out["summary"] = "Skenario belum bisa dihitung."
        return out
    sens = analysis.sensitivity(store, alt, draws=draws, spread=float(spread), seed=SEED, year=year)

    pilot = alt.regions.set_index("kode")["pilot"]
    t = (cmp.merge(sens[["region_code", "rank_median", "rank_p05", "rank_p95"]], on="region_code", how="left")
         .sort_values(["rank", "rank_base", "region_name"], na_position="last").reset_index(drop=True))
    t["nama"] = t["region_name"]
    t["label"] = [n + (" ★" if pilot.get(c, False) else "") for n, c in zip(t["region_name"], t["region_code"])]
    t["hover"] = [
        f"<b>{n}</b><br>Peringkat: {_rank_txt(rb)} → {_rank_txt(r)} ({_rank_arrow(d)})<br>"
        f"Skor: {fmt.angka(sb, 2)} → {fmt.angka(s, 2)} ({fmt.bertanda(sd, 2)})"
        for n, rb, r, d, sb, s, sd in zip(t["nama"], t["rank_base"], t["rank"], t["rank_delta"],
                                          t["score_base"], t["score"], t["score_delta"])]
    t["sens_hover"] = [
        f"<b>{n}</b><br>Median peringkat {fmt.angka(m, 1)}; rentang 5–95%: {_interval_txt(a, b)}"
        f"<br>Peringkat skenario {_rank_txt(r)}"
        for n, m, a, b, r in zip(t["nama"], t["rank_median"], t["rank_p05"], t["rank_p95"], t["rank"])]

    table = pd.DataFrame({
        "Peringkat": t["rank"].map(_rank_txt),
        "Wilayah": t["label"],
        "Naik/turun": t["rank_delta"].map(_rank_arrow),
        "Peringkat dasar": t["rank_base"].map(_rank_txt),
        "Skor dasar": t["score_base"].map(lambda x: fmt.angka(x, 2)),
        "Skor skenario": t["score"].map(lambda x: fmt.angka(x, 2)),
        "Selisih skor": t["score_delta"].map(lambda x: fmt.bertanda(x, 2)),
        "Median uji kepekaan": t["rank_median"].map(lambda x: fmt.angka(x, 1, missing="—")),
        "Rentang 5–95%": [_interval_txt(a, b) for a, b in zip(t["rank_p05"], t["rank_p95"])],
    })
    src = source_line(store, f)
    download = pd.DataFrame({
        "kode": t["region_code"], "wilayah": t["nama"], "tahun": year,
        "skor_dasar": t["score_base"], "skor_skenario": t["score"], "selisih_skor": t["score_delta"],
        "peringkat_dasar": t["rank_base"], "peringkat_skenario": t["rank"],
        "selisih_peringkat": t["rank_delta"], "peringkat_median_uji_kepekaan": t["rank_median"],
        "peringkat_p05": t["rank_p05"], "peringkat_p95": t["rank_p95"],
        "kerangka": f.id, "skenario": out["summary"], "sebaran_bobot_pct": float(spread) * 100,
        "data_ilustrasi": f.illustrative, "sumber": src, "versi_data": store.version,
    })

    # Direct effect of the value changes on the pillar scores (all years the changes touch).
    pillar_rows = pd.DataFrame()
    if ovs:
        keys = {(o["region_code"], int(o["year"])) for o in ovs}
        pb = base.pillars[["region_code", "year", "pillar", "score"]].rename(columns={"score": "score_base"})
        pa = alt.pillars[["region_code", "year", "pillar", "score"]]
        pm = pa.merge(pb, on=["region_code", "year", "pillar"], how="left")
        pm = pm[[(r, int(y)) in keys for r, y in zip(pm["region_code"], pm["year"])]]
        pm = pm[(pm["score"] - pm["score_base"]).abs().fillna(1.0) > 1e-9]
        pm = pm[pm["score"].notna() | pm["score_base"].notna()]
        names = _names(opts)
        pnames = {p.id: p.nama for p in f.pillars}
        pillar_rows = pd.DataFrame({
            "Wilayah": pm["region_code"].map(names), "Tahun": pm["year"].astype(int).astype(str),
            "Pilar": pm["pillar"].map(pnames),
            "Skor pilar dasar": pm["score_base"].map(lambda x: fmt.angka(x, 2)),
            "Skor pilar skenario": pm["score"].map(lambda x: fmt.angka(x, 2)),
            "Selisih": (pm["score"] - pm["score_base"]).map(lambda x: fmt.bertanda(x, 2)),
        }).reset_index(drop=True)

    moved = t[t["rank_delta"].fillna(0) != 0]
    up = t.loc[t["rank_delta"].idxmax()] if t["rank_delta"].notna().any() else None
    down = t.loc[t["rank_delta"].idxmin()] if t["rank_delta"].notna().any() else None
    n_scored = int(t["score"].notna().sum())
    def mover(r, sign):
        if r is None or not sign * r["rank_delta"] > 0:
            return "tidak ada", "Tidak ada wilayah yang " + ("naik" if sign > 0 else "turun") + " peringkat."
        return (_rank_arrow(r["rank_delta"]),
                f"{r['label']}: peringkat {_rank_txt(r['rank_base'])} → {_rank_txt(r['rank'])}")

    up_v, up_c = mover(up, 1)
    down_v, down_c = mover(down, -1)
    kpis = [
        {"label": "Berubah peringkat", "value": f"{fmt.angka(len(moved), 0)} dari {fmt.angka(n_scored, 0)}",
         "caption": f"{opts['level']} yang peringkatnya bergeser",
         "help": f"{opts['level'].capitalize()} yang peringkat {year}-nya di skenario berbeda dari data dasar."},
        {"label": "Naik paling banyak", "value": up_v, "caption": up_c,
         "help": "Selisih peringkat terbesar ke atas (data dasar → skenario)."},
        {"label": "Turun paling banyak", "value": down_v, "caption": down_c,
         "help": "Selisih peringkat terbesar ke bawah (data dasar → skenario)."},
        {"label": "Rata-rata selisih skor", "value": fmt.angka(t["score_delta"].abs().mean(), 2),
         "caption": "poin (skala 0–100), tanpa melihat tanda",
         "help": f"Rata-rata besarnya perubahan {f.composite_name} (skala 0–100) di semua wilayah."},
    ]
    other_years = sorted({int(o["year"]) for o in ovs} - {year})
    notes = []
    if other_years:
        notes.append(f"Perubahan nilai tahun {', '.join(map(str, other_years))} tidak mengubah skor {year}; "
                     "hanya skor tahun itu dan perubahan antartahun yang terpengaruh.")
    if len(regions) == 1:
        notes.append("Hanya satu wilayah dipilih di panel samping, jadi peringkatnya selalu 1.")

    out.update({
        "ok": True, "errors": [], "kpis": kpis, "table": table, "download": download,
        "pillar_effects": pillar_rows, "notes": notes, "source": src,
        "fig_impact": _impact_figure(t, year, f),
        "fig_sensitivity": _sensitivity_figure(t, year, float(spread), draws, f),
        "sensitivity_text": _sensitivity_text(t, float(spread), draws),
        "data_version": store.version,
    })
    return out
