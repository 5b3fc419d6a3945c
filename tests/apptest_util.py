"""Shared helpers for the AppTest page tests."""
from __future__ import annotations

from conftest import ROOT
from streamlit.testing.v1 import AppTest


def open_page(page: str | None = None, **query) -> AppTest:
    """Run app.py (the frame) on ``page`` (e.g. "pages/peta.py") with URL query params."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    if page:
        at.switch_page(page)
    return at.run()


def qp(at: AppTest, key: str):
    """A URL query param as one string (AppTest may hold a list)."""
    v = at.query_params.get(key)
    return v[0] if isinstance(v, list) else v


def assert_ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
