"""Figures taken from a person's question, so the interview does not ask for them again.

Every figure is read by :mod:`calculators.quantity` (number and unit); this module decides what it
measures (销售 / 用电 / 用气 / 外资 …, or something no field holds: 产值, 工资, 电费), which year
(今年 / 去年 / 从…涨到…) and which direction (a level, an increase, a decline). A figure is stored
only when all of them are clear for one field; otherwise nothing is stored, and where the person
clearly meant a field (350万元 of 外资) the problem is said, so the interview asks for it.
Yes/no facts stated about the enterprise are read in :mod:`assistant.facts`.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from assistant.facts import question_segment, take_facts
from calculators.errors import InputError
from calculators.fields import FIELDS, parse_field
from calculators.numbers import parse_number
from calculators.quantity import Found, find_quantities, normalise, unit_problem


@dataclass(frozen=True)
class Family:
    """The fields one kind of figure may go to, by year and direction."""

    unit: str
    present: str
    past: str | None = None
    increase: str | None = None
    annual: bool = False  # export figures are whole years; the others are first quarters


FAMILIES = {
    "sales": Family("元", "sales_2024q1_yuan", "sales_2023q1_yuan", "sales_increase_yuan"),
    "power": Family("千瓦时", "power_2024q1_kwh", "power_2023q1_kwh"),
    "gas": Family("立方米", "gas_2024q1_m3"),
    "fdi": Family("美元", "fdi_2024q1_usd"),
    "export": Family("美元", "export_2024_usd", "export_2023_usd", annual=True),
    "staff": Family("人", "statisticians"),
    "months": Family("月", "months"),
}
_FAMILY_OF_FIELD = {
    name: key
    for key, fam in FAMILIES.items()
    for name in (fam.present, fam.past, fam.increase)
    if name is not None
}
# What a figure measures: the nearest of these words before it (None: a thing no field holds).
# Longer words first where one contains another (电费 before 电, 统计人员 before 人员).
_SUBJECTS: tuple[tuple[str | None, str], ...] = (
    (None, r"电话|手机|号码|热线|传真|余热发电|发电量|发电|燃气费|天然气费|用气费|用电费|水电费|电费|电价"
     r"|气费|气价|水费|费用|产值|工资|薪资|薪水|工资总额|利润|税收"
     r"|纳税|交税|税款|退税|成本|贷款|融资|投资额|固定资产|投资|奖励|奖金|补贴|补助|资金|租金|利息|注册资本|订单|库存|产量"
     r"|进口|员工|职工|工人|人员(?<!统计人员)|工作人员|社保|全乡|全镇|全县|乡镇|乡里|镇里|园区|县里|市里|省里"),
    ("staff", r"统计员|统记员|统计人员|报表员|统计专员|统计"),
    ("fdi", r"实际利用外资|利用外资|外资|到资|外商投资|外商"),
    ("export", r"出口额|出口"),
    ("sales", r"开票销售|开票|销售额|销售收入|销售|营收|营业收入|营业额|主营业务收入|主营收入"
     r"|卖了|卖出|收入"),
    ("power", r"工业用电|用电量|用电|用点|电量|度电|耗电|电"),
    ("gas", r"天然气|天燃气|用气量|用气|气量|燃气|lng|气"),
)
_SUBJECT_RE = re.compile("|".join(f"(?P<s{i}>{p})" for i, (_, p) in enumerate(_SUBJECTS)))
# A unit that names one family by itself.
_UNIT_FAMILY = {"千瓦时": "power", "立方米": "gas"}

_PAST = r"去年|上年|上一年|前年|2023|23年|二〇二三|二零二三|同期|上期"
_PRESENT = r"今年|本年|当年|2024|24年|二〇二四|二零二四|目前|现在|本期"
# Approximate figures are not stored: "四万立方米左右", "大概", "七八百万", "一百多万".
_APPROX_BEFORE = re.compile(r"(?:大概|大约|约|差不多|估计|预计|大致|将近|接近|可能|也许|应该有)$")
_APPROX_AFTER = re.compile(r"左右|上下|来|多|出头|不到|以内")
_INCREASE_AFTER = re.compile(r"多了|多出|来的|来自")
_INCREASE = r"增长|增加|增量|多了|多出|多卖|涨了|上涨|提高|提升|新增|增了|多用|同比多|比去年多|比上年多|增幅"
_DECLINE = r"下降|减少|少了|降了|降低|下滑|减了|跌了|少卖|少用|负增长|萎缩|比去年少|比上年少"
_TO = r"(?:涨|增|增长|增加|提高|提升|升|上升|降|下降|减少|减|跌|变)(?:了)?(?:到|至)|到了|变成|变为"
_ROLE = re.compile(
    rf"(?P<to>{_TO})|(?P<from>从|由)|(?P<decline>{_DECLINE})|(?P<increase>{_INCREASE})"
    rf"|(?P<past>{_PAST})|(?P<present>{_PRESENT})"
)
# Other periods than the first quarter (or, for export, than a whole year).
_NOT_Q1 = re.compile(
    r"全年|一年|年度|每年|每月|月均|一个月|上半年|下半年|[二三四2-4]季度|前[两二三3]年|上个月|这个月|本月|当月"
)
_Q1 = re.compile(r"一季度|1季度|第一季度|q1|1[-—至到]3月|一到三月|前三个月|头三个月")
# One month of the year ("2月", "三月份"), not the quarter: "1-3月" is the quarter.
_ONE_MONTH = re.compile(
    r"(?<![-至到\d一二三])(?:[1-9]|1[0-2]|[一二三四五六七八九十]|十[一二])月份?(?![\d日号])"
)
# A bound or a rate, not the enterprise's own figure: "增长500万以上", "超过5000万的企业", "每度".
_BOUND_AFTER = re.compile(r"(?:及|或)?(?:以上|以下|以内|之内|上下|多少|起|封顶|为限|的企业|的公司|的厂|每|/)")
_BOUND_BEFORE = re.compile(
    r"(?:超过|不到|不足|不满|达到|至少|最少|最多|满|每|低于|高于|大于|小于|百分之|百分)$"
)
# Whose figure: a township's or the county's total is not the enterprise's.
_OTHER_OWNER = re.compile(
    r"(?:我们|本|全|该)(?:镇|乡)|全县|全市|全省|乡镇|乡里|镇里|镇上|园区|县里|市里|省里|全区"
    r"|别的企业|其他企业|人家"
)
_ENTERPRISE_SPEAKER = re.compile(
    r"我们是一家|我们是.{0,4}企业|我们企业|我们公司|我们厂|我司|我厂|本公司|我公司|我们这家"
)
# ...unless the speaker is the township (第9条's subject): "我是镇里负责招商的".
_TOWNSHIP_SPEAKER = re.compile(r"我是(?:镇|乡)|我在(?:镇|乡)|我们(?:镇|乡)政府|我是.{0,6}招商|乡镇干部我")
# A power figure that includes 余热发电 is not the industrial power the notice counts.
_WASTE_HEAT_PART = re.compile(r"(?:其中|包括|包含|含|里面有)(?:了)?(?:余热|自发电|发电)")
_WEATHER = re.compile(r"天气|气温|温度|摄氏|热死|冷死|高温|低温|发烧|体温|度数")
_OWN = re.compile(r"我们|我司|我公司|本公司|我厂|我家|咱们|咱|本企业|我单位|企业|公司|厂")
_MONTH_CUE = re.compile(r"出数|报数|报表|统计|干了|做了|持续|连续|工作了|干满")
_NOT_MONTH = re.compile(r"投产|成立|开业|建成|开工|试产|停产")
_SEGMENT = re.compile(r"(?<!\d),|,(?!\d)|[。;；!！?？\n()（）【】\[\]]")
_DATE = re.compile(
    r"(?:\d{4}(?:年|-|/|\.))?\d{1,2}(?:月|-|/|\.)\d{1,2}(?:日|号)|\d{4}(?:-|/|\.)\d{1,2}(?:-|/|\.)\d{1,2}"
    r"|(?:\d{4}年)?[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}(?:日|号)"
)
_DATE_CUES = (
    ("resumed_on", re.compile(r"复工|复产|开始供汽|恢复供")),
    ("specialized_sme_approved_on", re.compile(r"专精特新")),
)


@dataclass(frozen=True)
class Taken:
    """One value read from the text, with the words it was read from."""

    field: str
    value: object
    source: str


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


def _segments(text: str) -> list[_Segment]:
    out, start = [], 0
    for m in _SEGMENT.finditer(text + "\n"):
        part = text[start : m.start()]
        if part:
            out.append(_Segment(part, start, question_segment(part, m.group()), text))
        start = m.end()
    return out


def _subject(words: str, last: bool = True) -> tuple[str | None, int] | None:
    """(family or None for a thing no field holds, position) of the nearest subject word."""
    found = list(_SUBJECT_RE.finditer(words))
    if not found:
        return None
    m = found[-1] if last else found[0]
    index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
    return _SUBJECTS[index][0], m.start()


def _role(before: str) -> str | None:
    """The year or direction from the words before a figure in its segment: the nearest cue wins."""
    found = list(_ROLE.finditer(before))
    if not found:
        return None
    m = found[-1]
    role = m.lastgroup
    if role == "from":
        return "past"
    if role == "to":
        return "present"
    if role == "present" and m.group() in ("同期", "上期"):
        return "past"
    return role


@cache
def _converter() -> object:
    import opencc  # loaded on the first question with a non-ASCII character (about 10 ms)

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional characters as simplified (銷售額 → 销售额), via OpenCC; ASCII is left alone."""
    if text.isascii():
        return text
    return _converter().convert(text)  # type: ignore[attr-defined]


# Spaces between words separate them like a comma ("规上工业 一季度销售增长 1200万"); inside a
# number they are layout ("1 200").
_WORD_SPACE = re.compile(r"(?<=[^\d\s])\s+|\s+(?=[^\d\s])")


def prepare(text: str) -> str:
    """The form a question is read in: simplified, NFKC, lower case, spaces between words as commas."""
    return normalise(_WORD_SPACE.sub("、", simplified(text).strip()))


def extract(text: str, prefer: Collection[str] = (), pending: str | None = None) -> Extraction:
    """Read the figures and yes/no facts in ``text``.

    ``prefer``: fields already known (they win ties in :func:`field_for_words`). ``pending``: the
    field the assistant just asked for; a figure without its own subject word answers it.
    """
    out = Extraction(taken=[], deltas=[], problems=[])
    s = prepare(text)
    masked = _DATE.sub(lambda m: "#" * len(m.group()), s)
    seen: set[str] = set()
    carried: str | None = _FAMILY_OF_FIELD.get(pending or "")
    carried_year: str | None = None
    whole_q1 = bool(_Q1.search(s))
    for seg in _segments(masked):
        figures = find_quantities(seg.text)
        cursor = 0
        for f in figures:
            family, role = _read_figure(seg, f, cursor, carried, carried_year, pending)
            cursor = f.end
            if family is None:
                continue
            carried = family
            _store(out, seen, f, family, role, seg, whole_q1, pending)
        subj = _subject(seg.text)
        if subj is not None and subj[0] is not None and not figures:
            carried = subj[0]  # "去年一季度销售额：4000万" — the subject goes on to the next part
        roles = [r for r in (_role(seg.text),) if r in ("past", "present")]
        carried_year = roles[0] if roles and not figures else None
        _take_dates(s[seg.start : seg.start + len(seg.text)], out, seen)
        if "半年" in seg.text and _MONTH_CUE.search(seg.text) and "months" not in seen:
            seen.add("months")  # 连续出数半年: six months
            out.taken.append(Taken("months", 6, "半年"))
        take_facts(seg.text, seg.question, s, out.taken, seen)
    _combine_deltas(out, seen)
    return out


def _read_figure(
    seg: _Segment, f: Found, cursor: int, carried: str | None, carried_year: str | None, pending: str | None
) -> tuple[str | None, str | None]:
    """(family, role) of one figure; family None when it is not one of ours or not a figure."""
    if f.counter is not None:
        return None, None
    before = seg.text[:f.start]
    after = seg.text[f.end :]
    if _BOUND_BEFORE.search(before) or _BOUND_AFTER.match(after):
        return None, None
    subj = _subject(before[cursor:])
    follow = re.match(r"的?(?:" + _SUBJECT_RE.pattern + ")", after)
    if subj is None and follow:
        subj = _subject(follow.group(), last=False)  # "5万方天然气", "3个统计员", "800万的销售额"
    subj = subj or _subject(before)
    unit = f.quantity.unit if f.quantity else None
    if subj is None:
        family = _UNIT_FAMILY.get(unit or "") or carried
        if family == _UNIT_FAMILY.get(unit or "") and _WEATHER.search(seg.sentence):
            return None, None  # "今天三十八度": a temperature
    else:
        family = subj[0]
    if unit == "月" or (family == "staff" and f.text.endswith("个月")):
        family = "months"
    elif unit in ("人", "个") and family not in ("staff", "months"):
        family = None  # 20人 of a sales team, 3个 of anything else
    if family is not None and not _owned(before, family, seg.sentence):
        return None, None
    role = _role(before[cursor:]) or _role(before) or carried_year
    return family, role


def _owned(before: str, family: str, sentence: str) -> bool:
    """Whether the figure is the enterprise's (or, for 外资, the speaking township's) own."""
    owner = list(_OTHER_OWNER.finditer(before))
    if not owner or _OWN.search(before[owner[-1].end() :]):
        return True
    if family != "fdi":
        return False
    if _TOWNSHIP_SPEAKER.search(sentence):
        return True
    # "我们乡一季度实际到资120万美元" said by the township; an enterprise retelling it is not
    township = re.fullmatch(r"我们(?:镇|乡)|本(?:镇|乡)", owner[-1].group())
    return bool(township) and not _ENTERPRISE_SPEAKER.search(sentence)


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
        out.unsure.append(fam.present)
        return
    q = f.quantity
    assert q is not None
    before, after = seg.text[: f.start], seg.text[f.end :]
    if _APPROX_BEFORE.search(before) or (_APPROX_AFTER.match(after) and not _INCREASE_AFTER.match(after)):
        out.problems.append(f"「{f.text}」是约数，未记下；请给出准确数字")
        out.unsure.append(fam.increase if role == "increase" and fam.increase else fam.present)
        return
    if family in ("staff", "months"):
        if family == "months" and (not _MONTH_CUE.search(seg.text) or _NOT_MONTH.search(seg.text)):
            return
        if q.unit is None and pending != fam.present:
            return  # "统计员3" without 人/名/个: too loose to store from a question
        _put(out, seen, fam.present, f)
        return
    one_month = _ONE_MONTH.search(seg.text) and not _Q1.search(seg.text)
    if (fam.annual and _Q1.search(seg.text)) or (not fam.annual and (_NOT_Q1.search(seg.text) or one_month)):
        period = "全年" if fam.annual else "一季度"
        label = FIELDS[fam.present].label
        out.problems.append(f"「{seg.text}」未采用：{label}按{period}计，请给出{period}的数字")
        out.unsure.append(fam.present)
        return  # another period than the field's
    label_field = fam.increase or fam.present
    spec = FIELDS[fam.present]
    problem = unit_problem(q, fam.unit, spec.label, spec.example)
    if not problem and family == "power" and _WASTE_HEAT_PART.search(seg.sentence):
        problem = f"「{f.text}」含余热发电，未记下；请给出不含余热发电的工业用电量（如 {spec.example}）"
    if problem:
        out.problems.append(problem)
        out.unsure.append(label_field)
        return
    if q.negative or role == "decline":
        if fam.increase or fam.past:
            out.declines.append((fam.increase or fam.present, seg.text, q.value))
        return
    if role == "increase":
        if fam.increase:
            _put(out, seen, fam.increase, f)
        elif fam.past:
            out.deltas.append(Delta(fam.past, fam.present, q.value, f.text))
        return
    if role == "past":
        if fam.past:
            _put(out, seen, fam.past, f)
        return
    if role is None and pending is not None and pending in (fam.past, fam.increase):
        _put(out, seen, pending, f)  # the answer to the question just asked
        return
    _put(out, seen, fam.present, f)


def _put(out: Extraction, seen: set[str], name: str, f: Found) -> None:
    if name in seen:
        if any(t.field == name and t.value != _value(name, f) for t in out.taken):
            # Two different figures for one field: neither is certain.
            out.taken = [t for t in out.taken if t.field != name]
            out.unsure.append(name)
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


def _take_dates(segment: str, out: Extraction, seen: set[str]) -> None:
    for name, cue in _DATE_CUES:
        if name not in seen and cue.search(segment):
            d = _DATE.search(segment)
            if d and re.match(r"(?:之|以)?[前后]|起|止|截止|为止", segment[d.end() :]):
                continue  # "3月31日前获批": a rule's date, not the enterprise's
            if d:
                iso = _iso(d.group())
                try:
                    out.taken.append(Taken(name, parse_field(name, iso or d.group()), d.group()))
                    seen.add(name)
                except InputError as exc:
                    out.problems.append(f"「{d.group()}」未采用：{exc.message}")


_DATE_PARTS = re.compile(
    r"(?:(\d{4})(?:年|-|/|\.))?([\d一二三四五六七八九十]{1,2})(?:月|-|/|\.)([\d一二三四五六七八九十]{1,3})"
)


def _iso(text: str) -> str | None:
    """A date as YYYY-MM-DD; without a year it is the notice's year, 2024 ("2月10号")."""
    m = _DATE_PARTS.match(text)
    if not m:
        return None
    month, day = parse_number(m.group(2)), parse_number(m.group(3))
    if month is None or day is None:
        return None
    return f"{m.group(1) or 2024}-{int(month):02d}-{int(day):02d}"


def _combine_deltas(out: Extraction, seen: set[str]) -> None:
    """Turn "多了30万度" plus one year's figure into the other year's figure."""
    by_name = {t.field: t for t in out.taken}
    for d in list(out.deltas):
        if d.past in by_name and d.present not in seen:
            value = Decimal(str(by_name[d.past].value)) + d.amount
            source = f"{d.source}（按增量推算）"
            out.taken.append(Taken(d.present, parse_field(d.present, str(value)), source))
        elif d.present in by_name and d.past not in seen:
            value = Decimal(str(by_name[d.present].value)) - d.amount
            if value < 0:
                out.problems.append(f"「{d.source}」大于今年用量，未采用")
                continue
            out.taken.append(Taken(d.past, parse_field(d.past, str(value)), f"{d.source}（按增量推算）"))
        else:
            continue
        out.deltas.remove(d)


def family_of(name: str) -> str | None:
    """The kind of figure a field holds ("sales", "power" …), None for yes/no and choice fields."""
    return _FAMILY_OF_FIELD.get(name)


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def field_for_words(words: str, prefer: Collection[str] = ()) -> str | None:
    """The field a person names ("销售额", "统计员", "去年用电"), for "X改成Y"; known fields win."""
    words = normalise(words)
    if not words:
        return None
    subj = _subject(words)
    role = _role(words)
    if subj is not None and subj[0] is not None:
        fam = FAMILIES[subj[0]]
        by_role = {"past": fam.past, "increase": fam.increase, "present": fam.present}
        if by_role.get(role):
            return by_role[role]
        options = [n for n in (fam.increase, fam.present, fam.past) if n]
        known = [n for n in options if n in prefer]
        return known[0] if known else options[0]
    ctx = _bigrams(words)
    best: tuple[tuple[int, int], str] | None = None
    for name, spec in FIELDS.items():
        overlap = len(ctx & _bigrams(spec.label + spec.question))
        if overlap and (best is None or (1 if name in prefer else 0, overlap) > best[0]):
            best = ((1 if name in prefer else 0, overlap), name)
    return best[1] if best else None
