"""The words that say what a figure measures, whose it is, which year and period, which direction.

Tables for :mod:`assistant.dialog.extract`, kept apart so they can be read and extended as a list:
each is a cue table, not a sentence. Also how a question is prepared for reading (simplified
characters via OpenCC, NFKC, spaces between words as a list mark).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

from assistant.search.segment import to_mandarin, to_simplified
from calculators.fields import FIELDS
from calculators.quantity import normalise
from corpus.lexicon import load_scope


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
FAMILY_OF_FIELD = {
    name: key
    for key, fam in FAMILIES.items()
    for name in (fam.present, fam.past, fam.increase)
    if name is not None
}
# What a figure measures: the nearest of these words before it (None: a thing no field holds).
# Longer words first where one contains another (电费 before 电, 统计人员 before 人员).
SUBJECTS: tuple[tuple[str | None, str], ...] = (
    (
        None,
        r"电话|手机|号码|热线|传真|余热发电|发电量|发电|电费发票|气费发票"
        # the supplier's invoice is a bill paid: "供气公司发票金额9.3万元" is not sales
        r"|(?:供气|供电|供热|供汽|燃气|电力|供水)(?:公司|单位|局)?(?:的|开的|开具的)?(?:发票金额|发票|开票)|燃气费|天然气费|用气费|用电费|水电费|电费|电价"
        # money paid, not an amount used or sold: "用气花了20万"; 合同外资 is signed, not 实际利用
        r"|花了|花费|花掉|支出|开支|付了|交了|缴了|合同外资|合同利用外资|协议外资|签约外资|合同金额"
        r"|气费|气价|水费|费用|产值|工资|薪资|薪水|工资总额|利润|税收"
        r"|纳税|交税|税款|退税|成本|贷款|融资|投资额|固定资产|投资|奖励|奖金|奖补|补贴|补助|资金|经费|租金|利息|注册资本|订单|库存|产量"
        r"|进口|员工|职工|工人|人员(?<!统计人员)|工作人员|社保|全乡|全镇|全县|乡镇|乡里|镇里|园区|县里|市里|省里",
    ),
    ("staff", r"统计员|统记员|统计人员|报表员|统计专员|统计"),
    ("fdi", r"实际利用外资|利用外资|外资|到资|外商投资|外商"),
    ("export", r"出口额|出口"),
    (
        "sales",
        r"开票销售|开票|发票金额|发票|销售额|销售收入|销售|营收|营业收入|营业额|主营业务收入|主营收入"
        r"|卖了|卖出|收入",
    ),
    # 电 and 气 alone, but not inside another word: 电池, 电脑, 电商 are products; 天气, 暖气 are not gas
    (
        "power",
        r"售电发票|售电|工业用电|用电量|用电|用点|电量|(?<![季年])度电|耗电"
        r"|电(?![脑器子商视梯池机缆线动焊镀瓶路网影车信台邮报容阻极])",
    ),
    (
        "gas",
        r"天然气|天燃气|用气量|用气|气量|燃气|lng"
        r"|(?<![天空暖景生客运力名煤沼氧氮废香底勇志喜])气(?![温候象压球味])",
    ),
)
SUBJECT_RE = re.compile("|".join(f"(?P<s{i}>{p})" for i, (_, p) in enumerate(SUBJECTS)))
# A unit that names one family by itself.
UNIT_FAMILY = {"千瓦时": "power", "立方米": "gas"}

PAST = r"去年|旧年|上年|上一年|2023|23年|23q1|二〇二三|二零二三|二三年|同期|上期"
# A year the notice does not compare (前年 is 2022): its figures are neither 2024's nor 2023's.
OTHER_YEAR = r"大前年|前年|(?<!\d)20(?:1\d|2[0-2])(?!\d)|二〇二[〇一二]|二零二[零一二]"
PRESENT = r"今年|本年|当年|2024|24年|24q1|二〇二四|二零二四|二四年|目前|现在|本期"
# Approximate figures are not stored: "四万立方米左右", "大概", "七八百万", "一百多万".
# The longer words may stand before a verb ("大概报十个月", "估计能用80万度").
APPROX_BEFORE = re.compile(
    r"(?:(?:大概|大约|差不多|估计|预计|大致|将近|接近|可能|也许)[\u4e00-\u9fff]{0,2}|约[为是有合莫摸]?|近|应该有)$"
)
APPROX_AFTER = re.compile(r"左右|上下|来|多|出头|不到|以内|吧")  # "去年是80万度吧": a guess
# A plan, a target or next year's figure is not what happened: "计划一季度销售5000万", "明年一季度".
PLANNED = re.compile(r"计划|目标|打算|预计|预期|争取|力争|明年|后年|下个?季度")
# A figure heard from someone: "听镇里说全镇外资800万美元", "据说" — not the person's own knowledge.
HEARSAY = re.compile(
    r"听(?:[^,，。\d]{1,6})?(?:说|讲)|据说|传言|有人说|别人说|人家说"
    # an official telling the caller ("现任镇长跟我讲"); a son or the accountant telling is the
    # enterprise's own
    r"|(?:镇长|乡长|书记|干部|领导|主任|局长|科长)(?:跟|和|同|对)我(?:讲|说)"
)
# A speaker no longer in office ("我是镇里的老干部，小年轻说外资到了400万美元"): a township's figure
# told to them is heard, not the township's own report.
RETIRED = re.compile(
    r"老干部|退休|退下来|退了休|离休|以前在(?:镇|乡)|(?:现在|已经|早就)退了|以前的[^,，。]{0,4}干部"
)
# A relative: what is said of them is not the speaker's ("我女儿是统计员"), and a township's 外资
# they tell ("我儿子在乡里管招商，他说他们乡…") is heard, as a retired official's is.
KIN = re.compile(r"女儿|儿子|闺女|亲戚|朋友|兄弟|姐妹|哥哥|弟弟|姐姐|妹妹|老公|老婆|爱人|父母|爸|妈|舅|叔|姨")
KIN_TELLS = re.compile(r"(?:" + KIN.pattern + r")[^。!！?？]{0,20}?(?:说|讲)")
# Money in another currency: "不过是港币" — neither 元 nor 美元.
FOREIGN_CURRENCY = re.compile(r"港币|港元|港纸|hkd|欧元|日元|韩元|台币|新台币|英镑|卢布|泰铢")
INCREASE_AFTER = re.compile(r"多了|多出|来的|来自")
INCREASE = (
    r"增长|增加|增量|多了|多出|多卖|涨了|上涨|提高|提升|新增(?!出口企业|企业|的企业|出口的企业)|增了|多用|同比多|增幅"
    r"|比(?:去年|上年)(?:同期|一季度)?多"
    # the one-character verb right before the figure: "同比增620万" (not 增值税)
    r"|同比增(?!值)|增$"
)
DECLINE = (
    r"下降|减少|少了|降了|降低|下滑|减了|跌了|下跌|掉了|回落|缩水|少卖|少用|负增长|萎缩"
    r"|比(?:去年|上年)(?:同期|一季度)?少"
    r"|同比[降减](?![少低])|[降减]$"  # "同比降300万"
)
TO = r"(?:涨|增|增长|增加|提高|提升|升|上升|降|下降|减少|减|跌|变)(?:了)?(?:到|至)|到了|变成|变为"
# "她一个人忙不过来": 一个人 right after a person is "by herself", how busy, not how many;
# "就我一个人", "只有小林一个人" say there is one.
BY_ONESELF = re.compile(r"(?:我|你|他|她|自己|[小老阿][\u4e00-\u9fff])$")
# ("就我老婆一个人", "只有我侄女一个人": a relative named after 我 is the one person too)
ONLY_ONE = re.compile(
    r"(?:就|只|只有|仅|仅有|光)(?:我|他|她)?(?:自己|[小老阿][\u4e00-\u9fff]|"
    + KIN.pattern
    + r"|侄女|侄子|外甥女|外甥)?$"
)
ROLE = re.compile(
    rf"(?P<to>{TO})|(?P<from>从|由)|(?P<decline>{DECLINE})|(?P<increase>{INCREASE})"
    rf"|(?P<other_year>{OTHER_YEAR})|(?P<past>{PAST})|(?P<present>{PRESENT})"
)
# Other periods than the first quarter (or, for export, than a whole year).
NOT_Q1 = re.compile(
    r"全年|一年|年度|每年|每月|月均|一个月|上半年|下半年|[二三四2-4]季度|前[两二三3]年|上个月|这个月|本月|当月"
    # a year's or a day's rate: "年销售额3000万", "日均用电1万度" (2024年销售 is the year named)
    r"|(?<![今去本上明当同前全每\d一二三四五六七八九十〇零])年(?=销售|营收|营业|开票|用电|用气|产值|用量|均)"
    r"|日均|每天|每日|一天|天均|年均"
    r"|(?<![镇乡村街])上个?季度|(?<![镇乡村街])上一季度|年初|至今|到现在|截至目前|截止目前|累计|今年以来"
    r"|(?:前|头|最初)(?:[一两二12]|一两)个?月|月段"  # 月段: a month range masked by extract
    # two years together: "2022年和2023年加起来卖了一千二百万"
    r"|(?:20\d\d|去年|前年|今年)年?(?:和|与|跟|加|、)(?:20\d\d|去年|前年|今年)年?"
)
# Part of a year: an export figure (a whole year's) said so is not the year's ("今年到目前出口150万美元").
PART_YEAR = re.compile(
    r"到目前|目前为止|至今|到现在|截至|截止|累计|今年以来|月段|上半年|下半年|每月|月均|一个月"
    r"|[前头](?:[一两二三12]|一两)个?月|[二三四2-4]季度"
)
Q1 = re.compile(r"一季度|1季度|第一季度|q1|[1一]月?份?[-—~至到][3三]月|前三个月|头三个月")
# One month of the year ("2月", "三月份"), not the quarter: "1-3月" is the quarter.
# "2月800万" is a month and a figure; "2月15日", "2月15开票" are dates.
ONE_MONTH = re.compile(
    r"(?<![-至到\d一二三])(?:[1-9]|1[0-2]|[一二三四五六七八九十]|十[一二])月份?"
    r"(?![日号])(?!\d{1,2}(?:日|号|$|[^\d万千百亿.,]))"
)
# The figure is a total with another enterprise's: "3000万，包括子公司", "和隔壁厂加起来".
_ANOTHER_ENTITY = (
    r"(?:子公司|分公司|分厂|集团|母公司|关联|隔壁|(?:其他|其它|别的)(?:的)?(?:企业|公司|厂|工厂|单位))"
)
SHARED_AFTER = re.compile(
    rf"(?:包括|包含|含|连同|加上|算上)(?:了)?{_ANOTHER_ENTITY}"
    rf"|(?:和|跟|与){_ANOTHER_ENTITY}[^,，。]{{0,8}}(?:加起来|合计|一共|总共|加在一起)"
)
# A bound or a rate, not the enterprise's own figure: "增长500万以上", "超过5000万的企业", "每度".
BOUND_AFTER = re.compile(
    r"(?:及|或)?(?:以上|以下|以内|之内|上下|多少|起|封顶|为限|的企业|的公司|的厂|每|/(?!\d))"
    # a price after the figure: "一方五毛", "一度电8毛" — a rate, not an amount used
    r"|(?:给|补|奖|算)?[零〇一二两三四五六七八九十\d.]+(?:毛|角|分钱)|(?:给|补|奖|算)[零〇一二两三四五六七八九十\d.]+(?:块钱?|元)"
    r"|就能|才能|就可以|才可以|就有|才有|就行|就够|即可"
)
BOUND_BEFORE = re.compile(
    r"(?:超过|超|不到|不足|不满|达到|至少|最少|最多|(?<![干做报])满|每[人月年度方个家]{0,3}|还差|只差|就差|差|低于|高于|大于|小于|百分之|百分"
    r"|突破|破了|过了|最高|最低|含|给予|再给予|奖励|奖|补贴|补助|补|返还|退还|退"
    # a figure asked about, not stated: "够不够500万", "到没到100万美元"
    r"|够不够|够没够|到没到|到不到|达没达到|超没超过|过没过|满没满|够"
    # a price before it: "按一块钱一方算" — per cubic metre, not one cubic metre used
    r"|(?:元|块|毛|角|分)钱?/?(?:一个?人|每人|每个人)?)$"
)
# A year said right after the figure: "350万美元是去年的事".
# (not when it begins the next figure: "开票3200万去年同期2600万")
PAST_AFTER = re.compile(
    r"(?:是|为|都是)?(?:去年|上年|2023年?)(?:的|同期)"
    r"(?!(?:是|为|有|:)?(?:[¥￥$]|usd|us\$|rmb|美金|美元|人民币)?[\d零〇一二两三四五六七八九十百千])"
)
# Later words that re-date the figure before them: "用气2万方，不过那是去年一季度的".
REDATED_PAST = re.compile(
    r"^[^\d。;；!！?？]{0,6}?(?:不过|但是|但|可是|可|其实)[,，\s]*(?:那|这)(?:个|些)?(?:都|还)?是(?:去年|上年|2023年?)"
)
# "…350万美元，是全县的": a total said to be the county's or township's.
OWNER_AFTER = re.compile(r"是(?:全|整个)?(?:县|乡|镇|园区|市)(?:里)?的|(?:全|整个)(?:县|乡|镇)的")
# The notice's own wording pasted in ("对…的规上工业企业给予奖励"): its categories are not the
# enterprise's facts unless the speaker says "我们".
# "符合国家产业政策的规上制造业企业" describes the enterprise: the notice says "对…的规模以上…".
RULE_TEXT = re.compile(
    r"给予|予以|不予|单家企业|每家|最高不超过|(?<!政策)的规上|(?<!政策)的规模以上|(?<!规模)以上的"
    r"|对(?![接象面方比])[^,，。]{0,30}的"
)
# "是不是销售4500万就能…": a figure after 是不是, without the speaker's own words, is a condition.
YES_NO_FIGURE = re.compile(r"是不是|是否")
OWN_SPEAKER = re.compile(r"我们|我司|我公司|本公司|我厂|我家|咱们|咱|本企业|厂里")
# Whose figure: a township's or the county's total is not the enterprise's.
OTHER_OWNER = re.compile(
    r"(?:(?:我们|本|全|该)(?:镇|乡)|全县|全市|全省|乡镇|乡里|镇里|镇上|园区|开发区|工业园|县里|市里|省里|全区)"
    # a place's enterprises ("全县规上企业", "镇上的企业"): the noun is the place's, not the speaker's
    r"(?:上|里)?(?:的)?(?:所有|全部|各|那些)?(?:的)?(?:规上|规模以上|限上|工业|制造业)?(?:企业|公司|工厂|厂家|厂子|厂)?"
    # "他们厂", "人家公司": the noun swallowed, so that 厂 does not read as the speaker's own
    r"|别的企业|其他企业|(?:人家|他们|她们|别人)(?:的)?(?:企业|公司|工厂|厂里|厂子|厂家|厂|单位)?|客户"
    # another enterprise, its noun swallowed so that 厂/公司 does not read as the speaker's own
    # ("隔壁老王厂里": the neighbour's name and noun swallowed too)
    r"|(?:隔壁|隔篱|别家|同行|邻居|对面|附近|旁边|周边|周围)(?:[\u4e00-\u9fff]{0,3}?(?:的)?(?:企业|公司|厂里|工厂|厂家|厂|家))?"
    # ...and the name after 那家 ("隔壁那家竹筷厂"), not the speaker's (我们厂)
    r"(?:(?:(?!我|咱)[\u4e00-\u9fff]){0,4}?(?:企业|公司|工厂|厂))?"
    r"|(?:兄弟|关联|合作|友商)(?:公司|企业|单位|工厂|厂家|厂)|供应商|上游|下游"
    # a unit speaking of an enterprise: "那家企业", "园区里那家纸业公司", "该公司"
    r"|那家[\u4e00-\u9fff]{0,4}?(?:企业|公司|厂)|那家|该企业|该公司|该厂"
    # "供电公司查了，这家化工企业…", "某纺织公司": a unit speaking of one enterprise
    r"|(?<!我们)(?<!咱们)(?<!我)这家[\u4e00-\u9fff]{0,4}?(?:企业|公司|厂)|某[\u4e00-\u9fff]{0,6}?(?:企业|公司|厂)"
    # "有一家贸易型企业", "有家建筑公司", "一家物流企业": one enterprise a unit speaks of
    r"|(?<![我咱们])(?:有一家|有家|一家)[\u4e00-\u9fff]{0,8}?(?:企业|公司|厂)"
    r"|(?:其他|其它|别的)(?:厂|公司|工厂|厂家)"
    # another legal entity of a group: its figures are not this enterprise's own
    r"|子公司|分公司|分厂|母公司|总公司|集团"
    # a total over many enterprises ("所有企业加起来", "园区5家企业"), not one enterprise's own
    r"|所有(?:的)?企业|全部(?:的)?企业|各(?:家)?企业|(?:\d+|[两三四五六七八九十几多]+)家(?:企业|公司|工厂|厂)"
)
# A figure supposed, not stated: "如果一季度销售增长600万", "要是能到3000万", "比方说开票3000万".
HYPOTHETICAL = re.compile(
    r"如果|假如|假设|假若|倘若|若是|(?<![主需只重必])要是|万一|比方|比如|打比方|准备|希望|想要|如能|能到|能达到"
)
# ...and a condition said earlier in the same sentence governs the figures after it ("如果去年是2500万").
CONDITION = re.compile(r"如果|假如|假设|假若|倘若|若是|(?<![主需只重必])要是|万一")  # not 主要是
# A household or a person is not an enterprise: "我家一季度用电三千度" is a home's meter. 我家 also
# opens an enterprise's own words ("我家开的批发店", "我家厂子"), so an enterprise word cancels it.
HOUSEHOLD = re.compile(
    r"我家|我们家|家里|家庭|家用(?!电器|器|品)|居民|住户|自己家|民用|(?<![\d一二两三四五六七八九十几每各])个人(?!所得)"
)
ENTERPRISE_WORD = re.compile(
    r"企业|公司|厂|店|商场|超市|车间|门市|单位|生意|经营|规上|规下|纳统|入规|统计员|统计人员|供热|锅炉|出口"
    # what only a business speaks of: "我们做家用电器的，一季度开票…"
    r"|生产|制造|加工|开票|销售|营收|营业额|产值|员工|工人|客户"
    # a trade said of the house: "我们家是做竹凉席的" is a family business
    r"|(?:我们|我家|我们家|咱家|咱们家)(?:是)?(?:做|搞|干|开)[\u4e00-\u9fff]{1,8}的"
)


@cache
def _other_places() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """scope.yaml's other places (泰宁, 沙县, 厦门 …) and the words that cancel them (将乐)."""
    signal = load_scope()["other_place"]
    extra = {"外县", "外地", "外省", "外市", "别的县", "其他县", "其它县", "邻县", "隔壁县", "周边县"}
    words = sorted({*signal.words, *extra}, key=len)
    return (
        re.compile("|".join(map(re.escape, reversed(words)))),
        re.compile("|".join(map(re.escape, signal.unless))),
    )


@cache
def _personal_trade() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """scope.yaml's personal trade ("我个人开网店", 微商), even with 店 or 卖 in it, and the enterprise
    words that cancel it (the search's list, and 纳统/入库 that only an enterprise says)."""
    signal = load_scope()["personal_trade"]
    cancel = [*signal.unless, "纳统", "入库"]
    return (
        re.compile("|".join(map(re.escape, sorted(signal.words, key=len, reverse=True)))),
        re.compile("|".join(map(re.escape, cancel))),
    )


def other_places() -> re.Pattern[str]:
    """Places other than 将乐 (scope.yaml's other_place, 外县 …)."""
    return _other_places()[0]


# A named place's enterprise ("三明市的企业", "浙江那边的厂"): 将乐 itself is cancelled by scope.yaml.
_PLACE_ENTERPRISE = re.compile(
    r"(?:(?![\u4e00-\u9fff]?[我咱们本全该这那某外邻])[\u4e00-\u9fff]{2}(?:省|市|县)|江西|浙江|广东|江苏|湖南|湖北|安徽|山东|河南|四川|广西|贵州|云南|台湾)"
    r"(?:那边|那里|那儿)?的(?:企业|公司|工厂|厂家|厂子|厂)"
)


def outside_subject(text: str) -> str | None:
    """Why the figures of ``text`` belong to no enterprise of this county, or None.

    Said back when a figure is left out: the notice rewards 将乐's enterprises, not a household,
    a person or another county's enterprise ("泰宁县的企业用气5万方").
    """
    if HOUSEHOLD.search(text) and not ENTERPRISE_WORD.search(text):
        return "听起来是家庭或个人的数字，本通知只奖补企业"
    personal, enterprise = _personal_trade()
    if personal.search(text) and not enterprise.search(text):
        return "听起来是个人的经营（个人网店、个体），本通知只奖补企业"
    places, own = _other_places()
    place = places.search(text) or _PLACE_ENTERPRISE.search(text)
    # "我们厂在邻县明溪，用气3万方" is the speaker's own figure (in_county says where it was used)
    if place and not own.search(text) and not OWN_SPEAKER.search(text):
        return f"说的是{place.group()}的数字，本通知只管将乐县的企业"
    return None


ENTERPRISE_SPEAKER = re.compile(
    r"我们是一家|我们是.{0,4}企业|我们企业|我们公司|我们厂|我司|我厂|本公司|我公司|我们这家"
    # the owner or manager of an enterprise speaking: "我是企业老板", "我是厂长"
    r"|我是.{0,4}(?:企业|公司|厂)的?(?:老板|负责人|厂长|经理|会计|财务)|我是(?:老板|厂长)"
    r"|我是(?:企业|公司|厂)(?:里)?的|我(?:在|是)(?:企业|厂里|公司)(?:上班|工作)"
)
# ...unless the speaker is the township (第9条's subject): "我是镇里负责招商的".
TOWNSHIP_SPEAKER = re.compile(r"我是(?:镇|乡)|我在(?:镇|乡)|我们(?:镇|乡)政府|我是.{0,6}招商|乡镇干部我")
# A power figure that includes 余热发电 is not the industrial power the notice counts.
# 余热发电 as a part of a power figure ("其中30万度是余热发电", "余热发电占了30万度") makes it uncertain,
# unless it is said to be left out ("不含余热发电", "扣除余热发电后"); "余热发电200万度，工业用电150万度"
# gives two figures, not a part.
WASTE_HEAT_PART = re.compile(
    r"(?<![不未没])(?:其中|包括|包含|含|里面|里头|里边|当中|内含)(?:有|了)?(?:余热|自发电|发电)"
    r"|其中[^,，。]{0,8}(?:余热|自发电)|(?:余热|自发电)[^,，。]{0,4}(?:占|有)"
    r"|(?:余热|自发电)[^,，。]{0,4}(?:含在|包含在|算在|包括在)"  # "余热发电含在里面"
)
WASTE_HEAT_LEFT_OUT = re.compile(
    r"(?:不含|不包括|未含|没含|不算|除去|扣除|扣掉|减掉|减去|刨去|刨除|去除|去掉|剔除|除了|除)[^,，。]{0,3}(?:余热|自发电)"
)
# 度 is a temperature beside how cold or hot it is ("今天好冷啊才2度"), never kWh.
WEATHER = re.compile(
    r"天气|气温|温度|摄氏|热死|冷死|冻死|高温|低温|发烧|体温|(?<![季年])度数|零下|降温|升温"
    r"|(?:好|太|真|很|挺|蛮|这么|那么)(?:冷|热)|(?:冷|热)(?:啊|呀|得很|得要命)"
)
# A bare 企业 after another owner is the speaker's own ("园区那边，我们厂…" aside), unless a total
# follows it: "园区一季度企业总共用气120万方" is the park's enterprises together.
OWN = re.compile(
    r"我们|我司|我公司|本公司|我厂|我家|咱们|咱|本企业|我单位"
    r"|(?<!家)(?:企业|公司|厂)(?!们|[^,，。]{0,2}?(?:总共|一共|合计|共计|总计|加起来|累计|加在一起))"
)
MONTH_CUE = re.compile(r"出数|报数|报表|统计|干了|做了|持续|连续|工作了|干满|做满|报满|报了")
# A sentence about the statisticians' award: a count of months in it is the months reported
# ("一个统计员，八个月", "入库当年９个月", "全年十二个月").
MONTH_CONTEXT = re.compile(r"统计员|统记员|统计人员|报表员|入库当年|入库|出数|报数")
NOT_MONTH = re.compile(r"投产|成立|开业|建成|开工|试产|停产")
# Months missed or a monthly rate, not months reported: "有两个月没报数", "一个月150元".
MONTH_GAP_AFTER = re.compile(
    r"(?:都|就|也|是)?(?:没|未|不|断|停|漏|缺|空)|[零〇一二两三四五六七八九十百千\d.]+(?:块|元)"
    # a monthly rate asked about: "一个月能拿多少", "一个月给几百"
    r"|(?:能|可以|可|会|该)(?:拿|领|得|发|给|补|奖)|(?:拿|领|发|给|补|奖)(?:多少|几)"
    # a monthly pay: "一个月工资一千二"
    r"|(?:的)?(?:工资|薪水|薪资|补助|补贴|奖励|奖金|收入)"
)
SEGMENT = re.compile(r"(?<!\d),|,(?!\d)|[。;；!！?？\n()（）【】\[\]]")
# Month ranges ("1-3月", "一到三月") are masked with dates so that their digits are not figures.
MONTH_RANGE = re.compile(
    r"\d{1,2}月?份?[-—~至到]\d{1,2}月份?|[一二三四五六七八九十]{1,2}月?份?[-—~至到][一二三四五六七八九十]{1,2}月份?"
)
DATE = re.compile(
    r"(?:\d{4}(?:年|-|/|\.))?\d{1,2}(?:月|-|/|\.)\d{1,2}(?:日|号)|\d{4}(?:-|/|\.)\d{1,2}(?:-|/|\.)\d{1,2}"
    r"|(?:\d{4}年)?[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}(?:日|号)"
    # a two-digit year of the notice's period, as forms are dated: "24.3.8获批"
    r"|(?<![\d.])2[34]\.(?:1[0-2]|0?[1-9])\.(?:3[01]|[12]\d|0?[1-9])(?![\d.])"
)
# A day of the first lunar month ("正月初八", "2024年大年初十", "农历正月十五"): the notice's own
# deadline is written so (2024年2月17日（正月初八）).
LUNAR_DATE = re.compile(
    r"(?:(?P<year>\d{4})年|(?P<past>去年|上年))?(?:农历)?(?:正月|大年)"
    r"(?P<day>初[一二三四五六七八九十]|十[一二三四五六七八九]|二十|廿[一二三四五六七八九]|三十)(?:日|号)?"
)
# Words that make a date approximate: "大概正月初十左右", "2月20号前后".
APPROX_DATE_AFTER = re.compile(r"左右|前后|上下|那几天|那阵|附近")
DATE_CUES = (
    # 供汽 under way again: "把汽供上了", "开始送汽", "锅炉点火"
    (
        "resumed_on",
        re.compile(
            r"复工|复产|开始供汽|恢复供|(?:蒸汽|汽|热)(?:就|也)?(?:供|送)上|(?:供|送)上(?:了)?(?:蒸)?汽|开始送汽|开炉|点火"
            r"|(?:炉子|锅炉)(?:才|就|也)?(?:点|烧)(?:起来|着|上)|点炉|点的炉|点了炉|生火"
            r"|(?:供|送)(?:蒸)?汽(?:是|在)?[^,，。]{0,10}(?:恢复|开始|重新)"
            r"|(?:恢复|重新)(?:给[^,，。]{0,8})?(?:供|送)(?:蒸)?汽"  # "恢复给园区送蒸汽"
        ),
    ),
    ("specialized_sme_approved_on", re.compile(r"专精特新")),
)


def simplified(text: str) -> str:
    """Traditional characters as simplified (銷售額 → 销售额): the search's one converter."""
    return to_simplified(text)


# Spaces between words separate them like a list mark ("规上工业 县内", "24Q1 4000万"); next to
# a figure they are layout ("2024 年", "增长 1200万", "1 200", "USD 2,000,000").
_WORD_SPACE = re.compile(
    r"(?<=[\u4e00-\u9fff])\s+(?=[^\d\s])|(?<=[^\d\s])\s+(?=[\u4e00-\u9fff])|(?<=[a-zA-Z][\d³²])\s+(?=\d)"
    r"|(?<=[万亿千百十度方元人名个月])\s+(?=\d)"
    # a figure then a space then words: "¥36,500,000 去年同期¥31,200,000" (not "3 千万", "2023 年")
    r"|(?<=\d)\s+(?=[\u4e00-\u9fff])(?![千万亿百十年月日号元度方个人名位美块])"
    # between digits a space is a thousands group ("1 200") only before three digits; after a
    # year ("2023 80万美元", "2024 150万") it is a separator
    r"|(?<=(?<![\d,.])20[12]\d)\s+(?=\d)|(?<=\d)\s+(?=\d)(?!\d{3}(?:\D|$))"
    # a digit and a Chinese digit are never one number: "2023Q1 二千八百万" (but "3 千万" is 3千万)
    r"|(?<=\d)\s+(?=[零〇一二两三四五六七八九])"
)


_SPLIT_NATONG = re.compile(r"纳(?:了|的)统")
_FIRST_QUARTER = re.compile(r"(?:第一季|首季)(?!度)")
_COMMA_BEFORE_YEAR = re.compile(r"(?<=\d),(?=20[12]\d(?:年|-|/|\.))")
_FULL_COMMA = re.compile(r"(?<=[\d０-９])，(?=[\d０-９])(?![\d０-９]{3}(?![\d０-９]))")


# A unit written once for the figures after it, as forms and tables do: "24Q1销售(万元) 12,000",
# "用电(kWh)：2023一季度 860,000；2024一季度 970,000", "用电 万度：48.5", "出口美金：去年二百五十万".
_HEADER_UNIT = re.compile(
    r"[(（](?P<a>万元|亿元|元|万美元|美元|美金|万千瓦时|千瓦时|万度|度|kwh|万立方米|立方米|万方|方|m3)[)）]"
    r"|(?<![\d万亿千百十零〇一二两三四五六七八九])(?P<b>万元|万美元|美元|美金|万千瓦时|千瓦时|万度|kwh|万立方米|立方米|万方|m3)"
    r"(?=[:：、]|去年|今年|上年|本年|20[12]\d)"
)
# (ends at a new header, a table column "|", or a new clause ",", "。")
_HEADER_END = re.compile(r"[|｜。\n]")
# the families a header's unit can measure: its figures end where another family's word begins
_HEADER_FAMILIES = (
    ("美", {"export", "fdi"}),
    ("元", {"sales"}),
    ("度", {"power"}),
    ("千瓦时", {"power"}),
    ("kwh", {"power"}),
    ("方", {"gas"}),
    ("m3", {"gas"}),
)
_BARE = re.compile(
    r"(?<![\d.,第/-])(?:\d+(?:[.,]\d+)*(?:万|亿)?"
    r"|[零〇一二两三四五六七八九十百千万亿]*[十百千万亿][零〇一二两三四五六七八九十百千万亿]*)"
)
# not a figure of the header's: a year, a quarter, a date, a count, a percentage, or one with its own unit
_NOT_HEADED = re.compile(
    r"[年月日号%]|[一二三四1-4]?季度|q|个|人|家|次|倍|万|亿|元|美|度|方|千瓦时|立方|kwh|m3|w|k"
)


def _family_of_match(m: re.Match[str]) -> str | None:
    return SUBJECTS[int(next(k for k, v in m.groupdict().items() if v is not None)[1:])][0]


def header_units(text: str) -> str:
    """Each bare figure after a header unit, written with that unit ("(万元) 12,000" → "12,000万元")."""
    if not _HEADER_UNIT.search(text):
        return text
    out, pos = [], 0
    for h in _HEADER_UNIT.finditer(text):
        if h.start() < pos:
            continue
        unit = h.group("a") or h.group("b")
        unit = "美元" if unit == "美金" else unit
        families = next(f for key, f in _HEADER_FAMILIES if key in unit)
        other = next(
            (m for m in SUBJECT_RE.finditer(text, h.end()) if _family_of_match(m) not in families), None
        )
        found = (_HEADER_END.search(text, h.end()), _HEADER_UNIT.search(text, h.end()), other)
        ends = [m.start() for m in found if m]
        stop = min(ends, default=len(text))
        # a bracketed header is dropped once applied: its brackets would split the sentence's parts
        out.append(text[pos : h.start()] if h.group("a") else text[pos : h.end()])
        region, cursor = text[h.end() : stop], 0
        for n in _BARE.finditer(region):
            word = n.group()
            if _NOT_HEADED.match(region, n.end()) or re.fullmatch(r"20[12]\d", word):
                continue
            if re.fullmatch(r"\d{1,2}", word) and re.match(r"[-/.]\d", region[n.end() :]):
                continue  # a date's month ("2/9")
            if unit.startswith("万") and re.search(r"[万亿]", word):
                continue  # "(万元) 1200万": said twice; left as written
            out.append(region[cursor : n.end()] + unit)
            cursor = n.end()
        out.append(region[cursor:])
        pos = stop
    out.append(text[pos:])
    return "".join(out)


def prepare(text: str) -> str:
    """The form a question is read in: simplified, Cantonese words as Mandarin (冇 → 没有, 咗 → 了),
    pinyin typos as the dictionary word, NFKC, lower case, spaces between words as commas."""
    from assistant.search.typos import correct_typos  # jieba's tokenizer: the search has it loaded

    text = correct_typos(to_mandarin(simplified(text)))  # 专经特新 → 专精特新, 于热发电 → 余热发电
    # a full-width comma after a figure is a separator, not a thousands mark: "USD 2,460,000，2024年…"
    # (unless three digits follow, as a full-width keyboard writes 1，650万)
    text = _FULL_COMMA.sub("、", text)
    text = _COMMA_BEFORE_YEAR.sub("、", text)  # "USD 2,450,000,2024年度…": a year begins the next item
    text = _SPLIT_NATONG.sub("纳统", text)  # "二月份就纳了统": one word for every cue
    text = _FIRST_QUARTER.sub("第一季度", text)  # Taiwan and Hong Kong say 第一季 (首季) for the quarter
    text = text.replace("旧年", "去年")  # 舊年 (Cantonese, Hakka): last year
    text = text.replace("俩", "两个")  # "统记员俩人", "统计的就俩"
    return header_units(normalise(_WORD_SPACE.sub("、", text.strip())))


def subject_of(words: str, last: bool = True) -> tuple[str | None, int] | None:
    """(family or None for a thing no field holds, position) of the nearest subject word."""
    found = list(SUBJECT_RE.finditer(words))
    if not found:
        return None
    m = found[-1] if last else found[0]
    index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
    return SUBJECTS[index][0], m.start()


# ...nor "从发票上算了是…", "从账上看": 从 a source of the figure
_MONTH_AFTER_FROM = re.compile(
    r"月段|一季度|#|[\d一二三四五六七八九十]{1,2}月|年初|今年年初"
    r"|[^\d,，。]{0,8}?(?:上|里|中)(?:面)?(?:看|算|查|统计|显示|写)"
)


def families_said(words: str) -> list[str | None]:
    """The families of every subject word in ``words``, left to right."""
    return [
        SUBJECTS[int(next(k for k, v in m.groupdict().items() if v is not None)[1:])][0]
        for m in SUBJECT_RE.finditer(words)
    ]


def role_of(before: str) -> str | None:
    """The year or direction from the words before a figure in its segment: the nearest cue wins."""
    # "从1月到10月" (masked as 月段 or 一季度), "从三月开始": a span of months, not "from last year's figure"
    found = [
        m
        for m in ROLE.finditer(before)
        if not (m.lastgroup == "from" and _MONTH_AFTER_FROM.match(before, m.end()))
    ]
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


def family_of(name: str) -> str | None:
    """The kind of figure a field holds ("sales", "power" …), None for yes/no and choice fields."""
    return FAMILY_OF_FIELD.get(name)


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def field_for_words(words: str, prefer: Collection[str] = ()) -> str | None:
    """The field a person names ("销售额", "统计员", "去年用电"), for "X改成Y"; known fields win."""
    words = normalise(words)
    if not words:
        return None
    subj = subject_of(words)
    role = role_of(words)
    if subj is not None and subj[0] is not None:
        fam = FAMILIES[subj[0]]
        by_role = {"past": fam.past, "increase": fam.increase, "present": fam.present}
        if by_role.get(role):
            return by_role[role]
        options = [n for n in (fam.increase, fam.present, fam.past) if n]
        known = [n for n in options if n in prefer]
        return known[0] if known else options[0]
    if role in ("past", "present", "increase"):
        # "去年改成4200万": the year alone names the field of the one kind of figure already known
        by_role = {
            getattr(FAMILIES[key], role) for n in prefer if (key := FAMILY_OF_FIELD.get(n)) is not None
        } - {None}
        if len(by_role) == 1:
            return by_role.pop()
    ctx = _bigrams(words)
    best: tuple[tuple[int, int], str] | None = None
    for name, spec in FIELDS.items():
        overlap = len(ctx & _bigrams(spec.label + spec.question))
        if overlap and (best is None or (1 if name in prefer else 0, overlap) > best[0]):
            best = ((1 if name in prefer else 0, overlap), name)
    return best[1] if best else None
