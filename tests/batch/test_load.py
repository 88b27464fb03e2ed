"""The content fingerprint's canonical values (batch.load._canon)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from lkj_excel.batch.load import _canon


class _Dec(Decimal):
    pass


class _Str(str):
    __slots__ = ()


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_a_decimal_and_its_subclass_canon_alike(d: Decimal) -> None:
    assert _canon(d) == _canon(_Dec(d))
    if d.is_finite() and len(d.as_tuple().digits) <= 28:  # normalize() rounds to the
        assert Decimal(_canon(d)) == d                      # context's 28 digits


@given(st.text())
def test_a_str_and_its_subclass_canon_alike(s: str) -> None:
    assert _canon(s) == _canon(_Str(s)) == " ".join(s.split())


def test_canon_values() -> None:
    assert _canon(Decimal("1.50")) == "1.5" == _canon(1.5)
    assert _canon(Decimal("1E+2")) == "100" == _canon(100)
    assert _canon(True) is True and _canon(None) is None
