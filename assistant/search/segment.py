"""Segmentation for clause search: jieba over a compact domain dictionary, synonyms, stop words.

jieba's default dictionary (5 MB, 350 000 words) takes most of a second and ~90 MB to load.
Search only needs the words its index knows, so the tokenizer is built from
``corpus/userdict.txt`` (hand-kept domain words + the notice's own words, extracted once
offline by ``python -m assistant.search.segment``), the synonym table and the stop words. Anything
else falls back to single characters, which is all a question outside the notice needs.
"""

from __future__ import annotations

import importlib
import logging
import re
import sys
import types
from dataclasses import dataclass
from functools import cache

from assistant.search.vocabulary import compact_dictionary, state, vocabulary

# Single characters that carry meaning in a question (电费 said as 电, 方 for 立方米 …) are the
# synonym table's one-character keys; every other lone character is a function word or a
# fragment of a word the index does not know.
_NUMBER = re.compile(r"^[0-9.%]+$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"^[\u4e00-\u9fff]+$")
_GENERATED_MARK = "# ---- 自动生成"
# OpenCC's configuration for 繁體 (Taiwan, Hong Kong, old texts) → 简体.
_OPENCC_CONFIG = "t2s.json"
_FINALSEG = "jieba.finalseg"


class _LaterFinalseg(types.ModuleType):
    """Stands for ``jieba.finalseg`` until jieba first uses it, then puts the real one in place."""

    def __getattr__(self, name: str) -> object:
        del sys.modules[_FINALSEG]
        real = importlib.import_module(_FINALSEG)
        sys.modules["jieba"].finalseg = real  # jieba's global ``finalseg``: the real one from now on
        return getattr(real, name)


def _import_jieba():  # noqa: ANN202 - the jieba module
    """Import jieba quietly and fast.

    jieba's ``_compat`` imports ``pkg_resources`` (≈70 ms) only to locate its default
    dictionary, which we never load; hiding it makes jieba use its plain-file fallback.
    ``jieba.finalseg`` (the HMM for words no dictionary has; its tables take ≈30 ms to load) is
    only used by a cut with ``HMM=True``, which search never makes: it loads on first use.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    later = _FINALSEG not in sys.modules
    if later:
        sys.modules[_FINALSEG] = _LaterFinalseg(_FINALSEG)
    try:
        import jieba
    except BaseException:
        if later:
            sys.modules.pop(_FINALSEG, None)
        raise
    finally:
        if hidden:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)  # it logs to the real stderr, over a terminal UI
    return jieba


@cache
def _converter():  # noqa: ANN202 - opencc.OpenCC
    import opencc

    return opencc.OpenCC(_OPENCC_CONFIG)


def to_simplified(text: str) -> str:
    """繁體 → 简体 with OpenCC, loaded only for a text that needs it.

    GB2312 is the simplified character set: a text it can encode has no traditional character
    to convert (a handful such as 後/於 are in both sets and stay, which BM25 barely notices),
    so the converter (≈7 ms to load) is not loaded for the usual simplified question.
    """
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return _converter().convert(text)
    return text


# Cantonese written words (after 繁→简) as the Mandarin the notice's dictionary knows: a hotline
# hears "唔够百分之五係咪冇得攞" as often as "不够百分之五是不是没得拿". Only words that are not
# also Mandarin (系 alone is 体系/联系; 几多 and 点 are Mandarin too), longest first.
_CANTONESE = (
    ("系唔系", "是不是"),
    ("系咪", "是不是"),
    ("唔系", "不是"),
    ("唔该", "请问"),
    ("乜嘢", "什么"),
    ("点样", "怎么样"),
    ("边度", "哪里"),
    ("冇", "没有"),
    ("唔", "不"),
    ("攞", "拿"),
    ("嘅", "的"),
    ("咩", "什么"),
    ("畀", "给"),
    ("喺", "在"),
    ("呢啲", "这些"),
    ("呢个", "这个"),
    ("啲", "些"),
    ("我哋系", "我们是"),  # 係 → 系 by OpenCC: "是" only right after a Cantonese subject
    ("佢哋系", "他们是"),
    ("佢系", "他是"),
    ("佢哋", "他们"),
    ("我哋", "我们"),
    ("咗", "了"),
    ("应该系", "应该是"),  # "唔系，应该系520万先啱": a correction
    ("先啱", "才对"),
    ("先至", "才"),  # "今年先至入规"
    ("隔篱", "隔壁"),
    ("入面", "里面"),  # "喺库入面好耐": in the library a long time
    ("点解", "为什么"),
    ("呢份", "这份"),
    ("仲多", "还多"),
    ("仲有", "还有"),
    ("啱", "对"),
)
_CANTONESE_SYSTEM = re.compile(r"(?<![关联体派直院维谱星水])系(?![统列数上])")
# Characters only Cantonese writes: a question without one is left as it is.
_CANTONESE_CHARS = frozenset("唔咪冇攞嘅咩畀喺啲哋乜嘢咗啱")
# ...and words written with Mandarin characters: "点解要出呢份措施"
_CANTONESE_WORDS = ("点解", "呢份", "呢个")


def to_mandarin(text: str) -> str:
    """Cantonese written words as Mandarin (唔够 → 不够, 冇 → 没有); other text unchanged."""
    if not _CANTONESE_CHARS.intersection(text) and not any(w in text for w in _CANTONESE_WORDS):
        return text
    for said, meant in _CANTONESE:
        text = text.replace(said, meant)
    # 係 (系 once simplified) is 是 in Cantonese, except inside Mandarin words: "之前係規下"
    return _CANTONESE_SYSTEM.sub("是", text)


@cache
def tokenizer():  # noqa: ANN201 - jieba.Tokenizer
    """A jieba.Tokenizer over the compact dictionary (``vocabulary().freq``: built in memory or
    read from search's cache, never jieba's own cache file in /tmp)."""
    jieba = _import_jieba()
    tok = jieba.Tokenizer()
    words = vocabulary()
    tok.FREQ, tok.total, tok.initialized = words.freq, words.total, True
    return tok


@dataclass(frozen=True)
class QueryGroup:
    """One thing the person said: the index terms it stands for (itself and its synonyms), and
    the known words inside them (``parts``), to fall back on when no whole term is indexed."""

    surface: str
    terms: tuple[str, ...]
    parts: tuple[str, ...] = ()


def _subwords(word: str, freq: dict[str, int]) -> list[str]:
    """Known words inside a longer one (统计人员 → 统计, 人员; 实际利用外资 → 利用外资), like
    jieba's cut_for_search but at every length: a question saying only part of a compound
    still meets it."""
    return [
        word[i : i + n]
        for n in range(2, len(word))
        for i in range(len(word) - n + 1)
        if freq.get(word[i : i + n])
    ]


def raw_tokens(text: str) -> list[str]:
    """jieba's cut without HMM: unknown text stays as single characters instead of invented words."""
    return [t for t in tokenizer().cut(text.lower(), HMM=False) if t.strip()]


@cache
def _one_char_keys() -> frozenset[str]:
    return frozenset(k for k in vocabulary().synonyms if len(k) == 1)


@cache
def _query_stop() -> frozenset[str]:
    # A unit cue (负责, 找谁) says what kind of answer is wanted, not what it is about.
    words = vocabulary()
    return words.stopwords | frozenset(words.unit_cues)


def _keep(token: str, stop: frozenset[str], one_char_keys: frozenset[str]) -> bool:
    if token in stop or _NUMBER.match(token) or not (_CJK.search(token) or token.isalpha()):
        return False
    return len(token) > 1 or token in one_char_keys


def document_terms(text: str) -> list[str]:
    """Index terms of a clause field: words, plus the known words inside long ones."""
    stop, freq = vocabulary().stopwords, tokenizer().FREQ
    one_char = _one_char_keys()
    terms: list[str] = []
    for token in raw_tokens(text):
        if _keep(token, stop, one_char):
            terms.append(token)
            terms += _subwords(token, freq)
    return terms


def query_groups(text: str) -> tuple[list[QueryGroup], list[str]]:
    """The question's groups (word → itself + synonyms + sub-words) and its unknown fragments.

    Unknown fragments are runs of two or more characters the dictionary does not know
    (营业执照 → 营/业/执/照): content the notice cannot speak to, used by the scope rule.
    """
    stop, freq = _query_stop(), tokenizer().FREQ
    synonyms = vocabulary().synonyms
    one_char = _one_char_keys()
    groups: list[QueryGroup] = []
    unknown: list[str] = []
    run = ""
    for token in [*raw_tokens(text), ""]:
        is_unknown_char = len(token) == 1 and _CJK.match(token) and token not in stop
        if is_unknown_char and token not in one_char and not freq.get(token):
            run += token
            continue
        if len(run) >= 2:
            unknown.append(run)
        run = ""
        if not token or not _keep(token, stop, one_char):
            continue
        terms = (token, *synonyms.get(token, ()))
        parts = [p for t in terms for p in _subwords(t, freq) if p not in terms and p not in stop]
        groups.append(QueryGroup(token, terms, tuple(dict.fromkeys(parts))))
    return groups, unknown


def rebuild_notice_words() -> int:  # pragma: no cover - an offline maintenance step
    """Rewrite the generated part of userdict.txt from the notice with jieba's full dictionary.

    Run once when the notice changes (``python -m assistant.search.segment``); the hand-kept part
    above the marker line is left as it is. Returns the number of words written.
    """
    import jieba

    from assistant.search import cache as search_cache
    from corpus import load_notice
    from corpus.lexicon import USERDICT_FILE, load_userdict

    notice = load_notice()
    texts = [notice.metadata.notice_title]
    for c in notice.clauses:
        texts += [c.title, c.text, c.responsible_units_text or "", notice.section_title(c.section)]
    found: dict[str, int] = {}
    for text in texts:
        for word in jieba.cut_for_search(text, HMM=False):
            if len(word) > 1 and _CJK.search(word) and jieba.dt.FREQ.get(word):
                found[word] = jieba.dt.FREQ[word]
    hand = USERDICT_FILE.read_text(encoding="utf-8").split(_GENERATED_MARK)[0].rstrip("\n")
    header = f"{_GENERATED_MARK}：python -m assistant.search.segment 从通知原文提取（可改词频、可删）----"

    def write() -> None:
        body = "\n".join(f"{w} {f}" for w, f in sorted(found.items()))
        USERDICT_FILE.write_text(f"{hand}\n{header}\n{body}\n", encoding="utf-8")
        load_userdict.cache_clear()
        # The key of search's cache covers userdict.txt: forget the old key and what it read.
        for built in (search_cache.cache_key, search_cache.stored, state, vocabulary, tokenizer):
            built.cache_clear()

    write()
    # Raise a word's frequency where the compact dictionary would split it (服务中心 → 服务/中心),
    # so that every word the index knows can be segmented out of a question.
    tok = tokenizer()
    for word in sorted(compact_dictionary(), key=len):
        if _WORD.match(word) and tok.lcut(word, HMM=False) != [word]:
            found[word] = tok.suggest_freq(word, tune=True)
    write()
    return len(found)


if __name__ == "__main__":  # pragma: no cover
    from corpus.lexicon import USERDICT_FILE

    print(f"写入 {rebuild_notice_words()} 个通知用词到 {USERDICT_FILE}")
