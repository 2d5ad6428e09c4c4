"""Widgets of the chat screen. Display only: every decision is the engine's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from assistant.tui.wrap import WrappedText, fit_line

if TYPE_CHECKING:
    from assistant.dialog.reply import ClauseView, ProfileTable


# Longest text one message widget renders; the engine refuses long input anyway, this keeps a
# runaway reply or paste from making a screen-sized layout job.
MAX_RENDERED_CHARS = 4000
# What a paste may put into the input: enough for the engine to say "too long", no more.
MAX_PASTE_CHARS = 2000
MAX_MESSAGES = 300


class AskInput(Input):
    """The question line. A huge paste is cut (the engine then says it is too long).

    The placeholder is given as options, longest first: the longest that fits the input's width is
    shown, so a hint is shortened at a boundary the app chose, never cut mid-word by the edge.
    """

    hints: tuple[str, ...] = ()

    def show_hint(self, *options: str) -> None:
        self.hints = options
        self._fit_hint()

    def on_resize(self) -> None:
        self._fit_hint()

    def _fit_hint(self) -> None:
        if not self.hints:
            return
        width = self.content_size.width - 1  # the cursor cell
        # Not laid out yet (width 0): the longest for now, refitted on the first resize.
        self.placeholder = fit_line(self.hints, width) if width > 0 else self.hints[0]

    async def _on_key(self, event: events.Key) -> None:
        if event.key != "enter":
            await super()._on_key(event)
            return
        # Sent here, in key order, and the line emptied at once. Left to textual, an Enter goes
        # up to the app's bindings and back while the keys after it are already typed into the
        # line: a burst (typing while the app loads, a fast typist) joined two questions into
        # one and sent it twice, and clearing the line on submit threw away what came after.
        event.stop()
        event.prevent_default()
        line, self.value = self.value, ""
        checked = self.validate(line) if "submitted" in self.validate_on else None
        self.post_message(self.Submitted(self, line, checked))

    def _on_paste(self, event: events.Paste) -> None:
        # Textual runs Input's own paste handler after this one unless default is prevented.
        if event.text and len(event.text) > MAX_PASTE_CHARS:
            event.prevent_default()
            event.stop()
            self.insert_text_at_cursor(" ".join(event.text[: MAX_PASTE_CHARS + 1].split()))


class Message(Static):
    """One turn of the conversation."""

    def __init__(self, text: str, who: str, table: ProfileTable | None = None) -> None:
        self._who, self._table = who, table
        super().__init__(self._body(text), classes=who)

    def _body(self, text: str) -> WrappedText | Group:
        if len(text) > MAX_RENDERED_CHARS:
            text = text[:MAX_RENDERED_CHARS] + f"……（共 {len(text)} 字，仅显示前 {MAX_RENDERED_CHARS} 字）"
        prefix = "您：" if self._who == "user" else ""
        self.text = prefix + text
        if self._table is None:
            return WrappedText(self.text)
        return Group(WrappedText(self.text), profile_table(self._table))

    def set_text(self, text: str) -> None:
        """Say ``text`` instead (the welcome gains its validity line once the notice is loaded)."""
        self.update(self._body(text))


class Conversation(VerticalScroll, can_focus=False):
    """The log of messages. A new answer is shown from its first line (the amount comes first),
    even when it is taller than the screen; the oldest messages beyond a cap are dropped.
    PageUp/PageDown and ctrl+Home/End (app bindings) scroll it while the input keeps focus."""

    # Scrolls into view not yet run: 0 when what is shown is final (tests and snapshots wait for
    # this, never for a delay).
    unsettled = 0
    # The newest message, kept at the top of the view until the person scrolls: its layout can
    # change after the first scroll (a scrollbar appears, lines rewrap one row taller), and
    # scrolling once left the view a row short or not, depending on machine load.
    _anchor: Message | None = None

    def add(self, text: str, who: str, table: ProfileTable | None = None) -> Message:
        message = Message(text, who, table)
        self.mount(message)
        extra = len(self.children) - MAX_MESSAGES
        if extra > 0:
            for old in list(self.children)[:extra]:
                old.remove()
        # After layout: scroll so the message's top is in view (clamped to the end when it fits).
        self._anchor = message
        self.unsettled += 1
        self.call_after_refresh(self._show)
        return message

    def _show(self) -> None:
        self.unsettled -= 1
        message = self._anchor  # the newest at the time of the scroll, not of the request
        if message is not None and message.is_attached:  # not cleared (ctrl+n) nor capped away
            self.scroll_to_widget(message, top=True, animate=False)

    def watch_virtual_size(self) -> None:
        if self._anchor is not None:  # re-laid out: show the newest message from its top again
            self.unsettled += 1
            self.call_after_refresh(self._show)

    def release(self) -> None:
        """The person scrolls: the view stays where they put it."""
        self._anchor = None

    def on_mouse_scroll_down(self) -> None:
        self.release()

    def on_mouse_scroll_up(self) -> None:
        self.release()


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


def profile_table(table: ProfileTable) -> Table:
    """The whole-profile result as a table that lines up wide characters (rich measures cells)."""
    from calculators.format import format_yuan

    out = Table(title="体检结果", box=box.SIMPLE_HEAD, expand=False, title_justify="left", pad_edge=False)
    out.add_column("条款", no_wrap=True)
    out.add_column("措施", overflow="fold", ratio=2)
    out.add_column("结论", overflow="fold", ratio=2)
    out.add_column("金额", justify="right", overflow="fold", ratio=3)
    for row in table.rows:
        amount = "—" if row.award_yuan is None else format_yuan(row.award_yuan)
        if row.award_yuan and row.upper_bound:
            amount = "最高 " + amount
        if row.award_yuan and not row.paid_to_enterprise:
            amount += "（拨付乡镇/部门）"
        out.add_row(f"第{row.measure}条", row.title, row.status, amount)
    caption = [f"企业可得合计（不含第9条工作经费）：{format_yuan(table.total_award_yuan)}{table.total_note}"]
    if table.work_funds_yuan:
        caption.append(f"第9条工作经费（拨付乡镇/部门）：{format_yuan(table.work_funds_yuan)}")
    out.caption = "\n".join([*caption, *table.notes, "预估金额，以责任单位审核为准。"])
    out.caption_justify = "left"
    return out
