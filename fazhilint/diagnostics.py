"""What rules report: diagnostics, their severity and their fixes.

Positions are character offsets into ``Source.text`` (the logical text, one
paragraph a line). The engine turns them into lines and columns.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

# Control characters (terminal escapes among them), line breaks and lone surrogates (an undecodable
# file name): shown as \x1b, \n, \udcb1 in every output, never passed on raw.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """text with control characters and lone surrogates escaped (a tab stays a tab)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii")
                            if ord(m.group()) < 0xd800 else f"\\u{ord(m.group()):04x}", text)


class Severity(enum.IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def chinese(self) -> str:
        return {"info": "提示", "warning": "警告", "error": "错误"}[self.label]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.upper()]
        except (KeyError, AttributeError):
            raise ValueError(f"未知的严重级别“{value}”（可用：error、warning、info）") from None


class Applicability(str, enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` with ``content``."""

    start: int
    end: int
    content: str


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability

    @classmethod
    def safe(cls, *edits: Edit) -> Fix:
        return cls(tuple(sorted(edits)), Applicability.SAFE)

    @classmethod
    def unsafe(cls, *edits: Edit) -> Fix:
        return cls(tuple(sorted(edits)), Applicability.UNSAFE)


@dataclass
class Diagnostic:
    """One finding. Rules fill code, span, message and fix; the engine the rest."""

    code: str
    name: str
    start: int
    end: int
    message: str
    fix: Fix | None = None
    severity: Severity = Severity.ERROR
    # Filled by the engine from the source:
    path: str = ""
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    location: str | None = None  # heading path, for inputs without lines (.docx)
    heading_path: str | None = None  # where it is, for people, in every input: 二、 > （三） > 第2段
    extra: dict = field(default_factory=dict)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)
