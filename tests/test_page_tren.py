"""Tren page through AppTest: both tabs, every widget, the URL reproduces a view."""

from apptest_util import assert_ok as ok
from apptest_util import open_page
from apptest_util import qp as _qp

PAGE = "pages/tren.py"
PILOTS = ["33.07.02", "33.07.07", "33.07.09", "33.07.12"]


def page(**query):
    return open_page(PAGE, **query)


def test_series_tab_defaults_follow_shared_filters():
    at = page()
    ok(at)
    assert at.title[0].value == "Tren"
    assert at.multiselect(key="tr_metrik").value == ["komposit:kecamatan_berdaya"]
    assert at.multiselect(key="tr_wil").value == PILOTS
    assert len(at.get("plotly_chart")) == 1 and len(at.get("download_button")) == 2
    assert _qp(at, "tr_wil") == ",".join(PILOTS)
    w = page(fw="wjde", tahun="2024", wilayah="32.01,32.73")
    ok(w)
    assert w.multiselect(key="tr_wil").value == ["32.01", "32.73"]
    assert w.multiselect(key="tr_metrik").value == ["ind:kemiskinan_pct", "ind:ipm_uhh_lfsp2020"]


def test_series_tab_widgets():
    at = page()
    at.multiselect(key="tr_metrik").set_value(["ind:kemiskinan_pct", "ind:stunting_pct_ssgi"]).run()
    at.multiselect(key="tr_wil").set_value(["33.07", "32"]).run()
    at.selectbox(key="tr_dari").set_value(2020).run()
    at.selectbox(key="tr_sampai").set_value(2024).run()
    ok(at)
    t = at.dataframe[0].value
    row = t[(t["Wilayah"] == "Kabupaten Wonosobo (Jawa Tengah)")
            & (t["Indikator / skor"] == "Persentase penduduk miskin (P0)")].iloc[0]
    assert row["Perubahan"] == "−2,08 poin" and row["CAGR (% per tahun)"] == "−3,1%"
    gap = t[(t["Wilayah"] == "Kabupaten Wonosobo (Jawa Tengah)")
            & (t["Indikator / skor"] == "Prevalensi balita stunting (SSGI)")].iloc[0]
    assert gap["Tahun tanpa data"] == "2023"
    assert _qp(at, "tr_metrik") == "ind:kemiskinan_pct,ind:stunting_pct_ssgi"
    assert _qp(at, "tr_dari") == "2020" and _qp(at, "tr_sampai") == "2024"
    at.multiselect(key="tr_wil").set_value([]).run()
    ok(at)
    assert "Pilih paling sedikit" in at.info[0].value


def test_pilot_tab_from_url_and_its_widget():
    at = page(tr_tab="Empat kecamatan percontohan", tr_pilot="pilar:sport_center")
    ok(at)
    assert at.selectbox(key="tr_pilot").value == "pilar:sport_center"
    t = at.dataframe[0].value
    assert list(t["Kecamatan"]) == ["Kepil ★", "Kalikajar ★", "Wonosobo ★", "Garung ★",
                                    "Rata-rata 11 kecamatan lain"]
    at.selectbox(key="tr_pilot").set_value("ind:sport_pct_warga_aktif").run()
    ok(at)
    assert _qp(at, "tr_pilot") == "ind:sport_pct_warga_aktif" and _qp(at, "tr_tab") == "Empat kecamatan percontohan"
    assert at.dataframe[0].value.iloc[0]["2025"] == "18,7%"           # Kepil, CSV value 18.7
    assert any("ilustrasi" in c.value for c in at.caption)


def test_url_reproduces_view_and_bad_values_fall_back():
    q = dict(tr_metrik="ind:ipm_uhh_sp2010,ind:ipm_uhh_lfsp2020", tr_wil="32,32.73", tr_dari="2019")
    a, b = page(**q), page(**q)
    ok(a)
    assert a.multiselect(key="tr_metrik").value == ["ind:ipm_uhh_sp2010", "ind:ipm_uhh_lfsp2020"]
    assert a.selectbox(key="tr_dari").value == 2019
    assert a.dataframe[0].value.equals(b.dataframe[0].value)
    assert any("tidak pernah disambung" in c.value for c in a.caption)
    bad = page(tr_metrik="ind:tidak_ada", tr_wil="99.99", tr_dari="x", tr_tab="?")
    ok(bad)
    assert bad.session_state["tr_tab"] == "Deret waktu"
    # nothing valid in the URL: the defaults are used
    assert bad.multiselect(key="tr_metrik").value == ["komposit:kecamatan_berdaya"]
    assert bad.selectbox(key="tr_dari").value != "x"
