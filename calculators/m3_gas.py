"""第3条 稳用气奖励: 0.5 元/m³ of 2024 Q1 gas (1 元 for 省专精特新), nothing below 1,000 m³, cap 20万元."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from calculators.base import (
    GUIDANCE_UNIT,
    Draft,
    Measure,
    bool_conditions,
    finish,
    input_model,
    param,
    param_date,
    quote,
    yuan,
)
from calculators.format import format_amount
from calculators.models import Estimate, Unmet

FIELDS = ("above_scale_industrial", "in_county", "gas_2024q1_m3", "specialized_sme_approved_on")
GasInput = input_model("GasInput", FIELDS)
_M3 = "立方米"
_CHECKS = [
    ("above_scale_industrial", True, "规模以上工业企业", "本条补助对象为规模以上工业企业。"),
    ("in_county", True, "在县域内使用天然气", "本条补助对象为县域内使用天然气的企业。"),
]
_bool_conditions = bool_conditions(_CHECKS)


def conditions(inp: BaseModel) -> list[Unmet]:
    out = _bool_conditions(inp)
    gas, minimum = inp.gas_2024q1_m3, param("m3_minimum_m3")
    if gas is not None and gas < minimum:
        out.append(Unmet(field="gas_2024q1_m3", condition=_minimum_condition(), reason=_minimum_reason(gas)))
    return out


def _near_miss(inp: BaseModel) -> list[str]:
    gas, minimum = inp.gas_2024q1_m3, param("m3_minimum_m3")
    if gas is None or gas >= minimum:
        return []
    return [f"一季度用气量还差 {format_amount(minimum - gas, _M3)} 即达 {format_amount(minimum, _M3)}"]


def _minimum_condition() -> str:
    return f"一季度用气量 {format_amount(param('m3_minimum_m3'), _M3)}（含）以上"


def _minimum_reason(gas: Decimal) -> str:
    return f"用气 {format_amount(gas, _M3)}，{quote('m3_minimum_m3')}。"


def compute(inp: BaseModel, draft: Draft, as_of: date) -> Estimate:
    d = inp
    ok = draft.check_answers(d, _CHECKS)
    gas = d.gas_2024q1_m3
    minimum, cap = param("m3_minimum_m3"), param("m3_cap_yuan")
    enough = gas >= minimum
    draft.check(enough, "gas_2024q1_m3", _minimum_condition(), _minimum_reason(gas))
    draft.reading("m3_minimum")
    if not enough:
        draft.next_step.extend(_near_miss(d))
    if not (ok and enough):
        return finish(draft, Decimal(0), as_of)
    approved = d.specialized_sme_approved_on
    deadline = param_date("m3_specialized_deadline")
    special = approved is not None and approved <= deadline
    if approved is None:
        draft.step("省专精特新中小企业", "未获批", "按一般标准")
    else:
        draft.step(
            "省专精特新中小企业获批日期",
            f"{approved:%Y年%-m月%-d日} {'≤' if special else '>'} {deadline:%Y年%-m月%-d日}",
            "适用1元/立方米" if special else "晚于截止日，按一般标准",
        )
        draft.reading("m3_deadline")
    rate_name = "m3_specialized_rate_yuan_per_m3" if special else "m3_rate_yuan_per_m3"
    rate = param(rate_name)
    raw = gas * rate
    draft.step("计算补助", f"{format_amount(gas, _M3)} × {rate} 元/{_M3}；{quote(rate_name)}", yuan(raw))
    award = draft.apply_cap(raw, "m3_cap_yuan")
    if award < cap:
        draft.next_step.append(
            f"每多用 {format_amount(GUIDANCE_UNIT, _M3)}天然气可多得 {yuan(rate * GUIDANCE_UNIT)}；"
            f"用气达 {format_amount(cap / rate, _M3)} 即达封顶"
        )
        if not special:
            draft.next_step.append(
                f"若在{deadline:%Y年%-m月%-d日}前（含）获批“省专精特新中小企业”，按"
                f"{param('m3_specialized_rate_yuan_per_m3')} 元/{_M3}计可得 "
                f"{yuan(min(gas * param('m3_specialized_rate_yuan_per_m3'), cap))}"
            )
    return finish(draft, award, as_of)


MEASURE = Measure.define("3", GasInput, compute, conditions, near_miss=_near_miss)
