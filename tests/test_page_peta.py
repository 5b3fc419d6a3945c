"""Peta page through Streamlit's AppTest: widgets, URL round trip, profile."""
from apptest_util import open_page
from streamlit.testing.v1 import AppTest


def open_peta(**params) -> AppTest:
    at = open_page("pages/peta.py", **params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def widget(at, kind, key):
    return getattr(at, kind)(key=key)


def texts(at) -> str:
    return "\n".join([c.value for c in at.caption] + [m.value for m in at.markdown]
                     + [s.value for s in at.subheader])


def test_default_view_follows_shared_framework():
    at = open_peta()
    assert at.selectbox(key="fw").value == "kecamatan_berdaya"
    assert at.selectbox(key="lapisan").value == "wonosobo_kecamatan"
    assert at.selectbox(key="metrik").value == "komposit:kecamatan_berdaya"
    assert at.selectbox(key="tahun_peta").value == at.selectbox(key="tahun").value == 2025
    assert at.radio(key="kelas").value == "quantile"
    assert list(at.radio(key="kelas").options) == ["Kuantil", "Interval sama"]
    assert at.select_slider(key="jumlah_kelas").value == 5
    assert at.selectbox(key="wilayah_profil").value is None
    assert "Kelas berdasarkan target tidak tersedia" in texts(at)
    assert "15 dari 15 wilayah punya data" in texts(at)
    assert at.query_params["lapisan"] == "wonosobo_kecamatan"


def test_url_reproduces_view():
    at = open_peta(lapisan="jabar_kabkota", metrik="ind:kemiskinan_pct", tahun_peta="2023",
                   kelas="target", wilayah_profil="32.01")
    assert at.selectbox(key="lapisan").value == "jabar_kabkota"
    assert at.selectbox(key="metrik").value == "ind:kemiskinan_pct"
    assert at.selectbox(key="tahun_peta").value == 2023
    assert at.radio(key="kelas").value == "target"
    assert at.select_slider(key="jumlah_kelas").disabled
    assert at.selectbox(key="wilayah_profil").value == "32.01"
    subheaders = [s.value for s in at.subheader]
    assert "Persentase penduduk miskin (P0), 2023" in subheaders
    assert "Kabupaten Bogor" in subheaders and "Profil lengkap: Kabupaten Bogor" in subheaders
    assert at.query_params["tahun_peta"] == "2023" and at.query_params["wilayah_profil"] == "32.01"


def test_invalid_url_values_fall_back_to_defaults():
    at = open_peta(lapisan="tidak_ada", metrik="ind:tidak_ada", tahun_peta="1999", jumlah_kelas="99")
    assert at.selectbox(key="lapisan").value == "wonosobo_kecamatan"
    assert at.selectbox(key="metrik").value == "komposit:kecamatan_berdaya"
    assert at.selectbox(key="tahun_peta").value == 2025
    assert at.select_slider(key="jumlah_kelas").value == 5


def test_drive_level_metric_year_classes_and_profile():
    at = open_peta()
    at.selectbox(key="lapisan").set_value("jabar_kabkota").run()
    assert not at.exception
    assert at.selectbox(key="metrik").value == "komposit:wjde"
    at.selectbox(key="metrik").set_value("ind:stunting_pct_ssgi").run()
    assert not at.exception
    assert at.selectbox(key="tahun_peta").value == 2022          # shared 2025 not available: latest
    assert list(at.selectbox(key="tahun_peta").options) == ["2022", "2021"]
    at.selectbox(key="tahun_peta").set_value(2021).run()
    assert "9 dari 27 wilayah punya data; 18 wilayah tanpa data" in texts(at)
    at.radio(key="kelas").set_value("equal").run()
    at.select_slider(key="jumlah_kelas").set_value(4).run()
    assert not at.exception
    assert "interval sama, 4 kelas" in texts(at)
    at.selectbox(key="wilayah_profil").set_value("32.73").run()
    assert not at.exception
    subheaders = [s.value for s in at.subheader]
    assert "Kota Bandung" in subheaders and "Profil lengkap: Kota Bandung" in subheaders
    labels = [m.label for m in at.metric]
    assert "Di peta: Prevalensi balita stunting (SSGI)" in labels
    assert any(lab.startswith("Indeks strategis WJDE") for lab in labels)
    assert at.query_params["wilayah_profil"] == "32.73" and at.query_params["kelas"] == "equal"
    # Changing the level drops a profile that is not on the new level.
    at.selectbox(key="lapisan").set_value("jabar_kecamatan").run()
    assert not at.exception
    assert at.selectbox(key="wilayah_profil").value is None
    assert "wilayah_profil" not in at.query_params


def test_wonosobo_profile_shows_pilot_and_illustrative_badges():
    at = open_peta(wilayah_profil="33.07.02")
    md = "\n".join(m.value for m in at.markdown)
    assert "Kecamatan percontohan" in md and "data ilustrasi" in md
    assert "Kecamatan Kepil" in [s.value for s in at.subheader]
    assert len(at.dataframe) >= 3     # map table, pillar table, full profile table


def test_changing_shared_framework_resets_the_map():
    at = open_peta(lapisan="jabar_kecamatan")
    assert at.selectbox(key="lapisan").value == "jabar_kecamatan"
    at.selectbox(key="fw").set_value("wjde").run()
    assert not at.exception
    assert at.selectbox(key="lapisan").value == "jabar_kabkota"
    assert at.selectbox(key="metrik").value == "komposit:wjde"
