"""Peta: choropleth of any indicator, pillar or composite score, and the region profile."""
import streamlit as st

import ui_common as ui
from berdaya_core.views import peta

URL_KEYS = ("lapisan", "metrik", "tahun_peta", "kelas", "jumlah_kelas", "wilayah_profil")

f = ui.filters()
st.title("Peta")
st.caption("Pilih tingkat wilayah dan indikator. Warna gelap selalu berarti kondisi lebih baik; "
           "abu-abu muda berarti tidak ada data. Klik wilayah di peta untuk membuka profilnya.")

# A new programme in the shared sidebar starts the map afresh on that programme's regions;
# a new shared year moves the map year along.
for marker, value, keys in (("_peta_fw", f.fw, URL_KEYS), ("_peta_tahun", f.year, ("tahun_peta",))):
    if st.session_state.get(marker) not in (None, value):
        for k in keys:
            st.session_state.pop(k, None)
            if k in st.query_params:
                del st.query_params[k]
    st.session_state[marker] = value

# --- Choices ------------------------------------------------------------------------------
layers = peta.layer_choices()
ui.url_default("lapisan", list(layers), peta.default_layer(f.fw))
c_layer, c_metric, c_year = st.columns([2, 4, 1])
c_layer.selectbox("Tingkat wilayah", list(layers), key="lapisan", format_func=layers.get)
layer = st.session_state["lapisan"]

opts = ui.view(peta.options, layer_id=layer, fw=f.fw)
metric_labels = dict(opts["metrics"])
ui.url_default("metrik", list(metric_labels), opts["default_metric"])
c_metric.selectbox("Indikator atau skor", list(metric_labels), key="metrik", format_func=metric_labels.get)
metric = st.session_state["metrik"]

info = ui.view(peta.metric_info, layer_id=layer, metric_key=metric)
years = info["years"]
if not years:
    st.info("Belum ada data bertahun untuk pilihan ini.")
    st.stop()
ui.url_default("tahun_peta", years, f.year if f.year in years else years[-1], cast=int)
c_year.selectbox("Tahun", years[::-1], key="tahun_peta")

c_method, c_k = st.columns([4, 3])
ui.url_default("kelas", info["methods"], "quantile")
c_method.radio("Pembagian kelas legenda", info["methods"], key="kelas", horizontal=True,
               format_func=info["method_labels"].get,
               help="Kuantil: jumlah wilayah kira-kira sama di tiap kelas. Interval sama: rentang nilai "
                    "sama lebar. Berdasarkan target: persentase capaian target kerangka "
                    "(< 50%, 50–75%, 75–90%, 90–<100%, ≥ 100% = tercapai).")
c_method.caption(info["target_note"] or info["no_target_note"])
ui.url_default("jumlah_kelas", info["class_counts"], peta.DEFAULT_CLASSES, cast=int)
by_target = st.session_state["kelas"] == "target"
c_k.select_slider("Jumlah kelas", info["class_counts"], key="jumlah_kelas", disabled=by_target,
                  help="Kelas capaian target selalu lima." if by_target else
                  "Kuantil dengan banyak nilai sama bisa menghasilkan kelas lebih sedikit.")

region_names = dict(opts["regions"])
ui.url_default("wilayah_profil", list(region_names), None)
selected = st.session_state["wilayah_profil"]


def _on_map_click():
    """A click on a polygon opens its profile (clicking it again only clears the selection)."""
    event = st.session_state.get("peta_map") or {}
    for point in (event.get("selection") or {}).get("points") or []:
        if point.get("location") in region_names:
            st.session_state["wilayah_profil"] = point["location"]
            return


# --- Map and side profile -----------------------------------------------------------------
m = ui.view(peta.map_view, layer_id=layer, metric_key=metric, year=int(st.session_state["tahun_peta"]),
            method=st.session_state["kelas"], k=int(st.session_state["jumlah_kelas"]))

left, right = st.columns([3, 2], gap="medium")
with left:
    st.subheader(m["title"])
    ui.illustrative_badge(m["illustrative"])
    ui.chart(peta.highlight(m["fig"], layer, selected), key="peta_map", on_select=_on_map_click,
             selection_mode="points")
    st.caption(m["summary"] + " " + m["caption"])

with right:
    st.selectbox("Profil wilayah", list(region_names), key="wilayah_profil", index=None,
                 format_func=region_names.get, placeholder="Klik wilayah di peta atau pilih di sini")
    prof = ui.view(peta.profile, layer_id=layer, region_code=selected) if selected else None
    if prof is None:
        st.info("Klik salah satu wilayah di peta, atau pilih namanya di atas, untuk melihat profilnya: "
                "semua indikator, peringkat, target dan tren.", icon=":material/touch_app:")
    else:
        st.subheader(prof["title"])
        st.caption(prof["parent"])
        if prof["pilot"]:
            st.badge(prof["pilot_label"], color="orange")
        ui.illustrative_badge(prof["illustrative"])
        here = m["at_region"].get(selected, {})
        st.metric(f"Di peta: {m['metric_label']}", here.get("value", ""), border=True,
                  help=here.get("source") or None)
        st.caption(here.get("detail", ""))
        for group in prof["score_groups"]:
            card = group["composite"]
            st.metric(card["label"] + (f" ({card['year']})" if card["year"] else ""), card["value"],
                      card["delta"], help=card["help"], border=True)
            st.caption(card["caption"])
            st.dataframe(group["pillars"], hide_index=True, key=f"peta_pilar_{card['framework']}",
                         column_config={"Pilar": st.column_config.TextColumn(width="medium")})
        hl = prof["highlights"]
        if hl["best"]:
            st.markdown("**Peringkat terbaik**\n" + "".join(f"\n- {x}" for x in hl["best"]))
        if hl["worst"]:
            st.markdown("**Perlu perhatian**\n" + "".join(f"\n- {x}" for x in hl["worst"]))
        if hl["status"]:
            st.caption(hl["status"])
        st.caption("Semua indikator, target, sumber dan tren ada di bawah peta.")

with st.expander("Tabel data peta", icon=":material/table:"):
    st.dataframe(m["table"], hide_index=True, key="peta_tabel")
    ui.downloads(m["download"], f"peta_{layer}_{metric.replace(':', '_')}_{st.session_state['tahun_peta']}",
                 key="peta_unduh")

# --- Full profile -------------------------------------------------------------------------
if prof is not None:
    st.divider()
    st.subheader(f"Profil lengkap: {prof['title']}")
    st.caption(prof["rank_note"])
    ui.illustrative_badge(prof["illustrative"])
    st.dataframe(prof["indicators"], hide_index=True, key="peta_profil_tabel", height="content",
                 column_config={"Indikator": st.column_config.TextColumn(width="large"),
                                "Target": st.column_config.TextColumn(width="medium"),
                                "Sumber": st.column_config.TextColumn(width="large")})
    if prof["no_data"]:
        st.caption("Tidak ada data untuk wilayah ini: " + ", ".join(prof["no_data"]) + ".")
    ui.downloads(prof["download"], f"profil_{prof['code']}", key="peta_profil_unduh")
    if prof["trend_fig"] is not None:
        st.markdown("**Tren**")
        st.caption(prof["trend_note"])
        ui.chart(prof["trend_fig"], key="peta_tren")

ui.push_url(*URL_KEYS)
