"""Reading inputs: encodings, line endings, and every kind of bad input."""

from __future__ import annotations

import codecs

import pytest

from fazhilint.read import MAX_BYTES, read_path
from fazhilint.read.text import encode
from fazhilint.source import UnreadableInput

TEXT = "一、主要举措和成效\n（一）加强组织领导，完善制度。\n"


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""), ("gb18030", b""), ("gbk", b""), ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
])
def test_encodings_read_the_same_text(tmp_path, encoding, bom):
    path = tmp_path / "r.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    source = read_path(path)
    assert source.text == TEXT
    assert source.bom == bool(bom)


def test_short_gbk_title_is_gb18030(tmp_path):
    # charset detectors misread short GBK text as UTF-16; the strict chain does not.
    path = tmp_path / "t.txt"
    path.write_bytes("松江镇2023年法治政府建设工作报告".encode("gbk"))
    assert read_path(path).encoding == "gb18030"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_do_not_shift_positions(tmp_path, newline):
    path = tmp_path / "r.txt"
    path.write_bytes(TEXT.replace("\n", newline).encode())
    source = read_path(path)
    assert source.position(source.text.index("（一）")) == (2, 1)
    assert source.to_string() == TEXT.replace("\n", newline)


def test_roundtrip_keeps_mixed_endings_and_bom(tmp_path):
    raw = codecs.BOM_UTF8 + "甲\r\n乙\n丙\r".encode()
    path = tmp_path / "m.txt"
    path.write_bytes(raw)
    source = read_path(path)
    assert encode(source, source.text) == raw


@pytest.mark.parametrize("content, reason", [
    (b"", "文件为空"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
    (b"PK\x03\x04" + bytes(50), "压缩包"),
    (b"\xd0\xcf\x11\xe0" + bytes(50), ".doc"),
    (b"%PDF-1.7\n", "PDF"),
    (bytes(range(256)) * 4, "二进制"),
    (b"\xd5\xe2\x80\xff\x80", "编码"),
])
def test_bad_input_is_a_clear_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableInput, match=reason):
        read_path(path)
    assert path.read_bytes() == content  # nothing is ever modified


def test_huge_file_is_refused_without_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(UnreadableInput, match="文件过大"):
        read_path(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(UnreadableInput, match="不存在"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(UnreadableInput, match="文件夹"):
        read_path(tmp_path)


def test_unsupported_suffix_says_what_to_do(tmp_path):
    path = tmp_path / "r.wps"
    path.write_bytes(b"anything")
    with pytest.raises(UnreadableInput, match="另存为 .docx"):
        read_path(path)


def test_markdown_markup_is_masked(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("# 一、主要举措\n## （一）加强领导。\n", encoding="utf-8")
    source = read_path(path)
    assert source.view.startswith("  一、主要举措")
    assert source.text.startswith("# 一、")
