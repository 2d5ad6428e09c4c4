"""Yes/no facts a person states about the enterprise ("我们是规上企业", "不是制造业", "2023年新建投产").

Only statements count: a yes/no question about the fact ("我们是新投产企业吗") states nothing,
and a category named in a question ("规上企业有什么奖励") is not the enterprise's. Negations
(不是, 没, 未 …) turn a fact round; a sector other than industry (批发, 服务业) means the enterprise
is not 规上工业; a fact about last year ("去年是规下") says nothing of now.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from assistant.dialog import fact_values as values
from assistant.dialog.cues import (
    APPROX_BEFORE,
    APPROX_DATE_AFTER,
    DATE,
    DATE_CUES,
    KIN,
    LUNAR_DATE,
    OWN_SPEAKER,
)
from calculators.errors import InputError
from calculators.fields import parse_field
from calculators.numbers import parse_number


@dataclass(frozen=True)
class Taken:
    """One value read from the text, with the words it was read from (extract and facts share it)."""

    field: str
    value: object
    source: str
    derived: bool = False  # worked out from two stated figures, not said by the person


_YES_NO = re.compile(r"吗|(?<![这那怎什多])么|嘛|是否|能否|可否|属不属于|可不可以|([\u4e00-\u9fff])[不没]\1")
_WH = re.compile(r"什么|多少|怎么|如何|哪|咋|几|啥|谁")
_CAN = re.compile(r"能|可以|拿|奖|补|享受|申请|领|给|有")
_ASSERT = re.compile(
    r"我们|我司|我公司|本公司|我厂|我家|咱们|咱|本企业|我单位|公司|厂里|是|属于|已|刚|也|还|都|今年|去年|现在|目前"
)
_CONTRAST = re.compile(r"但|不过|可是|而且|并且|同时")
_NEGATE = re.compile(
    r"(?:不是|不属于|并非|非|未|没有|没|还不是|尚未|不算|还没|不在|没在|没进|未进|未纳入|没纳入|不|冇|唔)\S{0,3}$"
)
# "去年就是规上了": above scale since then
_ALREADY_THEN = re.compile(
    r"(?:去年|上年|2023年?|前年|早年)(?:就|早就|已经|就已经|早已)(?:是|成了|进了|上了|算)?(?:规上|规模以上)"
)
_COMPARED = re.compile(r"(?:比|较|与|和|跟|同)(?:去年|上年)(?:同期)?|(?:去年|上年)同期")
_PAST_YEAR = re.compile(r"去年|上年|2023|23年|以前|之前|原来|原先|前些年|前几年|早些年|过去")
_YEAR_OF_FIGURE = re.compile(
    r"(?:去年|上年|2023年?|23年|今年|本年|2024年?|24年)(?:的)?(?:一季度|第一季度|1季度|同期|全年)?(?:的)?"
    r"(?:销售|开票|卖了|卖|营收|营业额|收入|用电|用气|用了|用热|出口|外资|产值)"
)
_PAST_2023 = re.compile(r"2023|23年|去年|上年|前年|2022|2021")
_NON_INDUSTRY = re.compile(
    r"批发|零售|商贸|贸易公司|做贸易|服务业|服务类|餐饮|住宿|物流|限上|建筑业|房地产|软件|商业|事务所"
)
_COMMERCE = re.compile(r"批发|零售|商贸|贸易公司|做贸易|限上|商业|超市|商场|便利店")
# 住宿、餐饮 are counted with 批零 as 商贸 in some county statistics and as 服务业 in others: not read
_SERVICES = re.compile(r"服务业|服务类|物流|软件|事务所")


# 什么 after a negation is "any": "从来没拿过什么奖励" states that nothing was received.
# 这几年 / 好几个 are "a few", not "how many".
# "什么奖都没领过" is "no award at all" too.
_INDEFINITE = re.compile(
    r"(?:没|未|不|从未)[^,，。?？]{0,8}?(?:什么|啥)|(?:什么|啥)[\u4e00-\u9fff]{0,4}?(?:都|也)(?:没|不|未)|(?:这|那|好|近|前)几(?=年|天|个|月)"
)


def question_segment(part: str, terminator: str) -> bool:
    """Whether a part of a sentence asks rather than states."""
    part = _INDEFINITE.sub("", part)
    return terminator in "?？" or bool(_YES_NO.search(part) or _WH.search(part))


# (cue, field, value when stated, or a function of (segment, sentence, negated) giving it).
_CUES: tuple[tuple[re.Pattern[str], str, object], ...] = (
    (re.compile(r"不是工业|非工业|不属于工业|不是工业企业"), "above_scale_industrial", False),
    # out of the statistics again: "去年底退库了，现在不是了"
    (
        re.compile(r"退库|退出(?:了)?规上|退规|掉(?:到|回|成)(?:了)?规下|降(?:为|到|成)(?:了)?规下"),
        "above_scale_industrial",
        values.left_scale,
    ),
    # "之前是规下，今年入规": below scale before, counted now
    (
        re.compile(r"规下转规上|老上规|规下升规上|从规下|" + values.WAS_BELOW.pattern),
        "entry_type",
        values.entry_type,
    ),
    # "规下转规上" says the enterprise moved up, not that it is below scale now
    (re.compile(r"(?:规下|规模以下)(?!转|升|到|变|进|上)"), "above_scale_industrial", False),
    # 升规 is the enterprise's own step up; 小升规 names the programme
    (
        re.compile(
            r"纳统|入规|入的规|入了规|上规|上了规|上的规|进规|纳入规上|纳入规模以上|进(?:了|的|入)规上|(?<!小)升规"
            r"|(?:转|升|进)(?:到|为|成|入)?(?:了)?规上"
        ),
        "counted_2024",
        values.counted,
    ),
    # 入库 / 进的统计 of an industrial enterprise is its entry into the statistics ("2024年1月入库")
    (
        re.compile(r"(?:入|进)(?:了|的)?(?:统计)?库|进(?:了|的|入)?统计(?![员局表人])"),
        "counted_2024",
        values.counted_industrial,
    ),
    (re.compile(r"规上|规模以上|入规|纳统|上规|(?<!小)升规"), "above_scale_industrial", True),
    (re.compile(r"工业企业|工业"), "above_scale_industrial", None),  # only its negation counts
    (re.compile(r"制造业|制造企业|制造"), "above_scale_manufacturing", True),
    (re.compile(r"战略性新兴|战新"), "strategic_emerging_2023", values.strategic),
    (re.compile(r"新建投产|新投产|刚投产|新建"), "newly_commissioned_2024q1", values.commissioned),
    (re.compile(r"新建投产|新建.{0,12}投产"), "built_2024", values.built),
    (re.compile(r"新建"), "built_2024", values.built_with_start),
    (re.compile(r"新建投产|新建.{0,8}投产"), "entry_type", values.entry_type),
    (
        re.compile(
            r"新建(?:的)?(?:厂|工厂|企业|公司)|(?:厂|工厂|企业|公司)(?:是)?[^,，。]{0,8}新建"
            r"|建(?:的|了|好|成)(?:的)?(?:厂|工厂|新厂)|新厂"
            # "我们厂是去年三月份开始建的": the plant itself was built
            r"|(?:厂|工厂|企业|公司)是[^,，。]{0,10}(?:开始|动工)?建(?:的|起来的)"
        ),
        "entry_type",
        values.new_built,
    ),
    # "今年1月投产，2月纳统": a plant commissioned this quarter and counted is 新投产纳统
    (re.compile(r"投产"), "newly_commissioned_2024q1", values.commissioned_counted),
    (
        re.compile(r"小升规.{0,4}培育库|培育库|小升规.{0,4}库|升规培育名单"),
        "in_cultivation_pool",
        values.pool,
    ),
    (
        re.compile(r"供热企业|供汽企业|集中供热|供热公司|供热的|供热厂|做供热|搞供热|供热站|热力站|热力公司"),
        "heat_supplier",
        True,
    ),
    (
        re.compile(r"给[^,，。]{0,8}供(?:蒸)?汽|供(?:蒸)?汽的|(?:供应|提供|对外供)(?:蒸)?汽"),
        "heat_supplier",
        values.heat_supplier,
    ),
    (
        re.compile(r"停了|停产|停供|停机|停炉|断供|中断|停过|没停|没断|一直在供|持续供汽|连续供汽|不间断"),
        "continuous_supply_q1",
        values.supply,
    ),
    (
        re.compile(
            r"县内|县域内|在将乐|将乐县内|本县|在县里|县(?:里|城)(?![外])[^,，。外]{0,8}?(?:用|使用|烧)|县外|外县|县域外|在县城|县城(?:的)?工业园|县工业园|在[\u4e00-\u9fff]{1,2}县"
            r"|(?:地点|地址)(?:为|是|在)将乐|将乐(?:经济)?开发区|将乐(?:县)?工业园"
        ),
        "in_county",
        values.county,
    ),
    (re.compile(r"淘汰类|限制类|不符合(?:国家)?产业政策"), "complies_with_industrial_policy", False),
    (re.compile(r"符合(?:国家)?产业政策"), "complies_with_industrial_policy", True),
    (re.compile(r"生产型出口|生产型"), "exporter_type", "production"),
    (re.compile(r"贸易型出口|流通型|贸易型"), "exporter_type", "trade"),
    (
        re.compile(
            r"做贸易出口|贸易出口|做贸易的|搞贸易的|(?:自己|本身|我们)不(?:搞)?生产|贸易公司|外贸公司"
        ),
        "exporter_type",
        values.exporter("trade"),
    ),
    (
        re.compile(
            r"(?:自己|自主)生产(?:的)?(?:产品)?(?:再|并|自己)?出口|自产自销"
            r"|出口(?:的)?(?:是|都是|全是)?(?:我们)?(?:自己|自家|自主|本厂)(?:厂|公司)?(?:生产|做|造|加工)"
            r"|(?:自己|自家)(?:生产|加工|做)[^,，。]{0,4}(?:自己|再)出口"
            r"|(?:自己|自家)(?:的)?(?:工厂|厂子|厂里|厂)(?:自己)?(?:生产|做|造|加工)"
            r"|(?:都是|是|我们)?自己(?:生产|加工|造)的"
            r"|(?:自己|自家)(?:生产|加工|做)(?:的)?(?:产品|东西|货)?(?:自己|再)(?:卖|销|销售|外销)"
        ),
        "exporter_type",
        values.exporter("production"),
    ),
    # the county's export agency is the 商务 department's: "跟商务部门签过协议的"
    (
        re.compile(
            r"(?:出口)?代理协议|代理出口协议|(?:商务局|商务部门|商务委)(?![^,，。]{0,12}代理)[^,，。]{0,6}签[^,，。]{0,3}协议"
        ),
        "has_agency_agreement",
        values.agreement,
    ),
    (re.compile(r"专精特新"), "specialized_sme_approved_on", None),  # only its negation counts
    (
        # (a document's title between: "已享受过《…六条措施》的奖励兑现"; 将 typed for 奖)
        re.compile(
            r"(?:享受|拿|领|得)(?:过|了|到过)(?:《[^》]{0,40}》)?[^,，。]{0,8}?"
            r"(?:奖励|补贴|奖补|补助|奖励兑现|奖(?!励)|将(?!乐))"
        ),
        "received_other_award",
        True,
    ),
    # "企业已享受省级同类奖励", hotline "已享受 其他奖励 兑现过": 已 says it was received
    (
        re.compile(r"(?:已|已经)享受(?:过|了)?[^,，。]{0,10}?(?:奖励|补贴|奖补|补助)"),
        "received_other_award",
        True,
    ),
    # "已兑现县级技改补助资金": an award paid out
    (
        re.compile(r"(?:已|已经)(?:经)?兑现(?:了|过)?[^,，。]{0,10}(?:补助|补贴|奖励|奖补|资金)"),
        "received_other_award",
        True,
    ),
    # "奖一分都没拿过", "未享受奖励": a negated award said either way round
    (
        re.compile(
            r"(?:奖励|奖补|补贴|补助|奖)[^,，。]{0,5}(?:都|也|从来|从)?(?:没|未|没有)(?:有)?(?:拿|领|享受|得)(?:过|到)?"
        ),
        "received_other_award",
        False,
    ),
    (
        re.compile(r"(?:享受|拿|领|得)(?:到)?[^,，。]{0,8}?(?:奖励|补贴|奖补|补助|奖励兑现)"),
        "received_other_award",
        values.only_negated(False),
    ),
    (
        re.compile(
            r"新入库|今年入库|刚入库|新进库|进的统计库|进统计库|入统计库|新入规|刚入规|新(?:入|进)(?:的|了)库"
            # "4月入库的新企业"
            r"|(?:入|进)(?:的)?(?:统计)?库的新(?:企业|公司|厂)"
            r"|(?:今年|2024年?)[^,，。]{0,4}(?:才|刚)(?:入库|进库)"
            # "今年二月入的库", "2024年1月份进的库": a month of this year
            r"|(?:今年|2024年?)(?:的)?[一二三四五六七八九十\d]{1,2}月(?:份)?(?:才|刚|就)?(?:入|进)(?:了|的)?(?:统计)?库"
            # "今年正月里入的库", "今年一月份才入的限上库", "今年刚进的规上服务业库", "今年三月先入库"
            r"|(?:今年|2024年)[^,，。没未不]{0,8}?(?:才|刚|新|先)?(?:入|进)(?:了|的)?[^,，。没未不]{0,6}?库"
        ),
        "enterprise_status",
        values.new_entry,
    ),
    (
        re.compile(
            r"老企业|已在库|在库企业|在库的|入库多年|早就在库|一直在库|(?:就|早|已经|一直)在库里?|在库里"
            r"|(?:早就|早已|一直|多年)(?:是|就是)?规上|老规上|规上(?:企业)?(?:好|很)?多年|在库(?=统计人员|统计员)"
            # a hotline's keyword between spaces: "商贸业 在库 未享受…"
            r"|(?:^|(?<=[\s,，、。;；]))在库(?=$|[\s,，、。;；])"
            # "为在库商贸企业" (an entry last year is not read as 在库: tests/test_extract_subjects.py)
            r"|在库[\u4e00-\u9fff]{0,4}企业"
        ),
        "enterprise_status",
        values.existing,
    ),
    (
        re.compile(
            r"(?:入|进)(?:了|的)?统计(?:的)?库|入统|(?<=季度|q1|Q1)(?:入|进)库|季度(?:就|才|已经|已|便)(?:入|进)(?:了)?库"
            r"|季度(?:以前|之前)?(?:就|已经|已|肯定|确实|一直|也|都)?在(?:统计)?库|季度(?:未|没|没有|还没|尚未)(?:入|进)(?:统计)?库"
        ),
        "in_statistics_2023q1",
        values.in_2023q1,
    ),
    (
        re.compile(
            r"(?:入|进)(?:了|的)?(?:统计)?库|新入库|纳统|入规|入的规|入了规|上了规|纳入规模以上|纳入规上"
            r"|进(?:了|的|入)?(?:规上|统计(?![员局表人]))|(?:转|升)(?:到|为|成|入)(?:了)?规上"
        ),
        "entry_month",
        values.entry_month,
    ),
    (
        re.compile(
            r"持续出数|连续出数|按期报送|按时报数|按期报数|按月报数|一直(?:都)?(?:有在|有|在)?(?:出数|报数)|每个月都.{0,4}报"
            r"|连续报了|(?:报数|出数|报表)[^,，。]{0,4}(?:一个月都没断|从没断过|没断过|没有断过)"
            r"|(?:按时|按期|按月|每月|每个月)(?:都)?(?:有)?(?:出数|报送|报表)"
            # "持续报送统计数据", "报了一整年没断过", "一直报到现在，每个月都没落下"
            r"|(?:持续|连续|不间断)(?:地)?(?:报送|上报|报数|报表)"
            r"|报[^,，。]{0,6}(?:没断过|没有断过|从没断|没断|没落下|没落过|没漏过)"
        ),
        "continuous_reporting",
        True,
    ),
    # hotline keywords: "出数 ６个月 持续的"
    (re.compile(r"(?:出数|报数)[^,，。]{0,8}(?:持续|连续|没断)"), "continuous_reporting", True),
    # reporting broken off: "断报了", "中间有两个月没报数", "漏报过"
    (
        re.compile(r"断报|断过报|停报|漏报|没报数|没有报数|未报数|没出数|没有出数|中断报送|报送中断"),
        "continuous_reporting",
        False,
    ),
)


_REQUIRED_BEFORE = re.compile(r"(?:要|得|必须|需要|须|只有)(?:是)?$")
_REQUIRED_AFTER = re.compile(r"(?:企业|公司)?(?:才|的才)")


def take_facts(
    segment: str, question: bool, sentence: str, taken: list[Taken], seen: set[str], speaker: bool = False
) -> None:
    """Append the facts ``segment`` states to ``taken``, fields in ``seen`` skipped.

    ``speaker``: the person has given the enterprise's own figures, so a category before "能奖多少"
    is said of the enterprise ("开票2300万（去年1600万），规上工业企业能奖励多少").
    """

    def put(name: str, value: object, source: str) -> None:
        if name not in seen:
            seen.add(name)
            taken.append(Taken(name, value, source))

    for cue, name, value in _CUES:
        m = cue.search(segment)
        if not m or name in seen:
            continue
        # "比去年同期多了650万、规上工业": a comparison with last year says nothing of last year's
        # state, and a year in another listed item ("规上工业、…2023年3500万") is that item's
        end = segment.find("、", m.end())
        start = segment.rfind("、", 0, m.start()) + 1
        item = segment[start : end if end >= 0 else len(segment)]
        # …and a year that opens a figure after the cue ("规上的工业企业去年一季度卖了1500万") is the figure's
        opened = _YEAR_OF_FIGURE.search(item, m.end() - start)
        last_year = bool(_PAST_YEAR.search(_COMPARED.sub("", item[: opened.start()] if opened else item)))
        before, after = segment[: m.start()], segment[m.end() :]
        # a cue that opens with its year opens a clause: "不是工业今年刚进的…库" (不是 is of 工业)
        negated = _negated(before) and not (
            re.match(r"今年|去年|上年|20\d\d", m.group())
            and not re.search(r"(?:不是|不|没有|没|未|并非|不属于|不算)$", before)
        )
        if (
            _UNSURE.search(before)
            or _OTHERS.search(before)
            or _NOT_YET.search(before)
            or _UNKNOWN_AFTER.match(after)
        ):
            continue  # "我们不清楚是不是规上", "可能是", "隔壁厂是规上企业": nothing said of the enterprise
        if _REQUIRED_BEFORE.search(before) and _REQUIRED_AFTER.match(after):
            continue  # "孙子说要制造业才行": a condition of the rule, not the enterprise's fact
        if _PENDING_AFTER.search(after):
            continue  # "是否符合产业政策尚待确认": still to be decided, neither yes nor no
        if question and not _stated_in_question(before, after, speaker):
            continue
        if not question and not negated and not _stated(before, after, segment, sentence):
            continue
        if callable(value):
            decided = value(segment, sentence, negated)
            if decided is not None:
                put(name, decided, m.group())
            continue
        if value is None:  # 工业 / 专精特新: only "不是…" says something
            if negated:
                put(name, False if name != "specialized_sme_approved_on" else None, m.group())
            continue
        if last_year and name == "above_scale_industrial" and value is True and not negated:
            if _ALREADY_THEN.search(item) and not _NON_INDUSTRY.search(sentence):
                put(name, True, m.group())  # "去年就是规上了": 规上 since then, and still
                continue
        if last_year and name == "above_scale_industrial":
            _past_scale(segment, sentence, put, negated, value)
            continue
        if isinstance(value, bool):
            stated = value != negated
            if name == "above_scale_industrial" and stated and _NON_INDUSTRY.search(sentence):
                stated = False  # 规上服务业 / 规上 but 做批发: not 规上工业
            put(name, stated, m.group())
            if name == "above_scale_manufacturing" and stated and re.search(r"规上|规模以上", segment):
                put("above_scale_industrial", True, m.group())
        elif not negated:
            put(name, value, m.group())
    if "出口" not in sentence:
        found = _COMMERCE.search(segment) or _SERVICES.search(segment)
        before = segment[: found.start()] if found else ""
        if found and question and not _stated_in_question(before, segment[found.end() :], speaker):
            found = None  # "商贸企业有什么奖励" asks of the category; "我们是商贸企业能拿多少" says it
        # "我儿子开的超市": a relative's or another's business is not the speaker's sector
        if found and not _negated(before) and not _OTHERS.search(before) and not KIN.search(before):
            sector = "commerce" if _COMMERCE.search(segment) else "services"
            put("sector", sector, segment)
            put("above_scale_industrial", False, segment)


_A_NOT_A = re.compile(r"([\u4e00-\u9fff])(?:不|没)\1|属不属于|可不可以|有没有")
# What is to come is not a fact yet: "我们快要入规了", "明年入规", "正在申请入规", "准备今年纳统".
_NOT_YET = re.compile(
    r"快要|快(?=[入纳上进升到就要]|$)|将要|即将|准备|打算|计划|明年|后年|正在申请|申请|争取|力争|希望|想要|如果|假如|要是|预计"
)
# A fact said to be still open after its words: 尚待确认, 有待认定, 还没确认, 正在审核.
_PENDING_AFTER = re.compile(
    r"尚待|有待|待确认|待认定|待核实|待定|还没确认|没有确认|未确认|还没定|还没认定|正在审核|审核中|还在审"
)
_UNSURE = re.compile(
    r"不清楚|不知道|不确定|不晓得|说不准|可能|也许|好像|大概|应该是|应该算|应该也算|估计|听说|据说|不懂|不明白|搞不清"
)
# "签了出口代理协议没有我也不清楚": "…没有" asks, and what the speaker does not know is not stated
_UNKNOWN_AFTER = re.compile(
    r"(?:[^,，。]{0,8}?(?:不清楚|不知道|不确定|不晓得|搞不清|弄不清|说不准|说不清|不太清楚|不大清楚)[了啊呢吧]?$)"
    r"|没有?(?=$|[我你他她吧呢啊])"
    r"|[了的]?吧"  # "应该算制造业吧": a guess
)
_OTHERS = re.compile(
    r"某[\u4e00-\u9fff]{0,6}?(?:企业|公司|厂)|隔壁|附近|旁边|别的(?:企业|厂|公司|单位|人)|别家|其他企业|其它企业|人家|他们|对方|同行|全县|全市|全省|全镇|全乡"
    r"|所有|各家|那家|该企业|该公司|该厂"
    # a unit speaking of one enterprise: "有一家贸易型企业", "城西一家新材料公司"
    r"|(?<![我咱们])(?:有一家|有家|一家)[\u4e00-\u9fff]{0,8}?(?:企业|公司|厂)|(?<![我咱们])(?:有一家|有家|一家)[\u4e00-\u9fff]{0,6}$"
    # "开发区管委会反映，园区供热公司…" (but "我们是园区的企业" is where the speaker is)
    r"|(?<![是在])园区(?:的|里|里的)?(?:那家)?[\u4e00-\u9fff]{0,4}?(?:企业|公司|厂)|(?<![是在我们])园区(?:的|里|里的)?(?:那家)?$"
)


# A copula or a verb of entry negated further back: "不属于2024年一季度新投产…", "未纳入2023年省工业战新…库"
_NEGATE_FAR = re.compile(
    r"(?:不是|不属于|并非|不算)[^,，。、是]{0,12}$"
    r"|(?:未|没|没有|尚未|还没|不曾|从未)(?:有)?(?:被)?(?:纳入|进入|列入|入选|评上|评为|获批|认定|入|进)[^,，。、不没未但却今月]{0,14}$"
)


def _negated(before: str) -> bool:
    """Whether a negation (不是, 没, 未 …) stands right before a cue; 不过 ("but") and 是不是 are not.

    A list item ("出口代理协议 未签 贸易型": items joined by 、) is negated only by its own words."""
    # a question particle closes the clause: "竹木加工厂不是制造业吗我们规上的"
    text = _A_NOT_A.sub("，", re.sub(r"不过|[吗嘛]", "，", before)).rsplit("、", 1)[-1]
    return bool(_NEGATE.search(text) or _NEGATE_FAR.search(text))


def _past_scale(
    segment: str, sentence: str, put: Callable[[str, object, str], None], negated: bool, value: object
) -> None:
    """ "去年是规下，今年刚入规": the past says the enterprise moved up (老上规), not what it is now."""
    was_below = value is False or negated
    now = re.search(r"今年|2024|现在|目前|刚", sentence)
    if was_below and now and re.search(r"入规|上规|上了规|纳统|规上", sentence):
        put("entry_type", "upgrade", segment)


_TOPIC_AFTER = re.compile(
    r"(?:工业|制造业|服务业)?(?:企业|公司)?(?:的|有|要|需要|怎么|如何|可以|能)?"
    r"(?:奖励|政策|标准|条件|补贴|补助|规定|要求|材料|流程|办法|措施|申报|申请|认定|名单|有哪些|奖|补|拿|享受)"
)


def _stated(before: str, after: str, segment: str, sentence: str) -> bool:
    """A cue outside a question states a fact, unless it only names a topic ("规上企业的奖励标准")."""
    return bool(_ASSERT.search(before) or _CONTRAST.search(after) or not _TOPIC_AFTER.match(after))


# Who says it is theirs, in a question: 我们…, and one person's 我是水南的… / 我开了个水泥厂.
_OWN_IN_QUESTION = re.compile(
    r"我们|我司|我公司|本公司|我厂|咱们|咱|我家|本企业|我是|我(?:开|办)(?:了)?(?:个|一个|一家|家)"
)


def _stated_in_question(before: str, after: str, speaker: bool = False) -> bool:
    """ "我们是规上企业能拿多少" states 规上; "我们是新投产企业吗" asks it."""
    if not _OWN_IN_QUESTION.search(before):
        # without 我们, only one who gave their own figures and asks what they can get:
        # "…，规上工业企业能奖励多少" (but "规上企业有什么奖励" may ask about the category)
        if not speaker or not re.match(
            r"(?:工业|制造业)?(?:企业|公司)?(?:能|可以|可)(?:拿|领|得|奖|补|享受)?", after
        ):
            return False
    if _A_NOT_A.search(before):
        return False  # "我们算不算规上企业"
    asked = list(re.finditer(r"想知道|想问|想了解|问一下|问问|请问|咨询|打听", before))
    if asked and not _OWN_IN_QUESTION.search(before[asked[-1].end() :]):
        # "我们想知道规上企业有什么奖励": a category asked about ("…问一下我们去年已经进了统计库" says it)
        return False
    yes_no = _YES_NO.search(after)
    # "我们是规上企业能不能拿奖": the A-not-A asks about getting (能不能), not about the fact
    return yes_no is None or bool(_CAN.search(after[: yes_no.end()]))


_DEADLINE_BEFORE = re.compile(
    r"(?:截止|截至|不晚于|最晚|期限|截止到|限期)(?:日期|时间|日子|日|期)?[^,，。\d]{0,3}$"
)
_ASKED_BEFORE = re.compile(r"(?:是否|是不是|是否是|是否为|难道是)(?:在|为)?$")


def _rule_deadline(value: object, said: str) -> bool:
    """Whether a 复工 date is 第4条's own deadline (parameters.yaml) said with no speaker's words."""
    from calculators.base import param_date

    speaker = OWN_SPEAKER.search(said) or "我是" in said
    return not speaker and value == param_date("m4_resumption_deadline")


def take_dates(
    segment: str, out: Any, seen: set[str], sentence: str = "", pending: str | None = None
) -> None:
    """Dates stated for 复工/专精特新 (out: an Extraction); a rule's date ("3月31日前") is not taken,
    nor an approximate one ("大概2月19号左右"). ``pending``: the date field just asked for, which a
    date alone answers ("正月初十")."""
    for name, cue in DATE_CUES:
        if name == "resumed_on" and re.search(r"给(?:我们|我司|我厂|我公司|咱们)", segment):
            continue  # "给我们供汽的公司2月20号才送上汽": the supplier's date, not the speaker's
        # "我们是省专精特新，2024年2月20日认定的": the date's own segment says 认定, the sentence 专精特新
        named = (
            name == pending
            or cue.search(segment)
            or (
                name == "specialized_sme_approved_on"
                and re.search(r"认定|获批|评上|批(?:的|了|下来|准)|评(?:的|了|下来)", segment)
                and cue.search(sentence)
            )
        )
        if name not in seen and named:
            found = [m for m in (DATE.search(segment), LUNAR_DATE.search(segment)) if m]
            if not found:
                continue
            d = min(found, key=lambda m: m.start())
            if re.match(r"(?:之|以)?[前后](?!后)|起|止|截止|为止", segment[d.end() :]):
                continue  # "3月31日前获批": a rule's date, not the enterprise's
            if _OTHERS.search(segment[: d.start()]):
                # "我们区里那家供热公司二月二十号才复工": another enterprise's date
                out.problems.append(f"「{d.group()}」是其他企业的日期，未记下；请给出贵企业自己的日期")
                out.unsure.append(name)
                continue
            if _DEADLINE_BEFORE.search(segment[: d.start()]):
                continue  # "复工截止 2月17号 含不含", "截止日是否为2月17日": the rule's deadline asked about
            if _ASKED_BEFORE.search(segment[: d.start()]):
                continue  # "复工日是不是2月17日": a date asked about, not stated
            if APPROX_BEFORE.search(segment[: d.start()]) or APPROX_DATE_AFTER.match(segment[d.end() :]):
                said = f"「{d.group()}」是大概的日期，未记下"
                out.problems.append(f"{said}；请给出准确日期（如 2024年2月17日）")
                out.unsure.append(name)
                continue
            iso = _lunar_iso(d) if d.re is LUNAR_DATE else _iso(d.group())
            if iso is None and d.re is LUNAR_DATE:
                out.problems.append(f"「{d.group()}」未采用：农历日期只换算2023、2024年正月，请给出公历日期")
                out.unsure.append(name)
                continue
            try:
                value = parse_field(name, iso or d.group())
                if name == "resumed_on" and _rule_deadline(value, sentence or segment):
                    # "供热 复工 2月17日": the notice's own deadline, with no one saying it is theirs
                    out.problems.append(f"「{d.group()}」是第4条的截止日；请说明贵企业哪天达到复工复产标准")
                    out.unsure.append(name)
                    continue
                if name == "resumed_on" and value.year != 2024:
                    # 第4条 asks when the 2024 restart met the standard; another year's is not it
                    out.problems.append(
                        f"「{d.group()}」未采用：第4条看2024年复工复产的日期，请给出2024年的日期"
                    )
                    out.unsure.append(name)
                    continue
                out.taken.append(Taken(name, value, d.group()))
                seen.add(name)
            except InputError as exc:
                out.problems.append(f"「{d.group()}」未采用：{exc.message}")


# The first day of the first lunar month (春节), for the years the notice speaks of; 正月 has 29 days in both.
_LUNAR_NEW_YEAR = {2023: date(2023, 1, 22), 2024: date(2024, 2, 10)}
_LUNAR_MONTH_DAYS = {2023: 29, 2024: 29}


def _lunar_iso(m: re.Match[str]) -> str | None:
    """正月初八 of 2024 (the notice's year unless 2023/去年 is said) as 2024-02-17."""
    year = int(m.group("year")) if m.group("year") else 2023 if m.group("past") else 2024
    word = m.group("day")
    if word.startswith("初"):
        day = parse_number(word[1:])
    elif word.startswith("廿"):
        day = 20 + (parse_number(word[1:]) or 0)
    else:
        day = parse_number(word)
    if year not in _LUNAR_NEW_YEAR or day is None or not 1 <= day <= _LUNAR_MONTH_DAYS[year]:
        return None
    return (_LUNAR_NEW_YEAR[year] + timedelta(days=int(day) - 1)).isoformat()


_DATE_PARTS = re.compile(
    r"(?:(\d{4})(?:年|-|/|\.))?([\d一二三四五六七八九十]{1,2})(?:月|-|/|\.)([\d一二三四五六七八九十]{1,3})"
)


def _iso(text: str) -> str | None:
    """A date as YYYY-MM-DD; without a year it is the notice's year, 2024 ("2月10号")."""
    short = re.fullmatch(r"(2[34])\.(\d{1,2})\.(\d{1,2})", text)
    if short:  # "24.3.8": 2024-03-08
        return f"20{short.group(1)}-{int(short.group(2)):02d}-{int(short.group(3)):02d}"
    m = _DATE_PARTS.match(text)
    if not m:
        return None
    month, day = parse_number(m.group(2)), parse_number(m.group(3))
    if month is None or day is None:
        return None
    return f"{m.group(1) or 2024}-{int(month):02d}-{int(day):02d}"
