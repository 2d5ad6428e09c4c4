"""The search vocabulary as data: user dictionary, synonym table and stop words (edited by staff).

Light on purpose (pydantic; PyYAML only for a file not cached, ``corpus.stored``): no jieba here;
``assistant.search.segment`` builds the tokenizer.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from corpus import read_yaml

CORPUS_DIR = Path(__file__).resolve().parent
USERDICT_FILE = CORPUS_DIR / "userdict.txt"
SYNONYMS_FILE = CORPUS_DIR / "synonyms.yaml"
STOPWORDS_FILE = CORPUS_DIR / "stopwords.txt"
SCOPE_FILE = CORPUS_DIR / "scope.yaml"
REAL_WORDS_FILE = CORPUS_DIR / "real_words.txt"

# A word listed without a frequency gets this one: high enough that a domain word such as
# 小升规 stays whole rather than being split into more frequent pieces.
DEFAULT_FREQ = 3000


class Lexicon(BaseModel):
    """``synonyms.yaml``: how people speak → the notice's words, and the generic words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # 口语词 → 通知用词 (one or more). The spoken word itself still matches where the notice uses it.
    synonyms: dict[str, list[str]]
    # Words too common in the notice to show a question is about it (企业, 奖励, 政策 …): they
    # still rank clauses but never, alone, make a question in scope.
    generic: list[str]
    # Characters a pinyin keyboard confuses (计/记, 然/燃 …), each line a set of one sound: a
    # question word that becomes a dictionary word when one of them is swapped is read as that word.
    confusable: list[str] = []
    # Words that ask which unit is responsible (负责, 找谁 …): the units field then weighs as
    # much as the title, and the cue word itself matches nothing.
    unit_cues: list[str] = []

    @field_validator("synonyms")
    @classmethod
    def _no_empty(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for key, targets in value.items():
            if not key.strip() or not targets or not all(t.strip() for t in targets):
                raise ValueError(f"同义词“{key}”的目标词不能为空")
        return value


class ScopeSignal(BaseModel):
    """One kind of question the notice does not answer (``scope.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reason: str
    words: list[str]
    unless: list[str] = []

    @field_validator("words")
    @classmethod
    def _no_single_characters(cls, value: list[str]) -> list[str]:
        short = [w for w in value if len(w.strip()) < 2]
        if short:
            raise ValueError(f"信号词至少两个字（单字不能单独决定范围）：{'、'.join(short)}")
        return value


def _lines(path: Path) -> list[str]:
    """Non-empty lines of a staff-edited text file; ``#`` starts a comment."""
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


@cache
def load_lexicon() -> Lexicon:
    return Lexicon.model_validate(read_yaml(SYNONYMS_FILE))


def _frequencies(path: Path) -> dict[str, int]:
    words: dict[str, int] = {}
    for line in _lines(path):
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else DEFAULT_FREQ
        words[parts[0]] = max(freq, words.get(parts[0], 0))
    return words


@cache
def load_userdict() -> dict[str, int]:
    """``userdict.txt``: one word a line, optionally followed by its frequency (jieba's format)."""
    return _frequencies(USERDICT_FILE)


@cache
def load_real_words() -> dict[str, int]:
    """``real_words.txt`` (same format): words of jieba's dictionary that typo correction keeps."""
    return _frequencies(REAL_WORDS_FILE) if REAL_WORDS_FILE.exists() else {}


@cache
def load_stopwords() -> frozenset[str]:
    """``stopwords.txt``: words separated by spaces or lines."""
    return frozenset(w for line in _lines(STOPWORDS_FILE) for w in line.split())


@cache
def load_scope() -> dict[str, ScopeSignal]:
    """``scope.yaml``: signal words of questions outside the notice, by kind."""
    data = read_yaml(SCOPE_FILE)
    return {kind: ScopeSignal.model_validate(entry) for kind, entry in data.items()}
