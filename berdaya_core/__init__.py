"""Berdaya core: DuckDB store, declarative frameworks and the metrics engine.

Typical use::

    from berdaya_core import Store, compute, load_framework
    store = Store()                      # builds data/berdaya.duckdb on first use
    res = compute(store, load_framework("wjde"))
    res.table(2024)                      # one row per kabupaten/kota
"""
from .engine import Override, Result, Scenario, compare_to_baseline, compute
from .frameworks import Framework, FrameworkError
from .frameworks import available as available_frameworks
from .frameworks import load as load_framework
from .store import Store, build

__all__ = ["Store", "build", "compute", "Scenario", "Override", "Result", "compare_to_baseline",
           "Framework", "FrameworkError", "load_framework", "available_frameworks"]
