"""The conversation as Markdown, and writing it to a file atomically (the only disk write of the chat)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.dialog.engine import DialogEngine


def transcript_markdown(engine: DialogEngine) -> str:
    """Results first, then the conversation, by the report module's renderer (same as printed reports)."""
    from assistant.outreach.report import render_estimates_markdown

    return render_estimates_markdown(
        "政策问答记录", list(engine.estimates.values()), as_of=engine.as_of, transcript=engine.transcript
    )


class ExportError(Exception):
    """A path that cannot be written; ``message`` is Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ExportExists(ExportError):
    """The file exists: the front end asks, then writes again with ``overwrite=True``."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"文件“{path}”已存在：再按一次回车覆盖它，或改一个文件名。")
        self.path = path


def export_path(path_text: str) -> Path:
    """The file an export of ``path_text`` would write: ``~`` expanded, ``.md`` added to a bare name.

    ExportError for what is no file to write: a folder (``~`` itself), a device such as /dev/null,
    a folder that does not exist.
    """
    raw = path_text.strip().strip("\"'")
    if not raw:
        raise ExportError("请输入文件路径，例如 ~/政策问答.md")
    if len(raw) > 1000 or "\x00" in raw:
        raise ExportError("文件路径过长或含非法字符，请输入如 ~/政策问答.md 的路径")
    try:
        path = Path(os.path.expanduser(raw))
        for candidate in (path, path.with_suffix(".md") if path.suffix == "" else path):
            if candidate.is_dir():
                raise ExportError(
                    f"“{candidate}”是一个文件夹，请在后面加上文件名，例如 {candidate / '政策问答.md'}"
                )
            if candidate.exists() and not candidate.is_file():
                raise ExportError(
                    f"“{candidate}”不是普通文件（是设备或管道），请换一个文件路径，例如 ~/政策问答.md"
                )
        if path.suffix == "":
            path = path.with_suffix(".md")
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise ExportError(f"文件夹“{folder}”不存在，请先创建或换一个路径")
    except (OSError, ValueError) as exc:
        raise ExportError(
            f"无法使用这个路径（{getattr(exc, 'strerror', None) or exc}），请换一个路径"
        ) from None
    return path


def export_exists(path_text: str) -> bool:
    """Whether exporting to ``path_text`` would replace a file (so the front end can ask first)."""
    try:
        return export_path(path_text).is_file()
    except ExportError:
        return False


def write_atomically(path_text: str, content: str, overwrite: bool = False) -> Path:
    """Write ``content`` to the named file by the one writer of every output file
    (``assistant.fileio.atomic``: a temporary file in the same folder, the umask's mode, a rename).

    An existing file is replaced only with ``overwrite=True`` (ExportExists otherwise).
    """
    from assistant.fileio.atomic import OutputError, atomic_write_text
    from assistant.fileio.failures import os_error_text

    path = export_path(path_text)
    if path.exists() and not overwrite:
        raise ExportExists(path)
    try:
        atomic_write_text(path, content)
    except OutputError as exc:
        raise ExportError(exc.message) from None
    except OSError as exc:
        raise ExportError(os_error_text(exc, path)) from None
    return path
