"""第9条 促进外资增长: 3万元 work funds per whole 100万美元 of FDI — paid to the township/department."""

from __future__ import annotations

from calculators.amounts import WholeSteps
from calculators.parts import Given, Note
from calculators.rules import Rule

RULE = Rule(
    "9",
    "ForeignInvestmentInput",
    (
        Note(
            "本条工作经费奖补发给完成引资任务的乡（镇）、部门，不是发给企业；企业本身的招商奖补按"
            "《将乐县招商引资优惠政策》（将委办〔2022〕11号）执行。"
        ),
        WholeSteps(
            Given("fdi_2024q1_usd"),
            "m9_step_usd",
            "m9_step_award_yuan",
            lines=(
                (
                    "按每满100万美元计档（不足一档不计）",
                    "⌊{figure} ÷ {step}⌋；{quote[m9_step_usd]}",
                    "{n} 档",
                ),
                "m9_whole_steps",
                ("计算工作经费", "{n} 档 × {yuan[m9_step_award_yuan]}", "{award}"),
            ),
            more="再完成 {more} 实际利用外资可多得 {yuan[m9_step_award_yuan]} 工作经费",
            none=("实际利用外资满100万美元", "实际利用外资 {figure}，不足100万美元。"),
        ),
    ),
    paid_to_enterprise=False,
)
MEASURE = RULE.measure()
