"""Writing output files atomically: batch results, templates, reports and chat exports.

Every output goes to a temporary file beside the target and is renamed onto it only when
complete, so a failure never leaves a half-written file under the name the person asked
for. The file gets the mode an ordinary new file would get (0666 less the umask), not
mkstemp's 0600. SIGTERM and SIGHUP during the write remove the temporary file before the
process ends (by default they end it at once, and the hidden `.tmp` would stay behind).
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

_SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s)


class OutputError(Exception):
    """An output path that cannot be written; ``message`` is Chinese and names the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Terminated(SystemExit):
    """SIGTERM/SIGHUP arrived while a file was written: unwinds so the temporary file is removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum


def current_umask() -> int:
    """The process umask, read without changing it where Linux allows (os.umask is not thread-safe)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _signals_unwind() -> Iterator[None]:
    """Turn SIGTERM/SIGHUP into an exception for the duration of a write (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()
    previous: dict[int, object] = {}

    def handler(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner:  # a forked worker inherited the handler: end as by default
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Terminated(signum)

    for sig in _SIGNALS:
        current = signal.getsignal(sig)
        if current is signal.SIG_DFL:  # a handler someone else installed stays theirs
            previous[sig] = current
            signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)  # type: ignore[arg-type]


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed onto it only if the block succeeds.

    OutputError (Chinese) when the folder is missing or cannot be written.
    """
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"输出目录“{directory}”不存在，请先创建或换一个路径。")
    with _signals_unwind():
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        except OSError as exc:
            raise OutputError(
                f"无法在“{directory}”写入“{target.name}”（{exc.strerror or exc}），请换一个路径。"
            ) from None
        tmp = Path(tmp_name)
        try:
            os.fchmod(fd, 0o666 & ~current_umask())  # as an ordinary new file, not mkstemp's 0600
            os.close(fd)
            yield tmp
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise


def atomic_write_text(target: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write a whole text file atomically (reports, chat exports); returns the path written."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding=encoding)
    return Path(target)
