"""Properties every calculator keeps, whatever the figures: never negative, never above the cap,
non-decreasing as the growth figure grows, zero below the threshold, the same input the same result."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from calculators import evaluate
from corpus import load_parameters
from tests.test_calc_energy import AS_OF, gas, power

P = {k: v.decimal for k, v in load_parameters().items() if v.unit != "date"}
money = st.decimals(min_value=0, max_value=D("1e9"), places=2, allow_nan=False, allow_infinity=False)
pairs = st.tuples(money, money).map(sorted)


def m1(increase):
    return evaluate("1", {"above_scale_industrial": True, "sales_increase_yuan": increase}, AS_OF).award_yuan


def m2(before, after, strategic=False):
    return power(before, after, strategic=strategic).award_yuan


def m3(volume, approved=None):
    return gas(volume, approved).award_yuan


def m9(usd):
    return evaluate("9", {"fdi_2024q1_usd": usd}, AS_OF).award_yuan


@given(pairs)
def test_sales_award_bounded_monotone_and_zero_below_threshold(pair):
    low, high = pair
    a, b = m1(low), m1(high)
    assert 0 <= a <= b <= P["m1_cap_yuan"]
    if low < P["m1_threshold_yuan"]:
        assert a == 0
    else:
        assert a >= P["m1_base_award_yuan"]
    assert a % P["m1_step_award_yuan"] == 0  # whole steps only


@given(st.decimals(min_value=1, max_value=D("1e8"), places=0), pairs, st.booleans())
def test_power_award_bounded_monotone_in_this_years_use(before, pair, strategic):
    low, high = before + pair[0], before + pair[1]
    a, b = m2(before, low, strategic), m2(before, high, strategic)
    assert 0 <= a <= b <= P["m2_cap_yuan"]
    assert a == 0 or a >= P["m2_minimum_yuan"]
    if (low - before) * 100 < before * P["m2_growth_threshold_percent"]:
        assert a == 0


@given(pairs, st.sampled_from([None, "2024-03-31", "2024-04-01"]))
def test_gas_award_bounded_monotone_and_zero_below_minimum(pair, approved):
    low, high = pair
    a, b = m3(low, approved), m3(high, approved)
    assert 0 <= a <= b <= P["m3_cap_yuan"]
    if low < P["m3_minimum_m3"]:
        assert a == 0


@given(money)
def test_the_specialized_rate_never_pays_less(gas):
    assert m3(gas, "2024-03-31") >= m3(gas)


@given(pairs)
def test_foreign_investment_funds_monotone_in_whole_steps(pair):
    a, b = m9(pair[0]), m9(pair[1])
    assert 0 <= a <= b and a % P["m9_step_award_yuan"] == 0
    if pair[0] < P["m9_step_usd"]:
        assert a == 0


@given(st.integers(0, 50), st.integers(1, 12), st.sampled_from(["new_entry", "existing"]))
def test_statistics_staff_award_grows_with_months(people, months, status):
    def award(m):
        data = {
            "enterprise_status": status,
            "continuous_reporting": True,
            "statisticians": people,
            "months": m,
        }
        return evaluate("7", data, AS_OF).award_yuan

    assert 0 <= award(months) <= award(min(months + 1, 12))


@given(money)
def test_same_input_same_result(increase):
    data = {"above_scale_industrial": True, "sales_increase_yuan": str(increase)}
    assert evaluate("1", data, AS_OF) == evaluate("1", dict(data), AS_OF)
