"""The notice's own figures in a question: "三十五万封顶", "每100万美元", "八万块".

A figure that one of the notice's rules states (corpus/parameters.yaml) points to the clause whose
parameter it is, as a word of that clause would. Read with the one figure reader
(``calculators.quantity``), never a second copy; a figure shared by n clauses gives each 1/n. The
table of figures is built with the vocabulary and kept in the search cache (no YAML on a question).
"""

from __future__ import annotations

from assistant.search.vocabulary import FIGURE_UNITS, vocabulary


def rule_figure_scores(text: str, clause_ids: list[str], weight: float) -> list[float]:
    """``weight`` shared among the clauses stating each figure of ``text``, in ``clause_ids`` order."""
    from calculators.quantity import find_quantities, normalise

    out = [0.0] * len(clause_ids)
    position = {cid: i for i, cid in enumerate(clause_ids)}
    values = vocabulary().rule_figures
    for f in find_quantities(normalise(text)):
        if f.quantity is None or f.quantity.unit not in FIGURE_UNITS or not f.quantity.value:
            continue
        value = format(f.quantity.value.normalize(), "f")
        clauses = set().union(*(values.get((value, u), frozenset()) for u in FIGURE_UNITS[f.quantity.unit]))
        for cid in clauses:
            out[position[cid]] += weight / len(clauses)
    return out
