"""The terminal app: conversation on the left, the open clause on the right, input at the bottom.

The first frame appears at once: before it, nothing but textual and the notice's title and
number (``heading``) is loaded. Then a thread worker loads the notice (pydantic models), the
engine and its calculators, jieba and the search index, while the input already accepts typing:
every line typed meanwhile is shown, kept in order and answered when loading ends.
One modal at a time (help, export, confirm, palette): opening one closes the other, so no key
order can stack two palettes (textual's DuplicateIds) or bury the conversation under screens.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from assistant.tui import gc_pause
from assistant.tui.heading import notice_heading, welcome_text
from assistant.tui.provider import PALETTE_PLACEHOLDER, ChatCommands, ChatPalette
from assistant.tui.screens import ConfirmNewScreen, ExportScreen, HelpScreen
from assistant.tui.widgets import AskInput, Conversation, Message, clause_text
from assistant.tui.wrap import WrappedRichText

if TYPE_CHECKING:
    from assistant.dialog.engine import DialogEngine

NARROW_BELOW = 100  # columns: below this the clause panel folds away (F2 shows it)
# Placeholders longest first: the input shows the longest that fits its width.
READY_HINTS = (
    "输入问题，回车发送（如：一季度销售额增长了800万能奖多少）",
    "输入问题，回车发送（如：电费有补贴吗）",
    "输入问题，回车发送",
)
LOADING_HINTS = ("正在加载词典和索引…可以先输入问题，加载完即回答", "正在加载…可以先输入问题", "正在加载…")
NO_CLAUSE = "尚未打开条款。提问后，最相关的条款全文显示在这里。"


class PolicyApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses elsewhere still find it
    # Only the chat's own commands and clauses: textual's system commands are English.
    COMMANDS: ClassVar[set] = {ChatCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+n",
            "new_conversation",
            "新对话",
            id="chat.new",
            tooltip="清空对话和已填写的信息",
            priority=True,
        ),
        Binding("f1", "help", "帮助", id="chat.help", tooltip="使用说明和按键", priority=True),
        Binding(
            "f2", "toggle_clause", "条款", id="chat.clause", tooltip="显示或隐藏条款全文面板", priority=True
        ),
        Binding(
            "ctrl+e",
            "export",
            "导出",
            id="chat.export",
            tooltip="把对话和测算结果导出为 Markdown 文件",
            priority=True,
        ),  # the input binds ctrl+e to "end of line"; export wins
        Binding(
            "ctrl+p",
            "command_palette",
            "命令",
            id="chat.palette",
            tooltip="全部条款与命令（可输入筛选）",
            priority=True,
        ),
        Binding("ctrl+q", "quit", "退出", id="chat.quit", tooltip="退出政策助手", priority=True),
        # Scrolling the conversation while typing: keys the input leaves unused (Home/End move
        # its cursor, so the conversation's top and end are ctrl+Home/ctrl+End).
        Binding("pageup", "scroll_log('page_up')", "上翻", show=False, id="chat.page_up"),
        Binding("pagedown", "scroll_log('page_down')", "下翻", show=False, id="chat.page_down"),
        Binding("up", "scroll_log('up')", "上滚", show=False, id="chat.line_up"),
        Binding("down", "scroll_log('down')", "下滚", show=False, id="chat.line_down"),
        Binding("ctrl+home", "scroll_log('home')", "开头", show=False, id="chat.top"),
        Binding("ctrl+end", "scroll_log('end')", "结尾", show=False, id="chat.end"),
    ]

    def __init__(self, as_of: date | None = None, first: str | None = None) -> None:
        super().__init__()
        self.as_of = as_of
        # Built by the loading worker with the index: importing the engine's models is part of
        # what the first frame need not wait for.
        self.engine: DialogEngine = None  # type: ignore[assignment]
        self.ready = False
        self._queued: list[str] = []
        self._first = first
        self._welcome_message: Message | None = None
        self._show_clause: bool | None = None  # None: follow the width
        gc_pause.pause()  # until loading ends (``_resume_gc``) or the app does

    def compose(self) -> ComposeResult:
        # The width's classes before the widgets mount: set after, they restyle every widget
        # once more before the first frame (≈20 ms).
        self._apply_width(self.size.width)
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="chat"):
                yield Conversation(id="log")
                yield AskInput(placeholder=LOADING_HINTS[0], id="ask")
            # Not Lazy: an answer arriving before a lazy panel had mounted found no "#clause" and
            # ended the app (seen under load); this empty panel costs the first frame nothing.
            with VerticalScroll(id="clause-panel"):
                yield Static(NO_CLAUSE, id="clause")
        # The footer comes once loading ends (``_mount_footer``): mounted meanwhile, its key widgets
        # shared the GIL with the loading worker and put ≈20–30 ms before the first answer; the keys
        # themselves work from the start, they are the app's bindings.

    def on_mount(self) -> None:
        self._welcome()
        ask = self.query_one("#ask", AskInput)
        ask.show_hint(*LOADING_HINTS)
        ask.focus()
        # Only once the first frame is drawn: the loading thread's imports would share the GIL
        # with drawing it and delay it.
        self.call_after_refresh(self.load_index)

    def _welcome(self) -> None:
        self._welcome_message = self.query_one(Conversation).add(self._welcome_text(), "assistant")

    def _welcome_text(self) -> str:
        # Without its validity line until the notice is loaded: _index_ready then adds it.
        if self.engine is None:
            return welcome_text(notice_heading(), "")
        from assistant.dialog.answers import validity_note

        return welcome_text(notice_heading(), validity_note(self.engine.notice, date.today(), self.as_of))

    @work(thread=True, exclusive=True, group="index")
    def load_index(self) -> None:
        from assistant.tui import dataclass_table, regex_table

        regex_table.prefill()  # before the engine's modules compile their patterns at import
        dataclass_table.install()  # and their dataclasses' methods (installed already by `chat`)
        from assistant.dialog.engine import DialogEngine
        from assistant.search.index import warm_up

        try:
            engine = DialogEngine(as_of=self.as_of)
            warm_up()
            self.call_from_thread(self._index_ready, engine)
        except BaseException:
            self._resume_gc()
            raise
        # After the first answers: a launch without a stored table pays for writing it, not for
        # waiting on it.
        regex_table.save_if_stale()
        dataclass_table.save_if_stale()

    def _index_ready(self, engine: DialogEngine) -> None:
        self.engine = engine
        welcome = self._welcome_message
        if welcome is not None and welcome.is_attached:
            welcome.set_text(self._welcome_text())
        self.ready = True
        self.query_one("#ask", AskInput).show_hint(*READY_HINTS)
        if self._first:
            self._queued.insert(0, self._first)
        queued, self._queued = self._queued, []
        for text in queued:
            self._answer(text)
        self.call_after_refresh(self._mount_footer)  # once the answers are drawn
        self.call_after_refresh(self._resume_gc)

    async def _mount_footer(self) -> None:
        if not self.query(Footer):
            # our own ctrl+p binding says 命令 already
            await self.mount(Footer(show_command_palette=False), after=self.query_one("#main"))
            self.refresh_bindings()  # a footer shows its keys once told the bindings (as on focus)

    def _resume_gc(self) -> None:
        gc_pause.resume()

    def on_unmount(self) -> None:
        self._resume_gc()  # ended before loading finished

    # -- conversation ------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "ask":
            return
        self.submit(event.value)  # the line was emptied as it was sent (AskInput)

    def submit(self, raw: str) -> None:
        """Show a person's line and answer it (or queue it while the index loads)."""
        text = raw.strip()  # shown as typed; the engine normalises (NFKC) what it reads
        log = self.query_one(Conversation)
        log.add(text if text else "（空）", "user")
        if not self.ready:
            if not self._queued:  # said once: more lines typed meanwhile queue quietly behind it
                log.add("正在加载词典和索引，加载完成后立即回答……", "assistant")
            self._queued.append(text)
            return
        self._answer(text)

    def _answer(self, text: str) -> None:
        from assistant.dialog.render import render_plain

        reply = self.engine.reply(text)
        narrow_note = ""
        if reply.clause is not None:
            self.query_one("#clause", Static).update(WrappedRichText(clause_text(reply.clause)))
            self.query_one("#clause-panel").scroll_home(animate=False)
            if not self._clause_visible():
                narrow_note = "\n（条款全文：按 F2 查看）"
        table, reply.table = reply.table, None  # shown as a lined-up table, not as text
        text = render_plain(reply, show_clause=False)
        self.query_one(Conversation).add(text + narrow_note, "assistant", table)
        ask = self.query_one("#ask", AskInput)
        if reply.question is not None:
            q = reply.question
            hint = "是 / 否" if q.kind == "bool" else "、".join(q.choices) if q.choices else f"如 {q.example}"
            unknown = "；不清楚答“不知道”" if q.can_assume else ""
            asked = f"请回答：{q.label}"
            ask.show_hint(f"{asked}（{hint}{unknown}）", f"{asked}（{hint}）", asked)
        elif reply.hint is not None:
            ask.show_hint(reply.hint)
        else:
            ask.show_hint(*READY_HINTS)

    # -- layout ------------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._apply_width(self.size.width)

    def _clause_visible(self) -> bool:
        if self._show_clause is None:
            return self.size.width >= NARROW_BELOW
        return self._show_clause

    def _apply_width(self, width: int) -> None:
        # Narrow: the number first, so the header's truncation never hides it.
        meta = notice_heading()
        self.title, self.sub_title = (
            (meta.number, meta.title) if width < NARROW_BELOW else (meta.title, meta.number)
        )
        self.set_class(width < NARROW_BELOW, "-narrow")
        self.set_class(not self._clause_visible(), "-hide-clause")
        self.set_class(width < NARROW_BELOW and self._clause_visible(), "-clause-only")

    def action_toggle_clause(self) -> None:
        self._show_clause = not self._clause_visible()
        self._apply_width(self.size.width)
        if self.has_class("-clause-only"):
            self.query_one("#clause-panel").focus()
        else:
            self.query_one("#ask", Input).focus()

    # -- keys --------------------------------------------------------------------------------

    def show_modal(self, screen: Screen, callback: Callable | None = None) -> None:
        """Show ``screen`` as the only modal: whichever modal is open closes first (as cancelled)."""
        while len(self.screen_stack) > 1:
            if isinstance(self.screen, ChatPalette):
                self.screen.close_for_another()
            self.pop_screen()
        self.push_screen(screen, callback)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Page keys scroll the conversation only where it is what a person sees.
        if action == "scroll_log":
            return len(self.screen_stack) == 1 and not self.has_class("-clause-only")
        return True

    def action_scroll_log(self, how: str) -> None:
        log = self.query_one(Conversation)
        log.release()
        move = {
            "page_up": log.scroll_page_up,
            "page_down": log.scroll_page_down,
            "up": log.scroll_up,
            "down": log.scroll_down,
            "home": log.scroll_home,
            "end": log.scroll_end,
        }[how]
        move(animate=False)

    def action_help_quit(self) -> None:
        # textual's ctrl+c hint is English ("Do you want to quit?").
        self.notify("退出请按 ctrl+q（ctrl+c 在输入框中是复制）。", title="要退出政策助手吗？", timeout=4)

    def action_new_conversation(self) -> None:
        if isinstance(self.screen, ConfirmNewScreen):  # ctrl+n twice: confirmed
            self.screen.dismiss(True)
            return
        answers = len(self.engine.known) if self.engine is not None else 0
        typed = any(m.has_class("user") for m in self.query_one(Conversation).children)
        if answers or typed or self._queued:
            self.show_modal(ConfirmNewScreen(answers), self._confirmed_new)
        else:
            self._confirmed_new(True)

    def _confirmed_new(self, yes: bool | None) -> None:
        if not yes:
            return
        if self.engine is not None:
            self.engine.reset()
        self._queued = []
        self.query_one(Conversation).remove_children()
        self.query_one("#clause", Static).update(NO_CLAUSE)
        self._welcome()
        ask = self.query_one("#ask", AskInput)
        ask.value = ""
        ask.show_hint(*(READY_HINTS if self.ready else LOADING_HINTS))  # not the last question's hint
        self.notify("已开始新对话，之前的信息已清空。", timeout=3)

    def action_command_palette(self) -> None:
        if not ChatPalette.is_open(self):
            # No fixed id: a palette still being removed must not clash with the new one.
            self.show_modal(ChatPalette(placeholder=PALETTE_PLACEHOLDER))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):  # F1 again closes it
            self.screen.action_dismiss()
        else:
            self.show_modal(HelpScreen())

    def action_export(self) -> None:
        if isinstance(self.screen, ExportScreen):
            return
        if not self.ready:
            self.notify("正在加载，稍后再导出。", timeout=3)
            return
        default = str(Path.cwd() / f"政策问答-{self.engine.as_of:%Y%m%d}.md")
        self.show_modal(ExportScreen(self.save_export, default), self._exported)

    def save_export(self, path_text: str) -> str | None:
        """Write the export; a Chinese error message, or None when written."""
        from assistant.dialog.export import ExportError, ExportExists, write_atomically

        # An existing file is replaced only when the same path is submitted again after the warning.
        overwrite = path_text == getattr(self, "_overwrite_asked", None)
        try:
            self._export_path = write_atomically(path_text, self.engine.transcript_markdown(), overwrite)
        except ExportExists as exc:
            self._overwrite_asked = path_text
            return exc.message
        except ExportError as exc:
            return exc.message
        self._overwrite_asked = None
        return None

    def _exported(self, result: str | None) -> None:
        if result is not None:
            self.notify(f"已导出到 {self._export_path}", timeout=5)
