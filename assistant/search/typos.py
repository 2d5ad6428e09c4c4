"""Pinyin typos in a question, read as the dictionary word they sound like (统记员 → 统计员).

The dictionary is the compact one search segments with (notice words, userdict, synonyms);
words of jieba's full dictionary that a respelling would turn into one of those (对付 → 兑付,
发声 → 发生) are kept in ``corpus/real_words.txt`` so that a real word is never "corrected".
Rebuild that list when the confusable sets or the dictionary change:
``python -m assistant.search.typos``.
"""

from __future__ import annotations

from functools import cache

from assistant.search import cache as search_cache
from assistant.search.segment import _WORD, tokenizer
from assistant.search.vocabulary import compact_dictionary, vocabulary

# jieba's rarest entries include common misspellings (天燃气 has frequency 3): only a word seen
# at least this often counts as real.
MIN_REAL_FREQ = 20


@cache
def _sound_alikes() -> dict[str, str]:
    """Each confusable character → the first character of its sound set (synonyms.yaml
    ``confusable``; a character listed in two sets belongs to the first)."""
    table: dict[str, str] = {}
    for group in vocabulary().confusable:
        for ch in group:
            table.setdefault(ch, group[0])
    return table


def _sound(word: str, table: dict[str, str]) -> str:
    """How a word sounds, as far as the sets tell: 统记员 and 统计员 sound alike."""
    return "".join(table.get(ch, ch) for ch in word)


@cache
def _typo_targets() -> frozenset[str]:
    """Words a typo may be read as: the dictionary's content words of two characters or more
    (not stop words or out-of-scope signals, which no one mistypes on purpose)."""
    from corpus.lexicon import load_real_words, load_scope, load_stopwords

    skip = (
        set(load_stopwords()) | {w for s in load_scope().values() for w in s.words} | set(load_real_words())
    )
    return frozenset(w for w in compact_dictionary() if len(w) >= 2 and w not in skip)


def build_state() -> dict[str, tuple[str, ...]]:
    """Typo targets by how they sound, built from ``corpus/`` (what the cache stores)."""
    table, found = _sound_alikes(), {}
    for word in _typo_targets():
        found.setdefault(_sound(word, table), []).append(word)
    return {key: tuple(words) for key, words in found.items()}


@cache
def targets_by_sound() -> dict[str, tuple[str, ...]]:
    stored = search_cache.stored()
    return stored["typos"] if stored is not None else build_state()


def _respellings(window: str, table: dict[str, str], swaps: int) -> set[str]:
    """Dictionary words that sound like the window and differ from it in 1 to ``swaps`` characters."""
    return {
        w
        for w in targets_by_sound().get(_sound(window, table), ())
        if 0 < sum(a != b for a, b in zip(w, window, strict=True)) <= swaps
    }


def correct_typos(text: str) -> str:
    """Replace pinyin typos by the one dictionary word they sound like (统记员 → 统计员).

    A typo breaks a word into pieces, so only a run of two or more segments with a lone
    character among them (统/记/员, 天/燃气) is a candidate — never part of a word (天然气
    holds 然气, which is not a misspelt 燃气). It is replaced when swapping sound-alike
    characters (one in a two-character run, up to two in a longer one) gives exactly one
    dictionary word. Longest run first, left to right.
    """
    table = _sound_alikes()
    if not any(ch in table for ch in text):
        return text
    tokens = list(tokenizer().cut(text, HMM=False))
    out, i = [], 0
    while i < len(tokens):
        fixed, end = None, i + 1
        for j in range(min(len(tokens), i + 6), i + 1, -1):
            window = "".join(tokens[i:j])
            if not 2 <= len(window) <= 6 or not _WORD.match(window):
                continue
            if not any(len(t) == 1 for t in tokens[i:j]) or not any(ch in table for ch in window):
                continue
            words = _respellings(window, table, 1 if len(window) == 2 else 2)
            if len(words) == 1:
                fixed, end = words.pop(), j
                break
        out.append(fixed or tokens[i])
        i = end
    return "".join(out)


def rebuild_real_words() -> int:  # pragma: no cover - an offline maintenance step
    """Write corpus/real_words.txt: jieba's words that ``correct_typos`` would respell."""
    import os

    import jieba

    from assistant.search.vocabulary import state
    from corpus.lexicon import REAL_WORDS_FILE, load_real_words

    REAL_WORDS_FILE.write_text("", encoding="utf-8")
    # The key of search's cache covers real_words.txt: forget the old key and what it read.
    for f in (search_cache.cache_key, search_cache.stored, state, vocabulary):
        f.cache_clear()
    for f in (load_real_words, tokenizer, _typo_targets, targets_by_sound):
        f.cache_clear()
    found = []
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            word, freq, *_ = line.split()
            if int(freq) >= MIN_REAL_FREQ and 2 <= len(word) <= 6 and correct_typos(word) != word:
                found.append(f"{word} {freq}")
    header = (
        f"# jieba 词典里的真词（词频 ≥ {MIN_REAL_FREQ}）：拼音纠错（assistant/typos.py）不把它们改成通知用词"
        "（对付 不是 兑付）。\n"
        "# 自动生成：python -m assistant.search.typos（可删改；格式同 userdict.txt：词 词频）\n"
    )
    REAL_WORDS_FILE.write_text(header + "\n".join(found) + "\n", encoding="utf-8")
    return len(found)


if __name__ == "__main__":  # pragma: no cover
    from corpus.lexicon import REAL_WORDS_FILE

    print(f"写入 {rebuild_real_words()} 个真词到 {REAL_WORDS_FILE}")
