"""Modal screens: help (F1), export (ctrl+e), confirm a new conversation (ctrl+n).
Styles in screens.tcss beside this file. The app shows one modal at a time (PolicyApp.show_modal)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from assistant.tui.wrap import WrappedText

KEYS_HELP = """按键：
·Enter：发送
·PageUp / PageDown：上下翻动对话；↑↓：逐行滚动；ctrl+Home / ctrl+End：到对话开头 / 结尾
·ctrl+n：新对话（清空已填写信息，先确认）
·F1：帮助；F2：显示/隐藏条款全文
·ctrl+e：导出对话和测算结果（Markdown）
·ctrl+p：命令面板（全部条款与命令）
·ctrl+q：退出"""


class HelpScreen(ModalScreen[None]):
    CSS_PATH = Path(__file__).with_name("screens.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "关闭", id="help.close", tooltip="关闭帮助"),
    ]  # F1 closes it too: the app's priority F1 binding toggles help

    def compose(self) -> ComposeResult:
        from assistant.dialog.answers import HELP

        with Vertical(id="help-box", classes="dialog"):
            yield Label("帮助（Esc 关闭；↑↓、PageUp/PageDown 滚动）", classes="dialog-title")
            with VerticalScroll(id="help-text"):
                yield Static(WrappedText(HELP + "\n\n" + KEYS_HELP))  # no line starts with "。"

    def on_mount(self) -> None:
        self.query_one("#help-text").focus()  # arrow keys and page keys scroll a long help

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        if self.is_current:  # keys queued faster than the screen closes must not pop the main screen
            self.dismiss(None)


class ExportScreen(ModalScreen[str | None]):
    """Asks for a file path; ``save(path) -> error message | None`` writes it (atomically)."""

    CSS_PATH = Path(__file__).with_name("screens.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消", id="export.cancel", tooltip="不导出，返回对话")
    ]

    def __init__(self, save: Callable[[str], str | None], default: str) -> None:
        super().__init__()
        self._save = save
        self._default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="dialog"):
            yield Label("导出对话和测算结果为 Markdown 文件", classes="dialog-title")
            yield Label("文件路径（回车保存，Esc 取消）：")
            yield Input(value=self._default, id="export-path")
            yield Label("", id="export-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.is_current:
            return
        error = self._save(event.value)
        if error is None:
            self.dismiss(event.value)
        else:
            self.query_one("#export-error", Label).update(Text(error))

    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(None)


class ConfirmNewScreen(ModalScreen[bool]):
    """Asks before a new conversation throws away answers already given. Enter does not confirm:
    a person who pressed ctrl+n by mistake and goes on typing loses nothing."""

    CSS_PATH = Path(__file__).with_name("screens.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "清空", id="confirm.yes", tooltip="清空对话和已填写的信息"),
        Binding("escape,n", "answer(False)", "取消", id="confirm.no", tooltip="保留对话，返回"),
    ]

    def __init__(self, answers: int) -> None:
        super().__init__()
        self._answers = answers

    def compose(self) -> ComposeResult:
        given = f"和已填写的 {self._answers} 项信息" if self._answers else ""
        with Vertical(id="confirm-box", classes="dialog"):
            yield Label("开始新对话？", classes="dialog-title")
            yield Static(WrappedText(f"将清空当前对话{given}，无法恢复。"))
            yield Static(WrappedText("按 y 或再按 ctrl+n 确认清空；按 Esc 或 n 取消，保留对话。"))

    def action_answer(self, yes: bool) -> None:
        if self.is_current:
            self.dismiss(yes)
