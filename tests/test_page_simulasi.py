"""Simulasi page driven through AppTest: URL → scenario, sliders, value changes, errors, downloads."""
from apptest_util import open_page
from apptest_util import qp as _qp
from streamlit.testing.v1 import AppTest

from berdaya_core.views import simulasi as sim


def page(**params) -> AppTest:
    at = open_page("pages/simulasi.py", **params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def df(at, column):
    """The first table on the page that has ``column`` (AppTest does not expose dataframe keys)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def table(at):
    return df(at, "Rentang 5–95%")


def summary(at) -> str:
    return next(i.value for i in at.info if i.value.startswith("Skenario"))


def test_default_page_is_the_baseline():
    at = page(fw="wjde", tahun="2024")
    assert at.title[0].value.startswith("Simulasi")
    assert [s.label for s in at.sidebar.selectbox][:2] == ["Program / kerangka", "Tahun"]
    weights = [s for s in at.select_slider if s.key.startswith("sim_w_wjde_")]
    assert len(weights) == 6 and all(s.value == 1.0 for s in weights)
    assert summary(at).startswith("Skenario: sama dengan kerangka asli")
    assert len(at.get("plotly_chart")) == 2
    assert len(at.get("download_button")) == 2
    t = table(at)
    assert len(t) == 27 and set(t["Naik/turun"]) == {"="}
    assert "bobot" not in at.query_params and "ubah" not in at.query_params


def test_url_reproduces_the_scenario():
    at = page(fw="wjde", tahun="2024", bobot="kemiskinan:2", ubah="32.03:kemiskinan_pct:2024:-1",
              sebaran="10")
    assert at.select_slider(key="sim_w_wjde_kemiskinan").value == 2.0
    assert at.select_slider(key="sim_sebaran_wjde").value == 0.1
    assert summary(at) == ("Skenario: bobot pilar Kemiskinan ×2; persentase penduduk miskin (P0) "
                           "Kabupaten Cianjur −1 poin (2024: 10,14 → 9,14).")
    # the page shows what the view computes for the same scenario
    from berdaya_core import Store
    view = sim.simulate(Store(), "wjde", 2024, weights={"kemiskinan": 2.0},
                        overrides=[{"region_code": "32.03", "indicator": "kemiskinan_pct", "year": 2024,
                                    "amount": -1.0, "mode": "delta"}], spread=0.1)
    shown = table(at)
    assert list(shown["Skor skenario"]) == list(view["table"]["Skor skenario"])
    assert list(shown["Rentang 5–95%"]) == list(view["table"]["Rentang 5–95%"])
    assert _qp(at, "bobot") == "kemiskinan:2" and _qp(at, "ubah") == "32.03:kemiskinan_pct:2024:-1"
    assert _qp(at, "sebaran") == "10"


def test_bad_link_parts_are_reported_not_fatal():
    at = page(fw="wjde", tahun="2024", bobot="kemiskinan:9,ipm:2", ubah="rusak")
    assert any("tidak bisa dibaca" in w.value and "kemiskinan:9" in w.value and "rusak" in w.value
               for w in at.warning)
    assert at.select_slider(key="sim_w_wjde_ipm").value == 2.0


def test_sliders_drive_the_scenario_and_the_url():
    at = page(fw="wjde", tahun="2024")
    at.select_slider(key="sim_w_wjde_ipm").set_value(2.0).run()
    assert not at.exception
    assert summary(at) == "Skenario: bobot pilar Pembangunan manusia (IPM) ×2."
    assert _qp(at, "bobot") == "ipm:2"
    assert [m.label for m in at.metric][0] == "Berubah peringkat" and at.metric[0].value.endswith("dari 27")
    at.button(key="sim_reset_wjde").click().run()
    assert at.select_slider(key="sim_w_wjde_ipm").value == 1.0 and "bobot" not in at.query_params


def test_adding_and_removing_value_changes():
    at = page(fw="wjde", tahun="2024")
    at.selectbox(key="sim_add_wil_wjde").set_value("32.03")
    at.selectbox(key="sim_add_ind_wjde").set_value("kemiskinan_pct")
    at.selectbox(key="sim_add_thn_wjde").set_value(2024)
    at.number_input(key="sim_add_nilai_wjde").set_value(-1.0)
    at.run()
    assert any("**10,14** persen" in c.value for c in at.caption)
    at.button(key="sim_add_wjde").click().run()
    assert not at.exception
    assert "Kabupaten Cianjur −1 poin (2024: 10,14 → 9,14)" in summary(at)
    assert _qp(at, "ubah") == "32.03:kemiskinan_pct:2024:-1"
    pe = df(at, "Skor pilar dasar")
    assert list(pe["Selisih"]) == ["+6,67"]
    row = table(at).set_index("Wilayah").loc["Kabupaten Cianjur"]
    assert row["Selisih skor"] == "+1,33"
    # a second change to another region, then remove the first
    at.selectbox(key="sim_add_wil_wjde").set_value("32.01")
    at.radio(key="sim_add_jenis_wjde").set_value("set")
    at.number_input(key="sim_add_nilai_wjde").set_value(5.0)
    at.button(key="sim_add_wjde").click().run()
    assert _qp(at, "ubah") == "32.03:kemiskinan_pct:2024:-1;32.01:kemiskinan_pct:2024:=5"
    at.button(key="sim_del_wjde_0").click().run()
    assert _qp(at, "ubah") == "32.01:kemiskinan_pct:2024:=5"
    assert "Kabupaten Bogor ditetapkan 5" in summary(at)
    at.button(key="sim_clear_wjde").click().run()
    assert "ubah" not in at.query_params and summary(at).startswith("Skenario: sama")


def test_change_without_data_is_refused_with_a_message():
    at = page(fw="wjde", tahun="2024")
    at.selectbox(key="sim_add_wil_wjde").set_value("32.03")
    at.selectbox(key="sim_add_ind_wjde").set_value("stunting_pct_ssgi")
    at.selectbox(key="sim_add_thn_wjde").set_value(2024)
    at.button(key="sim_add_wjde").click().run()
    assert not at.exception
    assert any("Tidak ada data Prevalensi balita stunting (SSGI) Kabupaten Cianjur tahun 2024" in e.value
               for e in at.error)
    assert "ubah" not in at.query_params and summary(at).startswith("Skenario: sama")


def test_all_zero_weights_show_a_message_and_no_results():
    at = page(fw="wjde", tahun="2024")
    for s in [s for s in at.select_slider if s.key.startswith("sim_w_wjde_")]:
        s.set_value(0.0)
    at.run()
    assert not at.exception
    assert any(e.value.startswith("Semua bobot pilar bernilai 0") for e in at.error)
    assert len(at.get("download_button")) == 0 and len(at.get("plotly_chart")) == 0
    assert summary(at) == "Skenario belum bisa dihitung."


def test_link_with_a_change_without_data_computes_nothing():
    at = page(fw="wjde", tahun="2024", ubah="32.03:stunting_pct_ssgi:2024:-1")
    assert any("Tidak ada data" in e.value for e in at.error)
    assert len(at.get("download_button")) == 0
    assert any(m.value.startswith("❌") for m in at.markdown)
    at.button(key="sim_del_wjde_0").click().run()
    assert not at.error and len(at.get("download_button")) == 2


def test_sidebar_region_filter_is_the_scope():
    at = page(fw="wjde", tahun="2024", wilayah="32.01,32.03,32.73")
    assert len(table(at)) == 3
    at.sidebar.multiselect(key="wilayah").set_value(["32.01", "32.03"]).run()
    assert not at.exception and len(table(at)) == 2


def test_kecamatan_berdaya_page_is_labelled_illustrative():
    at = page(fw="kecamatan_berdaya", tahun="2025", bobot="sport_center:0")
    assert not at.exception
    assert len([s for s in at.select_slider if s.key.startswith("sim_w_kecamatan_berdaya_")]) == 4
    assert "bobot pilar Sport Center Kecamatan ×0 (tidak dihitung)" in summary(at)
    assert len(table(at)) == 15
    # st.badge renders as markdown; the page and the results both carry it
    assert sum("badge[:material/science: data ilustrasi]" in m.value for m in at.markdown) == 2
    assert any("data ilustrasi — bukan data resmi" in c.value.lower() for c in at.caption)  # source line


def test_switching_framework_starts_from_its_own_defaults():
    at = page(fw="wjde", tahun="2024", bobot="kemiskinan:2")
    at.sidebar.selectbox(key="fw").set_value("kecamatan_berdaya").run()
    assert not at.exception
    assert summary(at).startswith("Skenario: sama dengan kerangka asli")
    assert "bobot" not in at.query_params and _qp(at, "fw") == "kecamatan_berdaya"
    at.sidebar.selectbox(key="fw").set_value("wjde").run()     # the WJDE scenario is kept
    assert summary(at) == "Skenario: bobot pilar Kemiskinan ×2." and _qp(at, "bobot") == "kemiskinan:2"
