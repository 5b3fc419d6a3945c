"""CLI: build and scores, bad arguments give a non-zero exit and an Indonesian message."""
import json
import os
import subprocess
import sys
from io import StringIO

import pandas as pd
import pytest
from conftest import ROOT


def run(*args, env=None):
    e = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "berdaya_core", *args], cwd=ROOT, env=e,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    r = run("build", "--db", str(path))
    assert r.returncode == 0 and "dibangun" in r.stdout
    return path


def test_build_is_idempotent(db):
    r = run("build", "--db", str(db))
    assert r.returncode == 0 and "sudah mutakhir" in r.stdout


def test_scores_csv(db):
    r = run("scores", "--framework", "wjde", "--year", "2024", "--format", "csv", "--db", str(db))
    assert r.returncode == 0, r.stderr
    df = pd.read_csv(StringIO(r.stdout), dtype={"kode": str})
    assert len(df) == 27
    assert list(df.columns[:7]) == ["kode", "nama", "skor_komposit", "peringkat", "perubahan_peringkat",
                                    "perubahan_skor", "cakupan_data"]
    assert {"pilar_ipm", "pilar_kemiskinan", "pilar_stunting"} <= set(df.columns)
    assert df["peringkat"].min() == 1 and df["kode"].is_unique


def test_scores_json_ipm_matches_bps(db):
    r = run("scores", "--framework", "ipm_bps", "--year", "2024", "--format", "json", "--db", str(db))
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    bdg = next(x for x in doc["regions"] if x["kode"] == "32.73")
    assert round(bdg["skor_komposit"], 2) == 83.75 and bdg["peringkat"] == 1   # BPS: Kota Bandung 83,75


def test_env_var_sets_database(db):
    r = run("scores", "--framework", "kecamatan_berdaya", "--year", "2025", env={"BERDAYA_DB": str(db)})
    assert r.returncode == 0, r.stderr
    assert len(pd.read_csv(StringIO(r.stdout))) == 15


@pytest.mark.parametrize("args, message", [
    (["scores", "--framework", "tidak_ada", "--year", "2024"], "kerangka 'tidak_ada' tidak ada"),
    (["scores", "--framework", "wjde", "--year", "1999"], "tidak ada data tahun 1999"),
    (["scores", "--framework", "wjde", "--year", "dua"], "bukan bilangan bulat"),
    (["scores", "--framework", "wjde"], "argumen wajib belum diisi"),
    (["scores", "--framework", "wjde", "--year", "2024", "--format", "xml"], "pilihan 'xml' tidak sah"),
    (["hapus"], "pilihan 'hapus' tidak sah"),
    (["scores", "--framework", "wjde'; DROP TABLE observations; --", "--year", "2024"], "tidak ada"),
])
def test_bad_arguments(db, args, message):
    r = run(*args, "--db", str(db)) if args[0] == "scores" else run(*args)
    assert r.returncode != 0
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_import_refuses_bad_files_and_stores_nothing(db, tmp_path):
    r = run("import", str(tmp_path / "tidak_ada.csv"), "--batch", "uji_cli", "--db", str(db))
    assert r.returncode == 2 and "tidak ditemukan" in r.stderr
    bad = tmp_path / "salah.csv"
    bad.write_text("region_code,indicator,year,value\n99.99,rppa_aktif,2025,1\n")
    r = run("import", str(bad), "--batch", "uji_cli", "--db", str(db))
    assert r.returncode == 1 and "impor dibatalkan" in r.stderr and "kode wilayah" in r.stderr
    assert not (ROOT / "data" / "impor" / "uji_cli.csv").exists()
