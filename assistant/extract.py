"""Figures taken from a person's question, so the interview does not ask for them again.

"一季度销售额增长了800万" → sales_increase_yuan; "用电比去年多了30万度，去年120万度" → both
power figures. Reading is by pattern, not by sentence: every figure with its unit (or a topic
word that implies one: 销售额 → 元) is matched to the fields of that unit, and the words around
it (去年 / 今年 / 增长 …, the field's own label) choose among them. Yes/no facts are read from
a small cue table, only where the person states them about the enterprise ("我们是规上企业").
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from calculators.errors import InputError
from calculators.fields import FIELDS, parse_amount, parse_field

# How people write a unit → the unit fields are kept in. "个" and "名" count people here:
# the only counted things in the notice's fields are statistics staff.
_UNIT_ALIASES = {
    "元": "元", "块": "元", "万元": "元", "块钱": "元",
    "千瓦时": "千瓦时", "kwh": "千瓦时", "度": "千瓦时", "度电": "千瓦时",
    "立方米": "立方米", "立方": "立方米", "方": "立方米", "m3": "立方米", "m³": "立方米",
    "美元": "美元", "美金": "美元", "万美元": "美元",
    "个": "人", "名": "人", "人": "人", "位": "人",
    "个月": "月", "月": "月",
}  # fmt: skip
# Topic words that give an un-suffixed figure ("增长了800万") its unit.
_TOPICS = (
    ("元", re.compile(r"销售|营收|营业额|开票|收入|产值|发票")),
    ("千瓦时", re.compile(r"用电|电量|电费|度电|电")),
    ("立方米", re.compile(r"天然气|用气|燃气|气量|气")),
    ("美元", re.compile(r"外资|到资|外商|美元|美金")),
    ("人", re.compile(r"统计员|统计人员|报表员|统计")),
)
# Role words: which of several fields of one unit a figure is.
_INCREASE = re.compile(r"增长|增加|多了|多出|涨了|提高|增量|同比多|比去年多|比上年多")
_PAST = re.compile(r"去年|上年|2023|同期|二〇二三|二零二三")
_PRESENT = re.compile(r"今年|本年|2024|二〇二四|二零二四")

_NUM = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)"
_MULT = r"(?:万亿|千万|百万|十万|万|亿|千|百)?"
_UNIT = r"(?:万美元|万元|块钱|元|块|千瓦时|kwh|度电|度|立方米|立方|m3|m³|方|美元|美金|个月|个|名|位|人)?"
# A figure must not be part of a date, a quarter, a percentage or a clause number.
_FIGURE = re.compile(rf"({_NUM})({_MULT})({_UNIT})(?![年季月日号%％条\d.])", re.IGNORECASE)
_DATE = re.compile(r"\d{4}\s*(?:年|-|/|\.)\s*\d{1,2}\s*(?:月|-|/|\.)\s*\d{1,2}\s*日?")
_DATE_CUES = (
    ("resumed_on", re.compile(r"复工|复产|开始供汽|恢复供")),
    ("specialized_sme_approved_on", re.compile(r"专精特新")),
)
_SEGMENT = re.compile(r"[，。；;,！!？?\n]")

# Yes/no facts stated about the enterprise: (cue, fields it settles, value when stated).
_BOOL_CUES = (
    (re.compile(r"规上|规模以上|规上工业|已入规|已纳统|入统"), ("above_scale_industrial",), True),
    (re.compile(r"规下|规模以下|未入规|没入规|还没上规"), ("above_scale_industrial",), False),
    (re.compile(r"战略性新兴|战新"), ("strategic_emerging_2023",), True),
    (re.compile(r"新投产|新建投产|刚投产"), ("newly_commissioned_2024q1",), True),
    (re.compile(r"小升规.{0,4}培育库|培育库"), ("in_cultivation_pool",), True),
    (re.compile(r"供热企业|供汽企业|集中供热公司"), ("heat_supplier",), True),
)
_MANUFACTURING = re.compile(r"制造")
# The person speaks about the enterprise (not asking about a category in general).
_ASSERT = re.compile(r"我们|我司|我公司|本公司|我厂|我家|咱们|本企业|我单位|是|属于|已经|已")
_NEGATE = re.compile(r"(不是|不属于|并非|非|未|没有|没|还不是|尚未|不算)\S{0,2}$")


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


def _unit_of(name: str) -> str:
    spec = FIELDS[name]
    unit = _UNIT_ALIASES.get(spec.unit.strip().lower(), spec.unit) if spec.unit else ""
    if unit:
        return unit
    for suffix, u in (("_yuan", "元"), ("_kwh", "千瓦时"), ("_m3", "立方米"), ("_usd", "美元")):
        if name.endswith(suffix):
            return u
    return ""


def _fields_of_unit(unit: str) -> list[str]:
    return [n for n, s in FIELDS.items() if s.kind in ("amount", "int") and _unit_of(n) == unit]


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


_ROLE_MARK = {"increase": "increase", "past": "2023", "present": "2024"}


def _fits_role(role: str, name: str) -> bool:
    """Whether a field is the increase, last year's or this year's figure, as the words said."""
    mark = _ROLE_MARK.get(role)
    return mark is not None and mark in name


def _rank(candidates: list[str], context: str, role: str | None, prefer: Collection[str]) -> list[str]:
    """Order candidate fields by role words, then by words shared with the field's label."""
    ctx = _bigrams(context)

    def score(name: str) -> tuple[int, int, int]:
        if role is not None:
            role_match = 2 if _fits_role(role, name) else 0
        else:  # unmarked: a figure in a question about this quarter is this year's
            role_match = 1 if "2024" in name or ("increase" not in name and "2023" not in name) else 0
        label = _bigrams(FIELDS[name].label)
        return (role_match, len(ctx & label), 1 if name in prefer else 0)

    return sorted(candidates, key=score, reverse=True)


def _role(before: str) -> str | None:
    """The role of a figure from the words before it in its segment (the nearest cue wins)."""
    found: list[tuple[int, str]] = []
    for role, pattern in (("increase", _INCREASE), ("past", _PAST), ("present", _PRESENT)):
        for m in pattern.finditer(before):
            found.append((m.end(), role))
    if not found:
        return None
    # "比去年多了30万度": the increase cue is nearer than 去年 and wins.
    return max(found)[1]


def _role_after(after: str) -> str | None:
    """Where no cue comes before a figure, the first one after it ("800万的销售额增长")."""
    found = [
        (m.start(), role)
        for role, pattern in (("increase", _INCREASE), ("past", _PAST), ("present", _PRESENT))
        for m in pattern.finditer(after)
    ]
    return min(found)[1] if found else None


def _topic_unit(text: str) -> str | None:
    for unit, pattern in _TOPICS:
        if pattern.search(text):
            return unit
    return None


def _typed(name: str, raw: str) -> object:
    return parse_field(name, raw)


def extract(text: str, prefer: Collection[str] = ()) -> Extraction:
    """Read the figures and yes/no facts in ``text``. ``prefer``: fields already known win ties."""
    out = Extraction(taken=[], deltas=[], problems=[])
    seen: set[str] = set()
    topic: str | None = None
    for segment in _SEGMENT.split(text):
        topic = _topic_unit(segment) or topic
        masked = _DATE.sub(lambda m: "#" * len(m.group()), segment)
        for m in _FIGURE.finditer(masked):
            num, mult, unit_word = m.group(1), m.group(2), m.group(3)
            if not re.search(r"\d", num) and not (mult or unit_word):
                continue  # a bare Chinese numeral ("一") is a word, not a figure
            unit = _UNIT_ALIASES.get(unit_word.lower()) if unit_word else None
            after = masked[m.end() : m.end() + 6]
            if unit == "人" and not re.match(r"\s*(统计|报表)", after) and topic != "人":
                continue  # "3个" of something other than statistics staff
            unit = unit or _topic_unit(segment[: m.start()] + after) or topic
            if unit is None:
                continue
            candidates = _fields_of_unit(unit)
            if not candidates:
                continue
            role = _role(segment[: m.start()]) or _role_after(segment[m.end() :])
            ranked = _rank(candidates, segment, role, prefer)
            source = m.group(0)
            if role == "increase" and not any("increase" in n for n in candidates):
                past = next((n for n in ranked if "2023" in n), None)
                present = next((n for n in ranked if "2024" in n), None)
                value = parse_amount(num + mult)
                if past and present:
                    out.deltas.append(Delta(past, present, value, source))
                continue
            name = ranked[0]
            if name in seen:
                continue
            raw = num + mult if FIELDS[name].kind == "int" else source
            try:
                value = _typed(name, raw)
            except InputError as exc:
                out.problems.append(f"「{source}」未采用：{exc.message}")
                continue
            seen.add(name)
            out.taken.append(Taken(name, value, source))
        for name, cue in _DATE_CUES:
            if name in FIELDS and name not in seen and cue.search(segment):
                d = _DATE.search(segment)
                if d:
                    try:
                        out.taken.append(Taken(name, _typed(name, d.group()), d.group()))
                        seen.add(name)
                    except InputError as exc:
                        out.problems.append(f"「{d.group()}」未采用：{exc.message}")
        _take_facts(segment, out, seen)
    _combine_deltas(out, seen)
    return out


def _take_facts(segment: str, out: Extraction, seen: set[str]) -> None:
    for cue, names, value in _BOOL_CUES:
        m = cue.search(segment)
        if not m:
            continue
        before = segment[: m.start()]
        negated = bool(_NEGATE.search(before))
        if not negated and not _ASSERT.search(before):
            continue  # "规上企业有什么奖励？" asks about the category, says nothing of the enterprise
        fields = list(names)
        if value and names == ("above_scale_industrial",) and _MANUFACTURING.search(segment):
            fields.append("above_scale_manufacturing")  # 规上制造业 is also 规上工业
        for name in fields:
            if name in FIELDS and name not in seen:
                seen.add(name)
                out.taken.append(Taken(name, value != negated, m.group()))


def _combine_deltas(out: Extraction, seen: set[str]) -> None:
    """Turn "多了30万度" plus one year's figure into the other year's figure."""
    by_name = {t.field: t for t in out.taken}
    for d in list(out.deltas):
        if d.past in by_name and d.present not in seen:
            value = Decimal(str(by_name[d.past].value)) + d.amount
            out.taken.append(Taken(d.present, _typed(d.present, str(value)), f"{d.source}（按增量推算）"))
        elif d.present in by_name and d.past not in seen:
            value = Decimal(str(by_name[d.present].value)) - d.amount
            if value < 0:
                out.problems.append(f"「{d.source}」大于今年用量，未采用")
                continue
            out.taken.append(Taken(d.past, _typed(d.past, str(value)), f"{d.source}（按增量推算）"))
        else:
            continue
        out.deltas.remove(d)


def field_for_words(words: str, prefer: Collection[str] = ()) -> str | None:
    """The field a person names ("销售额", "统计员", "去年用电"), for "X改成Y"; known fields win."""
    words = words.strip()
    if not words:
        return None
    ctx = _bigrams(words)
    unit = _topic_unit(words)
    role = _role(words) if _INCREASE.search(words) or _PAST.search(words) or _PRESENT.search(words) else None
    best: tuple[tuple[int, int, int, int], str] | None = None
    for name, spec in FIELDS.items():
        overlap = len(ctx & _bigrams(spec.label + spec.question))
        topical = 1 if unit and _unit_of(name) == unit else 0
        if not overlap and not topical:
            continue
        role_fit = 1 if role is not None and _fits_role(role, name) else 0
        key = (role_fit, 1 if name in prefer else 0, topical, overlap)
        if best is None or key > best[0]:
            best = (key, name)
    return best[1] if best else None
