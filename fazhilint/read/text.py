"""Plain text and Markdown: BOM, strict UTF-8, then GB18030; newlines kept for writing back."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from fazhilint.source import Source, UnreadableInput

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Magic numbers of files that are often renamed or picked by mistake: what it is, what to do.
_SIGNATURES = (
    (b"PK\x03\x04", "这是一个压缩包（可能是 .docx 或 .zip）", "不是纯文本文件"),
    (b"\xd0\xcf\x11\xe0", "这是旧版 Word（.doc/.wps）或 Excel 文件", "请另存为 .docx 后再检查"),
    (b"%PDF", "这是 PDF 文件", "请提供 .docx 或 .txt 版本"),
    (b"\x89PNG", "这是 PNG 图片", "不是文本文件"),
    (b"\xff\xd8\xff", "这是 JPEG 图片", "不是文本文件"),
    (b"GIF8", "这是 GIF 图片", "不是文本文件"),
)


def identify(head: bytes) -> str | None:
    """What a file is by its first bytes ("这是 PNG 图片"), for kinds often renamed by mistake."""
    return next((what for magic, what, _ in _SIGNATURES if head.startswith(magic)), None)


def head(path: Path, size: int = 8) -> bytes:
    """A binary file's first bytes, to tell what it is; an empty file is unreadable."""
    with open(path, "rb") as f:
        data = f.read(size)
    if not data:
        raise UnreadableInput("文件为空（0 字节），没有可检查的内容")
    return data


def decode(data: bytes, path: str) -> Source:
    """Decode the bytes of a text file into a Source, or say why not."""
    if not data:
        raise UnreadableInput("文件为空，没有可检查的内容")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                raw = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as e:
                raise UnreadableInput(f"文件声明为 {encoding} 编码，但第 {e.start} 字节处无法解码") from None
            return Source.from_string(raw, path, encoding=encoding, bom=True)
    for magic, what, advice in _SIGNATURES:
        if data.startswith(magic):
            raise UnreadableInput(f"{what}，{advice}")
    if b"\x00" in data[:8192]:
        raise UnreadableInput("这是二进制文件，不是文本文件")
    for encoding in ("utf-8", "gb18030"):
        try:
            raw = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return Source.from_string(raw, path, encoding=encoding)
    raise UnreadableInput("无法识别文件编码（既不是 UTF-8，也不是 GB18030/GBK）；请用“另存为”选择 UTF-8 编码")


def read_text(path: Path) -> Source:
    return decode(path.read_bytes(), str(path))


# Heading, quote and list markup at a line's start, and comments (fazhilint's directives among them).
_MD_MARKUP = re.compile(r"^(?:#{1,6}|>|[-*+](?= ))(?=[ \t])|<!--.*?-->", re.M | re.S)


def read_markdown(path: Path) -> Source:
    """Markdown: heading and list markup is masked so the grammar sees the report's own markers."""
    source = decode(path.read_bytes(), str(path))
    source.kind = "markdown"
    return mask_markdown(source)


def mask_markdown(source: Source) -> Source:
    text = source.text
    source.masked = []
    for m in _MD_MARKUP.finditer(text):  # a comment over several lines is masked line by line
        start = m.start()
        for piece in m.group().split("\n"):
            source.masked.append((start, start + len(piece)))
            start += len(piece) + 1
    return source


def encode(source: Source, text: str) -> bytes:
    """Encode a fixed text the way the input was encoded (BOM, encoding, line endings)."""
    raw = source.to_string(text)
    encoding = source.encoding or "utf-8"
    prefix = dict((e, b) for b, e in _BOMS).get(encoding, b"") if source.bom else b""
    return prefix + raw.encode(encoding)
