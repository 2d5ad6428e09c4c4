"""第7条 营造良好统计氛围: 150 (new entry) or 100 (existing) 元 per statistician per month of reporting."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from calculators.base import Draft, Measure, finish, has, input_model, param, quote, yuan
from calculators.fields import FIELDS as FIELDS_SPEC
from calculators.models import Estimate, Unmet

FIELDS = ("enterprise_status", "continuous_reporting", "statisticians", "months")
StatisticsInput = input_model("StatisticsInput", FIELDS)
_REPORTING = ("continuous_reporting", "持续出数", "本条奖励对象须持续出数（按期报送统计数据）。")


def conditions(inp: BaseModel) -> list[Unmet]:
    out = []
    if has(inp, "continuous_reporting") and inp.continuous_reporting is False:
        out.append(Unmet(field=_REPORTING[0], condition=_REPORTING[1], reason=_REPORTING[2]))
    if has(inp, "statisticians") and inp.statisticians == 0:
        out.append(
            Unmet(field="statisticians", condition="有统计人员", reason="奖励按统计人员人数计，人数为0。")
        )
    return out


def compute(inp: BaseModel, draft: Draft, as_of: date) -> Estimate:
    d = inp
    new_entry = d.enterprise_status == "new_entry"
    ok = draft.check(d.continuous_reporting is True, *_REPORTING)
    people, months = d.statisticians, d.months
    ok = draft.check(people > 0, "statisticians", "有统计人员", "奖励按统计人员人数计，人数为0。") and ok
    draft.notes.append("奖励资金于当年度结束后一次性兑现。")
    draft.notes.append(
        "本条适用于工业、建筑业、商贸、服务业企业；该政策长期有效，如出台新政策，按新政策精神执行。"
    )
    if new_entry:
        draft.notes.append("新入库企业按入库当年（自然年）计150元/人/月；以后年度按在库老企业100元/人/月计。")
    if not ok:
        return finish(draft, Decimal(0), as_of)
    name = "m7_new_entry_rate_yuan" if new_entry else "m7_existing_rate_yuan"
    rate = param(name)
    draft.step("确定标准", quote(name), f"{rate} 元/人/月")
    award = rate * people * months
    draft.step("计算奖励", f"{rate} 元 × {people} 人 × {months} 个月", yuan(award))
    if months < FIELDS_SPEC["months"].maximum:
        draft.next_step.append(f"每多持续出数 1 个月，可多得 {yuan(rate * people)}")
    else:
        draft.next_step.append("已按全年计满")
    return finish(draft, award, as_of)


MEASURE = Measure.define("7", StatisticsInput, compute, conditions)
