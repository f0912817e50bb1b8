"""The rule protocol: a Rule reads a Document and yields Diagnostics.

``check(doc, ctx)``: the Document carries everything decided about the text once
(its paragraphs' roles, sections, profile); the Context carries what belongs to
this rule alone: its validated options and its own rule-pack entries. A rule never
decides severity, selection, suppression or whether a fix is applied: the engine
does. Its docstring is its documentation, in fixed sections (说明 / 为何 / 反例 /
正例 / 依据); every 反例 and 正例 is run as a test.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Mapping

from fazhilint.diagnostics import Applicability, Diagnostic, Fix, Severity

if TYPE_CHECKING:
    from fazhilint.document import Document
    from fazhilint.packs import Entry

DOC_SECTIONS = ("说明", "为何", "反例", "正例", "依据")
_CODE = re.compile(r"^FZ\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_HEADER = re.compile(rf"^({'|'.join(DOC_SECTIONS)})[：:]\s*(.*)$")
EXAMPLE_SEPARATOR = "---"


@dataclass(frozen=True)
class Option:
    """One setting a rule accepts under ``[options.FZnnn]``; checked when the configuration loads."""

    name: str
    default: Any
    description: str  # Chinese, shown by ``fazhilint rule CODE``
    choices: tuple = ()  # the allowed values, when they are few

    def validate(self, value: Any) -> Any:
        """The value, or ValueError saying in Chinese what is wrong with it."""
        if self.choices:
            if value not in self.choices:
                raise ValueError(f"应为 {'、'.join(map(repr, self.choices))} 之一，而不是 {value!r}")
            return value
        kind = type(self.default)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is not kind:
            raise ValueError(f"应为{_TYPE_NAMES.get(kind, kind.__name__)}，而不是 {value!r}")
        return value


_TYPE_NAMES = {float: "数字", int: "整数", bool: "true 或 false", str: "字符串"}


@dataclass(frozen=True)
class Context:
    """What one rule gets besides the document: its options (defaults filled in) and its pack entries."""

    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    entries: tuple[Entry, ...] = ()


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]  # one line of Chinese
    label: ClassVar[str | None] = None  # a short name for counts (序号缺少数字×3); default: the summary's first clause
    severity: ClassVar[Severity] = Severity.ERROR
    fix: ClassVar[Applicability | None] = None
    # Engine diagnostics (FZ0xx) are documented like rules but not run on documents.
    engine_only: ClassVar[bool] = False
    options: ClassVar[tuple[Option, ...]] = ()
    reads_pack: ClassVar[bool] = False  # whether the rule reads the pack table named after it
    pack_table: ClassVar[str | None] = None  # … or this shared table (the layout profile: "layout")

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:  # a shared base for a family of rules
            return
        if not _CODE.match(cls.code):
            raise TypeError(f"{cls.__name__}: rule code {cls.code!r} is not FZ + three digits")
        if not _NAME.match(cls.name):
            raise TypeError(f"{cls.__name__}: rule name {cls.name!r} is not kebab-case")
        # The docstring's sections are checked by the test suite (tests/rules/test_rule_docs.py),
        # not here: parsing every rule's docstring cost each run ~7–25 ms.

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        raise NotImplementedError

    @classmethod
    def context(cls, given: Mapping[str, Any] | None = None, entries: tuple = ()) -> Context:
        """The Context for this rule: ``given`` options validated, defaults filled in.
        Raises ValueError naming the option for an unknown name or a bad value."""
        declared = {o.name: o for o in cls.options}
        values = {o.name: o.default for o in cls.options}
        for name, value in (given or {}).items():
            if name not in declared:
                known = "、".join(declared) or "无"
                raise ValueError(f"规则 {cls.code} 没有选项“{name}”（可用：{known}）")
            try:
                values[name] = declared[name].validate(value)
            except ValueError as e:
                raise ValueError(f"选项“{name}”{e}") from None
        return Context(MappingProxyType(values), tuple(entries))

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
