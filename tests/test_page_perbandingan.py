"""Perbandingan page through AppTest: every tab and widget, the URL reproduces a view."""

from apptest_util import assert_ok as ok
from apptest_util import open_page
from apptest_util import qp as _qp

PAGE = "pages/perbandingan.py"


def page(**query):
    return open_page(PAGE, **query)


def charts(at):
    return at.get("plotly_chart")


def test_pilot_tab_by_default_and_its_widgets():
    at = page()
    ok(at)
    assert at.title[0].value == "Perbandingan"
    assert at.session_state["pb_tab"] == "Percontohan vs kecamatan lain"
    assert at.selectbox(key="pb_kb_tahun").value == 2025                 # shared filter year
    assert "(2025)" in at.subheader[0].value and len(charts(at)) == 2
    assert _qp(at, "pb_kb_tahun") == "2025" and _qp(at, "pb_kb_ind") == "rppa_pct_kasus_tertangani"
    assert any("ilustrasi" in c.value for c in at.caption)
    assert len(at.get("download_button")) == 2
    at.selectbox(key="pb_kb_tahun").set_value(2023).run()
    ok(at)
    assert "(2023)" in at.subheader[0].value and _qp(at, "pb_kb_tahun") == "2023"
    at.selectbox(key="pb_kb_ind").set_value("sport_pct_warga_aktif").run()
    ok(at)
    assert _qp(at, "pb_kb_ind") == "sport_pct_warga_aktif"
    assert any("Warga aktif berolahraga" in m.value for m in at.markdown)


def test_ranking_tab_widgets_and_url():
    at = page(pb_tab="Peringkat Jawa Barat")
    ok(at)
    assert at.selectbox(key="pb_jb_metrik").value == "komposit"
    assert at.selectbox(key="pb_jb_tahun").value == 2024              # latest WJDE year
    at.selectbox(key="pb_jb_metrik").set_value("ind:kemiskinan_pct").run()
    ok(at)
    assert at.selectbox(key="pb_jb_tahun").options == ["2024", "2023", "2022", "2021", "2020"]
    at.selectbox(key="pb_jb_tahun").set_value(2021).run()
    ok(at)
    assert at.subheader[0].value.endswith("Persentase penduduk miskin (P0) 2021")
    assert _qp(at, "pb_tab") == "Peringkat Jawa Barat" and _qp(at, "pb_jb_tahun") == "2021"
    table = at.dataframe[0].value
    assert table.iloc[0]["Kabupaten/kota"] == "Kota Depok" and len(table) == 27
    # a metric without data in the chosen year falls back to one of its own years
    at.selectbox(key="pb_jb_metrik").set_value("ind:stunting_pct_ssgi").run()
    ok(at)
    assert at.selectbox(key="pb_jb_tahun").value in (2021, 2022)


def test_benchmark_tab_from_url():
    at = page(pb_tab="Wonosobo vs Jawa Barat", pb_bm_ind="kemiskinan_pct", pb_bm_tahun="2023")
    ok(at)
    head = at.info[0].value
    assert "Kabupaten Wonosobo 2023: 15,58%" in head and "setara peringkat 28 dari 28" in head
    at.selectbox(key="pb_bm_ind").set_value("stunting_pct_ssgi").run()
    ok(at)
    assert at.selectbox(key="pb_bm_tahun").options == ["2022", "2021"]
    at.selectbox(key="pb_bm_tahun").set_value(2021).run()
    ok(at)
    assert "setara peringkat 7 dari 10" in at.info[0].value
    assert _qp(at, "pb_bm_ind") == "stunting_pct_ssgi" and _qp(at, "pb_bm_tahun") == "2021"


def test_side_by_side_tab_widgets():
    at = page(pb_tab="Wilayah berdampingan", fw="wjde", tahun="2023", wilayah="32.04")
    ok(at)
    assert at.multiselect(key="pb_sb_wil").value == ["32.04", "33", "33.07"]     # shared filter + Wonosobo
    assert at.multiselect(key="pb_sb_ind").value == ["ipm_uhh_sp2010", "kemiskinan_pct"]
    assert at.selectbox(key="pb_sb_tahun").value == 2023
    at.multiselect(key="pb_sb_wil").set_value(["33.07", "32.73", "33.07.02"]).run()
    at.multiselect(key="pb_sb_ind").set_value(["ipm_uhh_sp2010", "stunting_pct_ssgi"]).run()
    at.selectbox(key="pb_sb_tahun").set_value(2022).run()
    ok(at)
    t = at.dataframe[0].value.set_index("Wilayah")
    assert t.loc["Kabupaten Wonosobo (Jawa Tengah)", "Prevalensi balita stunting (SSGI) (persen balita)"] == "22,7%"
    assert t.loc["Kec. Kepil (Kab. Wonosobo) ★", "IPM (seri UHH SP2010) (indeks)"] == "tidak ada data"
    assert _qp(at, "pb_sb_wil") == "33.07,32.73,33.07.02" and _qp(at, "pb_sb_tahun") == "2022"
    at.multiselect(key="pb_sb_ind").set_value([]).run()
    ok(at)
    assert at.info and "Pilih paling sedikit" in at.info[0].value


def test_url_reproduces_view_and_bad_values_fall_back():
    q = dict(pb_tab="Peringkat Jawa Barat", pb_jb_metrik="pilar:ekonomi", pb_jb_tahun="2022")
    a, b = page(**q), page(**q)
    ok(a)
    assert a.subheader[0].value == b.subheader[0].value == "27 kabupaten/kota Jawa Barat: Pilar Ekonomi lokal 2022"
    assert a.dataframe[0].value.equals(b.dataframe[0].value)
    bad = page(pb_tab="DROP TABLE", pb_kb_tahun="abc", pb_kb_ind="'; --")
    ok(bad)
    assert bad.session_state["pb_tab"] == "Percontohan vs kecamatan lain"
    assert bad.selectbox(key="pb_kb_tahun").value == 2025
