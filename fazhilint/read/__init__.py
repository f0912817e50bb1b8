"""Readers: a path (or stdin) in, a Source out, or UnreadableInput with a clear reason."""

from __future__ import annotations

import os
import stat
import sys
import traceback
from pathlib import Path

from fazhilint.source import Source, UnreadableInput

MAX_BYTES = 20 * 1024 * 1024  # a report is well under 1 MB of text; beyond this is not a report

__all__ = ["read_path", "read_stdin", "read_bytes", "Source", "UnreadableInput", "MAX_BYTES"]


def _too_big(size: int) -> UnreadableInput:
    return UnreadableInput(
        f"文件过大（{size / 1024 / 1024:.1f} MB），超过 {MAX_BYTES // 1024 // 1024} MB 上限，未检查；"
        "一份报告的正文通常不足 1 MB，请确认是否选错了文件"
    )


def read_stdin(name: str = "-") -> Source:
    from fazhilint.read.text import decode

    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:  # never a truncated text checked as if it were whole
        raise UnreadableInput(f"标准输入超过 {MAX_BYTES // 1024 // 1024} MB 上限，未检查")
    return decode(data, name)


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a regular file, at most MAX_BYTES of them, or UnreadableInput.

    Opened without blocking (a FIFO would wait forever for a writer) and checked on the open
    file itself, so a path swapped or linked to a device (/dev/zero) is refused, not read."""
    return read_bytes_stamped(path)[0]


def read_bytes_stamped(path: str | Path) -> tuple[bytes, tuple[int, int, int, int]]:
    """read_bytes, and the file's ``stamp`` as it was opened."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise UnreadableInput("文件不存在") from None
    except IsADirectoryError:
        raise UnreadableInput("这是一个文件夹，不是文件") from None
    except OSError as e:
        raise UnreadableInput(f"无法打开文件：{e.strerror or e}") from None
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise UnreadableInput("这是一个文件夹，不是文件")
        if not stat.S_ISREG(mode):
            raise UnreadableInput("这不是普通文件（是设备、管道或套接字），未读取")
        info = os.fstat(fd)
        if info.st_size > MAX_BYTES:
            raise _too_big(info.st_size)
        data = f.read(info.st_size + 1)  # not read(MAX_BYTES + 1): that allocates 20 MB for every file
        if len(data) > info.st_size:  # it grew after fstat: read on, to the limit
            data += f.read(MAX_BYTES + 1 - len(data))
    if len(data) > MAX_BYTES:  # it grew while being read
        raise _too_big(len(data))
    return data, stamp(info)


def read_path(path: str | Path) -> Source:
    """Read any supported input. Never raises anything but UnreadableInput."""
    p = Path(path)
    try:
        info = p.stat()
        size = info.st_size
    except FileNotFoundError:
        raise UnreadableInput("文件不存在") from None
    except OSError as e:
        raise UnreadableInput(f"无法访问文件：{e.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableInput("这是一个文件夹，不是文件")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableInput("这不是普通文件（是设备、管道或套接字），未读取")
    if size > MAX_BYTES:
        raise _too_big(size)
    reader = _reader_for(p)
    try:
        source = reader(p)
        source.stamp = stamp(info)
        return source
    except UnreadableInput:
        raise
    except OSError as e:
        raise UnreadableInput(f"无法读取文件：{e.strerror or e}") from None
    except Exception as e:  # MemoryError, RecursionError, a bug of ours or of a library we use
        raise UnreadableInput(our_fault(e)) from None


def stamp(info: os.stat_result) -> tuple[int, int, int, int]:
    """What tells a file's version apart: --fix compares it before writing."""
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def our_fault(e: BaseException, doing: str = "读取") -> str:
    """The message of an input that failed for a reason not in the file: it is a bug to report."""
    where = traceback.extract_tb(e.__traceback__)[-1] if e.__traceback__ else None
    at = f"，位于 {Path(where.filename).name}:{where.lineno}" if where else ""
    return (f"{doing}时 fazhilint 出错（{type(e).__name__}: {str(e)[:200]}{at}）；这是本工具的缺陷，"
            "不一定是文件的问题，请把此文件和这条信息报告给维护者")


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
