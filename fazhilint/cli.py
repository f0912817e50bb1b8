"""The command line: ``fazhilint check | parse | rules | rule``."""

# No ``from __future__ import annotations``: typer would then eval every parameter's annotation
# string when it builds the commands, ~20 ms of each run.

import io
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(
    name="fazhilint",
    help="法治政府建设年度报告（及其他公文报告）合规检查工具。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

def _show_version(value: bool) -> None:
    if value:
        from fazhilint import __version__

        sys.stdout.write(f"fazhilint {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", help="显示版本号并退出。", callback=_show_version,
                                          is_eager=True)] = False,
) -> None:
    """法治政府建设年度报告（及其他公文报告）合规检查工具。"""


def _default_format(output) -> str:
    """full on a terminal, github inside GitHub Actions, else concise (also for -o)."""
    import os

    if output is None and os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "full" if output is None and sys.stdout.isatty() else "concise"


def _codes(values: list[str] | None) -> tuple[str, ...]:
    """--select FZ1,FZ2 --select FZ3 → ("FZ1", "FZ2", "FZ3")."""
    return tuple(v.strip() for value in values or () for v in value.split(",") if v.strip())


def _load_baseline(path: Path):
    from fazhilint.baseline import BaselineError, load

    try:
        return load(path)
    except BaselineError as e:
        _usage_error(str(e))


def _config(config_file: Optional[Path], nearest: bool = True, **overrides):
    """The configuration from a file, or (nearest) the one found from the working directory upward."""
    from fazhilint import config

    try:
        # unknown rules, options and values are a usage error, before any file is read
        base = config.load(config_file) if config_file or nearest else config.Config()
        return base.with_cli(**overrides).validate()
    except config.ConfigError as e:
        _usage_error(str(e))


def _configs(inputs, config_file: Optional[Path], packs, default, **overrides) -> dict:
    """Each input's configuration, by its path: --config for all, or the nearest one above the file's
    own folder; a file taken out of an archive (or stdin) uses the run's own (``default``)."""
    from fazhilint.config import find_file
    from fazhilint.intake import extracted

    by_file, by_folder, out = {}, {}, {}
    for item in inputs:
        p = item.path
        if config_file or p == "-" or extracted(p):
            out[p] = default
            continue
        start = Path(p).resolve().parent
        if start not in by_folder:
            by_folder[start] = find_file(start)
        found = by_folder[start]
        if found == default.path:  # the run's own file (or none at all): read and checked already
            by_file.setdefault(found, default)
        if found not in by_file:
            cfg = _config(found, nearest=False, **overrides)
            if packs:
                cfg = cfg.with_cli(packs=cfg.packs + tuple(packs))
            _check_packs(cfg)
            by_file[found] = cfg
        out[p] = by_file[found]
    return out


def _check_packs(config) -> None:
    """A county's packs load (every expression compiles) and a named profile exists; the built-in
    packs alone are checked by the test suite."""
    if not config.packs and not config.profile:
        return
    from fazhilint.packs import PackError
    from fazhilint.profiles import check_name

    try:
        check_name(config.packs_loaded(), config.profile)
    except PackError as e:
        _usage_error(str(e))


def _usage_error(message: str):
    sys.stderr.write(f"fazhilint: {message}\n")
    raise typer.Exit(2)


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="要检查的文件或文件夹；“-”表示从标准输入读取。")],
    output_format: Annotated[Optional[str], typer.Option("--format", "-f", help="输出格式：full、concise、json、json-batch、github、gitlab、junit、sarif、xlsx、html。默认：终端用 full，GitHub Actions 中用 github，否则 concise。")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="把报告写入此文件，而不是标准输出。")] = None,
    select: Annotated[Optional[list[str]], typer.Option(help="只启用这些规则：代码、前缀（FZ1）或名称，可用逗号分隔。")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="停用这些规则：代码、前缀或名称。")] = None,
    fix: Annotated[bool, typer.Option("--fix", help="自动修复安全的问题（直接改写 .txt/.md 文件；.docx 配合 -o 副本.docx 另存为修订）。")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="与 --fix 或 --diff 同用：也应用需要核对的修复。")] = False,
    fix_read_only: Annotated[bool, typer.Option("--fix-read-only", help="与 --fix 同用：也改写只读文件（默认不改）。")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="只显示修复后的差异，不写文件。")] = False,
    fail_on: Annotated[Optional[str], typer.Option(help="达到此级别的问题使退出码为 1：error、warning、info。默认 warning。")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="有问题也以 0 退出（只出报告）。")] = False,
    config_file: Annotated[Optional[Path], typer.Option("--config", help="配置文件（默认查找 fazhilint.toml 或 pyproject.toml）。")] = None,
    pack: Annotated[Optional[list[Path]], typer.Option("--pack", help="另外加载的规则包（TOML），可重复。")] = None,
    profile: Annotated[Optional[str], typer.Option("--profile", help="报告类型，如 fazhi-annual、report；默认按标题判断。")] = None,
    stdin_filename: Annotated[str, typer.Option(help="从标准输入读取时，报告中使用的文件名。")] = "-",
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="并行检查的进程数；默认文件多时按 CPU 核数。")] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="只列出每条规则的问题数（json 格式时为 JSON）。")] = False,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="基线文件：其中记录的问题不再显示（用 fazhilint baseline 生成）。")] = None,
    annotate: Annotated[Optional[Path], typer.Option("--annotate", help="检查一个 .docx，另存一份带批注的副本（每个问题一条 Word 批注）；原文件不改动。")] = None,
    year: Annotated[Optional[int], typer.Option("--year", help="本批次收取的报告年度，如 2025；其他年度的报告报 FZ410。")] = None,
    expect: Annotated[Optional[Path], typer.Option("--expect", help="应报送单位名单（每行一个单位，别名写作“松江镇人民政府 = 松江镇”）：列出未报送的单位和名单外的文件。")] = None,
    previous: Annotated[Optional[list[str]], typer.Option("--previous", help="上一年度各单位的报告（文件夹或 .zip）：查照抄去年报告、去年工作安排未回应（FZ602）。")] = None,
    per_unit: Annotated[Optional[Path], typer.Option("--per-unit", help="为每个单位写一个反馈文件夹：带批注的 .docx 和一页 HTML 反馈意见。")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="不使用检查结果缓存（默认：未改动的文件直接取上次的结果）。")] = False,
) -> None:
    """检查报告，列出问题并说明应如何修改。"""
    from fazhilint.diagnostics import Severity
    from fazhilint.report import BINARY, FORMATS, missing_extra, renderer

    fmt = output_format or _default_format(output)
    if fmt not in FORMATS:
        _usage_error(f"未知的输出格式“{fmt}”；可用：{'、'.join(FORMATS)}")
    if missing_extra(fmt):
        _usage_error(f"“{fmt}”格式需要额外的组件，请先运行：{missing_extra(fmt)}")
    if fmt in BINARY and output is None:
        _usage_error(f"“{fmt}”格式须用 -o 指定输出文件，如 -o 汇总.{fmt}")
    try:
        severity = Severity.parse(fail_on) if fail_on else None
    except ValueError as e:
        _usage_error(str(e))
    if fix and not diff and "-" in paths:
        _usage_error("--fix 只能改写文件；从标准输入读取时请用 --diff 查看修复结果")
    if year is not None and not 1990 <= year <= 2100:
        _usage_error(f"--year 应为四位数的年份，如 --year 2025，而不是 {year}")
    overrides = dict(select=_codes(select), ignore=_codes(ignore), fail_on=severity, profile=profile, year=year)
    config = _config(config_file, **overrides)  # the run's own: its fail-on decides the exit code
    if pack:
        config = config.with_cli(packs=config.packs + tuple(pack))
    _check_packs(config)
    roster = _roster(expect) if expect else None
    recorded = _load_baseline(baseline) if baseline else None

    from fazhilint.intake import Intake

    if jobs is not None and jobs < 0:
        _usage_error(f"-j/--jobs 不能为负数（{jobs}）；0 表示按 CPU 核数自动决定")
    with Intake() as intake:
        for p in paths:
            intake.add(p)
        intake.inputs = _unique(intake.inputs)
        if baseline:  # the baseline file itself is not a report
            intake.inputs = [i for i in intake.inputs if i.path == "-" or Path(i.path).resolve() != baseline.resolve()]
        if not intake.inputs:
            _usage_error("没有找到可检查的文件" + (f"（跳过了 {len(intake.skipped)} 个非报告文件）" if intake.skipped else ""))
        if output:
            _check_output([i.path for i in intake.inputs], output)
        configs = _configs(intake.inputs, config_file, pack, config, **overrides)
        if annotate:
            _check_annotate([i.path for i in intake.inputs], annotate)
        revised = output if fix and not diff and output is not None and output.suffix.lower() == ".docx" else None
        if revised:  # --fix -o 副本.docx: the fixes as tracked changes in a copy; the report to the terminal
            _check_annotate([i.path for i in intake.inputs], revised, "--fix -o",
                            "fazhilint check 草稿.docx --fix -o 草稿.修订.docx")
            output = None
            fmt = output_format or _default_format(None)
        # Fixes, annotations and feedback folders are written from the Word document itself: never from a cache.
        cache = not (no_cache or fix or diff or annotate or per_unit)
        batch = bool(expect or previous or per_unit or fmt == "xlsx" or len(paths) > 1 or intake.skipped
                     or any(Path(p).is_dir() or p.lower().endswith(".zip") for p in paths if p != "-"))
        stock = None  # a batch's reports are compared with one another (crossdoc): signed by the workers
        if batch:
            from fazhilint.crossdoc import stock_phrases

            stock = stock_phrases(config)
        results, context = _lint(intake.inputs, configs, fix, diff, unsafe_fixes, stdin_filename, jobs,
                                 (recorded, baseline) if baseline else None, fix_read_only, cache, stock)
        if diff:  # like ruff --diff: 1 when there are changes to show
            raise typer.Exit(1 if context.diffs else 0)
        if revised:
            results[0] = _write_revised(results[0], configs[intake.inputs[0].path], unsafe_fixes, revised)
        if annotate:
            _write_annotated(results[0], annotate)
        if batch:
            context.ledger = _ledger(results, config, roster, previous, intake.skipped)
        if per_unit:
            _write_per_unit(context.ledger, per_unit)
        render = renderer(fmt)
        if statistics:
            from fazhilint.report import render_statistics

            if fmt in BINARY:
                _usage_error(f"--statistics 不能与“{fmt}”格式同用；请用默认格式或 -f json")

            def render(results, out, context):
                render_statistics(results, out, context, as_json=fmt.startswith("json"))
        if output:  # written in one step, so an interrupted run never leaves half a report
            from fazhilint.fix import write_atomic

            buffer = io.BytesIO() if fmt in BINARY else io.StringIO(newline="\n")
            render(results, buffer, context)
            data = buffer.getvalue()
            try:
                write_atomic(output, data if isinstance(data, bytes) else data.encode("utf-8", "backslashreplace"))
            except OSError as e:
                _usage_error(f"无法写入报告 {output}：{e.strerror or e}")
            sys.stderr.write(f"已写入 {output}：{_written(results, context)}\n")
        else:
            context.color = None if sys.stdout.isatty() else False
            render(results, sys.stdout, context)
        if context.ledger is not None:
            _ledger_notes(context.ledger, config)
    from fazhilint.engine import exit_code

    code = exit_code(results, config)
    raise typer.Exit(0 if exit_zero and code == 1 else code)


def _roster(path: Path):
    from fazhilint.roster import RosterError, read_roster

    try:
        return read_roster(path)
    except RosterError as e:
        _usage_error(str(e))


def _ledger(results, config, roster, previous, skipped):
    from fazhilint import ledger

    before = []
    if previous:
        missing = [p for p in previous if not Path(p).exists()]
        if missing:
            _usage_error(f"--previous 指定的路径不存在：{'、'.join(missing)}")
        before = ledger.read_previous(previous, config)
    return ledger.build(results, config, roster, before, skipped)


def _written(results, context) -> str:
    """What a report written with -o holds, in one Chinese line."""
    from fazhilint.report import counts

    c = counts(results)
    line = f"{len(results)} 个文件，问题 {sum(c.values())} 个（错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}）"
    ledger = context.ledger
    if ledger is not None:
        n = ledger.counts()
        line += f"；通过 {n['通过']}，需修改 {n['需修改']}，无法读取 {n['无法读取']}"
        if ledger.roster is not None:
            line += f"，未报送 {n['未报送']}"
        if ledger.skipped:
            line += f"；跳过 {len(ledger.skipped)} 个非报告文件"
    return line


def _ledger_notes(ledger, config) -> None:
    """What the county must know beyond the findings: who is missing, who is not on the roster,
    what was skipped, and whether the batch was checked to one standard."""
    from fazhilint.diagnostics import printable

    out = sys.stderr
    if ledger.missing:
        out.write(f"未报送（{len(ledger.missing)} 个单位）：{'、'.join(ledger.missing)}\n")
    for s in ledger.submissions:
        if s.unit is None and s.result.readable:
            out.write(f"未能识别单位：{s.path}（标题、落款和文件名中都没有单位名称）\n")
        elif s.on_roster is False:
            out.write(f"不在名单中：{s.path}（单位：{s.name}）\n")
    for path, reason in ledger.skipped:
        out.write(f"已跳过：{printable(path)}（{reason}）\n")
    used = ledger.profiles_used
    if len(used) > 1 and not config.profile:
        kinds = "，".join(f"{name} {n} 个" for name, n in used.items())
        out.write(f"注意：本批文件按不同报告类型检查（{kinds}）；如应统一，请加 --profile fazhi-annual\n")


def _write_per_unit(ledger, folder: Path) -> None:
    from fazhilint.report.letter import write_per_unit

    try:
        written = write_per_unit(ledger, folder)
    except OSError as e:
        _usage_error(f"无法写入反馈文件夹 {folder}：{e}")
    sys.stderr.write(f"已写入 {folder}：{written['units']} 个单位的反馈文件夹"
                     f"（{written['letters']} 份反馈意见，{written['annotated']} 份带批注的 .docx）\n")


def _unique(inputs):
    """Each file once, however often it was named or linked (by where it resolves)."""
    import os

    seen, out = set(), []
    for item in inputs:
        key = item.path if item.path == "-" or item.problem else os.path.realpath(item.path)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _check_output(paths: list[str], output: Path) -> None:
    """-o must never overwrite an input (the report would replace the document)."""
    import os

    def same(a: str, b: Path) -> bool:
        try:
            return os.path.samefile(a, b)
        except OSError:
            return os.path.realpath(a) == os.path.realpath(b)

    clash = next((p for p in paths if p != "-" and same(p, output)), None)
    if clash is not None:
        _usage_error(f"-o 的输出文件 {output} 就是被检查的原文件 {clash}；请另取一个文件名，以免覆盖原文")
    folder = output.resolve().parent
    if not folder.is_dir():
        _usage_error(f"-o 的输出文件夹不存在：{folder}")


def _lint(inputs, configs, fix, diff, unsafe, stdin_filename, jobs, baseline=None, read_only=False, cache=False,
          stock=None):
    from fazhilint.engine import auto_jobs, cores, lint_paths, lint_source, unreadable, within_limit
    from fazhilint.fix import applicable
    from fazhilint.read import read_stdin
    from fazhilint.report import RenderContext

    context = RenderContext()
    files = [i.path for i in inputs if i.path != "-" and i.problem is None]
    workers = 1 if fix or diff else (jobs if jobs else auto_jobs(len(files)))
    if workers > cores():
        sys.stderr.write(f"fazhilint: -j {workers} 超过本机 CPU 核数，按 {cores()} 个进程检查\n")
        workers = cores()
    with _progress(len(files)) as advance:
        from fazhilint import resultcache

        cache = cache and resultcache.enabled()
        linted = iter(lint_paths(files, {p: configs[p] for p in files}, workers, advance, cache=cache, stock=stock))
    if cache:
        resultcache.prune()
    results = []
    for item in inputs:
        path = item.path
        if item.problem is not None:
            result = unreadable(item.shown, item.problem)
        elif path == "-":  # within the same time limit as a file
            result = within_limit(stdin_filename, lambda: lint_source(read_stdin(stdin_filename), configs[path]))
        else:
            result = _shown(next(linted), item.shown)
        if (fix or diff) and result.readable:
            result = _fix(result, configs[path], unsafe, write=fix and not diff, show_diff=diff, context=context,
                          read_only=read_only)
        results.append(result)
    if baseline:  # hidden before anything is counted
        from fazhilint import baseline as baselines

        recorded, path = baseline
        stale = baselines.apply(results, recorded, path.resolve().parent)
        if stale:
            sys.stderr.write(f"基线中有 {stale} 个问题已不再出现；运行 fazhilint baseline … --baseline {path} "
                             "--ratchet 把它们从基线中去掉\n")
    for r in results:
        if not r.readable or not r.source.rewritable:
            continue  # their fixes are suggestions only
        for d in r.diagnostics:
            context.fixable += applicable(d, unsafe=False)
            context.unsafe_fixable += applicable(d, unsafe=True) and not applicable(d, unsafe=False)
    return results, context


def _shown(result, shown: str):
    """A result named as the user knows the file (archive.zip/member rather than a temporary path),
    escaped as the engine names it (a GBK name from a Windows zip, an escape sequence in a name)."""
    from fazhilint.diagnostics import printable

    shown = printable(shown)
    if result.path != shown:
        result.path = shown
        for d in result.diagnostics:
            d.path = shown
    return result


class _progress:
    """A progress bar (rich) on stderr for a batch on a terminal; nothing when piped."""

    def __init__(self, total: int):
        self.total, self.bar = total, None

    def __enter__(self):
        if self.total < 2 or not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(TextColumn("检查中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=Console(stderr=True), transient=True)
        self.bar.start()
        task = self.bar.add_task("", total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()


def _check_annotate(paths: list[str], out: Path, option: str = "--annotate",
                    example: str = "fazhilint check 草稿.docx --annotate 草稿.批注.docx") -> None:
    if len(paths) != 1 or paths[0] == "-" or Path(paths[0]).suffix.lower() != ".docx":
        _usage_error(f"{option} 只能用于检查单个 .docx 文件，例如：{example}")
    if out.suffix.lower() != ".docx":
        _usage_error(f"{option} 的输出文件应以 .docx 结尾：{out}")
    if out.resolve() == Path(paths[0]).resolve():
        _usage_error(f"{option} 的输出文件不能是被检查的原文件；请另取一个文件名")


def _write_revised(result, config, unsafe: bool, out: Path):
    """The copy with fixes as tracked changes and the other findings as comments; returns what remains."""
    from fazhilint.annotate import AnnotateError
    from fazhilint.fix import applicable, fix_result
    from fazhilint.revise import revise

    if not result.readable:
        sys.stderr.write(f"fazhilint: 无法读取 {result.path}，未写入修订副本\n")
        return result
    fixed, _ = fix_result(result, config, unsafe)
    try:
        changes, comments = revise(result, fixed.source.text, [d for d in result.diagnostics if not applicable(d, unsafe)], out)
    except (AnnotateError, OSError) as e:
        _usage_error(f"无法写入修订副本 {out}：{e}")
    sys.stderr.write(f"已写入修订副本：{out}（{changes} 处修订、{comments} 条批注，作者 fazhilint；"
                     "请在 Word 的“审阅”中逐条接受或拒绝）\n")
    return fixed


def _write_annotated(result, out: Path) -> None:
    from fazhilint.annotate import AnnotateError, annotate

    if not result.readable:
        sys.stderr.write(f"fazhilint: 无法读取 {result.path}，未写入批注副本\n")
        return
    try:
        count = annotate(result, out)
    except (AnnotateError, OSError) as e:
        _usage_error(f"无法写入批注副本 {out}：{e}")
    sys.stderr.write(f"已写入批注副本：{out}（{count} 条批注）\n")


def _fix(result, config, unsafe, write, show_diff, context, read_only=False):
    from fazhilint.diagnostics import printable
    from fazhilint.fix import WriteRefused, fix_result, write_atomic
    from fazhilint.read.text import encode

    source = result.source
    if not source.rewritable:
        return _fix_sidecar(result, write, show_diff, context)
    fixed, count = fix_result(result, config, unsafe)
    if not count:
        return _fix_sidecar(fixed, write, show_diff, context)
    if show_diff:
        _diff(source.to_string(), source.to_string(fixed.source.text), source.path)
        context.diffs += 1
    if write:
        try:
            write_atomic(Path(source.path), encode(source, fixed.source.text), expect=source.stamp, read_only=read_only)
        except (WriteRefused, OSError) as e:  # one line per file; the batch goes on
            reason = str(e) if isinstance(e, WriteRefused) else f"写入失败（{e.strerror or e}）"
            sys.stderr.write(f"fazhilint: 未修复 {printable(source.path)}：{reason}\n")
            return result
        context.fixed += count
    return _fix_sidecar(fixed, write, show_diff, context)


def _diff(before: str, after: str, path: str) -> None:
    """--diff: a unified diff as diff -u writes it (a last line without a newline is marked so), the
    file named with undecodable bytes and escape sequences escaped, as in every output."""
    import difflib

    from fazhilint.diagnostics import printable

    name = printable(path)
    for line in difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), name, name):
        ended = line[-1:].splitlines() != [line[-1:]]  # a line break of any kind (CR-only files too)
        sys.stdout.write(line if ended else line + "\n\\ No newline at end of file\n")


def _fix_sidecar(result, write, show_diff, context):
    """Remove the unused entries FZ003 found in the file's sidecar (they are safe fixes, --fix applies them)."""
    from fazhilint.fix import write_atomic
    from fazhilint.suppress import prune_sidecar

    unused = [d for d in result.diagnostics if "sidecar" in d.extra and d.fix]
    if not unused:
        return result
    path = Path(unused[0].extra["sidecar"][0])
    before = path.read_text(encoding="utf-8-sig")
    after = prune_sidecar(path, {d.extra["sidecar"][1] for d in unused})
    if show_diff:
        _diff(before, after, str(path))
    if write:
        write_atomic(path, after.encode("utf-8"))
        context.fixed += len(unused)
        result.diagnostics = [d for d in result.diagnostics if d not in unused]
    return result


@app.command("baseline")
def write_baseline(
    paths: Annotated[list[str], typer.Argument(help="要记入基线的文件或文件夹。")],
    baseline: Annotated[Path, typer.Option("--baseline", help="基线文件。")] = Path(".fazhilint-baseline.json"),
    ratchet: Annotated[bool, typer.Option("--ratchet", help="只从基线中去掉已不再出现的问题，从不增加。")] = False,
    config_file: Annotated[Optional[Path], typer.Option("--config", help="配置文件（默认从每个文件所在文件夹向上查找）。")] = None,
) -> None:
    """把现有问题记入基线文件；此后 check --baseline 只显示新出现的问题。"""
    from fazhilint import baseline as baselines
    from fazhilint.engine import auto_jobs, lint_paths
    from fazhilint.fix import write_atomic

    from fazhilint.intake import Intake

    with Intake() as intake:
        for p in paths:
            intake.add(p)
        inputs = [i for i in intake.inputs
                  if i.path != "-" and i.problem is None and Path(i.path).resolve() != baseline.resolve()]
        configs = _configs(inputs, config_file, None, _config(config_file))
        files = [i.path for i in inputs]
        results = [_shown(r, i.shown) for r, i in zip(lint_paths(files, configs, auto_jobs(len(files))), inputs)]
    base = baseline.resolve().parent
    old = _load_baseline(baseline) if baseline.exists() else None
    if ratchet and old is None:
        _usage_error(f"--ratchet 需要已有的基线文件：{baseline}")
    entries = baselines.build(results, base, old, ratchet)
    write_atomic(baseline, baselines.dump(entries, results, base).encode("utf-8"))
    total = sum(entries.values())
    change = ""
    if old is not None:
        removed, added = sum((old - entries).values()), sum((entries - old).values())
        change = f"，去掉 {removed} 个" + (f"、新增 {added} 个" if added else "")
    sys.stderr.write(f"已写入基线 {baseline}：{len(entries)} 条，共 {total} 个问题{change}\n")


@app.command("config")
def show_config(
    path: Annotated[Path, typer.Argument(help="要查看其配置的报告文件（或文件夹）。")],
    config_file: Annotated[Optional[Path], typer.Option("--config", help="指定配置文件，而不是从文件所在文件夹向上查找。")] = None,
) -> None:
    """显示对某个文件生效的配置，以及每项设置来自哪个配置文件。"""
    from fazhilint.config import Config, find_file, shown
    from fazhilint.rules import catalogue

    start = path.resolve() if path.is_dir() else path.resolve().parent
    found = config_file or find_file(start)
    config = (_config(found, nearest=False) if found else Config()).for_path(str(path))
    out = sys.stdout
    out.write(f"对 {path} 生效的配置\n")
    if not config.chain:
        out.write("没有找到配置文件（fazhilint.toml、.fazhilint.toml 或含 [tool.fazhilint] 的 pyproject.toml），使用默认设置。\n")
    else:
        out.write("配置文件（外层在前，后者覆盖前者）：\n")
        out.writelines(f"  {n}. {shown(p)}\n" for n, p in enumerate(config.chain, 1))

    def origin(key: str) -> str:
        return f"    # {config.origin[key]}" if key in config.origin else "    # 默认"

    rules = catalogue()
    on = {r.code for r in config.enabled(rules)}
    out.write(f"\n启用的规则（{len(on)} 条）：{' '.join(r.code for r in rules if r.code in on)}\n")
    off = [r for r in rules if r.code not in on]
    if off:
        out.write("停用的规则：\n")
        out.writelines(f"  {r.code} {r.name}    # {_switched_off_by(config, r)}\n" for r in off)
    if config.locked:
        out.write("锁定（locked，下级配置不能停用或改动）：\n")
        by_file: dict[str, list[str]] = {}
        for key, where in sorted(config.locked.items()):
            by_file.setdefault(where, []).append(key)
        out.writelines(f"  {' '.join(keys)}    # {where}\n" for where, keys in by_file.items())
    out.write(f"\nfail-on = \"{config.fail_on.label}\"{origin('fail-on')}\n")
    out.write(f"profile = {config.profile!r}{origin('profile')}\n" if config.profile else "profile：按标题判断    # 默认\n")
    for code, value in sorted(config.severity.items()):
        out.write(f"[severity] {code} = \"{value.label}\"{origin(f'severity.{code}')}\n")
    for code, given in sorted(config.options.items()):
        for name, value in given.items():
            out.write(f"[options.{code}] {name} = {value!r}{origin(f'options.{code}.{name}')}\n")
    for pack in config.packs:
        out.write(f"packs：{shown(pack)}\n")
    for glob, selectors in config.per_file_ignores:
        hit = "（匹配本文件）" if any(s in config.ignore for s in selectors) and Path(str(path)).match(glob) else ""
        out.write(f"[per-file-ignores] \"{glob}\" = {list(selectors)}{hit}\n")
    if config.conflicts:
        out.write("\n未采用的设置（检查时报告为 FZ004）：\n")
        out.writelines(f"  {c}\n" for c in config.conflicts)


def _switched_off_by(config, rule) -> str:
    """Which file's select/ignore leaves a rule off (the last one in the chain that decided it)."""
    from fazhilint.config import _layered, shown

    layers = (*config.inherited, (config.select if config.select_given or not config.inherited else None, config.ignore))
    files = [*config.chain[: len(layers)]] + [None] * (len(layers) - len(config.chain))
    decided = None
    for n in range(len(layers)):
        if _layered(layers[: n + 1], rule) != _layered(layers[:n], rule) or n == 0:
            decided = n
    where = files[decided] if decided is not None and decided < len(files) else None
    return f"{shown(where)} 的 select/ignore" if where else "select/ignore"


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="写入的文件。")] = Path("fazhilint.toml"),
) -> None:
    """在当前文件夹写一个带注释的 fazhilint.toml 起步配置（已存在时不覆盖）。"""
    from fazhilint.resources import starter_config

    if path.exists():
        _usage_error(f"{path} 已存在，未覆盖；请直接编辑它，或另给一个文件名")
    path.write_text(starter_config(), encoding="utf-8")
    sys.stderr.write(f"已写入 {path}；运行 fazhilint config 报告.txt 查看对某个文件生效的配置\n")


@app.command()
def parse(path: Annotated[str, typer.Argument(help="要解析的文件；“-”表示标准输入。")]) -> None:
    """显示文档结构：标题、主送机关、各级小节（序号原文，残缺序号应为什么）、附件说明、落款、网页残留。"""
    from fazhilint.parse import parse as parse_source
    from fazhilint.read import UnreadableInput, read_path, read_stdin

    try:
        source = read_stdin() if path == "-" else read_path(path)
    except UnreadableInput as e:
        _usage_error(f"{path}: 无法读取：{e}")
    doc = parse_source(source)
    out, unit = sys.stdout, source.line_unit
    first_heading = next((s.heading.line for s in doc.sections()), None)
    before = [p for p in doc.root.frame if first_heading is None or p.line < first_heading]
    after = [p for p in doc.root.frame if p not in before]
    _frame(out, before, unit)
    if doc.root.paragraphs:
        out.write(f"前言  {len([p for p in doc.root.paragraphs if p.role == 'body'])} 段\n")
    for section in doc.sections():
        m = section.marker
        indent = "  " * (section.level - 1)
        if m.kind == "ok":
            note = "" if m.numeral == m.expected else f"  ← 应为“{m.expected_label}”"
        elif m.kind == "broken":
            note = f"  ← 序号残缺，应为“{m.expected_label}”"
        else:
            note = f"  ← 无序号，应为“{m.expected_label}”"
        shown = m.raw.strip() or "（无序号）"
        body = f"，{len(section.paragraphs)} 段正文" if section.paragraphs else ""
        out.write(f"{indent}第{section.heading.line}{unit}  {shown} {section.title[:30]}"
                  f"  [{len(section.children)} 个下级{body}]{note}\n")
    _frame(out, after, unit)
    if doc.profile:
        out.write(f"报告类型  {doc.profile.name}（{doc.profile.id}）\n")
    if doc.parse_error:
        out.write(f"结构解析失败，已按普通段落处理：{doc.parse_error}\n")


@app.command("format")
def format_command(
    path: Annotated[Path, typer.Argument(help="要排版的 Word 文档（.docx）；原文件不改动。")],
    output: Annotated[Path, typer.Option("--output", "-o", help="排好版的副本写到这里（.docx）。")],
    config_file: Annotated[Optional[Path], typer.Option("--config", help="配置文件（默认查找 fazhilint.toml 或 pyproject.toml）。")] = None,
    pack: Annotated[Optional[list[Path]], typer.Option("--pack", help="另外加载的规则包（TOML），可重复；其中的 layout 条目替换内置版式。")] = None,
) -> None:
    """按公文格式（GB/T 9704—2012 与版式规则包）为 .docx 排版，另存一份副本；不改动任何文字。"""
    from fazhilint.layout import FormatError, format_docx
    from fazhilint.read import UnreadableInput

    if path.suffix.lower() != ".docx":
        _usage_error(f"format 只能用于 .docx 文件：{path}")
    if output.suffix.lower() != ".docx":
        _usage_error(f"输出文件应以 .docx 结尾：{output}")
    if output.resolve() == path.resolve():
        _usage_error("输出文件不能是原文件；请另取一个文件名，如 草稿.排版.docx")
    config = _config(config_file)
    if pack:
        config = config.with_cli(packs=config.packs + tuple(pack))
    _check_packs(config)
    try:
        done = format_docx(path, output, config)
    except UnreadableInput as e:
        _usage_error(f"{path}: 无法读取：{e}")
    except (FormatError, OSError) as e:
        _usage_error(f"无法写入排版副本 {output}：{e}")
    note = f"，{done.spaces_removed} 段段首键入的空格改为段落的缩进或对齐" if done.spaces_removed else ""
    sys.stderr.write(f"已写入排版副本：{output}（{done.paragraphs} 段{note}）\n")


def _frame(out, paragraphs, unit: str) -> None:
    """The lines around the body, a run of one role a line: “落款  第22—24行  特此报告。 / ……”."""
    from itertools import groupby

    from fazhilint.document import FRAME_NAMES

    for role, group in groupby(paragraphs, key=lambda p: p.role):
        group = list(group)
        lines = f"{group[0].line}" if len(group) == 1 else f"{group[0].line}—{group[-1].line}"
        text = " / ".join(p.text.strip() for p in group)
        out.write(f"{FRAME_NAMES[role]}  第{lines}{unit}  {text[:60]}{'……' if len(text) > 60 else ''}\n")


@app.command("rules")
def list_rules(
    markdown: Annotated[bool, typer.Option("--markdown", help="输出 Markdown 表格（README 的规则表由此生成）。")] = False,
) -> None:
    """列出全部规则：代码、名称、默认级别、修复方式、说明。"""
    rows = _rule_rows()
    if markdown:
        sys.stdout.write(rules_table())
        return
    if not sys.stdout.isatty():  # piped or saved: one rule a line, tab-separated, nothing cut
        sys.stdout.writelines("\t".join(row) + "\n" for row in rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, header_style="bold")
    for column in ("代码", "名称", "级别", "修复", "说明"):
        table.add_column(column, no_wrap=column != "说明", overflow="fold")
    for row in rows:
        table.add_row(*row)
    Console(highlight=False).print(table)


def _rule_rows() -> list[tuple[str, ...]]:
    from fazhilint.rules import all_rules

    return [(r.code, r.name, r.severity.chinese, _fix_label(r), r.summary) for r in all_rules()]


def rules_table() -> str:
    """The rule table of README.md, generated (tests/rules/test_rule_docs.py keeps README current)."""
    lines = ["| 代码 | 名称 | 级别 | 修复 | 检查什么 |", "|---|---|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in _rule_rows()]
    return "\n".join(lines) + "\n"


def _fix_label(rule) -> str:
    return {"safe": "安全", "unsafe": "需核对"}.get(rule.fix.value if rule.fix else "", "—")


@app.command()
def rule(code: Annotated[str, typer.Argument(help="规则代码或名称，如 FZ102 或 numbering-missing-numeral。")]) -> None:
    """显示一条规则的说明：说明、为何、反例、正例、依据。"""
    from fazhilint.rules import rule_by_code

    found = rule_by_code(code)
    if found is None:
        _usage_error(f"没有规则“{code}”；运行 fazhilint rules 查看全部规则")
    out = sys.stdout
    out.write(f"{found.code}  {found.name}\n{found.summary}\n")
    out.write(f"默认级别：{found.severity.chinese}（{found.severity.label}）    修复：{_fix_label(found)}\n")
    for section, body in found.docs().items():
        out.write(f"\n{section}：\n")
        out.write("".join(f"    {line}\n" for line in body.splitlines()))
    if found.options:
        out.write(f"\n选项（配置文件中写在 [options.{found.code}] 下）：\n")
        for option in found.options:
            allowed = f"；可选 {'、'.join(map(str, option.choices))}" if option.choices else ""
            out.write(f"    {option.name} = {option.default!r}    {option.description}{allowed}\n")
    extra = getattr(found, "describe_data", None)
    if extra:
        out.write(extra())


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="监听地址。默认只允许本机访问；其他地址须先设置台账密码。")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口。")] = 8350,
    data: Annotated[Optional[Path], typer.Option("--data", help="数据文件夹（SQLite 台账）；默认在用户数据目录下。")] = None,
    database: Annotated[Optional[str], typer.Option("--database", help="数据库地址，如 postgresql+psycopg://用户@主机/库名；给出时不用 --data。")] = None,
    workers: Annotated[int, typer.Option("--workers", help="检查文件的进程数。")] = 2,
    config_file: Annotated[Optional[Path], typer.Option("--config", help="配置文件（默认查找 fazhilint.toml 或 pyproject.toml）。")] = None,
    set_password: Annotated[bool, typer.Option("--set-password", help="设置台账页面的登录密码后退出（从终端输入，或从标准输入读一行）。")] = False,
) -> None:
    """启动网页服务：单位上传报告查看问题，县级查看报送台账。"""
    import importlib.util

    missing = [m for m in ("starlette", "jinja2", "python_multipart", "itsdangerous", "uvicorn", "sqlalchemy") if importlib.util.find_spec(m) is None]
    if missing:
        _usage_error("网页服务需要额外的组件，请先运行：pip install 'fazhilint[serve]'")
    if data and database:
        _usage_error("--data 与 --database 只能给出一个")
    from fazhilint.serve import ledger

    url = database or _sqlite_url(data)
    try:
        engine = ledger.connect(url)
    except ledger.LedgerError as e:
        _usage_error(str(e))
    if set_password:
        _set_password(engine)
        return
    from fazhilint.serve.app import Settings, create_app

    config = _config(config_file)
    _check_packs(config)
    try:
        application = create_app(Settings(database=url, host=host, config=config, workers=max(1, workers)))
    except ledger.LedgerError as e:
        _usage_error(str(e))
    import uvicorn

    shown = f"[{host}]" if ":" in host else host
    sys.stderr.write(f"fazhilint 网页服务：http://{shown}:{port}/ （台账：{_redact(url)}；按 Ctrl+C 停止）\n")
    uvicorn.run(application, host=host, port=port, log_level="warning", server_header=False)


def _sqlite_url(data: Optional[Path]) -> str:
    if data is None:
        import platformdirs

        data = platformdirs.user_data_path("fazhilint")
    data.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(data / 'ledger.sqlite3').resolve()}"


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _set_password(engine) -> None:
    from fazhilint.serve import ledger
    from fazhilint.serve.security import hash_password

    if sys.stdin.isatty():
        import getpass

        password = getpass.getpass("台账密码（至少 8 位）：")
        if getpass.getpass("再输入一次：") != password:
            _usage_error("两次输入的密码不一致，未设置")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < 8:
        _usage_error("密码至少 8 位，未设置")
    ledger.set_setting(engine, "password_hash", hash_password(password))
    sys.stderr.write("已设置台账密码；重新启动服务后生效。\n")


BUG_EXIT = 3  # fazhilint itself failed: not "problems found" (1), not a usage error (2)


def main() -> None:
    from fazhilint import recache

    recache.install()
    try:
        app()
    except Exception as e:  # a bug of ours: one line that says so, not a traceback, and its own exit code
        import traceback

        where = traceback.extract_tb(e.__traceback__)[-1] if e.__traceback__ else None
        at = f"，位于 {Path(where.filename).name}:{where.lineno}" if where else ""
        sys.stderr.write(f"fazhilint: 内部错误（{type(e).__name__}: {str(e)[:300]}{at}）——这是本工具的缺陷，"
                         "请把所用命令和文件报告给维护者\n")
        sys.exit(BUG_EXIT)
