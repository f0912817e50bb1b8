"""The county's ledger: every unit's submission of one batch, checked together.

Who submitted what (the unit of each file: title → 落款 → file name), the verdict of each
submission (通过 / 需修改 / 无法读取), who on the roster has not submitted (未报送), which
files name a unit not on it, and the cross-document findings: copying between units (FZ601)
and a unit's report repeating its own previous one (FZ602). Cross-document findings are
ordinary Diagnostics added to the files' results, so every output shows them.

A library module: no command line, no output format. ``fazhilint serve`` builds on it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from fazhilint import profiles
from fazhilint.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from fazhilint.config import Config
    from fazhilint.engine import FileResult

PASSED, TO_FIX, MISSING, UNREADABLE = "通过", "需修改", "未报送", "无法读取"
_SUFFIX = re.compile(r"(?:人民政府|政府|办事处)$")


class RosterError(ValueError):
    """A roster that cannot be used; the message says why, in Chinese."""


# ---- the roster ------------------------------------------------------------------------------

def _key(name: str) -> str:
    """A unit's name as compared: no spaces, no leading 中共, no trailing 人民政府 / 办事处."""
    name = re.sub(r"^中共", "", "".join(name.split()))
    return _SUFFIX.sub("", name) or name


@dataclass
class Roster:
    """The units that must submit, in the roster's order; each with the names it goes by."""

    units: list[str] = field(default_factory=list)
    _names: dict[str, str] = field(default_factory=dict)  # key → unit

    def add(self, unit: str, *aliases: str) -> None:
        self.units.append(unit)
        for name in (unit, *aliases):
            self._names.setdefault(_key(name), unit)

    def match(self, name: str | None) -> str | None:
        """The roster unit a found name is, or None: the same name after 人民政府/办事处 are dropped,
        else a name that ends with a roster name (XX县松江镇 is 松江镇), or the other way round."""
        if not name:
            return None
        key = _key(name)
        if key in self._names:
            return self._names[key]
        found = [unit for k, unit in self._names.items() if len(min(k, key, key=len)) >= 3
                 and (key.endswith(k) or k.endswith(key))]
        return found[0] if len(set(found)) == 1 else None


def parse_roster(text: str) -> Roster:
    """One unit a line; ``松江镇人民政府 = 松江镇`` gives the unit (first name) its other names.
    Blank lines and lines starting with # are ignored; a unit listed twice is an error."""
    roster = Roster()
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        names = [n.strip() for n in re.split(r"\s*[=＝]\s*", line) if n.strip()]
        if not names:
            continue
        for name in names:
            if _key(name) in seen and seen[_key(name)] != number:
                raise RosterError(f"第{number}行的“{name}”与第{seen[_key(name)]}行重复")
            seen[_key(name)] = number
        roster.add(names[0], *names[1:])
    if not roster.units:
        raise RosterError("名单中没有单位（每行写一个单位名称）")
    return roster


def read_roster(path: str | Path) -> Roster:
    """A roster file (UTF-8, or GB18030 as Windows Notepad may save it)."""
    from fazhilint.read.text import decode
    from fazhilint.source import UnreadableInput

    try:
        data = Path(path).read_bytes()
        text = decode(data, str(path)).text
    except OSError as e:
        raise RosterError(f"无法读取单位名单 {path}：{e.strerror or e}") from None
    except UnreadableInput as e:
        raise RosterError(f"无法读取单位名单 {path}：{e}") from None
    try:
        return parse_roster(text)
    except RosterError as e:
        raise RosterError(f"单位名单 {path}：{e}") from None


# ---- the unit of a submission ----------------------------------------------------------------

def unit_of(result: FileResult) -> tuple[str | None, str]:
    """(unit, where it was read: 标题 / 落款 / 文件名) of a submission; (None, "") if none names one."""
    doc = result.document
    if doc is not None:
        name = profiles.unit_name(profiles.title_text(doc))
        if name:
            return name, "标题"
        name = profiles.closing_unit(doc)
        if name:
            return name, "落款"
    name = profiles.unit_name(PurePath(result.path).stem)
    return (name, "文件名") if name else (None, "")


# ---- the ledger ------------------------------------------------------------------------------

@dataclass
class Submission:
    result: FileResult
    unit: str | None  # as found in the document
    unit_from: str  # 标题 / 落款 / 文件名 / ""
    listed: str | None = None  # the roster's name for it
    on_roster: bool | None = None  # None when there is no roster
    status: str = PASSED
    year: int | None = None
    profile: str = ""

    @property
    def path(self) -> str:
        return self.result.path

    @property
    def name(self) -> str:
        """The unit as outputs show it: the roster's name, else the found one, else 未识别单位."""
        return self.listed or self.unit or "未识别单位"

    def count(self, severity: Severity) -> int:
        return sum(d.severity == severity for d in self.result.diagnostics)


@dataclass(frozen=True)
class Shared:
    """One paragraph of one submission found (nearly) the same in another."""

    code: str  # FZ601 (another unit) or FZ602 (the unit's previous report)
    path: str
    unit: str
    line: int
    location: str
    text: str
    other_path: str
    other_unit: str
    other_line: int
    other_location: str
    similarity: float


@dataclass
class Ledger:
    submissions: list[Submission]
    year: int | None = None
    roster: Roster | None = None
    missing: list[str] = field(default_factory=list)  # roster units with no submission
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason): not reports
    shared: list[Shared] = field(default_factory=list)  # evidence of FZ601 / FZ602, paragraph by paragraph

    def rows(self) -> list[Submission | str]:
        """Worst first: units that did not submit (their names), unreadable files, files to fix
        (most errors, then most warnings), files that pass."""
        order = {UNREADABLE: 1, TO_FIX: 2, PASSED: 3}
        ranked = sorted(self.submissions, key=lambda s: (order[s.status], -s.count(Severity.ERROR),
                                                         -s.count(Severity.WARNING), s.name, s.path))
        return [*self.missing, *ranked]

    def counts(self) -> dict[str, int]:
        out = {PASSED: 0, TO_FIX: 0, UNREADABLE: 0}
        for s in self.submissions:
            out[s.status] += 1
        out[MISSING] = len(self.missing)
        return out

    @property
    def unlisted(self) -> list[Submission]:
        return [s for s in self.submissions if s.on_roster is False]

    @property
    def profiles_used(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.submissions:
            if s.profile:
                out[s.profile] = out.get(s.profile, 0) + 1
        return out


def build(results: list[FileResult], config: Config, roster: Roster | None = None,
          previous: list[FileResult] | None = None, skipped=(), progress=None) -> Ledger:
    """The ledger of a batch. Adds the cross-document findings (FZ601 across units, FZ602 against
    ``previous``, last year's submissions) to the results, as the engine would have."""
    submissions = []
    for r in results:
        unit, source = unit_of(r)
        s = Submission(r, unit, source)
        if r.document is not None:
            s.year = r.document.report_year
            s.profile = r.document.profile.name if r.document.profile else ""
        if roster is not None:
            s.listed = roster.match(unit)
            s.on_roster = s.listed is not None
        submissions.append(s)
    ledger = Ledger(submissions, config.year, roster, skipped=list(skipped))
    from fazhilint.crossdoc import cross_check

    cross_check(ledger, config, previous or [])
    for s in submissions:
        s.status = status(s.result, config)
    if roster is not None:
        present = {s.listed for s in submissions if s.listed}
        ledger.missing = [u for u in roster.units if u not in present]
    return ledger


def status(result: FileResult, config: Config) -> str:
    if not result.readable:
        return UNREADABLE
    return TO_FIX if any(d.severity >= config.fail_on for d in result.diagnostics) else PASSED


def add_finding(result: FileResult, config: Config, d: Diagnostic) -> None:
    """A cross-document finding, stamped and placed among the file's others."""
    from fazhilint.engine import stamp

    stamp(d, result.document, config)
    result.diagnostics.append(d)
    result.diagnostics.sort(key=lambda x: x.sort_key)
