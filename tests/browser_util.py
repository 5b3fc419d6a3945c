"""Reusable helpers for browser (Playwright) tests of the Berdaya Streamlit app.

No tests live here; page-specific test modules import these helpers.

Typical use (pytest or plain script)::

    from playwright.sync_api import sync_playwright
    from tests.browser_util import (
        running_app, launch_browser, wait_for_app_idle, plotly_paths,
        is_local_url,
    )

    with running_app("app.py") as base_url, sync_playwright() as pw:
        browser = launch_browser(pw)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(base_url)
        wait_for_app_idle(page)
        assert plotly_paths(page) > 0
        assert all(is_local_url(u) for u in requests)
        browser.close()

Everything is offline: chromium is the Debian one at /usr/bin/chromium (never
run ``playwright install``), and the app is started on a free localhost port.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Iterator, Mapping
from urllib.parse import urlparse

CHROMIUM_PATH = os.environ.get("BERDAYA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}

# Streamlit test ids (stable across 1.4x-1.6x).
_APP = '[data-testid="stApp"]'
_SKELETON = '[data-testid="stAppSkeleton"]'
_EXCEPTION = '[data-testid="stException"]'


# --------------------------------------------------------------------------- #
# Server
# --------------------------------------------------------------------------- #
def free_port() -> int:
    """Return a TCP port that is currently free on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _health_ok(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except (urllib.error.URLError, ConnectionError, OSError, TimeoutError):
        return False


@contextlib.contextmanager
def running_app(
    app_path: str | os.PathLike[str],
    port: int | None = None,
    env: Mapping[str, str] | None = None,
    *,
    timeout: float = 60.0,
    cwd: str | os.PathLike[str] | None = None,
    extra_args: list[str] | None = None,
) -> Iterator[str]:
    """Run ``python -m streamlit run app_path`` and yield its base URL.

    * ``port``: fixed port, or ``None`` for a free one.
    * ``env``: extra environment variables (merged over ``os.environ``).
    * ``cwd``: working directory; defaults to the app's directory so that
      ``.streamlit/config.toml`` and ``static/`` next to the app are picked up.
    * Waits until ``/_stcore/health`` answers 200 (``timeout`` seconds, default
      60); raises ``RuntimeError`` with the server log if it does not, or if
      the process dies.
    * The process is terminated (then killed) on exit.  Server output is kept
      in a temp file; its path is available as ``running_app.last_log``.
    """
    app_path = Path(app_path).resolve()
    port = port or free_port()
    base_url = f"http://127.0.0.1:{port}"
    run_env = dict(os.environ)
    run_env.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    run_env.setdefault("PYTHONUNBUFFERED", "1")
    if env:
        run_env.update(env)
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app_path),
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        *(extra_args or []),
    ]
    log = tempfile.NamedTemporaryFile(
        prefix="streamlit-", suffix=".log", delete=False, mode="w+b"
    )
    running_app.last_log = log.name  # type: ignore[attr-defined]
    proc = subprocess.Popen(
        cmd,
        cwd=str(cwd or app_path.parent),
        env=run_env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # own process group, so we can stop it cleanly
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited with {proc.returncode}:\n{_read_log(log.name)}"
                )
            if _health_ok(base_url):
                break
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"streamlit not healthy after {timeout}s:\n{_read_log(log.name)}"
                )
            time.sleep(0.25)
        yield base_url
    finally:
        _stop(proc)
        log.close()


def _read_log(path: str, limit: int = 6000) -> str:
    try:
        return Path(path).read_text(errors="replace")[-limit:]
    except OSError:
        return "<no log>"


def _stop(proc: subprocess.Popen[Any]) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


# --------------------------------------------------------------------------- #
# Browser
# --------------------------------------------------------------------------- #
def launch_browser(playwright: Any, *, headless: bool = True, **kwargs: Any) -> Any:
    """Launch the system chromium with offline-friendly flags.

    ``playwright`` is the object from ``sync_playwright()`` (``.chromium`` is
    used).  Extra kwargs go to ``chromium.launch``.
    """
    args = list(CHROMIUM_ARGS) + list(kwargs.pop("args", []))
    return playwright.chromium.launch(
        executable_path=CHROMIUM_PATH, headless=headless, args=args, **kwargs
    )


def is_local_url(url: str) -> bool:
    """True for URLs that do not leave the machine (localhost, data:, blob:)."""
    p = urlparse(url)
    if p.scheme in ("data", "blob", "about", "chrome", "chrome-extension"):
        return True
    return (p.hostname or "") in LOCAL_HOSTS


_RUN_COUNTER_JS = """(app) => {
    if (!window.__berdayaRuns) {
        window.__berdayaRuns = {count: 0, last: null};
        const rec = () => {
            const root = document.querySelector(app);
            const st = root && root.getAttribute('data-test-script-state');
            if (st === 'running' && window.__berdayaRuns.last !== 'running') {
                window.__berdayaRuns.count += 1;
            }
            window.__berdayaRuns.last = st;
        };
        new MutationObserver(rec).observe(document.documentElement, {
            subtree: true, childList: true, attributes: true,
            attributeFilter: ['data-test-script-state'],
        });
        rec();
    }
    return window.__berdayaRuns.count;
}"""


def run_count(page: Any) -> int:
    """Number of script runs the page has started since the counter was installed.

    The counter (a MutationObserver on ``stApp[data-test-script-state]``) is
    installed on first call.  Use it to wait for a rerun caused by an action::

        n = run_count(page)
        page.mouse.click(x, y)
        wait_for_app_idle(page, after_run_count=n)
    """
    return int(page.evaluate(_RUN_COUNTER_JS, _APP))


def wait_for_app_idle(
    page: Any,
    timeout: float = 60.0,
    *,
    settle: float = 0.5,
    after_run_count: int | None = None,
    allow_exceptions: bool = True,
) -> None:
    """Wait until Streamlit has rendered the app and finished running the script.

    Idle means, continuously for ``settle`` seconds (to ride over the short gap
    between an interaction and the rerun starting):

    * ``[data-testid="stApp"]`` exists, its ``data-test-script-state`` is
      ``notRunning`` or ``compilationError`` (not ``initial``/``running``/
      ``rerunRequested``/``stopRequested``) and ``data-test-connection-state``
      is ``CONNECTED`` (or ``STATIC_CONNECTED``);
    * no app skeleton and no "Running..." icon in ``stStatusWidget``.

    ``after_run_count``: value of :func:`run_count` taken *before* an action;
    additionally require that at least one new script run started since then
    (robust against returning before a rerun even began).

    Raises ``TimeoutError`` after ``timeout`` seconds.  If ``allow_exceptions``
    is False, raises ``AssertionError`` when a Streamlit exception box shows.
    """
    deadline = time.monotonic() + timeout
    page.wait_for_selector(_APP, state="attached", timeout=timeout * 1000)
    run_count(page)  # make sure the run counter is installed
    idle_since: float | None = None
    state: dict[str, Any] = {}
    while True:
        state = page.evaluate(
            """([app, skel]) => {
                const root = document.querySelector(app);
                return {
                  root: !!root,
                  st: root && root.getAttribute('data-test-script-state'),
                  conn: root && root.getAttribute('data-test-connection-state'),
                  running: !!document.querySelector(
                    '[data-testid="stStatusWidgetRunningIcon"],' +
                    '[data-testid="stStatusWidgetRunningManIcon"]'),
                  skeleton: !!document.querySelector(skel),
                  runs: window.__berdayaRuns ? window.__berdayaRuns.count : 0,
                };
            }""",
            [_APP, _SKELETON],
        )
        idle = (
            state["root"]
            and state["st"] in ("notRunning", "compilationError")
            and state["conn"] in (None, "CONNECTED", "STATIC_CONNECTED")
            and not state["running"]
            and not state["skeleton"]
            and (after_run_count is None or state["runs"] > after_run_count)
        )
        now = time.monotonic()
        if idle:
            idle_since = idle_since or now
            if now - idle_since >= settle:
                break
        else:
            idle_since = None
        if now > deadline:
            raise TimeoutError(f"Streamlit app not idle after {timeout}s: {state}")
        time.sleep(0.1)
    if not allow_exceptions:
        exc = page.locator(_EXCEPTION)
        if exc.count():
            raise AssertionError(
                "Streamlit exception on page:\n" + exc.first.inner_text()
            )


def plotly_paths(page: Any, *, frame: Any = None) -> int:
    """Count drawn plotly trace paths in the page (all charts).

    Counts SVG ``path`` elements inside plotly trace layers: geo choropleth
    locations (``path.choroplethlocation``), scatter/line traces
    (``.scatterlayer path``), bars (``.barlayer path``), pies (``.pielayer
    path``) etc.  Axis/grid/base-map paths are not counted.  WebGL traces
    (scattergl, maplibre) draw to canvas and are not counted.
    """
    target = frame or page
    return int(
        target.evaluate(
            """() => {
                const sel = [
                  '.js-plotly-plot path.choroplethlocation',
                  '.js-plotly-plot .scatterlayer path.js-line',
                  '.js-plotly-plot .scatterlayer path.point',
                  '.js-plotly-plot .scatterlayer path.js-fill',
                  '.js-plotly-plot .barlayer path',
                  '.js-plotly-plot .pielayer path.surface',
                  '.js-plotly-plot .funnellayer path',
                  '.js-plotly-plot .waterfalllayer path',
                  '.js-plotly-plot .boxlayer path',
                  '.js-plotly-plot .violinlayer path',
                  '.js-plotly-plot .heatmaplayer image',
                  '.js-plotly-plot .treemaplayer path.surface',
                  '.js-plotly-plot .sunburstlayer path.surface',
                ].join(',');
                const els = new Set(document.querySelectorAll(sel));
                let n = 0;
                for (const el of els) {
                  if (el.tagName.toLowerCase() === 'image') { n++; continue; }
                  const d = el.getAttribute('d');
                  if (d && d !== 'M0,0Z' && d.length > 2) n++;
                }
                return n;
            }"""
        )
    )


def plotly_choropleth_paths(page: Any) -> int:
    """Count only ``path.choroplethlocation`` elements with a non-empty ``d``."""
    return int(
        page.evaluate(
            """() => [...document.querySelectorAll('.js-plotly-plot path.choroplethlocation')]
                .filter(p => (p.getAttribute('d') || '').length > 2).length"""
        )
    )


def wait_for_plotly_paths(page: Any, minimum: int = 1, timeout: float = 30.0) -> int:
    """Poll ``plotly_paths`` until at least ``minimum`` are drawn; return count."""
    deadline = time.monotonic() + timeout
    while True:
        n = plotly_paths(page)
        if n >= minimum:
            return n
        if time.monotonic() > deadline:
            raise TimeoutError(f"only {n} plotly paths after {timeout}s")
        time.sleep(0.2)


__all__ = [
    "CHROMIUM_ARGS",
    "CHROMIUM_PATH",
    "free_port",
    "is_local_url",
    "launch_browser",
    "plotly_choropleth_paths",
    "plotly_paths",
    "run_count",
    "running_app",
    "wait_for_app_idle",
    "wait_for_plotly_paths",
]
