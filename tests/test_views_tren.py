"""Tren views: CAGR and changes by hand, gaps as NaN, targets, the two IPM series kept apart."""
import math

import pandas as pd
import pytest
from conftest import ROOT

from berdaya_core.views import tren

PILOTS = ["33.07.02", "33.07.07", "33.07.09", "33.07.12"]


def _traces(fig, name):
    return [t for t in fig.data if t.name == name]


def test_cagr_and_change_of_wonosobo_poverty_by_hand(real_store):
    # BPS P0 Kabupaten Wonosobo: 2020 = 17,36%, 2024 = 15,28%
    cagr = (15.28 / 17.36) ** (1 / 4) - 1
    assert round(100 * cagr, 1) == -3.1
    d = tren.deret(real_store, ["ind:kemiskinan_pct"], ["33.07"], 2020, 2024)
    row = d["table"].iloc[0]
    assert row["Awal"] == "2020: 17,36%" and row["Akhir"] == "2024: 15,28%"
    assert row["Perubahan"] == "−2,08 poin" and row["CAGR (% per tahun)"] == "−3,1%"
    line = _traces(d["fig"], "Kabupaten Wonosobo (Jawa Tengah)")[0]
    assert list(line.x) == [2020, 2021, 2022, 2023, 2024]
    assert list(line.y) == [17.36, 17.67, 16.17, 15.58, 15.28]
    assert "CAGR 2020–2024: −3,1% per tahun" in line.customdata[0][2]
    assert "perubahan 2020–2024: −2,08 poin" in line.customdata[0][2]
    # the change is also written at the end of the line
    assert any(a.text == "−2,08 poin · CAGR −3,1%/th" for a in d["fig"].layout.annotations)


def test_year_range_limits_the_cagr(real_store):
    d = tren.deret(real_store, ["ind:kemiskinan_pct"], ["33.07"], 2022, 2024)
    cagr = 100 * ((15.28 / 16.17) ** (1 / 2) - 1)
    assert d["table"].iloc[0]["CAGR (% per tahun)"] == f"{cagr:+.1f}%".replace("-", "−").replace(".", ",")


def test_missing_year_is_a_gap_not_zero(real_store):
    # SSGI Wonosobo: 2021 28,1; 2022 22,7; 2023 no SSGI (a different, unnamed survey); 2024 23,9
    d = tren.deret(real_store, ["ind:stunting_pct_ssgi"], ["33.07"], None, None)
    line = _traces(d["fig"], "Kabupaten Wonosobo (Jawa Tengah)")[0]
    assert list(line.x) == [2021, 2022, 2023, 2024]
    assert line.y[0] == 28.1 and line.y[1] == 22.7 and math.isnan(line.y[2]) and line.y[3] == 23.9
    assert 0 not in list(line.y) and line.connectgaps is False
    assert d["table"].iloc[0]["Tahun tanpa data"] == "2023"
    # the 2023 figure of the unnamed survey is a separate indicator and never enters this line
    assert 29.2 not in list(line.y)


def test_gap_series_helper():
    df = pd.DataFrame({"year": [2018, 2021, 2019], "value": [1.0, 4.0, 2.0]})
    s = tren.gap_series(df)
    assert list(s.index) == [2018, 2019, 2020, 2021] and math.isnan(s[2020]) and s[2021] == 4.0
    sm = tren.line_summary(s, is_score=False)
    assert sm["change"] == 3.0 and sm["cagr_pct"] == pytest.approx(100 * (4 ** (1 / 3) - 1))
    assert math.isnan(tren.line_summary(s, is_score=True)["cagr_pct"])   # no CAGR of relative scores


def test_two_ipm_series_are_never_spliced(real_store):
    d = tren.deret(real_store, ["ind:ipm_uhh_sp2010", "ind:ipm_uhh_lfsp2020"], ["32"], None, None)
    raw = pd.read_csv(ROOT / "data/stats/jabar_kabkota.csv", dtype={"region_code": str})
    prov = raw[raw.region_code == "32"]
    lines = [t for t in d["fig"].data if t.name == "Provinsi Jawa Barat"]
    assert len(lines) == 2 and {t.yaxis for t in lines} == {"y", "y2"}      # separate panels
    for t, iid in zip(lines, ["ipm_uhh_sp2010", "ipm_uhh_lfsp2020"]):
        series = prov[prov.indicator == iid].set_index("year").value
        assert [v for v in t.y if not math.isnan(v)] == list(series.sort_index())
    # Jabar 2024: SP2010 series 74,43, LF SP2020 series 74,92 — each in its own line
    assert lines[0].y[-1] == 74.43 and lines[1].y[-1] == 74.92
    assert any("tidak pernah disambung" in n for n in d["notes"])
    keys = [k for k, _ in tren.options(real_store, "wjde", 2024, [])["metrics"]]
    assert "ind:ipm_uhh_sp2010" in keys and "ind:ipm_uhh_lfsp2020" in keys


def test_target_line_from_framework_marked_assumption(real_store):
    d = tren.deret(real_store, ["ind:kemiskinan_pct"], ["32.73"], None, None)
    assert any(s.y0 == 6.0 and s.y1 == 6.0 for s in d["fig"].layout.shapes)
    assert any("Target 2026: 6,00% (asumsi)" in (a.text or "") for a in d["fig"].layout.annotations)
    assert max(d["fig"].layout.xaxis.range) > 2026          # the target year is on the axis
    # stunting 14% (Perpres 72/2021) is not an assumption
    s = tren.deret(real_store, ["ind:stunting_pct_ssgi"], ["32.73"], None, None)
    ann = [a.text for a in s["fig"].layout.annotations if a.text and a.text.startswith("Target")]
    assert ann and "asumsi" not in ann[0]
    # Jawa Tengah is outside the WJDE scope: no WJDE target for Wonosobo
    w = tren.deret(real_store, ["ind:kemiskinan_pct"], ["33.07"], None, None)
    assert not w["fig"].layout.shapes


def test_framework_scores_have_no_cagr(real_store):
    d = tren.deret(real_store, ["komposit:wjde"], ["32.73"], None, None)
    assert d["table"].iloc[0]["CAGR (% per tahun)"] == "tidak dihitung (skor)"
    assert any("goalposts" in n for n in d["notes"])
    k = tren.deret(real_store, ["komposit:kecamatan_berdaya"], PILOTS, None, None)
    assert k["illustrative"] and any("posisi relatif" in n for n in k["notes"])


def test_pilot_small_multiples(real_store):
    d = tren.percontohan(real_store, "ind:sport_pct_warga_aktif")
    titles = [a.text for a in d["fig"].layout.annotations][:4]
    assert [t.split("</b>")[0].removeprefix("<b>") for t in titles] == ["Kepil", "Kalikajar", "Wonosobo", "Garung"]
    raw = pd.read_csv(ROOT / "data/illustrative/kecamatan_berdaya_pilar.csv", dtype={"region_code": str})
    v = raw[(raw.indicator == "sport_pct_warga_aktif") & ~raw.region_code.isin(PILOTS)]
    ref = v.groupby("year").value.mean()
    ref_line = [t for t in d["fig"].data if t.name == "Rata-rata 11 kecamatan lain"][0]
    assert list(ref_line.x) == [2022, 2023, 2024, 2025]
    assert list(ref_line.y) == pytest.approx(list(ref))
    kepil = [t for t in d["fig"].data if t.name == "Kecamatan percontohan"][0]
    k = raw[(raw.indicator == "sport_pct_warga_aktif") & (raw.region_code == "33.07.02")].sort_values("year")
    assert list(kepil.y) == list(k.value)
    cagr = 100 * ((18.7 / 11.0) ** (1 / 3) - 1)                    # Kepil 2022 → 2025
    assert d["table"].iloc[0]["CAGR (% per tahun)"] == f"+{cagr:.1f}%".replace(".", ",")
    assert "ilustrasi" in d["fig"].layout.title.text and d["illustrative"]
    assert any(s.y0 == 30 for s in d["fig"].layout.shapes)          # target 30% (asumsi)
    assert any("8 kecamatan" in n for n in d["notes"])               # 2023: only 8 others have data
