"""What an upload holds: each file's kind decided by its content, zip archives opened safely.

No name sent by a browser ever reaches the file system: names are kept for display only, and a
file is written (by the worker, to a private temporary folder) under a name the server chooses
from the kind found here.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass

from fazhilint.read import MAX_BYTES

MAX_FILES = 20  # files in one upload, counting the members of its archives
MAX_MEMBERS = 200  # entries in one zip archive, folders included
MAX_RATIO = 100  # uncompressed/compressed size of a member; a text report compresses ~5x, a bomb ~1000x
MAX_UNPACKED = 100 * 1024 * 1024  # all members of one archive together
DOCUMENT_KINDS = (".docx", ".doc", ".wps", ".odt", ".rtf", ".txt", ".md", ".html")


class Rejected(Exception):
    """An upload (or one of its files) that is not taken; the message is for the clerk."""


@dataclass
class Upload:
    name: str  # for display only
    data: bytes
    kind: str  # the suffix the server stores it under, decided by content


def display_name(name: str) -> str:
    """The last part of a client-supplied name, without control characters, at most 120 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(c for c in base if c.isprintable()).strip() or "未命名文件"
    return base[:120]


def sniff(name: str, data: bytes) -> str:
    """The kind of a file by its content: a suffix from DOCUMENT_KINDS, or ".zip" for an archive.
    Raises Rejected for anything else (images, programs, PDF, empty files)."""
    suffix = posixpath.splitext(name.lower())[1]
    if not data:
        raise Rejected("文件是空的")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
                unpacked = sum(i.file_size for i in z.infolist())  # what a reader may inflate, at most
                mimetype = z.read("mimetype")[:60] if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, zlib.error):
            # a .docx that is broken is still a Word file: the reader explains what is wrong
            if suffix == ".docx":
                return ".docx"
            raise Rejected("压缩包已损坏，无法打开") from None
        if "word/document.xml" in names or suffix == ".docx" and "[Content_Types].xml" in names:
            kind = ".docx"
        elif mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
            kind = ".odt"
        else:
            return ".zip"  # its members are checked one by one
        if unpacked > MAX_UNPACKED:  # a Word file is a zip archive too, and can be a bomb
            raise Rejected(f"文件解压后超过 {MAX_UNPACKED // 1024 // 1024} MB（疑似压缩炸弹），未检查")
        return kind
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return suffix if suffix in (".doc", ".wps") else ".doc"
    if data.startswith(b"{\\rtf"):
        return ".rtf"
    if data.startswith(b"%PDF"):
        raise Rejected("PDF 文件无法可靠还原段落和序号；请上传 Word 原稿（.docx）")
    if _binary(data):
        raise Rejected("不是可检查的文档（请上传 .docx、.doc、.wps、.txt、.md、.html 或 .zip）")
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or suffix in (".html", ".htm"):
        return ".html"
    return ".md" if suffix in (".md", ".markdown") else ".txt"


def _binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text with a BOM
    return b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 20


def expand(name: str, data: bytes) -> list[Upload | Rejected]:
    """One uploaded file as the documents it holds: itself, or the members of a zip archive.
    Raises Rejected for a file or an archive that is not taken; an archive's member that is not
    taken (a picture beside the reports) stands in the list as a Rejected saying why."""
    if len(data) > MAX_BYTES:
        raise Rejected(f"文件过大（{len(data) / 1024 / 1024:.1f} MB），超过 {MAX_BYTES // 1024 // 1024} MB 上限")
    kind = sniff(name, data)
    if kind != ".zip":
        return [Upload(display_name(name), data, kind)]
    try:
        return list(_members(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as e:
        raise Rejected(f"压缩包已损坏或格式不受支持（{type(e).__name__}），整个压缩包未接收") from None


def _members(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        if len(infos) > MAX_MEMBERS:
            raise Rejected(f"压缩包内条目过多（{len(infos)} 个），超过 {MAX_MEMBERS} 个上限")
        files = []
        for info in infos:
            name = _member_name(info)
            if _unsafe_path(name):
                raise Rejected(f"压缩包内有不安全的路径“{display_name(name)}”，整个压缩包未接收")
            if info.is_dir() or _hidden(name):
                continue
            if info.flag_bits & 0x1:
                raise Rejected(f"压缩包内的“{display_name(name)}”已加密，无法检查")
            if info.file_size > MAX_BYTES:
                raise Rejected(f"压缩包内的“{display_name(name)}”解压后过大，超过 {MAX_BYTES // 1024 // 1024} MB 上限")
            if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1024 * 1024:
                raise Rejected(f"压缩包内的“{display_name(name)}”压缩比异常（疑似压缩炸弹），整个压缩包未接收")
            files.append((info, name))
        if sum(i.file_size for i, _ in files) > MAX_UNPACKED:
            raise Rejected(f"压缩包解压后总大小超过 {MAX_UNPACKED // 1024 // 1024} MB 上限")
        if len(files) > MAX_FILES:
            raise Rejected(f"压缩包内文件过多（{len(files)} 个），一次最多 {MAX_FILES} 个")
        for info, name in files:
            with z.open(info) as member:
                content = member.read(MAX_BYTES + 1)  # the declared size may lie: read no more than allowed
            if len(content) > MAX_BYTES or len(content) > info.file_size:
                raise Rejected(f"压缩包内的“{display_name(name)}”实际大小与声明不符，整个压缩包未接收")
            try:
                kind = sniff(name, content)
            except Rejected as e:
                yield Rejected(f"{display_name(name)}：{e}")
                continue
            if kind == ".zip":
                yield Rejected(f"{display_name(name)}：不检查压缩包中的压缩包，请解压后上传")
                continue
            yield Upload(display_name(name), content, kind)


def _member_name(info: zipfile.ZipInfo) -> str:
    """Zip files made on Chinese Windows store names in GBK without saying so."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def _unsafe_path(name: str) -> bool:
    parts = re.split(r"[\\/]", name)
    return (name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) is not None
            or ".." in parts or "\x00" in name)


def _hidden(name: str) -> bool:
    parts = [p for p in re.split(r"[\\/]", name) if p]
    return any(p.startswith((".", "~$")) for p in parts) or "__MACOSX" in parts
