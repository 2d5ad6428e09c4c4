"""One reader of quantities (calculators/quantity.py): number, unit, and which field a unit may go to.

Each item of issue 9's list has a row here. The same reader is behind answers to the chat's prompts
(parse_field), calc/check JSON values (evaluate) and batch cells (parse_field), and the figures
inside a question (find_quantities, used by assistant/extract.py).
"""

from decimal import Decimal as D

import pytest

from calculators import InputError, evaluate
from calculators.fields import parse_amount, parse_field
from calculators.quantity import QuantityError, find_quantities, normalise, read_quantity


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        # thousands separators in real groups of three
        ("1,650万", "16500000", None),
        ("36,500,000元", "36500000", "元"),
        ("１，６５０万", "16500000", None),  # full-width digits and comma (NFKC)
        # decimals
        ("2.6万方", "26000", "立方米"),
        ("1.2亿", "120000000", None),
        ("三点五万", "35000", None),
        ("0.5万元", "5000", "元"),
        # full-width digits
        ("８００万", "8000000", None),
        # currency marks
        ("￥8,000,000", "8000000", "元"),
        ("$3,500,000", "3500000", "美元"),
        ("800万元人民币", "8000000", "元"),
        ("800万块", "8000000", "元"),
        ("人民币800万", "8000000", "元"),
        ("350万美金", "3500000", "美元"),
        # chat shorthand
        ("1000w", "10000000", None),
        ("1000W", "10000000", None),
        ("5k", "5000", None),
        ("3.5w元", "35000", "元"),
        # Chinese and mixed numerals, compounds included
        ("两万三千", "23000", None),
        ("一万二千五百", "12500", None),
        ("三千六百五十万", "36500000", None),
        ("1亿2000万", "120000000", None),
        ("3千5百万", "35000000", None),
        ("2万3千", "23000", None),
        ("一千二", "1200", None),
        ("1万2", "12000", None),
        # units: money, electricity, gas, people, months
        ("800万元", "8000000", "元"),
        ("1.2亿元", "120000000", "元"),
        ("350万美元", "3500000", "美元"),
        ("120万千瓦时", "1200000", "千瓦时"),
        ("3.5万千瓦时", "35000", "千瓦时"),  # 千瓦时 is one unit, not 千 × 瓦时
        ("150万度", "1500000", "千瓦时"),
        ("100万kWh", "1000000", "千瓦时"),
        ("3万度", "30000", "千瓦时"),
        ("5000立方米", "5000", "立方米"),
        ("5万方", "50000", "立方米"),
        ("2.5万m³", "25000", "立方米"),
        ("3人", "3", "人"),
        ("2名", "2", "人"),
        ("1位", "1", "人"),
        ("3个", "3", "个"),
        ("10个月", "10", "月"),
        ("十二个月", "12", "月"),
    ],
)
def test_a_quantity_is_read_with_its_unit(text, value, unit):
    q = read_quantity(text)
    assert (q.value, q.unit) == (D(value), unit)


@pytest.mark.parametrize("text", ["1,2亿", "0,06亿", "1,234,5", "12,34万", "1,2345"])
def test_commas_that_are_not_thousands_are_refused_not_guessed(text):
    with pytest.raises(QuantityError) as exc:
        read_quantity(text)
    assert "逗号" in exc.value.message and "每三位一组" in exc.value.message
    with pytest.raises(InputError) as exc:
        parse_field("sales_2024q1_yuan", text)
    assert "逗号" in exc.value.message and "请输入如" in exc.value.message


@pytest.mark.parametrize("text", ["一千一千", "五百六百", "一万一万", "五百六百万", "1万2万", "三千四千"])
def test_impossible_orders_are_refused_not_added_up(text):
    with pytest.raises(InputError) as exc:
        parse_amount(text, "销售额")
    assert exc.value.message.startswith(f"销售额“{text}”不是有效数字")


@pytest.mark.parametrize(
    ("field", "text", "says"),
    [
        ("fdi_2024q1_usd", "350万元", "您说的 350万元 是人民币；2024年一季度实际利用外资按美元计，请给出"),
        ("fdi_2024q1_usd", "500万人民币", "是人民币"),
        ("export_2024_usd", "￥200万", "按美元计"),
        ("sales_2024q1_yuan", "350万美元", "是美元；2024年一季度销售额按人民币元计"),
        ("gas_2024q1_m3", "3万度", "是千瓦时（度，电量）；2024年一季度天然气使用量应以立方米"),
        ("power_2024q1_kwh", "120万方", "是立方米（方，用气量）；2024年一季度工业用电量应以千瓦时"),
        ("power_2023q1_kwh", "100万元", "是人民币（元）"),
        ("months", "3人", "是人数；持续出数月数应以月数计"),
        ("statisticians", "10个月", "是月数；统计人员人数应以人数计"),
    ],
)
def test_a_figure_whose_unit_does_not_fit_the_field_is_never_stored(field, text, says):
    with pytest.raises(InputError) as exc:
        parse_field(field, text)
    assert exc.value.field == field and says in exc.value.message and "如" in exc.value.message


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        ("fdi_2024q1_usd", "350万", D(3_500_000)),  # no unit: the field's own
        ("fdi_2024q1_usd", "$3,500,000", D(3_500_000)),
        ("sales_2024q1_yuan", "￥8,000,000", D(8_000_000)),
        ("sales_2024q1_yuan", "800万块", D(8_000_000)),
        ("gas_2024q1_m3", "5万方", D(50_000)),
        ("power_2024q1_kwh", "150万kwh", D(1_500_000)),
        ("statisticians", "3个", 3),
        ("months", "10个", 10),
        ("months", "12月", 12),
    ],
)
def test_a_figure_in_the_fields_unit_or_none_is_taken(field, text, value):
    assert parse_field(field, text) == value


def test_calc_json_values_go_through_the_same_reader():
    with pytest.raises(InputError) as exc:
        evaluate("9", {"fdi_2024q1_usd": "350万元"}, strict=True)
    assert exc.value.field == "fdi_2024q1_usd" and "是人民币" in exc.value.message
    est = evaluate("9", {"fdi_2024q1_usd": "$3,500,000"}, strict=True)
    assert est.award_yuan > 0


def test_figures_inside_a_sentence_keep_commas_and_skip_dates_counters_and_words():
    found = find_quantities(normalise("一季度用电2,400,000度，去年同期2,100,000度，第5条，增长15%，3台设备"))
    read = [(f.text, f.quantity.value if f.quantity else None, f.counter) for f in found]
    assert read == [
        ("2,400,000度", D(2_400_000), None),
        ("2,100,000度", D(2_100_000), None),
        ("5", None, "第"),
        ("15", None, "%"),
        ("3", None, "台"),
    ]  # 一季度's 一 is a word, not a figure


def test_a_bad_comma_inside_a_sentence_is_a_problem_not_a_figure():
    [f] = find_quantities(normalise("销售1,2亿"))
    assert f.quantity is None and "逗号" in (f.problem or "")


def test_batch_cells_go_through_the_same_reader():
    from assistant.outreach.batch import RowChecker
    from assistant.outreach.batch_layout import resolve_header

    checker = RowChecker(resolve_header(["name", "fdi_2024q1_usd", "gas_2024q1_m3"]), None, False)
    result = checker.check(2, ["甲公司", "350万元", "3万度"])
    assert result.failed
    errors = str(result.cells[-1])
    assert "350万元 是人民币" in errors and "3万度 是千瓦时" in errors
    assert not checker.check(3, ["乙公司", "$3,500,000", "5万方"]).failed
