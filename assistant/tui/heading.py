"""What the chat's first frame says before the notice is loaded: its title and number.

Loading the notice means pydantic and the corpus models (≈0.2 s, over half a bare textual
import), and the first frame need not wait for them: the two header lines are read straight
from ``corpus/notice.yaml`` with the C YAML loader, unvalidated. The validated notice comes with
the engine in the app's loading worker; a test proves both say the same.
"""

from __future__ import annotations

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


@cache
def notice_heading() -> Heading:
    """The notice's title and number as notice.yaml gives them."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with notice_file().open(encoding="utf-8") as f:
        meta = yaml.load(f, Loader=loader)["metadata"]
    return Heading(title=str(meta["title"]), number=str(meta["number"]))


def welcome_text(heading: Heading, note: str) -> str:
    """The conversation's first message; ``note`` is the validity line (empty when none is due)."""
    return (
        f"您好！这里可以查询《{heading.title}》（{heading.number}）的措施，并测算可得的奖励。\n"
        + (note + "\n" if note else "")
        + "请直接提问，例如“一季度销售额增长了800万能奖多少”“电费有补贴吗”；"
        "输入“体检”逐项测算全部措施；F1 查看帮助。"
    )
