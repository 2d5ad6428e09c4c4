"""第7条 营造良好统计氛围: 150 (new entry, entry year) or 100 (existing) 元 per statistician per month."""

from __future__ import annotations

from calculators.amounts import ByAnswer, EntryYear, PerPersonMonth
from calculators.conditions import Must, NonZero
from calculators.parts import Gate, Note
from calculators.rules import Paths, Rule

RULE = Rule(
    "7",
    "StatisticsInput",
    (
        Must("continuous_reporting", True, "持续出数", "本条奖励对象须持续出数（按期报送统计数据）。"),
        NonZero("statisticians", "有统计人员", "奖励按统计人员人数计，人数为0。"),
        Note("奖励资金于当年度结束后一次性兑现。"),
        Note("本条适用于工业、建筑业、商贸、服务业企业；该政策长期有效，如出台新政策，按新政策精神执行。"),
        Paths(
            "enterprise_status",
            {
                "new_entry": (
                    Note("新入库企业按入库当年（自然年）计150元/人/月；以后年度按在库老企业100元/人/月计。"),
                    # Optional: the chat asks a new entry; without it the months are taken as stated.
                    EntryYear("entry_month", "months", reading="m7_entry_year"),
                ),
                "existing": (),
            },
        ),
        Gate(),
        PerPersonMonth(
            ByAnswer("enterprise_status", {"new_entry": "m7_new_entry_rate_yuan"}, "m7_existing_rate_yuan"),
            "statisticians",
            "months",
        ),
    ),
    fields=("enterprise_status", "entry_month", "continuous_reporting", "statisticians", "months"),
)
MEASURE = RULE.measure()
