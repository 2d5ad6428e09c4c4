"""Reading a JSON object from a file or standard input, bounded and with Chinese refusals.

Shared by calc, check and report. What is read is bounded (``--input /dev/zero`` must not grow
without end), bytes are decoded strictly (invalid UTF-8 is refused, whatever the locale), and a
parsed object holds no lone surrogate (``"\\ud800"``), which could not be printed or saved.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from assistant.fileio.failures import os_error_text

MAX_INPUT_BYTES = 10 << 20
EXAMPLE = '{"sales_increase_yuan": "800万"}'


class JsonInputError(ValueError):
    """Input that is no usable JSON object; ``message`` is Chinese and says what is expected."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _decode(data: bytes, where: str) -> str:
    if len(data) > MAX_INPUT_BYTES:
        raise JsonInputError(
            f"{where}超过 {MAX_INPUT_BYTES >> 20} MB，不像是一家企业的资料："
            f"请提供一个 JSON 对象，如 {EXAMPLE}"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise JsonInputError(f"{where}不是有效的 UTF-8 文本：请以 UTF-8 编码保存后重试") from None


def read_stdin() -> str:
    """Standard input, at most MAX_INPUT_BYTES (a StringIO in tests has no bytes: read as text)."""
    stream = sys.stdin
    if stream is None:
        raise JsonInputError("没有输入：请用 --input 文件 指定 JSON 文件，或从标准输入传入 JSON 对象")
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        return _decode(stream.read(MAX_INPUT_BYTES + 1).encode("utf-8", "surrogatepass"), "标准输入")
    return _decode(buffer.read(MAX_INPUT_BYTES + 1), "标准输入")


def read_file(path: Path) -> str:
    """A JSON file's text, at most MAX_INPUT_BYTES; devices and folders refused."""
    try:
        if path.exists() and not path.is_file():
            raise JsonInputError(f"“{path}”不是普通文件：请给出一个 JSON 文件的路径")
        with path.open("rb") as f:
            data = f.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise JsonInputError(f"找不到输入文件：{path}，请检查路径") from None
    except OSError as exc:
        raise JsonInputError(os_error_text(exc, path)) from None
    return _decode(data, f"文件“{path.name}”")


def parse_object(text: str) -> dict[str, Any]:
    """The JSON object in ``text``; JsonInputError (Chinese) for anything else."""
    if not text.strip():
        raise JsonInputError(f"输入为空：请提供一个 JSON 对象，如 {EXAMPLE}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonInputError(
            f"输入不是有效的 JSON（第{exc.lineno}行第{exc.colno}列）：请提供一个 JSON 对象，如 {EXAMPLE}"
        ) from None
    except RecursionError:
        raise JsonInputError(f"输入的嵌套层数过深：应为一层 JSON 对象，如 {EXAMPLE}") from None
    except ValueError:  # Python's limit of 4,300 digits for one integer
        raise JsonInputError(
            f"输入中有位数过多的数字（超过 4,300 位）：请填写实际数额，如 {EXAMPLE}"
        ) from None
    if not isinstance(data, dict):
        raise JsonInputError("输入应为一个 JSON 对象（{…}），而不是数组、数字或字符串")
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise JsonInputError(
            "输入中有无效的字符转义（如单独的 \\ud800，不是任何字符）：请删去后重试"
        ) from None
    except (RecursionError, ValueError):
        raise JsonInputError(f"输入的嵌套层数过深：应为一层 JSON 对象，如 {EXAMPLE}") from None
    return data
