"""Speed benchmark: prints figures, asserts nothing.

    python benchmarks/bench.py [REPORT]

- whole-process time of `fazhilint check` on the report (concise and full output, and with
  `--select FZ1`: only the numbering rules imported and run),
- the same for a do-nothing typer command (the floor every typer CLI pays),
- in-process parse time of the report repeated 100 times,
- the cost of FZ503 (unaddressed-problem, the only rule that loads jieba): whole process
  `python -m fazhilint check` with and without `--ignore FZ503`, runs alternated so both
  see the same machine load, and in a fresh process (parser and packs already loaded)
  the time of FZ503's first run (jieba import plus the small dictionary) and of a second run.
Each whole-process figure is the median of N runs after one warm-up. The checkout's package is
byte-compiled first, as pip does at install time (this machine sets PYTHONDONTWRITEBYTECODE, so an
uncompiled checkout would be recompiled on every run and measure the compiler, not fazhilint).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO.parent / "shared" / "corpus" / "seed" / "000_96caf616105614d2.txt"
RUNS = 21

NOOP = """
import typer
app = typer.Typer()
@app.command()
def check(path: str) -> None:
    pass
app()
"""


def wall(cmd: list[str], runs: int = RUNS) -> float:
    subprocess.run(cmd, capture_output=True, cwd=REPO)  # warm-up (and parser cache)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, cwd=REPO)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


FIRST_RUN = """
import sys, time
from fazhilint.config import Config
from fazhilint.engine import lint_path
lint_path(sys.argv[1], Config(select=("FZ1",)))  # parser, packs and rule modules loaded: not FZ503's cost
config = Config(select=("FZ503",))
times = []
for _ in range(2):
    start = time.perf_counter()
    lint_path(sys.argv[1], config)
    times.append((time.perf_counter() - start) * 1000)
print(*times)
"""


def paired(a: list[str], b: list[str], runs: int = RUNS) -> tuple[float, float]:
    """Medians of two commands run alternately (after one warm-up each)."""
    subprocess.run(a, capture_output=True, cwd=REPO)
    subprocess.run(b, capture_output=True, cwd=REPO)
    times: dict[int, list[float]] = {0: [], 1: []}
    for _ in range(runs):
        for i, cmd in enumerate((a, b)):
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, cwd=REPO)
            times[i].append(time.perf_counter() - start)
    return statistics.median(times[0]) * 1000, statistics.median(times[1]) * 1000


def main() -> None:
    report = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not report.is_file():
        report = REPO / "examples" / "sample-report.txt"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "fazhilint")], check=True)
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(NOOP)
    exe = [sys.executable, "-c", "from fazhilint.cli import main; main()"]
    floor = wall([sys.executable, f.name, str(report)])
    concise = wall(exe + ["check", "-f", "concise", str(report)])
    full = wall(exe + ["check", "-f", "full", str(report)])
    numbering = wall(exe + ["check", "-f", "concise", "--select", "FZ1", str(report)])
    module = [sys.executable, "-m", "fazhilint", "check", "-f", "concise", str(report)]
    with_fz503, without_fz503 = paired(module, module + ["--ignore", "FZ503"])
    first = subprocess.run([sys.executable, "-c", FIRST_RUN, str(report)], capture_output=True, text=True, cwd=REPO)
    fz503_first, fz503_again = (float(x) for x in first.stdout.split())
    os.unlink(f.name)

    sys.path.insert(0, str(REPO))
    from fazhilint.parse import parse, parser
    from fazhilint.read import read_path

    source = read_path(report)
    big = source.with_text("\n".join([source.text] * 100))
    parser()
    start = time.perf_counter()
    parse(big)
    parse_ms = (time.perf_counter() - start) * 1000

    print(f"report: {report.name} ({len(source.text)} characters)")
    print(f"do-nothing typer command      {floor:7.1f} ms  (median of {RUNS})")
    print(f"fazhilint check -f concise    {concise:7.1f} ms  ({concise / floor:.2f}x the typer floor)")
    print(f"fazhilint check -f full       {full:7.1f} ms  ({full / floor:.2f}x)")
    print(f"check --select FZ1 (numbering) {numbering:6.1f} ms  ({numbering / floor:.2f}x; only those rules imported)")
    print(f"parse, report x100 in-process {parse_ms:7.1f} ms  ({len(big.text)} characters)")
    print(f"python -m fazhilint check     {with_fz503:7.1f} ms  (all rules; median of {RUNS}, alternated)")
    print(f"  same with --ignore FZ503    {without_fz503:7.1f} ms  (FZ503 adds {with_fz503 - without_fz503:+.1f} ms)")
    print(f"FZ503 in-process, first run   {fz503_first:7.1f} ms  (jieba import + small dictionary + rule)")
    print(f"FZ503 in-process, again       {fz503_again:7.1f} ms")


if __name__ == "__main__":
    main()
