"""Widgets of the chat screen. Display only: every decision is the engine's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

if TYPE_CHECKING:
    from assistant.dialog.reply import ClauseView


# Longest text one message widget renders; the engine refuses long input anyway, this keeps a
# runaway reply or paste from making a screen-sized layout job.
MAX_RENDERED_CHARS = 4000
# What a paste may put into the input: enough for the engine to say "too long", no more.
MAX_PASTE_CHARS = 2000
MAX_MESSAGES = 300


class AskInput(Input):
    """The question line. A huge paste is cut (the engine then says it is too long)."""

    def _on_paste(self, event: events.Paste) -> None:
        if event.text and len(event.text) > MAX_PASTE_CHARS:
            event.stop()
            text = " ".join(event.text[: MAX_PASTE_CHARS + 1].split())
            self.insert_text_at_cursor(text)
            return
        super()._on_paste(event)


class Message(Static):
    """One turn of the conversation."""

    def __init__(self, text: str, who: str) -> None:
        if len(text) > MAX_RENDERED_CHARS:
            text = text[:MAX_RENDERED_CHARS] + f"……（共 {len(text)} 字，仅显示前 {MAX_RENDERED_CHARS} 字）"
        prefix = "您：" if who == "user" else ""
        self.text = prefix + text
        super().__init__(Text(self.text), classes=who)


class Conversation(VerticalScroll, can_focus=False):
    """The log of messages; keeps the newest in view and drops the oldest beyond a cap."""

    def on_mount(self) -> None:
        self.anchor()

    def add(self, text: str, who: str) -> Message:
        message = Message(text, who)
        self.mount(message)
        extra = len(self.children) - MAX_MESSAGES
        if extra > 0:
            for old in list(self.children)[:extra]:
                old.remove()
        self.anchor()
        return message


def clause_text(view: ClauseView) -> Text:
    """The open clause with its matched words highlighted; "已失效" first when not in force."""
    out = Text()
    if not view.in_force:
        out.append("【已失效】", style="bold red")
        out.append(view.in_force_message + "\n\n", style="red")
    out.append(view.heading + "\n\n", style="bold")
    body = Text(view.text)
    terms = sorted({t for t in view.highlight if len(t) >= 2}, key=len, reverse=True)
    if terms:
        body.highlight_words(terms, style="bold reverse")
    out.append_text(body)
    out.append("\n\n责任单位：", style="bold")
    out.append("、".join(view.responsible_units) or "—")
    out.append("\n依据材料：", style="bold")
    out.append("；".join(view.evidence) or "原文未写明")
    if view.references:
        out.append("\n相关文件：", style="bold")
        out.append("、".join(view.references))
    out.append("\n有效期：", style="bold")
    out.append(view.validity)
    return out
