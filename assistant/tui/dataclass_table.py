"""The methods ``dataclasses`` writes, compiled once and kept in the user's cache directory.

For each dataclass, ``dataclasses`` writes the source of its ``__init__``, ``__repr__`` and
``__eq__`` (and ``__setattr__``, ``__delattr__`` and ``__hash__`` for a frozen one) and compiles
it with ``exec``. Starting the chat makes ≈150 such compilations as textual is imported (≈17 ms),
then ≈470 as the engine is (the calculators' measure parts, pydantic's and annotated_types'
markers, the search's records: ≈40 ms before the first answer): every launch, the same texts.
Compiled code can be kept: ``marshal`` writes code objects (a ``.pyc`` file is one). So after a
first load the code of every text ``dataclasses`` compiled is written down (``save_if_stale``),
and the next launch gives ``dataclasses`` an ``exec`` of its own (``install``: a module global,
found before the builtin) that runs the stored code of a text it has and compiles any other.
A stored code is what ``exec`` compiles of that very text (file name ``<string>``, no future
flags: ``dataclasses`` has none, else nothing is installed), so every class and method is the
same. No module changes how it declares a dataclass.

Key: the Python version and marshal's format (code is only good for the interpreter that compiled
it); each entry is found by its whole text. A missing, foreign, truncated or corrupt file means
nothing is stored (only slower); ``POLICY_ASSISTANT_CACHE=off`` turns it off, as it does the other
caches, and the file is written atomically beside them. It is code run from the cache directory,
as ``__pycache__``'s is from beside the sources: both are the person's own.
"""

from __future__ import annotations
import __future__

import builtins
import dataclasses
import hashlib
import marshal
import sys
from functools import cache
from pathlib import Path
from types import CodeType

# light: no notice, no pydantic (installed before textual's import)
from corpus.stored import cache_dir, prune, read_framed, write_framed

FORMAT = 1
_MAGIC = b"policy-assistant dataclass methods\n"
_PREFIX = "dataclass-methods-"
_SUFFIX = ".bin"
_KEEP = 3
_WORTH_SAVING = 8

_stored: dict[str, CodeType] = {}  # read from the file
_compiled: dict[str, CodeType] = {}  # compiled by this process: what ``save`` adds
_used: set[str] = set()  # stored texts this process ran: what ``save`` keeps of the file
_installed: list[bool] = []


def _exec(source: object, names: dict | None = None, local_names: dict | None = None, /) -> None:
    """``exec`` as ``dataclasses`` calls it: a text's stored code, or the text compiled now."""
    if type(source) is str:
        code = _stored.get(source)
        if code is not None:
            _used.add(source)
        else:
            code = _compiled.get(source)
        if code is None:
            # dont_inherit: as exec compiles a text for dataclasses, without this module's futures
            code = _compiled[source] = compile(source, "<string>", "exec", dont_inherit=True)
        source = code
    if names is None or local_names is None:  # exec's defaults: its caller's namespaces
        frame = sys._getframe(1)
        names = frame.f_globals if names is None else names
        local_names = frame.f_locals if local_names is None else local_names
    builtins.exec(source, names, local_names)  # type: ignore[arg-type]


def _plain() -> bool:
    """Whether ``dataclasses`` compiles its texts with no future feature and no ``exec`` but the builtin."""
    names = vars(dataclasses)
    futures = any(names.get(f) is getattr(__future__, f) for f in __future__.all_feature_names)
    return not futures and "exec" not in names


@cache
def table_key() -> str:
    """Hex sha256 over what stored code depends on: the interpreter and marshal's format."""
    text = f"{FORMAT}|{sys.version}|{sys.implementation.cache_tag}|{marshal.version}"
    return hashlib.sha256(text.encode()).hexdigest()


def _path(directory: Path, key: str) -> Path:
    return directory / f"{_PREFIX}{key[:20]}{_SUFFIX}"


def install() -> int:
    """Give ``dataclasses`` this ``exec``; how many texts were stored (0: none, caching off, or
    installed already). Installed with nothing stored too: what it compiles is then saved."""
    if _installed or not _plain():
        return 0
    directory = cache_dir()
    if directory is None:
        return 0
    key = table_key()
    found = read_framed(_path(directory, key), _MAGIC, bytes.fromhex(key))
    data = found[0] if found is not None else None
    if isinstance(data, dict):
        _stored.update((t, c) for t, c in data.items() if type(t) is str and type(c) is CodeType)
    _installed.append(True)
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    return len(_stored)


def save_if_stale() -> bool:
    """Store the table when this process compiled enough texts it lacked (missing, or behind the code)."""
    return len(_compiled) >= _WORTH_SAVING and save()


def save() -> bool:
    """Store the code of every text this process ran, stored or compiled (texts of classes since
    changed drop out); False (nothing raised) if not written."""
    directory = cache_dir()
    if directory is None or not _installed:
        return False
    key = table_key()
    data = {**{t: _stored[t] for t in list(_used)}, **_compiled}
    if not write_framed(_path(directory, key), _MAGIC, bytes.fromhex(key), data, _PREFIX):
        return False
    _stored.update(data)
    _compiled.clear()
    prune(directory, f"{_PREFIX}*{_SUFFIX}", _PREFIX, _KEEP)
    return True
