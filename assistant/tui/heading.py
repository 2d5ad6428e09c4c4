"""What the chat's first frame says before the notice is loaded: its title and number.

Loading the notice means pydantic and the corpus models (≈0.2 s, over half a bare textual
import), and the first frame need not wait for them. Even PyYAML (≈30 ms with parsing) is
spared: the two header lines are found by a scan of ``corpus/notice.yaml`` for plain one-line
values under ``metadata:``; any other spelling (quoted, folded, commented) is left to PyYAML.
The validated notice comes with the engine in the app's loading worker; a test proves all
three readings say the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path


@dataclass(frozen=True)
class Heading:
    title: str
    number: str


def notice_file() -> Path:
    # find_spec locates the corpus package without running its __init__ (which imports pydantic).
    spec = find_spec("corpus")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("corpus")
    return Path(next(iter(spec.submodule_search_locations))) / "notice.yaml"


# "  title: 将乐县…": a key directly under metadata and a plain scalar on one line — none of
# YAML's indicators first, no quote, comment (#) or ": " within, and a character beyond ASCII
# (YAML reads no such scalar as a number, date or yes/no). Anything else is PyYAML's to read.
_PLAIN_FIELD = re.compile(r"  (title|number): (?=.*[^\x00-\x7f])([^\s\-?:,\[\]{}#&*!|>'\"%@`][^#'\"]*?) *")


def scan_heading(text: str) -> Heading | None:
    """The heading from notice.yaml's text when both lines are plain; None to let PyYAML read it."""
    found: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if line == "metadata:":
            break
    for line in lines:
        if line[:1] not in ("", " ", "#"):  # the next top-level key: metadata has ended
            break
        m = _PLAIN_FIELD.fullmatch(line)
        if m and ": " not in m[2]:
            found.setdefault(m[1], m[2])
    if set(found) != {"title", "number"}:
        return None
    return Heading(title=found["title"], number=found["number"])


@cache
def notice_heading() -> Heading:
    """The notice's title and number as notice.yaml gives them."""
    text = notice_file().read_text(encoding="utf-8")
    heading = scan_heading(text)
    if heading is not None:
        return heading
    import yaml

    meta = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["metadata"]
    return Heading(title=str(meta["title"]), number=str(meta["number"]))


def welcome_text(heading: Heading, note: str) -> str:
    """The conversation's first message; ``note`` is the validity line (empty when none is due)."""
    return (
        f"您好！这里可以查询《{heading.title}》（{heading.number}）的措施，并测算可得的奖励。\n"
        + (note + "\n" if note else "")
        + "请直接提问，例如“一季度销售额增长了800万能奖多少”“电费有补贴吗”；"
        "输入“体检”逐项测算全部措施；F1 查看帮助。"
    )
