"""What a batch file says about the whole list: the total's caveats per row, and for XLSX the
summary, near-miss and validity sheets an outreach team reads first.

Every figure is the calculators' own (``Estimate``); this module only counts, sums and sorts.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from calculators import get_measure
from calculators.base import param
from calculators.models import Estimate
from corpus import load_notice

NEAR_MISS_LIMIT = 500  # rows kept for the near-miss sheet (the closest; memory stays flat)
_RULE_TEXT = "按原规则测算，仅供核对以往兑现和培训参考"


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _measures(ms: Iterable[str]) -> str:
    return "、".join(sorted(set(ms), key=lambda m: (len(m), m)))


def counted(results: Iterable[Estimate]) -> list[Estimate]:
    """The estimates a row's enterprise total adds up (its own money, eligible, above zero)."""
    return [e for e in results if e.paid_to_enterprise and e.eligible and e.award_yuan]


def total_note(results: Sequence[Estimate], as_of: date) -> str:
    """Beside a row's total: which of its measures were out of force on the as-of day, and
    whether it holds a "最高" amount (then the total is an upper bound). Empty without a total."""
    parts = counted(results)
    if not parts:
        return ""
    expired = tuple(e.measure for e in parts if not e.in_force.in_force)
    upper = tuple(e.measure for e in parts if e.upper_bound)
    return _total_note(expired, upper, as_of)


@lru_cache(maxsize=1024)  # a list has few distinct combinations: each sentence is built once
def _total_note(expired: tuple[str, ...], upper: tuple[str, ...], as_of: date) -> str:
    notes = []
    if expired:
        notes.append(f"截至{_day(as_of)}，合计所含措施{_measures(expired)}已过有效期，{_RULE_TEXT}")
    else:
        notes.append(f"截至{_day(as_of)}，合计所含措施均在有效期内")
    if upper:
        notes.append(f"合计含措施{_measures(upper)}的“最高”金额，为上限")
    return "；".join(notes)


@dataclass(frozen=True, order=True)
class NearMiss:
    """An enterprise that only a threshold keeps from a measure; ``gap`` is the shortfall as a
    share of what the threshold asks (0.05: 5 % short), so different measures sort together."""

    gap: Decimal
    row_number: int
    name: str = field(compare=False)
    measure: str = field(compare=False)
    guidance: str = field(compare=False)
    in_force: bool = field(compare=False)


def _dec(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _gap(measure: str, profile: Mapping[str, object]) -> Decimal | None:
    """The shortfall's share of the threshold for measures 1 (sales growth), 2 (power growth)
    and 3 (gas minimum); None where the profile does not give the figures."""
    if measure == "1":
        increase = _dec(profile.get("sales_increase_yuan"))
        before, after = _dec(profile.get("sales_2023q1_yuan")), _dec(profile.get("sales_2024q1_yuan"))
        if increase is None and before is not None and after is not None:
            increase = after - before
        threshold = param("m1_threshold_yuan")
        return None if increase is None or increase >= threshold else (threshold - increase) / threshold
    if measure == "2":
        before, after = _dec(profile.get("power_2023q1_kwh")), _dec(profile.get("power_2024q1_kwh"))
        if before is None or after is None or before <= 0:
            return None
        needed = before * param("m2_growth_threshold_percent") / 100
        short = needed - (after - before)
        return short / needed if short > 0 else None  # else the 1,000 元 minimum failed, not growth
    if measure == "3":
        gas, minimum = _dec(profile.get("gas_2024q1_m3")), param("m3_minimum_m3")
        return None if gas is None or gas >= minimum else (minimum - gas) / minimum
    return None


_QUANTITY = {"1": "sales_increase_yuan", "2": "power_2024q1_kwh", "3": "gas_2024q1_m3"}


def near_misses(
    results: Sequence[Estimate], profile: Mapping[str, object], name: str, row_number: int
) -> list[NearMiss]:
    """Measures the row misses by a threshold alone (every unmet condition is that figure's)."""
    out = []
    for est in results:
        quantity = _QUANTITY.get(est.measure)
        if quantity is None or est.eligible is not False or not est.unmet or not est.next_step:
            continue
        if any(u.field != quantity for u in est.unmet):
            continue  # another condition fails too: reaching the threshold would not be enough
        gap = _gap(est.measure, profile)
        if gap is not None:
            out.append(NearMiss(gap, row_number, name, est.measure, est.next_step[0], est.in_force.in_force))
    return out


@dataclass
class RowFacts:
    """What the summary needs of one row (small: it travels back from worker processes)."""

    awards: dict[str, Decimal] = field(default_factory=dict)
    total: Decimal | None = None
    near: list[NearMiss] = field(default_factory=list)
    expired_in_total: tuple[str, ...] = ()
    upper_in_total: tuple[str, ...] = ()


def row_facts(
    results: Sequence[Estimate], total: Decimal | None, profile: Mapping[str, object], name: str, row: int
) -> RowFacts:
    awards = {e.measure: e.award_yuan for e in results if e.eligible and e.award_yuan}
    parts = counted(results) if total else []
    return RowFacts(
        awards,  # type: ignore[arg-type]
        total,
        near_misses(results, profile, name, row),
        tuple(e.measure for e in parts if not e.in_force.in_force),
        tuple(e.measure for e in parts if e.upper_bound),
    )


@dataclass
class SummaryCollector:
    """Totals per measure and the closest near misses, gathered row by row."""

    as_of: date
    measures: list[str]
    rows: int = 0
    failed: int = 0
    enterprises_with_award: int = 0
    total: Decimal = Decimal(0)
    per_measure: dict[str, tuple[int, Decimal]] = field(default_factory=dict)
    expired_in_total: set[str] = field(default_factory=set)
    upper_in_total: set[str] = field(default_factory=set)
    _near: list[tuple[Decimal, int, NearMiss]] = field(default_factory=list)

    def add(self, facts: RowFacts, failed: bool) -> None:
        self.rows += 1
        self.failed += failed
        for m, amount in facts.awards.items():
            count, sum_ = self.per_measure.get(m, (0, Decimal(0)))
            self.per_measure[m] = (count + 1, sum_ + amount)
        if facts.total:
            self.enterprises_with_award += 1
            self.total += facts.total
        self.expired_in_total.update(facts.expired_in_total)
        self.upper_in_total.update(facts.upper_in_total)
        for miss in facts.near:
            item = (-miss.gap, -miss.row_number, miss)  # max-heap on the gap: drop the farthest
            if len(self._near) < NEAR_MISS_LIMIT:
                heapq.heappush(self._near, item)
            else:
                heapq.heappushpop(self._near, item)

    def near(self) -> list[NearMiss]:
        """The near misses, closest first (then by row)."""
        return sorted(m for _, _, m in self._near)


def _in_force(measure: str, as_of: date) -> bool:
    return load_notice().validity(measure).covers(as_of)


def total_caveat(expired: set[str], upper: set[str], as_of: date) -> str:
    notes = []
    if expired:
        notes.append(f"含截至{_day(as_of)}已过有效期的措施{_measures(expired)}：{_RULE_TEXT}")
    if upper:
        notes.append(f"含措施{_measures(upper)}的“最高”金额，合计为上限")
    return "；".join(notes)


def summary_rows(c: SummaryCollector) -> list[list[object]]:
    """The 汇总 sheet: rows read, rows with errors, per-measure totals, the list's total."""
    notice = load_notice()
    out: list[list[object]] = [
        ["项目", "企业数", "预估金额合计（元）", "有效期", f"截至{_day(c.as_of)}", "说明"],
        ["读取的企业行数", c.rows, None, None, None, None],
        ["有错误的行数", c.failed, None, None, None, "见“结果”表的“错误”列；有错误的行不计合计"],
    ]
    for m in c.measures:
        count, amount = c.per_measure.get(m, (0, Decimal(0)))
        status = "有效期内" if _in_force(m, c.as_of) else "已过有效期"
        spec = get_measure(m)
        note = "" if spec.paid_to_enterprise else "拨付乡镇或部门，不计入企业合计"
        shown: Decimal | None = amount
        if not spec.computable:  # measures 6 and 8: the amount is set by another document
            shown, note = None, "本通知未定金额（按所引文件执行），不计入合计"
        period = notice.validity(m).describe()
        out.append([f"措施{m} {notice.clause(m).title}", count, shown, period, status, note])
    caveat = total_caveat(c.expired_in_total, c.upper_in_total, c.as_of)
    out.append(["企业合计（不含措施9工作经费）", c.enterprises_with_award, c.total, None, None, caveat])
    return out


def near_miss_rows(c: SummaryCollector) -> list[list[object]]:
    """The 接近门槛 sheet: enterprises a threshold alone keeps from a measure, closest first."""
    out: list[list[object]] = [["企业名称", "行号", "措施", "差距（占门槛）", "建议", "有效期"]]
    for m in c.near():
        gap = f"{(m.gap * 100).quantize(Decimal('0.01'))}%"
        status = "有效期内" if m.in_force else f"已过有效期（截至{_day(c.as_of)}），仅供核对"
        out.append([m.name, m.row_number, f"措施{m.measure}", gap, m.guidance, status])
    if len(out) == 1:
        out.append(["（没有仅差门槛的企业）", None, None, None, None, None])
    return out


def closing_validity_sentence() -> str:
    """The notice's own sentence on its validity, quoted verbatim from the closing provisions."""
    text = load_notice().clause("final").text
    start = text.find("本措施有效期")
    end = text.find("。", start)
    return text[start : end + 1] if start >= 0 and end > start else ""


def validity_rows(as_of: date, measures: Sequence[str]) -> list[list[object]]:
    """The 有效期说明 sheet: as of the day, which measures are in force and which expired."""
    notice = load_notice()
    out: list[list[object]] = [["措施", "有效期", f"截至{_day(as_of)}"]]
    for m in measures:
        status = "有效期内" if _in_force(m, as_of) else "已过有效期"
        out.append([f"措施{m} {notice.clause(m).title}", notice.validity(m).describe(), status])
    out += [
        [],
        ["通知原文", closing_validity_sentence(), None],
        ["说明", f"已过有效期的措施{_RULE_TEXT}；如需按当时日期测算，可加 --as-of 2024-03-15。", None],
        ["", "预估金额，以责任单位审核为准。", None],
    ]
    return out


def xlsx_sheets(c: SummaryCollector) -> list[tuple[str, list[list[object]]]]:
    """The sheets after the results, in the order an office reads them."""
    from calculators import MEASURE_IDS

    return [
        ("汇总", summary_rows(c)),
        ("接近门槛", near_miss_rows(c)),
        ("有效期说明", validity_rows(c.as_of, list(MEASURE_IDS))),
    ]
