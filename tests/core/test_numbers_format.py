"""format_angka writes Indonesian figures itself (the button's speed): it must equal Babel's
``format_decimal`` with locale id, which stays the reference."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from lkj_excel.core.numbers import format_angka, format_angka_babel, format_persen, format_rupiah

values = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=Decimal("-1e20"),
                max_value=Decimal("1e20"), places=6),
    st.integers(min_value=-10**18, max_value=10**18),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
)


@settings(max_examples=400, deadline=None)
@given(values, st.integers(min_value=0, max_value=6), st.booleans())
def test_format_angka_equals_babel(value, digits: int, fixed: bool) -> None:
    assert format_angka(value, digits, fixed) == format_angka_babel(value, digits, fixed)


def test_known_figures() -> None:
    assert format_angka(1455472897) == "1.455.472.897"
    assert format_angka(Decimal("95.676"), 2) == "95,68"
    assert format_angka(Decimal("-0.001"), 2) == format_angka_babel(Decimal("-0.001"), 2)
    assert format_angka(Decimal("100"), 2, fixed=False) == "100"
    assert format_angka(Decimal("66.40"), 2, fixed=False) == "66,4"
    assert format_persen(Decimal("95.676")) == "95,68%"
    assert format_rupiah(33660129080) == "Rp\u00a033.660.129.080,00"
    assert format_rupiah(-1234.5) == "-Rp\u00a01.234,50"
