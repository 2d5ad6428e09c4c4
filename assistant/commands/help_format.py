"""argparse help that fits the terminal when it is Chinese: widths counted in columns, not
characters (a CJK character takes two), so no line of `--help` runs past 80 columns.

argparse measures with ``len()``; the three places where that decides a line's length (the
usage line, an option's column, the wrapping of help and descriptions) are redone here.
"""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Iterable

# A line may not begin with these (closing punctuation stays with the character before it).
_NO_LINE_START = set("，。、；：？！）」』》〉”’】〕,.;:?!)]%")


def display_width(text: str) -> int:
    """Columns the text takes in a terminal: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _tokens(text: str) -> list[str]:
    """Wrapping units: an ASCII word with its trailing space, or one wide character."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch == " " or display_width(ch) == 2:
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        else:
            word += ch
    if word:
        out.append(word)
    return out


def wrap(text: str, width: int) -> list[str]:
    """Greedy wrapping by display width; CJK may break between any two characters."""
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for tok in _tokens(" ".join(text.split())):
        w = display_width(tok)
        if line and used + w > width and tok != " ":
            carry: list[str] = []
            if tok[0] in _NO_LINE_START and len(line) > 1:
                carry = [line.pop()]  # take the character before along to the next line
            lines.append("".join(line).rstrip())
            line, used = carry, sum(display_width(t) for t in carry)
        if not line and tok == " ":
            continue
        line.append(tok)
        used += w
    if line:
        lines.append("".join(line).rstrip())
    return lines or [""]


def _usage_parts(text: str) -> list[str]:
    """A one-line usage split at spaces outside brackets: "[-h]", "[--top K]", "问题"."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        elif ch == " " and depth == 0:
            if i > start:
                parts.append(text[start:i])
            start = i + 1
    if start < len(text):
        parts.append(text[start:])
    return parts


class WidthAwareHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions keep their own line breaks and are wrapped by display width; so are the
    usage line and each option's help."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines = []
        for raw in text.splitlines():
            lines += [indent + line for line in wrap(raw, width - display_width(indent))] if raw else [""]
        return "\n".join(lines)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _format_usage(self, usage, actions, groups, prefix) -> str:  # noqa: ANN001 - argparse's own
        saved = self._width
        self._width = 10_000  # one line, wrapped below by display width
        try:
            one = super()._format_usage(usage, actions, groups, prefix).strip("\n")
        finally:
            self._width = saved
        head = prefix if prefix is not None else "usage: "
        rest = one[len(head) :]
        parts = _usage_parts(rest)
        if not parts:
            return one + "\n\n"
        prog, args = parts[0], parts[1:]
        indent = display_width(head) + display_width(prog) + 1
        if indent > self._width * 0.6:  # a long program name: continue under the prefix
            indent = display_width(head)
        lines, line = [], head + prog
        for part in args:
            if display_width(line) + 1 + display_width(part) > self._width and line.strip():
                lines.append(line)
                line = " " * indent + part
            else:
                line += " " + part
        lines.append(line)
        return "\n".join(lines) + "\n\n"

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is argparse.SUPPRESS:
            return
        # The option column is as wide as the widest invocation in columns, not characters.
        invocations: Iterable[str] = [self._format_action_invocation(action)] + [
            self._format_action_invocation(s) for s in self._iter_indented_subactions(action)
        ]
        widest = max(display_width(i) for i in invocations) + self._current_indent
        self._action_max_length = max(self._action_max_length, widest)

    def _format_action(self, action: argparse.Action) -> str:
        # argparse's own layout, with the invocation measured and padded by display width.
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        action_width = help_position - self._current_indent - 2
        header = self._format_action_invocation(action)
        indent = " " * self._current_indent
        if not action.help:
            parts = [f"{indent}{header}\n"]
            indent_first = None
        elif display_width(header) <= action_width:
            parts = [indent + header + " " * (action_width - display_width(header)) + "  "]
            indent_first = 0
        else:
            parts = [f"{indent}{header}\n"]
            indent_first = help_position
        if action.help and action.help.strip() and indent_first is not None:
            lines = self._split_lines(self._expand_help(action), help_width)
            parts.append(" " * indent_first + lines[0] + "\n")
            parts += [" " * help_position + line + "\n" for line in lines[1:]]
        for sub in self._iter_indented_subactions(action):
            parts.append(self._format_action(sub))
        return self._join_parts(parts)
