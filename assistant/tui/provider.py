"""Command palette (ctrl+p): every clause of the notice and every command of the chat."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from corpus import load_notice

if TYPE_CHECKING:
    from assistant.tui.app import PolicyApp

# (shown text, help, what the chat receives or the app action to run)
_COMMANDS = (
    ("新对话", "清空对话和已填写信息（ctrl+n）", "action:new_conversation"),
    ("帮助", "使用说明和按键（F1）", "action:help"),
    ("导出", "把对话和测算结果导出为 Markdown（ctrl+e）", "action:export"),
    ("条款面板", "显示或隐藏右侧的条款全文（F2）", "action:toggle_clause"),
    ("政策体检", "逐项询问，测算全部措施并汇总", "say:体检"),
    ("全部条款", "列出本通知全部条款", "say:目录"),
    ("测算练习", "按通知的门槛、档位和封顶出 5 道题，自动判分", "say:练习"),
    ("退出", "退出程序（ctrl+q）", "action:quit"),
)


class ChatCommands(Provider):
    def _entries(self) -> list[tuple[str, str, str]]:
        from assistant.dialog.answers import clause_heading

        notice = load_notice()
        clauses = [
            (clause_heading(notice, c.id), "打开此条：" + c.text[:30] + "…", f"say:第{c.id}条")
            for c in notice.clauses
            if c.id.isdigit()
        ]
        return [*_COMMANDS, *clauses]

    def _run(self, what: str) -> None:
        app = cast("PolicyApp", self.app)
        kind, _, arg = what.partition(":")
        if kind == "say":
            app.submit(arg)
        else:
            app.call_later(app.run_action, arg)

    async def discover(self) -> Hits:
        for text, help_text, what in self._entries():
            yield DiscoveryHit(text, partial(self._run, what), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, what in self._entries():
            score = matcher.match(text + " " + help_text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self._run, what), text=text, help=help_text)
