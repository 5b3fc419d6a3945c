"""Streamlit glue shared by app.py and the pages: the one place with caching code,
the shared filters (mirrored in the URL query params) and small render helpers."""
from __future__ import annotations

import hashlib
import importlib
import json
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from berdaya_core import frameworks, paths
from berdaya_core.export import to_xlsx_bytes
from berdaya_core.store import Store
from berdaya_core.views import common as vc


# --- Caching -----------------------------------------------------------------------------
@st.cache_resource(show_spinner="Menyiapkan basis data…")
def get_store() -> Store:
    return Store()


@st.cache_data(show_spinner=False, ttl=5)
def _frameworks_digest() -> str:
    h = hashlib.sha256()
    for p in sorted(paths.FRAMEWORK_DIR.glob("*.toml")):
        h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()[:12]


def data_key() -> str:
    """Cache key part that changes when the data or any framework file changes."""
    return get_store().version + ":" + _frameworks_digest()


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_view(fn_path: str, key: str, params_json: str):
    module, name = fn_path.rsplit(".", 1)
    fn = getattr(importlib.import_module(module), name)
    return fn(get_store(), **json.loads(params_json))


def view(fn, **params):
    """Call a core view ``fn(store, **params)`` through the cache (keyed on data + spec)."""
    return _cached_view(fn.__module__ + "." + fn.__qualname__, data_key(),
                        json.dumps(params, sort_keys=True, ensure_ascii=False))


def import_template() -> bytes:
    from berdaya_core import importer
    return importer.template_csv(get_store())


def run_import(name: str, content: bytes, batch: str) -> dict:
    """Import an upload; on success drop every cache so the rebuilt store is used."""
    from berdaya_core import importer
    report = importer.run_upload(get_store(), name, content, batch)
    if report["ok"]:
        get_store.clear()
        st.cache_data.clear()
        get_store()  # rebuild now (data version changed), not on the next click
    return report


# --- Shared filters -----------------------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    fw: str
    year: int
    regions: tuple[str, ...]     # empty: all regions of the framework's scope


@st.cache_data(show_spinner=False)
def _framework_choices(spec_key: str) -> dict[str, str]:
    """Framework id -> label (parses the TOML files; cached until a framework file changes)."""
    return {fid: vc.framework_label(fid) for fid in frameworks.available()}


def url_default(key: str, options: list, default, *, multi: bool = False, cast=str):
    """Initialise ``st.session_state[key]`` from the URL (once per session) and keep it valid."""
    if key not in st.session_state:
        raw = st.query_params.get_all(key) if multi else st.query_params.get(key)
        if multi:
            vals = []
            for part in raw:
                for v in part.split(","):
                    try:
                        vals.append(cast(v))
                    except (TypeError, ValueError):
                        continue
            valid = [v for v in vals if v in options]
            st.session_state[key] = valid if valid else [v for v in default if v in options]
        else:
            try:
                val = cast(raw) if raw is not None else default
            except (TypeError, ValueError):
                val = default
            st.session_state[key] = val if val in options else default
    elif multi:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    elif st.session_state[key] not in options:
        st.session_state[key] = default


def push_url(*keys: str) -> None:
    """Mirror widget values in the URL so a link reproduces the view."""
    for key in keys:
        val = st.session_state.get(key)
        if isinstance(val, (list, tuple)):
            val = ",".join(map(str, val))
        if val in (None, ""):
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != str(val):
            st.query_params[key] = str(val)


def sidebar_filters() -> Filters:
    """Programme/framework, year and region filters shared by all pages (frame sidebar)."""
    from berdaya_core.views import ringkasan  # noqa: PLC0415 (keeps app start light)

    choices = _framework_choices(_frameworks_digest())
    fids = list(choices)
    url_default("fw", fids, "kecamatan_berdaya" if "kecamatan_berdaya" in fids else fids[0])
    with st.sidebar:
        st.selectbox("Program / kerangka", fids, key="fw", format_func=choices.get)
        meta = view(ringkasan.filter_options, fw=st.session_state["fw"])
        url_default("tahun", meta["years"], meta["years"][-1], cast=int)
        st.selectbox("Tahun", meta["years"][::-1], key="tahun")
        codes = [c for c, _ in meta["regions"]]
        names = dict(meta["regions"])
        url_default("wilayah", codes, [], multi=True)
        st.multiselect(meta["region_label"], codes, key="wilayah", format_func=names.get,
                       placeholder="Semua wilayah")
        if meta["illustrative"]:
            st.warning("Nilai pilar kerangka ini adalah **data ilustrasi**, bukan data resmi.",
                       icon=":material/info:")
        st.caption("Berdaya · data " + get_store().version[:8])
    push_url("fw", "tahun", "wilayah")
    return Filters(st.session_state["fw"], int(st.session_state["tahun"]),
                   tuple(st.session_state["wilayah"]))


def filters() -> Filters:
    """The shared filters, for pages. Call first thing on every page."""
    if "fw" not in st.session_state:
        # The page ran without app.py's frame. Streamlit does this on the first run of a fresh
        # server process when a `pages/` folder sits next to app.py and the link goes straight
        # to a page (it takes the multipage-v1 path until st.navigation has run once). Turn
        # that path off, as st.navigation would, and rerun through the frame: the page keeps
        # its URL, because page hashes come from the url_path, which equals the file name.
        PagesManager.uses_pages_directory = False
        st.rerun()
    return Filters(st.session_state["fw"], int(st.session_state["tahun"]),
                   tuple(st.session_state.get("wilayah", [])))


# --- Rendering ----------------------------------------------------------------------------
def chart(fig, key: str, **kwargs):
    """st.plotly_chart with the offline config (local topojson, Indonesian locale)."""
    return st.plotly_chart(fig, key=key, config=vc.PLOTLY_CONFIG, width="stretch", **kwargs)


def notes(items: list[str]) -> None:
    for n in items:
        st.caption("Catatan: " + n)


def illustrative_badge(show: bool) -> None:
    if show:
        st.badge(vc.ILUSTRASI, icon=":material/science:", color="orange")


def downloads(df, name: str, key: str) -> None:
    """CSV and XLSX download buttons for a table shown on screen."""
    c1, c2 = st.columns(2)
    c1.download_button("Unduh CSV", df.to_csv(index=False).encode("utf-8"), file_name=name + ".csv",
                       mime="text/csv", key=key + "_csv", icon=":material/download:")
    c2.download_button("Unduh XLSX", lambda: to_xlsx_bytes(df, sheet=name[:31]), file_name=name + ".xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=key + "_xlsx", icon=":material/download:")
