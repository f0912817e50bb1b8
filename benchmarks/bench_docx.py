"""Speed of Word input and output: prints figures, asserts nothing.

    python benchmarks/bench_docx.py

Builds the seed report as a .docx with Word automatic numbering (as the tests do;
examples/sample-report.docx when the corpus is absent), then measures
- whole-process `fazhilint check` on the .txt and the .docx, with --annotate and with -f html,
- in-process: opening with python-docx, reading paragraphs with numbering, annotating, the layout
  rules (FZ7xx: a lint with only them, less a lint with no rule) and ``fazhilint format``.
Whole-process figures are medians of N runs after one warm-up; in-process, medians of 30.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.bench import DEFAULT, RUNS, wall  # noqa: E402


def median_ms(fn, runs: int = 30) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    from fazhilint.read import read_path
    from tests.docx_helpers import as_word_numbering, build

    tmp = Path(tempfile.mkdtemp(prefix="fazhilint-bench-"))
    txt = DEFAULT if DEFAULT.is_file() else REPO / "examples" / "sample-report.txt"
    items, setup = as_word_numbering([t for t in read_path(txt).text.split("\n") if t.strip()])
    report = build(tmp / "report.docx", items, setup=setup)

    exe = [sys.executable, "-c", "from fazhilint.cli import main; main()", "check", "--exit-zero", "-f", "concise"]
    rows = [
        (".txt", wall(exe + [str(txt)])),
        (".docx", wall(exe + [str(report)])),
        (".docx --annotate", wall(exe + [str(report), "--annotate", str(tmp / "out.docx")])),
        (".docx -f html -o", wall(exe[:-2] + ["-f", "html", "-o", str(tmp / "r.html"), str(report)])),
    ]

    from fazhilint.annotate import annotate
    from fazhilint.config import Config
    from fazhilint.engine import lint_path
    from fazhilint.read.docx import open_docx, read_lines

    from fazhilint.layout import format_docx

    document = open_docx(report)
    result = lint_path(report, Config(select=("ALL",)))
    nothing = median_ms(lambda: lint_path(report, Config(select=("FZ000",))))  # read and parse only
    layout = median_ms(lambda: lint_path(report, Config(select=("FZ7",))))
    in_process = [
        ("open (python-docx)", median_ms(lambda: open_docx(report))),
        ("paragraphs + numbering", median_ms(lambda: read_lines(document))),
        ("lint the .docx", median_ms(lambda: lint_path(report, Config(select=("ALL",))))),
        (f"annotate ({len(result.diagnostics)} comments)", median_ms(lambda: annotate(result, tmp / "out.docx"), 15)),
        ("layout rules FZ7xx (per document)", layout - nothing),
        ("format (a laid-out copy)", median_ms(lambda: format_docx(report, tmp / "laid-out.docx", Config()), 15)),
    ]
    print(f"report: {txt.name} as .docx ({len(result.source.text)} characters, {len(result.source.rendered)} numbered)")
    for label, ms in rows:
        print(f"fazhilint check {label:20s} {ms:7.1f} ms  (whole process, median of {RUNS})")
    for label, ms in in_process:
        print(f"{label:36s} {ms:7.1f} ms  (in-process)")


if __name__ == "__main__":
    main()
