"""第7条 营造良好统计氛围: 150 (new entry, entry year) or 100 (existing) 元 per statistician per month."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from calculators.base import Draft, Measure, finish, has, input_model, param, quote, yuan
from calculators.errors import InputError
from calculators.fields import FIELDS as FIELDS_SPEC
from calculators.models import Estimate, Unmet

# entry_month is optional: the chat asks a new entry; without it the months are taken as stated.
FIELDS = ("enterprise_status", "entry_month", "continuous_reporting", "statisticians", "months")
StatisticsInput = input_model("StatisticsInput", FIELDS)
_REPORTING = ("continuous_reporting", "持续出数", "本条奖励对象须持续出数（按期报送统计数据）。")
_REQUIRED = tuple(n for n in FIELDS if n != "entry_month")
_LAST_MONTH = int(FIELDS_SPEC["months"].maximum or 0)  # December: the field's own bound


def needed(inp: BaseModel) -> list[str]:
    return [n for n in _REQUIRED if not has(inp, n)]


def _ask_also(inp: BaseModel) -> list[str]:
    return ["entry_month"] if inp.enterprise_status == "new_entry" and not has(inp, "entry_month") else []


def conditions(inp: BaseModel) -> list[Unmet]:
    out = []
    if has(inp, "continuous_reporting") and inp.continuous_reporting is False:
        out.append(Unmet(field=_REPORTING[0], condition=_REPORTING[1], reason=_REPORTING[2]))
    if has(inp, "statisticians") and inp.statisticians == 0:
        out.append(
            Unmet(field="statisticians", condition="有统计人员", reason="奖励按统计人员人数计，人数为0。")
        )
    return out


def _entry_year_months(d: BaseModel, draft: Draft) -> int:
    """The months at 150 元 are those of the calendar year of entry: from the entry month to December."""
    last = _LAST_MONTH
    entry = d.entry_month
    if entry is None:
        draft.step("入库月份", "未填写", f"未核对：按所填 {d.months} 个月计")
    else:
        most = last - entry + 1
        if d.months > most:
            raise InputError(
                "months",
                f"持续出数月数 {d.months} 个月超过入库当年可计的月数：{entry}月入库，"
                f"入库当年（自然年）最多计 {most} 个月（{entry}月至12月）；请更正月数或入库月份",
            )
        draft.step("入库当年可计月数", f"{entry}月至12月，共 {most} 个月", f"所填 {d.months} 个月未超出")
    draft.reading("m7_entry_year")
    return entry if entry is not None else 0


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
    most = _LAST_MONTH
    if new_entry:
        draft.notes.append("新入库企业按入库当年（自然年）计150元/人/月；以后年度按在库老企业100元/人/月计。")
        entry = _entry_year_months(d, draft)
        most = most - entry + 1 if entry else most
    if not ok:
        return finish(draft, Decimal(0), as_of)
    name = "m7_new_entry_rate_yuan" if new_entry else "m7_existing_rate_yuan"
    rate = param(name)
    draft.step("确定标准", quote(name), f"{rate} 元/人/月")
    award = rate * people * months
    draft.step("计算奖励", f"{rate} 元 × {people} 人 × {months} 个月", yuan(award))
    if months < most:
        draft.next_step.append(f"每多持续出数 1 个月，可多得 {yuan(rate * people)}")
    else:
        draft.next_step.append("已按全年计满" if most == _LAST_MONTH else "已按入库当年可计月数计满")
    return finish(draft, award, as_of)


MEASURE = Measure.define("7", StatisticsInput, compute, conditions, needed=needed, ask_also=_ask_also)
