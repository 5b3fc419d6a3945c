import streamlit as st

import ui_common as ui
from berdaya_core.views import ringkasan

f = ui.filters()
st.title("Ringkasan")
data = ui.view(ringkasan.summary, fw=f.fw, year=f.year, regions=list(f.regions))

st.subheader(f"Kecamatan Berdaya — 4 kecamatan percontohan di Kabupaten Wonosobo ({data['pilot_year']})")
ui.illustrative_badge(True)
cols = st.columns(len(data["pilot_cards"]))
for col, card in zip(cols, data["pilot_cards"]):
    col.metric(card["label"], card["value"], card["delta"], delta_color=card["delta_color"],
               help=card["help"], border=True)
    col.caption(f"Kecamatan lain: {card['others']}")
ui.chart(data["pilot_figure"], key="ringkasan_pilot_chart")

st.subheader("West Java District Empowerment — indikator strategis Jawa Barat")
cols = st.columns(len(data["jabar_cards"]))
for col, card in zip(cols, data["jabar_cards"]):
    col.metric(card["label"], card["value"], card["delta"], delta_color=card["delta_color"],
               help=card["help"], border=True)
    col.caption(f"Terbaik: {card['best']}  \nTerendah: {card['worst']}")

left, right = st.columns(2)
with left:
    st.subheader("Perubahan peringkat terbesar")
    st.caption(data["movers_title"])
    ui.illustrative_badge(data["movers_illustrative"])
    if data["movers"].empty:
        st.info("Belum ada perubahan peringkat untuk tahun ini (tidak ada data tahun sebelumnya).")
    else:
        st.dataframe(data["movers"], hide_index=True, key="ringkasan_movers")
with right:
    st.subheader("Kesegaran data")
    st.caption(data["illustrative_note"])
    st.dataframe(data["freshness"], hide_index=True, key="ringkasan_freshness")
