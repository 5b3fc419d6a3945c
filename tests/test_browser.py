"""Real-browser tests: the app in headless Debian Chromium (Playwright), every page opened,
charts and maps really drawn, no request leaves the machine, a map click opens a profile.

Screenshots go to tests/screenshots/ (look at them). Chromium comes from Debian
(/usr/bin/chromium); these tests never download a browser. Without Chromium they are skipped,
unless BERDAYA_REQUIRE_BROWSER=1 (CI), where they fail.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from browser_util import (CHROMIUM_PATH, is_local_url, launch_browser, plotly_choropleth_paths,
                          plotly_paths, run_count, running_app, wait_for_app_idle,
                          wait_for_plotly_paths)
from conftest import ROOT

SHOTS = ROOT / "tests" / "screenshots"

if not Path(CHROMIUM_PATH).exists() or shutil.which(CHROMIUM_PATH) is None:
    if os.environ.get("BERDAYA_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"Chromium tidak ditemukan di {CHROMIUM_PATH} (apt-get install chromium)")
    pytest.skip("Chromium tidak terpasang; tes peramban dilewati", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")

# page url path -> minimum number of drawn plotly trace paths expected on first load
PAGES = {
    "ringkasan": 1,
    "peta": 1,
    "perbandingan": 1,
    "tren": 1,
    "simulasi": 1,
    "metodologi": 0,
    "impor": 0,
}


@pytest.fixture(scope="module")
def app_url(real_store):  # real_store: the database is built before the server starts
    with running_app(ROOT / "app.py", timeout=90) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = launch_browser(pw)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    # A tall viewport: Streamlit scrolls inside its own container, so a screenshot shows
    # only what fits in the viewport.
    ctx = browser.new_context(viewport={"width": 1440, "height": 2200}, locale="id-ID")
    p = ctx.new_page()
    p.requests_seen = []
    p.on("request", lambda r: p.requests_seen.append(r.url))
    yield p
    ctx.close()


def _open(page, url):
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app_idle(page, timeout=90, allow_exceptions=False)


@pytest.mark.parametrize("path, min_paths", PAGES.items())
def test_page_renders_offline(page, app_url, path, min_paths):
    SHOTS.mkdir(parents=True, exist_ok=True)
    _open(page, f"{app_url}/{path}")
    if min_paths:
        wait_for_plotly_paths(page, min_paths, timeout=45)
    wait_for_app_idle(page, timeout=60, allow_exceptions=False)
    page.screenshot(path=str(SHOTS / f"{path}.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert plotly_paths(page) >= min_paths
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "Traceback" not in text and "Error" not in text
    outside = [u for u in page.requests_seen if not is_local_url(u)]
    assert outside == [], f"permintaan ke luar mesin: {outside[:3]}"


def test_url_query_params_reproduce_the_view(page, app_url):
    _open(page, f"{app_url}/ringkasan?fw=wjde&tahun=2023")
    # the WJDE framework is selected (its region filter is for kabupaten/kota) ...
    page.locator('[data-testid="stSidebar"]').get_by_text("Saring kabupaten/kota").wait_for(timeout=20000)
    # ... and the year 2023 (the movers compare 2023 with 2022)
    page.locator('[data-testid="stMain"]').get_by_text("2023 vs 2022").first.wait_for(timeout=20000)
    assert "fw=wjde" in page.url and "tahun=2023" in page.url


def test_click_on_map_opens_region_profile(page, app_url):
    _open(page, f"{app_url}/peta?fw=kecamatan_berdaya")
    wait_for_plotly_paths(page, 15, timeout=45)
    assert plotly_choropleth_paths(page) >= 15
    # A point inside Kepil (33.07.02): the polygon path's own fill decides, not its bounding box.
    point = page.evaluate("""() => {
        const paths = [...document.querySelectorAll(
            '.js-plotly-plot .choroplethlayer path.choroplethlocation')];
        for (const p of paths) {
          if (!p.__data__ || p.__data__.loc !== '33.07.02') continue;
          const box = p.getBBox(); const ctm = p.getScreenCTM();
          for (let i = 1; i < 10; i++) for (let j = 1; j < 10; j++) {
            const pt = p.ownerSVGElement.createSVGPoint();
            pt.x = box.x + box.width * i / 10; pt.y = box.y + box.height * j / 10;
            if (p.isPointInFill(pt)) { const s = pt.matrixTransform(ctm); return [s.x, s.y]; }
          }
        }
        return null; }""")
    assert point, "poligon Kepil tidak ditemukan di peta"
    n = run_count(page)
    page.mouse.click(point[0], point[1])
    wait_for_app_idle(page, timeout=60, after_run_count=n, allow_exceptions=False)
    page.locator("h3", has_text="Kecamatan Kepil").first.wait_for(timeout=20000)
    assert "wilayah_profil=33.07.02" in page.url
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "ilustrasi" in main
    page.screenshot(path=str(SHOTS / "peta_profil.png"), full_page=True)
