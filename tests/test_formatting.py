from berdaya_core import formatting as fmt


def test_indonesian_numbers():
    assert fmt.angka(1234.5) == "1.234,5"
    assert fmt.angka(1234567.891, 2) == "1.234.567,89"
    assert fmt.angka(0) == "0,0"
    assert fmt.persen(12.345) == "12,3%"
    assert fmt.bertanda(1.5) == "+1,5" and fmt.bertanda(-2) == "−2,0" and fmt.bertanda(0) == "±0,0"
    assert fmt.rupiah(2500000) == "Rp2.500.000"


def test_missing_is_shown_as_missing_never_zero():
    for x in (None, float("nan"), "abc"):
        assert fmt.angka(x) == "tidak ada data"
        assert fmt.persen(x) == "tidak ada data"
    assert fmt.angka(None, missing="–") == "–"


def test_negative_numbers_use_the_minus_sign():
    assert fmt.angka(-1234.5) == "−1.234,5"
    assert fmt.persen(-2.25, 2) == "−2,25%"


def test_decimals_needed():
    assert fmt.desimal_perlu([7, 12.0, None]) == 0
    assert fmt.desimal_perlu([7.05, 3.1]) == 2
    assert fmt.desimal_perlu([1.25], maks=1) == 1
    assert fmt.desimal_perlu([]) == 0
