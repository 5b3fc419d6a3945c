"""Data & Metodologi page driven through AppTest: tabs, catalogue search, spec, downloads."""
import pandas as pd
from apptest_util import open_page
from conftest import ROOT
from streamlit.testing.v1 import AppTest


def page(**params) -> AppTest:
    at = open_page("pages/metodologi.py", **params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def df(at, *columns):
    """The first table on the page with all ``columns`` (AppTest does not expose dataframe keys)."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


N_INDICATORS = len(pd.read_csv(ROOT / "data/indicators.csv"))


def test_page_renders_every_section_with_downloads():
    at = page(fw="wjde", tahun="2024")
    assert at.title[0].value == "Data & Metodologi"
    assert [t.label for t in at.tabs] == ["Katalog indikator", "Metode", "Kerangka & langkah hitung",
                                          "Sumber & lisensi", "Skor & data"]
    assert len(df(at, "Tahun tersedia")) == N_INDICATORS
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Unduh CSV", "Unduh XLSX"] * 3          # catalogue, scores, observations
    assert len(df(at, "Indeks strategis WJDE")) == 27
    tables = [t.value for t in at.table]
    assert any("Batas bawah–atas" in t.columns and len(t) == 8 for t in tables)
    assert any("Jenis target" in t.columns and len(t) == 4 for t in tables)
    assert any(m.value.startswith("#### Status target") for m in at.markdown)
    assert any("Sumber: BPS" in m.value for m in at.markdown)
    assert any("Versi data" in m.value for m in at.markdown)
    assert any(c.value.startswith("Sumber: BPS") for c in at.caption)


def test_search_and_framework_toggle_filter_the_catalogue():
    at = page(fw="wjde", tahun="2024")
    at.text_input(key="met_cari").input("stunting").run()
    assert not at.exception
    cat = df(at, "Tahun tersedia")
    assert 0 < len(cat) < N_INDICATORS and cat["ID"].str.contains("stunting").all()
    assert set(df(at, "Jenis data")["Jenis data"]) >= {"resmi", "belum terverifikasi"}
    at.text_input(key="met_cari").input("").run()
    at.toggle(key="met_kerangka").set_value(True).run()
    assert len(df(at, "Tahun tersedia")) == 17                 # 8 WJDE indicators + 9 context
    at.text_input(key="met_cari").input("tidakadaindikatorini").run()
    assert any("Tidak ada indikator yang cocok" in i.value for i in at.info)


def test_sidebar_drives_the_framework_sections():
    at = page(fw="wjde", tahun="2024")
    at.sidebar.selectbox(key="fw").set_value("kecamatan_berdaya").run()
    assert not at.exception
    assert any(s.value.startswith("Kecamatan Berdaya") for s in at.subheader)
    assert len(df(at, "Indeks Kecamatan Berdaya")) == 15
    spec = next(t.value for t in at.table if "Batas bawah–atas" in t.value.columns)
    assert set(spec["Data ilustrasi"]) == {"data ilustrasi"}
    at.sidebar.multiselect(key="wilayah").set_value(["33.07.02", "33.07.09"]).run()
    assert len(df(at, "Indeks Kecamatan Berdaya")) == 2
    assert set(df(at, "Kode", "Nilai")["Kode"]) == {"33.07.02", "33.07.09"}
