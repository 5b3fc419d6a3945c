"""The illustrative pillar data regenerate byte for byte from the seeded script."""
import subprocess
import sys

import pandas as pd
from conftest import ROOT

BUNDLED = ROOT / "data" / "illustrative" / "kecamatan_berdaya_pilar.csv"


def test_regeneration_is_identical(tmp_path):
    out = tmp_path / "pilar.csv"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "generate_illustrative.py"), "--out", str(out)],
                   check=True, capture_output=True, env={"PYTHONHASHSEED": "123", "PATH": "/usr/bin:/bin"})
    assert out.read_bytes() == BUNDLED.read_bytes()


def test_illustrative_rows_are_flagged_and_plausible():
    df = pd.read_csv(BUNDLED, dtype={"region_code": str})
    assert (df["illustrative"] == 1).all()
    assert df["source"].str.contains("ilustrasi").all()
    assert df["region_code"].nunique() == 15 and set(df["year"]) == {2022, 2023, 2024, 2025}
    pct = df[df["indicator"].str.contains("_pct_")]
    assert pct["value"].between(0, 100).all()
    assert df["value"].notna().all() and len(df) < 15 * 12 * 4   # some rows missing, none empty
    assert set(df[(df.indicator == "rppa_aktif") & (df.year == 2025) &
                  df.region_code.isin(["33.07.02", "33.07.07", "33.07.09", "33.07.12"])]["value"]) == {1}
