"""Boundary cases derived from a declaration (calculators.rules): an input at, just below or just
above one of the measure's thresholds, whole steps, minimums, caps or deadlines, every other
condition met (now and then one failing). The quiz asks these for a measure without a story of
its own; tests use them to prove each declared boundary moves the award.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal
from types import SimpleNamespace

from calculators.amounts import ByAnswer, ByDate, EntryYear, NewOrIncrease, PerPersonMonth, Rate, WholeSteps
from calculators.base import param, param_date
from calculators.conditions import AtLeast, Growth, Must, NonZero, NotAfter
from calculators.fields import FIELDS
from calculators.parts import GivenOrDifference, Step
from calculators.rules import Part, Paths, Rule, every_part

_SIDES = ((0, "恰好在"), (-1, "略低于"), (1, "略高于"))
_FAILING = 0.15  # how often one yes/no condition is taken the other way


@dataclass(frozen=True)
class Case:
    """An input for the measure and the boundary it sits on (e.g. "封顶（略高于）")."""

    data: dict[str, object]
    focus: str


def _chosen(parts: tuple[Part, ...], rng: random.Random, data: dict[str, object]) -> list[Part]:
    """The parts of one path through the declaration, its path answers put into ``data``."""
    out: list[Part] = []
    for part in parts:
        if isinstance(part, Paths):
            if part.name not in data:
                data[part.name] = rng.choice(list(part.branches))
            out += _chosen(part.branches.get(data[part.name], ()), rng, data)
        else:
            out.append(part)
    return out


def _growths(parts: list[Part]) -> dict[str, Growth]:
    return {p.name: p for p in parts if isinstance(p, Growth)}


def _set_figure(data: dict[str, object], name: str, value: Decimal, growths: dict[str, Growth]) -> None:
    """A figure by name: a field, or a Growth's increase (then a base it is twice the threshold of)."""
    value = max(value, Decimal(0))
    if name in growths:
        g = growths[name]
        t = param(g.threshold)
        before = (value * 100 / (2 * t)).to_integral_value(rounding=ROUND_FLOOR) if value else Decimal(10**6)
        data[g.before], data[g.after] = before, before + value
    else:
        data[name] = value


def _points(part: Part, data: dict[str, object], rate: str | None = None) -> list[tuple[str, str, object]]:
    """(focus words, figure or field name, the point) for each boundary the part sets, at the
    rate ``data``'s answers select (or ``rate``)."""
    if isinstance(part, AtLeast):
        return [("门槛", part.source.name, param(part.threshold))]
    if isinstance(part, Growth):
        return [("增长门槛", part.name, None)]
    if isinstance(part, WholeSteps):
        start = param(part.threshold) if part.threshold else Decimal(0)
        step = param(part.step)
        out = [("每满一档", part.source.name, start + step * k) for k in (1, 2, 3)]
        if part.cap:
            base = param(part.base) if part.base else Decimal(0)
            to_cap = (param(part.cap) - base) / param(part.step_award)
            to_cap = to_cap.to_integral_value(rounding=ROUND_FLOOR)
            out.append(("封顶", part.source.name, start + step * to_cap))
        return out
    if isinstance(part, Rate):
        rate_value = param(rate or _rate_name(part, data))
        out = [("封顶", part.figure, param(part.cap) / rate_value)]
        if part.minimum:
            out.append(("最低额", part.figure, param(part.minimum) / rate_value))
        if isinstance(part.rate, ByDate):
            out.append(("日期", part.rate.name, param_date(part.rate.deadline)))
        return out
    if isinstance(part, NotAfter):
        return [("日期", part.name, param_date(part.deadline))]
    return []


def _default(part: Part, rng: random.Random, data: dict[str, object], growths: dict[str, Growth]) -> None:
    """Values that meet the part comfortably, for the fields the focus did not set."""
    if isinstance(part, Must):
        data.setdefault(part.name, part.want)
    elif isinstance(part, NonZero):
        data.setdefault(part.name, rng.randint(1, 4))
    elif isinstance(part, AtLeast) and part.source.name not in data:
        data[part.source.name] = param(part.threshold) * 2
    elif isinstance(part, Growth) and part.before not in data:
        _set_figure(data, part.name, Decimal(rng.randrange(5, 50)) * 10_000, growths)
    elif isinstance(part, WholeSteps) and part.source.name not in data:
        start = param(part.threshold) if part.threshold else Decimal(0)
        data[part.source.name] = start + 2 * param(part.step)
    elif isinstance(part, NotAfter):
        data.setdefault(part.name, param_date(part.deadline) - timedelta(days=rng.randrange(1, 30)))
    elif isinstance(part, Rate):
        if part.figure not in data and part.figure not in growths:
            _set_figure(data, part.figure, param(part.cap) / param(_rate_name(part, data)) / 2, growths)
    elif isinstance(part, EntryYear):
        data.setdefault(part.entry, rng.randint(1, 12))
    elif isinstance(part, PerPersonMonth):
        data.setdefault(part.people, rng.randint(1, 4))
        last = int(FIELDS[part.months].maximum or 0)
        entry = data.get("entry_month") if isinstance(data.get("entry_month"), int) else None
        most = last - entry + 1 if isinstance(entry, int) else last
        data.setdefault(part.months, rng.randint(1, most))
    elif isinstance(part, NewOrIncrease):
        data.setdefault(part.before, Decimal(0))
        data.setdefault(part.after, param(part.new_threshold))
    elif isinstance(part, Step):
        for name in part.needs:
            data.setdefault(name, rng.choice(list(FIELDS[name].choices)))


def _answer(choice: ByAnswer, rng: random.Random, data: dict[str, object]) -> None:
    spec = FIELDS[choice.name]
    options = [True, False] if spec.kind == "bool" else list(spec.choices)
    data.setdefault(choice.name, rng.choice(options))


def _answers(part: Part, rng: random.Random, data: dict[str, object]) -> None:
    """The answers that choose a rate, first: the boundaries depend on the rate."""
    rate = part.rate if isinstance(part, Rate | PerPersonMonth) else None
    if isinstance(rate, ByAnswer):
        _answer(rate, rng, data)
    elif isinstance(rate, ByDate):
        early = param_date(rate.deadline) - timedelta(days=rng.randrange(30, 400))
        data.setdefault(rate.name, rng.choice([None, early]))


def _rate_name(part: Rate, data: dict[str, object]) -> str:
    if isinstance(part.rate, str):
        return part.rate
    return part.rate.pick(SimpleNamespace(**{part.rate.name: data.get(part.rate.name)}))  # type: ignore[arg-type]


def all_points(rule: Rule) -> list[tuple[str, str, object]]:
    """Every boundary of the declaration, on every path and at every rate it may apply."""
    out: list[tuple[str, str, object]] = []
    for part in every_part(rule.parts):
        if isinstance(part, Rate) and isinstance(part.rate, ByAnswer | ByDate):
            rates = [*_rates(part.rate)]
            out += [pt for r in rates for pt in _points(part, {}, r) if pt[0] != "日期"]
            out += [pt for pt in _points(part, {}, rates[0]) if pt[0] == "日期"]
        else:
            out += _points(part, {})
    return list(dict.fromkeys(out))


def _rates(choice: ByAnswer | ByDate) -> list[str]:
    if isinstance(choice, ByDate):
        return [choice.otherwise, choice.then]
    return [*choice.rates.values(), choice.otherwise]


def figures(rule: Rule, data: dict[str, object]) -> dict[str, object]:
    """The figures the boundaries are on, from an input: fields, differences, increases."""
    out: dict[str, object] = dict(data)
    for part in every_part(rule.parts):
        if isinstance(part, Growth) and part.before in data and part.after in data:
            out[part.name] = data[part.after] - data[part.before]  # type: ignore[operator]
        source = getattr(part, "source", None)
        if isinstance(source, GivenOrDifference) and source.name not in data:
            if source.before in data and source.after in data:
                out[source.name] = data[source.after] - data[source.before]  # type: ignore[operator]
    return out


def boundary_case(rule: Rule, rng: random.Random) -> Case:
    """One input at a boundary of ``rule`` (seeded by ``rng``), with what it is placed near."""
    data: dict[str, object] = {}
    parts = _chosen(rule.parts, rng, data)
    growths = _growths(parts)
    for part in parts:
        _answers(part, rng, data)
    points = [pt for p in parts for pt in _points(p, data)]
    focus = "条件"
    if points:
        words, name, point = rng.choice(points)
        shift, side = rng.choice(_SIDES)
        if isinstance(point, date):
            data[name] = point + timedelta(days=shift)
        elif point is None:  # a growth test: the base, and the increase at the percentage
            g = growths[name]
            before = Decimal(rng.randrange(60, 600)) * 10_000
            data[g.before], data[g.after] = before, before + before * param(g.threshold) / 100 + shift
        else:
            _set_figure(data, name, Decimal(point) + shift, growths)
        focus = f"{words}（{side}）"
    for part in parts:
        _default(part, rng, data, growths)
    musts = [p for p in parts if isinstance(p, Must) and not p.unchecked]
    if musts and rng.random() < _FAILING:
        failing = rng.choice(musts)
        data[failing.name] = not failing.want
        focus += f"；条件不满足：{failing.condition}"
    order = rule.field_order()
    return Case({n: data[n] for n in order if n in data}, focus)
