"""A measure declared once: its conditions and its amount as data, the rest derived.

A :class:`Rule` is the ordered parts of one clause — yes/no answers that must be X, a figure at
or above a threshold, an exact percentage growth test, a date on or before a deadline, an amount
(fixed, whole steps, rate × quantity with a minimum and a cap, per person per month), and
:class:`Paths` where a first answer decides which parts apply. Each part names the parameters of
corpus/parameters.yaml (the notice's phrase) and the readings of calculators/readings.py it rests
on; its words for the trace are templates over them. From that one declaration :func:`Rule.measure`
derives the fields and what is still needed (alternatives resolved), the conditions that already
fail on partial data, the near-miss guidance, the trace, and the boundary points the quiz asks.

The declarations are Python data, not YAML in corpus/: the parts are typed (a misspelt keyword
fails at import, mypy and ruff check them), the numbers already live apart in parameters.yaml, and
the trace templates sit beside the code that fills them in.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from calculators.base import Draft, Measure, finish, has, input_model, param, param_date, quote, yuan
from calculators.errors import InputError
from calculators.fields import FIELDS
from calculators.format import format_amount
from calculators.models import Estimate, Unmet


class _Lookup(Mapping[str, str]):
    """``{yuan[m1_cap_yuan]}`` in a template: a parameter as the trace shows it."""

    def __init__(self, show: object) -> None:
        self._show = show

    def __getitem__(self, name: str) -> str:
        return self._show(name)  # type: ignore[operator]

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


_PARAMS = {
    "yuan": _Lookup(lambda n: yuan(param(n))),
    "quote": _Lookup(quote),
    "p": _Lookup(lambda n: str(param(n))),
    "day": _Lookup(lambda n: f"{param_date(n):%Y年%-m月%-d日}"),
}


def text(template: str, **values: object) -> str:
    """A template of a declaration filled in: parameters by name, the part's figures by keyword."""
    return template.format(**_PARAMS, **values)


def amount(value: Decimal, name: str) -> str:
    """A figure in its field's unit: ``1,200,000 千瓦时``."""
    return format_amount(value, FIELDS[name].unit)


def day(value: date) -> str:
    return f"{value:%Y年%-m月%-d日}"


@dataclass
class Run:
    """One computation: the input, the trace being built, the figures derived so far."""

    inp: BaseModel
    draft: Draft
    as_of: date
    words: dict[str, str] = field(default_factory=dict)
    values: dict[str, Decimal] = field(default_factory=dict)
    ok: bool = True


# An outcome ends the run: the award (0 for "not eligible"), or None where the notice sets none.
@dataclass(frozen=True)
class Outcome:
    award: Decimal | None
    in_scope: bool | None = None


class Part:
    """One sentence of a clause. Defaults: reads nothing, never fails early, adds no guidance."""

    def required(self, inp: BaseModel) -> list[str]:
        """The fields this part still needs (alternatives resolved)."""
        return []

    def reads(self) -> tuple[str, ...]:
        """Every field the part may read, required or not (the input model's fields)."""
        return ()

    def optional(self, inp: BaseModel) -> list[str]:
        """Fields the interview asks but a computation does not require."""
        return []

    def early(self, inp: BaseModel, decided: bool) -> list[Unmet]:
        """Conditions already failing on partial data (``decided``: its path is chosen, not assumed)."""
        return []

    def near_miss(self, inp: BaseModel) -> list[str]:
        return []

    def run(self, r: Run) -> Outcome | None:
        return None

    def points(self) -> list[tuple[str, str]]:
        """The boundaries the part sets: (kind, parameter name), for the quiz."""
        return []


# ------------------------------------------------------------------ sources of a figure


@dataclass(frozen=True)
class Given:
    """A figure that is one field's answer."""

    name: str

    def fields(self) -> tuple[str, ...]:
        return (self.name,)

    def missing(self, inp: BaseModel) -> list[str]:
        return [] if has(inp, self.name) else [self.name]

    def known(self, inp: BaseModel) -> bool:
        return getattr(inp, self.name) is not None

    def value(self, inp: BaseModel) -> Decimal:
        return getattr(inp, self.name)

    def derive(self, r: Run) -> Decimal:
        return self.value(r.inp)


@dataclass(frozen=True)
class GivenOrDifference:
    """A figure given directly, or as the difference of two figures (第1条: the increase, or the
    two quarters). Asked as the single figure; the pair is the alternative once one is given."""

    name: str
    before: str
    after: str
    given_step: str  # trace description when given directly
    difference_step: str  # trace description of the subtraction
    mismatch: str  # InputError when both are given and disagree: {given}, {difference}
    zero_base_reading: str | None = None

    def fields(self) -> tuple[str, ...]:
        return (self.name, self.before, self.after)

    def missing(self, inp: BaseModel) -> list[str]:
        if has(inp, self.name):
            return []
        pair = [n for n in (self.before, self.after) if not has(inp, n)]
        return [self.name] if len(pair) == 2 else pair

    def known(self, inp: BaseModel) -> bool:
        return has(inp, self.name) or (has(inp, self.before) and has(inp, self.after))

    def value(self, inp: BaseModel, draft: Draft | None = None) -> Decimal:
        given = getattr(inp, self.name)
        before, after = getattr(inp, self.before), getattr(inp, self.after)
        if before is not None and after is not None:
            diff = after - before
            if given is not None and given != diff:
                raise InputError(
                    self.name,
                    text(self.mismatch, given=amount(given, self.name), difference=amount(diff, self.name)),
                )
            if draft:
                formula = f"{amount(after, self.after)} − {amount(before, self.before)}"
                draft.step(self.difference_step, formula, amount(diff, self.name))
                if before == 0 and self.zero_base_reading:
                    draft.reading(self.zero_base_reading)
            return diff
        if draft:
            draft.step(self.given_step, "—", amount(given, self.name))
        return given

    def derive(self, r: Run) -> Decimal:
        return self.value(r.inp, r.draft)


Source = Given | GivenOrDifference


def _figure(r: Run, source: Source) -> Decimal:
    """The figure as derived earlier in the trace, else derived silently."""
    key = source.name
    if key not in r.values:
        r.values[key] = source.value(r.inp)
    return r.values[key]


# ------------------------------------------------------------------ trace-only parts


@dataclass(frozen=True)
class Step(Part):
    """A line of the trace the clause states as it is (templates over parameters and words)."""

    description: str
    formula: str
    value: str
    clause: str | None = None
    needs: tuple[str, ...] = ()  # fields its words name (第6条's sector)

    def required(self, inp: BaseModel) -> list[str]:
        return [n for n in self.needs if not has(inp, n)]

    def reads(self) -> tuple[str, ...]:
        return self.needs

    def run(self, r: Run) -> None:
        words = _words(r)
        r.draft.step(
            text(self.description, **words),
            text(self.formula, **words),
            text(self.value, **words),
            self.clause,
        )


@dataclass(frozen=True)
class Reading(Part):
    """A reading of calculators/readings.py, said where it applies."""

    reading_id: str

    def run(self, r: Run) -> None:
        r.draft.reading(self.reading_id)


@dataclass(frozen=True)
class Note(Part):
    note: str
    params: tuple[str, ...] = ()  # the parameters its words state (第5条's 5万元 and 10万元)

    def run(self, r: Run) -> None:
        r.draft.notes.append(text(self.note, **_words(r)))


@dataclass(frozen=True)
class NextStep(Part):
    next_step: str

    def run(self, r: Run) -> None:
        r.draft.next_step.append(text(self.next_step, **_words(r)))


@dataclass(frozen=True)
class Figure(Part):
    """Derive a figure with its trace step (第1条's increase, before the conditions on it)."""

    source: Source

    def required(self, inp: BaseModel) -> list[str]:
        return self.source.missing(inp)

    def reads(self) -> tuple[str, ...]:
        return self.source.fields()

    def run(self, r: Run) -> None:
        r.values[self.source.name] = self.source.derive(r)


@dataclass(frozen=True)
class IfGiven(Part):
    """A figure given but not used on this path: said in the trace, never required."""

    name: str
    description: str
    value: str
    when_true: bool = False  # a yes/no field: said only when it is 是

    def reads(self) -> tuple[str, ...]:
        return (self.name,)

    def run(self, r: Run) -> None:
        v = getattr(r.inp, self.name)
        if self.when_true and v:
            r.draft.step(self.description, "是", self.value)
        elif not self.when_true and v is not None:
            r.draft.step(self.description, amount(v, self.name), self.value)


@dataclass(frozen=True)
class Gate(Part):
    """Stop here with no award when a condition so far has failed."""

    def run(self, r: Run) -> Outcome | None:
        return None if r.ok else Outcome(Decimal(0))


# ------------------------------------------------------------------ conditions


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
        figure = _figure(r, self.source)
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


# ------------------------------------------------------------------ paths


@dataclass(frozen=True)
class Paths(Part):
    """Parts decided by a first answer. Until it is given, ``default``'s parts are assumed for
    what is needed and for yes/no conditions; figure tests wait for the answer (a figure means
    something else on each path). Without ``default`` only the answer itself is asked."""

    name: str
    branches: Mapping[object, tuple[Part, ...]]
    default: object | None = None

    def chosen(self, inp: BaseModel) -> tuple[tuple[Part, ...], bool]:
        if has(inp, self.name):
            return self.branches.get(getattr(inp, self.name), ()), True
        if self.default is None:
            return (), False
        return self.branches[self.default], False

    def required(self, inp: BaseModel) -> list[str]:
        return [] if has(inp, self.name) else [self.name]

    def reads(self) -> tuple[str, ...]:
        return (self.name,)


def walk(parts: tuple[Part, ...], inp: BaseModel, decided: bool = True) -> Iterator[tuple[Part, bool]]:
    """The parts that apply to ``inp``, in order, with whether their path is decided."""
    for part in parts:
        yield part, decided
        if isinstance(part, Paths):
            branch, known = part.chosen(inp)
            yield from walk(branch, inp, decided and known)


def every_part(parts: tuple[Part, ...]) -> Iterator[Part]:
    for part in parts:
        yield part
        if isinstance(part, Paths):
            for branch in part.branches.values():
                yield from every_part(branch)


def run_parts(parts: tuple[Part, ...], r: Run) -> Outcome | None:
    for part in parts:
        if isinstance(part, Paths):
            branch, _ = part.chosen(r.inp)
            out = run_parts(branch, r)
        else:
            out = part.run(r)
        if out is not None:
            return out
    return None


# Words of the trace that depend on an answer: name → (field, {answer: words}).
Words = Mapping[str, tuple[str, Mapping[object, str]]]


def _words(r: Run) -> dict[str, str]:
    return r.words


# ------------------------------------------------------------------ the declaration


@dataclass(frozen=True)
class Rule:
    """One measure: its parts in trace order, and how its result is paid.

    ``fields`` is the interview order when it differs from the order the parts read them
    (第2条 asks the strategic-industry question before the two figures it reads first).
    ``outcome``: "award" (a figure), "referred" (the amount is set by another document: in
    scope or not) or "none" (a service measure without an award).
    """

    measure_id: str
    model: str  # the input model's class name (the schema's title)
    parts: tuple[Part, ...]
    fields: tuple[str, ...] | None = None
    outcome: Literal["award", "referred", "none"] = "award"
    upper_bound: bool = False
    paid_to_enterprise: bool = True
    words: Words = field(default_factory=dict)

    def field_order(self) -> tuple[str, ...]:
        read = tuple(dict.fromkeys(n for p in every_part(self.parts) for n in p.reads()))
        if self.fields is None:
            return read
        if set(self.fields) != set(read):
            raise ValueError(f"第{self.measure_id}条：fields {self.fields} 与各部分所读字段 {read} 不一致")
        return self.fields

    def needed(self, inp: BaseModel) -> list[str]:
        missing = {n for p, _ in walk(self.parts, inp) for n in p.required(inp)}
        return [n for n in self.field_order() if n in missing]

    def conditions(self, inp: BaseModel) -> list[Unmet]:
        return [u for p, decided in walk(self.parts, inp) for u in p.early(inp, decided)]

    def near_miss(self, inp: BaseModel) -> list[str]:
        return [s for p, _ in walk(self.parts, inp) for s in p.near_miss(inp)]

    def ask_also(self, inp: BaseModel) -> list[str]:
        return [n for p, decided in walk(self.parts, inp) if decided for n in p.optional(inp)]

    def compute(self, inp: BaseModel, draft: Draft, as_of: date) -> Estimate:
        words = {k: table[v] for k, (f, table) in self.words.items() if (v := getattr(inp, f)) in table}
        r = Run(inp, draft, as_of, words)
        out = run_parts(self.parts, r) or Outcome(None)
        if self.outcome == "referred":
            return finish(draft, None, as_of, eligible=None, in_scope=out.in_scope)
        if self.outcome == "none":
            return finish(draft, None, as_of, eligible=None)
        return finish(
            draft, out.award, as_of, upper_bound=self.upper_bound, paid_to_enterprise=self.paid_to_enterprise
        )

    def points(self) -> list[tuple[str, str]]:
        """Every boundary the declaration sets (thresholds, steps, minimums, caps, deadlines)."""
        return [pt for p in every_part(self.parts) for pt in p.points()]

    def measure(self) -> Measure:
        """The measure wired from this declaration (what calculators.registry serves)."""
        fields = self.field_order()
        measure = Measure.define(
            self.measure_id,
            input_model(self.model, fields),
            self.compute,
            self.conditions,
            needed=self.needed,
            computable=self.outcome == "award",
            upper_bound=self.upper_bound,
            paid_to_enterprise=self.paid_to_enterprise,
            near_miss=self.near_miss,
            ask_also=self.ask_also,
        )
        return dataclasses.replace(measure, rule=self)
