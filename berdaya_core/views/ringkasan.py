"""Ringkasan (overview): KPI cards per programme, biggest movers, freshness, illustrative share."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import formatting as fmt
from .. import frameworks
from ..engine import compute, describe
from ..frameworks import Scope
from ..store import Store
from .common import ILUSTRASI, OTHER_COLOUR, PILOT_COLOUR, catalogue, layout

JABAR_KPI = ["ipm_uhh_lfsp2020", "kemiskinan_pct", "stunting_pct_ssgi", "tpt_pct"]
SHORT = {"ipm_uhh_lfsp2020": "IPM", "kemiskinan_pct": "Kemiskinan (P0, %)",
         "stunting_pct_ssgi": "Stunting SSGI (%)", "tpt_pct": "Pengangguran (TPT, %)",
         "rppa": "RPPA", "lansia_disabilitas": "Lansia & Disabilitas",
         "taruna_karya_mandiri": "Taruna Karya Mandiri", "sport_center": "Sport Center"}


def _delta(x, desimal: int = 1) -> str:
    """Signed change for st.metric, which reads the sign from an ASCII minus."""
    return fmt.bertanda(x, desimal).replace("−", "-")


def filter_options(store: Store, fw: str) -> dict:
    """Choices for the shared sidebar filters of a framework."""
    f = frameworks.load(fw)
    res = compute(store, f)
    level = "Kecamatan" if f.scope.levels == ("kecamatan",) else "Kabupaten/kota"
    return {"years": res.years,
            "regions": [(r.kode, r.nama + (" ★" if r.pilot else "")) for r in res.regions.itertuples()],
            "region_label": f"Saring {level.lower()}",
            "level": level, "illustrative": f.illustrative, "nama": f.nama}


def _card(label: str, value: str, delta: str | None, help_: str, polarity: str = "naik",
          illustrative: bool = False) -> dict:
    """A KPI card; ``delta_color`` makes an improvement look the same for either polarity."""
    colour = {"naik": "normal", "turun": "inverse"}.get(polarity, "off")
    return {"label": label, "value": value, "delta": delta, "help": help_, "delta_color": colour,
            "illustrative": illustrative}


def _pilot_figure(fw, pil: pd.DataFrame, year: int) -> go.Figure:
    """Grouped bars: mean pillar score of the pilots vs the other kecamatan."""
    m = pil[pil["year"] == year].groupby(["pillar", "pilot"])["score"].mean().unstack("pilot")
    names = [fw.pillar(p.id).nama.replace("Rumah Perlindungan Perempuan dan Anak (RPPA)", "RPPA")
             for p in fw.pillars]
    fig = go.Figure()
    for flag, label, colour in ((True, "4 kecamatan percontohan", PILOT_COLOUR),
                                (False, "11 kecamatan lain", OTHER_COLOUR)):
        vals = [m.at[p.id, flag] if p.id in m.index and flag in m.columns else None for p in fw.pillars]
        fig.add_bar(x=names, y=vals, name=label, marker_color=colour,
                    text=[fmt.angka(v) for v in vals], textposition="outside",
                    hovertemplate="%{x}<br>" + label + ": %{y:.1f}<extra>" + ILUSTRASI + "</extra>")
    layout(fig, barmode="group", height=330,
           title=dict(text=f"Rata-rata skor pilar {year} (0–100) — {ILUSTRASI}", font_size=15),
           yaxis=dict(range=[0, 110], title="skor"), legend=dict(orientation="h", y=-0.15))
    return fig


def _pilot_cards(store: Store, year: int) -> tuple[list[dict], int, go.Figure]:
    fw = frameworks.load("kecamatan_berdaya")
    res = compute(store, fw)
    year = year if year in res.years else res.latest_year()
    comp = res.composite.merge(res.regions[["kode", "pilot"]], left_on="region_code", right_on="kode")
    pil = res.pillars.merge(res.regions[["kode", "pilot"]], left_on="region_code", right_on="kode")
    cards = []
    for label, frame, filt in [("Indeks gabungan", comp, None)] + [
            (SHORT.get(p.id, p.nama), pil, p.id) for p in fw.pillars]:
        f = frame if filt is None else frame[frame["pillar"] == filt]
        now = f[f["year"] == year].groupby("pilot")["score"].mean()
        prev = f[f["year"] == year - 1].groupby("pilot")["score"].mean()
        p_now, o_now = now.get(True), now.get(False)
        d = None if pd.isna(p_now) or pd.isna(prev.get(True)) else p_now - prev.get(True)
        cards.append(_card(
            label, fmt.angka(p_now), None if d is None else _delta(d) + " vs " + str(year - 1),
            f"{'Indeks Kecamatan Berdaya' if filt is None else 'Pilar ' + fw.pillar(filt).nama}: rata-rata 4 kecamatan "
            f"percontohan {year} (skor 0–100); kecamatan lain: {fmt.angka(o_now)}. "
            f"Sumber: {ILUSTRASI}, kerangka kecamatan_berdaya.", illustrative=True))
        cards[-1]["others"] = fmt.angka(o_now)
    return cards, year, _pilot_figure(fw, pil, year)


def _jabar_cards(store: Store) -> list[dict]:
    cat = catalogue(store)
    prov = describe(store, Scope(levels=("provinsi",), provinsi="32"), JABAR_KPI)
    kab = describe(store, Scope(levels=("kabupaten", "kota"), provinsi="32"), JABAR_KPI)
    names = store.regions().set_index("kode")["nama"]
    cards = []
    for iid in JABAR_KPI:
        k = kab[kab["indicator"] == iid]
        if k.empty:
            continue
        yr = int(k["year"].max())
        ky = k[k["year"] == yr]
        # Only years where every kab/kota has a value give a fair best/worst.
        best = ky.loc[ky["rank"].idxmin()]
        worst = ky.loc[ky["rank"].idxmax()]
        p = prov[(prov["indicator"] == iid) & (prov["year"] == yr)]
        unit = cat.at[iid, "satuan"]
        if len(p):
            value, change = p["value"].iloc[0], p["change"].iloc[0]
            basis = "angka Provinsi Jawa Barat"
        else:
            value, change = ky["value"].mean(), None
            basis = f"rata-rata sederhana {len(ky)} kab/kota (angka provinsi {yr} tidak tersedia)"
        cards.append(_card(
            f"{SHORT[iid]} {yr}", fmt.angka(value, 2),
            None if change is None or pd.isna(change) else _delta(change, 2) + " vs " + str(yr - 1),
            f"{cat.at[iid, 'nama']} {yr}: {basis}; {unit}. Terbaik: {names[best['region_code']]} ({fmt.angka(best['value'], 2)}); "
            f"terendah: {names[worst['region_code']]} ({fmt.angka(worst['value'], 2)}), dari "
            f"{len(ky)} kab/kota. Sumber: {cat.at[iid, 'sumber']}.",
            polarity=cat.at[iid, "polaritas"]))
        cards[-1]["best"] = f"{names[best['region_code']]} ({fmt.angka(best['value'], 2)})"
        cards[-1]["worst"] = f"{names[worst['region_code']]} ({fmt.angka(worst['value'], 2)})"
    return cards


def _movers(store: Store, fw_id: str, year: int, regions: list[str]) -> pd.DataFrame:
    res = compute(store, frameworks.load(fw_id))
    c = res.composite[(res.composite["year"] == year) & res.composite["rank_change"].notna()]
    if regions:
        c = c[c["region_code"].isin(regions)]
    c = c.reindex(c["rank_change"].abs().sort_values(ascending=False).index).head(6)
    return pd.DataFrame({
        "Wilayah": c["region_name"],
        "Peringkat": c["rank"].map(lambda r: fmt.angka(r, 0)),
        "Perubahan peringkat": c["rank_change"].map(lambda r: fmt.bertanda(r, 0)),
        "Skor": c["score"].map(fmt.angka),
        "Perubahan skor": c["score_change"].map(fmt.bertanda),
    }).reset_index(drop=True)


def _freshness(store: Store) -> tuple[pd.DataFrame, dict]:
    df = store.df("""
        SELECT b.batch, b.file, b.jenis, count(o.value) AS n,
               min(o.year) AS dari, max(o.year) AS sampai
        FROM batches b LEFT JOIN observations o USING (batch)
        GROUP BY ALL ORDER BY b.batch""")
    kinds = {"resmi": "resmi", "belum_terverifikasi": "belum terverifikasi", "ilustrasi": ILUSTRASI}
    total = int(df["n"].sum())
    ill = int(df.loc[df["jenis"] == "ilustrasi", "n"].sum())
    table = pd.DataFrame({
        "Berkas": df["file"].str.rsplit("/", n=1).str[-1], "Jenis": df["jenis"].map(kinds),
        "Jumlah nilai": df["n"].map(lambda v: fmt.angka(v, 0)),
        "Tahun": [f"{int(a)}–{int(b)}" if pd.notna(a) else "tanpa tahun" for a, b in zip(df["dari"], df["sampai"])],
    })
    return table, {"total": total, "illustrative": ill, "share": 100.0 * ill / total if total else None}


def summary(store: Store, fw: str, year: int, regions: list[str]) -> dict:
    pilot_cards, pilot_year, pilot_fig = _pilot_cards(store, year)
    fresh, share = _freshness(store)
    f = frameworks.load(fw)
    return {
        "pilot_cards": pilot_cards, "pilot_year": pilot_year, "pilot_figure": pilot_fig,
        "jabar_cards": _jabar_cards(store),
        "movers": _movers(store, fw, year, regions), "movers_title": f.composite_name + f" {year} vs {year - 1}",
        "movers_illustrative": f.illustrative,
        "freshness": fresh,
        "illustrative_note": (f"{fmt.angka(share['illustrative'], 0)} dari {fmt.angka(share['total'], 0)} nilai "
                              f"tersimpan ({fmt.persen(share['share'])}) adalah {ILUSTRASI}: seluruh nilai "
                              f"empat pilar Kecamatan Berdaya."),
    }
