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
from rich.text import Text

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9,.%:/_+\-]*|\s+|.", re.DOTALL)
_INDENT = re.compile(r"\s*(?:\d+[.、)）]\s*|[·•\-]\s*|（\d+）\s*)?")
_NO_LINE_START = set("，。、；：！？）》」』”’%,.;:!?)]}…—⌋")
_MIN_TEXT_WIDTH = 8  # below this a hanging indent would leave no room: wrap flush left


def line_spans(line: str, width: int) -> tuple[int, list[tuple[int, int]]]:
    """Where ``line`` breaks to fit ``width`` cells: (hanging indent, [(start, end), ...]).

    Each piece is ``line[start:end]``; pieces after the first are shown after ``indent`` spaces.
    Spans (not strings) let styled text be cut at the same places.
    """
    width = max(width, 2)
    if cell_len(line) <= width:
        return 0, [(0, len(line))]
    indent = cell_len(_INDENT.match(line).group())  # type: ignore[union-attr]
    if width - indent < _MIN_TEXT_WIDTH:
        indent = 0
    spans: list[tuple[int, int]] = []
    start, used = 0, 0

    def close(end: int) -> None:
        while end > start and line[end - 1].isspace():
            end -= 1
        spans.append((start, end))

    for m in _TOKEN.finditer(line):
        token, pos = m.group(), m.start()
        size = cell_len(token)
        if used + size <= width:
            used += size
            continue
        if token.isspace():  # a break at a space: the space is dropped
            close(pos)
            start, used = m.end(), indent
            continue
        # A run of letters and digits moves down whole where it fits on a line, else it is cut.
        pieces = [(pos, token)] if size <= width - indent else [(pos + i, ch) for i, ch in enumerate(token)]
        for at, piece in pieces:
            piece_size = cell_len(piece)
            if used + piece_size <= width:
                used += piece_size
                continue
            cut = at
            # Closing punctuation may not begin a line: the character before it goes down with it
            # (and before that one too, where it is closing punctuation as well: "元⌋；").
            while cut - start > 1 and line[cut] in _NO_LINE_START and not line[cut - 1].isspace():
                cut -= 1
            close(cut)
            start = cut
            used = indent + cell_len(line[cut:at]) + piece_size
    if line[start:].strip():
        close(len(line))
    return indent, spans


def wrap_line(line: str, width: int) -> list[str]:
    """``line`` cut into pieces no wider than ``width`` cells (continuations indented)."""
    indent, spans = line_spans(line, width)
    pad = " " * indent
    return [(pad if i else "") + line[a:b] for i, (a, b) in enumerate(spans)]


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


class WrappedRichText:
    """Styled text (highlights, bold labels) wrapped by :func:`line_spans`, styles kept."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.text.split("\n", allow_blank=True):
            indent, spans = line_spans(line.plain, options.max_width)
            for i, (a, b) in enumerate(spans):
                if i and indent:
                    yield Segment(" " * indent)
                yield from line[a:b].render(console)
                yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(min(_MIN_TEXT_WIDTH, widest), widest)


def fit_line(options: tuple[str, ...], width: int) -> str:
    """The first of ``options`` (longest first) that fits ``width`` cells on one line.

    Where none fits, the last is cut with "…" between two tokens: after a whole Chinese character
    or a whole run of letters and digits ("800万" never becomes "80…"), never inside one.
    """
    for text in options:
        if cell_len(text) <= width:
            return text
    last = options[-1] if options else ""
    room, out = max(width - 1, 0), ""
    for m in _TOKEN.finditer(last):
        if cell_len(out + m.group()) > room:
            break
        out += m.group()
    return out.rstrip() + "…" if width > 0 else ""
