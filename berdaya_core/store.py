"""DuckDB storage: the only module that talks to DuckDB.

Every value reaches SQL as a bound parameter; identifiers (table and view names) go
through :func:`quote_ident`. Other modules get a :class:`Session` (one DuckDB cursor,
safe to use from one thread) and hand it static SQL text plus parameters.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb
import pandas as pd

from . import paths

SCHEMA_VERSION = "3"

_SCHEMA = [
    """CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """CREATE TABLE regions (
        kode VARCHAR PRIMARY KEY, nama VARCHAR NOT NULL, tingkat VARCHAR NOT NULL,
        jenis VARCHAR, induk VARCHAR, kode_prov VARCHAR, kode_kab VARCHAR, nama_kab VARCHAR,
        kode_bps VARCHAR, nama_2022 VARCHAR, pilot BOOLEAN NOT NULL DEFAULT FALSE,
        program VARCHAR)""",
    """CREATE TABLE indicators (
        id VARCHAR PRIMARY KEY, nama VARCHAR NOT NULL, definisi VARCHAR, satuan VARCHAR,
        polaritas VARCHAR NOT NULL, pilar VARCHAR, sumber VARCHAR, tingkat VARCHAR,
        ilustratif BOOLEAN NOT NULL)""",
    """CREATE TABLE batches (
        batch VARCHAR PRIMARY KEY, file VARCHAR, sha256 VARCHAR, n_rows INTEGER,
        jenis VARCHAR NOT NULL, dimuat VARCHAR)""",
    """CREATE TABLE observations (
        region_code VARCHAR NOT NULL, indicator VARCHAR NOT NULL, year INTEGER,
        value DOUBLE NOT NULL, unit VARCHAR, source VARCHAR, batch VARCHAR NOT NULL,
        illustrative BOOLEAN NOT NULL)""",
]

# Files loaded at build time, in priority order: when the same (region, indicator, year)
# appears twice, the first file wins (Wonosobo kabupaten rows are copied across files).
STAT_FILES = [
    ("stats/jabar_kabkota.csv", "resmi"),
    ("stats/jateng_kabkota.csv", "resmi"),
    ("stats/stunting_kabkota.csv", "resmi"),
    ("stats/wonosobo_kabupaten_kecamatan.csv", "resmi"),
    ("stats/program_facts.csv", "resmi"),
    ("stats/jabar_stunting_2024_dinkes_unverified.csv", "belum_terverifikasi"),
    ("illustrative/kecamatan_berdaya_pilar.csv", "ilustrasi"),
]
BOUNDARY_FILES = [
    "boundaries/wonosobo_kecamatan.geojson",
    "boundaries/jabar_kabkota.geojson",
    "boundaries/jabar_kecamatan.geojson",
    "boundaries/jateng_kabkota.geojson",
    "boundaries/jateng_kecamatan.geojson",
]
IMPORT_DIR = "impor"


def stat_files(data_dir: Path) -> list[tuple[str, str]]:
    """Statistics files in load priority order. Officials' imports (data/impor/*.csv) come
    before the illustrative file, so an imported value replaces an illustrative one."""
    imports = [(f"{IMPORT_DIR}/{p.name}", "impor")
               for p in sorted((data_dir / IMPORT_DIR).glob("*.csv"))]
    return STAT_FILES[:-1] + imports + STAT_FILES[-1:]


PILOT_CODES = ("33.07.02", "33.07.07", "33.07.09", "33.07.12")
WONOSOBO = "33.07"


def quote_ident(name: str) -> str:
    """Quote an SQL identifier (the one place identifiers are quoted)."""
    if not isinstance(name, str) or not name or "\x00" in name:
        raise ValueError(f"nama identifier tidak sah: {name!r}")
    return '"' + name.replace('"', '""') + '"'


def default_db_path() -> Path:
    env = os.environ.get("BERDAYA_DB")
    return Path(env) if env else paths.DATA_DIR / "berdaya.duckdb"


def data_version(data_dir: Path | None = None) -> str:
    """Hash of every input file plus the schema version: same data => same version."""
    data_dir = data_dir or paths.DATA_DIR
    h = hashlib.sha256(SCHEMA_VERSION.encode())
    files = [f for f, _ in stat_files(data_dir)] + BOUNDARY_FILES + [
        "regions/kode_wilayah_kemendagri_2025.csv",
        "regions/bps_kemendagri_bridging_jabar_jateng.csv",
        "indicators.csv",
    ]
    for rel in files:
        p = data_dir / rel
        h.update(rel.encode())
        h.update(p.read_bytes() if p.exists() else b"<missing>")
    return h.hexdigest()[:16]


class Session:
    """One DuckDB cursor. Relations registered here are private to the session."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection):
        self._cur = cursor

    def register(self, name: str, df: pd.DataFrame) -> None:
        self._cur.register(name, df)

    def execute(self, sql: str, params: list | tuple | dict | None = None) -> None:
        self._cur.execute(sql, params or [])

    def df(self, sql: str, params: list | tuple | dict | None = None) -> pd.DataFrame:
        return self._cur.execute(sql, params or []).df()

    def rows(self, sql: str, params: list | tuple | dict | None = None) -> list[tuple]:
        return self._cur.execute(sql, params or []).fetchall()

    def temp_table(self, name: str, sql: str, params: list | tuple | dict | None = None) -> None:
        """(Re)create a session-local temporary table from a SELECT."""
        ident = quote_ident(name)
        self._cur.execute("CREATE OR REPLACE TEMP TABLE " + ident + " AS " + sql, params or [])

    def close(self) -> None:
        self._cur.close()


class Store:
    """A Berdaya database file (built from data/) opened for queries."""

    def __init__(self, path: str | Path | None = None, *, build_if_needed: bool = True,
                 data_dir: Path | None = None, _con: duckdb.DuckDBPyConnection | None = None):
        self._lock = threading.Lock()
        self._regions: pd.DataFrame | None = None
        self._indicators: pd.DataFrame | None = None
        if _con is not None:
            self.path = None
            self._con = _con
        else:
            self.path = Path(path) if path else default_db_path()
            if build_if_needed:
                build(self.path, data_dir or paths.DATA_DIR)
            if not self.path.exists():
                raise FileNotFoundError(f"basis data tidak ditemukan: {self.path}")
            self._con = duckdb.connect(str(self.path), read_only=True)
        # Queries here are small (thousands of rows): one thread avoids scheduling overhead
        # and keeps concurrent dashboard sessions from competing for the cores.
        self._con.execute("SET threads = 1")
        self.version = self._con.execute(
            "SELECT value FROM meta WHERE key = ?", ["data_version"]).fetchone()[0]

    @classmethod
    def in_memory(cls, regions: pd.DataFrame, indicators: pd.DataFrame,
                  observations: pd.DataFrame, version: str = "memori") -> "Store":
        """A store held in memory, built from data frames (tests and notebooks).

        ``regions`` needs kode, nama, tingkat (plus optional columns of the regions table);
        ``indicators`` needs id, nama, polaritas; ``observations`` needs region_code,
        indicator, year, value (source, batch and illustrative are filled in if absent).
        """
        obs = observations.copy()
        obs = obs.assign(**{c: v for c, v in (("source", "uji"), ("batch", "memori"),
                                              ("illustrative", False), ("unit", None))
                            if c not in obs.columns})
        ind = indicators.copy()
        ind = ind.assign(**{c: v for c, v in (("ilustratif", False),) if c not in ind.columns})
        reg = regions.copy()
        reg = reg.assign(**{c: v for c, v in (("pilot", False),) if c not in reg.columns})
        batches = pd.DataFrame({"batch": ["memori"], "jenis": ["resmi"]})
        con = duckdb.connect(":memory:")
        _populate(con, reg, ind, obs, batches, version)
        return cls(_con=con)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._lock:
            cur = self._con.cursor()
        s = Session(cur)
        try:
            yield s
        finally:
            s.close()

    def df(self, sql: str, params: list | tuple | dict | None = None) -> pd.DataFrame:
        with self.session() as s:
            return s.df(sql, params)

    def close(self) -> None:
        self._con.close()

    # --- Frequently used lookups -------------------------------------------------------
    def regions(self) -> pd.DataFrame:
        """The regions table (read once per store; the data of a store never change)."""
        if self._regions is None:
            self._regions = self.df("SELECT * FROM regions ORDER BY kode")
        return self._regions.copy()  # copy-on-write: cheap, and callers cannot alter the cache

    def indicators(self) -> pd.DataFrame:
        """The indicator catalogue (read once per store)."""
        if self._indicators is None:
            self._indicators = self.df("SELECT * FROM indicators ORDER BY id")
        return self._indicators.copy()

    def batches(self) -> pd.DataFrame:
        return self.df("SELECT * FROM batches ORDER BY batch")

    def observations(self, *, region_codes: list[str] | None = None,
                     indicators: list[str] | None = None) -> pd.DataFrame:
        sql = ("SELECT o.*, r.nama AS region_name FROM observations o "
               "JOIN regions r ON r.kode = o.region_code "
               "WHERE (? IS NULL OR list_contains(?, o.region_code)) "
               "AND (? IS NULL OR list_contains(?, o.indicator)) "
               "ORDER BY o.region_code, o.indicator, o.year")
        return self.df(sql, [region_codes, region_codes, indicators, indicators])


# --- Build --------------------------------------------------------------------------

def _read_regions(data_dir: Path) -> pd.DataFrame:
    kw = pd.read_csv(data_dir / "regions/kode_wilayah_kemendagri_2025.csv", dtype=str)
    br = pd.read_csv(data_dir / "regions/bps_kemendagri_bridging_jabar_jateng.csv", dtype=str)
    tingkat = kw["tingkat"].map({"provinsi": "provinsi", "kecamatan": "kecamatan",
                                 "desa_kelurahan": "desa"})
    kabkota = kw["tingkat"].eq("kabupaten_kota")
    tingkat[kabkota] = kw.loc[kabkota, "jenis"].str.lower()  # kabupaten / kota
    induk = kw["kode"].str.rsplit(".", n=1).str[0].where(kw["kode"].str.contains(r"\."))
    out = pd.DataFrame({
        "kode": kw["kode"], "nama": kw["nama"], "tingkat": tingkat, "jenis": kw["jenis"],
        "induk": induk, "kode_prov": kw["kode_prov"], "kode_kab": kw["kode_kab"],
        "nama_kab": kw["nama_kab"], "nama_2022": kw["nama_kepmendagri_2022"],
    })
    out = out.merge(br[["kode_kemendagri", "kode_bps"]].rename(columns={"kode_kemendagri": "kode"}),
                    on="kode", how="left")
    out["pilot"] = out["kode"].isin(PILOT_CODES)
    prog = pd.Series(pd.NA, index=out.index, dtype="object")
    prog[out["kode_prov"].eq("32")] = "wjde"
    prog[out["kode_prov"].eq("33")] = "kecamatan_berdaya"
    out["program"] = prog
    if out["tingkat"].isna().any():
        raise ValueError("tingkat wilayah tidak dikenal di kode_wilayah_kemendagri_2025.csv")
    return out[["kode", "nama", "tingkat", "jenis", "induk", "kode_prov", "kode_kab", "nama_kab",
                "kode_bps", "nama_2022", "pilot", "program"]]


def _boundary_observations(data_dir: Path) -> pd.DataFrame:
    """Area and desa/kelurahan counts per kecamatan, read from the boundary files."""
    frames = []
    for rel in BOUNDARY_FILES:
        if "kecamatan" not in rel:
            continue
        feats = json.loads((data_dir / rel).read_text())["features"]
        props = pd.DataFrame([f["properties"] for f in feats])
        src = ("Dihitung dari poligon batas wilayah Kemendagri 2025 (cahyadsn/wilayah_boundaries, MIT), "
               "file data/" + rel)
        for ind, col, unit in (("luas_km2_batas", "luas_km2", "km2"),
                               ("jumlah_desa_kel", "jumlah_desa_kel", "desa/kelurahan")):
            frames.append(pd.DataFrame({
                "region_code": props["kode_kec"], "indicator": ind, "year": 2025,
                "value": props[col].astype(float), "unit": unit, "source": src,
                "batch": "batas_wilayah_2025", "illustrative": False}))
    return pd.concat(frames, ignore_index=True).drop_duplicates(["region_code", "indicator"])


def _read_stats(data_dir: Path) -> tuple[pd.DataFrame, list[dict]]:
    frames, batches = [], []
    files = stat_files(data_dir)
    for prio, (rel, jenis) in enumerate(files):
        p = data_dir / rel
        df = pd.read_csv(p, dtype={"region_code": str, "indicator": str, "unit": str, "source": str})
        batch = ("impor_" if jenis == "impor" else "") + Path(rel).stem
        df = df.assign(batch=batch, illustrative=(jenis == "ilustrasi"), _prio=prio)
        frames.append(df[["region_code", "indicator", "year", "value", "unit", "source", "batch",
                          "illustrative", "_prio"]])
        batches.append({"batch": batch, "file": "data/" + rel,
                        "sha256": hashlib.sha256(p.read_bytes()).hexdigest(),
                        "n_rows": len(df), "jenis": jenis, "dimuat": None})
    geo = _boundary_observations(data_dir).assign(_prio=len(files))
    frames.append(geo)
    batches.append({"batch": "batas_wilayah_2025", "file": "data/boundaries/*_kecamatan.geojson",
                    "sha256": None, "n_rows": len(geo), "jenis": "resmi", "dimuat": None})
    obs = pd.concat(frames, ignore_index=True)
    obs = obs[obs["value"].notna()]
    obs["year"] = obs["year"].astype("Int64")
    # First file wins for duplicated (region, indicator, year) rows.
    obs = (obs.sort_values(["_prio"], kind="stable")
              .drop_duplicates(["region_code", "indicator", "year"], keep="first")
              .drop(columns="_prio")
              .sort_values(["region_code", "indicator", "year"], kind="stable")
              .reset_index(drop=True))
    return obs, batches


def _read_indicators(data_dir: Path) -> pd.DataFrame:
    ind = pd.read_csv(data_dir / "indicators.csv", dtype=str, keep_default_na=False)
    bad = set(ind["polaritas"]) - {"naik", "turun", "netral"}
    if bad:
        raise ValueError(f"polaritas tidak dikenal di indicators.csv: {sorted(bad)}")
    ind["ilustratif"] = ind["ilustratif"].astype(int).astype(bool)
    return ind[["id", "nama", "definisi", "satuan", "polaritas", "pilar", "sumber", "tingkat",
                "ilustratif"]]


def _populate(con, regions: pd.DataFrame, indicators: pd.DataFrame, obs: pd.DataFrame,
              batches: pd.DataFrame, version: str) -> None:
    for ddl in _SCHEMA:
        con.execute(ddl)
    for name, df in (("regions", regions), ("indicators", indicators),
                     ("observations", obs), ("batches", batches)):
        con.register("_src", df)
        con.execute("INSERT INTO " + quote_ident(name) + " BY NAME SELECT * FROM _src")
        con.unregister("_src")
    con.execute("INSERT INTO meta VALUES (?, ?), (?, ?)",
                ["data_version", version, "schema_version", SCHEMA_VERSION])


def build(path: str | Path | None = None, data_dir: Path | None = None, *,
          force: bool = False) -> bool:
    """Create or refresh the database from data/. Returns True if it (re)built.

    Idempotent: when the stored data version equals the files' version nothing happens.
    The new database is written to a temporary file and moved into place, so a failed
    build never leaves a half-written database behind.
    """
    path = Path(path) if path else default_db_path()
    data_dir = data_dir or paths.DATA_DIR
    version = data_version(data_dir)
    if path.exists() and not force:
        try:
            con = duckdb.connect(str(path), read_only=True)
            try:
                row = con.execute("SELECT value FROM meta WHERE key = ?", ["data_version"]).fetchone()
            finally:
                con.close()
            if row and row[0] == version:
                return False
        except duckdb.Error:
            pass  # unreadable or old file: rebuild it
    regions = _read_regions(data_dir)
    indicators = _read_indicators(data_dir)
    obs, batches = _read_stats(data_dir)
    unknown_reg = sorted(set(obs["region_code"]) - set(regions["kode"]))
    if unknown_reg:
        raise ValueError(f"kode wilayah tidak dikenal dalam data: {unknown_reg[:5]}")
    unknown_ind = sorted(set(obs["indicator"]) - set(indicators["id"]))
    if unknown_ind:
        raise ValueError(f"indikator tanpa katalog di indicators.csv: {unknown_ind[:5]}")

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    if tmp.exists():
        tmp.unlink()
    con = duckdb.connect(str(tmp))
    try:
        _populate(con, regions, indicators, obs, pd.DataFrame(batches), version)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, path)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        wal.unlink()
    return True
