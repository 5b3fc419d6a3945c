"""Impor data page: a bad upload is refused with an Indonesian message and nothing is written."""
from conftest import ROOT
from streamlit.testing.v1 import AppTest


def test_page_shows_template_and_refuses_missing_file():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/impor.py")
    at.run()
    assert not at.exception
    assert at.text_input(key="impor_batch") is not None
    at.text_input(key="impor_batch").set_value("uji_halaman")
    at.button[0].click().run()   # the form's submit button, no file chosen
    assert not at.exception
    assert any("Pilih berkas" in e.value for e in at.error)
    assert not (ROOT / "data" / "impor" / "uji_halaman.csv").exists()
