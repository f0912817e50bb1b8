"""Other office formats (.doc .wps .odt .rtf .docm): converted to .docx by LibreOffice when it is
installed, else a clear FZ001 saying to save as .docx. PDF is never converted: its lines are
layout, not paragraphs, and Word's numbering is gone from it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from fazhilint.source import Source, UnreadableInput

TIMEOUT = 120  # seconds; a first LibreOffice start with a fresh profile takes a few
# What a real file of each kind starts with; LibreOffice would happily "convert" a renamed text file.
_MAGIC = {".doc": b"\xd0\xcf\x11\xe0", ".wps": b"\xd0\xcf\x11\xe0", ".odt": b"PK\x03\x04",
          ".docm": b"PK\x03\x04", ".rtf": b"{\\rtf"}
_NAMES = {".doc": "旧版 Word（.doc）", ".wps": "WPS（.wps）", ".odt": "OpenDocument（.odt）",
          ".rtf": "RTF", ".docm": "启用宏的 Word（.docm）"}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_converted(path: Path) -> Source:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        raise UnreadableInput("PDF 文件无法可靠还原段落和序号，未检查；请提供 Word 原稿（.docx）或另存为 .txt")
    what = _NAMES.get(suffix, suffix)
    from fazhilint.read.text import head as read_head

    head = read_head(path)
    if not head.startswith(_MAGIC.get(suffix, b"")):
        raise UnreadableInput(f"扩展名是 {suffix}，但内容不是{what}文件；请用 Word/WPS 打开原稿，另存为 .docx 后再检查")
    program = soffice()
    if program is None:
        raise UnreadableInput(f"{what}文件不能直接检查；请在 Word/WPS 中另存为 .docx 后再检查"
                              "（装有 LibreOffice 时会自动转换）")
    from fazhilint.read.docx import read_docx

    with tempfile.TemporaryDirectory(prefix="fazhilint-") as tmp:
        profile = Path(tmp, "profile").as_uri()  # a private profile: parallel runs do not collide
        try:
            done = subprocess.run(
                [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                 "--convert-to", "docx", "--outdir", tmp, str(path)],
                capture_output=True, timeout=TIMEOUT,
            )
        except (subprocess.TimeoutExpired, OSError) as e:
            raise UnreadableInput(f"用 LibreOffice 转换{what}文件失败（{type(e).__name__}）；请在 Word/WPS 中另存为 .docx 后再检查") from None
        converted = Path(tmp, path.stem + ".docx")
        if done.returncode or not converted.is_file():
            raise UnreadableInput(f"LibreOffice 无法转换此{what}文件（可能已损坏或加密）；请在 Word/WPS 中另存为 .docx 后再检查")
        source = read_docx(converted)
    source.path = str(path)
    return source
