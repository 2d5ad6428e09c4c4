"""The words search works with, as plain data: the tokenizer's dictionary, synonyms, generic
words, unit cues, stop words, sound-alike characters and the out-of-scope signals.

Built from ``corpus/`` (the YAML validated by the pydantic models of ``corpus.lexicon``) or read
back from the cache (``assistant.search.cache``): a question never needs pydantic or PyYAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from assistant.search import cache as search_cache

# The units a rule's figure may be named in (rule_figures); a figure without a unit is money,
# the unit of most of the notice's figures.
_YUAN = ("元", "元/人/月", "元/千瓦时", "元/立方米")
FIGURE_UNITS = {
    None: (*_YUAN, "美元"),
    "元": _YUAN,
    "美元": ("美元",),
    "千瓦时": ("千瓦时",),
    "立方米": ("立方米",),
}


@dataclass(frozen=True, slots=True)
class Signal:
    """One kind of question the notice does not answer (a key of ``corpus/scope.yaml``)."""

    reason: str
    words: list[str]
    unless: list[str]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    synonyms: dict[str, list[str]]
    generic: frozenset[str]
    unit_cues: list[str]
    confusable: list[str]
    stopwords: frozenset[str]
    scope: dict[str, Signal]
    # (value, unit) of each figure the notice's rules state → the clauses stating it (rule_figures)
    rule_figures: dict[tuple[str, str], frozenset[str]]
    # jieba's dictionary: every word with its frequency, every prefix of a word with 0 if not a word.
    freq: dict[str, int]
    total: int


def compact_dictionary() -> dict[str, int]:
    """Every word search can segment: the user dictionary, synonyms, generic and stop words, the
    signal words of questions outside the notice (so that 热死了 is one word, not 热 + …) and
    the real words typo correction must leave alone."""
    from corpus.lexicon import (
        DEFAULT_FREQ,
        load_lexicon,
        load_real_words,
        load_scope,
        load_stopwords,
        load_userdict,
    )

    words = {**load_real_words(), **load_userdict()}
    lexicon = load_lexicon()
    extra = [*lexicon.synonyms, *(t for ts in lexicon.synonyms.values() for t in ts), *lexicon.generic]
    extra += load_stopwords()
    extra += lexicon.unit_cues
    extra += [w for signal in load_scope().values() for w in (*signal.words, *signal.unless)]
    for word in extra:
        words.setdefault(word, DEFAULT_FREQ)
    return words


def build_state() -> dict:
    """The vocabulary from ``corpus/``, as the plain dicts and lists the cache stores."""
    from corpus.lexicon import load_lexicon, load_scope, load_stopwords

    freq: dict[str, int] = {}
    for word, count in compact_dictionary().items():
        freq[word] = count
        for end in range(1, len(word)):  # jieba's DAG needs every prefix present (0 if not a word)
            freq.setdefault(word[:end], 0)
    lexicon = load_lexicon()
    return {
        "synonyms": {key: list(targets) for key, targets in lexicon.synonyms.items()},
        "generic": list(lexicon.generic),
        "unit_cues": list(lexicon.unit_cues),
        "confusable": list(lexicon.confusable),
        "stopwords": load_stopwords(),
        "scope": {kind: [s.reason, list(s.words), list(s.unless)] for kind, s in load_scope().items()},
        "rule_figures": rule_figure_table(),
        "freq": freq,
        "total": sum(freq.values()),
    }


def rule_figure_table() -> list[list]:
    """[value, unit, [clause ids]] for every figure of corpus/parameters.yaml in a unit a question
    may name (money, 美元, 千瓦时, 立方米): plain lists, as the cache stores them."""
    from corpus import load_parameters

    units = {u for names in FIGURE_UNITS.values() for u in names}
    found: dict[tuple[str, str], set[str]] = {}
    for p in load_parameters().values():
        if p.unit in units:
            found.setdefault((format(p.decimal.normalize(), "f"), p.unit), set()).add(p.clause)
    return [[value, unit, sorted(ids)] for (value, unit), ids in sorted(found.items())]


@cache
def state() -> dict:
    """The stored vocabulary when the cache has one for this corpus and code, else a fresh build."""
    stored = search_cache.stored()
    return stored["vocabulary"] if stored is not None else build_state()


@cache
def vocabulary() -> Vocabulary:
    data = state()
    return Vocabulary(
        synonyms=data["synonyms"],
        generic=frozenset(data["generic"]),
        unit_cues=data["unit_cues"],
        confusable=data["confusable"],
        stopwords=frozenset(data["stopwords"]),
        scope={kind: Signal(*signal) for kind, signal in data["scope"].items()},
        rule_figures={(value, unit): frozenset(ids) for value, unit, ids in data["rule_figures"]},
        freq=data["freq"],
        total=data["total"],
    )
