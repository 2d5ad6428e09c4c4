"""第4条 稳用热奖励: 5万元 to a heat supplier that resumed by 2024-02-17 (inclusive) and supplied all Q1."""

from __future__ import annotations

from calculators.amounts import Fixed
from calculators.conditions import Must, NotAfter
from calculators.parts import Gate
from calculators.rules import Rule

RULE = Rule(
    "4",
    "HeatInput",
    (
        Must("heat_supplier", True, "供热企业", "本条奖励对象为供热企业。"),
        NotAfter(
            "resumed_on",
            "m4_resumption_deadline",
            compare="复工日期与截止日比较（原文写明“含”：截止日当日达到标准也符合）",
            condition="{day[m4_resumption_deadline]}（正月初八，含）前达到复工复产标准",
            reason="{value}才达到复工复产标准，晚于{day[m4_resumption_deadline]}。",
            # What the early stop has always said (the full trace names the day).
            early_reason="{value}才达到复工复产标准，晚于截止日。",
        ),
        Must("continuous_supply_q1", True, "一季度持续生产、持续供汽", "须保证一季度持续生产、持续供汽。"),
        Gate(),
        Fixed("m4_award_yuan", "一次性奖励", "本条为定额一次性奖励，已按满额计"),
    ),
)
MEASURE = RULE.measure()
