"""第10–13条: service and safety measures that carry no award; say what they offer and whom to ask."""

from __future__ import annotations

from calculators.parts import NextStep, Note, Step
from calculators.rules import Rule

OFFERS = {
    "10": "加强经济运行监测，落实帮扶企业、纾困解难措施，保障企业生产要素供应；"
    "企业遇到生产要素、经营困难可向县工信局、开发区反映。",
    "11": "开展“送政策进企业”活动，宣传解读省、市、县惠企政策，"
    "并组织指导符合条件的企业及时申报增产增效、开拓市场等奖励。",
    "12": "由入规入统协调小组统筹信息、督促入规入统；"
    "拟退库或有退库风险的企业可获相关部门、乡（镇）提前跟进帮助协调。",
    "13": "落实属地和部门监管责任，督促企业落实安全生产主体责任，开展重大事故隐患排查整治。",
}

RULES = [
    Rule(
        i,
        "NoInput",
        (
            Step("本条性质", "服务保障/安全生产措施", "不设奖补金额"),
            Note(f"本条提供：{offer}"),
            NextStep("本条无奖补金额；相关事项请联系本条责任单位"),
        ),
        outcome="none",
    )
    for i, offer in OFFERS.items()
]
MEASURES = [rule.measure() for rule in RULES]
