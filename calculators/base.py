"""What every measure shares: parameters, input models, the trace being built, closing provisions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from threading import Lock
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from calculators.fields import FIELDS
from calculators.format import format_yuan
from calculators.models import Estimate, InForce, Step, Unmet
from calculators.readings import READINGS
from corpus import load_notice, load_parameters
from corpus.models import Parameter


@cache  # read on every rule of every estimate: a batch asks millions of times
def param(name: str) -> Decimal:
    """A number of the notice, from corpus/parameters.yaml (never a literal in a formula)."""
    return load_parameters()[name].decimal


@cache
def param_date(name: str) -> date:
    return date.fromisoformat(load_parameters()[name].value)


def param_ref(name: str) -> Parameter:
    return load_parameters()[name]


def quote(name: str) -> str:
    """The notice's own words for a parameter, for the trace: “…”."""
    return f"“{param_ref(name).phrase}”"


_PY_TYPES: dict[str, Any] = {"amount": Decimal, "bool": bool, "date": date, "optional_date": date, "int": int}


def input_model(class_name: str, names: tuple[str, ...]) -> type[BaseModel]:
    """A pydantic input model over the named fields (all optional: a measure says which it needs)."""
    defs: dict[str, Any] = {}
    for name in names:
        spec = FIELDS[name]
        py = Literal[tuple(spec.choices)] if spec.kind == "enum" else _PY_TYPES[spec.kind]
        desc = f"{spec.label}。{spec.question}" + (f"（单位：{spec.unit}）" if spec.unit else "")
        defs[name] = (
            py | None,
            Field(default=None, title=spec.label, description=desc, examples=[spec.example]),
        )
    doc = (
        "本条所需字段见下；缺少的字段测算时会逐项提示（第1条可填增长额或两季度销售额之一）。"
        "值可为数字或文字：金额如 800万、1.2亿、8,000,000；"
        "是/否；日期如 2024-03-15 或 2024年3月15日。未知字段会被拒绝。"
    )
    model = create_model(class_name, __config__=ConfigDict(extra="forbid"), __doc__=doc, **defs)
    return model


def has(inp: BaseModel, name: str) -> bool:
    """Whether the field was given (a given None counts: 未获批 for an optional date)."""
    return name in inp.model_fields_set


@dataclass
class Draft:
    """An estimate being built: each rule adds its step, and failed conditions their Unmet."""

    measure: str
    steps: list[Step] = field(default_factory=list)
    unmet: list[Unmet] = field(default_factory=list)
    next_step: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)

    def step(self, description: str, formula: str, value: str, clause: str | None = None) -> None:
        self.steps.append(
            Step(description=description, formula=formula, value=value, clause=clause or self.measure)
        )

    def reading(self, reading_id: str) -> None:
        """A reading the calculation applies (calculators.readings), said in the trace where it applies."""
        r = READINGS[reading_id]
        self.step("读法", "", f"{r.text}（原文：“{r.words}”）")

    def check(self, ok: bool, fld: str | None, condition: str, reason: str) -> bool:
        """Record a condition in the trace; a failed one also becomes an Unmet."""
        self.step(f"条件：{condition}", "" if ok else reason, "满足" if ok else "不满足")
        if not ok:
            self.unmet.append(Unmet(field=fld, condition=condition, reason=reason))
        return ok

    def apply_cap(self, raw: Decimal, cap_name: str) -> Decimal:
        """min(raw, cap) as a step of the trace; an award at the cap says so as its next step."""
        cap = param(cap_name)
        award = min(raw, cap)
        self.step("封顶", f"min({yuan(raw)}, {yuan(cap)})；{quote(cap_name)}", yuan(award))
        if award >= cap:
            self.next_step.append(f"已达封顶 {yuan(cap)}")
        return award


@cache
def in_force(measure: str, as_of: date) -> InForce:
    """Shared between estimates of the same day (treat as read-only)."""
    validity = load_notice().validity(measure)
    period = validity.describe()
    day = f"{as_of:%Y年%-m月%-d日}"
    if validity.covers(as_of):
        message = f"截至{day}，本条措施在有效期内（{period}）。"
        if validity.reading:
            message += f"{validity.reading}。"
    elif as_of < validity.start:
        message = f"截至{day}，本条措施尚未施行（{period}）。"
    elif validity.period:  # no end date in the notice: the reading decides, and says so
        message = f"{period}。{validity.reading}。截至{day}，本条已不在有效期内。{_AS_RULED}"
    else:
        message = (
            f"本条措施已于{validity.end:%Y年%-m月%-d日}到期（有效期{period}），截至"
            f"{day}已不在有效期内。{_AS_RULED}"
        )
    return InForce(in_force=validity.covers(as_of), as_of=as_of, period=period, message=message)


_AS_RULED = "以下测算按原规则列示，供核对以往兑现和培训参考。"


def closing_notes(disclaimer: bool = True) -> list[str]:
    """The notice's closing provisions, which apply to every measure (and the estimate disclaimer)."""
    notes = list(_closing_notes())
    return notes if disclaimer else notes[:-1]


@cache
def _closing_notes() -> tuple[str, ...]:
    # Quoted verbatim from the closing clause: nothing inserted inside the quotation marks.
    notice = load_notice()
    final = notice.clause("final").text
    stacking = final[final.index("本措施若") :].split("。")[0] + "。"
    return (
        f"有效期：“{notice.closing_validity()}”",
        f"就高原则：“{stacking}”",
        f"本措施由{notice.metadata.interpreting_unit}负责解释。",
        "预估金额，以责任单位审核为准。",
    )


def finish(
    draft: Draft,
    award: Decimal | None,
    as_of: date,
    *,
    upper_bound: bool = False,
    paid_to_enterprise: bool = True,
    eligible: bool | Literal["auto"] | None = "auto",
    in_scope: bool | None = None,
) -> Estimate:
    clause = load_notice().clause(draft.measure)
    if eligible == "auto":
        eligible = award is not None and award > 0
    if award is not None and award > 0 and upper_bound:
        draft.step("说明：上限估算", "通知规定为“最高”标准", f"预计最高 {format_yuan(award)}")
    return Estimate(
        measure=draft.measure,
        title=clause.title,
        eligible=eligible,
        award_yuan=award,
        upper_bound=upper_bound,
        steps=draft.steps,
        unmet=draft.unmet,
        in_force=in_force(draft.measure, as_of),
        next_step=draft.next_step,
        responsible_units=list(clause.responsible_units),
        evidence=list(clause.evidence),
        notes=[*draft.notes, *closing_notes(disclaimer=award is not None)],
        assumptions=draft.assumptions,
        paid_to_enterprise=paid_to_enterprise,
        in_scope=in_scope,
    )


# How a measure is wired: its fields in interview order, what it still needs, the conditions
# that already fail on partial data, and the full computation — each derived from its
# declaration (calculators.rules.Rule.measure), never written beside it by hand.
Needed = Callable[[BaseModel], list[str]]
Conditions = Callable[[BaseModel], list[Unmet]]
Compute = Callable[[BaseModel, Draft, date], Estimate]


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    fields: tuple[str, ...]
    computable: bool  # False where this notice sets no amount (6/8, 10–13): eligible is None
    # Builds the input model (once): the chat's first answer uses one measure's, not thirteen.
    build_model: Callable[[], type[BaseModel]]
    needed: Needed
    conditions: Conditions
    compute: Compute
    upper_bound: bool = False
    paid_to_enterprise: bool = True
    # Near-miss guidance on partial data, for a result that stops early.
    near_miss: Callable[[BaseModel], list[str]] | None = None
    # Optional fields the interview asks (calc, check and batch do not require them): the trace
    # says what was not checked when they are absent.
    ask_also: Callable[[BaseModel], list[str]] | None = None
    # The declaration it is derived from (calculators.rules.Rule): what the quiz reads its
    # boundaries from. None for a measure wired by hand.
    rule: Any = None

    @property
    def input_model(self) -> type[BaseModel]:
        return self.build_model()

    @classmethod
    def define(
        cls,
        measure_id: str,
        model: type[BaseModel] | Callable[[], type[BaseModel]],
        compute: Compute,
        conditions: Conditions | None = None,
        *,
        needed: Needed | None = None,
        computable: bool = True,
        upper_bound: bool = False,
        paid_to_enterprise: bool = True,
        near_miss: Callable[[BaseModel], list[str]] | None = None,
        ask_also: Callable[[BaseModel], list[str]] | None = None,
        fields: tuple[str, ...] | None = None,
    ) -> Measure:
        """A measure wired from its parts. Its fields are the input model's, in interview order; it
        needs all of them unless ``needed`` says otherwise; without ``conditions`` nothing fails
        early; the registry fills in the notice's title. ``model`` is the model, or a function
        that builds it on first use: then ``fields`` names its fields."""
        if isinstance(model, type):
            fields, built = tuple(model.model_fields), model
            build = lambda: built  # noqa: E731
        elif fields is None:
            raise TypeError("a model built on first use needs its fields named")
        else:
            build = _once(model)
        return cls(
            id=measure_id,
            title="",
            fields=fields,
            computable=computable,
            build_model=build,
            needed=needed or simple_needed(fields),
            conditions=conditions or _no_conditions,
            compute=compute,
            upper_bound=upper_bound,
            paid_to_enterprise=paid_to_enterprise,
            near_miss=near_miss,
            ask_also=ask_also,
        )


def _once(build: Callable[[], type[BaseModel]]) -> Callable[[], type[BaseModel]]:
    """``build`` run on the first call only, under a lock: a worker thread and the app's own may
    both ask, and one measure has one model class."""
    made: list[type[BaseModel]] = []
    lock = Lock()

    def model() -> type[BaseModel]:
        if not made:
            with lock:
                if not made:
                    made.append(build())
        return made[0]

    return model


def simple_needed(names: tuple[str, ...]) -> Needed:
    def needed(inp: BaseModel) -> list[str]:
        return [n for n in names if not has(inp, n)]

    return needed


def _no_conditions(inp: BaseModel) -> list[Unmet]:
    return []


# A round quantity for "每多用 … 可多得 …" guidance (a display choice, not a figure of the notice).
GUIDANCE_UNIT = Decimal(10_000)


def yuan(value: Decimal) -> str:
    return format_yuan(value)
