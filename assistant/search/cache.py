"""What search builds from the corpus, kept between runs in the user's cache directory.

Building the index costs most of a one-shot ``policy-assistant search``: YAML parsing, pydantic
validation of the corpus, segmenting every clause and bank question, the BM25 statistics (numpy
through rank-bm25). None of it changes between two runs, so the result — plain dicts, lists and
numbers — is written once with ``marshal`` and read back in a few milliseconds.

Where: ``$POLICY_ASSISTANT_CACHE`` if set (``off`` turns the cache off), otherwise
``$XDG_CACHE_HOME/policy-assistant`` or ``~/.cache/policy-assistant``.
Key: a hash of the corpus data files, the code that builds from them (the ``assistant/search``
and ``corpus`` sources: the code version, to the byte), the libraries whose behaviour is baked
in (jieba, rank-bm25) and the Python version (marshal's format is version-specific). Any change
gives a new key, hence a rebuild.
Safety: a file is written to a temporary name and renamed (``os.replace``), so a reader sees a
whole file or none, and two processes building at once just both write the same content. A file
that is missing, unreadable, truncated, corrupt or of another key is ignored: search builds in
memory instead, and a cache directory that cannot be written is not an error either.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import corpus
from corpus.stored import ENV, cache_dir

__all__ = ["ENV", "cache_dir", "read", "stored", "write"]  # ENV and cache_dir: shared with the corpus

# Bump when the layout of what is stored changes in a way the source hash would not show.
FORMAT = 1
_MAGIC = b"policy-assistant search cache\n"
_DIGEST = 32  # sha256
_PREFIX = "search-index-"
_SUFFIX = ".bin"
# Files of other keys (other checkouts, older corpora) kept beside the current one.
_KEEP = 3
_STALE_TEMP_SECONDS = 3600
# Sources and data the stored structures are derived from; a change in any of them rebuilds.
_SEARCH_DIR = Path(__file__).resolve().parent
_DATA_SUFFIXES = (".py", ".yaml", ".txt")
# Libraries whose algorithms shape what is stored: jieba's segmentation, rank-bm25's statistics.
_LIBRARIES = ("jieba", "rank_bm25")


def _inputs() -> list[Path]:
    files = [p for p in sorted(corpus.CORPUS_DIR.iterdir()) if p.suffix in _DATA_SUFFIXES]
    files += sorted(_SEARCH_DIR.glob("*.py"))
    for name in _LIBRARIES:
        spec = find_spec(name)  # locates the module without importing it
        if spec is not None and spec.origin:
            files.append(Path(spec.origin))
    return files


@cache
def cache_key() -> str:
    """Hex sha256 over everything the stored index is derived from (see the module docstring)."""
    h = hashlib.sha256()
    h.update(f"{FORMAT}|{sys.version}|{marshal.version}".encode())
    for path in _inputs():
        h.update(f"\0{path.name}\0".encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _path(directory: Path, key: str) -> Path:
    return directory / f"{_PREFIX}{key[:20]}{_SUFFIX}"


def read() -> dict | None:
    """The stored index for the current key, or None (no cache, missing, damaged, other key)."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        key = cache_key()
        raw = _path(directory, key).read_bytes()
        head = len(_MAGIC) + 2 * _DIGEST
        if len(raw) <= head or not raw.startswith(_MAGIC):
            return None
        stored_key, digest = raw[len(_MAGIC) : len(_MAGIC) + _DIGEST], raw[len(_MAGIC) + _DIGEST : head]
        body = memoryview(raw)[head:]
        if stored_key != bytes.fromhex(key) or hashlib.sha256(body).digest() != digest:
            return None  # another version's file, or one cut short or damaged on disk
        data = marshal.loads(body)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return data if isinstance(data, dict) else None


# What one stored file holds: the parts built by vocabulary, typos and index.
PARTS = ("vocabulary", "typos", "index")


@cache
def stored() -> dict | None:
    """The stored index, read once per process; None means build in memory (and then ``write``)."""
    data = read()
    if data is None or sorted(data) != sorted(PARTS) or not all(isinstance(data[p], dict) for p in PARTS):
        return None
    return data


def write(data: dict) -> bool:
    """Store the index for the current key; False (and nothing raised) if it cannot be written."""
    directory = cache_dir()
    if directory is None:
        return False
    import tempfile

    temp = None
    try:
        key = cache_key()
        body = marshal.dumps(data)
        directory.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{_PREFIX}", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(_MAGIC + bytes.fromhex(key) + hashlib.sha256(body).digest() + body)
        os.replace(temp, _path(directory, key))
        temp = None
    except (OSError, ValueError):
        return False  # read-only, full or missing directory: search still works, only slower
    finally:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass
    _prune(directory)
    return True


def _prune(directory: Path) -> None:
    """Drop all but the newest few index files and temporary files left by killed processes."""
    import time

    try:
        files = sorted(directory.glob(f"{_PREFIX}*{_SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
        now = time.time()
        temps = directory.glob(f".{_PREFIX}*.tmp")
        old = [p for p in temps if now - p.stat().st_mtime > _STALE_TEMP_SECONDS]
        for path in files[_KEEP:] + old:
            path.unlink(missing_ok=True)
    except OSError:
        pass  # another process pruned it first, or the directory went away
