"""The chat's regular expressions, compiled once and kept in the user's cache directory.

Starting the chat compiles ≈250 patterns: textual's own as it is imported (≈60, ≈25 ms), then, as
the engine is, the cue and fact tables of ``assistant.dialog``, the figure reader, jieba's (≈190,
≈50 ms of the first answer): every launch, for the same result. ``re`` cannot store a compiled
pattern, but what it compiles is a list of integers (``re._compiler._code``) that ``_sre.compile``
turns back into the very same Pattern object. So after a first load the codes of every pattern in
``re``'s cache are written down (``save_if_stale``), and the next launch puts the patterns back
into ``re``'s cache before textual and the engine are imported (``prefill``: the chat command,
then the app's loading worker): each ``re.compile`` at import then finds its pattern already
there. No module changes how it compiles; a pattern not in the table is compiled as always.

Key: the Python version and its regex engine (``_sre.MAGIC``, ``CODESIZE``, the ``re`` compiler's
sources): only the same compiler gives the same codes. Each entry is checked when it is written
(the rebuilt Pattern must equal the compiled one: ``_sre`` compares flags, pattern and code).
A missing, foreign, truncated or corrupt file, or a Python whose ``re`` keeps its cache otherwise,
means nothing is prefilled (only slower). ``POLICY_ASSISTANT_CACHE=off`` turns it off, as it does
the search cache, and the file is written atomically beside the search index.
"""

from __future__ import annotations

import hashlib
import marshal
import re
import sys
from functools import cache
from pathlib import Path

# light: no notice, no pydantic (the first frame waits for it)
from corpus.stored import cache_dir, prune, read_framed, write_framed

FORMAT = 1
_MAGIC = b"policy-assistant regex table\n"
_DIGEST = 32  # sha256
_PREFIX = "regex-table-"
_SUFFIX = ".bin"
_KEEP = 3
_WORTH_SAVING = 8

# One entry: (pattern, flags as given, flags compiled, code, groups - 1, group names → numbers).
Entry = tuple[str, int, int, list[int], int, dict[str, int]]
# (pattern, flags) of the entries ``prefill`` read: what ``missing`` compares ``re``'s cache with.
_stored: set[tuple[str, int]] = set()


def _engine() -> object | None:
    """``_sre`` and the compiler's parts, or None where this Python has none of them."""
    try:
        import _sre
        from re import _compiler
    except ImportError:
        return None
    if not isinstance(getattr(re, "_cache", None), dict) or not hasattr(_compiler, "_code"):
        return None
    return _sre


@cache
def table_key() -> str:
    """Hex sha256 over what the stored codes depend on: the interpreter and its regex compiler."""
    import _sre
    from re import _compiler, _constants, _parser

    h = hashlib.sha256()
    h.update(f"{FORMAT}|{sys.version}|{marshal.version}|{_sre.MAGIC}|{_sre.CODESIZE}".encode())
    for module in (_compiler, _parser, _constants):
        h.update(Path(module.__file__).read_bytes())  # type: ignore[arg-type]
    return h.hexdigest()


def _path(directory: Path, key: str) -> Path:
    return directory / f"{_PREFIX}{key[:20]}{_SUFFIX}"


def _read() -> list | None:
    directory = cache_dir()
    if directory is None:
        return None
    try:
        key = table_key()
    except (OSError, TypeError):
        return None
    found = read_framed(_path(directory, key), _MAGIC, bytes.fromhex(key))
    data = found[0] if found is not None else None
    return data if isinstance(data, list) else None


def prefill() -> int:
    """Put the stored patterns into ``re``'s cache; how many were put (0: none stored or usable,
    or put already by this process)."""
    if _stored:
        return 0
    sre = _engine()
    data = _read() if sre is not None else None
    if not data:
        return 0
    cached = re._cache  # type: ignore[attr-defined]
    put = 0
    for entry in data:
        try:
            pattern, flags, compiled_flags, code, groups, groupindex = entry
            key = (str, pattern, flags)
            if key not in cached:
                cached[key] = _rebuild(sre, (pattern, flags, compiled_flags, code, groups, groupindex))
                put += 1
            _stored.add((pattern, flags))
        except (TypeError, ValueError, IndexError, RuntimeError, OverflowError):
            continue  # a damaged entry: that pattern is compiled as usual
    return put


def _rebuild(sre: object, entry: Entry) -> re.Pattern[str]:
    """The Pattern ``re._compiler.compile`` makes of these codes (its last step, done here)."""
    pattern, _, compiled_flags, code, groups, groupindex = entry
    names: list[str | None] = [None] * (groups + 1)
    for name, number in groupindex.items():
        names[number] = name
    return sre.compile(pattern, compiled_flags, code, groups, groupindex, tuple(names))  # type: ignore[attr-defined]


def unstored() -> int:
    """How many text patterns in ``re``'s cache the stored table lacks (0 when caching is off)."""
    if _engine() is None or cache_dir() is None:
        return 0
    return sum(1 for k in list(re._cache) if _text_key(k) and (k[1], k[2]) not in _stored)  # type: ignore[attr-defined]


def save_if_stale() -> bool:
    """Store the table when it is missing or behind the code. A few patterns are built from what was
    asked (a clause's highlighted words): those alone are not worth rewriting the file."""
    return unstored() >= _WORTH_SAVING and save()


def _text_key(key: object) -> bool:
    return isinstance(key, tuple) and len(key) == 3 and key[0] is str


def entries() -> list[Entry]:
    """Codes of every text pattern now in ``re``'s cache, each checked against the compiled one."""
    sre = _engine()
    if sre is None:
        return []
    from re import _compiler, _parser

    out: list[Entry] = []
    for key, compiled in list(re._cache.items()):  # type: ignore[attr-defined]
        if not _text_key(key):
            continue
        _, pattern, flags = key
        try:
            parsed = _parser.parse(pattern, flags)
            code = [int(c) for c in _compiler._code(parsed, flags)]
            state = parsed.state
            groups, groupindex = state.groups - 1, dict(state.groupdict)
            entry: Entry = (pattern, int(flags), int(state.flags | flags), code, groups, groupindex)
            rebuilt = _rebuild(sre, entry)
        except Exception:  # any surprise from re's internals: that pattern is left out
            continue
        if rebuilt == compiled and rebuilt.groupindex == compiled.groupindex:
            out.append(entry)
    return out


def save() -> bool:
    """Store the codes of the patterns compiled so far; False (nothing raised) if not written."""
    directory = cache_dir()
    if directory is None or _engine() is None:
        return False
    try:
        key, data = table_key(), entries()
    except (OSError, ValueError):
        return False
    if not write_framed(_path(directory, key), _MAGIC, bytes.fromhex(key), data, _PREFIX):
        return False
    _prune(directory)
    return True


def _prune(directory: Path) -> None:
    """Drop all but the newest few tables (other Pythons) and temporary files of killed processes."""
    prune(directory, f"{_PREFIX}*{_SUFFIX}", _PREFIX, _KEEP)
