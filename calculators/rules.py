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
import re
import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Literal, NamedTuple

from pydantic import BaseModel

from calculators.base import Draft, Measure, finish, has, input_model, param, param_date, quote, yuan
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


_FORMATTER = string.Formatter()
# template → (the template with its parameters filled in, whether figures remain to fill in).
_RESOLVED: dict[str, tuple[str, bool]] = {}


def _escaped(shown: str) -> str:
    return shown.replace("{", "{{").replace("}", "}}")


def _resolve(template: str) -> tuple[str, bool]:
    """The parameters of a template filled in once: they are the notice's numbers (``param`` is
    cached for the process), so only the part's figures vary from one computation to the next."""
    out: list[str] = []
    remaining = False
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        out.append(_escaped(literal))
        if name is None:
            continue
        if re.split(r"[.\[]", name, maxsplit=1)[0] in _PARAMS and "{" not in (spec or ""):
            obj, _ = _FORMATTER.get_field(name, (), _PARAMS)
            shown = _FORMATTER.format_field(_FORMATTER.convert_field(obj, conversion), spec or "")
            out.append(_escaped(shown))
        else:
            remaining = True
            out.append(f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}")
    resolved = "".join(out)
    # No figures left: the finished string (braces unescaped), the same on every call.
    return (resolved, True) if remaining else (resolved.format(), False)


def _resolved(template: str) -> tuple[str, bool]:
    try:
        return _RESOLVED[template]
    except KeyError:
        found = _RESOLVED[template] = _resolve(template)
        return found


def text(template: str, **values: object) -> str:
    """A template of a declaration filled in: parameters by name, the part's figures by keyword."""
    found = _RESOLVED.get(template)  # inline of _resolved: text runs on most trace lines
    resolved, remaining = found if found is not None else _resolved(template)
    return resolved.format(**values) if remaining else resolved


def fill(template: str, values: Mapping[str, object]) -> str:
    """``text`` with the figures in one mapping (several lines over the same figures)."""
    resolved, remaining = _resolved(template)
    return resolved.format_map(values) if remaining else resolved


def names(template: str) -> frozenset[str]:
    """The figures a template names besides parameters (a part formats only those)."""
    resolved, remaining = _resolved(template)
    if not remaining:
        return frozenset()
    found = (n for _, n, _, _ in _FORMATTER.parse(resolved) if n)
    return frozenset(re.split(r"[.\[]", n, maxsplit=1)[0] for n in found)


def amount(value: Decimal, name: str) -> str:
    """A figure in its field's unit: ``1,200,000 千瓦时``."""
    return format_amount(value, FIELDS[name].unit)


def day(value: date) -> str:
    """``2024年3月5日``. Built from the parts: strftime costs six times as much, and a batch says
    a date on most rows; years before 1000 (which %Y may pad) go through strftime still."""
    if value.year >= 1000:
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value:%Y年%-m月%-d日}"


@dataclass(slots=True)  # made for every estimate: slots make it and its reads cheaper
class Run:
    """One computation: the input, the trace being built, the figures derived so far."""

    inp: BaseModel
    draft: Draft
    as_of: date
    words: dict[str, str] = field(default_factory=dict)
    values: dict[str, Decimal] = field(default_factory=dict)
    ok: bool = True


# An outcome ends the run: the award (0 for "not eligible"), or None where the notice sets none.
# A named tuple: made once per estimate, and cheaper to make than a frozen dataclass.
class Outcome(NamedTuple):
    award: Decimal | None
    in_scope: bool | None = None


NO_AWARD = Outcome(Decimal(0))  # a condition failed (Gate)
_NO_AMOUNT = Outcome(None)  # the parts ended without an amount (第6、8、10–13条)


class Part:
    """One sentence of a clause. Defaults: reads nothing, never fails early, adds no guidance."""

    def required(self, inp: BaseModel) -> list[str]:
        """The fields this part still needs (alternatives resolved). Decided by which fields are
        given, never by their values (Rule.needed keeps the answer per set of given fields)."""
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


@dataclass(frozen=True)
class Plan:
    """The parts that apply on one choice of paths (walk's answer), each method the derivations
    call bound once; a part keeping Part's default for a method is left out of that list. A batch
    asks needed, conditions and compute of every row, and the choice of paths rarely changes."""

    parts: tuple[tuple[Part, bool], ...]
    required: tuple[Callable[[BaseModel], list[str]], ...]
    early: tuple[tuple[Callable[[BaseModel, bool], list[Unmet]], bool], ...]
    near_miss: tuple[Callable[[BaseModel], list[str]], ...]
    optional: tuple[Callable[[BaseModel], list[str]], ...]
    run: tuple[Callable[[Run], Outcome | None], ...]

    @classmethod
    def of(cls, parts: tuple[tuple[Part, bool], ...]) -> Plan:
        def own(method: str, decided_only: bool = False) -> list[tuple[Part, bool]]:
            default = getattr(Part, method)
            kept = [(p, d) for p, d in parts if d or not decided_only]
            return [(p, d) for p, d in kept if getattr(type(p), method) is not default]

        return cls(
            parts,
            tuple(p.required for p, _ in own("required")),
            tuple((p.early, d) for p, d in own("early")),
            tuple(p.near_miss for p, _ in own("near_miss")),
            tuple(p.optional for p, _ in own("optional", decided_only=True)),
            tuple(p.run for p, _ in own("run")),
        )


_PLANS_KEPT = 256  # per rule: path answers are yes/no or a few choices; bounded all the same
_NEEDED_KEPT = 4096  # per rule: which of its few fields are given, times the path answers


# Words of the trace that depend on an answer: name → (field, {answer: words}).
Words = Mapping[str, tuple[str, Mapping[object, str]]]


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
        return self._order

    @cached_property
    def _order(self) -> tuple[str, ...]:
        # Once per rule: needed() asks for it on every estimate of a batch.
        read = tuple(dict.fromkeys(n for p in every_part(self.parts) for n in p.reads()))
        if self.fields is None:
            return read
        if set(self.fields) != set(read):
            raise ValueError(f"第{self.measure_id}条：fields {self.fields} 与各部分所读字段 {read} 不一致")
        return self.fields

    @cached_property
    def _switches(self) -> tuple[str, ...]:
        """The answers that choose paths: they alone decide which parts apply."""
        return tuple(dict.fromkeys(p.name for p in every_part(self.parts) if isinstance(p, Paths)))

    @cached_property
    def _plans(self) -> dict[tuple[object, ...], Plan]:
        return {}

    @cached_property
    def _fixed(self) -> Plan | None:
        """The one plan of a declaration without paths."""
        return None if self._switches else Plan.of(tuple(walk(self.parts, None)))  # type: ignore[arg-type]

    def plan(self, inp: BaseModel) -> Plan:
        """The parts that apply to ``inp``, worked out once per choice of paths."""
        fixed = self._fixed
        if fixed is not None:
            return fixed
        given = inp.model_fields_set
        key = tuple([(n in given, getattr(inp, n)) for n in self._switches])
        plans = self._plans
        found = plans.get(key)
        if found is None:
            found = Plan.of(tuple(walk(self.parts, inp)))
            if len(plans) < _PLANS_KEPT:
                plans[key] = found
        return found

    @cached_property
    def _needed(self) -> dict[object, tuple[str, ...]]:
        return {}

    def needed(self, inp: BaseModel) -> list[str]:
        if self._fixed is not None and not self._fixed.required:
            return []  # nothing to ask (第10–13条)
        # Parts answer from which fields are given (Part.required), paths from their answers.
        switches, given = self._switches, frozenset(inp.model_fields_set)
        key = (given, *[getattr(inp, n) for n in switches]) if switches else given
        found = self._needed.get(key)
        if found is None:
            missing: set[str] = set()
            for required in self.plan(inp).required:
                missing.update(required(inp))
            found = tuple(n for n in self.field_order() if n in missing)
            if len(self._needed) < _NEEDED_KEPT:
                self._needed[key] = found
        return list(found)

    def conditions(self, inp: BaseModel) -> list[Unmet]:
        early = self.plan(inp).early
        return [u for test, decided in early for u in test(inp, decided)] if early else []

    def near_miss(self, inp: BaseModel) -> list[str]:
        return [s for near_miss in self.plan(inp).near_miss for s in near_miss(inp)]

    def ask_also(self, inp: BaseModel) -> list[str]:
        return [n for optional in self.plan(inp).optional for n in optional(inp)]

    def compute(self, inp: BaseModel, draft: Draft, as_of: date) -> Estimate:
        words = (
            {k: table[v] for k, (f, table) in self.words.items() if (v := getattr(inp, f)) in table}
            if self.words
            else {}
        )
        r = Run(inp, draft, as_of, words)
        out = None
        for run in self.plan(inp).run:  # run_parts' order and stop: a Paths part runs nothing
            out = run(r)
            if out is not None:
                break
        out = out or _NO_AMOUNT
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
            lambda: input_model(self.model, fields),  # built when first validated
            self.compute,
            self.conditions,
            needed=self.needed,
            computable=self.outcome == "award",
            upper_bound=self.upper_bound,
            paid_to_enterprise=self.paid_to_enterprise,
            near_miss=self.near_miss,
            ask_also=self.ask_also,
            fields=fields,
        )
        return dataclasses.replace(measure, rule=self)
