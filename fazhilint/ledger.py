"""The county's ledger: every unit's submission of one batch, checked together.

Who submitted what (the unit of each file: title → 落款 → file name), the verdict of each
submission (通过 / 需修改 / 无法读取), who on the roster (fazhilint/roster.py) has not submitted (未报送), which
files name a unit not on it, and the cross-document findings: copying between units (FZ601)
and a unit's report repeating its own previous one (FZ602). Cross-document findings are
ordinary Diagnostics added to the files' results, so every output shows them.

A library module: no command line, no output format. ``fazhilint serve`` builds on it too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from fazhilint import profiles
from fazhilint.diagnostics import Diagnostic, Severity
from fazhilint.roster import RosterUnit, match_unit

if TYPE_CHECKING:
    from fazhilint.config import Config
    from fazhilint.engine import FileResult

PASSED, TO_FIX, MISSING, UNREADABLE = "通过", "需修改", "未报送", "无法读取"


# ---- last year's submissions ----------------------------------------------------------------

def read_previous(paths, config: Config) -> list[FileResult]:
    """Last year's submissions (files, folders, .zip archives), read and parsed but not linted:
    FZ602 compares this year's reports with them."""
    from fazhilint.engine import Facts, FileResult, parse_source, unreadable
    from fazhilint.intake import Intake
    from fazhilint.read import UnreadableInput, read_path

    out = []
    with Intake() as intake:
        for p in paths:
            intake.add(str(p))
        for item in intake.inputs:
            try:
                if item.problem:
                    raise UnreadableInput(item.problem)
                source = read_path(item.path)
            except UnreadableInput as e:
                out.append(unreadable(item.shown, str(e)))
                continue
            document = parse_source(source, config.for_path(source.path))
            out.append(FileResult(item.shown, source, document, facts=Facts.of(document)))
    return out


# ---- the unit of a submission ----------------------------------------------------------------

def unit_of(result: FileResult) -> tuple[str | None, str]:
    """(unit, where it was read: 标题 / 落款 / 文件名) of a submission; (None, "") if none names one."""
    if result.facts.unit:
        return result.facts.unit, result.facts.unit_from
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
    roster: list[RosterUnit] | None = None  # fazhilint/roster.py
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


def build(results: list[FileResult], config: Config, roster: list[RosterUnit] | None = None,
          previous: list[FileResult] | None = None, skipped=(), progress=None) -> Ledger:
    """The ledger of a batch. Adds the cross-document findings (FZ601 across units, FZ602 against
    ``previous``, last year's submissions) to the results, as the engine would have."""
    submissions = []
    for r in results:
        unit, source = unit_of(r)
        s = Submission(r, unit, source)
        if r.readable:
            s.year = r.facts.year
            s.profile = r.facts.profile_name
        if roster is not None:
            s.listed = match_unit(unit, roster) if unit else None
            s.on_roster = s.listed is not None
        submissions.append(s)
    ledger = Ledger(submissions, config.year, roster, skipped=list(skipped))
    import gc

    from fazhilint.crossdoc import cross_check

    # The batch's documents are all in memory and none of the signatures' objects is a cycle: a
    # collection in the middle would walk every paragraph of every report again (a third of the time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        cross_check(ledger, config, previous or [])
    finally:
        if enabled:
            gc.enable()
    for s in submissions:
        s.status = status(s.result, config)
    if roster is not None:
        present = {s.listed for s in submissions if s.listed}
        ledger.missing = [u.name for u in roster if u.name not in present]
    return ledger


def status(result: FileResult, config: Config) -> str:
    if not result.readable:
        return UNREADABLE
    return TO_FIX if any(d.severity >= config.fail_on for d in result.diagnostics) else PASSED


def add_finding(result: FileResult, config: Config, d: Diagnostic) -> None:
    """A cross-document finding, stamped and placed among the file's others."""
    from fazhilint.engine import document_of, stamp

    stamp(d, document_of(result, config), config)
    result.diagnostics.append(d)
    result.diagnostics.sort(key=lambda x: x.sort_key)
