"""The conversation as Markdown, and writing it to a file atomically (the only disk write of the chat)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.engine import DialogEngine


def transcript_markdown(engine: DialogEngine) -> str:
    """Results first, then the conversation, by the report module's renderer (same as printed reports)."""
    from assistant.report import render_estimates_markdown

    return render_estimates_markdown(
        "政策问答记录", list(engine.estimates.values()), as_of=engine.as_of, transcript=engine.transcript
    )


class ExportError(Exception):
    """A path that cannot be written; ``message`` is Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def write_atomically(path_text: str, content: str) -> Path:
    """Check the typed path, then write ``content`` by ``assistant.files.atomic_write_text``."""
    raw = path_text.strip().strip("\"'")
    if not raw:
        raise ExportError("请输入文件路径，例如 ~/政策问答.md")
    if len(raw) > 1000 or "\x00" in raw:
        raise ExportError("文件路径过长或含非法字符，请输入如 ~/政策问答.md 的路径")
    try:
        path = Path(os.path.expanduser(raw))
        if path.suffix == "":
            path = path.with_suffix(".md")
        if path.is_dir():
            raise ExportError(f"“{path}”是一个文件夹，请在后面加上文件名，例如 {path / '政策问答.md'}")
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise ExportError(f"文件夹“{folder}”不存在，请先创建或换一个路径")
    except (OSError, ValueError) as exc:
        raise ExportError(
            f"无法使用这个路径（{getattr(exc, 'strerror', None) or exc}），请换一个路径"
        ) from None
    from assistant.files import OutputError, atomic_write_text

    try:
        atomic_write_text(path, content)  # the one writer of every output file: umask, rename
    except OutputError as exc:
        raise ExportError(exc.message) from None
    except OSError as exc:
        raise ExportError(f"无法写入“{path}”（{exc.strerror or exc}），请换一个路径") from None
    return path
