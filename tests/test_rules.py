"""The rule layer: each measure is one declaration, and what is derived from it holds."""

import dataclasses
import random
import re
from datetime import date
from decimal import Decimal

import pytest

from assistant.training.scenarios import _STORIES, generate
from calculators import MEASURE_IDS, evaluate, get_measure, needed_fields
from calculators.amounts import WholeSteps
from calculators.base import Draft, param
from calculators.boundaries import all_points, boundary_case, figures
from calculators.conditions import AtLeast, Growth, Must
from calculators.parts import Gate, Given
from calculators.readings import READINGS
from calculators.rules import Paths, Rule, every_part
from corpus import load_parameters

AS_OF = date(2024, 3, 15)
COMPUTABLE = [m for m in MEASURE_IDS if get_measure(m).computable]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple | list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if dataclasses.is_dataclass(value):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    return []


@pytest.mark.parametrize("mid", MEASURE_IDS)
def test_every_measure_is_a_declaration_naming_real_parameters_and_readings(mid):
    rule = get_measure(mid).rule
    assert isinstance(rule, Rule) and rule.measure_id == mid
    params, named = load_parameters(), set()
    for part in every_part(rule.parts):
        for s in _strings(part):
            named |= set(re.findall(r"\{(?:yuan|quote|p|day)\[(\w+)\]\}", s))
            if re.fullmatch(r"m\d+_\w+", s):
                assert s in params or s in READINGS, (mid, s)
    assert named <= set(params), named - set(params)
    assert get_measure(mid).fields == rule.field_order()


def test_a_condition_is_stated_once():
    """第1条's 规上 condition: one part, used by the early stop and the trace alike."""
    rule = get_measure("1").rule
    musts = [p for p in every_part(rule.parts) if isinstance(p, Must)]
    assert [m.name for m in musts] == ["above_scale_industrial"]
    early = evaluate("1", {"above_scale_industrial": False}, AS_OF)
    full = evaluate("1", {"above_scale_industrial": False, "sales_increase_yuan": 9_000_000}, AS_OF)
    assert early.unmet[0] == full.unmet[0]


# A measure that is not in the notice, made only of parts that exist: it needs no new function.
NEW = Rule(
    "3",
    "NewInput",
    (
        Must("in_county", True, "在县域内", "须在县域内。"),
        Paths(
            "above_scale_industrial",
            {True: (Gate(),), False: (Must("counted_2024", True, "纳统", "须纳统。"),)},
        ),
        AtLeast(
            Given("gas_2024q1_m3"),
            "m3_minimum_m3",
            field="gas_2024q1_m3",
            condition="用气 {threshold}（含）以上",
            reason="用气 {value}。",
            short="还差 {gap}",
        ),
        Gate(),
        WholeSteps(
            Given("gas_2024q1_m3"),
            "m3_minimum_m3",
            "m4_award_yuan",
            cap="m3_cap_yuan",
            lines=(("按档计", "⌊{figure} ÷ {step}⌋", "{n} 档"),),
            more="再用 {more} 可多得 {yuan[m4_award_yuan]}",
        ),
    ),
)


def test_a_new_measure_of_the_same_kinds_needs_no_new_function():
    measure = NEW.measure()
    model = measure.input_model
    assert measure.fields == ("in_county", "above_scale_industrial", "counted_2024", "gas_2024q1_m3")
    assert measure.needed(model()) == ["in_county", "above_scale_industrial", "gas_2024q1_m3"]
    assert measure.needed(model(above_scale_industrial=False)) == [
        "in_county",
        "counted_2024",
        "gas_2024q1_m3",
    ]
    # the early stop: conditions already failing on partial data, with the near-miss guidance
    partial = model(in_county=False, gas_2024q1_m3=Decimal(999))
    assert [u.field for u in measure.conditions(partial)] == ["in_county", "gas_2024q1_m3"]
    assert measure.near_miss(partial) == ["还差 1 立方米"]
    est = measure.compute(
        model(in_county=True, above_scale_industrial=True, gas_2024q1_m3=Decimal(3500)), Draft("3"), AS_OF
    )
    assert est.award_yuan == 3 * param("m4_award_yuan") and est.eligible
    assert [s.value for s in est.steps if s.description == "按档计"] == ["3 档"]
    assert est.next_step == [f"再用 500 立方米 可多得 {'50,000 元（5 万元）'}"]
    capped = measure.compute(
        model(in_county=True, above_scale_industrial=True, gas_2024q1_m3=Decimal(10**6)), Draft("3"), AS_OF
    )
    assert capped.award_yuan == param("m3_cap_yuan")


def test_a_path_decided_by_the_first_answer():
    assert needed_fields("2", {}) == list(get_measure("2").fields)
    assert needed_fields("2", {"newly_commissioned_2024q1": True}) == [
        "complies_with_industrial_policy",
        "power_2024q1_kwh",
    ]
    assert needed_fields("8", {}) == ["exporter_type"]


def test_fields_out_of_step_with_the_parts_are_refused():
    bad = dataclasses.replace(NEW, fields=("in_county",))
    with pytest.raises(ValueError, match="不一致"):
        bad.field_order()


@pytest.mark.parametrize("mid", COMPUTABLE)
def test_boundary_cases_from_the_declaration_sit_on_its_boundaries(mid):
    rng, rule = random.Random(int(mid)), get_measure(mid).rule
    seen = set()
    for _ in range(150):
        case = boundary_case(rule, rng)
        assert needed_fields(mid, case.data) == [], case
        est = evaluate(mid, case.data, AS_OF)
        seen.add(re.split("[（；]", case.focus)[0])
        if "不满足" in case.focus:
            assert not est.eligible, case
            continue
        if case.focus.startswith(("门槛", "最低额")):
            assert (est.award_yuan == 0) == case.focus.endswith("（略低于）"), case
        if case.focus.startswith("封顶") and not case.focus.endswith("（略低于）"):
            cap = next(p for kind, p in rule.points() if kind == "cap")
            assert est.award_yuan == param(cap), case
    kinds = {kind for kind, _ in rule.points()}
    words = {
        "threshold": "门槛",
        "growth": "增长门槛",
        "step": "每满一档",
        "cap": "封顶",
        "minimum": "最低额",
    }
    assert {words[k] for k in kinds if k in words} <= seen
    if not kinds:  # a fixed award or a rate per person: the path and the conditions are asked
        assert seen == {"条件"}


# Boundaries the hand-told quiz stories do not ask (so far): 第2条's new-plant cap and the 战新
# rate's minimum. Kept exact: a story that starts asking one makes this test say so.
UNASKED = {
    "2": {("封顶", "power_2024q1_kwh", Decimal(35_000_000)), ("最低额", "power_increase", Decimal(10_000))},
}


def _near(value: object, point: object) -> bool:
    if isinstance(point, date):
        return isinstance(value, date) and abs((value - point).days) <= 1
    # within the story's nudge: 1 % of the point, at most 10,000 (a whole 万)
    return isinstance(value, Decimal) and abs(value - point) <= min(10_000, point / 100)


@pytest.mark.parametrize("mid", sorted(_STORIES))
def test_the_quiz_stories_sit_on_the_declared_boundaries(mid):
    """The stories are told by hand; the boundaries they are placed at are the declaration's."""
    rule = get_measure(mid).rule
    scenarios = [s for seed in range(60) for s in generate(10, seed) if s.measure == mid]
    seen = [figures(rule, s.data) for s in scenarios]
    unasked = set()
    for words, name, point in all_points(rule):
        if point is None:  # a growth test: the increase at the percentage of the base
            g = next(p for p in every_part(rule.parts) if isinstance(p, Growth) and p.name == name)
            t = param(g.threshold)
            hit = any(abs(f[g.after] - f[g.before] * (1 + t / 100)) <= 100 for f in seen if g.before in f)
        else:
            hit = any(_near(f.get(name), point) for f in seen)
        if not hit:
            unasked.add((words, name, point))
    assert unasked == UNASKED.get(mid, set())
