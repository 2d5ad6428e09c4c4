"""The condition parts of a declaration (calculators.rules): what must hold, derived both ways —
checked in the full trace, and already failing on partial data (the early stop) with its
near-miss guidance."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from pydantic import BaseModel

from calculators.base import has, param, param_date, quote
from calculators.models import Unmet
from calculators.parts import Source, figure_of
from calculators.rules import Part, Run, amount, day, text


@dataclass(frozen=True)
class Must(Part):
    """A yes/no field that must be ``want``. ``unchecked`` (description, formula, value) makes it
    optional: asked by the interview, and said as not checked when absent."""

    name: str
    want: bool
    condition: str
    reason: str
    unchecked: tuple[str, str, str] | None = None

    def required(self, inp: BaseModel) -> list[str]:
        return [] if self.unchecked or has(inp, self.name) else [self.name]

    def reads(self) -> tuple[str, ...]:
        return (self.name,)

    def optional(self, inp: BaseModel) -> list[str]:
        return [self.name] if self.unchecked and not has(inp, self.name) else []

    def early(self, inp: BaseModel, decided: bool) -> list[Unmet]:
        if has(inp, self.name) and getattr(inp, self.name) is not self.want:
            return [Unmet(field=self.name, condition=self.condition, reason=self.reason)]
        return []

    def run(self, r: Run) -> None:
        v = getattr(r.inp, self.name)
        if self.unchecked and v is None:
            r.draft.step(*self.unchecked)
            return
        r.ok = r.draft.check(v is self.want, self.name, self.condition, self.reason) and r.ok


@dataclass(frozen=True)
class NonZero(Part):
    """A count that must be above zero (第7条: the statisticians)."""

    name: str
    condition: str
    reason: str

    def required(self, inp: BaseModel) -> list[str]:
        return [] if has(inp, self.name) else [self.name]

    def reads(self) -> tuple[str, ...]:
        return (self.name,)

    def early(self, inp: BaseModel, decided: bool) -> list[Unmet]:
        if has(inp, self.name) and getattr(inp, self.name) == 0:
            return [Unmet(field=self.name, condition=self.condition, reason=self.reason)]
        return []

    def run(self, r: Run) -> None:
        ok = getattr(r.inp, self.name) > 0
        r.ok = r.draft.check(ok, self.name, self.condition, self.reason) and r.ok


@dataclass(frozen=True)
class NotAfter(Part):
    """A date on or before a deadline (“含”: the day itself counts). The comparison is a step of
    the trace, then the condition; ``early_reason`` is what the early stop says."""

    name: str
    deadline: str
    compare: str  # description of the comparison step
    condition: str
    reason: str  # {value}: the date given
    early_reason: str

    def required(self, inp: BaseModel) -> list[str]:
        return [] if has(inp, self.name) else [self.name]

    def reads(self) -> tuple[str, ...]:
        return (self.name,)

    def early(self, inp: BaseModel, decided: bool) -> list[Unmet]:
        v = getattr(inp, self.name)
        if v is not None and v > param_date(self.deadline):
            return [
                Unmet(
                    field=self.name,
                    condition=text(self.condition),
                    reason=text(self.early_reason, value=day(v)),
                )
            ]
        return []

    def run(self, r: Run) -> None:
        deadline, v = param_date(self.deadline), getattr(r.inp, self.name)
        ok = v <= deadline
        formula = f"{v:%Y-%m-%d} {'≤' if ok else '>'} {deadline:%Y-%m-%d}；{quote(self.deadline)}"
        r.draft.step(self.compare, formula, "不晚于截止日" if ok else "晚于截止日")
        r.ok = r.draft.check(ok, self.name, text(self.condition), text(self.reason, value=day(v))) and r.ok

    def points(self) -> list[tuple[str, str]]:
        return [("date", self.deadline)]


@dataclass(frozen=True)
class AtLeast(Part):
    """A figure at or above a threshold (“以上” includes it; “不足” excludes only below it).

    Templates: {value}, {threshold}, {gap} in the figure's unit. ``early``: whether partial data
    already stops on it; ``short``: the near-miss guidance when it fails.
    """

    source: Source
    threshold: str
    field: str
    condition: str
    reason: str
    short: str
    reading: str | None = None
    early_stop: bool = True

    def required(self, inp: BaseModel) -> list[str]:
        return self.source.missing(inp)

    def reads(self) -> tuple[str, ...]:
        return self.source.fields()

    def _unmet(self, figure: Decimal) -> Unmet | None:
        t = param(self.threshold)
        if figure >= t:
            return None
        unit = self.source.name
        reason = text(self.reason, value=amount(figure, unit), threshold=amount(t, unit))
        return Unmet(field=self.field, condition=self._condition(), reason=reason)

    def _condition(self) -> str:
        return self._condition_text

    @cached_property
    def _condition_text(self) -> str:  # over parameters only: the same on every run
        return text(self.condition, threshold=amount(param(self.threshold), self.source.name))

    def _short(self, figure: Decimal) -> list[str]:
        t, unit = param(self.threshold), self.source.name
        return [text(self.short, gap=amount(t - figure, unit), threshold=amount(t, unit))]

    def early(self, inp: BaseModel, decided: bool) -> list[Unmet]:
        if not (self.early_stop and decided and self.source.known(inp)):
            return []
        unmet = self._unmet(self.source.value(inp))
        return [unmet] if unmet else []

    def near_miss(self, inp: BaseModel) -> list[str]:
        if self.early_stop and self.source.known(inp):
            figure = self.source.value(inp)
            if self._unmet(figure):
                return self._short(figure)
        return []

    def run(self, r: Run) -> None:
        figure = figure_of(r, self.source)
        unmet = self._unmet(figure)
        r.draft.check(unmet is None, self.field, self._condition(), unmet.reason if unmet else "")
        if self.reading:
            r.draft.reading(self.reading)
        if unmet:
            r.draft.next_step.extend(self._short(figure))
            r.ok = False

    def points(self) -> list[tuple[str, str]]:
        return [("threshold", self.threshold)]


def percent(value: Decimal, avoid: Decimal | None = None) -> str:
    """A percentage for reading: two decimals, more where two would show ``avoid`` (the threshold,
    or 0 for a gap) though the exact value is not it — 4.999% is never shown as "5%"."""
    quantum = Decimal("0.01")
    while True:
        shown = value.quantize(quantum)
        if value == avoid or shown != avoid or shown == value:
            return format(shown, "f").rstrip("0").rstrip(".")
        quantum = quantum.scaleb(-1)


@dataclass(frozen=True)
class Growth(Part):
    """Year-on-year growth of at least a percentage, exact: increase × 100 ≥ base × threshold.

    The increase is kept under ``name`` for the amount. Templates: {pct} (the growth), {points}
    (percentage points short) and {gap} (the figure short); ``zero_base`` when the base is 0.
    """

    name: str
    before: str
    after: str
    threshold: str
    what: str  # 用电: "计算用电同比增量"
    condition: str
    reason: str
    zero_base: str
    short: str
    reading: str

    def required(self, inp: BaseModel) -> list[str]:
        return [n for n in (self.before, self.after) if not has(inp, n)]

    def reads(self) -> tuple[str, ...]:
        return (self.before, self.after)

    def _unmet(self, before: Decimal, after: Decimal) -> Unmet | None:
        t = param(self.threshold)
        if before == 0:
            return Unmet(field=self.before, condition=text(self.condition), reason=text(self.zero_base))
        if (after - before) * 100 >= before * t:
            return None
        pct = percent((after - before) / before * 100, t)
        return Unmet(field=self.after, condition=text(self.condition), reason=text(self.reason, pct=pct))

    def _short(self, before: Decimal, after: Decimal) -> list[str]:
        t = param(self.threshold)
        if before == 0 or self._unmet(before, after) is None:
            return []
        growth = (after - before) / before * 100
        gap = amount(before * t / 100 - (after - before), self.after)
        return [text(self.short, points=percent(t - growth, Decimal(0)), gap=gap)]

    def _pair(self, inp: BaseModel) -> tuple[Decimal, Decimal] | None:
        before, after = getattr(inp, self.before), getattr(inp, self.after)
        return None if before is None or after is None else (before, after)

    def early(self, inp: BaseModel, decided: bool) -> list[Unmet]:
        pair = self._pair(inp)
        unmet = self._unmet(*pair) if decided and pair else None
        return [unmet] if unmet else []

    def near_miss(self, inp: BaseModel) -> list[str]:
        pair = self._pair(inp)
        return self._short(*pair) if pair else []

    def run(self, r: Run) -> None:
        before, after = getattr(r.inp, self.before), getattr(r.inp, self.after)
        increase = r.values[self.name] = after - before
        r.draft.step(
            f"计算{self.what}同比增量",
            f"{amount(after, self.after)} − {amount(before, self.before)}",
            amount(increase, self.after),
        )
        if before != 0:
            formula = f"{amount(increase, self.after)} ÷ {amount(before, self.before)} × 100%"
            shown = percent(increase / before * 100, param(self.threshold))
            r.draft.step(f"计算{self.what}同比增长率", formula, f"{shown}%")
        r.draft.reading(self.reading)
        unmet = self._unmet(before, after)
        r.draft.check(
            unmet is None,
            unmet.field if unmet else self.after,
            text(self.condition),
            unmet.reason if unmet else "",
        )
        if unmet:
            r.draft.next_step.extend(self._short(before, after))
            r.ok = False

    def points(self) -> list[tuple[str, str]]:
        return [("growth", self.threshold)]
