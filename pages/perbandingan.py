"""Perbandingan: pilots vs other kecamatan, Jabar ranking, Wonosobo vs Jabar, regions side by side."""
import streamlit as st

import ui_common as ui
from berdaya_core.views import perbandingan as pb

TABS = ["Percontohan vs kecamatan lain", "Peringkat Jawa Barat", "Wonosobo vs Jawa Barat",
        "Wilayah berdampingan"]


f = ui.filters()
st.title("Perbandingan")
st.caption("Bandingkan wilayah dengan ukuran yang sama dan seri data yang sama. Peringkat 1 = terbaik.")
opts = ui.view(pb.options, fw=f.fw, year=f.year, regions=list(f.regions))

ui.url_default("pb_tab", TABS, TABS[0])
tabs = st.tabs(TABS, key="pb_tab", on_change="rerun")
url_keys = ["pb_tab"]

with tabs[0]:
    if tabs[0].open:
        inds = dict(opts["kb_indicators"])
        c1, c2 = st.columns([1, 4])
        ui.url_default("pb_kb_tahun", opts["kb_years"], opts["kb_year"], cast=int)
        c1.selectbox("Tahun", opts["kb_years"][::-1], key="pb_kb_tahun")
        ui.url_default("pb_kb_ind", list(inds), opts["kb_default_indicator"])
        c2.selectbox("Indikator untuk perbandingan per kecamatan", list(inds), key="pb_kb_ind",
                     format_func=inds.get)
        url_keys += ["pb_kb_tahun", "pb_kb_ind"]
        d = ui.view(pb.pilot, year=st.session_state["pb_kb_tahun"], indicator=st.session_state["pb_kb_ind"])
        st.subheader(f"4 kecamatan percontohan vs 11 kecamatan lain di Kabupaten Wonosobo ({d['year']})")
        ui.illustrative_badge(d["illustrative"])
        ui.chart(d["fig_pillars"], key="pb_kb_fig_pilar")
        st.caption("Batang: rata-rata skor kelompok tahun terpilih; garis hitam pendek: rata-rata tahun "
                   f"sebelumnya ({d['prev']}).")
        st.dataframe(d["pillar_table"], hide_index=True, key="pb_kb_tab_pilar")
        st.markdown(f"**Semua indikator: rata-rata nilai percontohan vs kecamatan lain ({d['year']})**")
        st.dataframe(d["indicator_table"], hide_index=True, key="pb_kb_tab_ind")
        st.markdown(f"**{inds[d['indicator']].split(' — ')[0]}: 15 kecamatan** ({d['indicator_polarity']})")
        ui.chart(d["fig_indicator"], key="pb_kb_fig_ind")
        if d["indicator_missing"]:
            st.caption(f"Tidak ada data {d['year']}: " + ", ".join(d["indicator_missing"]) + ".")
        st.dataframe(d["indicator_detail"], hide_index=True, key="pb_kb_tab_detail")
        st.caption(d["source"])
        ui.downloads(d["download"], f"perbandingan_percontohan_{d['year']}", key="pb_kb_dl")

with tabs[1]:
    if tabs[1].open:
        metrics = dict(opts["wj_metrics"])
        c1, c2 = st.columns([3, 1])
        ui.url_default("pb_jb_metrik", list(metrics), "komposit")
        c1.selectbox("Ukuran (kerangka WJDE)", list(metrics), key="pb_jb_metrik", format_func=metrics.get)
        metric = st.session_state["pb_jb_metrik"]
        years = opts["wj_years"][metric]
        ui.url_default("pb_jb_tahun", years, opts["wj_default_year"][metric], cast=int)
        c2.selectbox("Tahun", years[::-1], key="pb_jb_tahun")
        url_keys += ["pb_jb_metrik", "pb_jb_tahun"]
        d = ui.view(pb.peringkat, year=st.session_state["pb_jb_tahun"], metric=metric,
                    highlight=opts["wj_highlight"])
        st.subheader(f"27 kabupaten/kota Jawa Barat: {d['label']} {d['year']}")
        ui.chart(d["fig"], key="pb_jb_fig")
        st.caption(d["legend"])
        ui.notes(d["notes"])
        st.dataframe(d["table"], hide_index=True, key="pb_jb_tab")
        st.caption(d["source"])
        ui.downloads(d["download"], f"peringkat_jabar_{d['year']}", key="pb_jb_dl")

with tabs[2]:
    if tabs[2].open:
        inds = dict(opts["bm_indicators"])
        c1, c2 = st.columns([3, 1])
        ui.url_default("pb_bm_ind", list(inds), next(iter(inds)))
        c1.selectbox("Indikator (seri yang sama di kedua provinsi)", list(inds), key="pb_bm_ind",
                     format_func=inds.get)
        ind = st.session_state["pb_bm_ind"]
        ui.url_default("pb_bm_tahun", opts["bm_years"][ind], opts["bm_default_year"][ind], cast=int)
        c2.selectbox("Tahun", opts["bm_years"][ind][::-1], key="pb_bm_tahun")
        url_keys += ["pb_bm_ind", "pb_bm_tahun"]
        d = ui.view(pb.benchmark, indicator=ind, year=st.session_state["pb_bm_tahun"])
        st.subheader(f"Kabupaten Wonosobo dibandingkan kab/kota Jawa Barat: {d['label']}")
        st.info(d["headline"], icon=":material/leaderboard:")
        ui.chart(d["fig"], key="pb_bm_fig")
        st.markdown("**Semua indikator dan tahun yang sebanding**")
        st.dataframe(d["table"], hide_index=True, key="pb_bm_tab")
        ui.notes(d["notes"])
        st.caption(d["source"])
        ui.downloads(d["download"], f"wonosobo_vs_jabar_{d['indicator']}_{d['year']}", key="pb_bm_dl")

with tabs[3]:
    if tabs[3].open:
        regions = dict(opts["sb_regions"])
        inds = dict(opts["sb_indicators"])
        ui.url_default("pb_sb_wil", list(regions), opts["sb_default_regions"], multi=True)
        st.multiselect(f"Wilayah (paling banyak {opts['max_regions']})", list(regions), key="pb_sb_wil",
                       format_func=regions.get, max_selections=opts["max_regions"],
                       placeholder="Pilih wilayah")
        c1, c2 = st.columns([3, 1])
        ui.url_default("pb_sb_ind", list(inds), opts["sb_default_indicators"], multi=True)
        c1.multiselect(f"Indikator (paling banyak {opts['max_indicators']}; tiap indikator digambar "
                       "di panelnya sendiri)", list(inds), key="pb_sb_ind", format_func=inds.get,
                       max_selections=opts["max_indicators"], placeholder="Pilih indikator")
        ui.url_default("pb_sb_tahun", opts["sb_years"], opts["sb_year"], cast=int)
        c2.selectbox("Tahun", opts["sb_years"][::-1], key="pb_sb_tahun")
        url_keys += ["pb_sb_wil", "pb_sb_ind", "pb_sb_tahun"]
        d = ui.view(pb.berdampingan, regions=st.session_state["pb_sb_wil"],
                    indicators=st.session_state["pb_sb_ind"], year=st.session_state["pb_sb_tahun"])
        if d["empty"]:
            st.info("Pilih paling sedikit satu wilayah dan satu indikator.")
        else:
            ui.illustrative_badge(d["illustrative"])
            ui.chart(d["fig"], key="pb_sb_fig")
            st.dataframe(d["table"], hide_index=True, key="pb_sb_tab")
            ui.notes(d["notes"])
            st.caption(d["source"])
            ui.downloads(d["download"], f"wilayah_berdampingan_{d['year']}", key="pb_sb_dl")

ui.push_url(*url_keys)
