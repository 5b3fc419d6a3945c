"""The metrics engine: replays a framework over the store, vectorised in DuckDB SQL.

raw → (scenario overrides) → normalise → aggregate to pillars → aggregate to composite
→ ranks, changes vs the previous year, CAGR, target achievement and status.
All regions and years of the scope are computed in one pass.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from . import methods
from .frameworks import POLARITIES, Framework, FrameworkError, Scope
from .store import Session, Store, quote_ident

_POL = {"naik": 1, "turun": -1, "netral": 0}


@dataclass(frozen=True)
class Override:
    """A what-if change to one value: ``mode`` 'set' (new value) or 'delta' (added)."""
    region_code: str
    indicator: str
    year: int
    amount: float
    mode: str = "delta"


@dataclass(frozen=True)
class Scenario:
    pillar_weights: tuple[tuple[str, float], ...] = ()
    indicator_weights: tuple[tuple[str, float], ...] = ()
    kabupaten: tuple[str, ...] = ()      # keep only regions in these kabupaten/kota codes
    kecamatan: tuple[str, ...] = ()      # keep only these kecamatan codes
    overrides: tuple[Override, ...] = ()

    def is_baseline(self) -> bool:
        return self == Scenario()


@dataclass
class Result:
    framework: Framework
    data_version: str
    scenario: Scenario
    regions: pd.DataFrame      # the scope: kode, nama, tingkat, kode_kab, nama_kab, pilot
    indicators: pd.DataFrame   # region x indicator x year: value, norm, change, rank, cagr, target…
    pillars: pd.DataFrame      # region x pillar x year: score, coverage, rank
    composite: pd.DataFrame    # region x year: score, coverage, rank, changes
    steps: list[dict] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        """Years with at least one composite score."""
        scored = self.composite.dropna(subset=["score"])
        return sorted(int(y) for y in scored["year"].unique())

    def latest_year(self) -> int | None:
        return self.years[-1] if self.years else None

    def table(self, year: int) -> pd.DataFrame:
        """One row per region: code, name, composite score, pillar scores, rank, rank change."""
        comp = self.composite[self.composite["year"] == year]
        wide = (self.pillars[self.pillars["year"] == year]
                .pivot(index="region_code", columns="pillar", values="score"))
        wide = wide.reindex(columns=[p.id for p in self.framework.pillars])
        wide.columns = ["pilar_" + c for c in wide.columns]
        out = (comp[["region_code", "region_name", "score", "rank", "rank_change", "score_change",
                     "coverage"]]
               .merge(wide, left_on="region_code", right_index=True, how="left")
               .rename(columns={"region_code": "kode", "region_name": "nama", "score": "skor_komposit",
                                "rank": "peringkat", "rank_change": "perubahan_peringkat",
                                "score_change": "perubahan_skor", "coverage": "cakupan_data"}))
        return out.sort_values(["peringkat", "kode"], na_position="last").reset_index(drop=True)


def _spec_frames(store: Store, fw: Framework, sc: Scenario) -> tuple[pd.DataFrame, pd.DataFrame]:
    cat = store.indicators().set_index("id")
    pw = dict(sc.pillar_weights)
    iw = dict(sc.indicator_weights)
    unknown = (set(pw) - {p.id for p in fw.pillars}) | (set(iw) - set(fw.indicator_ids()))
    if unknown:
        raise FrameworkError(f"bobot skenario untuk pilar/indikator yang tidak ada: {sorted(unknown)}")
    rows = []
    for ind in fw.indicators:
        if ind.id not in cat.index:
            raise FrameworkError(f"{fw.id}: indikator {ind.id} tidak ada di katalog indicators.csv")
        pol = ind.polarity or cat.at[ind.id, "polaritas"]
        if pol not in POLARITIES:
            raise FrameworkError(f"{fw.id}: indikator {ind.id} berpolaritas netral; tetapkan polarity")
        t = ind.target
        rows.append({"indicator": ind.id, "pillar": ind.pillar, "weight": float(iw.get(ind.id, ind.weight)),
                     "pol": POLARITIES[pol], "method": ind.normalise, "lo": ind.lo, "hi": ind.hi,
                     "transform": ind.transform,
                     "target": t.value if t else None, "target_year": t.year if t else None,
                     "baseline_year": t.baseline_year if t else None})
    for cid in fw.context:
        if cid in fw.indicator_ids():
            continue
        if cid not in cat.index:
            raise FrameworkError(f"{fw.id}: indikator konteks {cid} tidak ada di katalog")
        rows.append({"indicator": cid, "pillar": None, "weight": 0.0,
                     "pol": _POL[cat.at[cid, "polaritas"]], "method": None, "lo": None, "hi": None,
                     "transform": None, "target": None, "target_year": None, "baseline_year": None})
    spec_ind = pd.DataFrame(rows).astype({
        "indicator": "string", "pillar": "string", "weight": "float64", "pol": "int64",
        "method": "string", "lo": "float64", "hi": "float64", "transform": "string",
        "target": "float64", "target_year": "Int64", "baseline_year": "Int64"})
    spec_pil = pd.DataFrame({"pillar": [p.id for p in fw.pillars],
                             "weight": [float(pw.get(p.id, p.weight)) for p in fw.pillars]})
    if (spec_ind["weight"] < 0).any() or (spec_pil["weight"] < 0).any():
        raise FrameworkError("bobot tidak boleh negatif")
    return spec_ind, spec_pil


def _overrides_frame(sc: Scenario) -> pd.DataFrame:
    for o in sc.overrides:
        if o.mode not in ("set", "delta"):
            raise FrameworkError(f"jenis perubahan nilai tak dikenal: {o.mode!r}")
    return pd.DataFrame({
        "region_code": pd.Series([o.region_code for o in sc.overrides], dtype="string"),
        "indicator": pd.Series([o.indicator for o in sc.overrides], dtype="string"),
        "year": pd.Series([int(o.year) for o in sc.overrides], dtype="int64"),
        "amount": pd.Series([float(o.amount) for o in sc.overrides], dtype="float64"),
        "mode": pd.Series([o.mode for o in sc.overrides], dtype="string"),
    }).drop_duplicates(["region_code", "indicator", "year"], keep="last")


_SCOPE_SQL = """
SELECT kode, nama, tingkat, kode_kab, nama_kab, pilot FROM regions
WHERE list_contains(?, tingkat)
  AND (?::VARCHAR IS NULL OR kode_prov = ?)
  AND (?::VARCHAR IS NULL OR kode_kab = ?)
  AND (len(?) = 0 OR list_contains(?, kode_kab))
  AND (len(?) = 0 OR list_contains(?, kode))
"""

_VALS_SQL = """
WITH base AS (
  SELECT o.region_code, o.indicator, o.year, o.value, o.illustrative, o.source
  FROM observations o
  JOIN scope_regions r ON r.kode = o.region_code
  JOIN spec_ind s ON s.indicator = o.indicator
  WHERE o.year IS NOT NULL
), ovr_in AS (
  SELECT v.* FROM ovr v
  JOIN scope_regions r ON r.kode = v.region_code
  JOIN spec_ind s ON s.indicator = v.indicator
)
SELECT * FROM (
  SELECT coalesce(b.region_code, v.region_code) AS region_code,
         coalesce(b.indicator, v.indicator) AS indicator,
         coalesce(b.year, v.year)::INTEGER AS year,
         CASE WHEN v.mode = 'set' THEN v.amount
              WHEN v.mode = 'delta' THEN b.value + v.amount
              ELSE b.value END AS value,
         b.value AS value_stored,
         v.region_code IS NOT NULL AS overridden,
         coalesce(b.illustrative, FALSE) AS illustrative,
         coalesce(b.source, ?) AS source
  FROM base b FULL OUTER JOIN ovr_in v
    ON b.region_code = v.region_code AND b.indicator = v.indicator AND b.year = v.year
) WHERE value IS NOT NULL
"""

_NORM_SQL = """
WITH x AS (
  SELECT d.region_code, d.indicator, d.year, s.pillar, s.weight, s.pol,
         coalesce(s.method, ?) AS method,
         CASE WHEN s.transform = 'log' THEN ln(CASE WHEN d.value > 0 THEN d.value END) ELSE d.value END AS v,
         CASE WHEN s.transform = 'log' THEN ln(s.lo) ELSE s.lo END AS lo,
         CASE WHEN s.transform = 'log' THEN ln(s.hi) ELSE s.hi END AS hi,
         CASE WHEN s.transform = 'log' THEN ln(CASE WHEN s.target > 0 THEN s.target END)
              ELSE s.target END AS tgt
  FROM vals d JOIN spec_ind s ON s.indicator = d.indicator
  WHERE s.pillar IS NOT NULL
), st AS (
  SELECT *, min(v) OVER w AS mn, max(v) OVER w AS mx, avg(v) OVER w AS mean,
         stddev_samp(v) OVER w AS sd,
         percent_rank() OVER (PARTITION BY indicator, year ORDER BY round(pol * v, 9)) AS prank
  FROM x WHERE v IS NOT NULL
  WINDOW w AS (PARTITION BY indicator, year)
)
SELECT region_code, indicator, year, pillar, weight, method, {norm} AS norm FROM st
"""

_PILLAR_SQL = """
WITH n AS (
  SELECT pillar, count(*) AS n_total FROM spec_ind WHERE pillar IS NOT NULL AND weight > 0 GROUP BY pillar
), a AS (
  SELECT region_code, year, pillar, {agg} AS score, count(*) AS n_ind
  FROM (SELECT region_code, year, pillar, norm AS x, weight AS w FROM norm
        WHERE norm IS NOT NULL AND weight > 0)
  GROUP BY region_code, year, pillar
), grid AS (
  SELECT r.kode AS region_code, y.year, n.pillar, n.n_total
  FROM scope_regions r CROSS JOIN (SELECT DISTINCT year FROM norm) y CROSS JOIN n
)
SELECT g.region_code, g.year, g.pillar,
       CASE WHEN coalesce(a.n_ind, 0)::DOUBLE / g.n_total >= ? THEN a.score END AS score,
       coalesce(a.n_ind, 0) AS n_ind, g.n_total,
       coalesce(a.n_ind, 0)::DOUBLE / g.n_total AS coverage
FROM grid g LEFT JOIN a USING (region_code, year, pillar)
"""

_COMPOSITE_SQL = """
WITH n AS (SELECT count(*) AS n_total FROM spec_pil WHERE weight > 0),
a AS (
  SELECT region_code, year, {agg} AS score, count(*) AS n_pillars
  FROM (SELECT p.region_code, p.year, p.score AS x, s.weight AS w
        FROM pil p JOIN spec_pil s USING (pillar) WHERE p.score IS NOT NULL AND s.weight > 0)
  GROUP BY region_code, year
), grid AS (
  SELECT r.kode AS region_code, r.nama AS region_name, y.year
  FROM scope_regions r CROSS JOIN (SELECT DISTINCT year FROM norm) y
)
SELECT g.region_code, g.region_name, g.year,
       CASE WHEN coalesce(a.n_pillars, 0)::DOUBLE / n.n_total >= ? THEN a.score END AS score,
       coalesce(a.n_pillars, 0) AS n_pillars, n.n_total AS n_pillars_total,
       coalesce(a.n_pillars, 0)::DOUBLE / n.n_total AS coverage
FROM grid g CROSS JOIN n LEFT JOIN a USING (region_code, year)
"""

_RANKED_COMPOSITE_SQL = """
WITH r AS (
  SELECT *, CASE WHEN score IS NOT NULL THEN
      rank() OVER (PARTITION BY year, score IS NULL ORDER BY round(score, 9) DESC) END AS rank
  FROM comp
)
SELECT a.*, b.score AS score_prev, a.score - b.score AS score_change,
       b.rank AS rank_prev, b.rank - a.rank AS rank_change
FROM r a LEFT JOIN r b ON b.region_code = a.region_code AND b.year = a.year - 1
ORDER BY a.year, a.rank NULLS LAST, a.region_code
"""

_RANKED_PILLAR_SQL = """
WITH r AS (
  SELECT *, CASE WHEN score IS NOT NULL THEN
      rank() OVER (PARTITION BY year, pillar, score IS NULL ORDER BY round(score, 9) DESC) END AS rank
  FROM pil
)
SELECT a.*, b.score AS score_prev, a.score - b.score AS score_change, b.rank - a.rank AS rank_change
FROM r a LEFT JOIN r b ON b.region_code = a.region_code AND b.pillar = a.pillar AND b.year = a.year - 1
ORDER BY a.pillar, a.year, a.rank NULLS LAST, a.region_code
"""

# Indicator-level analytics for every value in scope (framework and context indicators).
_INDICATOR_SQL = """
WITH d AS (
  SELECT v.*, s.pillar, s.pol, s.target, s.target_year, s.baseline_year,
    CASE WHEN s.pol <> 0 THEN
      rank() OVER (PARTITION BY v.indicator, v.year ORDER BY round(v.value * s.pol, 9) DESC) END AS rank,
    count(*) OVER (PARTITION BY v.indicator, v.year) AS n_regions,
    first_value(v.value) OVER (PARTITION BY v.region_code, v.indicator ORDER BY v.year) AS first_value,
    first_value(v.year) OVER (PARTITION BY v.region_code, v.indicator ORDER BY v.year) AS first_year,
    lag(v.value) OVER (PARTITION BY v.region_code, v.indicator ORDER BY v.year) AS last_value,
    lag(v.year) OVER (PARTITION BY v.region_code, v.indicator ORDER BY v.year) AS last_year
  FROM vals v JOIN spec_ind s ON s.indicator = v.indicator
), b AS (
  SELECT region_code, indicator, year AS b_year, value AS b_value FROM vals
), t AS (
  SELECT d.*, p.value AS value_prev, d.value - p.value AS change, p.rank - d.rank AS rank_change,
    CASE WHEN d.year > d.first_year AND d.first_value > 0 AND d.value > 0
         THEN pow(d.value / d.first_value, 1.0 / (d.year - d.first_year)) - 1 END AS cagr,
    coalesce(bb.b_value, d.first_value) AS baseline_value,
    (d.value - d.last_value) / (d.year - d.last_year) AS rate_recent,
    CASE WHEN d.target IS NOT NULL AND d.target_year > d.year
         THEN (d.target - d.value) / (d.target_year - d.year) END AS rate_needed
  FROM d
  LEFT JOIN d p ON p.region_code = d.region_code AND p.indicator = d.indicator AND p.year = d.year - 1
  LEFT JOIN b bb ON bb.region_code = d.region_code AND bb.indicator = d.indicator
                AND bb.b_year = d.baseline_year
)
SELECT t.region_code, t.indicator, t.pillar, t.year, t.value, t.value_stored, t.overridden,
       t.illustrative, t.source, t.pol, n.norm, t.rank, t.n_regions, t.value_prev, t.change,
       t.rank_change, t.first_year, t.cagr, t.target, t.target_year, t.baseline_value,
       t.rate_recent, t.rate_needed,
       CASE WHEN t.target IS NULL THEN NULL
            WHEN t.pol > 0 AND t.target <> 0 THEN 100.0 * t.value / t.target
            WHEN t.pol < 0 AND t.target > 0 AND t.value > 0 THEN 100.0 * t.target / t.value
            WHEN t.pol < 0 AND t.target = 0 AND t.baseline_value > 0
                 THEN 100.0 * (t.baseline_value - t.value) / t.baseline_value
       END AS achievement_pct,
       CASE WHEN t.target IS NULL THEN NULL
            WHEN (t.pol > 0 AND t.value >= t.target) OR (t.pol < 0 AND t.value <= t.target) THEN 'tercapai'
            WHEN t.year >= t.target_year THEN 'off track'
            WHEN t.rate_recent IS NULL THEN NULL
            WHEN t.pol * t.rate_recent >= t.pol * t.rate_needed THEN 'on track'
            ELSE 'off track'
       END AS status
FROM t LEFT JOIN norm n ON n.region_code = t.region_code AND n.indicator = t.indicator AND n.year = t.year
ORDER BY t.indicator, t.year, t.region_code
"""

SCENARIO_SOURCE = "Skenario simulasi (nilai diubah pengguna, tidak disimpan)"


def _prepare(s: Session, scope: Scope, spec_ind: pd.DataFrame, sc: Scenario) -> None:
    """Session tables scope_regions and vals (values in scope, scenario overrides applied)."""
    s.register("spec_ind", spec_ind)
    s.register("ovr", _overrides_frame(sc))
    kab, kec = list(sc.kabupaten), list(sc.kecamatan)
    s.temp_table("scope_regions", _SCOPE_SQL, [
        list(scope.levels), scope.provinsi, scope.provinsi, scope.kabupaten, scope.kabupaten,
        kab, kab, kec, kec])
    s.temp_table("vals", _VALS_SQL, [SCENARIO_SOURCE])


def compute(store: Store, fw: Framework, scenario: Scenario | None = None) -> Result:
    """Replay ``fw`` over the store (optionally under a what-if ``scenario``).

    The result is a pure function of (store data, framework spec, scenario): all three are
    immutable, so results are memoised per store. Treat the returned frames as read-only
    (pandas copy-on-write keeps derived frames independent).
    """
    return _compute_memo(store, fw, scenario or Scenario())


@lru_cache(maxsize=64)
def _compute_memo(store: Store, fw: Framework, sc: Scenario) -> Result:
    spec_ind, spec_pil = _spec_frames(store, fw, sc)
    norm_step, pil_step, comp_step = fw.steps
    steps: list[dict] = []
    with store.session() as s:
        s.register("spec_pil", spec_pil)
        _prepare(s, fw.scope, spec_ind, sc)
        steps.append(_log(s, "vals", "raw", "data", len(sc.overrides)))
        s.temp_table("norm", _NORM_SQL.format(norm=methods.normaliser_case()), [norm_step.method])
        steps.append(_log(s, "norm", "normalise", norm_step.method))
        s.temp_table("pil", _PILLAR_SQL.format(agg=methods.aggregator_sql(pil_step.method)),
                     [pil_step.min_coverage])
        steps.append(_log(s, "pil", "aggregate→pillar", pil_step.method))
        s.temp_table("comp", _COMPOSITE_SQL.format(agg=methods.aggregator_sql(comp_step.method)),
                     [comp_step.min_coverage])
        steps.append(_log(s, "comp", "aggregate→composite", comp_step.method))
        composite = s.df(_RANKED_COMPOSITE_SQL)
        pillars = s.df(_RANKED_PILLAR_SQL)
        indicators = s.df(_INDICATOR_SQL)
        regions = s.df("SELECT * FROM scope_regions ORDER BY kode")
    return Result(framework=fw, data_version=store.version, scenario=sc, regions=regions,
                  indicators=indicators, pillars=pillars, composite=composite, steps=steps)


def describe(store: Store, scope: Scope, indicator_ids: list[str]) -> pd.DataFrame:
    """Indicator analytics (value, change, rank, CAGR) for any indicators over a scope,
    outside any framework: polarity from the catalogue, no normalisation, no targets.
    Memoised like :func:`compute`; treat the frame as read-only."""
    return _describe_memo(store, scope, tuple(indicator_ids))


@lru_cache(maxsize=64)
def _describe_memo(store: Store, scope: Scope, indicator_ids: tuple[str, ...]) -> pd.DataFrame:
    indicator_ids = list(indicator_ids)
    cat = store.indicators().set_index("id")
    unknown = sorted(set(indicator_ids) - set(cat.index))
    if unknown:
        raise FrameworkError(f"indikator tidak dikenal: {unknown}")
    spec_ind = pd.DataFrame({
        "indicator": pd.Series(indicator_ids, dtype="string"),
        "pillar": pd.Series([None] * len(indicator_ids), dtype="string"),
        "weight": 0.0, "pol": [_POL[cat.at[i, "polaritas"]] for i in indicator_ids],
        "method": pd.Series([None] * len(indicator_ids), dtype="string"),
        "lo": float("nan"), "hi": float("nan"),
        "transform": pd.Series([None] * len(indicator_ids), dtype="string"),
        "target": float("nan"), "target_year": pd.Series([None] * len(indicator_ids), dtype="Int64"),
        "baseline_year": pd.Series([None] * len(indicator_ids), dtype="Int64")})
    with store.session() as s:
        _prepare(s, scope, spec_ind, Scenario())
        s.temp_table("norm", "SELECT region_code, indicator, year, NULL::DOUBLE AS norm FROM vals "
                             "WHERE FALSE")
        return s.df(_INDICATOR_SQL)


def _log(s: Session, table: str, verb: str, method: str, overrides: int | None = None) -> dict:
    n = s.rows("SELECT count(*) FROM " + quote_ident(table))[0][0]
    entry = {"langkah": verb, "metode": method, "baris": int(n)}
    if overrides is not None:
        entry["nilai_diubah"] = overrides
    return entry


def compare_to_baseline(base: Result, alt: Result) -> pd.DataFrame:
    """Composite score and rank of a scenario next to the baseline, with deltas."""
    keys = ["region_code", "year"]
    b = base.composite[keys + ["score", "rank"]].rename(columns={"score": "score_base", "rank": "rank_base"})
    a = alt.composite[keys + ["region_name", "score", "rank"]]
    out = a.merge(b, on=keys, how="left")
    out["score_delta"] = out["score"] - out["score_base"]
    out["rank_delta"] = out["rank_base"] - out["rank"]  # positive: moved up
    return out
