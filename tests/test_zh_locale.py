"""Commands under a real zh_CN.UTF-8 locale (issue 11: several crashes only showed there).

Under C.UTF-8 Python reads standard input with surrogateescape, under zh_CN.UTF-8 strictly: bad
bytes that pass quietly in one raise in the other. The locale comes from the system, from
POLICY_ASSISTANT_LOCPATH (.ci/run builds it there), or is built here with localedef; where none
of that is possible the tests skip and say why.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LOCALE = "zh_CN.UTF-8"
ENGLISH = re.compile(r"[A-Za-z]{5,} [A-Za-z]{3,}")


def _works(env: dict[str, str]) -> bool:
    probe = "import locale; locale.setlocale(locale.LC_ALL, ''); print(locale.getlocale()[0])"
    proc = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    return proc.returncode == 0 and proc.stdout.strip() == "zh_CN"


@pytest.fixture(scope="module")
def zh_env(tmp_path_factory) -> dict[str, str]:
    env = {**os.environ, "LANG": LOCALE, "LC_ALL": LOCALE, "POLICY_ASSISTANT_DEBUG": ""}
    if _works(env):
        return env
    given = os.environ.get("POLICY_ASSISTANT_LOCPATH")
    if given and _works({**env, "LOCPATH": given}):
        return {**env, "LOCPATH": given}
    if not shutil.which("localedef") or not Path("/usr/share/i18n/locales/zh_CN").exists():
        pytest.skip(
            "本机没有 zh_CN.UTF-8，也无法构建"
            "（缺 localedef 或 /usr/share/i18n/locales/zh_CN，即 Debian 的 locales 包）"
        )
    folder = tmp_path_factory.mktemp("locales")
    subprocess.run(["localedef", "-i", "zh_CN", "-f", "UTF-8", str(folder / LOCALE)], capture_output=True)
    built = {**env, "LOCPATH": str(folder)}
    if not _works(built):
        pytest.skip("localedef 未能构建 zh_CN.UTF-8")
    return built


def run(env: dict[str, str], *args: str, stdin: bytes = b"", cwd: Path = ROOT) -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )
    return proc.returncode, proc.stdout.decode("utf-8") + proc.stderr.decode("utf-8")


def chinese_without_trace(text: str) -> None:
    prose = re.sub(r"policy-assistant [^，。；\n]*", "", text)
    assert "Traceback" not in text and "内部错误" not in text and not ENGLISH.search(prose), text[-2000:]
    assert re.search(r"[\u4e00-\u9fff]", text)


def test_the_locale_really_decodes_stdin_strictly(zh_env):
    probe = "import sys; print(sys.stdin.errors)"
    proc = subprocess.run([sys.executable, "-c", probe], env=zh_env, capture_output=True, text=True)
    assert proc.stdout.strip() == "strict"


@pytest.mark.parametrize(
    ("stdin", "says"),
    [
        ('{"above_scale_industrial": "是", "sales_increase_yuan": "八百万块钱左右"}'.encode(), "请输入如"),
        (b'{"sales_increase_yuan": "\xb0\xcb\xb0\xd9\xcd\xf2"}', "UTF-8"),  # GBK bytes, not UTF-8
        (b'{"sales_increase_yuan": "\\ud800"}', "\\ud800"),
    ],
)
def test_calc_with_a_bad_figure(zh_env, stdin, says):
    code, text = run(zh_env, "calc", "1", stdin=stdin)
    assert code == 2 and says in text
    chinese_without_trace(text)


def test_batch_with_a_gbk_csv_and_a_big5_one(zh_env, tmp_path):
    src = tmp_path / "名单.csv"
    src.write_bytes("name,above_scale_industrial,sales_increase_yuan\n将乐县甲公司,是,800万\n".encode("gbk"))
    code, text = run(zh_env, "batch", str(src), "-o", str(tmp_path / "结果.csv"), "--as-of", "2024-03-15")
    assert code == 0 and "完成：共 1 行" in text
    assert "80000" in (tmp_path / "结果.csv").read_text(encoding="utf-8-sig")
    chinese_without_trace(text)
    big5 = tmp_path / "繁體.csv"
    big5.write_bytes(
        "name,above_scale_industrial,sales_increase_yuan\n將樂縣甲公司,是,800萬\n".encode("big5")
    )
    code, text = run(zh_env, "batch", str(big5), "-o", str(tmp_path / "結果.csv"))
    assert code == 2 and "Big5" in text
    chinese_without_trace(text)


def test_chat_plain(zh_env):
    lines = "一季度销售额增长了800万，能奖励多少？\n用电多了99999999999999度\n".encode() + b"\xff\n"
    code, text = run(zh_env, "chat", "--plain", "--as-of", "2024-03-15", stdin=lines)
    assert code == 0 and "超过10万亿" in text and "不是有效的 UTF-8" in text
    assert "处理这句话时出错" not in text
    chinese_without_trace(text)
