"""Tren: time series with targets, gaps, change and CAGR; small multiples of the four pilots."""
import streamlit as st

import ui_common as ui
from berdaya_core.views import tren

TABS = ["Deret waktu", "Empat kecamatan percontohan"]


f = ui.filters()
st.title("Tren")
st.caption("Perkembangan nilai dari tahun ke tahun. Tahun tanpa data dibiarkan kosong (garis terputus), "
           "tidak diisi nol. Setiap garis adalah satu seri data.")
opts = ui.view(tren.options, fw=f.fw, year=f.year, regions=list(f.regions))

ui.url_default("tr_tab", TABS, TABS[0])
tabs = st.tabs(TABS, key="tr_tab", on_change="rerun")
url_keys = ["tr_tab"]

with tabs[0]:
    if tabs[0].open:
        metrics = dict(opts["metrics"])
        regions = dict(opts["regions"])
        ui.url_default("tr_metrik", list(metrics), opts["default_metrics"], multi=True)
        st.multiselect(f"Indikator atau skor kerangka (paling banyak {opts['max_metrics']}; satu panel "
                       "per pilihan)", list(metrics), key="tr_metrik", format_func=metrics.get,
                       max_selections=opts["max_metrics"], placeholder="Pilih indikator")
        c1, c2, c3 = st.columns([4, 1, 1])
        ui.url_default("tr_wil", list(regions), opts["default_regions"], multi=True)
        c1.multiselect(f"Wilayah (paling banyak {opts['max_regions']})", list(regions), key="tr_wil",
                       format_func=regions.get, max_selections=opts["max_regions"], placeholder="Pilih wilayah")
        ui.url_default("tr_dari", opts["years"], opts["default_start"], cast=int)
        c2.selectbox("Dari tahun", opts["years"], key="tr_dari")
        ui.url_default("tr_sampai", opts["years"], opts["default_end"], cast=int)
        c3.selectbox("Sampai tahun", opts["years"][::-1], key="tr_sampai")
        url_keys += ["tr_metrik", "tr_wil", "tr_dari", "tr_sampai"]
        d = ui.view(tren.deret, metrics=st.session_state["tr_metrik"], regions=st.session_state["tr_wil"],
                    start=st.session_state["tr_dari"], end=st.session_state["tr_sampai"])
        if d["empty"]:
            st.info("Pilih paling sedikit satu indikator dan satu wilayah.")
        else:
            ui.illustrative_badge(d["illustrative"])
            ui.chart(d["fig"], key="tr_fig")
            st.markdown("**Perubahan dan laju pertumbuhan majemuk (CAGR) per garis**")
            st.dataframe(d["table"], hide_index=True, key="tr_tab_ringkas")
            ui.notes(d["notes"])
            st.caption(d["source"])
            ui.downloads(d["download"], "tren_deret_waktu", key="tr_dl")

with tabs[1]:
    if tabs[1].open:
        pm = dict(opts["pilot_metrics"])
        ui.url_default("tr_pilot", list(pm), opts["default_pilot_metric"])
        st.selectbox("Skor atau indikator Kecamatan Berdaya", list(pm), key="tr_pilot", format_func=pm.get)
        url_keys += ["tr_pilot"]
        d = ui.view(tren.percontohan, metric=st.session_state["tr_pilot"])
        ui.illustrative_badge(d["illustrative"])
        ui.chart(d["fig"], key="tr_pilot_fig")
        st.dataframe(d["table"], hide_index=True, key="tr_pilot_tab")
        ui.notes(d["notes"])
        st.caption(d["source"])
        ui.downloads(d["download"], "tren_percontohan", key="tr_pilot_dl")

ui.push_url(*url_keys)
