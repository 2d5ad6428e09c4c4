"""Clause search: which of the notice's 15 clauses answers a question, or none.

A question is normalised (NFKC, 繁體 → 简体 with OpenCC when needed) and its pinyin typos are
read as dictionary words (``assistant.search.typos``). A signal word of ``corpus/scope.yaml``
(individuals, other fields, phone numbers, addresses, chit-chat …) declines it outright.
Otherwise ranking is BM25 (rank-bm25) over three fields of each clause — title, body (text +
section title), responsible units — combined with weights, plus the best-matching entry of the
question bank (``corpus/questions.yaml``: each clause's 标准问 and 相似问), over terms from
``assistant.search.segment``; a scope rule (``_in_scope``) declines what the notice does not speak to.
The index and tokenizer are built once per corpus and code version and kept in the user's cache
directory (``assistant.search.cache``); a process reads them back (lazy singleton; ``warm_up``
loads them ahead of time), so a question needs neither pydantic, numpy nor rank-bm25.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from assistant.search import cache as search_cache
from assistant.search.bm25 import BM25Plus
from assistant.search.clause_ref import parse_clause_ref
from assistant.search.rule_figures import rule_figure_scores
from assistant.search.segment import QueryGroup, query_groups, raw_tokens, to_mandarin, to_simplified
from assistant.search.typos import correct_typos, targets_by_sound
from assistant.search.vocabulary import state as vocabulary_state
from assistant.search.vocabulary import vocabulary
from corpus.text import normalise_input

MAX_QUERY_CHARS = 500
K1 = 1.2
# Length normalisation: a long clause is not verbose, it covers more (measure 5 covers 入规 in
# four ways), so the body field is normalised only mildly. Titles are near-equal in length.
B = {"title": 0.75, "body": 0.3, "units": 0.75}
# A generic word (企业, 奖励 …, see synonyms.yaml) counts for this share of a precise one: it
# should order clauses that tie on the precise words, not outvote them.
GENERIC_WEIGHT = 0.3
# A title says what the clause is about in four to ten words, so a title word is worth
# more than a body word; units matter only for "找哪个部门" questions, so they weigh less.
FIELD_WEIGHTS = {"title": 2.0, "body": 1.0, "units": 0.5}
# …unless the question asks who is responsible (synonyms.yaml ``unit_cues``: 负责, 找谁 …).
UNIT_QUESTION_WEIGHTS = {**FIELD_WEIGHTS, "units": FIELD_WEIGHTS["title"]}
# The question bank (corpus/questions.yaml) speaks for its clause beside the clause's own text:
# a clause's score is its text's plus this share of its best-matching 标准问/相似问.
BANK_WEIGHT = 1.0
B_BANK = 0.75
# Scope rule, part 2: at least this share of the question's content characters must be
# words the notice knows (see ``_in_scope``).
MIN_KNOWN_SHARE = 0.5
# A term of at least this many characters that only one clause's text has weighs this much more.
DISTINCT_LEN = 4
DISTINCT_WEIGHT = 2.0
# A figure of the notice's own rules in the question ("三十五万封顶", "每100万美元") points to the
# clause whose parameter it is (corpus/parameters.yaml); shared by n clauses, each gets 1/n of it.
RULE_FIGURE_WEIGHT = 3.0
SNIPPET_CHARS = 80
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class QueryError(ValueError):
    """A question search cannot take; ``str(error)`` is a Chinese message for the person."""


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    score: float
    responsible_units: list[str]
    snippet: str
    matched: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SearchResult:
    query: str
    tokens: list[str]
    hits: list[Hit]
    # Why the question was declined, when a signal of scope.yaml decided it (individual, phone …).
    declined: str | None = None
    # "工信局负责哪几条": every clause the named unit is responsible for, in the notice's order.
    unit_clauses: list[str] = field(default_factory=list)
    unit_names: list[str] = field(default_factory=list)  # the units as the question named them


def check_query(query: str) -> str:
    """The normalised question, or QueryError saying in Chinese what is expected."""
    if _CONTROL.search(query):
        raise QueryError("问题里含有控制字符，请只输入文字，例如：电费有补贴吗")
    text = to_simplified(normalise_input(query))
    if not text:
        raise QueryError("问题不能为空，请输入要查询的内容，例如：电费有补贴吗")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"问题太长（{len(text)} 字），请控制在 {MAX_QUERY_CHARS} 字以内，一次问一件事")
    return text


class _Clause(NamedTuple):
    """What a hit shows of a clause (the pydantic ``corpus.models.Clause`` stays at build time)."""

    id: str
    title: str
    text: str
    responsible_units: list[str]


class _Index:
    """The 15 clauses as three BM25 fields and the question bank's entries as a fourth index,
    with per-term score vectors memoised."""

    def __init__(self, state: dict) -> None:
        self.clauses = [_Clause(*c) for c in state["clauses"]]
        self.bank_clause: list[int] = state["bank_clause"]
        fields = state["fields"]
        self.bm25 = {name: BM25Plus(stats, k1=K1, b=B[name], delta=0) for name, stats in fields.items()}
        self.bank = BM25Plus(state["bank"], k1=K1, b=B_BANK, delta=0)
        # The words of the clauses' own text; ``known`` adds the bank's.
        self.vocabulary = set().union(*(b.idf for b in self.bm25.values()))
        self.known = self.vocabulary | set(self.bank.idf)
        self._memo: dict[str, tuple[float, ...]] = {}
        self._bank_memo: dict[str, dict[int, float]] = {}
        self._near: dict[str, str | None] | None = None

    def near_miss(self, pattern: str) -> str | None:
        """The one index word of three or more characters matching ``pattern``, where ``?``
        stands for one character (小?规 → 小升规); None if no word or several do."""
        if self._near is None:
            self._near = {}
            for word in self.vocabulary:
                if len(word) >= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in word):
                    for j in range(len(word)):
                        key = f"{word[:j]}?{word[j + 1 :]}"
                        self._near[key] = word if key not in self._near else None
        return self._near.get(pattern)

    def term_scores(self, term: str, unit_question: bool = False) -> tuple[float, ...]:
        """The weighted score each clause gets for one term (all zero if no clause has it)."""
        key = f"{term}\0u" if unit_question else term
        found = self._memo.get(key)
        if found is None:
            total = [0.0] * len(self.clauses)
            if term in self.vocabulary:
                weights = UNIT_QUESTION_WEIGHTS if unit_question else FIELD_WEIGHTS
                for name, weight in weights.items():
                    for i, s in enumerate(self.bm25[name].get_scores([term])):
                        total[i] += weight * float(s)
            found = self._memo[key] = tuple(total)
        return found

    def bank_hits(self, term: str) -> dict[int, float]:
        """The bank entries that have the term (position → score): a handful of the ~200, so the
        rest, all zero, are not carried around."""
        found = self._bank_memo.get(term)
        if found is None:
            scores = self.bank.get_scores([term]) if term in self.bank.idf else []
            found = self._bank_memo[term] = {j: s for j, s in enumerate(scores) if s}
        return found

    def unit_match(self, term: str, clause: int) -> bool:
        """Is the term in the clause's responsible units?"""
        key = f"{term}\0units"
        found = self._memo.get(key)
        if found is None:
            found = (
                tuple(float(s) for s in self.bm25["units"].get_scores([term]))
                if term in self.vocabulary
                else ()
            )
            self._memo[key] = found
        return bool(found) and found[clause] > 0

    def matches(self, term: str, clause: int) -> bool:
        """Does the clause's text or one of its bank entries have the term?"""
        if self.term_scores(term)[clause] > 0:
            return True
        return any(self.bank_clause[j] == clause for j in self.bank_hits(term))


@cache
def _index() -> _Index:
    stored = search_cache.stored()
    if stored is not None:
        return _Index(stored["index"])
    from assistant.search.build import build_state

    state = build_state()
    # Stored with the vocabulary and typo table it was segmented with, for the next process.
    search_cache.write({"vocabulary": vocabulary_state(), "typos": targets_by_sound(), "index": state})
    return _Index(state)


def warm_up() -> None:
    """Load the tokenizer and build the index now rather than on the first question."""
    _index().near_miss("")  # also builds the typo table
    query_groups("电费有补贴吗")


@cache
def _generic() -> frozenset[str]:
    return vocabulary().generic


def _effective_terms(group: QueryGroup, index: _Index) -> tuple[str, ...]:
    """The whole word and its synonyms when the index knows any of them; otherwise their parts.

    Parts only as a fallback: 生产要素供应 must meet measure 10, which says exactly that, not
    紧抓安全生产, whose title shares the part 生产.
    """
    if any(t in index.known for t in group.terms):
        return group.terms
    return group.parts or group.terms


def _typo_groups(text: str, unknown: list[str], index: _Index) -> tuple[list[QueryGroup], list[str]]:
    """Read an unknown run as a typo when one wrong character separates it from an index word.

    小生规 → 小升规, 天燃汽 → 天然气: near-homophones typed by pinyin input. Only words of three
    characters or more, with at least two of the window's characters unknown, and only when
    exactly one word fits: two-character words are too close
    to each other (用店 could be 用电, 用气 or 用热) and a guess there would answer questions
    the notice does not cover. Returns the corrected groups and the runs still unknown.
    """
    fixed: list[QueryGroup] = []
    left: list[str] = []
    for run in unknown:
        pos = text.find(run)
        found = None
        for length in range(min(8, len(text)), 2, -1):
            for start in range(max(0, pos - length + 1), min(pos + len(run), len(text) - length + 1)):
                window = text[start : start + length]
                if min(start + length, pos + len(run)) - max(start, pos) < 2:
                    continue  # the typo and a neighbour must both be unknown: 免政策 is not 送政策
                for j in range(max(pos - start, 0), min(pos + len(run) - start, length)):
                    word = index.near_miss(f"{window[:j]}?{window[j + 1 :]}")
                    if word:
                        found = QueryGroup(window, (word,))
                        break
                if found:
                    break
            if found:
                break
        if found:
            fixed.append(found)
        else:
            left.append(run)
    return fixed, left


def _said(text: str) -> set[str]:
    """Every run of up to four segments: the words and phrases the text says, on token
    boundaries (在哪些情况下 does not say 在哪)."""
    tokens = raw_tokens(text)
    n = len(tokens)
    return {"".join(tokens[i:j]) for i in range(n) for j in range(i + 1, min(i + 5, n + 1))}


def declined_by(text: str, said: set[str] | None = None) -> str | None:
    """The kind of out-of-scope question (a key of scope.yaml) whose signal word the text says;
    a kind's ``unless`` words cancel it (我家厂子 is an enterprise), also as the end of a longer
    word (家里有个小加工厂: 加工厂 is a 厂)."""
    said = _said(text) if said is None else said
    for kind, signal in vocabulary().scope.items():
        if said.intersection(signal.words) and not any(w.endswith(tuple(signal.unless)) for w in said):
            return kind
    return None


# Kinds of out-of-scope signal that enough of the notice's own words outweigh: a caller's aside
# about the weather in a question about 供热 and 复工复产, or 增值税申报表 as the basis of the
# notice's 开具发票销售额, or 我家老头子 beside 重复、文件、解释. Phones, places and other years never are.
# A title (书记, 局长) said in passing ("老书记退下来了我帮忙问问…外商投资…工作经费") is outweighed too:
# "局长是谁" says nothing of the notice.
_OUTWEIGHED = {"chitchat": 2, "other_field": 3, "individual": 3, "person": 3}


_GROWTH = frozenset({"增长", "增加", "涨", "上涨", "增量", "多了", "提高", "增了"})


def _notice_words(groups: list[QueryGroup], index: _Index) -> int:
    """How many informative words of two characters or more (not generic, not a scope signal) the
    question shares with some clause."""
    generic = _generic()
    signals = {w for s in vocabulary().scope.values() for w in s.words}
    return sum(
        1
        for g in groups
        if len(g.surface) > 1
        and g.surface not in signals
        and any(t not in generic and any(index.term_scores(t)) for t in _effective_terms(g, index))
    )


def _in_scope(
    groups: list[QueryGroup],
    unknown: list[str],
    best: int,
    index: _Index,
    rule_figure: bool = False,
    money: bool = False,
) -> bool:
    """Does the notice speak to this question at all?

    Two conditions, both about the question rather than a tuned score:
    1. the best clause matches at least one informative word — one that is not on the synonym
       table's ``generic`` list (企业, 奖励, 补贴, 政策 …), which every government notice
       shares with 企业社保补贴 or 大学生创业补贴 — of two characters or more. A lone character
       (气, 电, 热 are 天气, 电话, 热死了 as often as 用气) counts only beside another one that
       the same clause has: 5万方气 (方 and 气, both measure 3) but not 天气热 (3 and 4);
    2. at least half of the question's content characters (non-stop, non-generic) are words
       the notice uses: 营业执照年报 shares 年报 with measure 2 but is mostly about something else.

    ``rule_figure``: the question names a figure of the best clause's own rules (三十五万封顶),
    which is as informative as a word of it. ``money``: the question states a sum of money
    (800块); then one lone character of the clause is enough (电的奖励算下来800块 is measure 2's
    award), as a sum of money is not weather or a phone call.
    """
    generic = _generic()
    lone: set[str] = set()
    informative = rule_figure
    for g in groups:
        if any(t not in generic and index.matches(t, best) for t in _effective_terms(g, index)):
            if len(g.surface) > 1:
                informative = True
            else:
                lone.add(g.surface)
    if money and any(g.surface in _GROWTH for g in groups):
        informative = True  # "增长了一千三百万能拿十三万吗": a sum that grew is 第1条's growth
    if not informative and len(lone) < (1 if money else 2):
        return False
    if _notice_words(groups, index) >= 3:
        return True  # three words of the notice outweigh a caller's story told in other words
    known = unmatched = 0
    for g in groups:
        terms = _effective_terms(g, index)
        if any(any(index.term_scores(t)) or index.bank_hits(t) for t in terms):
            known += len(g.surface)
        elif not all(t in generic for t in terms):
            unmatched += len(g.surface)  # a word we can segment but the notice never uses
    content = known + unmatched + sum(len(u) for u in unknown)
    return content > 0 and known / content >= MIN_KNOWN_SHARE


def _says_money(text: str) -> bool:
    """Does the question state a sum of money (800块, 5万元, or 300万 with no unit: in everyday speech
    a bare sum in 万 is money)?"""
    from calculators.quantity import find_quantities, normalise

    return any(
        f.quantity is not None
        and (f.quantity.unit == "元" or (f.quantity.unit is None and re.search(r"[万亿w]", f.text)))
        for f in find_quantities(normalise(text))
    )


def _snippet(text: str, terms: list[str]) -> str:
    """About SNIPPET_CHARS of the clause around its densest matches, matched words in 【】."""
    marked = [False] * len(text)
    for term in sorted(terms, key=len, reverse=True):
        for m in re.finditer(re.escape(term), text):
            marked[m.start() : m.end()] = [True] * (m.end() - m.start())
    start = 0
    if any(marked) and len(text) > SNIPPET_CHARS:
        window = best = sum(marked[:SNIPPET_CHARS])
        for s in range(1, len(text) - SNIPPET_CHARS + 1):
            window += marked[s + SNIPPET_CHARS - 1] - marked[s - 1]
            if window > best:
                best, start = window, s
        start = max(0, start - 5)  # a little context before the first mark
    end = min(len(text), start + SNIPPET_CHARS)
    out = ["…" if start else ""]
    for i in range(start, end):
        if marked[i] and (i == start or not marked[i - 1]):
            out.append("【")
        out.append(text[i])
        if marked[i] and (i + 1 == end or not marked[i + 1]):
            out.append("】")
    out.append("…" if end < len(text) else "")
    return "".join(out).replace("\n", " ")


# "我们服装厂…": the speaker's kind of plant (××厂 → 制造业 in synonyms.yaml) says who asks, as
# 企业 does, so it weighs as a generic word and does not outvote what is asked (培育库).
_KIND_OF_PLANT = re.compile(r"[\u4e00-\u9fff]{1,4}厂")


def _scores(groups: list[QueryGroup], index: _Index, unit_question: bool = False) -> list[float]:
    """Each clause's score: its text's BM25 plus BANK_WEIGHT × its best bank entry's BM25."""
    generic = _generic()
    n, m = len(index.clauses), len(index.bank_clause)
    scores, entries = [0.0] * n, [0.0] * m
    for g in groups:
        # One thing said counts once: a word and its synonyms do not add up.
        terms = _effective_terms(g, index)
        weight = (
            GENERIC_WEIGHT if all(t in generic for t in terms) or _KIND_OF_PLANT.fullmatch(g.surface) else 1.0
        )
        vectors = [index.term_scores(t, unit_question) for t in terms]
        if len(g.surface) >= DISTINCT_LEN and any(sum(1 for x in v if x > 0) == 1 for v in vectors):
            weight *= DISTINCT_WEIGHT  # a long term only one clause has (出口代理协议) names that clause
        for i in range(n):
            scores[i] += weight * max(v[i] for v in vectors)
        # Each entry's best term; an entry none of the terms is in would add weight × 0.0.
        best_term: dict[int, float] = {}
        for t in terms:
            for j, s in index.bank_hits(t).items():
                if s > best_term.get(j, 0.0):
                    best_term[j] = s
        for j, s in best_term.items():
            entries[j] += weight * s
    best = [0.0] * n
    for clause, entry in zip(index.bank_clause, entries, strict=True):
        best[clause] = max(best[clause], entry)  # an entry is one way of asking: the best one speaks
    return [t + BANK_WEIGHT * b for t, b in zip(scores, best, strict=True)]


# How a unit's name ends (工信局, 供电公司, 招商服务中心, 开发区管委会, 乡镇政府): 统计 in "统计奖励"
# reaches 统计局 through a synonym but names a subject, not a unit.
_UNIT_NAME = re.compile(r"(?:局|公司|中心|管委会|委|政府|单位|开发区|办|所|乡|镇|国网)$")


def _unit_listing(groups: list[QueryGroup], index: _Index) -> tuple[list[int], list[str]]:
    """The clauses of the responsible units a question names with nothing else of substance
    ("工信局负责哪几条", "统计局管哪些事"), in the notice's order; empty for any other question.

    An official lists a unit's duties clause by clause. BM25 would put first the clause with the
    shortest list of units, an accident: 工信局 is on eleven clauses.
    """
    generic = _generic()
    found: set[int] = set()
    names: list[str] = []
    for g in groups:
        terms = _effective_terms(g, index)
        on = {i for t in terms for i in range(len(index.clauses)) if index.unit_match(t, i)}
        # The preamble's "unit" is the issuer (将乐县人民政府办公室), no one's duty: its words
        # (将乐, 人民政府) neither list it nor stop a list.
        issuer = {i for i in on if index.clauses[i].id == "preamble"}
        if on - issuer and _UNIT_NAME.search(g.surface):
            found |= on - issuer
            names.append(g.surface)
        elif on and on <= issuer:
            continue
        elif not all(t in generic for t in terms):
            return [], []  # 在用电奖励里负责什么: the clause is named, the ranking decides
    return sorted(found), names


def search(query: str, top: int = 3) -> SearchResult:
    """Rank the clauses for a question; ``hits`` is empty when the notice does not cover it.

    A clause number in the question (第5条, 措施五 …) puts that clause first. Raises
    QueryError (Chinese message) for an empty, over-long or control-character question.
    """
    asked = check_query(query)
    text = correct_typos(to_mandarin(asked))
    index = _index()
    said = _said(text)
    declined = declined_by(text, said)
    groups, unknown = query_groups(text)
    if unknown:
        fixed, unknown = _typo_groups(text, unknown, index)
        groups += fixed
    if declined in _OUTWEIGHED and _notice_words(groups, index) >= _OUTWEIGHED[declined]:
        declined = None  # an aside ("正月里下雪") or a term of another field beside the notice's own
    unit_question = bool(said.intersection(vocabulary().unit_cues))
    scores = _scores(groups, index, unit_question=unit_question)
    rule = rule_figure_scores(text, [c.id for c in index.clauses], RULE_FIGURE_WEIGHT)
    if any(scores):  # a figure alone never makes a question about the notice
        scores = [a + b for a, b in zip(scores, rule, strict=True)]
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    ranked = []
    if (
        declined is None
        and scores[order[0]] > 0
        and _in_scope(groups, unknown, order[0], index, rule[order[0]] > 0, _says_money(text))
    ):
        # Once the question is in scope, every clause sharing a word with it is a candidate:
        # after 稳用电奖励 come its siblings 稳用气/稳用热奖励, alternatives the person may mean.
        ranked = [i for i in order if scores[i] > 0]
    listing, unit_names = _unit_listing(groups, index) if ranked and unit_question else ([], [])
    if listing:
        ranked = listing
    ref = parse_clause_ref(text)
    if ref is not None:
        listing = []
        pos = next(i for i, c in enumerate(index.clauses) if c.id == ref)
        ranked = [pos, *(i for i in ranked if i != pos)]
    generic = _generic()
    hits = []
    for i in ranked[: max(top, 1)]:
        clause = index.clauses[i]
        matched = sorted(
            {t for g in groups for t in _effective_terms(g, index) if index.term_scores(t)[i] > 0}, key=len
        )
        hits.append(
            Hit(
                id=clause.id,
                title=clause.title,
                score=round(scores[i], 3),
                responsible_units=list(clause.responsible_units),
                # Mark the words that make the clause relevant; 企业/奖励 are everywhere.
                snippet=_snippet(clause.text, [t for t in matched if t not in generic] or matched),
                matched=matched,
            )
        )
    # ``query`` is the question as normalised (what the person asked); ``tokens`` are read from
    # it after typo correction (统记员 → 统计员).
    return SearchResult(
        query=asked,
        tokens=[g.surface for g in groups],
        hits=hits,
        declined=None if hits else declined,
        unit_clauses=[index.clauses[i].id for i in listing],
        unit_names=unit_names if listing else [],
    )
