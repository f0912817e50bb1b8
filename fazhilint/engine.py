"""Run the rules over inputs: parse, check, stamp severity and positions, sort.

Every input yields a FileResult; a file that cannot be read or a rule that
crashes becomes a diagnostic (FZ001, FZ002) and the run goes on.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from fazhilint.config import Config
from fazhilint.diagnostics import Diagnostic, Severity, printable
from fazhilint.rules.engine.fz000_parse_error import ParseError
from fazhilint.rules.engine.fz001_unreadable_input import UnreadableInput as Unreadable
from fazhilint.rules.engine.fz002_internal_error import InternalError
from fazhilint.rules.engine.fz004_locked_setting import LockedSetting
from fazhilint.source import Source, UnreadableInput

if TYPE_CHECKING:
    from fazhilint.document import Document


@dataclass(frozen=True)
class Facts:
    """What the outputs and the ledger read about a checked document besides its findings: small
    enough for a worker process to send back and for the result cache to keep (the tree is neither)."""

    profile_id: str = ""  # the report profile it was checked against (fazhilint/profiles.py)
    profile_name: str = ""
    year: int | None = None  # the report year it states
    title: str = ""  # the title as one line
    unit: str = ""  # the unit its title or closing (落款) names
    unit_from: str = ""  # 标题 / 落款
    parse_error: str = ""  # set when the structure could not be parsed (FZ000)
    # (line, start, end, heading path) of each paragraph worth comparing with other reports (the
    # ledger's FZ601/FZ602): prose, not titles or page furniture
    prose: tuple[tuple[int, int, int, str], ...] = ()

    @classmethod
    def of(cls, document: Document) -> Facts:
        from fazhilint import profiles

        unit, unit_from = profiles.named_unit(document)
        profile = document.profile
        prose = tuple((p.line, p.start, p.end, document.heading_path(p)) for p in document.paragraphs if p.is_prose)
        return cls(profile.id if profile else "", profile.name if profile else "", document.report_year,
                   document.title_text, unit or "", unit_from, document.parse_error or "", prose)


@dataclass
class FileResult:
    path: str
    source: Source | None
    document: Document | None = None  # kept only in the process that checked it (not sent, not cached)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    suppressed: int = 0  # findings excused by a suppression with a reason
    baselined: int = 0  # findings hidden because a baseline records them
    facts: Facts = field(default_factory=Facts)
    signed: object | None = None  # its paragraphs signed for the ledger's comparisons (crossdoc.signed)

    @property
    def readable(self) -> bool:
        return self.source is not None


TIME_LIMIT = 60  # seconds per file; a report takes well under one


class TimeLimit(BaseException):  # not an Exception: no "except Exception" on the way swallows it
    pass


def lint_path(path: str | Path, config: Config, time_limit: float | None = None, cache: bool = False) -> FileResult:
    """Read and lint one file (within_limit); ``cache``: reuse and keep results in the user's cache
    (fazhilint/resultcache.py)."""
    from fazhilint.read import read_path

    def check() -> FileResult:
        return _lint_cached(str(path), config) if cache else lint_source(read_path(path), config)

    return within_limit(str(path), check, time_limit)


def within_limit(name: str, check: Callable[[], FileResult], time_limit: float | None = None) -> FileResult:
    """``check()`` (reading and linting the input ``name``) within a time limit (TIME_LIMIT unless
    given; 0 for none) when running on the main thread of a Unix process. An unreadable input, a
    failure of ours or the limit reached becomes an FZ001 of that input, and the run goes on."""
    import signal
    import threading

    time_limit = TIME_LIMIT if time_limit is None else time_limit
    limited = bool(time_limit) and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if limited:
        def alarm(*_):
            raise TimeLimit()
        previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, time_limit)
    try:
        return check()
    except UnreadableInput as e:
        return unreadable(name, str(e))
    except Exception as e:  # the same with one job or many: an FZ001 that says the fault is ours
        from fazhilint.read import our_fault

        return unreadable(name, our_fault(e, "检查"), prefix="未能检查：")
    except TimeLimit:
        return unreadable(name, f"检查超过 {time_limit:g} 秒仍未完成，已停止检查此文件（其余文件照常检查）；"
                                "若这是一份正常的报告，请把它报告给维护者", prefix="")
    finally:
        if limited:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _lint_cached(path: str, config: Config) -> FileResult:
    from fazhilint import resultcache
    from fazhilint.read import read_bytes_stamped, read_path

    raw, opened = read_bytes_stamped(path)  # UnreadableInput for what is not a regular file
    name = resultcache.key(raw, path, config.for_path(path))
    result = resultcache.load(name, opened)
    if result is None:
        result = lint_source(read_path(path), config)
        # kept only if the file did not change between the two reads, and is the size of a report
        if result.source.stamp == opened and len(raw) <= resultcache.MAX_BYTES:
            resultcache.store(name, result)
    return result


def document_of(result: FileResult, config: Config) -> Document:
    """The document tree of a readable result: kept by the process that checked the file, else parsed
    again from its source (a worker process and the result cache hand back findings, not trees)."""
    if result.document is None:
        result.document = parse_source(result.source, config.for_path(result.source.path))
    return result.document


def parse_source(source: Source, config: Config) -> Document:
    """The document tree of a source under the configuration that applies to it (for_path'd)."""
    from fazhilint.parse import parse

    document = parse(source, config.packs_loaded(), config.profile)
    document.batch_year = config.year
    return document


def lint_paths(paths: list[str], config: Config | dict[str, Config], jobs: int = 1, progress=None,
               cache: bool = False, stock: tuple[str, ...] | None = None) -> list[FileResult]:
    """Lint many files, in a process pool when jobs > 1 (largest first); results in input order,
    without their document trees (``document_of`` parses one again when it is needed).
    ``config``: one for all, or each path's own (found from its folder upward).
    ``progress()`` is called once for each file done. ``cache``: as for lint_path. ``stock``: when given,
    the workers also sign each result's paragraphs against this common stock (crossdoc.stock_phrases)
    for the ledger's comparisons.

    A worker that dies (killed by the system, a crash in a library) costs only the file it was
    checking: the files it took down with it are checked again in a fresh pool, and when a round
    makes no progress, each remaining file in a pool of its own."""
    configs = config if isinstance(config, dict) else dict.fromkeys(paths, config)
    progress = progress or (lambda: None)
    if jobs <= 1 or len(paths) < 2:
        out = []
        for p in paths:
            out.append(_findings_of(p, configs[p], cache, stock))
            progress()
        return out
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    def size(p: str) -> int:
        try:
            return Path(p).stat().st_size
        except OSError:
            return 0

    results: dict[str, FileResult] = {}
    remaining = sorted(set(paths), key=size, reverse=True)
    alone = False
    while remaining:
        groups = [[p] for p in remaining] if alone else [remaining]
        broken: list[str] = []
        for group in groups:
            with ProcessPoolExecutor(max_workers=1 if alone else jobs) as pool:
                futures = {p: pool.submit(_findings_of, p, configs[p], cache, stock) for p in group}
                for path, future in futures.items():
                    try:
                        results[path] = future.result()
                    except BrokenProcessPool:
                        if not alone:
                            broken.append(path)
                            continue
                        results[path] = unreadable(path, "检查此文件时进程异常退出（可能内存不足被系统终止）")
                    except Exception as e:
                        results[path] = unreadable(path, f"检查时出错（{type(e).__name__}: {e}）")
                    progress()
        alone = alone or len(broken) == len(remaining)  # no progress: one file per pool
        remaining = broken
    return [results[p] for p in paths]


def _findings_of(path: str, config: Config, cache: bool, stock: tuple[str, ...] | None = None) -> FileResult:
    """A file's result without its document tree: what a worker sends back (a tree costs time to
    send and memory to keep for every file of a batch)."""
    result = lint_path(path, config, cache=cache)
    result.document = None
    if stock is not None and result.readable:
        from fazhilint.crossdoc import signed

        signed(result, stock)
    return result


def auto_jobs(count: int) -> int:
    """Worker processes for a batch: one per core, but only when there is enough work to share."""
    return 1 if count < 8 else max(1, min(cores(), count // 4))


def cores() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def unreadable(path: str, reason: str, prefix: str = "无法读取：") -> FileResult:
    d = Diagnostic(Unreadable.code, Unreadable.name, 0, 0, printable(f"{prefix}{reason}"), None, Severity.ERROR)
    d.path, d.line, d.column, d.end_line, d.end_column = printable(path), 1, 1, 1, 1
    return FileResult(printable(path), None, None, [d])


def lint_source(source: Source, config: Config) -> FileResult:
    from fazhilint import rules

    config = config.for_path(source.path)
    document = parse_source(source, config)
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
    return FileResult(printable(source.path), source, document, found, outcome.suppressed, facts=Facts.of(document))


def stamp(d: Diagnostic, document: Document, config: Config, whole_lines: bool = False) -> None:
    """Fill in what the engine decides for a rule's finding: path, severity, line and column, heading path.
    ``whole_lines``: its fix may remove whole lines (an unused suppression's directive)."""
    source = document.source
    d.path = printable(source.path)
    d.message = printable(d.message)
    d.severity = config.severity.get(d.code, d.severity)
    d.line, d.column = source.position(d.start)
    d.end_line, d.end_column = source.position(d.end)
    paragraph = document.paragraph_at(d.start)
    label = source.line_labels.get(d.line)
    leaf = label if source.in_table(d.line) else None
    d.heading_path = printable(document.heading_path(paragraph, leaf) if paragraph else label or "") or None
    if source.line_labels:
        d.location = d.heading_path
    if d.fix and any(source.is_rendered(e.start, e.end) or not whole_lines and "\n" in source.text[e.start:e.end]
                     or "\n" in e.content or "\r" in e.content for e in d.fix.edits):
        d.fix = None  # never edit text the author did not type, never join or split lines


def exit_code(results: list[FileResult], config: Config) -> int:
    if results and not any(r.readable for r in results):
        return 2
    failing = any(d.severity >= config.fail_on for r in results for d in r.diagnostics)
    return 1 if failing else 0
