"""第4条 稳用热奖励: 5万元 to a heat supplier that resumed by 2024-02-17 (inclusive) and supplied all Q1."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from calculators.base import Draft, Measure, finish, has, input_model, param, param_date, quote, yuan
from calculators.models import Estimate, Unmet

FIELDS = ("heat_supplier", "resumed_on", "continuous_supply_q1")
HeatInput = input_model("HeatInput", FIELDS)
_SUPPLIER = ("heat_supplier", "供热企业", "本条奖励对象为供热企业。")
_CONTINUOUS = ("continuous_supply_q1", "一季度持续生产、持续供汽", "须保证一季度持续生产、持续供汽。")


def _deadline_text() -> str:
    return f"{param_date('m4_resumption_deadline'):%Y年%-m月%-d日}（正月初八，含）前达到复工复产标准"


def conditions(inp: BaseModel) -> list[Unmet]:
    out: list[Unmet] = []
    if has(inp, "heat_supplier") and inp.heat_supplier is False:
        out.append(Unmet(field=_SUPPLIER[0], condition=_SUPPLIER[1], reason=_SUPPLIER[2]))
    resumed = inp.resumed_on
    if resumed is not None and resumed > param_date("m4_resumption_deadline"):
        reason = f"{resumed:%Y年%-m月%-d日}才达到复工复产标准，晚于截止日。"
        out.append(Unmet(field="resumed_on", condition=_deadline_text(), reason=reason))
    if has(inp, "continuous_supply_q1") and inp.continuous_supply_q1 is False:
        out.append(Unmet(field=_CONTINUOUS[0], condition=_CONTINUOUS[1], reason=_CONTINUOUS[2]))
    return out


def compute(inp: BaseModel, draft: Draft, as_of: date) -> Estimate:
    d = inp
    ok = draft.check(d.heat_supplier is True, *_SUPPLIER)
    deadline = param_date("m4_resumption_deadline")
    resumed = d.resumed_on
    draft.step(
        "复工日期与截止日比较（原文写明“含”：截止日当日达到标准也符合）",
        f"{resumed:%Y-%m-%d} {'≤' if resumed <= deadline else '>'} {deadline:%Y-%m-%d}"
        f"；{quote('m4_resumption_deadline')}",
        "不晚于截止日" if resumed <= deadline else "晚于截止日",
    )
    ok = (
        draft.check(
            resumed <= deadline,
            "resumed_on",
            _deadline_text(),
            f"{resumed:%Y年%-m月%-d日}才达到复工复产标准，晚于{deadline:%Y年%-m月%-d日}。",
        )
        and ok
    )
    ok = draft.check(d.continuous_supply_q1 is True, *_CONTINUOUS) and ok
    if not ok:
        return finish(draft, Decimal(0), as_of)
    award = param("m4_award_yuan")
    draft.step("一次性奖励", quote("m4_award_yuan"), yuan(award))
    draft.next_step.append("本条为定额一次性奖励，已按满额计")
    return finish(draft, award, as_of)


MEASURE = Measure.define("4", HeatInput, compute, conditions)
