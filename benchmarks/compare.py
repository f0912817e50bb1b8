"""fazhilint against its peers, at scale and in batches: prints a table, asserts nothing.

    python benchmarks/compare.py [REPORT] [--quick]

- single file, whole process (median of N rounds after a warm-up round; in each round every
  command runs once, in turn, so that all see the same machine): a do-nothing typer command
  (the floor of any typer CLI), ``fazhilint check`` with no kept result (cold), the same again
  with the result kept (unchanged file), proselint and autocorrect-py on the same file (both
  pip-installed here when missing);
- scaling: the report repeated 1×, 10×, 100×, 1000× in one file (one run each; wall time and
  peak memory of the process);
- batch throughput: distinct copies of the report (one line differs, so no cache helps) as
  .txt (600) and .docx (200), checked at -j 1 and -j 2, in files per second;
- peak memory (max RSS) of the single-file check.

``FAZHILINT_REPO=/path/to/checkout`` measures another checkout (to compare before and after).
All commands share one fresh cache directory; kept results are deleted before each cold run.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(os.environ.get("FAZHILINT_REPO") or Path(__file__).resolve().parent.parent)
DEFAULT = REPO.parent / "shared" / "corpus" / "seed" / "000_96caf616105614d2.txt"
if not DEFAULT.is_file():
    DEFAULT = Path("/work/shared/corpus/seed/000_96caf616105614d2.txt")
QUICK = "--quick" in sys.argv
RUNS = 5 if QUICK else 21
TIMEOUT = 600

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import NOOP  # noqa: E402 - the do-nothing typer command every figure is compared with


def ensure(module: str, package: str) -> bool:
    try:
        __import__(module)
        return True
    except ImportError:
        done = subprocess.run([sys.executable, "-m", "pip", "install", "-q", package], capture_output=True, check=False)
        return done.returncode == 0


def run(cmd: list[str], env: dict | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (KiB) of one run of cmd."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = status
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(cmd)} (exit {os.waitstatus_to_exitcode(status)})")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def alternated(commands: dict[str, tuple[list[str], object]], env: dict) -> dict[str, tuple[float, float, int]]:
    """Median wall and CPU milliseconds and peak RSS (KiB) of each command, run in turns (one
    warm-up round, then RUNS rounds of every command once), so that all see the same machine:
    on a shared virtual machine the speed drifts by tens of percent within minutes.
    ``commands``: name → (argv, a function to call before each run, or None)."""
    runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    for round_ in range(RUNS + 1):
        for name, (cmd, before) in commands.items():
            if before:
                before()
            wall, cpu, rss = run(cmd, env)
            if round_:
                runs[name].append((wall, cpu, rss))
    return {name: (statistics.median(w for w, _, _ in r) * 1000, statistics.median(c for _, c, _ in r) * 1000,
                   max(m for _, _, m in r)) for name, r in runs.items()}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    report = Path(args[0]) if args else DEFAULT
    if not report.is_file():
        report = REPO / "examples" / "sample-report.txt"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "fazhilint")], check=True)
    tmp = Path(tempfile.mkdtemp(prefix="fazhilint-compare-"))
    cache = tmp / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(REPO)}

    def cold() -> None:  # the compiled-regex cache may stay (it is per machine); results may not
        shutil.rmtree(cache / "fazhilint" / "results", ignore_errors=True)

    noop = tmp / "noop.py"
    noop.write_text(NOOP)
    fz = [sys.executable, "-m", "fazhilint", "check", "-f", "concise"]
    rows: list[tuple[str, str]] = []
    code = "import sys, autocorrect_py as a; a.lint_for(open(sys.argv[1], encoding='utf-8').read(), 'x.txt')"
    commands = {
        "do-nothing typer command": ([sys.executable, str(noop), str(report)], None),
        "fazhilint check (cold)": (fz + [str(report)], cold),
        "fazhilint check (unchanged file)": (fz + [str(report)], None),  # right after the cold run: kept
    }
    if ensure("proselint", "proselint"):
        commands["proselint check"] = ([sys.executable, "-m", "proselint", "check", str(report)], None)
    if ensure("autocorrect_py", "autocorrect-py"):
        commands["autocorrect-py lint"] = ([sys.executable, "-c", code, str(report)], None)
    # Wall time and CPU time (user + system): on a busy machine the CPU figure is the steadier one.
    measured = alternated(commands, env)
    floor, floor_cpu, _ = measured["do-nothing typer command"]
    for name, (wall, cpu, _) in measured.items():
        versus = "" if name == "do-nothing typer command" else f" ({wall / floor:.2f}× typer, CPU {cpu / floor_cpu:.2f}×)"
        rows.append((name, f"{wall:.1f} ms, CPU {cpu:.0f} ms{versus}"))
    if "proselint check" in measured:
        cold_wall, cold_cpu, _ = measured["fazhilint check (cold)"]
        prose_wall, prose_cpu, _ = measured["proselint check"]
        rows.append(("fazhilint cold ÷ proselint", f"{cold_wall / prose_wall:.2f}× wall, {cold_cpu / prose_cpu:.2f}× CPU"))
    rows.append(("peak memory, single check", f"{measured['fazhilint check (cold)'][2] / 1024:.0f} MiB"))

    text = report.read_text(encoding="utf-8")
    for times in (1, 10, 100, 1000):
        big = tmp / f"x{times}.txt"
        big.write_text("\n".join([text] * times), encoding="utf-8")
        cold()
        try:
            start = time.perf_counter()
            proc = subprocess.Popen(fz + [str(big)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    cwd=REPO, env=env)
            if proc.wait(TIMEOUT) not in (0, 1):
                rows.append((f"report ×{times}", f"failed (exit {proc.returncode})"))
                continue
            seconds = time.perf_counter() - start
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            rows.append((f"report ×{times} ({big.stat().st_size // 1024} KiB)",
                         f"{seconds:.2f} s, peak ≤ {usage.ru_maxrss / 1024:.0f} MiB"))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            rows.append((f"report ×{times}", f"> {TIMEOUT} s (killed)"))

    for kind, count in (("txt", 100 if QUICK else 600), ("docx", 40 if QUICK else 200)):
        folder = tmp / f"batch-{kind}"
        folder.mkdir()
        make_batch(folder, kind, text, count)
        for jobs in (1, 2):
            cold()
            seconds, _, _ = run(fz + ["-j", str(jobs), str(folder)], env)
            rows.append((f"batch {count} .{kind}, -j {jobs}", f"{count / seconds:.0f} files/s"))

    width = max(len(name) for name, _ in rows)
    print(f"checkout: {REPO}\nreport: {report.name} ({len(text)} characters); medians of {RUNS}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    shutil.rmtree(tmp, ignore_errors=True)


def make_batch(folder: Path, kind: str, text: str, count: int) -> None:
    lines = text.splitlines()
    if kind == "txt":
        for i in range(count):
            (folder / f"{i:04d}.txt").write_text("\n".join(lines + [f"（第{i}份）"]), encoding="utf-8")
        return
    sys.path.insert(0, str(REPO))
    from tests.docx_helpers import build

    for i in range(count):
        build(folder / f"{i:04d}.docx", lines + [f"（第{i}份）"])


if __name__ == "__main__":
    main()
