"""The package around an .xlsx worksheet: its parts located, bounded, and the shared strings and
styles read (the worksheet itself is streamed by assistant/xlsx.py)."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import IO
from xml.etree import ElementTree as ET

from assistant.sheets.cells import (
    MAX_CELL_CHARS,
    MAX_PART_BYTES,
    MAX_ROW_BYTES,
    MAX_STRINGS,
    MAX_STRINGS_BYTES,
    MAX_STRINGS_CHARS,
    TabularError,
    decode_escapes,
    oversized,
)
from assistant.sheets.xlsx_formats import builtin_format, is_date_format, is_elapsed_format

PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CHUNK = 8192


def too_large(path: Path, what: str) -> TabularError:
    return TabularError(
        f"Excel 文件“{path.name}”的{what}，不像是企业名单（文件可能已损坏或是被构造的）："
        "请检查文件，或把名单复制到新的工作簿另存为 .xlsx 后重试。"
    )


def _cell_text(text: str) -> str:
    """Shared or inline string text as a person sees it: escapes decoded, spaces stripped."""
    if len(text) > MAX_CELL_CHARS:
        return oversized(len(text))
    return decode_escapes(text).strip()


def _ns(tag: str) -> str:
    """The ``{namespace}`` part of a tag ('' when none): transitional and strict files both read."""
    return tag[: tag.index("}") + 1] if tag.startswith("{") else ""


def _item_text(node: ET.Element, ns: str) -> str:
    """A shared or inline string: its plain <t> then its rich-text runs' <t> (phonetic runs left out)."""
    t_tag = ns + "t"
    if len(node) == 1 and node[0].tag == t_tag:  # the common case: plain text
        return node[0].text or ""
    plain, runs = "", []
    for child in node:
        if child.tag == t_tag:
            plain = child.text or ""
        elif child.tag == ns + "r":
            runs.append(child.findtext(t_tag) or "")
    return plain + "".join(runs)


class PackageParts:
    """An open .xlsx package (``_zip``, ``_names``, ``path`` set by the subclass): parts by name."""

    path: Path
    _zip: zipfile.ZipFile | None
    _names: dict[str, str]

    def _open(self, name: str, limit: int | None = None) -> IO[bytes]:
        """A part, refused when it would inflate past ``limit`` (zipfile stops at the declared size)."""
        assert self._zip is not None
        limit = MAX_PART_BYTES if limit is None else limit
        info = self._zip.getinfo(self._names[name.lower()])
        if info.file_size > limit:
            raise too_large(self.path, f"“{name}”解压后有 {info.file_size:,} 字节，超过上限 {limit:,} 字节")
        return self._zip.open(info)

    def _has(self, name: str) -> bool:
        return name.lower() in self._names

    def _parse(self, name: str) -> ET.Element:
        with self._open(name) as f:
            return ET.parse(f).getroot()

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships: id → (type, target part name), targets resolved from the part."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self._has(rels_name):
            return {}
        out = {}
        for rel in self._parse(rels_name).iter(f"{{{PKG_REL_NS}}}Relationship"):
            target = rel.get("Target", "").replace("\\", "/")
            if rel.get("TargetMode") == "External":
                continue
            # "/xl/worksheets/sheet1.xml" is from the package root; others from the part's folder.
            name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            out[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(name))
        return out

    def _locate(self) -> tuple[str, str | None, str | None, bool]:
        """The first worksheet (chart sheets skipped), the styles and shared strings, the 1904 flag."""
        book = next(
            (t for kind, t in self._rels("").values() if kind.endswith("/officeDocument")),
            "xl/workbook.xml",
        )
        root = self._parse(book)
        ns = _ns(root.tag)
        pr = root.find(ns + "workbookPr")
        date1904 = pr is not None and pr.get("date1904", "").lower() in ("1", "true")
        rels = self._rels(book)
        sheet = None
        for node in root.iterfind(f"{ns}sheets/{ns}sheet"):
            rid = next((v for k, v in node.attrib.items() if k.endswith("}id")), None)
            kind, target = rels.get(rid or "", ("", ""))
            if kind.endswith("/worksheet"):  # chart sheets are skipped, as openpyxl skipped them
                sheet = target
                break
        if sheet is None:
            raise TabularError(f"Excel 文件“{self.path.name}”中没有工作表：请把企业名单放在第一张工作表里。")
        by_kind = {kind.rsplit("/", 1)[-1]: target for kind, target in rels.values()}
        # Where a writer left out the relationship, the usual part names still find them.
        folder = posixpath.dirname(book)
        styles = by_kind.get("styles") or posixpath.join(folder, "styles.xml")
        strings = by_kind.get("sharedStrings") or posixpath.join(folder, "sharedStrings.xml")
        return (
            sheet,
            styles if self._has(styles) else None,
            strings if self._has(strings) else None,
            date1904,
        )

    def _read_strings(self, name: str) -> list[str]:
        """The shared-string table, read as the sheet is (finished items taken, then dropped), bounded."""
        strings: list[str] = []
        chars = 0
        builder = ET.TreeBuilder()
        holder = builder.start("holder", {})
        parser = ET.XMLParser(target=builder)
        since_item = 0  # bytes fed since an item last finished: one item's size
        with self._open(name, MAX_STRINGS_BYTES) as f:
            while True:
                chunk = f.read(_CHUNK * 8)
                if chunk:
                    parser.feed(chunk)
                else:
                    parser.close()
                items = holder[0] if len(holder) else []
                done = len(items) if not chunk else len(items) - 1
                since_item = 0 if done > 0 else since_item + len(chunk)
                if since_item > MAX_ROW_BYTES:
                    raise too_large(self.path, f"共享字符串中有一项超过 {MAX_ROW_BYTES >> 20} MB")
                for node in items[:done] if done > 0 else ():
                    if node.tag.endswith("}si") or node.tag == "si":
                        text = _cell_text(_item_text(node, _ns(node.tag)))
                        strings.append(text)
                        chars += len(text)
                if done > 0:
                    del items[:done]  # type: ignore[union-attr]
                if len(strings) > MAX_STRINGS or chars > MAX_STRINGS_CHARS:
                    raise too_large(
                        self.path, f"共享字符串超过 {MAX_STRINGS:,} 项或 {MAX_STRINGS_CHARS:,} 个字符"
                    )
                if not chunk:
                    return strings

    def _read_styles(self, name: str) -> tuple[set[int], set[int]]:
        """Indexes of cell styles whose number format shows a date (or a duration)."""
        root = self._parse(name)
        ns = _ns(root.tag)
        custom = {
            int(n.get("numFmtId", -1)): n.get("formatCode", "")
            for n in root.iterfind(f"{ns}numFmts/{ns}numFmt")
        }
        dates: set[int] = set()
        timedeltas: set[int] = set()
        for index, xf in enumerate(root.iterfind(f"{ns}cellXfs/{ns}xf")):
            fmt_id = int(xf.get("numFmtId", 0))
            fmt = custom[fmt_id] if fmt_id in custom else builtin_format(fmt_id)
            if fmt and is_date_format(fmt):
                dates.add(index)
            if fmt and is_elapsed_format(fmt):
                timedeltas.add(index)
        return dates, timedeltas
