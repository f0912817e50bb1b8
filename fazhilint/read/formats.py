"""Readers of formats other than plain text, by file suffix.

Each maps a Path to a Source or raises UnreadableInput. Modules are imported
only when a file of that kind is read.
"""

from __future__ import annotations

from pathlib import Path


def _docx(path: Path):
    from fazhilint.read.docx import read_docx

    return read_docx(path)


def _html(path: Path):
    from fazhilint.read.html import read_html

    return read_html(path)


def _office(path: Path):
    from fazhilint.read.convert import read_converted

    return read_converted(path)


READERS: dict = {".docx": _docx, ".html": _html, ".htm": _html, ".xhtml": _html}
READERS.update(dict.fromkeys((".doc", ".wps", ".odt", ".rtf", ".docm", ".pdf"), _office))
