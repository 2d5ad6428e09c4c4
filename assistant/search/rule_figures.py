"""The notice's own figures in a question: "三十五万封顶", "每100万美元", "八万块".

A figure that one of the notice's rules states (corpus/parameters.yaml) points to the clause whose
parameter it is, as a word of that clause would. Read with the one figure reader
(``calculators.quantity``), never a second copy; a figure shared by n clauses gives each 1/n.
"""

from __future__ import annotations

from functools import cache

# A figure without a unit is read as money, the unit of most of the notice's figures.
_YUAN = ("元", "元/人/月", "元/千瓦时", "元/立方米")
_FIGURE_UNITS = {
    None: (*_YUAN, "美元"),
    "元": _YUAN,
    "美元": ("美元",),
    "千瓦时": ("千瓦时",),
    "立方米": ("立方米",),
}


@cache
def _rule_values() -> dict[tuple[str, str], frozenset[str]]:
    """(value, unit) → the clauses whose parameters state it."""
    from corpus import load_parameters

    found: dict[tuple[str, str], set[str]] = {}
    units = {u for names in _FIGURE_UNITS.values() for u in names}
    for p in load_parameters().values():
        if p.unit in units:
            found.setdefault((format(p.decimal.normalize(), "f"), p.unit), set()).add(p.clause)
    return {k: frozenset(v) for k, v in found.items()}


def rule_figure_scores(text: str, clause_ids: list[str], weight: float) -> list[float]:
    """``weight`` shared among the clauses stating each figure of ``text``, in ``clause_ids`` order."""
    from calculators.quantity import find_quantities, normalise

    out = [0.0] * len(clause_ids)
    position = {cid: i for i, cid in enumerate(clause_ids)}
    values = _rule_values()
    for f in find_quantities(normalise(text)):
        if f.quantity is None or f.quantity.unit not in _FIGURE_UNITS or not f.quantity.value:
            continue
        value = format(f.quantity.value.normalize(), "f")
        clauses = set().union(*(values.get((value, u), frozenset()) for u in _FIGURE_UNITS[f.quantity.unit]))
        for cid in clauses:
            out[position[cid]] += weight / len(clauses)
    return out
