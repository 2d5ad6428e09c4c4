"""One browser tab's app: the terminal app, with export as a download and a "ready" signal.

Runs in the tab's own process under textual-serve's web driver. A browser tab is a network
client: nothing it does may write on the server.
"""

from __future__ import annotations

import io

from assistant.tui.app import PolicyApp

# Meta packet the tab's app sends once its first screen is up and the input has the focus:
# the server holds what the browser typed until then (typing in a tab's first seconds was lost).
READY_META = "policy_assistant_ready"


class ServedPolicyApp(PolicyApp):
    """PolicyApp as served to a browser tab."""

    def on_ready(self) -> None:
        write_meta = getattr(self._driver, "write_meta", None)  # the web driver only
        if write_meta is not None:
            write_meta({"type": READY_META})

    def action_export(self) -> None:
        # ctrl+e used to ask for a path and write it on the server as the server's user.
        if not self.ready:
            self.notify("正在加载，稍后再导出。", timeout=3)
            return
        name = f"政策问答-{self.engine.as_of:%Y%m%d}.md"
        self.deliver_text(
            io.StringIO(self.engine.transcript_markdown()),
            save_filename=name,
            mime_type="text/markdown",
            encoding="utf-8",
        )
        self.notify(f"已开始下载 {name}（保存在浏览器的下载文件夹）。", timeout=5)

    def save_export(self, path_text: str) -> str | None:
        """Never a file on the server, whatever path a tab sends."""
        return "在浏览器中使用时，导出为下载到本机，不写入服务器。请按 ctrl+e 下载。"
