"""The value a fact cue gives, decided from its words: the year said beside it, a negation, a sector.

Functions of (segment, sentence, negated) for :mod:`assistant.dialog.facts`' cue table: "2024年1月纳统"
is counted in 2024, "去年下半年新建的，今年一月投产" is a 2023 build that is not sure to be a 2024 one,
"给我们供汽的公司" is the speaker's supplier. ``None``: the words say nothing certain, so nothing is stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from calculators.numbers import parse_number

# "新" marks this year only beside the entry itself ("新入规"): "新建的厂2023年就纳统了" is 2023.
_THIS_YEAR = re.compile(r"今年|2024|24年|二四年|刚|新(?=入规|纳统|上规|进规|入统|纳入)|本年")
_EARLIER = re.compile(r"2023|23年|二三年|去年|上年|前年|2022|2021|早就|早已|以前|之前|多年")


_MONTH = re.compile(r"(?<![\d年])(?:[1-9]|1[0-2]|[一二三四五六七八九十]|十[一二])月份?")
# Year words, nearest first: 同年/当年 repeat the year said before them ("2024年1月投产，同年2月纳统").
_YEAR_WORD = re.compile(
    r"(?P<now>今年|本年|2024|24年|二〇二四|二零二四|二四年)"
    r"|(?P<before>去年|上年|前年|2023|23年|2022|2021|二〇二三|二零二三|二三年)"
    r"|(?P<same>同年|当年)"
)


def _year_of(text: str) -> str | None:
    """ "now" (2024) or "before" for the last year word of ``text``; None when none is said."""
    said = None
    for m in _YEAR_WORD.finditer(text):
        if m.lastgroup != "same":
            said = m.lastgroup
    return said


def _earlier_part(segment: str, sentence: str) -> str:
    """The sentence before ``segment`` (its year words govern a cue the segment does not date)."""
    at = sentence.find(segment)
    return sentence[:at] if at >= 0 else ""


def _governing_year(segment: str, sentence: str, cue: re.Pattern[str]) -> str | None:
    """The year said for the cue's own words: in its segment before the cue, else before the segment."""
    m = cue.search(segment)
    if m is None:
        return None
    return _year_of(segment[: m.start()]) or _year_of(_earlier_part(segment, sentence))


def counted(segment: str, sentence: str, negated: bool) -> object:
    """纳统 / 入规 in 2024 or before: "2024年1月纳统" True, "我们2023年就纳统了" False.

    A month without a year ("3月份入规纳统") is this year's, unless the sentence names an earlier year.
    """
    if _EARLIER.search(segment) and not _THIS_YEAR.search(segment):
        return None if negated else False  # "去年没有入规" says nothing of 2024
    if _THIS_YEAR.search(segment) or (_MONTH.search(segment) and not _EARLIER.search(sentence)):
        return not negated
    # "2024年1月新建投产，并于当月纳入规模以上工业统计": 当月 is the month (and year) said before
    if re.search(r"当月|同月|当年|同年", segment) and _year_of(_earlier_part(segment, sentence)) == "now":
        return not negated
    # "去年下半年新建的，今年一月投产，二月份就入规纳统了": the month is of the year last said
    if (
        re.search(r"[\d一二三四五六七八九十]月", segment)
        and _governing_year(segment, sentence, _COUNTED) == "now"
    ):
        return not negated
    return None


_COUNTED = re.compile(
    r"纳统|入规|入的规|入了规|上规|上了规|进规|纳入规上|纳入规模以上|进(?:了|的|入)规上|(?<!小)升规"
    r"|(?:转|升|进)(?:到|为|成|入)(?:了)?规上"
)
_NOT_INDUSTRY = re.compile(
    r"批发|零售|商贸|贸易|服务业|服务类|餐饮|住宿|宾馆|酒店|物流|限上|超市|商场|建筑|房地产|软件"
)


def counted_industrial(segment: str, sentence: str, negated: bool) -> object:
    """入库 as 纳统 ("2024年1月入库的"): only of an enterprise not said to be in trade or services,
    whose 入库 is the 限上/服务业 library, not the 规上工业 statistics."""
    return None if _NOT_INDUSTRY.search(sentence) else counted(segment, sentence, negated)


def only_negated(value: object) -> Callable[[str, str, bool], object]:
    """A cue that says something only when negated ("未享受奖励"; "享受奖励" alone states nothing)."""
    return lambda segment, sentence, negated: value if negated else None


def left_scale(segment: str, sentence: str, negated: bool) -> object:
    """退库 / 退出规上: below scale now, unless the sentence says it came back ("后来又入规了")."""
    if negated or re.search(r"(?:又|重新|再次|再)(?:入规|进规|纳统|上规|回到规上|进了规上|入库)", sentence):
        return None
    return False


# "之前是规下": below scale before (an upgrade once the sentence says it entered)
WAS_BELOW = re.compile(r"(?:之前|以前|原来|原先|本来|过去)(?:还|一直)?(?:是|属于|在)规下")


def entry_type(segment: str, sentence: str, negated: bool) -> object:
    if negated:
        return None
    if re.search(r"规下转规上|老上规|规下升规上|从规下", segment):
        return "upgrade"
    if WAS_BELOW.search(segment):
        # below scale before: an upgrade once the sentence says it entered
        return "upgrade" if re.search(r"入规|入的规|入了规|纳统|上规|入库|纳入规|升规", sentence) else None
    if re.search(r"入规|入的规|入了规|纳统|上规|入库|纳入规", sentence) and not _EARLIER.search(segment):
        return "new_build"  # 新建投产 and 入规 (入库): a new build entering the statistics
    return None


_OLD_BUILD = re.compile(r"(?:19\d\d|20[01]\d|202[0-2])年|前年|多年|早就|早已|老厂|几十年|十几年|好几年")


def new_built(segment: str, sentence: str, negated: bool) -> object:
    """ "新建的厂，2024年刚纳统": a new build entering the statistics, unless an earlier year is said."""
    if negated or not re.search(r"入规|入的规|入了规|纳统|上规|入库", sentence):
        return None
    # a plant built years ago ("1998年建的厂，今年纳统") entering now is not a 2024 new build
    build = next((p for p in re.split(r"[,，。;；、]", sentence) if "建" in p), "")
    if _OLD_BUILD.search(build):
        return None
    # an earlier year said of the build is no matter if the entry itself is this year's
    entry = next((p for p in re.split(r"[,，。;；、]", sentence) if _COUNTED.search(p)), "")
    if _EARLIER.search(sentence) and not (_THIS_YEAR.search(entry) or _MONTH.search(entry)):
        return None
    if _EARLIER.search(entry) and not _THIS_YEAR.search(entry):
        return None
    return "new_build"


def built_with_start(segment: str, sentence: str, negated: bool) -> object:
    """新建 in one part, 投产 in another ("2024年新建的厂，二月份投产"): the years of both decide."""
    return built(segment, sentence, negated) if "投产" in sentence else None


def built(segment: str, sentence: str, negated: bool) -> object:
    """2024年新建投产: the year said beside both 新建 and 投产; a 2023 build that starts in 2024 is not
    sure ("去年下半年新建的，今年一月投产"), so it is asked."""
    if negated:
        return None
    # a part that says no year ("2024年新建的厂 一月投产") leaves the year to the others
    years = {
        _year_of(p)
        for p in re.split(r"[,，。;；、]", _resolve_same_year(sentence))
        if re.search(r"新建|投产", p)
    } - {None}
    if years == {"now"}:
        return True
    return False if years == {"before"} else None


def _resolve_same_year(text: str) -> str:
    """同年/当年 written as the year said before them, so that each part carries its own year."""
    out, last = [], ""
    for piece in re.split(r"(同年|当年)", text):
        if piece in ("同年", "当年"):
            out.append(last or piece)
            continue
        for m in _YEAR_WORD.finditer(piece):
            if m.lastgroup != "same":
                last = m.group()
        out.append(piece)
    return "".join(out)


# hotline order, the negation after the library: "战新年报库 未纳入"
_NOT_IN_LIBRARY_AFTER = re.compile(
    r"(?:战略性新兴|战新)[^,，。]{0,8}?[、\s]*(?:还|尚|目前)?(?:未|没|没有|不在|尚未)(?:有)?(?:纳入|入|进|在)"
)


def strategic(segment: str, sentence: str, negated: bool) -> object:
    """战新 in the 2023 library; entering it this year is not the 2023 library."""
    if negated or _NOT_IN_LIBRARY_AFTER.search(segment):
        return False
    # this year's entry only where the year is said of the library, not of a figure beside it
    # ("去年300万度 今年360万度 战新库 是")
    this_year = re.search(
        r"(?:今年|2024年?)[^,，。、\d]{0,8}(?:战略性新兴|战新)|(?:战略性新兴|战新)[^,，。、\d]{0,8}(?:今年|2024)"
        r"|刚进|刚纳入|新进",
        segment,
    )
    return False if this_year else True


def commissioned(segment: str, sentence: str, negated: bool) -> object:
    """Commissioned in 2024 Q1: the year said beside 投产 decides ("去年新建的，今年二月投产" is True)."""
    if negated:
        return False
    if _ENTERED_AFTER_Q1.search(sentence):
        return None  # counted after the quarter: not sure to be 一季度新投产纳统
    if re.search(r"(?:还没|没有|未|尚未|没)(?:有)?(?:纳统|入规|入库|进规|纳入统计|纳入规上)", sentence):
        return False  # "3月份刚投产 还没纳统": not 新投产纳统
    for part in re.split(r"[,，。;；、]", sentence):
        if "投产" in part:
            if re.search(r"2023|23年|去年|上年|前年|2022", part):
                return False
            if re.search(r"2024|24年|今年|一季度|[一二三123]月|刚", part):
                return True
    if re.search(r"新投产|刚投产", segment):
        return True
    return False if _EARLIER.search(segment) and "投产" in segment else None


def commissioned_counted(segment: str, sentence: str, negated: bool) -> object:
    """投产 without 新: said of 第2条's new plant only beside its entry into the statistics."""
    if not re.search(r"纳统|入规|入的规|入了规|入库|进的统计|纳入(?:规上|规模以上)|进了规上", sentence):
        return None
    return commissioned(segment, sentence, negated)


# The month of entry said after the first quarter ("三月新建投产，四月先入规"): not 一季度纳统
_ENTERED_AFTER_Q1 = re.compile(
    r"(?<![\d一二三四五六七八九十])(?:[4-9]|1[0-2]|[四五六七八九]|十[一二]?)月份?[^,，。]{0,3}(?:入规|纳统|入库|进规|上规)"
    # "预计二季度纳统", "打算下半年入规": a later quarter, or an entry still planned
    r"|(?:[二三四234]季度|下半年|年底|年内|下个?月|(?:预计|打算|准备|计划|争取|将要|即将|快要))"
    r"[^,，。]{0,6}(?:入规|纳统|入库|进规|上规)"
)


def supply(segment: str, sentence: str, negated: bool) -> object:
    """持续供汽: "没停过", "一天都没断" True; "停了一周" False."""
    if not re.search(r"供|汽|热|锅炉|生产|停产|停工|停机|检修", sentence):
        return None  # "从没断报" is about reporting, not supplying steam
    if re.search(r"(?:一季度|1季度|第一季度)(?:之后|以后|过后)", sentence):
        return None  # "一季度之后都没停过": after the quarter, not in it
    if re.search(
        r"(?:没有|没|未|并未|不是|没能|未能)(?:做到)?(?:持续|连续|一直|不间断)(?:地)?(?:供|生产)", segment
    ):
        return False  # "没有持续供汽": the continuity itself is negated, not a stop
    if negated or re.search(r"没停|没断|未停|未断|不停|从没停|没有停|一直|持续|连续|不间断", segment):
        return True  # "一季度没有停产": a negated stop
    return False


# Another county named ("隔壁明溪县那边的厂区"): 县 after a two-character name other than 将乐.
_OTHER_COUNTY = re.compile(
    r"(?<!将)(?!将乐|本县|全县|我县|该县)[\u4e00-\u9fff]{2}县(?!城|内|里|域|委|政府|长|级)"
)
# Where the gas is used, said of 将乐: "在将乐用气"; 注册在将乐 is where it is registered, not where it burns.
_USED_IN_JIANGLE = re.compile(
    r"(?<!注册)在将乐(?:县)?(?:县城|工业园|园区)?[^,，。]{0,4}(?:用|使用|烧)"
    r"|(?:工厂|厂区|车间|生产基地|厂子|厂)(?:在|位于|就在)将乐"  # where the plant is, the gas burns
)


def county(segment: str, sentence: str, negated: bool) -> object:
    if not re.search(r"气", sentence):
        return None  # the field is about using gas in the county
    if negated or re.search(r"县外|外县|县域外|(?<!将乐)在(?!将乐)[\u4e00-\u9fff]{1,2}县(?!城|内)", segment):
        return False
    from assistant.dialog.cues import other_places  # scope.yaml's place names (明溪, 泰宁 …)

    if _OTHER_COUNTY.search(sentence) or other_places().search(sentence):
        # "注册在将乐，其实在隔壁明溪县那边用的天然气": used in the other county, unless 将乐 is
        # said as the place of use
        return bool(_USED_IN_JIANGLE.search(sentence))
    return True


_ENTERED_NOW = re.compile(r"(?:今年|2024年?|刚|才|新)[^,，。]{0,3}(?:入规|入库|纳统|进库|上规)")


def existing(segment: str, sentence: str, negated: bool) -> object:
    """ "老企业" is in the statistics already, unless the sentence says it entered this year
    ("是老企业今年才入规": an old company, a new entry; but "不是新入库" says it did not)."""
    now = _ENTERED_NOW.search(sentence)
    if now and re.search(r"(?:不是|没|未|并非)$", sentence[max(0, now.start() - 3) : now.start()]):
        now = None
    return None if negated or now else "existing"


_LIBRARY = re.compile(r"(?:入|进|纳入)(?:了|的)?(?:统计)?(?:的)?库|入统|在(?:统计)?库")


# A hotline's keywords put the year after the cue, as a keyword of its own: "入统计库 2023年一季度"
# (the space is gone by now). Nothing after but the end or the next fact: "入库2023年销售…" is prose.
_KEYWORD_YEAR_AFTER = re.compile(
    r"[\s:：]*(?P<year>2023年?|23年|二〇二三年|去年|上年|2024年?|24年|今年|本年)(?:的)?"
    r"(?P<quarter>一季度|第一季度|1季度|q1)?(?=$|[\s,，。;；、]|未|没|不|无|已)"
)


def _keyword_year_after(segment: str, sentence: str, cue: re.Pattern[str]) -> re.Match[str] | None:
    """The year keyword right after the cue, in its segment or (a space ends a segment) the sentence."""
    m = cue.search(segment)
    if m is None:
        return None
    if m.end() < len(segment.rstrip()):
        return _KEYWORD_YEAR_AFTER.match(segment, m.end())
    at = sentence.find(segment)
    return _KEYWORD_YEAR_AFTER.match(sentence, at + len(segment.rstrip())) if at >= 0 else None


def new_entry(segment: str, sentence: str, negated: bool) -> object:
    """入统计库 this year (or with no year) is a new entry; one of an earlier year is not sure: 当年新入库
    is the year of entry, and the notice's years differ (第6条 2023年一季度入库, 第7条 入库当年)."""
    if negated or _governing_year(segment, sentence, _LIBRARY) == "before":
        return None
    after = _keyword_year_after(segment, sentence, _LIBRARY)
    if after and _year_of(after.group("year")) == "before":
        return None  # "入统计库 2023年一季度": entered in 2023
    return "new_entry"


def in_2023q1(segment: str, sentence: str, negated: bool) -> object:
    """第6条's 2023年一季度入统计库: that quarter (or one of its months) with 2023; 2024's entry is not."""
    negated = negated or bool(
        re.search(r"(?:未|没|没有|还没|尚未)(?:入|进)(?:统计)?库", segment)
    )  # 2023一季度未入库
    year = _governing_year(segment, sentence, _LIBRARY)
    if year == "now":
        return None if negated else False
    quarter = re.search(r"一季度|第一季度|1季度|q1|(?<![\d十])[1-3一二三]月", segment)
    if year == "before" and re.search(r"2023|23年|二〇二三|二零二三|二三年|去年", segment) and quarter:
        return not negated
    after = _keyword_year_after(segment, sentence, _LIBRARY)
    if year is None and after and after.group("quarter"):  # "入统计库 2023年一季度" (hotline order)
        said = _year_of(after.group("year"))
        if said == "before" and re.match(r"2023|23年|二〇二三|去年|上年", after.group("year")):
            return not negated
        if said == "now":
            return None if negated else False
    return None


def entry_month(segment: str, sentence: str, negated: bool) -> object:
    """入库当年的月份: "今年3月新入库" — a month right before the entry, in this year (or none said)."""
    m = re.search(
        r"(?<!\d)(1[0-2]|[1-9]|十[一二]|[一二三四五六七八九十])月份?(?:就|才|刚刚|刚|新|正式|先|已经|已)?(?:份)?"
        # "2024年1月新投产并纳入规上统计": the month said of both
        r"(?:[^,，。、\d月]{0,5}?(?:并|并且|同时|随即|后|就)|(?:新)?投产)?(?:就|才|刚|新|正式)?"
        r"(?=入库|进库|入统计库|进统计库|新入库|纳统|入规|入的规|入了规|上了规|入的库|进的库|纳入规"
        r"|进(?:了|的|入)?(?:规上|统计(?![员局表人]))|(?:转|升|进)(?:到|为|成|入)(?:了)?规上)",
        segment,
    )
    if m is None:  # "入库是十一月", "入库月份：3月", "新入库 5月": the month after the entry
        m = _MONTH_AFTER_ENTRY.search(segment)
    same = re.search(r"(?:当|同)月", segment)
    if m is None and same:  # 当月: the month said before, in this part or an earlier one
        earlier = _earlier_part(segment, sentence) + segment[: same.start()]
        m = next(reversed(list(_ANY_MONTH.finditer(earlier))), None)
    if negated or m is None or _governing_year(segment, sentence, _ENTRY) == "before":
        return None
    month = parse_number(m.group(1))
    return int(month) if month is not None else None


_MONTH_AFTER_ENTRY = re.compile(
    r"(?:入库|进库|纳统|入规)(?:的)?(?:月份|时间|日期)?(?:是|在|为|于)?[:：、\s]*(?:(?:2024|24)年|今年|本年)?"
    r"0?(1[0-2]|[1-9]|十[一二]|[一二三四五六七八九十])\s*月(?![日号\d])"
)
_ANY_MONTH = re.compile(r"(?<!\d)(1[0-2]|[1-9]|十[一二]|[一二三四五六七八九十])月(?![日号\d])")
# 第7条's 入库 is entry into the statistics: 纳统 and 入规 say it too ("今年一月纳统").
_ENTRY = re.compile(_LIBRARY.pattern + r"|纳统|入规|入的规|入了规|纳入规|进(?:了|的|入)?(?:规上|统计)")


def agreement(segment: str, sentence: str, negated: bool) -> object:
    """出口代理协议 signed ("签了代理协议", "协议已经签好了") or not ("还没签")."""
    if negated or re.search(
        r"(?:没|未|还没|尚未|没有|冇|唔)(?:有)?(?:跟|与|和|同)?[^,，。]{0,6}签|无(?:出口)?代理", segment
    ):
        return False
    # "已与县商务部门签代理协议": 已 before whom it was signed with
    signed = re.search(r"签(?:了|好|订|署|过)|已(?:经)?(?:(?:与|跟|和|同)[^,，。]{0,8})?签", segment)
    return True if signed else None


def exporter(kind: str) -> Callable[[str, str, bool], object]:
    """做贸易出口 / 自己不生产 (trade), 自己生产出口 (production): said only of an exporter."""
    # (代理协议 is the county's export agency: "我们是做贸易的 跟商务局签了代理协议")
    return lambda segment, sentence, negated: (
        None if negated or not re.search(r"出口|代理协议", sentence) else kind
    )


def heat_supplier(segment: str, sentence: str, negated: bool) -> object:
    """ "给园区供蒸汽的" is a heat supplier; "给我们供汽的公司" is the speaker's supplier, not the speaker."""
    if negated or re.search(r"给(?:我们|我司|我厂|我公司|咱们|我家)", segment):
        return None
    return True


_POOL = re.compile(r"培育库|小升规.{0,4}库|培育名单")
# the negation said after the library, as a hotline types it: "小升规 培育库 未入库", "培育库还没进"
_NOT_IN_AFTER = re.compile(r"^[、,，\s]*(?:还|尚|目前|暂时)?(?:未|没|没有|不在|冇)(?:有)?(?:入|进|纳入|在)?")


def pool(segment: str, sentence: str, negated: bool) -> object:
    """纳入小升规培育库: said, or negated before ("没进培育库") or after ("培育库 未入库")."""
    if negated:
        return False
    m = _POOL.search(segment)
    if re.search(r"(?:未|没|没有|还没|尚未|不在)(?:入|进|纳入)?(?:培育库|库)", segment):
        return False  # "小升规 未入培育库"
    after = segment[m.end() :] if m else ""
    if not after and m:
        at = sentence.find(segment)
        after = sentence[at + len(segment) :] if at >= 0 else ""
    return not _NOT_IN_AFTER.match(after)
