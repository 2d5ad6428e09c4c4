"""What a line of input asks for, besides a question to search: commands, picks, follow-ups, changes."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PUNCT = "。.！!？?～~ "


def _bare(text: str) -> str:
    return text.strip().strip(_PUNCT)


COMMANDS = {
    "help": re.compile(r"帮助|help|怎么用|使用说明|h", re.IGNORECASE),
    "restart": re.compile(r"重新开始|重来|新对话|清空|重置|restart", re.IGNORECASE),
    "list": re.compile(
        r"目录|全部条款|所有条款|条款列表|列出条款|有哪些条款|全部措施|所有措施|list", re.IGNORECASE
    ),
    "profile": re.compile(r"体检|全面体检|政策体检|一键体检|全部测算|check", re.IGNORECASE),
}


def command(text: str) -> str | None:
    """A whole-line command word ("帮助", "重新开始", "目录", "体检"), or None."""
    bare = _bare(text)
    for name, pattern in COMMANDS.items():
        if pattern.fullmatch(bare):
            return name
    return None


# Up to 15 offers: a unit's list of clauses (工信局: eleven) is offered whole.
_PICK = re.compile(r"(?:选|选择|看|打开|要)?\s*(?:第\s*)?(1[0-5]|[1-9])\s*(?:个|项|号)?")
_PICK_EXPLICIT = re.compile(
    r"(?:选|选择|看|打开|要)\s*(?:第\s*)?(1[0-5]|[1-9])\s*(?:个|项|号)?|第\s*(1[0-5]|[1-9])\s*(?:个|项)"
)


def pick(text: str, explicit_only: bool) -> int | None:
    """The offered clause's number: "2", "选2", "第2个". With ``explicit_only`` a bare "2" is not a pick."""
    bare = _bare(text)
    m = _PICK_EXPLICIT.fullmatch(bare)
    if m:
        return int(m.group(1) or m.group(2))
    if not explicit_only:
        m = _PICK.fullmatch(bare)
        if m:
            return int(m.group(1))
    return None


# Follow-ups about the open clause, and the words that mark them.
FOLLOW_UPS = (
    (
        "stacking",
        re.compile(r"省里|市里|省市|省级|市级|一起拿|同时拿|同时享受|叠加|重复|兼得|就高|都能拿|一起领"),
    ),
    (
        "steps",
        re.compile(r"怎么算|如何算|如何计算|怎样算|计算过程|算法|公式|为什么是|怎么得出|依据什么算|步骤"),
    ),
    ("evidence", re.compile(r"材料|证明|凭证|准备什么|提供什么|要什么|需要什么|依据|资料|提交什么")),
    ("units", re.compile(r"部门|单位|找谁|哪里办|去哪|谁负责|联系|咨询|哪个局|向谁|谁管|申报到")),
    ("validity", re.compile(r"截止|有效期|期限|什么时候|到期|过期|失效|还能申请|还有效|时间|多久|几月")),
)
# Filler left when the follow-up words are taken away from a follow-up about the open clause.
_FILLER = re.compile(
    r"[？?。.！!，,、\s]|这个|这条|这项|该条|本条|那|请问|需要|要|吗|呢|的|了|啊|还|可以|能|和|跟|与|"
    r"是|有|什么|哪些|哪个|什么时候|到|办理|申请|申报|去|找|拿|领|奖励|补助|补贴|政策|措施|条款|它|我们|我"
)


def follow_up(text: str) -> tuple[str, str] | None:
    """(kind, rest) when the text asks one of the follow-ups; ``rest`` is what else it names."""
    for kind, pattern in FOLLOW_UPS:
        if pattern.search(text):
            rest = _FILLER.sub("", pattern.sub("", text))
            return kind, rest
    return None


_CHANGE = re.compile(
    r"(?:改|更正|修改)[:：]\s*(?P<all>.+)|(?P<what>.+?)(?:改成|改为|应为|应该是|更正为|改一下是)(?P<value>.+)"
)


@dataclass(frozen=True)
class Change:
    what: str | None  # the words naming the field ("销售额"); None for "改：…"
    value: str  # the new value, or the whole text after "改："


def change(text: str) -> Change | None:
    m = _CHANGE.fullmatch(text.strip())
    if not m:
        return None
    if m.group("all"):
        return Change(None, m.group("all").strip())
    return Change(m.group("what").strip(), m.group("value").strip().rstrip("。.！!"))


_QUESTION = re.compile(
    r"吗|么|？|\?|什么|怎么|如何|哪|多少|能不能|可不可以|是否|有没有|呢|咋|请问|想问|想了解|奖励|补贴|补助|政策"
)


def looks_like_question(text: str) -> bool:
    """Whether a line typed while a question is pending is a new question rather than a bad answer."""
    return len(text) >= 4 and bool(_QUESTION.search(text))


_CLAUSE_REF = re.compile(
    r"第\s*[0-9一二三四五六七八九十]+\s*条|[0-9一二三四五六七八九十]+\s*号措施|措施\s*[0-9一二三四五六七八九十]+"
)


def clause_ref_span(text: str) -> tuple[str, str] | None:
    """(the reference, the rest of the text) where the text names a clause ("第5条要什么材料")."""
    m = _CLAUSE_REF.search(text)
    if not m:
        return None
    return m.group(), (text[: m.start()] + text[m.end() :]).strip()


_LOOKUP = re.compile(r"[\u4e00-\u9fff]{2,8}")
_ANSWER_WORDS = re.compile(
    r"是|否|对|不|没|有|无|知道|清楚|确定|晓得|新建|老上规|在库|入库|生产|贸易|商贸|服务"
)


def looks_like_lookup(text: str) -> bool:
    """A short topic word typed while a question is pending ("出口", "统计员"), not an answer to it."""
    bare = _bare(text)
    return bool(_LOOKUP.fullmatch(bare)) and not _ANSWER_WORDS.search(bare)
