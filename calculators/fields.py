"""Input fields: what each is called, how to ask for it, and how to read people's answers.

The parsers themselves live in :mod:`calculators.parsing`; they are re-exported here.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from calculators.errors import InputError
from calculators.parsing import (
    AMOUNT_CEILING,
    DATE_RANGE,
    NONE_WORDS,
    clean,
    is_unknown,
    parse_amount,
    parse_bool,
    parse_date,
    parse_int,
)

Kind = Literal["amount", "bool", "date", "optional_date", "int", "enum"]

# More statistics staff than this in one county enterprise is a typo.
INT_CEILING = 10_000


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
            "贵企业是新建投产入规，还是“老上规”企业（通知未下定义，通常指规下转规上）？",
            "enum",
            example="新建投产入规",
            choices={
                "new_build": ("新建投产入规", "新建投产", "新建", "新投产", "新建入规"),
                "upgrade": ("老上规", "规下转规上", "老企业", "转规"),
            },
        ),
        _f(
            "built_2024",
            "2024年新建投产",
            "贵企业是否于2024年新建投产？",
            "bool",
            example="是",
            assume_if_unknown=True,
            assumption_text="若贵企业于2024年新建投产",
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
            "entry_month",
            "入库月份",
            "贵企业是入库当年的几月入库的？（1–12；用于核对按150元计的月数）",
            "int",
            "",  # no unit: "干了10个月" names the months, never the entry month
            "3",
            minimum=1,
            maximum=12,
            # Optional (calc, check, batch): not given, the months are taken as stated, unchecked.
            assumption_text="若入库月份不详、按所填月数计",
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


def parse_enum(spec: FieldSpec, text: object) -> str:
    s = clean(str(text)) if text is not None else ""
    for code, words in spec.choices.items():
        if s == code or s in words or s.removesuffix("企业") in words:
            return code
    options = "、".join(f"{words[0]}（{code}）" for code, words in spec.choices.items())
    if not s:
        raise InputError(None, f"{spec.label}不能为空，请选择：{options}")
    raise InputError(None, f"{spec.label}无法识别“{text}”，请选择：{options}")


@cache  # the hint is the same on every call, and parse_field runs millions of times in a batch
def _amount_example(name: str) -> str:
    spec = FIELDS[name]
    return spec.example if spec.unit != "元" else f"{spec.example} 或 {parse_amount(spec.example):f}"


def parse_field(name: str, raw: object) -> object:
    """Read one field's answer (raw text or a typed value); InputError names the field."""
    spec = FIELDS.get(name)
    if spec is None:
        raise InputError(name, f"未知字段“{name}”")
    try:
        if spec.kind == "amount":
            return parse_amount(raw, spec.label, _amount_example(name), spec.unit)
        if spec.kind == "bool":
            return parse_bool(raw, spec.label)
        if spec.kind == "date":
            return parse_date(raw, spec.label)
        if spec.kind == "optional_date":
            if raw is None or (isinstance(raw, str) and clean(raw) in NONE_WORDS) or raw is False:
                return None
            return parse_date(raw, spec.label)
        if spec.kind == "int":
            return parse_int(raw, spec.label, spec.minimum, spec.maximum, spec.example, spec.unit)
        return parse_enum(spec, raw)
    except InputError as exc:
        raise InputError(name, exc.message) from None


__all__ = [
    "AMOUNT_CEILING",
    "DATE_RANGE",
    "FIELDS",
    "FieldSpec",
    "is_unknown",
    "parse_amount",
    "parse_bool",
    "parse_date",
    "parse_field",
    "parse_int",
]
