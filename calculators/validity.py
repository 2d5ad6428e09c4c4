"""Which measures are in force and which have expired as of a date, and what that means for a total.

Summaries (check, 体检, report, batch) state this beside their totals: today most measures of this
2024 Q1 notice have expired, and a total built on them is a figure for checking past awards.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache

from calculators.models import Estimate, ValiditySummary
from corpus import load_notice

_ALL = tuple(str(i) for i in range(1, 14))


def measure_list(ids: Iterable[str]) -> str:
    """ "第1–4、6、9条": runs of consecutive measures joined with a dash."""
    nums = sorted(int(i) for i in ids)
    runs: list[list[int]] = []
    for n in nums:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 2 else "、".join(map(str, r)) for r in runs]
    return f"第{'、'.join(parts)}条"


@cache
def measures_in_force(as_of: date) -> ValiditySummary:
    """As of ``as_of``: every measure of the notice, in force, expired or not yet in force, with
    each group's period as the notice states it."""
    notice = load_notice()
    groups: dict[str, dict[str, list[str]]] = {"in": {}, "out": {}, "yet": {}}
    for mid in _ALL:
        v = notice.validity(mid)
        state = "in" if v.covers(as_of) else ("yet" if as_of < v.start else "out")
        # 第5条 states no end date: the summary names the reading's end, marked as a reading.
        label = f"未写明截止日期，读作至{v.end:%Y年%-m月%-d日}" if v.period and v.end else v.describe()
        groups[state].setdefault(label, []).append(mid)
    day = f"{as_of:%Y年%-m月%-d日}"

    def said(state: str) -> str:
        return "；".join(f"{measure_list(ids)}（{period}）" for period, ids in groups[state].items())

    parts = []
    if groups["in"]:
        parts.append(f"在有效期内：{said('in')}")
    if groups["out"]:
        parts.append(f"已过有效期：{said('out')}")
    if groups["yet"]:
        parts.append(f"尚未施行：{said('yet')}")
    flat = {k: sorted((m for ids in g.values() for m in ids), key=int) for k, g in groups.items()}
    return ValiditySummary(
        as_of=as_of,
        in_force=flat["in"],
        expired=flat["out"],
        not_yet=flat["yet"],
        text=f"截至{day}，" + "。".join(parts) + "。",
    )


def total_note(counted: Iterable[Estimate]) -> tuple[list[str], bool, str]:
    """For the estimates a total adds up: (the expired measures among them, whether the total is an
    upper bound, the sentence to show beside the total — empty when neither holds)."""
    counted = [e for e in counted if e.award_yuan]
    expired = [e.measure for e in counted if not e.in_force.in_force]
    upper = [e.measure for e in counted if e.upper_bound]
    said = []
    if expired:
        said.append(f"含已过有效期的{measure_list(expired)}按原规则测算的金额，仅供核对以往兑现和参考")
    if upper:
        said.append(f"含{measure_list(upper)}“最高”标准金额，合计为上限估算")
    return expired, bool(upper), "；".join(said)
