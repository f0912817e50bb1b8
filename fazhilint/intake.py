"""What a batch takes in: files, folders (recursive) and .zip archives, and what it leaves out and why.

A county receives nested folders and zip archives written by Chinese tools, whose member
names are GBK unless the archive sets the UTF-8 flag. Members are checked before they are
extracted (size, compression ratio, paths that would leave the extraction folder) into a
temporary folder that lives as long as the Intake. Files that are not reports (Thumbs.db,
desktop.ini, Word's ~$ lock files, __MACOSX) are listed as skipped with the reason; every
other file is checked or reported as unreadable: none goes missing.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from fazhilint.config import CONFIG_FILES
from fazhilint.suppress import SIDECAR_SUFFIX

MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 20 * 1024 * 1024  # as fazhilint.read.MAX_BYTES: no report is larger
MAX_ARCHIVE_BYTES = 500 * 1024 * 1024  # all members of one archive, uncompressed
MAX_RATIO = 200  # uncompressed / compressed, for members over 1 MB: beyond this, a zip bomb
MAX_DEPTH = 3  # archives inside archives
EXTRACTED = "fazhilint-zip-"  # the prefix of the temporary folders archives are extracted into


def extracted(path: str) -> bool:
    """Whether an input was taken out of an archive (it has no folder of its own to find configuration in)."""
    return any(part.startswith(EXTRACTED) for part in Path(path).parts)

_NOT_REPORTS = {
    "thumbs.db": "Windows 缩略图缓存文件，不是报告",
    "desktop.ini": "Windows 文件夹设置文件，不是报告",
    ".ds_store": "macOS 文件夹设置文件，不是报告",
}


@dataclass(frozen=True)
class Input:
    path: str  # where to read it
    shown: str  # how outputs name it: the path given, or archive.zip/member inside an archive
    problem: str | None = None  # set when the file cannot be taken out of its archive (shown as FZ001)


@dataclass
class Intake:
    """The inputs of one run, in order, and the files skipped with their reasons."""

    inputs: list[Input] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (shown path, reason)
    _temp: list[str] = field(default_factory=list)

    def __enter__(self) -> Intake:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for directory in self._temp:
            shutil.rmtree(directory, ignore_errors=True)
        self._temp.clear()

    def add(self, given: str) -> None:
        """A path as given on the command line: a file, a folder or a .zip ("-" is stdin)."""
        path = Path(given)
        if given != "-" and path.is_dir():
            import os

            found = []
            for folder, dirs, files in os.walk(path):
                for d in [d for d in dirs if d.startswith(".")]:  # .git, .svn: one line for the folder
                    dirs.remove(d)
                    self.skipped.append((str(Path(folder) / d), "隐藏文件夹，其中的文件未检查"))
                found.extend(Path(folder) / f for f in files)
            for f in sorted(found):
                self._file(f, str(f), f.relative_to(path).parts)
        else:
            self._file(path, given, path.parts[-1:] if given != "-" else ("-",))

    def _file(self, path: Path, shown: str, parts: tuple[str, ...], depth: int = 0) -> None:
        if parts and (parts[-1] in CONFIG_FILES or parts[-1].endswith(SIDECAR_SUFFIX)):
            return  # fazhilint's own files beside the reports (configuration, suppression lists): not inputs
        reason = skip_reason(parts)
        if reason:
            self.skipped.append((shown, reason))
        elif path.suffix.lower() == ".zip" and depth < MAX_DEPTH and zipfile.is_zipfile(path):
            self._archive(path, shown, depth)
        else:
            self.inputs.append(Input(str(path), shown))

    def _archive(self, archive: Path, shown: str, depth: int) -> None:
        try:
            with zipfile.ZipFile(archive) as z:
                members = [m for m in z.infolist() if not m.is_dir()]
                if len(members) > MAX_MEMBERS:
                    self.inputs.append(Input(str(archive), shown, f"压缩包内文件过多（{len(members)} 个），未解压"))
                    return
                target = Path(tempfile.mkdtemp(prefix=EXTRACTED))
                self._temp.append(str(target))
                total = 0
                for i, member in enumerate(members):
                    name = member_name(member)
                    inner = f"{shown}/{name}"
                    parts = PurePosixPath(name).parts
                    reason = skip_reason(parts)
                    if reason:
                        self.skipped.append((inner, reason))
                        continue
                    problem = _unsafe(member, name)
                    total += member.file_size
                    if problem is None and total > MAX_ARCHIVE_BYTES:
                        problem = f"压缩包解压后超过 {MAX_ARCHIVE_BYTES // 1024 // 1024} MB，其余文件未解压"
                    if problem:
                        self.inputs.append(Input(str(archive), inner, problem))
                        continue
                    # one folder per member keeps its own name (and suffix) without any path from the archive
                    out = target / str(i) / PurePosixPath(name).name
                    out.parent.mkdir()
                    try:
                        with z.open(member) as src, open(out, "wb") as dst:
                            shutil.copyfileobj(src, dst)
                    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as e:
                        self.inputs.append(Input(str(archive), inner, f"无法从压缩包中取出：{e}"))
                        continue
                    self._file(out, inner, parts, depth + 1)
        except (zipfile.BadZipFile, OSError) as e:
            self.inputs.append(Input(str(archive), shown, f"压缩包已损坏，无法打开：{e}"))


def skip_reason(parts: tuple[str, ...]) -> str | None:
    """Why a file (by its path's parts inside what was given) is not a report, or None."""
    name = parts[-1] if parts else ""
    if any(p == "__MACOSX" for p in parts):
        return "macOS 压缩时附带的资源文件（__MACOSX），不是报告"
    if name.lower() in _NOT_REPORTS:
        return _NOT_REPORTS[name.lower()]
    if name.startswith("~$"):
        return "Word/WPS 打开文档时留下的临时锁文件（~$），不是报告"
    if any(p.startswith(".") and p not in (".", "..") for p in parts):
        return "隐藏文件或隐藏文件夹中的文件"
    return None


def member_name(member: zipfile.ZipInfo) -> str:
    """A member's name: UTF-8 when the archive says so (flag 0x800), else what Chinese zip tools
    write (GBK), else UTF-8 written without the flag; zipfile itself falls back to cp437."""
    if member.flag_bits & 0x800:
        return member.filename
    try:
        raw = member.filename.encode("cp437")
    except UnicodeEncodeError:
        return member.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return member.filename


def _unsafe(member: zipfile.ZipInfo, name: str) -> str | None:
    """Why a member must not be extracted, or None."""
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or ":" in path.parts[0]:
        return "压缩包中的路径不安全（指向压缩包之外），未解压"
    if member.file_size > MAX_MEMBER_BYTES:
        return f"文件过大（{member.file_size / 1024 / 1024:.1f} MB），未解压"
    if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
        return "压缩比异常（疑似压缩炸弹），未解压"
    return None
