"""Readers: a path (or stdin) in, a Source out, or UnreadableInput with a clear reason."""

from __future__ import annotations

import sys
from pathlib import Path

from fazhilint.source import Source, UnreadableInput

MAX_BYTES = 20 * 1024 * 1024  # a report is well under 1 MB of text; beyond this is not a report

__all__ = ["read_path", "read_stdin", "Source", "UnreadableInput", "MAX_BYTES"]


def read_stdin(name: str = "-") -> Source:
    from fazhilint.read.text import decode

    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    return decode(data, name)


def read_path(path: str | Path) -> Source:
    """Read any supported input. Never raises anything but UnreadableInput."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise UnreadableInput("文件不存在") from None
    except OSError as e:
        raise UnreadableInput(f"无法访问文件：{e.strerror}") from None
    if p.is_dir():
        raise UnreadableInput("这是一个文件夹，不是文件")
    if size > MAX_BYTES:
        raise UnreadableInput(
            f"文件过大（{size / 1024 / 1024:.1f} MB），超过 {MAX_BYTES // 1024 // 1024} MB 上限，未检查；"
            "一份报告的正文通常不足 1 MB，请确认是否选错了文件"
        )
    reader = _reader_for(p)
    try:
        return reader(p)
    except UnreadableInput:
        raise
    except OSError as e:
        raise UnreadableInput(f"无法读取文件：{e.strerror or e}") from None


def _reader_for(p: Path):
    from fazhilint.read import text

    suffix = p.suffix.lower()
    readers = {".txt": text.read_text, ".md": text.read_markdown, ".markdown": text.read_markdown}
    if suffix in readers or not suffix:
        return readers.get(suffix, text.read_text)
    return _extra_reader(suffix) or _unsupported(suffix)


def _extra_reader(suffix: str):
    """Readers of other formats register here (see fazhilint.read.formats)."""
    from fazhilint.read.formats import READERS

    return READERS.get(suffix)


def _unsupported(suffix: str):
    def fail(_p: Path) -> Source:
        raise UnreadableInput(f"不支持“{suffix}”格式；请另存为 .docx 或 .txt 后再检查")

    return fail
