"""Figures taken from a person's question, so the interview does not ask for them again.

Every figure is read by :mod:`calculators.quantity` (number and unit); this module decides what it
measures (销售 / 用电 / 用气 / 外资 …, or something no field holds: 产值, 工资, 电费), which year
(今年 / 去年 / 从…涨到…) and which direction (a level, an increase, a decline). A figure is stored
only when all of them are clear for one field; otherwise nothing is stored, and where the person
clearly meant a field (350万元 of 外资) the problem is said, so the interview asks for it.
Yes/no facts stated about the enterprise are read in :mod:`assistant.dialog.facts`.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.dialog.cues import (
    APPROX_AFTER,
    APPROX_BEFORE,
    BOUND_AFTER,
    BOUND_BEFORE,
    BY_ONESELF,
    CONDITION,
    DATE,
    ENTERPRISE_SPEAKER,
    FAMILIES,
    FAMILY_OF_FIELD,
    FOREIGN_CURRENCY,
    HEARSAY,
    HYPOTHETICAL,
    INCREASE_AFTER,
    KIN_TELLS,
    LUNAR_DATE,
    MONTH_CONTEXT,
    MONTH_CUE,
    MONTH_GAP_AFTER,
    MONTH_RANGE,
    NOT_MONTH,
    NOT_Q1,
    ONE_MONTH,
    ONLY_ONE,
    OTHER_OWNER,
    OWN,
    OWN_SPEAKER,
    OWNER_AFTER,
    PART_YEAR,
    PAST_AFTER,
    PLANNED,
    Q1,
    REDATED_PAST,
    RETIRED,
    RULE_TEXT,
    SEGMENT,
    SHARED_AFTER,
    SUBJECT_RE,
    TO,
    TOWNSHIP_SPEAKER,
    UNIT_FAMILY,
    WASTE_HEAT_LEFT_OUT,
    WASTE_HEAT_PART,
    WEATHER,
    YES_NO_FIGURE,
    Family,
    families_said,
    family_of,
    field_for_words,
    outside_subject,
    prepare,
    role_of,
    subject_of,
)
from assistant.dialog.derived import check_sales, combine_deltas, derive_sales
from assistant.dialog.facts import Taken, question_segment, take_dates, take_facts
from calculators.errors import InputError
from calculators.fields import FIELDS, parse_field
from calculators.numbers import parse_number
from calculators.quantity import Found, find_quantities, unit_problem

__all__ = ["Delta", "Extraction", "Taken", "extract", "family_of", "field_for_words"]


@dataclass(frozen=True)
class Delta:
    """An increase stated without either year's figure ("比去年多了30万度")."""

    past: str
    present: str
    amount: Decimal
    source: str


@dataclass
class Extraction:
    taken: list[Taken]
    deltas: list[Delta]
    problems: list[str]  # figures that were read but refused (Chinese messages)
    # (increase field, the words) stated as a decline: said back, never stored as a level
    declines: list[tuple[str, str, Decimal]] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)  # fields the person meant but did not state clearly


@dataclass
class _Segment:
    text: str
    start: int
    question: bool
    sentence: str = ""
    bracketed: bool = False  # "3000万（去年2400万）": an aside to the figure before it
    original: str = ""  # the words as written (``text`` has dates and month ranges masked)


def _segments(text: str, original: str) -> list[_Segment]:
    out, start = [], 0
    for m in SEGMENT.finditer(text + "\n"):
        part = text[start : m.start()]
        if part:
            aside = start > 0 and text[start - 1] in "(（" and m.group() in ")）"
            said = original[start : m.start()]
            out.append(_Segment(part, start, question_segment(part, m.group()), text, aside, said))
        start = m.end()
    return out


def extract(text: str, prefer: Collection[str] = (), pending: str | None = None) -> Extraction:
    """Read the figures and yes/no facts in ``text``.

    ``prefer``: fields already known (they win ties in :func:`field_for_words`). ``pending``: the
    field the assistant just asked for; a figure without its own subject word answers it.
    """
    out = Extraction(taken=[], deltas=[], problems=[])
    s = _plain_words(_relayed(_corrected(prepare(text))))
    masked = MONTH_RANGE.sub(_mask_range, s)
    masked = DATE.sub(lambda m: "#" * len(m.group()), masked)
    masked = LUNAR_DATE.sub(lambda m: "#" * len(m.group()), masked)
    seen: set[str] = set()
    carried: str | None = FAMILY_OF_FIELD.get(pending or "")
    carried_year: str | None = None
    whole_q1 = bool(Q1.search(s))
    past_scope = False  # an earlier part was about last year ("去年一季度销售3000万，…")
    past_families: set[str] = set()
    outside = outside_subject(s)
    for seg in _segments(masked, s):
        figures = find_quantities(seg.text)
        cursor = 0
        read_any = False
        for f in figures:
            family, role = _read_figure(seg, f, cursor, carried, carried_year, pending)
            cursor = f.end
            if family is None:
                continue
            if outside is not None and f.quantity is not None:
                out.problems.append(f"「{f.text}」未记下：{outside}；如是企业自己的数字，请说明")
                continue
            read_any = carried = family
            if role == "present" and family == "months" and not re.search(r"今年|本年|2024|24年", seg.text):
                role = None  # 入库当年 is the year of entry, which the sentence may have said was last year
            if role is None and past_scope and family == "months":
                role = "past"  # "去年8月入库，到12月共5个月": last year's months, not this year's
            elif role is None and past_scope and FAMILIES[family].past:
                # "去年一季度销售3000万，用电100万度": this year's or last year's? Unless it answers
                # a figure of last year just given ("去年同期3500万，一季度4200万"), ask.
                role = "present" if family in past_families else "unsure_year"
            if role == "past":
                past_families.add(family)
            _store(out, seen, f, family, role, seg, whole_q1, pending)
        subj = subject_of(seg.text)
        if subj is not None and subj[0] is not None and not read_any:
            carried = subj[0]  # "去年一季度销售额：4000万" — the subject goes on to the next part
        seg_role = role_of(seg.text)
        roles = [r for r in (seg_role,) if r in ("past", "present")]
        # a year said alone ("去年（2023年）一季度销售额…") dates the next part; "2023年" is no figure
        carried_year = roles[0] if roles and all(f.counter is not None for f in figures) else None
        # a bracketed last-year figure answers the figure before it and sets no scope for what follows
        past_scope = (seg_role == "past" and not seg.bracketed) or (past_scope and seg_role in (None, "past"))
        take_dates(s[seg.start : seg.start + len(seg.text)], out, seen, s, pending)
        span = _REPORTED_SPAN.search(seg.text)
        if span and "months" not in seen and MONTH_CONTEXT.search(s):
            first, last = parse_number(span.group(1)), parse_number(span.group(2))
            if first is not None and last is not None and 1 <= first <= last <= 12:
                seen.add("months")  # "由四月报到十二月": both months counted
                out.taken.append(Taken("months", int(last - first + 1), span.group()))
        if "半年" in seg.text and MONTH_CUE.search(seg.text) and "months" not in seen:
            seen.add("months")  # 连续出数半年: six months
            out.taken.append(Taken("months", 6, "半年"))
        said = s[seg.start : seg.start + len(seg.text)]
        reporting = re.search(r"出数|报数|报表|都报|报送", said) or (
            re.search(r"出数|报数|报表|都报|按时报|报送", s) and re.search(r"没断|不断|持续|连续|一直", said)
        )
        spanned = _months_spanned(said) if reporting and not _OTHER_FIGURE_WORDS.search(said) else None
        if spanned is not None and "months" not in seen and not re.search(r"去年|上年|2023|前年", said):
            seen.add("months")  # "2024年1月至12月持续出数": twelve months reported
            out.taken.append(Taken("months", spanned, _SPAN_ENDS.search(said).group()))
        if not RULE_TEXT.search(s) or OWN_SPEAKER.search(s):
            own_figure = bool(out.deltas or out.declines) or any(family_of(t.field) for t in out.taken)
            for part, question in _fact_parts(seg, own_figure):
                take_facts(part, question, s, out.taken, seen, speaker=own_figure)
    if not whole_q1:
        _drop_lone_past(out, seen, s, {pending, *prefer})
    combine_deltas(out, seen)
    check_sales(out)
    derive_sales(out)
    _drop_supply_date(out)
    doubt = _DOUBT.search(s)
    if doubt and out.taken:
        # "可我老了记不太准，你们再帮我核一下": the person doubts what they said; nothing is stored.
        # "具体日子记不得了" doubts only the dates.
        dates_only = bool(
            re.search(
                r"日子|日期|时间|哪天|哪一天|几号|几月|月份", s[max(0, doubt.start() - 6) : doubt.start()]
            )
        )
        # (only what was said before the doubt: "去年是80万度吧记不清了 今年是95万度" keeps this year's)
        # of the parts before the doubt, the nearest that holds something taken ("今年一季度用了两万三千度，
        # 去年好像是两万度左右吧，我也记不清了": last year's), or all when they run on in one part
        starts = [0, *(m.end() for m in SEGMENT.finditer(s, 0, doubt.start()))]
        figures = [f.start for f in find_quantities(s[: doubt.start()]) if f.quantity is not None]
        taken_at = [p for p in (s.find(str(t.source)) for t in out.taken) if 0 <= p < doubt.start()]
        nearest = max(figures or taken_at, default=0)  # the nearest figure said, taken or not
        cut = max(p for p in starts if p <= nearest)
        # "二月三十号恢复供汽的，哎我也记不清了": after a date and no figure, the date is doubted
        said = s[cut : doubt.start()]
        undated = LUNAR_DATE.sub("#", DATE.sub("#", said))
        if undated != said and not any(q.quantity is not None for q in find_quantities(undated)):
            dates_only = True
        if _DOUBT_ALL.search(s[nearest : doubt.start()]):
            cut = 0
        # "县内用的，不过这个数是我估的": a doubt about the figures (数) leaves the facts said
        figures_only = "数" in s[nearest : doubt.end()]
        doubted = [
            t
            for t in out.taken
            if (not dates_only or t.field in _DATE_FIELDS)
            and (not figures_only or family_of(t.field) is not None)
            and cut <= s.find(str(t.source)) < doubt.start()
        ]
        families = {family_of(t.field) for t in doubted} - {None}
        doubted += [t for t in out.taken if t.derived and family_of(t.field) in families and t not in doubted]
        if doubted:
            out.unsure += [t.field for t in doubted]
            said = "、".join(dict.fromkeys(t.source for t in doubted if not t.derived))
            out.problems.insert(0, f"您说不一定准，「{said}」先不记下；请核实后再告诉我")
            out.taken = [t for t in out.taken if t not in doubted]
    out.problems = list(dict.fromkeys(out.problems))[:3]  # a pasted rule text is not a list of errors
    return out


# A figure taken back within the message ("800万，不对，是900万", "3个 哦不 是2个",
# "480万，不是，应该是520万"): the last stands.
_CORRECTION = re.compile(
    r"[\d.,零〇一二两三四五六七八九十百千万亿]+(?:万|亿|w|k)?(?:元|块|美元|度|千瓦时|方|立方米|个人|个|人|名|位)?"
    r"[、,，\s]*(?:(?:不对|哦不|噢不|啊不|不不|说错了|讲错了|看错了|口误|不是(?=[、,，\s]+(?:应该是|应是|是|就是|就|只有|[^,，。、]{1,8}?才对)))[、,，\s]*)+(?:应该是|应是|是|就是|就|只有)?"
    r"(?=(?:人民币|美金|美元|usd|us\$|\$|￥|¥|rmb)?[\d零〇一二两三四五六七八九十])"
)


_DOUBT = re.compile(
    r"记不(?:太|大|很)?(?:准|清|得|住)|记得不(?:太|大|很)?(?:准|清)|不太记得|拿不准|不敢(?:肯定|保证|确定)"
    r"|(?:帮|给)(?:我|我们)?(?:核|核实|核对|查)一下|(?:再|先)(?:帮我|给我)?(?:核|核实|核对)(?:一下)?"
    # an estimate or a figure not yet checked: "这个数是我估的", "会计还没对账", "不知准不准"
    r"|我估(?:的|计的|算的|摸的)|估(?:计|算|摸)?出来的|(?:不知|不知道|不晓得)(?:准不准|对不对)|不一定准"
    r"|(?:还|都)?(?:没|没有|未)(?:对账|对过账|核对|核实|核过|对过)"
)
# The doubt speaks of every figure before it: "这些数都是听老板讲的，不知准不准".
# A bare 数 opening its own part speaks of them all too: "…，去年同期2500万，数是老板讲的，不知准不准".
_DOUBT_ALL = re.compile(r"这些|这几个|那些|这俩|这两个|都是|[,，。;；\s](?:数|数字|数据)(?:都)?(?:是|係)")
_UNIT_WORDS = {"千瓦时": re.compile(r"度|千瓦时|kwh|kw·h"), "立方米": re.compile(r"方|立方|m3|m³")}


def _unit_said(sentence: str, unit: str) -> bool:
    """Whether another figure of the sentence gives the unit ("一季度用电150万度，去年120万")."""
    words = _UNIT_WORDS.get(unit)
    return words is None or any(
        f.quantity is not None and f.quantity.unit == unit and words.search(f.text)
        for f in find_quantities(sentence)
    )


_DATE_FIELDS = frozenset({"resumed_on", "specialized_sme_approved_on", "entry_month"})
_FROM = re.compile(r"从|由")
_TO = re.compile(TO)


def _period_words(text: str, f: Found) -> str:
    """The words that date the figure reached in "从X涨到Y": all but the 从X part, when the quarter
    is said outside it. "一季度销售从去年四季度的2600万涨到3300万": 四季度 is X's period (环比), not Y's."""
    to = [m for m in _TO.finditer(text, 0, f.start)]
    if not to:
        return text
    start = max((m.start() for m in _FROM.finditer(text, 0, to[-1].start())), default=None)
    if start is None:
        return text
    rest = text[:start] + text[to[-1].end() :]
    return rest if Q1.search(rest) else text


# Asking for a relative: "我儿子说他们厂去年还是规下的" — the relative's enterprise is the one asked about.
_RELAYED = re.compile(
    r"((?:儿子|女儿|闺女|侄子|侄女|外甥女|外甥|女婿|儿媳|孙子|孙女|老公|老婆|爱人|老伴)(?:说|讲)(?:的)?)"
    r"(?:他们|她们|他|她)(?=厂|公司|企业|那个|家的|的厂|的公司|供热)"
)


# Everyday words for the notice's facts, read as the notice's: "2024年新盖的厂", "二月份开始生产",
# "三月份就纳入统计了".
_PLAIN_WORDS = (
    (re.compile(r"新盖(?=的|了|好)"), "新建"),
    (re.compile(r"(?:开始|正式|才开始|投入)生产"), "投产"),
    (re.compile(r"纳入(?:了)?(?:规上)?统计(?!局|员|人员|库)"), "纳统"),
)


def _plain_words(s: str) -> str:
    for said, meant in _PLAIN_WORDS:
        s = said.sub(meant, s)
    return s


def _relayed(s: str) -> str:
    return _RELAYED.sub(r"\1我们", s)


def _corrected(s: str) -> str:
    """The message with each figure taken back removed, so that the correction takes its place."""
    return _CORRECTION.sub("", s)


def _drop_lone_past(out: Extraction, seen: set[str], s: str, known: set[str | None]) -> None:
    """ "去年销售才1800万": last year's figure said alone, with no quarter and nothing of this year
    to compare it with, is the year's figure, not 2023 Q1's: ask. Beside this year's figure or an
    increase ("用电比去年多了30万度，去年120万度"), or answering the quarter's question (``known``:
    the field asked for and the fields already given), it is the quarter's the talk is about."""
    for fam in FAMILIES.values():
        if fam.annual or not fam.past or "同期" in s or known & {fam.past, fam.present, fam.increase}:
            continue
        past = [t for t in out.taken if t.field == fam.past]
        others = any(t.field in (fam.present, fam.increase) for t in out.taken) or any(
            d.past == fam.past for d in out.deltas
        )
        if past and not others and fam.present not in out.unsure and fam.increase not in out.unsure:
            out.taken = [t for t in out.taken if t.field != fam.past]
            seen.discard(fam.past)
            out.unsure.append(fam.past)
            label = FIELDS[fam.past].label
            out.problems.append(
                f"「{past[0].source}」未采用：没有说是一季度还是全年的数字；{label}按一季度计，请说明"
            )


def _fact_parts(seg: _Segment, own_figure: bool) -> list[tuple[str, bool]]:
    """The parts of a segment that state or ask facts: one, unless keywords are listed before a
    question by someone who has given their own figure ("销售同比增了680w 规上工业 能拿几万": the
    listed 规上工业 is said of the enterprise, only 能拿几万 asks)."""
    parts = seg.text.split("、")
    if not seg.question or len(parts) < 2 or not own_figure:
        return [(seg.text, seg.question)]
    return [(p, question_segment(p, "、")) for p in parts[:-1]] + [(parts[-1], True)]


_WHOLE_YEAR = re.compile(r"(?:1|一)月?份?[-—~至到](?:12|十二)月份?")
_SPAN_ENDS = re.compile(
    r"(\d{1,2}|[一二三四五六七八九十]{1,2})月?份?(?:开始|起)?[^,，。\d月]{0,6}?[-—~至到](\d{1,2}|[一二三四五六七八九十]{1,2})月"
)


_OTHER_FIGURE_WORDS = re.compile(r"用电|用气|销售|开票|出口|外资|营收")


def _months_spanned(text: str) -> int | None:
    """ "1月至12月持续出数": the months from the first to the last, when a range is said."""
    m = _SPAN_ENDS.search(text)
    if m is None:
        return None
    first, last = parse_number(m.group(1)), parse_number(m.group(2))
    if first is None or last is None or not 1 <= first <= last <= 12:
        return None
    return int(last - first + 1)


def _mask_range(m: re.Match[str]) -> str:
    """ "1-3月" reads as 一季度 (same length, so positions still match the text); other ranges
    ("1-2月", "4-6月") as 月段, a period other than the quarter (see NOT_Q1)."""
    n = len(m.group())
    if Q1.fullmatch(m.group()):
        return ("一季度" + "#" * n)[:n]
    if _WHOLE_YEAR.fullmatch(m.group()):
        return ("全年" + "#" * n)[:n]  # "今年1到12月出口620万美元": the whole year
    return ("月段" + "#" * n)[:n]


def _read_figure(
    seg: _Segment, f: Found, cursor: int, carried: str | None, carried_year: str | None, pending: str | None
) -> tuple[str | None, str | None]:
    """(family, role) of one figure; family None when it is not one of ours or not a figure."""
    if f.counter is not None:
        return None, None
    before = seg.text[: f.start]
    after = seg.text[f.end :]
    if BOUND_BEFORE.search(before) or BOUND_AFTER.match(after):
        return None, None
    subj = subject_of(before[cursor:])
    follow = re.match(r"的?(?:" + SUBJECT_RE.pattern + ")", after)
    if follow is None and f.quantity is not None and f.quantity.unit == "人":
        # "就我一个人做统计报表": people named by what they do
        follow = re.match(
            r"(?:在|专门|专职)?(?:做|管|负责|搞|干|跑)(?:的)?(?:" + SUBJECT_RE.pattern + ")", after
        )
    # "5万方天然气", "3个统计员", "800万的销售额" — unless the word begins the next figure's part
    # ("今年150万度统计员两个": 统计员 goes with 两个).
    nxt = find_quantities(after[follow.end() :][:6]) if follow else []
    # ...but "两个统计员干了八个月": a verb between the word and the next figure leaves the word ours
    if subj is None and follow and not (nxt and nxt[0].start <= 1):
        subj = subject_of(follow.group(), last=False)
    subj = subj or subject_of(before)
    unit = f.quantity.unit if f.quantity else None
    if subj is None:
        family = UNIT_FAMILY.get(unit or "") or carried
        # "一季度同比增长1650万元", "增长额：5,200,000元", "同比增长额五百万": the notice compares only
        # sales in 元 (额 is an amount of money; 用电增量 is not)
        amount = _GROWTH_AMOUNT.search(before) and (unit == "元" or (unit is None and "额" in before))
        if family is None and ((unit == "元" and _YEAR_ON_YEAR.search(before)) or amount):
            family = "sales"
        if unit == "千瓦时" and family == "power" and WEATHER.search(seg.sentence):
            return None, None  # "今天三十八度": a temperature
    else:
        family = subj[0]
        wanted = UNIT_FAMILY.get(unit or "")
        # "天然气使用量，依供气公司发票…合计18,650立方米": the nearest word (发票) is evidence; the unit
        # names the family, and a subject of that family said before in the sentence is the figure's
        if wanted and family != wanted and wanted in families_said(seg.sentence[: seg.start] + before):
            family = wanted
    if subj is None and family is None and re.match(r"的?(?:发)?票", after):
        family = "sales"  # "今年一季度开了900万票"
    if unit == "月" or (family == "staff" and f.text.endswith("个月")):
        # "发12个月工资": months of a thing no field holds are not the months reported
        family = None if subj is not None and subj[0] is None else "months"
    elif unit in ("人", "个") and family not in ("staff", "months"):
        family = None  # 20人 of a sales team, 3个 of anything else
    elif unit in ("元", "美元") and family in ("staff", "months"):
        family = None  # "统计员…150元一个月": money is no count of people or months
    if family is not None and not _owned(before, family, seg.sentence, seg.sentence[: seg.start]):
        return None, None
    part = re.search(r"其中(?:有)?([^,，]{0,6})$", before)
    if part and subject_of(part.group(1)) is None:
        return None, None  # "两个统计员，其中一个是兼职": a part of the figure before, not another one
    if YES_NO_FIGURE.search(before) and not OWN_SPEAKER.search(seg.sentence):
        return None, None  # "是不是销售4500万就能拿奖励": a condition asked about
    # the words since the last figure first; the whole part only when no new speaker's words began
    # ("用电增长要到5%才有奖是吧 我们一季度用了50万度": 增长 is the rule's, not this figure's)
    own_since = OWN.search(before[cursor:]) if cursor else None
    role = role_of(before[cursor:]) or (None if own_since else role_of(before)) or carried_year
    if role is None and PAST_AFTER.match(after):
        role = "past"
    if (
        role is None
        and own_since
        and role_of(before[:cursor]) in ("increase", "decline")
        and subject_of(before[cursor:]) is None
    ):
        role = "parallel"  # "隔壁厂销售增了900万 我们才300万": an increase or a level? not said
    gap = _COMPARED_GAP.search(before[cursor:])
    # "比去年同期从2100万涨到2680万" is a from–to (from: last year's); the comparison only says the years
    from_to = gap and re.fullmatch(r"(?:的|是|为)?(?:从|由)", gap.group("gap").strip(" 、"))
    if role == "past" and gap and gap.group("gap").strip("的是为:：、 ") and not from_to:
        role = "change"  # "比去年同期缩水了300万": a change in words we do not know, not last year's level
    if (
        role in (None, "present")
        and not role_of(before)
        and REDATED_PAST.search(seg.sentence[seg.start + f.end :])
    ):
        role = "past"  # "用气2万方，不过那是去年一季度的": the later words date it
    return family, role


_YEAR_ON_YEAR = re.compile(r"同比|比去年|比上年|较去年|较上年")
_COMPARED_GAP = re.compile(
    r"(?:比|较|与|跟|和|同)(?:去年|上年|2023年?|23年)(?:一季度|第一季度|同期)?(?P<gap>[^,，。\d]{0,6})$"
)
_LOCATED = re.compile(r"(?:在|位于|落户|属于|是|入驻)[^,，]{0,12}$")


def _located(words: str) -> bool:
    """ "我们是/在园区…": a place said to be where the speaker is — unless another owner says it
    ("隔壁是开发区的厂")."""
    m = _LOCATED.search(words)
    if not m:
        return False
    # a supplier named by its place ("县里燃气公司供的，在园区里用") owns nothing of the speaker's
    return not any(not _SUPPLIER.match(words, o.end()) for o in OTHER_OWNER.finditer(words[: m.start()]))


_SUPPLIER = re.compile(r"的?(?:燃气|天然气|供气|供电|电力|供热|供汽|自来水)(?:公司|站|局|所)")


# "有一家企业已经和我们签了协议": 我们 as the object (the unit speaking) is not the enterprise's own words
_OBJECT_US = re.compile(r"(?:和|跟|与|同|给|帮|替|找|向|对)(?:我们|咱们|我)")


def _owned(before: str, family: str, sentence: str, earlier: str = "") -> bool:
    """Whether the figure is the enterprise's (or, for 外资, the speaking township's) own.

    ``earlier``: the sentence before the figure's part; a township or another enterprise named
    there ("我们镇一季度外资300万美元，出口100万美元") owns what follows until the speaker's own words.
    """
    if family != "fdi" and not OTHER_OWNER.search(before):
        prior = list(OTHER_OWNER.finditer(earlier))
        located = prior and _located(earlier[: prior[-1].start()])
        said_since = _OBJECT_US.sub("", earlier[prior[-1].end() :] + before) if prior else ""
        if prior and not located and not OWN.search(said_since):
            return False
    # "我们是园区的企业，一季度用电…": where the speaker is, not whose figure it is
    owner = [m for m in OTHER_OWNER.finditer(before) if not _located(before[: m.start()])]
    if family == "fdi" and OWNER_AFTER.search(sentence) and not TOWNSHIP_SPEAKER.search(sentence):
        return False
    if (
        family == "fdi"
        and not owner
        and ENTERPRISE_SPEAKER.search(sentence)
        and not TOWNSHIP_SPEAKER.search(sentence)
    ):
        return False  # "外资到位50万美元，是我们公司的": 第9条 counts a township's 外资, not an enterprise's
    if not owner or OWN.search(before[owner[-1].end() :]):
        return True
    if family != "fdi":
        return False
    if TOWNSHIP_SPEAKER.search(sentence):
        return True
    # 第9条's subject is the township itself: "镇里一季度实际利用外资480万美元" is its figure;
    # an enterprise retelling it is not, and a county or city total is no township's.
    # (乡镇 alone is all of them, not one township)
    township = re.fullmatch(r"(?:(?:我们|本|全|该)(?:镇|乡)|乡|镇)(?:上|里)?", owner[-1].group())
    return bool(township) and not ENTERPRISE_SPEAKER.search(sentence)


_TOLD = re.compile(r"说|讲")
_ENTERPRISES_SAY = re.compile(r"(?:企业|厂家|厂里的人)(?:那边)?(?:跟我们|跟我|和我们|对我们)?(?:说|讲|反映)")
_GROWTH_AMOUNT = re.compile(r"(?:增长|增加)额|增量")


def _own_words(text: str, f: Found) -> str:
    """The words that can date a figure: all before it, and its own item after it (up to the next 、
    or the next year said). A period said later ("…105万美元、今年到现在出口了160万美元", "去年出口了
    150万美金今年到现在出了280万") dates the later figure only."""
    end = text.find("、", f.end)
    year = _NEXT_YEAR.search(text, f.end)
    ends = [e for e in (end, year.start() if year else -1) if e >= 0]
    return text[: min(ends)] if ends else text


_NEXT_YEAR = re.compile(r"今年|去年|上年|本年|前年|20\d\d年|(?<!\d)\d\d年")


# "从三月报到了十月", "由四月报到十二月": the months reported, first and last included
_REPORTED_SPAN = re.compile(
    r"(?:从|由)(1[0-2]|[1-9]|十[一二]|[一二三四五六七八九十])月份?(?:开始|起)?(?:每个月)?(?:都)?"
    r"(?:报|出数|报数|报表|报送)(?:了)?到(?:了)?(1[0-2]|[1-9]|十[一二]|[一二三四五六七八九十])月份?"
)


def _asked_field(fam: Family, role: str | None) -> str:
    """The field a figure not stored would have gone to: the increase, last year's or this year's."""
    if role == "increase":
        return fam.increase or fam.present
    return fam.past if role == "past" and fam.past else fam.present


# A figure said to be a wrong one reported before: "此前误报为124万千瓦时".
_WITHDRAWN = re.compile(
    r"(?:误报|错报|报错|误填|填错|写错|错填|原报|之前报的|此前报的|原来报的|以前报的)(?:了)?(?:为|成|的是|是)?$"
)


def _store(
    out: Extraction,
    seen: set[str],
    f: Found,
    family: str,
    role: str | None,
    seg: _Segment,
    whole_q1: bool,
    pending: str | None,
) -> None:
    fam = FAMILIES[family]
    if f.problem is not None:
        out.problems.append(f"「{f.text}」未采用：{f.problem}")
        out.unsure.append(_asked_field(fam, role))
        return
    q = f.quantity
    assert q is not None
    before, after = seg.text[: f.start], seg.text[f.end :]
    if SHARED_AFTER.search(seg.sentence[seg.start :]) or SHARED_AFTER.search(before):
        out.problems.append(f"「{f.text}」含其他企业的数字，未记下；请给出贵企业自己的数字")
        out.unsure.append(_asked_field(fam, role))
        return
    clause = re.split(r"[。!！?？;；]", seg.sentence[: seg.start])[-1]
    if HYPOTHETICAL.search(before) or CONDITION.search(clause):
        out.problems.append(f"「{f.text}」是假设的数字，未记下；请给出贵企业的实际数字")
        out.unsure.append(_asked_field(fam, role))
        return
    if _WITHDRAWN.search(before):
        out.problems.append(f"「{f.text}」是您说报错了的数字，未采用")
        return
    heard = list(HEARSAY.finditer(before))
    retired = family == "fdi" and bool(RETIRED.search(seg.sentence) or KIN_TELLS.search(seg.sentence))
    if not heard and family == "fdi":
        # a township's 外资 told to a retired official, or retold from enterprises ("企业说我们镇总共…";
        # a hotline's "企业反映 用气…" is the enterprise's own report, for any other figure)
        heard = list((_TOLD if retired else _ENTERPRISES_SAY).finditer(before))
    if family in ("sales", "export", "fdi") and FOREIGN_CURRENCY.search(seg.sentence):
        out.problems.append(
            f"「{f.text}」是外币（{FOREIGN_CURRENCY.search(seg.sentence).group()}），未记下；请换算后告诉我"
        )
        out.unsure.append(_asked_field(fam, role))
        return
    if family == "sales" and "不含税" in seg.sentence and re.search(r"(?<!不)含税", seg.sentence):
        out.problems.append(f"「{f.text}」未记下：说了含税、不含税两个数，请说明按哪个（开具发票的销售额）")
        out.unsure.append(_asked_field(fam, role))
        return
    # "听说隔壁厂涨了800万，我们才涨了300万": what was heard ends where the speaker's own words begin,
    # but not at "我们镇…" (the township is what it is about) nor in a retired official's words
    said_after = re.sub(r"我们(?:镇|乡|街道)|我(?:镇|乡)", "", before[heard[-1].end() :]) if heard else ""
    if heard and (retired or not OWN.search(said_after)):
        out.problems.append(f"「{f.text}」是听说的数字，未记下；请给出核实过的数字")
        out.unsure.append(_asked_field(fam, role))
        return
    plan = PLANNED.search(before)
    if plan and not re.search(r"实际|实绩|实打实", before[plan.end() :]):
        out.problems.append(f"「{f.text}」是计划或预计的数字，未记下；请给出实际数字")
        out.unsure.append(_asked_field(fam, role))
        return
    if APPROX_BEFORE.search(before) or (APPROX_AFTER.match(after) and not INCREASE_AFTER.match(after)):
        out.problems.append(f"「{f.text}」是约数，未记下；请给出准确数字")
        answering = pending is not None and FAMILY_OF_FIELD.get(pending) == family and role is None
        out.unsure.append(pending if answering else _asked_field(fam, role))
        return
    if family in ("staff", "months"):
        if family == "months" and role == "past":
            return  # "统计员去年报了12个月": the field is this year's months
        cue = MONTH_CUE.search(seg.text) or MONTH_CONTEXT.search(seg.sentence)
        if family == "months" and (not cue or NOT_MONTH.search(seg.text)):
            return
        if family == "months" and MONTH_GAP_AFTER.match(after):
            return
        if q.unit is None and pending != fam.present:
            return  # "统计员3" without 人/名/个: too loose to store from a question
        if family == "staff" and re.search(r"(?:另|另外|其中|其余|剩下)$", before):
            return  # "另一个是出纳", "其中一个是兼职": one of them named, not how many
        if family == "staff" and re.search(r"(?:没有|没|无|并无|不到|不足)$", before):
            return  # "没有一个人专门搞统计": not one, and "不到3个" is no count
        if family == "staff" and q.value == 1 and BY_ONESELF.search(before):
            if not ONLY_ONE.search(before):
                return
        _put(out, seen, fam.present, f)
        return
    # one month ("2月") or one day ("7月15日开票2000万") is not the quarter
    period = _period_words(seg.text, f) if role == "present" else seg.text
    one_month = (ONE_MONTH.search(period) or _own_date(seg, f)) and not Q1.search(period)
    item = _own_words(seg.text, f)
    if (fam.annual and (Q1.search(item) or PART_YEAR.search(item))) or (
        not fam.annual and (NOT_Q1.search(period) or one_month)
    ):
        period = "全年" if fam.annual else "一季度"
        name = fam.past if role == "past" and fam.past else fam.present
        label = FIELDS[name].label
        said = f.text if role == "past" and _TO.search(seg.text) else seg.original  # 从X涨到Y: X alone
        out.problems.append(f"「{said}」未采用：{label}按{period}计，请给出{period}的数字")
        out.unsure.append(name)
        return  # another period than the field's
    label_field = fam.increase or fam.present
    spec = FIELDS[fam.present]
    problem = unit_problem(q, fam.unit, spec.label, spec.example)
    if not problem and q.unit is None and pending != fam.present:
        if fam.unit == "美元" and q.value:  # 外资/出口 are in US dollars; "200万" alone may be yuan
            problem = f"您说的 {f.text} 没有写币种；{spec.label}按美元计，请给出美元金额（如 {spec.example}）"
        elif 0 < q.value < 10_000 and _wan_left_out(f.text):  # 两千六 after 三千二百万
            problem = (
                f"您说的 {f.text} 没有写单位，无法确定是否省略了“万”；请给出带单位的数字（如 {spec.example}）"
            )
        elif family in ("power", "gas") and not _unit_said(seg.sentence, fam.unit):
            # "用电 去年一季度 八十万": 80万度, or 80万元 of 电费? Asked, unless another figure gives the unit
            problem = (
                f"您说的 {f.text} 没有写单位；{spec.label}按{fam.unit}计，"
                f"请给出带单位的数字（如 {spec.example}）"
            )
    # "不含余热" said of another clause ("…其中余热发电20万度；去年同期150万度（不含余热）") is that clause's
    head = max(seg.sentence.rfind(c, 0, seg.start) for c in "；;。")
    tail = min((i for i in (seg.sentence.find(c, seg.start) for c in "；;。") if i >= 0), default=None)
    own_clause = seg.sentence[head + 1 : tail]
    waste_heat = WASTE_HEAT_PART.search(seg.sentence) and not WASTE_HEAT_LEFT_OUT.search(own_clause)
    if not problem and family == "power" and waste_heat:
        problem = f"「{f.text}」含余热发电，未记下；请给出不含余热发电的工业用电量（如 {spec.example}）"
    if problem:
        out.problems.append(problem)
        out.unsure.append(label_field)
        return
    if role == "increase" and not whole_q1 and not fam.annual and _YEAR_SAID.search(seg.text):
        # "今年销售比去年多了600万": a year's increase so far, not the quarter's: ask
        out.problems.append(f"「{seg.original}」未采用：没有说是哪个时期的增长，请给出一季度同比的数字")
        out.unsure.append(fam.increase or fam.present)
        return
    if role == "other_year":
        out.problems.append(f"「{seg.original}」未采用：本通知只比较2024年和2023年，这是别的年份的数字")
        out.unsure.append(fam.present)
        return
    if role == "parallel":
        out.problems.append(f"「{f.text}」未采用：没有说清是增长额还是{FIELDS[fam.present].label}，请说明")
        out.unsure.append(fam.increase or fam.present)
        return
    if role == "change":
        out.problems.append(f"「{seg.original}」未采用：是与去年相比的变化，请说明是增长还是下降了多少")
        out.unsure.append(fam.increase or fam.present)
        return
    if role == "unsure_year":
        out.problems.append(f"「{seg.original}」未采用：没有说是哪一年（2024年还是2023年）的数字，请说明")
        out.unsure.append(fam.present)
        return
    if q.negative or role == "decline":
        if fam.increase or fam.past:
            out.declines.append((fam.increase or fam.present, seg.text, q.value))
        return
    if role == "increase":
        if fam.increase:
            _put(out, seen, fam.increase, f)
        elif fam.past:
            try:  # an increase is held to the bounds of the figures it joins ("多了99999999999999度")
                value = parse_field(fam.present, f.text)
            except InputError as exc:
                out.problems.append(f"「{f.text}」未采用：{exc.message}")
                out.unsure.append(fam.present)
                return
            out.deltas.append(Delta(fam.past, fam.present, value, f.text))
        return
    if role == "past":
        if fam.past:
            _put(out, seen, fam.past, f)
        elif family != "months":  # said back, not dropped in silence: 第3条 counts 2024 Q1's gas only
            out.problems.append(f"「{f.text}」是去年的数字，未记下；这里要的是{FIELDS[fam.present].label}")
        return
    if role is None and pending is not None and pending in (fam.past, fam.increase):
        _put(out, seen, pending, f)  # the answer to the question just asked
        return
    _put(out, seen, fam.present, f)


_YEAR_SAID = re.compile(r"今年|本年|2024年(?!一季度|1季度|第一季度|q1)")


# A date listed for a fact ("用气5万方、专精特新2024年2月1日获批") dates the fact, not the figure.
_DATED_FACT = re.compile(r"获批|认定|评上|复工|复产|供汽|投产|入库|纳统|入规|签")


def _own_date(seg: _Segment, f: Found) -> bool:
    """Whether a day is said beside the figure: in its segment, unless it is listed apart with a fact."""
    for m in DATE.finditer(seg.original):
        lo = seg.original.rfind("、", 0, m.start()) + 1
        hi = seg.original.find("、", m.end())
        piece = seg.original[lo : hi if hi >= 0 else len(seg.original)]
        if lo <= f.start < (hi if hi >= 0 else len(seg.original)) or not _DATED_FACT.search(piece):
            return True
    return False


def _wan_left_out(text: str) -> bool:
    """Whether a small figure without a unit may have lost its 万."""
    return "k" not in text  # "销售3500", "四千二": 万 is often left out in speech; "5k" is said as it is


def _put(out: Extraction, seen: set[str], name: str, f: Found) -> None:
    if name in seen:
        other = next((t for t in out.taken if t.field == name and t.value != _value(name, f)), None)
        if other is not None:  # two different figures for one field: neither is certain
            out.taken = [t for t in out.taken if t.field != name]
            out.unsure.append(name)
            out.problems.append(
                f"「{other.source}」和「{f.text}」都像是{FIELDS[name].label}，未记下；请只给出一个数字"
            )
        return
    try:
        value = parse_field(name, f.text)
    except InputError as exc:
        out.problems.append(f"「{f.text}」未采用：{exc.message}")
        out.unsure.append(name)
        return
    seen.add(name)
    out.taken.append(Taken(name, value, f.text))


def _value(name: str, f: Found) -> object:
    try:
        return parse_field(name, f.text)
    except InputError:
        return None


def _drop_supply_date(out: Extraction) -> None:
    """第4条's date is when a heat supplier met the standard for supplying steam: an enterprise
    that says it is no heat supplier ("不是供热企业，是用蒸汽的，2月18日复工") gave another date."""
    if any(t.field == "heat_supplier" and t.value is False for t in out.taken):
        out.taken = [t for t in out.taken if t.field != "resumed_on"]
