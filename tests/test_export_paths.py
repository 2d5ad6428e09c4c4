"""Chat export paths (issue 11): ~ expanded, devices and folders refused, no silent overwrite."""

import os
from pathlib import Path

import pytest

from assistant.dialog.export import ExportError, ExportExists, export_exists, export_path, write_atomically


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def test_tilde_is_the_home_folder_and_a_file_under_it(home):
    assert export_path("~/记录") == home / "记录.md"
    assert write_atomically("~/记录.md", "内容") == home / "记录.md"
    assert (home / "记录.md").read_text(encoding="utf-8") == "内容"
    with pytest.raises(ExportError) as err:
        write_atomically("~", "内容")  # used to write a file "<home>.md" beside the home folder
    assert "是一个文件夹" in err.value.message and str(home / "政策问答.md") in err.value.message
    assert not Path(str(home) + ".md").exists()


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_devices_are_refused(device):
    beside = Path(device + ".md")  # what was written instead (left by an earlier run, perhaps)
    existed = beside.exists()
    with pytest.raises(ExportError) as err:
        write_atomically(device, "内容")
    assert "不是普通文件" in err.value.message
    assert beside.exists() == existed


def test_a_fifo_and_a_folder_are_refused(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(ExportError) as err:
        write_atomically(str(fifo), "内容")
    assert "不是普通文件" in err.value.message
    (tmp_path / "folder").mkdir()
    with pytest.raises(ExportError) as err:
        write_atomically(str(tmp_path / "folder"), "内容")
    assert "是一个文件夹" in err.value.message


def test_an_existing_file_is_replaced_only_when_asked(tmp_path):
    target = tmp_path / "记录.md"
    target.write_text("以前的导出", encoding="utf-8")
    assert export_exists(str(target)) and export_exists(str(tmp_path / "记录"))  # .md added
    assert not export_exists(str(tmp_path / "新.md"))
    with pytest.raises(ExportExists) as err:
        write_atomically(str(target), "新内容")
    assert "已存在" in err.value.message and err.value.path == target
    assert target.read_text(encoding="utf-8") == "以前的导出"
    assert write_atomically(str(target), "新内容", overwrite=True) == target
    assert target.read_text(encoding="utf-8") == "新内容"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["记录.md"]  # no temporary file left


def test_a_full_disk_is_said_in_chinese_with_the_file(tmp_path, monkeypatch):
    import errno

    def enospc(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", enospc)
    with pytest.raises(ExportError) as err:
        write_atomically(str(tmp_path / "记录.md"), "内容")
    assert "磁盘空间不足" in err.value.message and "记录.md" in err.value.message
    assert "No space" not in err.value.message and list(tmp_path.iterdir()) == []


def test_the_app_asks_before_replacing_a_file(tmp_path):
    from textual.widgets import Input

    from assistant.tui.screens import ExportScreen
    from tests.test_tui import chat_app, sync

    target = tmp_path / "记录.md"
    target.write_text("以前的导出", encoding="utf-8")

    @sync
    async def scenario():
        async with chat_app((100, 30)) as (app, pilot):
            await pilot.press("ctrl+e")
            assert isinstance(app.screen, ExportScreen)
            app.screen.query_one("#export-path", Input).value = str(target)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ExportScreen)  # asked, not written
            assert "已存在" in str(app.screen.query_one("#export-error").render())
            assert target.read_text(encoding="utf-8") == "以前的导出"
            await pilot.press("enter")  # the same path again: replace it
            await pilot.pause()
            assert not isinstance(app.screen, ExportScreen)
            assert target.read_text(encoding="utf-8") != "以前的导出"

    scenario()
