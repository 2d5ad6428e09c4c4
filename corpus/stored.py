"""The corpus YAML files' parsed data, kept between runs in the user's cache directory.

The chat's first answer reads four of them (notice, parameters, synonyms, scope): importing PyYAML
and parsing them costs ≈25 ms each launch for the same plain dicts, lists and strings. So the
parsed data is written once with ``marshal`` and read back in well under a millisecond; pydantic
still validates it exactly as before (what is cached is what PyYAML returned, not the models).

Where: ``$POLICY_ASSISTANT_CACHE`` if set (``off`` turns caching off), otherwise
``$XDG_CACHE_HOME/policy-assistant`` or ``~/.cache/policy-assistant`` — shared with the search
index (``assistant.search.cache`` takes ``cache_dir`` from here: the corpus may not import the
assistant). Key: a hash of the file's text, PyYAML's version and the Python version; an edited
file gets a new key, hence a fresh parse. Safety as for the search index: written to a temporary
name and renamed; a missing, foreign, truncated or corrupt file is ignored (parsed again and
rewritten), and a directory that cannot be written is not an error.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from functools import cache
from importlib.util import find_spec
from pathlib import Path

ENV = "POLICY_ASSISTANT_CACHE"
_OFF = {"", "0", "off", "no", "none", "false"}
FORMAT = 1
_MAGIC = b"policy-assistant corpus yaml\n"
_DIGEST = 32  # sha256
_PREFIX = "corpus-"
_SUFFIX = ".bin"
_KEEP = 3  # per file: older versions of it (other checkouts, earlier edits) beside the current one


def cache_dir() -> Path | None:
    """The cache directory, or None when caching is off or there is no home."""
    value = os.environ.get(ENV)
    if value is not None:
        return None if value.strip().lower() in _OFF else Path(value).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    try:
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    except RuntimeError:  # no home directory to speak of
        return None
    return base / "policy-assistant"


@cache
def _parser_id() -> bytes:
    """PyYAML's version, read from its source without importing it (its import is what is saved)."""
    spec = find_spec("yaml")
    origin = spec.origin if spec is not None else None
    return hashlib.sha256(Path(origin).read_bytes()).digest() if origin else b"-"


def parse_yaml(text: str) -> object:
    """YAML text's data, parsed with libyaml where installed (the pure-Python parser costs tens
    of ms per file)."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_yaml(path: Path) -> object:
    """``path``'s YAML data: from the cache when stored for this very text, else parsed (and stored)."""
    text = path.read_text(encoding="utf-8")
    directory = cache_dir()
    if directory is None:
        return parse_yaml(text)
    h = hashlib.sha256(f"{FORMAT}|{sys.version}|{marshal.version}|{path.name}|".encode())
    h.update(_parser_id())
    h.update(text.encode("utf-8"))
    key = h.digest()
    file = directory / f"{_PREFIX}{path.stem}-{key.hex()[:20]}{_SUFFIX}"
    found = _read(file, key)
    if found is not None:
        return found[0]
    data = parse_yaml(text)  # a YAML error is raised here, as without a cache
    _write(directory, file, key, data, path.stem)
    return data


def read_framed(file: Path, magic: bytes, key: bytes) -> tuple[object] | None:
    """``(data,)`` stored in ``file`` under ``magic`` and ``key``, or None when the file is missing,
    another format's or key's, cut short or damaged. The frame: magic, key, sha256 of the body, body
    (marshal). Shared by the corpus data, the search index and the chat's regex table."""
    try:
        raw = file.read_bytes()
        head = len(magic) + 2 * _DIGEST
        if len(raw) <= head or not raw.startswith(magic):
            return None
        stored_key, digest = raw[len(magic) : len(magic) + _DIGEST], raw[len(magic) + _DIGEST : head]
        body = memoryview(raw)[head:]
        if stored_key != key or hashlib.sha256(body).digest() != digest:
            return None  # another file's data under this name, or cut short or damaged on disk
        return (marshal.loads(body),)
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write_framed(file: Path, magic: bytes, key: bytes, data: object, prefix: str) -> bool:
    """Store ``data`` in ``file`` (see :func:`read_framed`): written under a temporary name and
    renamed, so a reader never sees half a file. False, nothing raised, when it cannot be written
    (a read-only, full or missing directory, or data marshal cannot hold)."""
    import tempfile

    temp = None
    try:
        body = marshal.dumps(data)
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=file.parent, prefix=f".{prefix}", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(magic + key + hashlib.sha256(body).digest() + body)
        os.replace(temp, file)
        temp = None
    except (OSError, ValueError):
        return False
    finally:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass
    return True


def _read(file: Path, key: bytes) -> tuple[object] | None:
    return read_framed(file, _MAGIC, key)


def _write(directory: Path, file: Path, key: bytes, data: object, stem: str) -> None:
    # ValueError for what marshal cannot hold (a YAML date): not cached
    if write_framed(file, _MAGIC, key, data, _PREFIX):
        _prune(directory, stem)


def _prune(directory: Path, stem: str) -> None:
    """Keep the newest few versions of one file's data; drop temporary files of killed processes."""
    prune(directory, f"{_PREFIX}{stem}-*{_SUFFIX}", _PREFIX, _KEEP)


def prune(directory: Path, pattern: str, prefix: str, keep: int, stale_seconds: float = 3600) -> None:
    """Keep the newest ``keep`` files matching ``pattern`` (other versions, other checkouts) and drop
    the temporary files of :func:`write_framed` (``prefix``) left by killed processes."""
    import time

    try:
        files = sorted(directory.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        now = time.time()
        old = [p for p in directory.glob(f".{prefix}*.tmp") if now - p.stat().st_mtime > stale_seconds]
        for path in files[keep:] + old:
            path.unlink(missing_ok=True)
    except OSError:
        pass  # another process pruned it first, or the directory went away
