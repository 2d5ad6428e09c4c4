"""Reading people's answers: amounts, dates, yes/no, whole numbers, choices; bad input in Chinese."""

import re
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError, evaluate, get_measure
from calculators.fields import FIELDS, parse_amount, parse_bool, parse_date, parse_field
from calculators.format import format_amount, format_yuan

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("800万", "8000000"),
        ("八百五十万元", "8500000"),
        ("1.2亿", "120000000"),
        ("８００万", "8000000"),
        ("8,000,000", "8000000"),
        ("120万度", "1200000"),
        ("5万方", "50000"),
        ("350万美元", "3500000"),
        ("3.5万千瓦时", "35000"),
        ("1亿2000万", "120000000"),
        ("两千万", "20000000"),
        ("一万零五百", "10500"),
        ("十五万", "150000"),
        ("三千五百万", "35000000"),
        ("零", "0"),
        (" 1 200 ", "1200"),
        ("4950万元", "49500000"),
        ("1000立方米", "1000"),
        ("2.5万m³", "25000"),
        ("15000.5元", "15000.5"),
        (8000000, "8000000"),
        (0.1, "0.1"),  # a JSON float read as written, not as its binary value
        (D("12.34"), "12.34"),
    ],
)
def test_amounts_as_people_write_them(text, value):
    assert parse_amount(text) == D(value)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("-5", "不能为负数"),
        ("负100万", "不能为负数"),
        (-1, "不能为负数"),
        ("", "不能为空"),
        ("   ", "不能为空"),
        ("abc", "不是有效数字"),
        ("一二三", "不是有效数字"),
        ("万", "不是有效数字"),
        ("800万万元元", "不是有效数字"),
        ("100万亿", "超过10万亿"),  # the ceiling: 1e13 of any unit
        (10**14, "超过10万亿"),
        (True, "应为数字"),
        (float("nan"), "有限数字"),
    ],
)
def test_bad_amounts_are_refused_in_chinese(text, says):
    with pytest.raises(InputError) as exc:
        parse_amount(text, "销售额")
    assert says in exc.value.message and exc.value.message.startswith("销售额")
    assert "请输入如" in exc.value.message


def test_the_ceiling_itself_is_accepted():
    assert parse_amount("10万亿") == D("1e13")


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-15",
        "2024年3月15日",
        "2024/3/15",
        "2024.3.15",
        "20240315",
        "２０２４－０３－１５",
        date(2024, 3, 15),
    ],
)
def test_dates(text):
    assert parse_date(text) == date(2024, 3, 15)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2024-02-30", "不存在"),
        ("2023-02-29", "不存在"),
        ("2024-13-01", "不存在"),
        ("", "不能为空"),
        ("昨天", "无法识别"),
        ("1900-01-01", "超出合理范围"),
    ],
)
def test_bad_dates(text, says):
    with pytest.raises(InputError) as exc:
        parse_date(text)
    assert says in exc.value.message
    assert "2024-03-15" in exc.value.message or "请检查" in exc.value.message


def test_leap_day_is_a_real_date():
    assert parse_date("2024-02-29") == date(2024, 2, 29)


@pytest.mark.parametrize("text", ["是", "对", "有", "y", "Y", "yes", "true", "1", 1, True, "是的"])
def test_yes(text):
    assert parse_bool(text) is True


@pytest.mark.parametrize("text", ["否", "不是", "没有", "n", "no", "false", "0", 0, False, "无"])
def test_no(text):
    assert parse_bool(text) is False


@pytest.mark.parametrize(
    ("name", "text", "value"),
    [
        ("entry_type", "new_build", "new_build"),
        ("entry_type", "新建投产入规", "new_build"),
        ("entry_type", "老上规", "upgrade"),
        ("entry_type", "规下转规上", "upgrade"),
        ("sector", "商贸", "commerce"),
        ("sector", "服务业", "services"),
        ("exporter_type", "生产型", "production"),
        ("exporter_type", "贸易型", "trade"),
        ("enterprise_status", "新入库", "new_entry"),
        ("enterprise_status", "在库", "existing"),
        ("statisticians", "3人", 3),
        ("statisticians", "三", 3),
        ("statisticians", 0, 0),
        ("months", "十二个月", 12),
        ("months", 1, 1),
        ("specialized_sme_approved_on", "2024年3月31日", date(2024, 3, 31)),
        ("specialized_sme_approved_on", "否", None),
        ("specialized_sme_approved_on", "无", None),
        ("specialized_sme_approved_on", "没有", None),
        ("specialized_sme_approved_on", None, None),
        ("specialized_sme_approved_on", "null", None),
    ],
)
def test_fields(name, text, value):
    assert parse_field(name, text) == value


# Bad input at every field: each kind's wrong answers.
BAD = {
    "amount": ["-5", "", "不是数字", "100万亿"],
    "bool": ["", "也许", "2"],
    "date": ["", "2024-02-30", "2024-13-01", "明天"],
    "optional_date": ["", "2024-02-30", "明天"],
    "int": ["-1", "", "几个", "2.5", "1000000"],
    "enum": ["", "其他"],
}
CASES = [(name, bad) for name, spec in FIELDS.items() for bad in BAD[spec.kind]]
CASES += [("months", 0), ("months", 13), ("months", "0"), ("months", "13个月")]


def measure_of(field: str) -> str:
    return next(m for m in map(str, range(1, 10)) if field in get_measure(m).fields)


@pytest.mark.parametrize(("name", "bad"), CASES, ids=[f"{n}={b!r}" for n, b in CASES])
def test_bad_input_at_every_field(name, bad):
    with pytest.raises(InputError) as exc:
        evaluate(measure_of(name), {name: bad})
    assert exc.value.field == name
    assert CJK.search(exc.value.message) and "请" in exc.value.message
    assert FIELDS[name].label in exc.value.message


def test_unknown_and_foreign_fields():
    with pytest.raises(InputError) as exc:
        evaluate("1", {"sales": 1})
    assert exc.value.field == "sales" and "未知字段" in exc.value.message
    with pytest.raises(InputError) as exc:
        evaluate("1", {"gas_2024q1_m3": 1}, strict=True)
    assert exc.value.field == "gas_2024q1_m3" and "第1条不使用" in exc.value.message
    # lenient (the chat passes everything it knows): another measure's field is ignored
    est = evaluate("1", {"gas_2024q1_m3": 1, "above_scale_industrial": True, "sales_increase_yuan": 0})
    assert est.award_yuan == 0


def test_missing_field_names_it_with_the_question():
    with pytest.raises(InputError) as exc:
        evaluate("3", {"above_scale_industrial": True, "in_county": True})
    assert exc.value.field == "gas_2024q1_m3" and FIELDS["gas_2024q1_m3"].question in exc.value.message


def test_every_field_is_described_for_the_chat():
    for spec in FIELDS.values():
        assert CJK.search(spec.label) and "？" in spec.question and spec.example
        parse_field(spec.name, spec.example)  # the example itself is accepted
        if spec.kind == "bool":
            assert spec.assume_if_unknown is not None and spec.assumption_text.startswith("若")
        if spec.kind == "enum":
            assert all(words for words in spec.choices.values())


amounts = st.decimals(min_value=0, max_value=D("1e12"), places=2, allow_nan=False, allow_infinity=False)


@given(amounts)
def test_amount_round_trips_through_its_display(value):
    assert parse_amount(format_amount(value, "元")) == value
    assert parse_amount(format_yuan(value).split(" 元")[0]) == value


@given(amounts)
def test_amount_round_trips_in_wan(value):
    assert parse_amount(f"{value / 10_000}万") == value


def to_chinese(n: int) -> str:
    """A whole number below 1亿 in Chinese numerals, as a person would write it."""
    digits = "零一二三四五六七八九"

    def below_wan(k: int) -> str:
        out, zero = "", False
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d = k // size % 10
            if d:
                out += ("零" if zero and out else "") + digits[d] + unit
                zero = False
            else:
                zero = True
        return out

    if n == 0:
        return "零"
    high, low = divmod(n, 10_000)
    text = below_wan(high) + "万" if high else ""
    if low:
        text += ("零" if high and low < 1000 else "") + below_wan(low)
    return text


@given(st.integers(min_value=0, max_value=99_999_999))
def test_chinese_numerals_round_trip(n):
    assert parse_amount(to_chinese(n) + "元") == n
