"""第6条 and 第8条: the amount is set by another document; this notice only says who is in scope."""

from __future__ import annotations

from calculators.amounts import NewOrIncrease, Refer
from calculators.conditions import Must
from calculators.parts import Note, Step
from calculators.rules import Paths, Rule

# --- 第6条 加大商贸、服务业企业培育力度 -------------------------------------------------------
_HOSTS = "“分别挂靠工信局（工业、商贸业）、住建局（建筑业）、发改局（服务业）”"

RULE_6 = Rule(
    "6",
    "CommerceServicesInput",
    (
        Step("行业", "商贸、服务业企业", "{sector}", needs=("sector",)),
        # Whom to ask by sector: clause 12, not clause 6, says which bureau hosts which sector.
        Step("咨询部门", f"第12条：入规入统协调小组办公室{_HOSTS}", "{sector}：{dept}", clause="12"),
        Must(
            "in_statistics_2023q1",
            True,
            "2023年一季度入统计库（以2022年纳税申报表为依据）",
            "本条定档奖励对象为2023年一季度入统计库的商贸、服务业企业。",
        ),
        Must(
            "received_other_award",
            False,
            "未享受任何政策奖励兑现",
            "已享受政策奖励兑现的企业不在本条定档奖励范围内。",
        ),
        Note("2024年度起，入库企业同比负增长的，不享受第二年、第三年奖励政策。"),
        Refer(
            "奖励金额",
            "按《将乐县促进商贸业、服务业高质量发展六条措施》（将政办〔2022〕6号）"
            "累计2022年度和2023年度销售总额后定档",
            ask="具体档次和金额请向{dept}（{sector}，见第12条）或财政局咨询，"
            "并准备2022年纳税申报表及2022、2023年度销售总额资料",
            outside="按本通知所述条件，贵企业不在本条定档奖励范围内；如有疑问请咨询县工信局、发改局",
        ),
    ),
    outcome="referred",
    words={
        "sector": ("sector", {"commerce": "商贸业", "services": "服务业"}),
        "dept": ("sector", {"commerce": "县工信局", "services": "县发改局"}),
    },
)
MEASURE_6 = RULE_6.measure()

# --- 第8条 鼓励企业外贸出口 ---------------------------------------------------------------------
_SET_BY = (
    "具体按《关于促进2023年一季度稳生产促消费的若干措施》（将政办明电〔2023〕4号）"
    "第15条“鼓励企业外贸出口”执行"
)


def _refer_8(rule: str) -> Refer:
    return Refer(
        "补助金额",
        f"{rule}；{_SET_BY}",
        ask="具体补助标准请向县工信局、财政局（及县商务部门）咨询",
        outside="按本通知所述条件，贵企业暂不在本条范围内；如有疑问请咨询县工信局、财政局",
    )


RULE_8 = Rule(
    "8",
    "ExportInput",
    (
        Paths(
            "exporter_type",
            {
                "production": (
                    NewOrIncrease(
                        "export_2023_usd",
                        "export_2024_usd",
                        increase_threshold="m8_increase_threshold_usd",
                        new_threshold="m8_new_exporter_threshold_usd",
                        new_step="口径：新增生产型出口企业（2023年无出口）",
                        reading="m8_zero_base",
                        new_condition="当年出口额达 {threshold}（含）以上",
                        increase_condition="以2023年出口额为基数，增量达 {threshold}（含）以上",
                        short="出口额再增加 {gap} 即进入本条奖励范围",
                        basis=("根据企业实际情况进行奖励", "增量部分根据企业实际情况进行奖励"),
                    ),
                    _refer_8("{basis}"),
                ),
                "trade": (
                    Must(
                        "has_agency_agreement",
                        True,
                        "与县商务部门签订出口代理协议并按要求开展贸易出口",
                        "贸易型出口企业须与县商务部门签订出口代理协议。",
                    ),
                    _refer_8("按实际出口情况给予补助"),
                ),
            },
        ),
    ),
    outcome="referred",
)
MEASURE_8 = RULE_8.measure()
