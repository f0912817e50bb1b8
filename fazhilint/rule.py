"""The rule protocol: a Rule reads a Document and yields Diagnostics.

A rule never decides severity, selection, suppression or whether a fix is
applied: the engine does. Its docstring is its documentation, in fixed
sections (说明 / 为何 / 反例 / 正例 / 依据); every 反例 and 正例 is run as a test.
"""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING, ClassVar, Iterable

from fazhilint.diagnostics import Applicability, Diagnostic, Fix, Severity

if TYPE_CHECKING:
    from fazhilint.config import Config
    from fazhilint.document import Document

DOC_SECTIONS = ("说明", "为何", "反例", "正例", "依据")
_CODE = re.compile(r"^FZ\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_HEADER = re.compile(rf"^({'|'.join(DOC_SECTIONS)})[：:]\s*(.*)$")
EXAMPLE_SEPARATOR = "---"


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]  # one line of Chinese
    severity: ClassVar[Severity] = Severity.ERROR
    fix: ClassVar[Applicability | None] = None
    # Engine diagnostics (FZ0xx) are documented like rules but not run on documents.
    engine_only: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:  # a shared base for a family of rules
            return
        if not _CODE.match(cls.code):
            raise TypeError(f"{cls.__name__}: rule code {cls.code!r} is not FZ + three digits")
        if not _NAME.match(cls.name):
            raise TypeError(f"{cls.__name__}: rule name {cls.name!r} is not kebab-case")
        missing = [s for s in DOC_SECTIONS if s not in cls.docs()]
        if missing:
            raise TypeError(f"{cls.code}: docstring lacks sections {missing}")

    def __init__(self, config: Config):
        self.config = config

    def check(self, doc: Document) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def report(self, start: int, end: int, message: str, fix: Fix | None = None) -> Diagnostic:
        return Diagnostic(self.code, self.name, start, end, message, fix, self.severity)

    # ---- documentation -------------------------------------------------

    @classmethod
    def docs(cls) -> dict[str, str]:
        """The docstring's sections: {"说明": ..., "为何": ..., ...}."""
        return parse_doc(cls.__doc__ or "")

    @classmethod
    def examples(cls, section: str) -> list[str]:
        """The example documents of 反例 or 正例, split on lines of ``---``."""
        body = cls.docs().get(section, "")
        chunks = re.split(rf"(?m)^{EXAMPLE_SEPARATOR}$", body)
        return [c.strip("\n") + "\n" for c in chunks if c.strip()]


def parse_doc(doc: str) -> dict[str, str]:
    lines = textwrap.dedent(_skip_first_line(doc)).splitlines()
    sections: dict[str, list[str]] = {}
    current = None
    for line in lines:
        header = _HEADER.match(line)
        if header:
            current = sections.setdefault(header.group(1), [])
            if header.group(2):
                current.append(header.group(2))
        elif current is not None:
            current.append(line)
    return {k: textwrap.dedent("\n".join(v)).strip("\n") for k, v in sections.items()}


def _skip_first_line(doc: str) -> str:
    first, _, rest = doc.partition("\n")
    return rest
