"""Answers the engine gives from the notice itself: clause views, follow-ups, help, the clause list."""

from __future__ import annotations

import re
from datetime import date

from assistant.dialog.render import step_text
from assistant.dialog.reply import ClauseView, ProfileRow, ProfileTable
from calculators.models import Estimate, ProfileResult, Unmet
from corpus import Notice
from corpus.models import Validity

HELP = """使用说明：
·直接用中文提问，如“一季度销售额增长了800万能奖多少”“电费有补贴吗”。
·助手列出最相关的三条措施并打开第一条；能算金额的，逐项询问所需信息（一次一问）。
·回答：是/否、金额（如800万、1.2亿、120万度）、日期（如2024-02-05）；不清楚可答“不知道”。
·追问：要什么材料、找哪个部门、什么时候截止、能和省里的一起拿吗、怎么算的。
·输入序号（如“2”或“选2”）看其他条款；“第5条”打开某条；“目录”列出全部条款。
·“销售额改成900万”修改已答内容；“体检”逐项测算全部措施；“重新开始”清空；“帮助”显示本说明。
·“练习”做测算练习题（如“练习 5 题”，“练习 5 种子 42”重做同一套），按通知的门槛、档位和封顶出题并判分。"""


def clause_heading(notice: Notice, clause_id: str) -> str:
    c = notice.clause(clause_id)
    return f"第{c.id}条 {c.title}" if c.id.isdigit() else c.title


def clause_view(notice: Notice, clause_id: str, as_of: date, highlight: list[str]) -> ClauseView:
    c = notice.clause(clause_id)
    validity = notice.validity(clause_id)
    in_force = validity.covers(as_of)
    reading = f"{validity.reading}。" if validity.reading else ""
    message = (
        f"按{as_of.year}年{as_of.month}月{as_of.day}日计，本条已不在有效期内（有效期：{validity.describe()}），"
        f"以下内容仅供核对和参考。{reading}"
        if not in_force
        else f"本条有效期：{validity.describe()}。{reading}"
    )
    return ClauseView(
        id=c.id,
        heading=clause_heading(notice, clause_id),
        text=c.text,
        responsible_units=list(c.responsible_units),
        evidence=list(c.evidence),
        references=list(c.references),
        validity=validity_text(validity),
        in_force=in_force,
        in_force_message=message,
        highlight=highlight,
    )


def validity_text(validity: Validity) -> str:
    """The period, the notice's own sentence on it in quotation marks, and the reading if any."""
    quoted = f"（原文：“{validity.note}”）" if validity.note else ""
    reading = f"；{validity.reading}" if validity.reading else ""
    return f"{validity.describe()}{quoted}{reading}"


def clause_list(notice: Notice) -> str:
    lines = ["本通知全部条款（输入“第N条”打开）："]
    for c in notice.clauses:
        mark = "（可测算金额）" if c.computable else ""
        lines.append(f"  {clause_heading(notice, c.id)}{mark}")
    return "\n".join(lines)


def out_of_scope(notice: Notice, reason: str | None = None) -> str:
    """The decline, with why when a signal of corpus/scope.yaml decided it (个人用电, 电话 …)."""
    topics = "、".join(f"{c.title}（第{c.id}条）" for c in notice.clauses if c.computable)
    why = f"：{reason}" if reason else ""
    return (
        f"本通知未涉及这个问题{why}。本通知（{notice.metadata.number}）涉及的内容有：{topics}等。"
        "输入“目录”查看全部条款。"
    )


def explain_without_amount(notice: Notice, clause_id: str) -> str:
    """What a clause without a computable amount offers, where the amount is set, whom to ask."""
    c = notice.clause(clause_id)
    lines = [f"{clause_heading(notice, clause_id)}：本通知未给出可直接测算的金额。"]
    if c.references:
        lines.append(
            "具体标准见：" + "、".join(f"《{r}》" if "《" not in r else r for r in c.references) + "。"
        )
    if c.responsible_units:
        lines.append("可咨询：" + "、".join(c.responsible_units) + "。")
    return "".join(lines)


_ON_TOP = re.compile(r"在[^，。；]*?基础上")  # "在落实省市用电奖励政策基础上": granted on top
_NO_OTHER = "未享受任何政策奖励兑现"  # 第6条: only for enterprises that had no other award


def stacking_answer(notice: Notice, clause_id: str) -> str:
    """ "能和省里的一起拿吗": the closing 就高原则 with both its conditions, then what this measure's
    own words say. Quotations are the notice's sentences as they stand; explanation stays outside."""
    c = notice.clause(clause_id)
    head = clause_heading(notice, clause_id)
    final = notice.clause("final").text
    rule = final[final.index("本措施若") :].split("。")[0] + "。"
    lines = [
        f"{head}：通知末尾规定：“{rule}”",
        "即“就高原则”只在两个条件同时成立时适用：本条与省、市相关政策重复，并且省市两级奖励资金由县财政兑现；"
        "此时按较高的一项执行，不叠加。两个条件不同时成立的，通知没有规定不得同时享受。",
    ]
    if not c.id.isdigit():
        return "".join(lines)
    on_top = _ON_TOP.search(c.text)
    if on_top:
        lines.append(
            f"本条写明“{on_top.group()}”给予，即县里的奖励是在该政策之外另给的；"
            "省、市奖励由哪一级财政兑现、是否与本条重复，请向责任单位确认。"
        )
    elif _NO_OTHER in c.text:
        lines.append(f"本条另有条件：定档奖励对象须“{_NO_OTHER}”，已享受其他政策奖励兑现的不在本条范围内。")
    else:
        lines.append(
            "本条原文未提及省、市同类政策；是否与省、市政策重复、省市奖励是否由县财政兑现，请向责任单位确认。"
        )
    if c.responsible_units:
        lines.append("责任单位：" + "、".join(c.responsible_units) + "。")
    return "".join(lines)


def follow_up(notice: Notice, kind: str, clause_id: str, as_of: date, estimate: Estimate | None) -> str:
    c = notice.clause(clause_id)
    head = clause_heading(notice, clause_id)
    if kind == "evidence":
        basis = list(estimate.evidence) if estimate and estimate.evidence else list(c.evidence)
        if basis:
            return f"{head}的依据材料：" + "；".join(basis) + "。具体申报材料以责任单位通知为准。"
        units = "、".join(c.responsible_units)
        return f"{head}原文未写明依据材料，请向责任单位（{units}）咨询需提交的材料。"
    if kind == "units":
        units = "、".join(c.responsible_units)
        return f"{head}的责任单位：{units}。本通知由{notice.metadata.interpreting_unit}负责解释。"
    if kind == "validity":
        v = notice.validity(clause_id)
        state = "仍在有效期内" if v.covers(as_of) else "已不在有效期内"
        day = f"{as_of.year}年{as_of.month}月{as_of.day}日"
        return f"{head}的有效期：{validity_text(v)}。按{day}计，{state}。"
    if kind == "stacking":
        return stacking_answer(notice, clause_id)
    # steps
    if estimate is not None and estimate.steps:
        lines = [f"{head}的计算过程："]
        lines += [f"  {i}. {step_text(s)}" for i, s in enumerate(estimate.steps, 1)]
        return "\n".join(lines)
    return f"{head}还没有算出结果；请先回答所需的问题。本条原文：{c.text}"


def unmet_text(measure: str, title: str, unmet: Unmet) -> str:
    return f"第{measure}条《{title}》不适用：{unmet.condition}——{unmet.reason.rstrip('。')}。"


def profile_table(
    result: ProfileResult, stopped: dict[str, Unmet], titles: dict[str, str], referred: set[str]
) -> ProfileTable:
    """``referred``: measures whose amount another document sets (6, 8); the others without an
    amount (10–13) offer services, not money."""
    rows: dict[str, ProfileRow] = {}
    for est in result.results:
        if est.eligible is True:
            status = "符合" if est.in_force.in_force else "符合原规则，但已过有效期"
        elif est.eligible is False:
            status = "不符合：" + (est.unmet[0].condition if est.unmet else "未达标准")
        else:
            if est.measure not in referred:
                status = "无奖补金额（服务措施）"
            else:
                status = "金额见其他文件" if est.in_scope is not False else "不在范围内"
        rows[est.measure] = ProfileRow(
            measure=est.measure,
            title=est.title,
            status=status,
            award_yuan=est.award_yuan,
            upper_bound=est.upper_bound,
            paid_to_enterprise=est.paid_to_enterprise,
        )
    for measure, unmet in stopped.items():
        if measure not in rows:
            rows[measure] = ProfileRow(
                measure=measure, title=titles[measure], status="不符合：" + unmet.condition, award_yuan=None
            )
    for measure in result.missing:
        if measure not in rows and measure in titles:
            status = "金额见其他文件（未测算）" if measure in referred else "信息不全"
            rows[measure] = ProfileRow(measure=measure, title=titles[measure], status=status, award_yuan=None)
    ordered = sorted(rows.values(), key=lambda r: int(r.measure) if r.measure.isdigit() else 99)
    notes = [f"假设：{a}" for a in result.assumptions]
    if result.validity is not None:
        notes.append(f"有效期：{result.validity.text}")
    return ProfileTable(
        rows=ordered,
        total_award_yuan=result.total_award_yuan,
        work_funds_yuan=result.work_funds_yuan,
        notes=notes,
        total_note=f"（{result.total_note}）" if result.total_note else "",
    )


def _measures_phrase(ids: list[str], total: int) -> str:
    if len(ids) == total:
        return f"全部 {total} 条措施均有效"
    if not ids:
        return "各项措施均已不在有效期内"
    return ("仅" if len(ids) == 1 else "") + "第" + "、".join(ids) + "条有效"


def validity_note(notice: Notice, today: date, as_of: date | None) -> str:
    """The first screen's one line on the day measures are judged by (empty when all are in force).

    Without ``--as-of`` the day is today: most measures ran in 2024, so the answers serve for
    checking past awards and for training, and the line says how to judge as of another day.
    """
    measures = [c.id for c in notice.clauses if c.id.isdigit()]
    day = as_of or today
    live = [m for m in measures if notice.validity(m).covers(day)]
    if as_of is not None:
        on = f"{day.year}年{day.month}月{day.day}日"
        return f"测算日期：{on}（--as-of），按该日计{_measures_phrase(live, len(measures))}。"
    if len(live) == len(measures):
        return ""
    ended = sorted({v.end.year for m in measures if (v := notice.validity(m)).end and m not in live})
    years = f"{ended[0]}年" if len(ended) == 1 else f"{ended[0]}—{ended[-1]}年"
    example = notice.metadata.valid_to
    live_now = _measures_phrase(live, len(measures))
    return (
        f"注意：今天{live_now}（其余已于{years}到期），回答供核对以往奖补和培训；"
        f"按当时测算请加 --as-of {example:%Y-%m-%d}。"
    )
