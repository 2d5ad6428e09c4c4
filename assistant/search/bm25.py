"""BM25+ scores from stored statistics, in plain Python (no numpy at query time).

The statistics are rank-bm25's own (``statistics`` reads them off a ``rank_bm25.BM25Plus``
when the index is built); ``BM25Plus.get_scores`` repeats rank-bm25's arithmetic operation by
operation, so the floats are the same to the last bit (tests/test_search_cache.py checks).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def statistics(bm25: Any) -> dict:  # a rank_bm25.BM25 of any variant
    """What scoring needs from a built rank-bm25 index, as plain dicts and lists."""
    return {
        "doc_freqs": [dict(doc) for doc in bm25.doc_freqs],
        "doc_len": list(bm25.doc_len),
        "avgdl": bm25.avgdl,
        "idf": dict(bm25.idf),
    }


class BM25Plus:
    """``rank_bm25.BM25Plus.get_scores`` over ``statistics``; ``idf`` may be replaced, as there."""

    __slots__ = ("avgdl", "b", "delta", "doc_freqs", "doc_len", "idf", "k1")

    def __init__(self, stats: dict, k1: float = 1.5, b: float = 0.75, delta: float = 1) -> None:
        self.doc_freqs: list[dict[str, int]] = stats["doc_freqs"]
        self.doc_len: list[int] = stats["doc_len"]
        self.avgdl: float = stats["avgdl"]
        self.idf: dict[str, float] = stats["idf"]
        self.k1, self.b, self.delta = k1, b, delta

    def get_scores(self, query: Iterable[str]) -> list[float]:
        k1, b, delta, avgdl = self.k1, self.b, self.delta, self.avgdl
        # rank-bm25 computes 1 - b + b * doc_len / avgdl as (1 - b) + ((b * doc_len) / avgdl), and
        # so does this (same order, same IEEE operations: same result).
        norms = [k1 * (1 - b + b * n / avgdl) for n in self.doc_len]
        scores = [0.0] * len(self.doc_len)
        for q in query:
            idf = self.idf.get(q) or 0
            for i, doc in enumerate(self.doc_freqs):
                freq = doc.get(q) or 0
                scores[i] += idf * (delta + (freq * (k1 + 1)) / (norms[i] + freq))
        return scores
