"""Word .docx: body paragraphs and table cells in document order, one line each.

What is read: the paragraphs of the body and of table cells (nested tables
too), Word's automatic numbering rendered in front of each paragraph and
field results (dates, page numbers), both recorded in ``Source.rendered``,
tracked changes as if accepted (insertions kept, deletions dropped), soft
line breaks (Shift+Enter) as a space whose offset is recorded in
``Source.soft_breaks``, tabs as a tab; the anchors of comments.
What is not: headers, footers, footnotes, endnotes, comments, text boxes,
hidden text, and a table of contents (its paragraphs stay, as empty lines, so
line numbers remain paragraph numbers).

``read_lines`` keeps, for every line, the runs its characters came from, so
the annotator (``fazhilint.annotate``) can anchor a comment on exact characters.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from fazhilint.read.docx_numbering import W, Numbering, style_table, toc_styles
from fazhilint.source import CELL_LABEL, Source, UnreadableInput

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees whose text Word does not show in the body flow (or shows elsewhere).
_SKIP = {W + t for t in ("del", "moveFrom", "txbxContent", "pPr", "rPr", "rt", "fldData")} | {_MC_FALLBACK}
_TEXT = {W + "t"}
_SPACE = {W + "br", W + "cr"}  # soft line breaks read as a space
TOC_LABEL = "目录（不检查）"
# Checked from the zip directory before anything is inflated (zip bombs): a part's declared size is
# enforced by zipfile while inflating (a part that inflates past it fails its check).
MAX_PART = 64 * 1024 * 1024  # the document.xml of a 300-page report is some 5 MB
MAX_TOTAL = 128 * 1024 * 1024
MAX_RATIO = 100  # deflated XML shrinks 5 to 20 times; a bomb, thousands of times
_COMMENT_MARKS = {W + "commentRangeStart", W + "commentRangeEnd"}


@dataclass
class Line:
    """One paragraph: its text and where each character came from."""

    text: str
    label: str  # "第3段" or "表1 第2行第1列"
    p: object  # the w:p element
    rendered: int = 0  # length of the automatic numbering label at the start of text
    segments: list[tuple[int, int, object]] = field(default_factory=list)  # (start, end, w:r) in text
    marks: list[tuple[str, str, int]] = field(default_factory=list)  # comment range (tag, w:id, offset)
    fields: list[tuple[int, int]] = field(default_factory=list)  # spans of field results (dates, page numbers …)
    soft_breaks: list[int] = field(default_factory=list)  # offsets in text of the spaces that stand for w:br/w:cr
    hints: frozenset[str] = frozenset()  # what Word says of its place: "center", "right", "title-style"


def piece(child) -> str:
    """The text one child of a w:r contributes to the line."""
    tag = child.tag
    if tag in _TEXT:
        return (child.text or "").replace("\r", " ").replace("\n", " ")
    if tag in _SPACE:
        return " "
    if tag == W + "tab" or tag == W + "ptab":
        return "\t"
    if tag == W + "noBreakHyphen":
        return "-"
    return ""


def open_docx(path: Path):
    """python-docx's Document (to change and save), or UnreadableInput saying why it is not a Word document."""
    return _python_docx(_checked(path))


def open_parts(path: Path):
    """The parts of a Word document that checking reads (fazhilint.read.docx_package), or UnreadableInput."""
    from fazhilint.read.docx_package import open_package

    return open_package(_checked(path))


def _checked(path: Path) -> bytes:
    """The bytes of a .docx whose zip directory looks like a Word document's and no bomb's."""
    from fazhilint.read import read_bytes
    from fazhilint.read.text import identify

    data = read_bytes(path)
    head = data[:8]
    if not head:
        raise UnreadableInput("文件为空（0 字节），没有可检查的内容")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise UnreadableInput("扩展名是 .docx，但这是旧版 .doc/.wps 文件或已加密（设了打开密码）的文档；"
                                  "请在 Word/WPS 中取消密码并“另存为”.docx 后再检查")
        if head.startswith(b"PK"):
            raise UnreadableInput("Word 文档不完整或已损坏（压缩包结构残缺，可能没有下载或复制完整）；"
                                  "请重新获取原稿，或用 Word/WPS 打开后另存为 .docx")
        what = identify(head)
        raise UnreadableInput(f"扩展名是 .docx，但这不是 Word 文档（{what or '不是 zip 格式，文件可能已损坏或被改了扩展名'}）；"
                              "请用 Word/WPS 打开原稿，“另存为”.docx 后再检查")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            _check_sizes(z.infolist())
    except (zipfile.BadZipFile, OSError) as e:
        raise UnreadableInput(f".docx 压缩包已损坏（{e}）；请用 Word/WPS 打开后另存为 .docx") from None
    if "word/document.xml" not in names:
        kind = "Excel 表格" if "xl/workbook.xml" in names else "PowerPoint 演示文稿" if "ppt/presentation.xml" in names else "普通压缩包"
        raise UnreadableInput(f"扩展名是 .docx，但压缩包里没有 word/document.xml：这是{kind}，不是 Word 文档")
    return data


def _python_docx(data: bytes):
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many kinds on malformed parts
        raise UnreadableInput(f"无法打开此 Word 文档（{type(e).__name__}: {e}）；"
                              "请用 Word/WPS 打开并另存为 .docx 后再检查") from None


def _check_sizes(parts: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in parts:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART or total > MAX_TOTAL or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise UnreadableInput(
                f"Word 文档的内容解压后过大（{info.filename} 解压后 {info.file_size / 1024 / 1024:.0f} MB，"
                f"压缩比 {ratio:.0f}:1），不像正常的公文，未检查")


def parts_of(document):
    """The parts of a document as read (docx_package.Parts), also of a python-docx Document."""
    from fazhilint.read.docx_package import Parts

    return document if isinstance(document, Parts) else Parts.of(document)


def read_lines(document) -> list[Line]:
    """Every body and table-cell paragraph of a document (Parts, or a python-docx Document), in order."""
    parts = parts_of(document)
    numbering = parts.numbering
    numbering.restart()  # labels count from the first paragraph
    layout = _Layout(parts.derived("/styles", style_table)[0])
    toc_ids = parts.derived("/styles", toc_styles)
    lines: list[Line] = []
    tables = [0]

    def block(container, cell: str | None, toc: bool = False) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                if toc or child.find(f"{W}pPr/{W}pStyle[@{W}val]") is not None and \
                        child.find(f"{W}pPr/{W}pStyle").get(W + "val") in toc_ids:
                    lines.append(Line("", TOC_LABEL, child))  # a table of contents repeats the headings
                else:
                    lines.append(_line(child, numbering, cell or f"第{len(lines) + 1}段"))
                    if cell is None:
                        lines[-1].hints = layout.hints(child)
            elif tag == W + "tbl":
                tables[0] += 1
                table(child, f"{CELL_LABEL}{tables[0]}" if cell is None else f"{cell} {CELL_LABEL}{tables[0]}")
            elif tag in (W + "sdt", W + "sdtContent", W + "customXml"):
                gallery = child.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
                block(child, cell, toc or gallery is not None and gallery.get(W + "val") == "Table of Contents")

    def table(tbl, name: str) -> None:
        for r, tr in enumerate(_children(tbl, W + "tr"), 1):
            for c, tc in enumerate(_children(tr, W + "tc"), 1):
                block(tc, f"{name} 第{r}行第{c}列")

    block(parts.body, None)
    return lines


class _Layout:
    """Alignment and style of a paragraph, as far as paragraph roles need them (fazhilint/roles.py):
    direct alignment, else the style's, following ``basedOn``."""

    TITLE_STYLES = {"title", "标题"}

    def __init__(self, styles: dict):
        self.styles = styles  # by id

    def hints(self, p) -> frozenset[str]:
        style_id = p.find(f"{W}pPr/{W}pStyle")
        style_id = style_id.get(W + "val") if style_id is not None else None
        align = self._align(p.find(f"{W}pPr"), style_id)
        hints = {"center"} if align == "center" else {"right"} if align in ("right", "end") else set()
        name = self.styles.get(style_id)
        name = name.find(f"{W}name") if name is not None else None
        if (style_id or "").lower() == "title" or name is not None and name.get(W + "val", "").lower() in self.TITLE_STYLES:
            hints.add("title-style")
        return frozenset(hints)

    def _align(self, ppr, style_id: str | None) -> str | None:
        seen = set()
        while True:
            jc = ppr.find(f"{W}jc") if ppr is not None else None
            if jc is not None:
                return jc.get(W + "val")
            style = self.styles.get(style_id)
            if style is None or style_id in seen:
                return None
            seen.add(style_id)
            ppr = style.find(f"{W}pPr")
            based = style.find(f"{W}basedOn")
            style_id = based.get(W + "val") if based is not None else None


def _hidden(r) -> bool:
    """Hidden text (w:vanish) is not shown or printed by Word: it is not read."""
    vanish = r.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(W + "val") not in ("0", "false", "off")


def _children(el, tag: str):
    """Direct children with a tag, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            yield from _children(child, tag)


def _line(p, numbering: Numbering, label: str) -> Line:
    # A paragraph whose mark is a tracked deletion goes away when changes are accepted: no number.
    prefix = "" if p.find(f"{W}pPr/{W}rPr/{W}del") is not None else numbering.label(p)
    line = Line(prefix, label, p, rendered=len(prefix))
    parts = [prefix]
    offset = len(prefix)

    depth = 0  # inside how many complex fields (w:fldChar begin … end)

    def walk(el, in_field: bool = False) -> None:
        nonlocal offset, depth
        for child in el:
            tag = child.tag
            if tag == W + "r":
                text = ""
                for c in [] if _hidden(child) else child:
                    if c.tag in _SPACE:
                        line.soft_breaks.append(offset + len(text))
                    text += piece(c)
                line.segments.append((offset, offset + len(text), child))
                parts.append(text)
                for mark in child.iter(W + "fldChar"):
                    depth += {"begin": 1, "end": -1}.get(mark.get(W + "fldCharType"), 0)
                if text and (in_field or depth > 0):  # computed by Word: read, never edited
                    line.fields.append((offset, offset + len(text)))
                offset += len(text)
                ref = child.find(W + "commentReference")
                if ref is not None:
                    line.marks.append(("commentReference", ref.get(W + "id"), offset))
            elif tag in _COMMENT_MARKS:
                line.marks.append((tag[len(W):], child.get(W + "id"), offset))
            elif tag not in _SKIP and isinstance(tag, str):
                walk(child, in_field or tag == W + "fldSimple")  # hyperlinks, insertions, fields, smart tags, content controls

    walk(p)
    line.text = "".join(parts)
    return line


def source_from_lines(path: str, lines: list[Line], comments: dict[str, str] | None = None) -> Source:
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line.text) + 1
    return Source(
        comments=_anchored(lines, starts, comments or {}),
        path=path,
        text="\n".join(line.text for line in lines),
        kind="docx",
        encoding=None,
        rendered=[span for s, line in zip(starts, lines)
                  for span in ([(s, s + line.rendered)] if line.rendered else []) + [(s + a, s + b) for a, b in line.fields]],
        soft_breaks=[s + b for s, line in zip(starts, lines) for b in line.soft_breaks],
        line_labels={n: line.label for n, line in enumerate(lines, 1)},
        line_hints={n: line.hints for n, line in enumerate(lines, 1) if line.hints},
    )


def comment_texts(document) -> dict[str, str]:
    """Each Word comment's text by its w:id (paragraphs joined by a line break)."""
    part = parts_of(document).element("/comments")
    if part is None:
        return {}
    return {c.get(W + "id"): "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p"))
            for c in part.iter(W + "comment")}


def _anchored(lines: list[Line], starts: list[int], comments: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, text) of each comment: the span between its range marks, or, for a comment with
    only a reference mark, its paragraph."""
    if not comments:
        return []
    begin, end, para = {}, {}, {}
    for line, first in zip(lines, starts):
        for tag, cid, offset in line.marks:
            if tag == "commentRangeStart":
                begin.setdefault(cid, first + offset)
            elif tag == "commentRangeEnd":
                end[cid] = first + offset
            else:
                para.setdefault(cid, (first, first + len(line.text)))
    out = []
    for cid, text in comments.items():
        if cid in begin:
            start = begin[cid]
            out.append((start, max(start, end.get(cid, start)), text))
        elif cid in para:
            out.append((*para[cid], text))
    return sorted(out)


@dataclass(eq=False)
class Opened:
    """A Word document as read: its parts (docx_package.Parts, or python-docx's Document when it is to be
    changed) and its lines (line N is ``lines[N - 1]``)."""

    document: object
    lines: list[Line]

    @cached_property
    def formats(self):
        """Effective formatting (fazhilint.read.docx_format), resolved on first use."""
        from fazhilint.read.docx_format import Formats

        return Formats(self.document)


def opened(source: Source) -> Opened:
    """The Word document behind a .docx Source (read again if it crossed a process boundary)."""
    if source.docx is None:
        document = open_parts(Path(source.path))
        source.docx = Opened(document, read_lines(document))
    return source.docx


def editable(source: Source) -> Opened:
    """The Word document behind a .docx Source as python-docx's Document, to change and save (the same
    bytes as were read, so its lines are the Source's)."""
    handle = opened(source)
    data = getattr(handle.document, "data", None)
    document = open_docx(Path(source.path)) if data is None else _python_docx(data)
    source.docx = Opened(document, read_lines(document))
    return source.docx


def read_docx(path: Path) -> Source:
    document = open_parts(path)
    lines = read_lines(document)
    if not any(line.text.strip() for line in lines):
        raise UnreadableInput("Word 文档正文为空（页眉、页脚、文本框中的文字不检查）")
    source = source_from_lines(str(path), lines, comment_texts(document))
    source.docx = Opened(document, lines)
    return source
