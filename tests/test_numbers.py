"""Chinese numerals as people say them: a bare last digit after 百千万亿 is one step below that unit."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError
from calculators.fields import parse_amount
from tests.test_parse import to_chinese

DIGITS = "一二三四五六七八九"
UNITS = {"百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
# The unit one step below each, written out in full (一亿二 is 一亿二千万).
BELOW = {"百": "十", "千": "百", "万": "千", "亿": "千万"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一千二", 1200),
        ("三千五", 3500),
        ("一万二", 12_000),
        ("两百五", 250),
        ("一百一", 110),
        ("一亿二", 120_000_000),
        ("一万二千五", 12_500),  # the rule applies to the last section too
        ("三千五元", 3500),  # with a unit after it
        ("一千二百万", 12_000_000),
        ("1万2", 12_000),
        ("3千5", 3500),
        ("1亿2", 120_000_000),
        ("1.2万", 12_000),
        ("1万2000", 12_000),
        # Unchanged: a digit after 十, after 零, or not last; a last unit.
        ("二十三", 23),
        ("十二", 12),
        ("一千零二", 1002),
        ("一万零五", 10_005),
        ("1万零2", 10_002),
        ("一千二百", 1200),
        ("八百五十万", 8_500_000),
        ("三千五百万", 35_000_000),
        ("一千", 1000),
        ("1万25", 10_025),  # two digits are a figure of their own, not a colloquial tail
    ],
)
def test_colloquial_numerals(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["万2", "万二", "一二三", "1万2.5.1"])
def test_broken_numerals_are_refused_in_chinese(text):
    with pytest.raises(InputError) as exc:
        parse_amount(text, "销售额")
    assert exc.value.message == f"销售额“{text}”不是有效数字，请输入如 800万 或 8000000"


@pytest.mark.parametrize("text", ["一二", "一千二三", "六七百万"])
def test_two_neighbouring_digits_are_refused_as_a_range(text):
    with pytest.raises(InputError) as exc:
        parse_amount(text, "销售额")
    assert "约数" in exc.value.message and text in exc.value.message


digit = st.integers(1, 9)
unit = st.sampled_from(sorted(UNITS))


@given(digit, unit, digit)
def test_short_form_equals_the_full_form_and_the_arabic_one(lead, unit, tail):
    short = f"{DIGITS[lead - 1]}{unit}{DIGITS[tail - 1]}"  # 一千二
    full = short + BELOW[unit]  # 一千二百
    value = D(lead * UNITS[unit] + tail * UNITS[unit] // 10)
    assert parse_amount(short) == parse_amount(full) == parse_amount(f"{lead}{unit}{tail}") == value


@given(digit, unit, digit)
def test_zero_between_keeps_the_digits_face_value(lead, unit, tail):
    assert parse_amount(f"{DIGITS[lead - 1]}{unit}零{DIGITS[tail - 1]}") == lead * UNITS[unit] + tail


@given(st.integers(1, 9), st.integers(0, 9))
def test_a_digit_after_ten_is_units(tens, ones):
    text = f"{DIGITS[tens - 1]}十" + (DIGITS[ones - 1] if ones else "")
    assert parse_amount(text) == tens * 10 + ones


# A full numeral whose last digit sits right after the unit one step above its own (一万二千,
# 三千五百, 四百五十) says the same with its last unit dropped (一万二, 三千五, 四百五).
@given(
    st.integers(0, 9999),
    st.sampled_from(["万千", "千百", "百十"]),
    st.integers(0, 9),
    digit,
    digit,
)
def test_dropping_the_last_unit_keeps_the_value(high, units, thousands, lead, tail):
    if units == "万千":
        n = (high or 1) * 10_000 + tail * 1000
    elif units == "千百":
        n = high * 10_000 + lead * 1000 + tail * 100
    else:
        n = high * 10_000 + thousands * 1000 + lead * 100 + tail * 10
    full = to_chinese(n)
    assert full.endswith(f"{units[0]}{DIGITS[tail - 1]}{units[1]}")
    assert parse_amount(full[:-1]) == parse_amount(full) == n
