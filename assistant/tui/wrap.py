"""Line breaking for Chinese text in the terminal.

Rich breaks lines at spaces only. Chinese has none, so a step like "  4. 达到门槛，一次性奖励：……"
was pushed whole onto the next line, losing its number's indent. Here a line may break between
any two Chinese characters; runs of Latin letters and digits ("100,000", "ctrl+e") stay whole
where they fit; a line never starts with closing punctuation (the character before it moves
down too); a numbered or indented line keeps its indent on the lines it wraps onto.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9,.%:/_+\-]*|\s+|.", re.DOTALL)
_INDENT = re.compile(r"\s*(?:\d+[.、)）]\s*|[·•\-]\s*|（\d+）\s*)?")
_NO_LINE_START = set("，。、；：！？）》」』”’%,.;:!?)]}…—")
_MIN_TEXT_WIDTH = 8  # below this a hanging indent would leave no room: wrap flush left


def _chars(token: str) -> list[str]:
    return list(token)


def wrap_line(line: str, width: int) -> list[str]:
    """``line`` cut into pieces no wider than ``width`` cells (continuations indented)."""
    width = max(width, 2)
    if cell_len(line) <= width:
        return [line]
    indent = cell_len(_INDENT.match(line).group())  # type: ignore[union-attr]
    if width - indent < _MIN_TEXT_WIDTH:
        indent = 0
    pad = " " * indent
    out: list[str] = []
    current, used = "", 0
    for token in _TOKEN.findall(line):
        size = cell_len(token)
        if used + size <= width:
            current, used = current + token, used + size
            continue
        if token.isspace():  # a break at a space: the space is dropped
            out.append(current.rstrip())
            current, used = pad, indent
            continue
        pieces = [token] if size <= width - indent else _chars(token)
        for piece in pieces:
            piece_size = cell_len(piece)
            if used + piece_size <= width:
                current, used = current + piece, used + piece_size
                continue
            carried = ""
            # Closing punctuation may not begin a line: the character before it goes down with it.
            if piece in _NO_LINE_START and len(current.rstrip()) > len(pad) + 1:
                carried, current = current[-1], current[:-1]
            out.append(current.rstrip())
            current = pad + carried + piece
            used = cell_len(current)
    if current.strip():
        out.append(current.rstrip())
    return out


def wrap_text(text: str, width: int) -> list[str]:
    return [piece for line in text.split("\n") for piece in wrap_line(line, width)]


class WrappedText:
    """A Rich renderable of plain text wrapped by :func:`wrap_line`."""

    def __init__(self, text: str, style: str | Style = "") -> None:
        self.text = text
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        style = console.get_style(self.style) if self.style else None
        for piece in wrap_text(self.text, options.max_width):
            yield Segment(piece, style)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.text.split("\n")), default=0)
        return Measurement(min(_MIN_TEXT_WIDTH, widest), widest)
