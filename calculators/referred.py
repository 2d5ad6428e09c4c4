"""第6条 and 第8条: the amount is set by another document; this notice only says who is in scope."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from calculators.base import Draft, Measure, bool_conditions, finish, has, input_model, param, quote
from calculators.format import format_amount
from calculators.models import Estimate, Unmet

# --- 第6条 加大商贸、服务业企业培育力度 -------------------------------------------------------
TRADE_FIELDS = ("sector", "in_statistics_2023q1", "received_other_award")
CommerceServicesInput = input_model("CommerceServicesInput", TRADE_FIELDS)
_M6 = [
    (
        "in_statistics_2023q1",
        True,
        "2023年一季度入统计库（以2022年纳税申报表为依据）",
        "本条定档奖励对象为2023年一季度入统计库的商贸、服务业企业。",
    ),
    (
        "received_other_award",
        False,
        "未享受任何政策奖励兑现",
        "已享受政策奖励兑现的企业不在本条定档奖励范围内。",
    ),
]


_HOSTS = "“分别挂靠工信局（工业、商贸业）、住建局（建筑业）、发改局（服务业）”"


def _set_elsewhere(
    draft: Draft, as_of: date, in_scope: bool, amount: tuple[str, str], ask: str, outside: str
) -> Estimate:
    """The end of a referred measure: the document that sets the amount, then whom to ask (in
    scope) or that the enterprise is outside the measure as far as this notice says."""
    draft.step(*amount, "本通知未规定金额")
    draft.next_step.append(ask if in_scope else outside)
    return finish(draft, None, as_of, eligible=None, in_scope=in_scope)


def _m6_compute(inp: BaseModel, draft: Draft, as_of: date) -> Estimate:
    sector = "商贸业" if inp.sector == "commerce" else "服务业"
    draft.step("行业", "商贸、服务业企业", sector)
    # Whom to ask by sector: clause 12, not clause 6, says which bureau hosts which sector.
    dept = "县工信局" if inp.sector == "commerce" else "县发改局"
    draft.step("咨询部门", f"第12条：入规入统协调小组办公室{_HOSTS}", f"{sector}：{dept}", clause="12")
    ok = draft.check_answers(inp, _M6)
    draft.notes.append("2024年度起，入库企业同比负增长的，不享受第二年、第三年奖励政策。")
    return _set_elsewhere(
        draft,
        as_of,
        ok,
        (
            "奖励金额",
            "按《将乐县促进商贸业、服务业高质量发展六条措施》（将政办〔2022〕6号）"
            "累计2022年度和2023年度销售总额后定档",
        ),
        f"具体档次和金额请向{dept}（{sector}，见第12条）或财政局咨询，"
        "并准备2022年纳税申报表及2022、2023年度销售总额资料",
        "按本通知所述条件，贵企业不在本条定档奖励范围内；如有疑问请咨询县工信局、发改局",
    )


MEASURE_6 = Measure.define("6", CommerceServicesInput, _m6_compute, bool_conditions(_M6), computable=False)

# --- 第8条 鼓励企业外贸出口 ---------------------------------------------------------------------
EXPORT_FIELDS = ("exporter_type", "export_2023_usd", "export_2024_usd", "has_agency_agreement")
ExportInput = input_model("ExportInput", EXPORT_FIELDS)


def _m8_needed(inp: BaseModel) -> list[str]:
    kind = inp.exporter_type
    if kind is None:
        return ["exporter_type"]
    names = ("export_2023_usd", "export_2024_usd") if kind == "production" else ("has_agency_agreement",)
    return [n for n in names if not has(inp, n)]


def _m8_conditions(inp: BaseModel) -> list[Unmet]:
    if inp.exporter_type == "trade" and inp.has_agency_agreement is False:
        return [
            Unmet(
                field="has_agency_agreement",
                condition="与县商务部门签订出口代理协议并按要求开展贸易出口",
                reason="贸易型出口企业须与县商务部门签订出口代理协议。",
            )
        ]
    return []


def _usd(value: Decimal) -> str:
    return format_amount(value, "美元")


def _m8_export_test(draft: Draft, before: Decimal, after: Decimal) -> bool:
    """生产型: a new exporter's 2024 exports, otherwise the increase on 2023, against its threshold."""
    if before == 0:
        name, figure = "m8_new_exporter_threshold_usd", after
        draft.step("口径：新增生产型出口企业（2023年无出口）", quote(name), _usd(after))
        draft.reading("m8_zero_base")
        condition, stated = "当年出口额达 {}（含）以上", f"2024年出口额 {_usd(after)}"
    else:
        name, figure = "m8_increase_threshold_usd", after - before
        draft.step("计算出口增量", f"{_usd(after)} − {_usd(before)}", _usd(figure))
        condition, stated = "以2023年出口额为基数，增量达 {}（含）以上", f"增量 {_usd(figure)}"
    threshold = param(name)
    ok = draft.check(
        figure >= threshold,
        "export_2024_usd",
        condition.format(_usd(threshold)),
        f"{stated}，未达 {_usd(threshold)}。",
    )
    if not ok:
        draft.next_step.append(f"出口额再增加 {_usd(threshold - figure)} 即进入本条奖励范围")
    return ok


def _m8_compute(inp: BaseModel, draft: Draft, as_of: date) -> Estimate:
    d = inp
    if d.exporter_type == "production":
        before = d.export_2023_usd
        ok = _m8_export_test(draft, before, d.export_2024_usd)
        amount_rule = "增量部分根据企业实际情况进行奖励" if before else "根据企业实际情况进行奖励"
    else:
        ok = draft.check(
            d.has_agency_agreement is True,
            "has_agency_agreement",
            "与县商务部门签订出口代理协议并按要求开展贸易出口",
            "贸易型出口企业须与县商务部门签订出口代理协议。",
        )
        amount_rule = "按实际出口情况给予补助"
    return _set_elsewhere(
        draft,
        as_of,
        ok,
        (
            "补助金额",
            f"{amount_rule}；具体按《关于促进2023年一季度稳生产促消费的若干措施》"
            "（将政办明电〔2023〕4号）第15条“鼓励企业外贸出口”执行",
        ),
        "具体补助标准请向县工信局、财政局（及县商务部门）咨询",
        "按本通知所述条件，贵企业暂不在本条范围内；如有疑问请咨询县工信局、财政局",
    )


MEASURE_8 = Measure.define("8", ExportInput, _m8_compute, _m8_conditions, needed=_m8_needed, computable=False)
