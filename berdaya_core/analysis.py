"""Analyses on top of an engine result: sensitivity, class breaks, CAGR, series."""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import methods
from .engine import Result
from .store import Store

_SENSITIVITY_SQL = """
WITH s AS (
  SELECT d.draw, p.region_code, p.year, {agg} AS score
  FROM (SELECT region_code, year, pillar, score AS x FROM pil WHERE score IS NOT NULL) p
  JOIN (SELECT draw, pillar, weight AS w FROM draws WHERE weight > 0) d USING (pillar)
  JOIN (SELECT region_code, year, n_pillars FROM comp_ok) c USING (region_code, year)
  GROUP BY d.draw, p.region_code, p.year
), r AS (
  SELECT *, rank() OVER (PARTITION BY draw, year ORDER BY round(score, 9) DESC) AS rank FROM s
)
SELECT region_code, year,
       quantile_cont(rank, 0.5) AS rank_median,
       quantile_cont(rank, 0.05) AS rank_p05,
       quantile_cont(rank, 0.95) AS rank_p95,
       count(*) AS n_draws
FROM r GROUP BY region_code, year ORDER BY year, rank_median, region_code
"""


def sensitivity(store: Store, result: Result, *, draws: int = 500, spread: float = 0.25,
                seed: int = 20251030, year: int | None = None) -> pd.DataFrame:
    """Monte-Carlo perturbation of the pillar weights.

    Each draw multiplies every pillar weight by an independent uniform factor in
    [1 − spread, 1 + spread] (seeded), recomputes the composite from the pillar scores with
    the framework's aggregation method and ranks the regions. Returns per region and year the
    median rank and the 5–95% rank interval. Only regions that have a baseline composite score
    are ranked.
    """
    if not 0 <= spread < 1:
        raise ValueError("spread harus di antara 0 dan 1")
    fw = result.framework
    base = dict(result.scenario.pillar_weights)
    pids = [p.id for p in fw.pillars]
    w0 = np.array([base.get(p.id, p.weight) for p in fw.pillars], dtype=float)
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1 - spread, 1 + spread, size=(draws, len(pids)))
    dr = pd.DataFrame({
        "draw": np.repeat(np.arange(draws), len(pids)),
        "pillar": np.tile(pids, draws),
        "weight": (factors * w0).ravel(),
    })
    pil = result.pillars[["region_code", "year", "pillar", "score"]]
    comp_ok = result.composite.loc[result.composite["score"].notna(), ["region_code", "year", "n_pillars"]]
    if year is not None:
        pil = pil[pil["year"] == year]
        comp_ok = comp_ok[comp_ok["year"] == year]
    agg = methods.aggregator_sql(fw.steps[2].method)
    with store.session() as s:
        s.register("draws", dr)
        s.register("pil", pil)
        s.register("comp_ok", comp_ok)
        return s.df(_SENSITIVITY_SQL.format(agg=agg))


_BREAKS_SQL = """
SELECT min(value) AS lo, max(value) AS hi,
       quantile_cont(value, ?) AS q
FROM vals WHERE value IS NOT NULL AND isfinite(value)
"""

BREAK_METHODS = {
    "quantile": "Kuantil (jumlah wilayah sama per kelas)",
    "equal": "Interval sama",
    "target": "Berdasarkan capaian target",
}
TARGET_CLASSES = [0.0, 50.0, 75.0, 90.0, 100.0]  # achievement % edges below "tercapai"


def class_breaks(store: Store, values: pd.Series, method: str = "quantile", k: int = 5) -> list[float]:
    """Class edges (k + 1 numbers, ascending) for a map legend.

    ``quantile``: equal counts per class; ``equal``: equal widths; ``target``: fixed edges of
    target achievement in percent (values must then be achievement percentages): 0, 50, 75,
    90, 100 and the maximum (≥ 100 = tercapai).
    """
    vals = pd.DataFrame({"value": pd.to_numeric(values, errors="coerce").astype("float64")})
    if method not in BREAK_METHODS:
        raise ValueError(f"metode kelas tak dikenal: {method}")
    if k < 1:
        raise ValueError("jumlah kelas minimal 1")
    probs = [i / k for i in range(k + 1)]
    with store.session() as s:
        s.register("vals", vals)
        lo, hi, q = s.rows(_BREAKS_SQL, [probs])[0]
    if lo is None:
        return []
    if method == "quantile":
        edges = list(q)
    elif method == "equal":
        edges = [lo + (hi - lo) * p for p in probs]
    else:
        edges = [min(lo, 0.0)] + TARGET_CLASSES[1:] + [max(hi, 100.0) + 1e-9]
    out: list[float] = []
    for e in edges:  # drop repeated edges (many equal values)
        if not out or e > out[-1]:
            out.append(float(e))
    return out


def cagr(first: float, last: float, years: float) -> float | None:
    """Compound annual growth rate; None when undefined (non-positive values or no span)."""
    if first is None or last is None or years <= 0 or first <= 0 or last <= 0:
        return None
    return (last / first) ** (1.0 / years) - 1.0
