"""第1条 落实增产增效奖励: 5万元 from 500万元 sales growth, +1万元 per further whole 100万元, cap 10万元."""

from __future__ import annotations

from calculators.amounts import WholeSteps
from calculators.conditions import AtLeast, Must
from calculators.parts import Figure, Gate, GivenOrDifference
from calculators.rules import Rule

INCREASE = GivenOrDifference(
    "sales_increase_yuan",
    "sales_2023q1_yuan",
    "sales_2024q1_yuan",
    given_step="销售额同比增长额（企业直接提供）",
    difference_step="计算销售额同比增长额",
    mismatch="销售额增长额（{given}）与两季度销售额之差（{difference}）不一致，请只填其一或更正",
    zero_base_reading="m1_zero_base",
)

RULE = Rule(
    "1",
    "SalesGrowthInput",
    (
        Must(
            "above_scale_industrial",
            True,
            "规上工业企业",
            "本条奖励对象为规上工业企业，贵企业不是规上工业企业。",
        ),
        Figure(INCREASE),
        Gate(),
        AtLeast(
            INCREASE,
            "m1_threshold_yuan",
            field="sales_increase_yuan",
            condition="销售额同比增长 {threshold}（含）以上",
            reason="同比增长 {value}，未达 {yuan[m1_threshold_yuan]}。",
            short="再增加 {gap} 销售额即达 {yuan[m1_threshold_yuan]} 门槛，可得 {yuan[m1_base_award_yuan]}",
        ),
        Gate(),
        WholeSteps(
            INCREASE,
            "m1_step_yuan",
            "m1_step_award_yuan",
            threshold="m1_threshold_yuan",
            base="m1_base_award_yuan",
            cap="m1_cap_yuan",
            lines=(
                ("达到门槛，一次性奖励", "{quote[m1_base_award_yuan]}", "{yuan[m1_base_award_yuan]}"),
                "m1_whole_steps",
                (
                    "超出门槛部分按每满一档加奖（不足一档不计）",
                    "⌊({figure} − {threshold}) ÷ {step}⌋ = {n} 档；{quote[m1_step_yuan]}",
                    "{steps_award}",
                ),
            ),
            more="再增加 {more} 销售额可多得 {yuan[m1_step_award_yuan]}",
        ),
    ),
)
MEASURE = RULE.measure()
