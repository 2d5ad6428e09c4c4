"""Modal screens: help (F1) and export (ctrl+e). Styles in screens.tcss beside this file."""

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

KEYS_HELP = """按键：
·Enter：发送
·ctrl+n：新对话（清空已填写信息）
·F1：帮助；F2：显示/隐藏条款全文
·ctrl+e：导出对话和测算结果（Markdown）
·ctrl+p：命令面板（全部条款与命令）
·ctrl+q：退出"""


class HelpScreen(ModalScreen[None]):
    CSS_PATH = Path(__file__).with_name("screens.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss", "关闭", id="help.close", tooltip="关闭帮助"),
    ]

    def compose(self) -> ComposeResult:
        from assistant.dialog.answers import HELP

        with Vertical(id="help-box", classes="dialog"):
            yield Label("帮助（Esc 关闭，↑↓ 滚动）", classes="dialog-title")
            with VerticalScroll(id="help-text"):
                yield Static(Text(HELP + "\n\n" + KEYS_HELP))

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
