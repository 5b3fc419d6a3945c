"""The store built from the bundled data: regions, observations, idempotent build."""
import pandas as pd

from berdaya_core.store import PILOT_CODES, Store, build, data_version, quote_ident


def test_regions_levels_and_counts(real_store):
    r = real_store.regions()
    won = r[(r.kode_kab == "33.07") & (r.tingkat == "kecamatan")]
    assert len(won) == 15
    assert set(won[won.pilot].nama) == {"Kepil", "Kalikajar", "Wonosobo", "Garung"}
    assert set(won[won.pilot].kode) == set(PILOT_CODES)
    assert len(r[(r.kode_prov == "32") & r.tingkat.isin(["kabupaten", "kota"])]) == 27
    assert len(r[(r.kode_prov == "32") & (r.tingkat == "kecamatan")]) == 627
    assert len(r[(r.kode_prov == "33") & r.tingkat.isin(["kabupaten", "kota"])]) == 35
    assert len(r[(r.kode_prov == "33") & (r.tingkat == "kecamatan")]) == 576
    assert len(r[r.tingkat == "desa"]) == 265
    # names repeat: Wonosobo is a kabupaten and a kecamatan; codes keep them apart
    assert set(r[r.nama.str.endswith("Wonosobo")].kode) == {"33.07", "33.07.09"}
    # BPS crosswalk: Kalikajar = 3307070
    assert r.set_index("kode").loc["33.07.07", "kode_bps"] == "3307070"


def test_observations_real_values_and_flags(real_store):
    o = real_store.observations(region_codes=["32.01"], indicators=["kemiskinan_pct"]).set_index("year")
    assert o.loc[2024, "value"] == 7.05  # data/stats/jabar_kabkota.csv (BPS P0 March 2024)
    assert not o["illustrative"].any()
    ill = real_store.df("SELECT DISTINCT illustrative, batch FROM observations WHERE indicator LIKE 'rppa%'")
    assert ill["illustrative"].all() and set(ill["batch"]) == {"kecamatan_berdaya_pilar"}
    # the unverified 2024 stunting file stays apart from SSGI
    u = real_store.df("SELECT DISTINCT indicator FROM observations WHERE batch = ?",
                      ["jabar_stunting_2024_dinkes_unverified"])
    assert set(u["indicator"]) == {"stunting_pct_dinkes", "balita_stunting_dinkes"}
    ssgi = real_store.df("SELECT count(*) AS n FROM observations WHERE indicator = 'stunting_pct_ssgi' "
                         "AND year = 2024 AND region_code LIKE '32%'")
    assert ssgi["n"].iloc[0] == 0
    # duplicated Wonosobo rows across files are stored once
    d = real_store.df("SELECT region_code, indicator, year, count(*) AS n FROM observations "
                      "GROUP BY ALL HAVING count(*) > 1")
    assert d.empty


def test_missing_values_are_absent_never_zero(real_store):
    n = real_store.df("SELECT count(*) AS n FROM observations WHERE value IS NULL")["n"].iloc[0]
    assert n == 0
    # an illustrative row dropped by the generator is absent, not stored as 0
    cnt = real_store.df("SELECT count(*) AS n FROM observations WHERE batch = 'kecamatan_berdaya_pilar'")
    assert cnt["n"].iloc[0] == 684 < 15 * 12 * 4


def test_build_is_idempotent(tmp_path):
    db = tmp_path / "b.duckdb"
    assert build(db) is True
    assert build(db) is False            # same data version: nothing to do
    s1 = Store(db, build_if_needed=False)
    assert s1.version == data_version()
    n = len(s1.observations())
    s1.close()
    assert build(db, force=True) is True
    s2 = Store(db, build_if_needed=False)
    assert len(s2.observations()) == n
    s2.close()


def test_quote_ident():
    assert quote_ident('a"b') == '"a""b"'
    for bad in ("", None, "a\x00b"):
        try:
            quote_ident(bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad!r}")


def test_in_memory_store_fills_defaults():
    s = Store.in_memory(pd.DataFrame({"kode": ["1"], "nama": ["X"], "tingkat": ["provinsi"]}),
                        pd.DataFrame({"id": ["a"], "nama": ["A"], "polaritas": ["naik"]}),
                        pd.DataFrame({"region_code": ["1"], "indicator": ["a"], "year": [2024], "value": [1.0]}))
    assert s.observations().iloc[0]["batch"] == "memori"
