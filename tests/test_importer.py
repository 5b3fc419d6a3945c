"""Officials' own data: validated completely, nothing stored half-way, replaces illustrative."""
import shutil

import pandas as pd
import pytest
from conftest import ROOT

from berdaya_core import Store, compute, load_framework
from berdaya_core.importer import import_table, read_table, validate


@pytest.fixture
def data_copy(tmp_path):
    d = tmp_path / "data"
    shutil.copytree(ROOT / "data", d, ignore=shutil.ignore_patterns("*.duckdb*", "impor"))
    return d


def good_rows():
    return pd.DataFrame({"region_code": ["33.07.02", "33.07.05"], "indicator": ["rppa_kasus_ditangani"] * 2,
                         "year": ["2025", "2025"], "value": ["41", "7,5"],
                         "source": ["Dinsos PMD Wonosobo, rekap RPPA 2025"] * 2})


def test_valid_import_replaces_illustrative_values(tmp_path, data_copy):
    db = tmp_path / "x.duckdb"
    store = Store(db, data_dir=data_copy)
    rep = import_table(store, good_rows(), "dinsos_2025", data_dir=data_copy)
    assert rep.ok and rep.rows == 2 and rep.replaces_illustrative == 2
    store.close()
    store = Store(db, data_dir=data_copy)   # data changed -> rebuilt
    o = store.observations(region_codes=["33.07.02", "33.07.05"], indicators=["rppa_kasus_ditangani"])
    o = o[o.year == 2025].set_index("region_code")
    assert o.loc["33.07.02", "value"] == 41 and o.loc["33.07.05", "value"] == 7.5   # decimal comma accepted
    assert not o["illustrative"].any() and set(o["batch"]) == {"impor_dinsos_2025"}
    res = compute(store, load_framework("kecamatan_berdaya"))
    row = res.indicators[(res.indicators.region_code == "33.07.02") & (res.indicators.indicator == "rppa_kasus_ditangani")
                         & (res.indicators.year == 2025)].iloc[0]
    assert row["value"] == 41 and not row["illustrative"] and "Dinsos" in row["source"]


@pytest.mark.parametrize("change, message", [
    (lambda d: d.assign(region_code=["33.07.02", "99.99.99"]), "kode wilayah"),
    (lambda d: d.assign(region_code=["33.07.02", "Kepil'; DROP TABLE observations; --"]), "kode wilayah"),
    (lambda d: d.assign(indicator=["rppa_kasus_ditangani", "tidak_ada"]), "id indikator"),
    (lambda d: d.assign(year=["2025", "dua ribu"]), "tahun tidak sah"),
    (lambda d: d.assign(value=["41", None]), "nilai kosong"),
    (lambda d: d.assign(region_code=["33.07.02", "33.07.02"]), "baris ganda"),
    (lambda d: d.drop(columns="value"), "kolom wajib"),
    (lambda d: d.iloc[0:0], "tidak berisi"),
])
def test_bad_files_store_nothing(real_store, data_copy, change, message):
    rep = import_table(real_store, change(good_rows()), "uji_salah", data_dir=data_copy)
    assert not rep.ok and any(message in e for e in rep.errors), rep.errors
    assert not (data_copy / "impor").exists() or not any((data_copy / "impor").iterdir())


def test_batch_name_is_checked(real_store, data_copy):
    rep = import_table(real_store, good_rows(), "../../etc", data_dir=data_copy)
    assert not rep.ok and "nama batch" in rep.errors[0]


def test_reads_csv_and_xlsx(real_store):
    csv = good_rows().to_csv(index=False).encode()
    assert validate(real_store, read_table("a.csv", csv))[1].ok
    from berdaya_core.export import to_xlsx_bytes
    assert validate(real_store, read_table("a.xlsx", to_xlsx_bytes(good_rows())))[1].ok


def test_unreadable_upload_gets_one_clear_message(real_store):
    from berdaya_core.importer import run_upload
    rep = run_upload(real_store, "rusak.xlsx", b"bukan berkas excel", "uji_rusak")
    assert not rep["ok"] and "tidak dapat dibaca" in rep["errors"][0]
