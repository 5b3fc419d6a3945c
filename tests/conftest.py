"""Shared fixtures: a tiny in-memory store with hand-checkable numbers, and the real store."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from berdaya_core import Store  # noqa: E402


@pytest.fixture(scope="session")
def real_store() -> Store:
    """The store built from the bundled data/ (built once if missing or stale)."""
    return Store()


def tiny_frames():
    """Province 99 with four kabupaten A–D and indicators x (naik), y (turun), n (netral).

    2024: x = A 10, B 20, C 30, D missing      y = A 5, B 1, C 3, D 4
    2023: x = A 8,  B 14, C 30, D missing      y = A 6, B 2, C 3, D missing
    """
    regions = pd.DataFrame({
        "kode": ["99", "99.01", "99.02", "99.03", "99.04"],
        "nama": ["Provinsi Uji", "Kabupaten A", "Kabupaten B", "Kabupaten C", "Kabupaten D"],
        "tingkat": ["provinsi", "kabupaten", "kabupaten", "kabupaten", "kabupaten"],
        "kode_prov": ["99"] * 5,
        "kode_kab": [None, "99.01", "99.02", "99.03", "99.04"],
    })
    indicators = pd.DataFrame({
        "id": ["x", "y", "n"], "nama": ["Indikator x", "Indikator y", "Indikator n"],
        "polaritas": ["naik", "turun", "netral"], "satuan": ["persen", "persen", "jiwa"],
    })
    rows = [
        ("99.01", "x", 2024, 10), ("99.02", "x", 2024, 20), ("99.03", "x", 2024, 30),
        ("99.01", "y", 2024, 5), ("99.02", "y", 2024, 1), ("99.03", "y", 2024, 3), ("99.04", "y", 2024, 4),
        ("99.01", "x", 2023, 8), ("99.02", "x", 2023, 14), ("99.03", "x", 2023, 30),
        ("99.01", "y", 2023, 6), ("99.02", "y", 2023, 2), ("99.03", "y", 2023, 3),
        ("99.01", "n", 2024, 1000), ("99.02", "n", 2024, 2000),
    ]
    obs = pd.DataFrame(rows, columns=["region_code", "indicator", "year", "value"])
    obs["value"] = obs["value"].astype(float)
    return regions, indicators, obs


@pytest.fixture
def tiny_store() -> Store:
    return Store.in_memory(*tiny_frames())


def tiny_spec(method="minmax", pillar_agg="arithmetic", comp_agg="arithmetic", min_cov=0.0,
              comp_cov=0.0, x_extra=None, y_extra=None, weights=(1.0, 1.0)) -> dict:
    """One pillar p holding x and y; scope: the kabupaten of province 99."""
    return {
        "id": "uji", "nama": "Kerangka uji",
        "scope": {"provinsi": "99", "levels": ["kabupaten"]},
        "pillars": [{"id": "p", "nama": "Pilar P"}],
        "indicators": [
            {"id": "x", "pillar": "p", "weight": weights[0], **(x_extra or {})},
            {"id": "y", "pillar": "p", "weight": weights[1], **(y_extra or {})},
        ],
        "steps": [
            {"verb": "normalise", "method": method},
            {"verb": "aggregate", "to": "pillar", "method": pillar_agg, "min_coverage": min_cov},
            {"verb": "aggregate", "to": "composite", "method": comp_agg, "min_coverage": comp_cov},
        ],
    }



@pytest.fixture(autouse=True)
def _apptest_reruns_the_navigation_frame(monkeypatch):
    """Make AppTest rerun app.py (the st.navigation frame) like the real server does.

    AppTest resets ``PagesManager.uses_pages_directory`` before every run. With a ``pages/``
    folder next to app.py the flag becomes True, and every rerun after the first executes the
    page file alone (multipage v1), so the frame's sidebar filters vanish. The real server
    sets the flag once per process and ``st.navigation`` (or ui_common.filters) turns it off
    for good; emulate that.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import app_test

    class _FramePagesManager(PagesManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False

    monkeypatch.setattr(app_test, "PagesManager", _FramePagesManager)
