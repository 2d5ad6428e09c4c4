"""The slips a trainee most often makes, tried against the notice's actual boundaries.

Each slip is one misreading of one rule — a boundary taken as excluded where the notice includes
it (“含”, “及以上”, “不足…不予”), a boundary ignored, a part-step counted, a cap forgotten, the
wrong rate — with the figure it gives and the step of the right trace where it happens. The
figures come from the notice's parameters, never typed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from assistant.training.scenarios import Scenario
from calculators.base import param, param_date
from calculators.models import Estimate


@dataclass(frozen=True)
class Slip:
    text: str  # what the trainee most likely did, in the notice's words
    amount: Decimal  # the figure that slip gives
    step: str  # words of the step in the right trace where it happens


def _steps(value: Decimal, unit: Decimal, rounding: str) -> Decimal:
    return (value / unit).to_integral_value(rounding=rounding)


def _m1(d: dict[str, object]) -> list[Slip]:
    inc = d["sales_2024q1_yuan"] - d["sales_2023q1_yuan"]  # type: ignore[operator]
    th, step, add = param("m1_threshold_yuan"), param("m1_step_yuan"), param("m1_step_award_yuan")
    base, cap = param("m1_base_award_yuan"), param("m1_cap_yuan")
    where = "条件：销售额同比增长"
    if inc < th:
        return [Slip("未达“同比增长500万元（含500万元）以上”的门槛，仍按门槛奖励计了", base, where)]
    out = []
    if inc == th:
        out.append(Slip("把“500万元（含500万元）以上”当成了不含500万元", Decimal(0), where))
    over = inc - th
    out.append(
        Slip(
            "不足100万元的部分也按比例计了奖：应“每增加100万元”满一档才计，不足一档不计",
            min(base + over / step * add, cap),
            "超出门槛部分",
        )
    )
    out.append(
        Slip(
            "不足一档按一档算了：应每满100万元计一档",
            min(base + _steps(over, step, ROUND_CEILING) * add, cap),
            "超出门槛部分",
        )
    )
    out.append(
        Slip(
            "漏了封顶：“单家企业奖励金额最高不超过10万元”",
            base + _steps(over, step, ROUND_FLOOR) * add,
            "封顶",
        )
    )
    return out


def _m2_pay(raw: Decimal) -> Decimal:
    return Decimal(0) if raw < param("m2_minimum_yuan") else min(raw, param("m2_cap_yuan"))


def _m2_money(raw: Decimal) -> list[Slip]:
    minimum = param("m2_minimum_yuan")
    out = [Slip("漏了封顶：“最高不超过35万元”", raw, "封顶")] if raw > param("m2_cap_yuan") else []
    if raw == minimum:
        out.append(Slip("把“不足1000元的不予安排”当成了恰为1000元也不安排", Decimal(0), "起付额"))
    if raw < minimum:
        out.append(Slip("忽略了“单家企业奖励金额不足1000元的不予安排”", raw, "奖励金额不低于"))
    return out


def _m2(d: dict[str, object]) -> list[Slip]:
    rate, strategic_rate = param("m2_rate_yuan_per_kwh"), param("m2_strategic_rate_yuan_per_kwh")
    after = d["power_2024q1_kwh"]
    if d.get("newly_commissioned_2024q1"):
        raw = after * param("m2_new_rate_yuan_per_kwh")  # type: ignore[operator]
        wrong = _m2_pay(after * rate)  # type: ignore[operator]
        return [*_m2_money(raw), Slip("新投产企业用了同比增量口径的0.05元标准（应为0.01元）", wrong, "口径")]
    before = d["power_2023q1_kwh"]
    inc = after - before  # type: ignore[operator]
    used, other = (strategic_rate, rate) if d.get("strategic_emerging_2023") else (rate, strategic_rate)
    where = "条件：用电同比增长"
    out = [*_m2_money(inc * used)]
    exact = inc * 100 == before * param("m2_growth_threshold_percent")  # type: ignore[operator]
    if exact:
        out.append(Slip("把“同比增长5%及以上”当成了不含5%", Decimal(0), where))
    elif inc * 100 < before * param("m2_growth_threshold_percent"):  # type: ignore[operator]
        out.append(Slip("忽略了“同比增长5%及以上”的门槛", _m2_pay(inc * used), where))
    told = "纳入" if d.get("strategic_emerging_2023") else "未纳入"
    out.append(
        Slip(
            f"用错了每千瓦时标准：企业{told}2023年省工业战略性新兴产业年报库（战新），"
            f"应按 {used} 元/千瓦时，您用了 {other} 元",
            _m2_pay(inc * other),
            "确定每千瓦时奖励标准",
        )
    )
    return out


def _m3(d: dict[str, object]) -> list[Slip]:
    gas, approved = d["gas_2024q1_m3"], d.get("specialized_sme_approved_on")
    minimum, cap, deadline = (
        param("m3_minimum_m3"),
        param("m3_cap_yuan"),
        param_date("m3_specialized_deadline"),
    )
    plain, special = param("m3_rate_yuan_per_m3"), param("m3_specialized_rate_yuan_per_m3")
    rate = special if approved is not None and approved <= deadline else plain  # type: ignore[operator]
    where = "条件：一季度用气量"
    raw = gas * rate  # type: ignore[operator]
    out = [Slip("漏了封顶：“单家企业补助最高不超过20万元”", raw, "封顶")] if raw > cap else []
    if gas == minimum:
        out.append(Slip("把“使用量不足1000立方米的不予补助”当成了恰为1000立方米也不补", Decimal(0), where))
    if gas < minimum:  # type: ignore[operator]
        out.append(Slip("忽略了“使用量不足1000立方米的不予补助”", min(gas * rate, cap), where))  # type: ignore[operator]
    if approved == deadline:
        out.append(Slip("把“2024年3月31日前获批”当成了不含3月31日当日", min(gas * plain, cap), "省专精特新"))  # type: ignore[operator]
    elif approved is not None and approved > deadline:  # type: ignore[operator]
        out.append(Slip("晚于2024年3月31日获批，仍按1元/立方米计了", min(gas * special, cap), "省专精特新"))  # type: ignore[operator]
    return out


def _m4(d: dict[str, object]) -> list[Slip]:
    resumed, deadline, award = d["resumed_on"], param_date("m4_resumption_deadline"), param("m4_award_yuan")
    where = "复工日期与截止日比较"
    if resumed == deadline:
        return [Slip("把“2024年2月17日（正月初八，含）前”当成了不含2月17日当日", Decimal(0), where)]
    if resumed > deadline:  # type: ignore[operator]
        return [Slip("晚于2024年2月17日（正月初八，含）才复工，仍按符合计了", award, where)]
    return []


def _m9(d: dict[str, object]) -> list[Slip]:
    fdi, step, add = d["fdi_2024q1_usd"], param("m9_step_usd"), param("m9_step_award_yuan")
    where = "按每满100万美元计档"
    return [
        Slip("不足100万美元的部分也按比例计了：应每满100万美元计一档", fdi / step * add, where),  # type: ignore[operator]
        Slip("不足一档按一档算了：应每满100万美元计一档", _steps(fdi, step, ROUND_CEILING) * add, where),  # type: ignore[arg-type]
    ]


_BY_MEASURE = {"1": _m1, "2": _m2, "3": _m3, "4": _m4, "9": _m9}


def explain_slip(scenario: Scenario, right: Estimate, given: Decimal) -> str | None:
    """The one boundary slip that gives the trainee's figure, with the step where it happens."""
    make = _BY_MEASURE.get(scenario.measure)
    if make is None:
        return None
    correct = right.award_yuan or Decimal(0)
    for slip in make(scenario.data):
        if slip.amount == given != correct:
            i, step = next(
                ((i, s) for i, s in enumerate(right.steps, 1) if slip.step in s.description),
                (0, None),
            )
            where = f"第{i}步「{step.description}」" if step else "计算过程"
            return f"最可能的偏差在{where}：{slip.text}。"
    return None
