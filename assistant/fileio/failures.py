"""Chinese sentences for the failures that hostile input and full disks cause, below the parsers.

The figure parsers answer ordinary mistakes with InputError; these are what slips past them
(decimal overflow on an absurd amount, Python's 4,300-digit limit, deep JSON, undecodable bytes, a
full disk). Each command and each batch row turns them into a message saying what is expected,
so no person sees English or "内部错误".
"""

from __future__ import annotations

import decimal
import errno

_FIGURE_HINT = "金额请写成如 800万 或 8000000，电量如 150万度"

_OS_ERRORS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EROFS: "所在磁盘只读",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EFBIG: "文件过大",
    errno.EEXIST: "文件已存在",
    errno.EIO: "磁盘读写出错",
    errno.ELOOP: "路径中的链接形成了循环",
}


def os_error_text(exc: OSError, path: object = None) -> str:
    """``磁盘空间不足，无法写入“out.csv”：…`` — the cause in Chinese and the file it concerns."""
    name = path if path is not None else exc.filename
    cause = _OS_ERRORS.get(exc.errno or 0, f"系统错误 {exc.errno}" if exc.errno else "系统错误")
    where = f"“{name}”" if name else "文件"
    advice = (
        "请清理磁盘空间或换一个位置后重试"
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
        else "请检查路径和权限，或换一个位置后重试"
    )
    return f"{cause}，无法读写{where}：{advice}。"


def explain(exc: BaseException) -> str | None:
    """What went wrong and what is expected, in Chinese; None for an exception that is a real bug."""
    if isinstance(exc, (decimal.Overflow, decimal.InvalidOperation, OverflowError)):
        return f"数值过大，超出可计算的范围：请检查数字和单位（{_FIGURE_HINT}）。"
    if isinstance(exc, decimal.DecimalException):
        return f"数值无法计算：请检查数字和单位（{_FIGURE_HINT}）。"
    if isinstance(exc, ValueError) and "digits" in str(exc) and "limit" in str(exc):
        return f"数字位数过多（最多 4,300 位）：请输入实际的数额（{_FIGURE_HINT}）。"
    if isinstance(exc, RecursionError):
        return '输入的嵌套层数过深，无法读取：应为一层 JSON 对象，如 {"sales_increase_yuan": "800万"}。'
    if isinstance(exc, UnicodeDecodeError):
        return "输入不是有效的 UTF-8 文本：请以 UTF-8 编码保存或输入后重试。"
    if isinstance(exc, UnicodeEncodeError):
        return "输入含有无法显示或保存的字符（如单独的 \\ud800 这类代理码位）：请删去后重试。"
    if isinstance(exc, MemoryError):
        return "输入过大，内存不足：请分成较小的文件或只输入所需的数据。"
    if isinstance(exc, OSError):
        return os_error_text(exc)
    return None
