"""The amount parts of a declaration (calculators.rules): how a clause turns figures into yuan.

Fixed (a one-off award), WholeSteps (a threshold and then whole steps, or whole steps alone),
Rate (rate × quantity, a minimum payable, a cap, the rate chosen by an answer or a date), and
PerPersonMonth; Refer ends a measure whose amount another document sets. Their trace lines are
templates of the declaration over the figures named in each class's docstring.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from functools import cached_property
from typing import NamedTuple

from pydantic import BaseModel

from calculators.base import GUIDANCE_UNIT, has, param, param_date, quote, yuan
from calculators.errors import InputError
from calculators.fields import FIELDS
from calculators.models import Unmet
from calculators.parts import Source
from calculators.rules import Outcome, Part, Run, amount, day, fill, names, text

# A trace line: (description, formula, value) templates, or a reading id said at that point.
Line = tuple[str, str, str] | str


def _lines(r: Run, lines: tuple[Line, ...], values: Mapping[str, object]) -> None:
    for line in lines:
        if isinstance(line, str):
            r.draft.reading(line)
        else:
            description, formula, value = line
            r.draft.step(fill(description, values), fill(formula, values), fill(value, values))


@dataclass(frozen=True)
class Fixed(Part):
    """A one-off award of a parameter's amount."""

    award: str
    description: str
    next_step: str

    def run(self, r: Run) -> Outcome:
        award = param(self.award)
        r.draft.step(text(self.description), quote(self.award), yuan(award))
        r.draft.next_step.append(text(self.next_step))
        return Outcome(award)


@dataclass(frozen=True)
class WholeSteps(Part):
    """Whole steps of a figure (“每增加…” read as 每满: no part step), above a threshold or from 0.

    Line templates: {figure} {threshold} {step} (in the figure's unit), {n} (whole steps),
    {steps_award} and {award} (yuan). ``more`` ({more}: the figure short of the next step) is
    said while below the cap; ``none`` (condition, reason) is the unmet when no step is reached.
    """

    source: Source
    step: str
    step_award: str
    lines: tuple[Line, ...]
    more: str
    threshold: str | None = None
    base: str | None = None
    cap: str | None = None
    none: tuple[str, str] | None = None

    def required(self, inp: BaseModel) -> list[str]:
        return self.source.missing(inp)

    def reads(self) -> tuple[str, ...]:
        return self.source.fields()

    @cached_property
    def _said(self) -> tuple[dict[str, object], frozenset[str]]:
        """The words over parameters alone (the same on every run), and the figures its lines
        and unmet name: a figure none of them names is not formatted."""
        unit = self.source.name
        fixed: dict[str, object] = {
            "threshold": amount(param(self.threshold), unit) if self.threshold else "",
            "step": amount(param(self.step), unit),
        }
        templates = [t for line in self.lines if not isinstance(line, str) for t in line]
        if self.none:
            templates.append(self.none[1])
        return fixed, frozenset().union(*(names(t) for t in templates))

    def run(self, r: Run) -> Outcome:
        unit = self.source.name
        figure = r.values.get(unit)
        figure = self.source.value(r.inp) if figure is None else figure
        step, step_award = param(self.step), param(self.step_award)
        over = figure if self.threshold is None else figure - param(self.threshold)
        n = (over / step).to_integral_value(rounding=ROUND_FLOOR)
        raw = n * step_award if self.base is None else param(self.base) + n * step_award
        fixed, said = self._said
        shown = {**fixed, "n": n}
        if "figure" in said:
            shown["figure"] = amount(figure, unit)
        if "steps_award" in said:
            shown["steps_award"] = yuan(n * step_award)
        if "award" in said:
            shown["award"] = yuan(raw)
        _lines(r, self.lines, shown)
        award = r.draft.apply_cap(raw, self.cap) if self.cap else raw
        if award == 0 and self.none:
            condition, reason = self.none
            r.draft.unmet.append(Unmet(field=unit, condition=condition, reason=fill(reason, shown)))
        if self.cap is None or award < param(self.cap):
            more = (n + 1) * step - figure
            if self.threshold:  # 第1条: the next step counts from the threshold
                more = param(self.threshold) + (n + 1) * step - figure
            r.draft.next_step.append(text(self.more, more=amount(more, unit)))
        return Outcome(award)

    def points(self) -> list[tuple[str, str]]:
        out = [("step", self.step)]
        return [*out, ("cap", self.cap)] if self.cap else out


@dataclass(frozen=True)
class ByAnswer:
    """The rate an answer selects (第2条's 战新 0.1 元, 第7条's new entry 150 元)."""

    name: str
    rates: Mapping[object, str]
    otherwise: str

    def reads(self) -> tuple[str, ...]:
        return (self.name,)

    def pick(self, inp: BaseModel) -> str:
        value = getattr(inp, self.name)
        return next((p for k, p in self.rates.items() if value is k or value == k), self.otherwise)

    def trace(self, r: Run) -> None:
        return None

    def hint(self, r: Run, figure: Decimal, cap: Decimal) -> list[str]:
        return []


@dataclass(frozen=True)
class ByDate:
    """The higher rate for a status obtained on or before a deadline (第3条's 专精特新); the date is
    optional (None: not obtained). ``hint`` ({alt}: what the higher rate would give) is said when
    the lower rate applied below the cap."""

    name: str
    deadline: str
    then: str
    otherwise: str
    label: str
    absent: tuple[str, str]
    applies: str
    late: str
    reading: str
    hint_text: str

    def reads(self) -> tuple[str, ...]:
        return (self.name,)

    def _applies(self, inp: BaseModel) -> bool:
        value = getattr(inp, self.name)
        return value is not None and value <= param_date(self.deadline)

    def pick(self, inp: BaseModel) -> str:
        return self.then if self._applies(inp) else self.otherwise

    def trace(self, r: Run) -> None:
        value, deadline = getattr(r.inp, self.name), param_date(self.deadline)
        if value is None:
            r.draft.step(self.label, *self.absent)
            return
        ok = self._applies(r.inp)
        r.draft.step(
            f"{self.label}获批日期",
            f"{day(value)} {'≤' if ok else '>'} {day(deadline)}",
            self.applies if ok else self.late,
        )
        r.draft.reading(self.reading)

    def hint(self, r: Run, figure: Decimal, cap: Decimal) -> list[str]:
        if self._applies(r.inp):
            return []
        return [text(self.hint_text, alt=yuan(min(figure * param(self.then), cap)))]


class _RateWords(NamedTuple):
    """A rate and what Rate's lines say over it and the parameters alone."""

    rate: Decimal
    unit: str
    rate_quote: str
    unit_step: str
    per_step: str
    cap_quantity: str
    cap: str
    minimum: str


@dataclass(frozen=True)
class Rate(Part):
    """Rate × quantity, then a minimum payable (“不足…不予安排”: exactly the minimum is paid) and a cap.

    ``figure`` is a field or a figure derived earlier (a Growth's increase), in ``unit_of``'s
    unit. Templates: ``formula`` over {quantity} {rate} {unit} {rate_quote}; ``more`` (below the
    cap) over {unit_step} {per_step} {to_cap} {cap_quantity} {cap}; ``below`` over {need}
    {minimum}. ``announce`` names a step stating the rate first.
    """

    figure: str
    unit_of: str
    rate: str | ByAnswer | ByDate
    description: str
    formula: str
    cap: str
    more: str
    announce: str | None = None
    minimum: str | None = None
    minimum_reading: str | None = None
    below: str = ""

    def required(self, inp: BaseModel) -> list[str]:
        names = [self.figure] if self.figure in FIELDS else []
        if not isinstance(self.rate, str):
            names += self.rate.reads()  # an optional date too: "未获批" is an answer to ask for
        return [n for n in names if not has(inp, n)]

    def reads(self) -> tuple[str, ...]:
        own = (self.figure,) if self.figure in FIELDS else ()
        return own + (() if isinstance(self.rate, str) else self.rate.reads())

    @cached_property
    def _rates(self) -> dict[str, _RateWords]:
        return {}

    def _said(self, rate_name: str) -> _RateWords:
        """What the lines say of a rate over parameters alone: worked out once per rate (a
        declaration has one or two)."""
        found = self._rates.get(rate_name)
        if found is None:
            rate, cap = param(rate_name), param(self.cap)
            found = self._rates[rate_name] = _RateWords(
                rate=rate,
                unit=FIELDS[self.unit_of].unit,
                rate_quote=quote(rate_name),
                unit_step=amount(GUIDANCE_UNIT, self.unit_of),
                per_step=yuan(rate * GUIDANCE_UNIT),
                cap_quantity=amount(cap / rate, self.unit_of),
                cap=yuan(cap),
                minimum=yuan(param(self.minimum)) if self.minimum else "",
            )
        return found

    def run(self, r: Run) -> Outcome:
        figure = r.values[self.figure] if self.figure in r.values else getattr(r.inp, self.figure)
        if not isinstance(self.rate, str):
            self.rate.trace(r)
        rate_name = self.rate if isinstance(self.rate, str) else self.rate.pick(r.inp)
        said = self._said(rate_name)
        rate, unit, rate_quote = said.rate, said.unit, said.rate_quote
        if self.announce:
            r.draft.step(self.announce, rate_quote, f"{rate} 元/{unit}")
        raw = figure * rate
        quantity = amount(figure, self.unit_of)
        formula = text(self.formula, quantity=quantity, rate=rate, unit=unit, rate_quote=rate_quote)
        r.draft.step(self.description, formula, yuan(raw))
        if self.minimum:
            minimum = param(self.minimum)
            if raw < minimum:
                r.draft.check(
                    False,
                    self.unit_of,
                    f"奖励金额不低于 {said.minimum}",
                    f"按规则计得 {yuan(raw)}，{quote(self.minimum)}。",
                )
                if self.minimum_reading:
                    r.draft.reading(self.minimum_reading)
                need = amount((minimum - raw) / rate, self.unit_of)
                r.draft.next_step.append(text(self.below, need=need, minimum=said.minimum))
                return Outcome(Decimal(0))
            r.draft.step("起付额", f"{yuan(raw)} ≥ {said.minimum}", "满足")
            if self.minimum_reading:
                r.draft.reading(self.minimum_reading)
        award = r.draft.apply_cap(raw, self.cap)
        cap = param(self.cap)
        if award < cap:
            r.draft.next_step.append(
                text(
                    self.more,
                    unit_step=said.unit_step,
                    per_step=said.per_step,
                    to_cap=amount((cap - raw) / rate, self.unit_of),
                    cap_quantity=said.cap_quantity,
                    cap=said.cap,
                )
            )
            if not isinstance(self.rate, str):
                r.draft.next_step.extend(self.rate.hint(r, figure, cap))
        return Outcome(award)

    def points(self) -> list[tuple[str, str]]:
        out = [("minimum", self.minimum)] if self.minimum else []
        return [*out, ("cap", self.cap)]


@dataclass(frozen=True)
class EntryYear(Part):
    """Months counted only in the calendar year of entry: from the entry month to December. The
    entry month is optional (asked of a new entry; without it the months are taken as stated)."""

    entry: str
    months: str
    reading: str

    def reads(self) -> tuple[str, ...]:
        return (self.entry,)

    def optional(self, inp: BaseModel) -> list[str]:
        return [] if has(inp, self.entry) else [self.entry]

    def run(self, r: Run) -> None:
        last = int(FIELDS[self.months].maximum or 0)  # December: the field's own bound
        entry, months = getattr(r.inp, self.entry), getattr(r.inp, self.months)
        if entry is None:
            r.draft.step("入库月份", "未填写", f"未核对：按所填 {months} 个月计")
        else:
            most = last - entry + 1
            if months > most:
                raise InputError(
                    self.months,
                    f"持续出数月数 {months} 个月超过入库当年可计的月数：{entry}月入库，"
                    f"入库当年（自然年）最多计 {most} 个月（{entry}月至12月）；请更正月数或入库月份",
                )
            r.draft.step("入库当年可计月数", f"{entry}月至12月，共 {most} 个月", f"所填 {months} 个月未超出")
            r.values["most_months"] = Decimal(most)
        r.draft.reading(self.reading)


@dataclass(frozen=True)
class PerPersonMonth(Part):
    """Rate × persons × months (第7条), the months bounded by an EntryYear where there is one."""

    rate: ByAnswer
    people: str
    months: str

    def required(self, inp: BaseModel) -> list[str]:
        return [n for n in (*self.rate.reads(), self.people, self.months) if not has(inp, n)]

    def reads(self) -> tuple[str, ...]:
        return (*self.rate.reads(), self.people, self.months)

    def run(self, r: Run) -> Outcome:
        last = int(FIELDS[self.months].maximum or 0)
        name = self.rate.pick(r.inp)
        rate, people, months = param(name), getattr(r.inp, self.people), getattr(r.inp, self.months)
        r.draft.step("确定标准", quote(name), f"{rate} 元/人/月")
        award = rate * people * months
        r.draft.step("计算奖励", f"{rate} 元 × {people} 人 × {months} 个月", yuan(award))
        most = int(r.values.get("most_months", last))
        if months < most:
            r.draft.next_step.append(f"每多持续出数 1 个月，可多得 {yuan(rate * people)}")
        else:
            r.draft.next_step.append("已按全年计满" if most == last else "已按入库当年可计月数计满")
        return Outcome(award)


@dataclass(frozen=True)
class NewOrIncrease(Part):
    """An increase on last year's figure at or above a threshold; with no figure last year, this
    year's figure against the new entrant's threshold (第8条's 生产型 exporters). Sets the word
    {basis} for later lines. Templates: conditions over {threshold}, ``short`` over {gap}."""

    before: str
    after: str
    increase_threshold: str
    new_threshold: str
    new_step: str
    reading: str
    new_condition: str
    increase_condition: str
    short: str
    basis: tuple[str, str]  # (new entrant, increase)

    def required(self, inp: BaseModel) -> list[str]:
        return [n for n in (self.before, self.after) if not has(inp, n)]

    def reads(self) -> tuple[str, ...]:
        return (self.before, self.after)

    def run(self, r: Run) -> None:
        before, after = getattr(r.inp, self.before), getattr(r.inp, self.after)
        if before == 0:
            name, figure = self.new_threshold, after
            r.draft.step(self.new_step, quote(name), amount(after, self.after))
            r.draft.reading(self.reading)
            condition, stated = self.new_condition, f"2024年出口额 {amount(after, self.after)}"
        else:
            name, figure = self.increase_threshold, after - before
            formula = f"{amount(after, self.after)} − {amount(before, self.before)}"
            r.draft.step("计算出口增量", formula, amount(figure, self.after))
            condition, stated = self.increase_condition, f"增量 {amount(figure, self.after)}"
        r.words["basis"] = self.basis[0] if before == 0 else self.basis[1]
        threshold = amount(param(name), self.after)
        ok = figure >= param(name)
        r.ok = r.draft.check(
            ok, self.after, text(condition, threshold=threshold), f"{stated}，未达 {threshold}。"
        )
        if not ok:
            r.draft.next_step.append(text(self.short, gap=amount(param(name) - figure, self.after)))

    def points(self) -> list[tuple[str, str]]:
        return [("threshold", self.increase_threshold), ("threshold", self.new_threshold)]


@dataclass(frozen=True)
class Refer(Part):
    """The end of a measure whose amount another document sets: that document, then whom to ask
    (in scope) or that the enterprise is outside the measure as far as this notice says."""

    description: str
    formula: str
    ask: str
    outside: str

    def run(self, r: Run) -> Outcome:
        words = r.words
        r.draft.step(self.description, text(self.formula, **words), "本通知未规定金额")
        r.draft.next_step.append(text(self.ask, **words) if r.ok else text(self.outside, **words))
        return Outcome(None, in_scope=r.ok)
