"""Run the rules over inputs: parse, check, stamp severity and positions, sort.

Every input yields a FileResult; a file that cannot be read or a rule that
crashes becomes a diagnostic (FZ001, FZ002) and the run goes on.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path

from fazhilint.config import Config
from fazhilint.diagnostics import Diagnostic, Severity
from fazhilint.document import Document
from fazhilint.rules.engine.fz000_parse_error import ParseError
from fazhilint.rules.engine.fz001_unreadable_input import UnreadableInput as Unreadable
from fazhilint.rules.engine.fz002_internal_error import InternalError
from fazhilint.rules.engine.fz004_locked_setting import LockedSetting
from fazhilint.source import CELL_LABEL, Source, UnreadableInput


@dataclass
class FileResult:
    path: str
    source: Source | None
    document: Document | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    suppressed: int = 0  # findings excused by a suppression with a reason
    baselined: int = 0  # findings hidden because a baseline records them

    @property
    def readable(self) -> bool:
        return self.source is not None


def lint_path(path: str | Path, config: Config) -> FileResult:
    from fazhilint.read import read_path

    try:
        source = read_path(path)
    except UnreadableInput as e:
        return unreadable(str(path), str(e))
    return lint_source(source, config)


def lint_paths(paths: list[str], config: Config | dict[str, Config], jobs: int = 1, progress=None) -> list[FileResult]:
    """Lint many files, in a process pool when jobs > 1 (largest first); results in input order.
    ``config``: one for all, or each path's own (found from its folder upward).
    ``progress()`` is called once for each file done."""
    configs = config if isinstance(config, dict) else dict.fromkeys(paths, config)
    progress = progress or (lambda: None)
    if jobs <= 1 or len(paths) < 2:
        out = []
        for p in paths:
            out.append(lint_path(p, configs[p]))
            progress()
        return out
    from concurrent.futures import ProcessPoolExecutor

    def size(p: str) -> int:
        try:
            return Path(p).stat().st_size
        except OSError:
            return 0

    results: dict[str, FileResult] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {p: pool.submit(lint_path, p, configs[p]) for p in sorted(set(paths), key=size, reverse=True)}
        for path, future in futures.items():
            try:
                results[path] = future.result()
            except Exception as e:  # a worker that died takes only its own file with it
                results[path] = unreadable(path, f"检查时进程异常退出（{type(e).__name__}: {e}）")
            progress()
    return [results[p] for p in paths]


def auto_jobs(count: int) -> int:
    """Worker processes for a batch: one per core, but only when there is enough work to share."""
    import os

    return 1 if count < 8 else max(1, min(os.cpu_count() or 1, count // 4))


def unreadable(path: str, reason: str) -> FileResult:
    d = Diagnostic(Unreadable.code, Unreadable.name, 0, 0, f"无法读取：{reason}", None, Severity.ERROR)
    d.path, d.line, d.column, d.end_line, d.end_column = path, 1, 1, 1, 1
    return FileResult(path, None, None, [d])


def lint_source(source: Source, config: Config) -> FileResult:
    from fazhilint import rules
    from fazhilint.parse import parse

    config = config.for_path(source.path)
    document = parse(source, config.packs_loaded(), config.profile)
    document.batch_year = config.year
    found: list[Diagnostic] = []
    enabled = config.enabled(rules.catalogue())
    if document.parse_error:
        found.append(Diagnostic(ParseError.code, ParseError.name, 0, 0,
                                f"无法解析文档结构，已按普通段落检查：{document.parse_error}"))
    for rule_class in rules.load(enabled):
        if rule_class.engine_only:
            continue
        try:
            found.extend(rule_class().check(document, config.context(rule_class)))
        except Exception as e:  # a bug in one rule must not cost the other rules or files
            where = traceback.extract_tb(e.__traceback__)[-1]
            found.append(Diagnostic(
                InternalError.code, InternalError.name, 0, 0,
                f"规则 {rule_class.code} 内部错误，本文件未完成该项检查：{type(e).__name__}: {e} "
                f"（{Path(where.filename).name}:{where.lineno}）",
            ))
    for conflict in config.conflicts:  # a file below tried to change what an outer file locks
        found.append(Diagnostic(LockedSetting.code, LockedSetting.name, 0, 0, conflict, None, LockedSetting.severity))
    for d in found:
        stamp(d, document, config)
    from fazhilint import suppress

    ran = {r.code for r in enabled}
    outcome = suppress.apply(source, found, ran, config.locked_rules)
    found = outcome.kept
    for d in outcome.problems if suppress.CODE in ran else ():
        stamp(d, document, config, whole_lines=True)  # removing a directive may remove its line
        found.append(d)
    found.sort(key=lambda d: d.sort_key)
    return FileResult(source.path, source, document, found, outcome.suppressed)


def stamp(d: Diagnostic, document: Document, config: Config, whole_lines: bool = False) -> None:
    """Fill in what the engine decides for a rule's finding: path, severity, line and column, heading path.
    ``whole_lines``: its fix may remove whole lines (an unused suppression's directive)."""
    source = document.source
    d.path = source.path
    d.severity = config.severity.get(d.code, d.severity)
    d.line, d.column = source.position(d.start)
    d.end_line, d.end_column = source.position(d.end)
    if source.line_labels:
        paragraph = document.paragraph_at(d.start)
        label = source.line_labels.get(d.line)
        leaf = label if label and label.startswith(CELL_LABEL) else None
        d.location = document.heading_path(paragraph, leaf) if paragraph else label
    if d.fix and any(source.is_rendered(e.start, e.end) or not whole_lines and "\n" in source.text[e.start:e.end]
                     for e in d.fix.edits):
        d.fix = None  # never edit text the author did not type, never join lines


def exit_code(results: list[FileResult], config: Config) -> int:
    if results and not any(r.readable for r in results):
        return 2
    failing = any(d.severity >= config.fail_on for r in results for d in r.diagnostics)
    return 1 if failing else 0
