"""Parts of a declaration (calculators.rules) that derive a figure or only speak in the trace."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from pydantic import BaseModel

from calculators.base import Draft, has
from calculators.errors import InputError
from calculators.rules import NO_AWARD, Outcome, Part, Run, amount, text

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


def figure_of(r: Run, source: Source) -> Decimal:
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
        words = r.words
        if not words:  # the usual case: the line is the same on every run
            r.draft.step(*self._plain, self.clause)
            return
        r.draft.step(
            text(self.description, **words),
            text(self.formula, **words),
            text(self.value, **words),
            self.clause,
        )

    @cached_property
    def _plain(self) -> tuple[str, str, str]:
        return text(self.description), text(self.formula), text(self.value)


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
        r.draft.notes.append(text(self.note, **r.words))


@dataclass(frozen=True)
class NextStep(Part):
    next_step: str

    def run(self, r: Run) -> None:
        r.draft.next_step.append(text(self.next_step, **r.words))


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
        return None if r.ok else NO_AWARD
