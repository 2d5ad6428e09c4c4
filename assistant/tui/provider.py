"""Command palette (ctrl+p): every clause of the notice and every command of the chat.

A clause is found by its number as people write it ("第五条", "5号措施", "第5条") or by its
title's words ("用气"); the palette's own texts are Chinese.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from rich.align import Align
from rich.text import Text
from textual import on
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from assistant.tui.app import PolicyApp

PALETTE_PLACEHOLDER = "输入条款名或命令筛选，如 用气、第五条、体检、导出…"
NO_MATCHES = "没有找到匹配的条款或命令。请换个词，如 用电、第五条、体检；Esc 关闭。"

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


class ChatPalette(CommandPalette):
    """textual's palette with its one English line ("No matches found") said in Chinese, and deaf
    once closed: keys typed just before it closed (a fast burst, a slow browser tab) still reached
    it and ended the app — a search writing into its removed list, an Enter popping the chat's
    own screen (both found by the monkey test)."""

    @on(Input.Changed)
    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _closed_ignores_keys(self, event: Message) -> None:
        # Stops textual's own handlers too: a search, or an Enter whose dismiss() would pop
        # the chat's own screen once the palette is no longer on top (ScreenStackError).
        if not self.is_current:
            event.stop()
            event.prevent_default()

    def _watch__list_visible(self) -> None:
        if self.is_current:
            super()._watch__list_visible()

    async def _watch__show_busy(self) -> None:
        if self.is_current:
            await super()._watch__show_busy()

    def _action_command_list(self, action: str) -> None:
        # textual 8.2.8: PageUp/PageDown before the list's first layout look up a line not made
        # yet (KeyError) and ended the app; there is nothing to move through yet.
        try:
            super()._action_command_list(action)
        except KeyError:
            pass

    def _refresh_command_list(self, *args: object, **kwargs: object) -> None:
        if self.is_current:
            super()._refresh_command_list(*args, **kwargs)  # type: ignore[arg-type]

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Same timing as textual's own (pinned version): shown only after a search that found nothing.
        self._stop_no_matches_countdown()

        def show() -> None:
            if not self.is_current:  # closed meanwhile (another modal opened): its list may be gone
                return
            if search_value:
                line = Align.center(Text(NO_MATCHES, style="not bold"))
                self.query_one(CommandList).add_option(Option(line, disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)

    def close_for_another(self) -> None:
        """Stop its search and timers before it is popped from outside (as its own Esc does)."""
        self._cancel_gather_commands()
        self._stop_no_matches_countdown()
        self._stop_busy_countdown()


class ChatCommands(Provider):
    def _entries(self) -> list[tuple[str, str, str, str | None]]:
        """(shown text, help, what to do, clause id or None)."""
        from assistant.dialog.answers import clause_heading
        from corpus import load_notice  # here, not at the top: the first frame has no palette

        notice = load_notice()
        clauses = [
            (clause_heading(notice, c.id), "打开此条：" + c.text[:30] + "…", f"say:第{c.id}条", c.id)
            for c in notice.clauses
            if c.id.isdigit()
        ]
        return [*((t, h, w, None) for t, h, w in _COMMANDS), *clauses]

    def _run(self, what: str) -> None:
        app = cast("PolicyApp", self.app)
        kind, _, arg = what.partition(":")
        if kind == "say":
            app.submit(arg)
        else:
            app.call_later(app.run_action, arg)

    async def discover(self) -> Hits:
        for text, help_text, what, _ in self._entries():
            yield DiscoveryHit(text, partial(self._run, what), help=help_text)

    async def search(self, query: str) -> Hits:
        from assistant.search.clause_ref import parse_clause_ref

        named = parse_clause_ref(query)  # "第五条", "五", "5号措施": that clause first
        matcher = self.matcher(query)
        for text, help_text, what, clause_id in self._entries():
            if clause_id is not None and clause_id == named:
                score = 1.0
            else:
                # Below 1: a clause the query names by number always sorts first.
                score = min(matcher.match(text + " " + help_text), 0.99)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self._run, what), text=text, help=help_text)
