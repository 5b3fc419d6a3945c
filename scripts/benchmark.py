"""Server time per interaction on every page, with the bundled data (Streamlit AppTest).

For each page: one cold run (empty caches), then each widget listed below (shared sidebar
filters and the page's own) is set to another value; each change is one rerun, timed twice
(first time = cache miss for that choice, second time = the same choice again, warm).
Results go to stdout and to scripts/benchmark_results.md.

    python scripts/benchmark.py
"""
from __future__ import annotations

import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from streamlit.runtime.pages_manager import PagesManager  # noqa: E402
from streamlit.testing.v1 import AppTest, app_test  # noqa: E402

from berdaya_core import Scenario, Store, compute, load_framework  # noqa: E402
from berdaya_core.engine import _compute_memo  # noqa: E402
from berdaya_core.analysis import sensitivity  # noqa: E402

PAGES = ["ringkasan", "peta", "perbandingan", "tren", "simulasi", "metodologi", "impor"]
# (widget key, another value): the shared sidebar filters, then each page's own widgets.
SHARED = [("tahun", 2024), ("wilayah", ["33.07.02", "33.07.07"]), ("fw", "wjde")]
INTERACTIONS: dict[str, list[tuple[str, object]]] = {
    "perbandingan": [("pb_tab", "Peringkat Jawa Barat"), ("pb_kb_tahun", 2024),
                     ("pb_tab", "Wonosobo vs Jawa Barat")],
    "tren": [("tr_dari", 2022), ("tr_tab", "Empat kecamatan percontohan")],
    "peta": [("lapisan", "jabar_kabkota"), ("tahun_peta", 2024), ("kelas", "equal"),
             ("wilayah_profil", "33.07.02")],
    "simulasi": [("sim_w_kecamatan_berdaya_rppa", 2.0), ("sim_w_kecamatan_berdaya_sport_center", 0.5)],
    "metodologi": [("met_cari", "kemiskinan"), ("met_kerangka", True)],
}


class _FramePagesManager(PagesManager):  # same fix as tests/conftest.py: rerun the frame
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        PagesManager.uses_pages_directory = False


app_test.PagesManager = _FramePagesManager


def _timed_run(at) -> float:
    t = time.perf_counter()
    at.run()
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return (time.perf_counter() - t) * 1000


def bench_page(page: str) -> dict:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page(f"pages/{page}.py")
    cold = _timed_run(at)
    miss, warm = [], []
    for key, value in SHARED + INTERACTIONS.get(page, []):
        if key not in at.session_state:
            continue
        original = at.session_state[key]
        for timings in (miss, warm):
            at.session_state[key] = value
            timings.append(_timed_run(at))
            at.session_state[key] = original
            _timed_run(at)
    return {"page": page, "cold": cold, "widgets": len(miss),
            "miss": statistics.median(miss) if miss else None,
            "warm": statistics.median(warm) if warm else None,
            "warm_max": max(warm) if warm else None}


def bench_core() -> list[tuple[str, float]]:
    store = Store()
    out = []
    for fid in ("kecamatan_berdaya", "wjde", "ipm_bps"):
        fw = load_framework(fid)
        res = compute(store, fw)
        t = time.perf_counter()
        for _ in range(5):   # the engine itself, past its memo
            _compute_memo.__wrapped__(store, fw, Scenario())
        out.append((f"compute({fid}), not memoised", (time.perf_counter() - t) * 200))
        t = time.perf_counter()
        sensitivity(store, res, draws=500, year=res.latest_year())
        out.append((f"sensitivity({fid}, 500 draws)", (time.perf_counter() - t) * 1000))
    return out


def main() -> None:
    Store()  # build the database first
    rows = [bench_page(p) for p in PAGES]
    core = bench_core()

    def ms(x):
        return "–" if x is None else f"{x:,.0f}".replace(",", ".")

    lines = [
        "# Benchmark: server time per interaction",
        "",
        f"Machine: {platform.machine()}, {platform.python_version()}, "
        f"{__import__('os').cpu_count()} cores. Command: `python scripts/benchmark.py`.",
        "AppTest reruns (server side: script run, core views, figure building; no browser).",
        "*miss* = first time a choice is made (cache miss); *warm* = same choice again.",
        "",
        "| page | cold first run (ms) | widgets changed | median miss (ms) | median warm (ms) | max warm (ms) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['page']} | {ms(r['cold'])} | {r['widgets']} | {ms(r['miss'])} | "
                     f"{ms(r['warm'])} | {ms(r['warm_max'])} |")
    lines += ["", "Interactions per page: the sidebar's year, region filter and framework, then "
              + "; ".join(f"{p}: " + ", ".join(k for k, _ in v) for p, v in INTERACTIONS.items()) + ".",
              "", "| core call | ms |", "|---|---:|"]
    lines += [f"| {name} | {ms(v)} |" for name, v in core]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "scripts" / "benchmark_results.md").write_text(text)


if __name__ == "__main__":
    main()
