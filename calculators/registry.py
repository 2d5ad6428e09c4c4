"""The measures by id, and the entry points: evaluate, needed_fields, precheck, check_profile."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from functools import cache

from pydantic import BaseModel

from calculators import (
    m1_sales,
    m2_power,
    m3_gas,
    m4_heat,
    m5_entry,
    m7_statistics,
    m9_fdi,
    no_award,
    referred,
)
from calculators.base import Draft, Measure, finish
from calculators.errors import InputError
from calculators.fields import FIELDS, is_unknown, parse_field
from calculators.models import Estimate, ProfileResult, Unmet
from calculators.validity import measures_in_force, total_note
from corpus import load_notice

MEASURE_IDS = tuple(str(i) for i in range(1, 14))
PROFILE_KEYS = frozenset({"name"})  # allowed besides the fields: the enterprise's name


@cache
def _measures() -> dict[str, Measure]:
    found = [
        m1_sales.MEASURE,
        m2_power.MEASURE,
        m3_gas.MEASURE,
        m4_heat.MEASURE,
        m5_entry.MEASURE,
        referred.MEASURE_6,
        m7_statistics.MEASURE,
        referred.MEASURE_8,
        m9_fdi.MEASURE,
        *no_award.MEASURES,
    ]
    notice = load_notice()
    return {m.id: dataclasses.replace(m, title=notice.clause(m.id).title) for m in found}


def get_measure(measure_id: object) -> Measure:
    key = str(measure_id).strip()
    measure = _measures().get(key)
    if measure is None:
        raise InputError(None, f"没有第“{measure_id}”条措施，请输入 1 到 13 之间的条款编号")
    return measure


def _read_value(key: str, raw: object) -> tuple[object, str | None]:
    """One answer read: (value, assumption stated) — "不知道" on a yes/no field is its assumption."""
    spec = FIELDS[key]
    if is_unknown(raw):
        if spec.kind in ("bool", "optional_date") and spec.assumption_text:
            return spec.assume_if_unknown, spec.assumption_text
        raise InputError(key, f"“{spec.label}”需要确切的数值才能测算，请提供（如 {spec.example}）")
    return parse_field(key, raw), None


def _given(raw: object, key: str) -> bool:
    return raw is not None or FIELDS[key].kind == "optional_date"  # null: not given, except 未获批


def _parse(measure: Measure, data: Mapping[str, object], strict: bool) -> tuple[BaseModel, list[str]]:
    """Read the fields this measure uses."""
    if not isinstance(data, Mapping):
        raise InputError(None, "输入应为一组“字段: 值”（JSON 对象）")
    values: dict[str, object] = {}
    assumptions: list[str] = []
    for key, raw in data.items():
        if key in PROFILE_KEYS:
            continue
        spec = FIELDS.get(key)
        if spec is None:
            raise InputError(key, f"未知字段“{key}”；第{measure.id}条可填：{_field_list(measure)}")
        if key not in measure.fields:
            if strict:
                raise InputError(
                    key, f"第{measure.id}条不使用“{spec.label}”（{key}）；本条可填：{_field_list(measure)}"
                )
            continue
        if _given(raw, key):
            values[key], assumed = _read_value(key, raw)
            if assumed:
                assumptions.append(assumed)
    return measure.input_model.model_validate(values), assumptions


def _field_list(measure: Measure) -> str:
    return "、".join(f"{FIELDS[n].label}（{n}）" for n in measure.fields) or "（本条无需填写）"


def _missing_message(name: str) -> str:
    spec = FIELDS[name]
    return f"缺少“{spec.label}”（{name}）：{spec.question}（如 {spec.example}）"


def evaluate(
    measure_id: object, data: Mapping[str, object], as_of: date | None = None, *, strict: bool = False
) -> Estimate:
    """The estimate for one measure.

    Values may be raw text ("800万", "是") or typed. Unknown field names and bad values raise
    InputError naming the field; with ``strict`` a field of another measure is refused too
    (the CLI), otherwise it is ignored (the chat passes everything it knows). Where a field is
    still missing but a condition already fails, the result is "not eligible" with that
    condition; where nothing fails yet, InputError names the first missing field.
    """
    measure = get_measure(measure_id)
    inp, assumptions = _parse(measure, data, strict)
    return _run(measure, inp, assumptions, as_of or date.today())


def _run(measure: Measure, inp: BaseModel, assumptions: list[str], as_of: date) -> Estimate:
    draft = Draft(measure.id, assumptions=list(assumptions))
    missing = measure.needed(inp)
    if missing:
        failed = measure.conditions(inp)
        if not failed:
            raise InputError(missing[0], _missing_message(missing[0]))
        return _early_stop(measure, inp, draft, failed, as_of)
    return measure.compute(inp, draft, as_of)


def _early_stop(measure: Measure, inp: BaseModel, draft: Draft, failed: list[Unmet], as_of: date) -> Estimate:
    for u in failed:
        draft.step(f"条件：{u.condition}", u.reason, "不满足")
    draft.unmet.extend(failed)
    if measure.near_miss:
        draft.next_step.extend(measure.near_miss(inp))
    draft.step("结论", "已有条件不满足，其余信息无需再填", "不符合本条")
    if measure.computable:
        return finish(
            draft,
            Decimal(0),
            as_of,
            upper_bound=measure.upper_bound,
            paid_to_enterprise=measure.paid_to_enterprise,
        )
    return finish(draft, None, as_of, eligible=None, in_scope=False)


def needed_fields(measure_id: object, data: Mapping[str, object]) -> list[str]:
    """Fields still needed given what is known, in interview order (alternatives resolved)."""
    measure = get_measure(measure_id)
    inp, _ = _parse(measure, data, strict=False)
    required = measure.needed(inp)
    if measure.ask_also is None:
        return required
    # Optional fields are asked once: a key present in ``data`` (even None, "不知道") is answered.
    extra = [n for n in measure.ask_also(inp) if n not in data and n not in required]
    return sorted([*required, *extra], key=measure.fields.index) if extra else required


def precheck(measure_id: object, data: Mapping[str, object]) -> Unmet | None:
    """The first condition that already fails on partial data, for the interview's early stop."""
    measure = get_measure(measure_id)
    inp, _ = _parse(measure, data, strict=False)
    failed = measure.conditions(inp)
    return failed[0] if failed else None


def check_profile(profile: Mapping[str, object], as_of: date | None = None) -> ProfileResult:
    """Every measure the profile answers, the fields the others still need, and the total."""
    if not isinstance(profile, Mapping):
        raise InputError(None, "企业信息应为一组“字段: 值”（JSON 对象）")
    for key in profile:
        if key not in FIELDS and key not in PROFILE_KEYS:
            raise InputError(key, f"未知字段“{key}”；可用字段见 `policy-assistant calc 第N条 --schema`")
    as_of = as_of or date.today()
    # Each answer is read once: several measures share a field (above_scale_industrial: 1 and 3).
    values: dict[str, object] = {}
    assumed: dict[str, str] = {}
    for key, raw in profile.items():
        if key not in PROFILE_KEYS and _given(raw, key):
            values[key], text = _read_value(key, raw)
            if text:
                assumed[key] = text
    results: list[Estimate] = []
    missing: dict[str, list[str]] = {}
    for mid in MEASURE_IDS:
        measure = get_measure(mid)
        inp = measure.input_model.model_validate({k: values[k] for k in measure.fields if k in values})
        still = measure.needed(inp)
        if still and not measure.conditions(inp):
            missing[mid] = still
            continue
        results.append(_run(measure, inp, [assumed[k] for k in measure.fields if k in assumed], as_of))
    own = [e for e in results if e.paid_to_enterprise and e.eligible and e.award_yuan is not None]
    funds = [e for e in results if not e.paid_to_enterprise and e.award_yuan is not None]
    assumptions = list(dict.fromkeys(a for e in results for a in e.assumptions))
    expired, upper, note = total_note(own)
    name = profile.get("name")
    return ProfileResult(
        name=None if name is None else str(name),
        as_of=as_of,
        results=results,
        missing=missing,
        total_award_yuan=sum((e.award_yuan for e in own), Decimal(0)),
        work_funds_yuan=sum((e.award_yuan for e in funds), Decimal(0)),
        assumptions=assumptions,
        validity=measures_in_force(as_of),
        total_expired_measures=expired,
        total_upper_bound=upper,
        total_note=note,
    )
