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
import sys
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import corpus
from corpus.stored import ENV, cache_dir, prune, read_framed, write_framed

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
    except OSError:
        return None
    found = read_framed(_path(directory, key), _MAGIC, bytes.fromhex(key))
    data = found[0] if found is not None else None
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
    try:
        key = cache_key()
    except OSError:
        return False
    # False for a read-only, full or missing directory: search still works, only slower
    if not write_framed(_path(directory, key), _MAGIC, bytes.fromhex(key), data, _PREFIX):
        return False
    _prune(directory)
    return True


def _prune(directory: Path) -> None:
    """Drop all but the newest few index files and temporary files left by killed processes."""
    prune(directory, f"{_PREFIX}*{_SUFFIX}", _PREFIX, _KEEP, _STALE_TEMP_SECONDS)
