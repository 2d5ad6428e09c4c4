"""Input fields: what each is called, how to ask for it, and how to read people's answers."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from calculators.errors import InputError
from calculators.numbers import parse_number

Kind = Literal["amount", "bool", "date", "optional_date", "int", "enum"]

# 10万亿 of any unit: far above any county enterprise's figure, so a larger one is a typo.
AMOUNT_CEILING = Decimal("1e13")
INT_CEILING = 10_000
DATE_RANGE = (date(2000, 1, 1), date(2100, 12, 31))


class FieldSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    label: str
    question: str
    unit: str
    example: str
    kind: Kind
    # enum: code → accepted words (the first is the label shown to people)
    choices: dict[str, tuple[str, ...]] = {}
    # What "不知道" stands for in a conditional answer, and the sentence that states it.
    assume_if_unknown: bool | str | None = None
    assumption_text: str = ""
    minimum: int | None = None
    maximum: int | None = None


def _f(
    name: str, label: str, question: str, kind: Kind, unit: str = "", example: str = "", **kw: object
) -> FieldSpec:
    return FieldSpec(name=name, label=label, question=question, kind=kind, unit=unit, example=example, **kw)


FIELDS: dict[str, FieldSpec] = {
    f.name: f
    for f in [
        _f(
            "above_scale_industrial",
            "规上工业企业",
            "贵企业是否为规模以上工业企业（已纳入规上统计）？",
            "bool",
            example="是",
            assume_if_unknown=True,
            assumption_text="若贵企业属于规上工业企业",
        ),
        _f(
            "sales_increase_yuan",
            "一季度销售额同比增长额",
            "2024年一季度开票销售额比2023年一季度增长了多少？（也可分别告诉两个季度的销售额）",
            "amount",
            "元",
            "800万",
        ),
        _f(
            "sales_2023q1_yuan",
            "2023年一季度销售额",
            "2023年一季度的开票销售额是多少？",
            "amount",
            "元",
            "4000万",
        ),
        _f(
            "sales_2024q1_yuan",
            "2024年一季度销售额",
            "2024年一季度的开票销售额是多少？",
            "amount",
            "元",
            "4950万",
        ),
        _f(
            "newly_commissioned_2024q1",
            "2024年一季度新投产纳统",
            "贵企业是否为2024年一季度新投产并纳入统计的规上工业企业？",
            "bool",
            example="否",
            assume_if_unknown=False,
            assumption_text="若贵企业不属于2024年一季度新投产纳统企业",
        ),
        _f(
            "above_scale_manufacturing",
            "规上制造业企业",
            "贵企业是否为规模以上制造业企业？",
            "bool",
            example="是",
            assume_if_unknown=True,
            assumption_text="若贵企业属于规上制造业企业",
        ),
        _f(
            "complies_with_industrial_policy",
            "符合国家产业政策",
            "贵企业是否符合国家产业政策等规定？",
            "bool",
            example="是",
            assume_if_unknown=True,
            assumption_text="若贵企业符合国家产业政策等规定",
        ),
        _f(
            "strategic_emerging_2023",
            "纳入2023年省战新产业年报库",
            "贵企业是否纳入2023年省工业战略性新兴产业年报库？",
            "bool",
            example="否",
            assume_if_unknown=False,
            assumption_text="若贵企业未纳入2023年省工业战略性新兴产业年报库（按0.05元/千瓦时计）",
        ),
        _f(
            "power_2023q1_kwh",
            "2023年一季度工业用电量",
            "2023年一季度工业用电量是多少千瓦时（度）？（不含余热发电）",
            "amount",
            "千瓦时",
            "120万度",
        ),
        _f(
            "power_2024q1_kwh",
            "2024年一季度工业用电量",
            "2024年一季度工业用电量是多少千瓦时（度）？（不含余热发电）",
            "amount",
            "千瓦时",
            "150万度",
        ),
        _f(
            "in_county",
            "在县域内使用天然气",
            "贵企业是否在将乐县域内使用天然气？",
            "bool",
            example="是",
            assume_if_unknown=True,
            assumption_text="若贵企业在将乐县域内使用天然气",
        ),
        _f(
            "gas_2024q1_m3",
            "2024年一季度天然气使用量",
            "2024年一季度天然气使用量是多少立方米？",
            "amount",
            "立方米",
            "5万方",
        ),
        _f(
            "specialized_sme_approved_on",
            "获批省专精特新中小企业日期",
            "贵企业何时获批“省专精特新中小企业”？（未获批请答“无”）",
            "optional_date",
            example="2023-12-20",
            assume_if_unknown=None,
            assumption_text="若贵企业未获批“省专精特新中小企业”（按0.5元/立方米计）",
        ),
        _f(
            "heat_supplier",
            "供热企业",
            "贵企业是否为供热企业（集中供汽）？",
            "bool",
            example="是",
            assume_if_unknown=True,
            assumption_text="若贵企业属于供热企业",
        ),
        _f(
            "resumed_on",
            "达到复工复产标准日期",
            "贵企业哪天达到复工复产标准（满足园区企业使用蒸汽要求）？",
            "date",
            example="2024-02-05",
        ),
        _f(
            "continuous_supply_q1",
            "一季度持续生产、持续供汽",
            "一季度是否持续生产、持续供汽？",
            "bool",
            example="是",
            assume_if_unknown=True,
            assumption_text="若贵企业一季度持续生产、持续供汽",
        ),
        _f(
            "in_cultivation_pool",
            "纳入“小升规”培育库",
            "贵企业是否纳入省工业企业供需对接平台“小升规”培育库？",
            "bool",
            example="是",
            assume_if_unknown=True,
            assumption_text="若贵企业已纳入“小升规”培育库",
        ),
        _f(
            "counted_2024",
            "2024年纳统",
            "贵企业是否在2024年纳入规上统计（入规）？",
            "bool",
            example="是",
            assume_if_unknown=True,
            assumption_text="若贵企业2024年纳统",
        ),
        _f(
            "entry_type",
            "入规类型",
            "贵企业是新建投产入规，还是老上规（规下转规上）？",
            "enum",
            example="新建投产入规",
            choices={
                "new_build": ("新建投产入规", "新建投产", "新建", "新投产", "新建入规"),
                "upgrade": ("老上规", "规下转规上", "老企业", "转规"),
            },
        ),
        _f(
            "sector",
            "行业",
            "贵企业属于商贸业还是服务业？",
            "enum",
            example="商贸",
            choices={"commerce": ("商贸业", "商贸", "商业", "贸易"), "services": ("服务业", "服务")},
        ),
        _f(
            "in_statistics_2023q1",
            "2023年一季度入统计库",
            "贵企业是否在2023年一季度入统计库？",
            "bool",
            example="是",
            assume_if_unknown=True,
            assumption_text="若贵企业在2023年一季度入统计库",
        ),
        _f(
            "received_other_award",
            "已享受其他政策奖励兑现",
            "贵企业是否已享受过任何政策奖励兑现？",
            "bool",
            example="否",
            assume_if_unknown=False,
            assumption_text="若贵企业未享受过任何政策奖励兑现",
        ),
        _f(
            "enterprise_status",
            "入库情况",
            "贵企业是当年新入库，还是已在库的老企业？",
            "enum",
            example="新入库",
            choices={
                "new_entry": ("新入库", "新入库企业", "新企业"),
                "existing": ("在库", "在库企业", "老企业", "已在库"),
            },
        ),
        _f(
            "continuous_reporting",
            "持续出数",
            "贵企业是否持续出数（按期报送统计数据）？",
            "bool",
            example="是",
            assume_if_unknown=True,
            assumption_text="若贵企业持续出数",
        ),
        _f(
            "statisticians",
            "统计人员人数",
            "贵企业有几名统计人员？",
            "int",
            "人",
            "2",
            minimum=0,
            maximum=INT_CEILING,
        ),
        _f(
            "months",
            "持续出数月数",
            "统计人员当年持续出数几个月？（1–12）",
            "int",
            "月",
            "12",
            minimum=1,
            maximum=12,
        ),
        _f(
            "exporter_type",
            "出口企业类型",
            "贵企业是生产型出口企业，还是贸易（流通）型出口企业？",
            "enum",
            example="生产型",
            choices={
                "production": ("生产型", "生产型出口企业", "生产"),
                "trade": ("贸易型", "贸易流通型", "流通型", "贸易"),
            },
        ),
        _f(
            "export_2023_usd",
            "2023年出口额",
            "2023年出口额是多少美元？（当年新增出口企业填0）",
            "amount",
            "美元",
            "200万美元",
        ),
        _f("export_2024_usd", "2024年出口额", "2024年出口额是多少美元？", "amount", "美元", "350万美元"),
        _f(
            "has_agency_agreement",
            "与县商务部门签订出口代理协议",
            "贵企业是否与县商务部门签订出口代理协议并按要求开展贸易出口？",
            "bool",
            example="是",
            assume_if_unknown=True,
            assumption_text="若贵企业已与县商务部门签订出口代理协议",
        ),
        _f(
            "fdi_2024q1_usd",
            "2024年一季度实际利用外资",
            "2024年一季度完成实际利用外资多少美元？",
            "amount",
            "美元",
            "350万美元",
        ),
    ]
}

UNKNOWN_WORDS = frozenset({"不知道", "不清楚", "不确定", "不晓得", "不了解", "说不清", "unknown", "?", "？"})
_TRUE = frozenset(
    {"是", "是的", "对", "对的", "有", "属于", "符合", "已", "已经", "y", "yes", "true", "t", "1", "ok"}
)
_FALSE = frozenset(
    {"否", "不是", "不", "不对", "没有", "没", "无", "不属于", "不符合", "未", "n", "no", "false", "f", "0"}
)
_NONE_WORDS = frozenset(
    {"否", "无", "没有", "没", "未获批", "没获批", "未", "null", "none", "不是", "n", "no"}
)
# Units people append to figures; the longest are tried first (千瓦时 before 千).
_UNITS = sorted(
    [
        "元",
        "人民币",
        "块",
        "块钱",
        "美元",
        "美金",
        "usd",
        "$",
        "¥",
        "￥",
        "rmb",
        "度",
        "千瓦时",
        "kwh",
        "kw·h",
        "kw.h",
        "方",
        "立方米",
        "立方",
        "m3",
        "m³",
        "个",
        "人",
        "名",
        "位",
        "个月",
        "月",
    ],
    key=len,
    reverse=True,
)


def is_unknown(raw: object) -> bool:
    return isinstance(raw, str) and unicodedata.normalize("NFKC", raw).strip().lower() in UNKNOWN_WORDS


def _clean(raw: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw)).lower()


def parse_amount(text: object, label: str = "金额", example: str = "800万 或 8000000") -> Decimal:
    """A non-negative amount: "800万", "八百五十万元", "1.2亿", "８００万", "8,000,000", "350万美元"."""
    hint = f"请输入如 {example}"
    if isinstance(text, bool) or text is None:
        raise InputError(None, f"{label}应为数字，{hint}")
    if isinstance(text, int | Decimal):
        value = Decimal(text)
    elif isinstance(text, float):
        value = Decimal(repr(text))  # the figure as written, not its binary approximation
    else:
        s = _clean(str(text))
        if not s:
            raise InputError(None, f"{label}不能为空，{hint}")
        negative = s[0] in "-−负"
        s = s.lstrip("+-−负")
        for unit in _UNITS:
            if s.endswith(unit) and len(s) > len(unit):
                s = s[: -len(unit)]
                break
        number = parse_number(s)
        if number is None:
            raise InputError(None, f"{label}“{text}”不是有效数字，{hint}")
        value = -number if negative else number
    if not value.is_finite():
        raise InputError(None, f"{label}应为有限数字，{hint}")
    if value < 0:
        raise InputError(None, f"{label}不能为负数，{hint}")
    if value > AMOUNT_CEILING:
        raise InputError(None, f"{label}超过10万亿，数值不合理，请检查单位（{hint}）")
    return value


def parse_bool(text: object, label: str = "此项") -> bool:
    """是/否/对/不是/有/没有/y/n/true/false/1/0."""
    if isinstance(text, bool):
        return text
    if isinstance(text, int) and text in (0, 1):
        return bool(text)
    s = _clean(str(text)) if text is not None else ""
    s = s.rstrip("。.!！")
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    if not s:
        raise InputError(None, f"{label}不能为空，请回答“是”或“否”")
    raise InputError(None, f"{label}无法识别“{text}”，请回答“是”或“否”")


_DATE = re.compile(r"(\d{4})(?:[-/.年])(\d{1,2})(?:[-/.月])(\d{1,2})日?|(\d{4})(\d{2})(\d{2})")


def parse_date(text: object, label: str = "日期") -> date:
    """ "2024-03-15", "2024年3月15日", "2024/3/15", "2024.3.15", "20240315"."""
    if isinstance(text, date):
        return text
    s = _clean(str(text)) if text is not None else ""
    if not s:
        raise InputError(None, f"{label}不能为空，请输入如 2024-03-15 或 2024年3月15日")
    m = _DATE.fullmatch(s)
    if not m:
        raise InputError(None, f"{label}“{text}”无法识别，请输入如 2024-03-15 或 2024年3月15日")
    y, mo, d = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
    try:
        day = date(y, mo, d)
    except ValueError:
        raise InputError(
            None, f"{label}“{text}”不存在（没有{y}年{mo}月{d}日），请输入如 2024-03-15"
        ) from None
    if not DATE_RANGE[0] <= day <= DATE_RANGE[1]:
        raise InputError(None, f"{label}“{text}”超出合理范围（2000年至2100年），请检查")
    return day


def parse_int(text: object, label: str, minimum: int | None, maximum: int | None, example: str) -> int:
    if isinstance(text, bool):
        raise InputError(None, f"{label}应为整数，请输入如 {example}")
    value = parse_amount(text, label, example) if not isinstance(text, int) else Decimal(text)
    if value != value.to_integral_value():
        raise InputError(None, f"{label}应为整数，请输入如 {example}")
    n = int(value)
    if (minimum is not None and n < minimum) or (maximum is not None and n > maximum):
        low = minimum if minimum is not None else "—"
        raise InputError(None, f"{label}应在 {low} 到 {maximum} 之间，请输入如 {example}")
    return n


def parse_enum(spec: FieldSpec, text: object) -> str:
    s = _clean(str(text)) if text is not None else ""
    for code, words in spec.choices.items():
        if s == code or s in words or s.removesuffix("企业") in words:
            return code
    options = "、".join(f"{words[0]}（{code}）" for code, words in spec.choices.items())
    if not s:
        raise InputError(None, f"{spec.label}不能为空，请选择：{options}")
    raise InputError(None, f"{spec.label}无法识别“{text}”，请选择：{options}")


def parse_field(name: str, raw: object) -> object:
    """Read one field's answer (raw text or a typed value); InputError names the field."""
    spec = FIELDS.get(name)
    if spec is None:
        raise InputError(name, f"未知字段“{name}”")
    try:
        if spec.kind == "amount":
            example = (
                spec.example if spec.unit != "元" else f"{spec.example} 或 {parse_amount(spec.example):f}"
            )
            return parse_amount(raw, spec.label, example)
        if spec.kind == "bool":
            return parse_bool(raw, spec.label)
        if spec.kind == "date":
            return parse_date(raw, spec.label)
        if spec.kind == "optional_date":
            if raw is None or (isinstance(raw, str) and _clean(raw) in _NONE_WORDS) or raw is False:
                return None
            return parse_date(raw, spec.label)
        if spec.kind == "int":
            return parse_int(raw, spec.label, spec.minimum, spec.maximum, spec.example)
        return parse_enum(spec, raw)
    except InputError as exc:
        raise InputError(name, exc.message) from None
