"""Berdaya — dasbor pemberdayaan kecamatan (frame: navigation and shared filters)."""
import streamlit as st

import ui_common as ui

st.set_page_config(page_title="Berdaya", page_icon="static/berdaya.png", layout="wide")

PAGES = [
    st.Page("pages/ringkasan.py", title="Ringkasan", icon=":material/dashboard:", url_path="ringkasan",
            default=True),
    st.Page("pages/peta.py", title="Peta", icon=":material/map:", url_path="peta"),
    st.Page("pages/perbandingan.py", title="Perbandingan", icon=":material/compare_arrows:",
            url_path="perbandingan"),
    st.Page("pages/tren.py", title="Tren", icon=":material/show_chart:", url_path="tren"),
    st.Page("pages/simulasi.py", title="Simulasi", icon=":material/tune:", url_path="simulasi"),
    st.Page("pages/metodologi.py", title="Data & Metodologi", icon=":material/menu_book:",
            url_path="metodologi"),
    st.Page("pages/impor.py", title="Impor data", icon=":material/upload_file:", url_path="impor"),
]

nav = st.navigation(PAGES)
ui.sidebar_filters()
nav.run()
