"""Building search's index from ``corpus/``: once per corpus and code version, the result is
kept in the user's cache directory (``assistant.search.cache``) and read back by ``index``.

The clauses a hit shows and the BM25 statistics (term counts, lengths, IDF) of the three clause
fields and of the question bank, as plain data. rank-bm25 (and with it numpy) and the pydantic
models of the corpus are needed here only.
"""

from __future__ import annotations

from rank_bm25 import BM25Plus as Built

from assistant.search.bm25 import statistics
from assistant.search.segment import document_terms
from corpus import load_notice
from corpus.question_bank import load_question_bank


def build_state() -> dict:
    """The index from ``corpus/``: the clauses a hit shows and the BM25 statistics of the three
    clause fields and of the question bank (plain data, what the cache stores)."""
    notice = load_notice()
    clauses = notice.clauses
    position = {c.id: i for i, c in enumerate(clauses)}
    bank = [(position[cid], q) for cid, entry in load_question_bank().items() for q in entry.questions()]
    bank_clause = [i for i, _ in bank]
    bank_terms = [document_terms(q) or ["\0"] for _, q in bank]
    fields = {
        "title": [c.title for c in clauses],
        "body": [f"{notice.section_title(c.section)}\n{c.text}" for c in clauses],
        "units": [c.responsible_units_text or "、".join(c.responsible_units) for c in clauses],
    }
    # Okapi's IDF, log((N - n + 0.5) / (n + 0.5)), is zero or negative for a word in half
    # the 15 clauses or more (企业, 奖励, 给予), and an epsilon floor makes it non-monotonic
    # (a word in 8 clauses would outweigh one in 7). BM25+'s IDF, log((N + 1) / n), is
    # positive and falls steadily with n. Its δ is set to 0 (``index._Index``) because rank-bm25 adds
    # δ·IDF to every clause whether the word occurs there or not: a constant that would not
    # change the order but would make "score 0 = nothing matched" false.
    terms = {name: [document_terms(t) or ["\0"] for t in texts] for name, texts in fields.items()}
    # The statistics (term counts, lengths, IDF) do not depend on k1, b or δ.
    built = {name: Built(docs) for name, docs in terms.items()}
    # One IDF for the whole clause, as BM25F does: per-field IDF would make 政策 rare among
    # the titles (only 加强政策宣传 has it) and let a generic word outrank a precise one.
    # The bank's entries count as part of their clause here, so a word every clause's bank
    # uses (多少, 怎么) is common, and a word only 用电's questions use is rare.
    whole_docs = [[t for docs in terms.values() for t in docs[i]] for i in range(len(clauses))]
    for i, doc in zip(bank_clause, bank_terms, strict=True):
        whole_docs[i] += doc
    whole = Built(whole_docs)
    bank_built = Built(bank_terms)
    for bm25 in [*built.values(), bank_built]:
        bm25.idf = {t: whole.idf[t] for t in bm25.idf}
    return {
        "clauses": [[c.id, c.title, c.text, list(c.responsible_units)] for c in clauses],
        "bank_clause": bank_clause,
        "fields": {name: statistics(bm25) for name, bm25 in built.items()},
        "bank": statistics(bank_built),
    }
