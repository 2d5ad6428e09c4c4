"""Figures worked out from the ones a person stated: 今年 − 去年 = 增长额, and "多了30万度" beside one
year's figure gives the other year's. Three figures that do not add up are none of them certain.

``out`` is an :class:`assistant.dialog.extract.Extraction` (not imported: extract imports this).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assistant.dialog.cues import FAMILIES
from assistant.dialog.facts import Taken
from calculators.fields import parse_field


def check_sales(out: Any) -> None:
    """Three sales figures that do not add up (4950万 − 4000万 ≠ 900万): none of them is certain."""
    fam = FAMILIES["sales"]
    by_name = {t.field: t.value for t in out.taken}
    names = (fam.present, fam.past, fam.increase)
    if all(n in by_name for n in names):
        present, past, increase = (by_name[n] for n in names)
        if present - past != increase:  # type: ignore[operator]
            out.taken = [t for t in out.taken if t.field not in names]
            out.unsure += [n for n in names if n]
            out.problems.append("今年、去年的销售额与增长额对不上，均未记下；请核对后再告诉我")


def derive_sales(out: Any) -> None:
    """Two of the three sales figures give the third: 今年 − 去年 = 增长额.

    A derived increase below zero is a decline: said by the levels, never stored.
    """
    fam = FAMILIES["sales"]
    assert fam.past is not None and fam.increase is not None
    names = (fam.present, fam.past, fam.increase)
    by_name = {t.field: Decimal(str(t.value)) for t in out.taken if t.field in names}
    if len(by_name) != 2 or any(n in out.unsure for n in names):
        return
    present, past, increase = (by_name.get(n) for n in (fam.present, fam.past, fam.increase))
    if present is not None and past is not None:
        name, value, how = fam.increase, present - past, "今年 − 去年"
        if value < 0:
            return
    elif present is not None and increase is not None:
        name, value, how = fam.past, present - increase, "今年 − 增长额"
        if value < 0:
            out.problems.append("增长额大于今年一季度销售额，去年的销售额无法推算；请核对后再告诉我")
            return
    elif past is not None and increase is not None:
        name, value, how = fam.present, past + increase, "去年 + 增长额"
    else:
        return
    out.taken.append(Taken(name, parse_field(name, str(value)), f"按{how}推算", derived=True))


def combine_deltas(out: Any, seen: set[str]) -> None:
    """Turn "多了30万度" plus one year's figure into the other year's figure."""
    by_name = {t.field: t for t in out.taken}
    for d in list(out.deltas):
        if d.past in by_name and d.present not in seen:
            value = Decimal(str(by_name[d.past].value)) + d.amount
            source = f"按去年 + 增量“{d.source}”推算"
            out.taken.append(Taken(d.present, parse_field(d.present, str(value)), source, derived=True))
        elif d.present in by_name and d.past not in seen:
            value = Decimal(str(by_name[d.present].value)) - d.amount
            if value < 0:
                out.problems.append(f"「{d.source}」大于今年用量，未采用")
                continue
            source = f"按今年 − 增量“{d.source}”推算"
            out.taken.append(Taken(d.past, parse_field(d.past, str(value)), source, derived=True))
        else:
            continue
        out.deltas.remove(d)
