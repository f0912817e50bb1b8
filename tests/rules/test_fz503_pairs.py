"""FZ503 measured on the problem/plan pairs of tests/rules/cases/FZ503.toml (cases named pair_*).

Each problem of those cases is labelled by the case's expect list: reported (it has no measure) or
not (a plan item answers it). ``python -m tests.rules.test_fz503_pairs`` prints precision and recall;
the test requires every label to hold, as the case file does, and keeps the counts honest.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from fazhilint import profiles
from fazhilint.config import Config
from fazhilint.engine import lint_source
from fazhilint.source import Source

CASES = Path(__file__).parent / "cases" / "FZ503.toml"


def measure() -> dict[str, int]:
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for case in tomllib.loads(CASES.read_text(encoding="utf-8"))["cases"]:
        if not case["name"].startswith("pair_"):
            continue
        result = lint_source(Source.from_string(case["text"], "<pair>"), Config(select=("FZ503",)))
        problems = profiles.items(result.document.parts["shortcomings"])
        reported = {d.line for d in result.diagnostics}
        expected = {line for line, _ in case["expect"]}
        for p in problems:
            key = ("t" if (p.line in reported) == (p.line in expected) else "f") + ("p" if p.line in reported else "n")
            counts[key] += 1
    return counts


def test_pairs_are_measured_on_a_dozen_problems():
    counts = measure()
    assert sum(counts.values()) >= 12
    assert counts["fp"] == counts["fn"] == 0


if __name__ == "__main__":
    c = measure()
    precision = c["tp"] / ((c["tp"] + c["fp"]) or 1)
    recall = c["tp"] / ((c["tp"] + c["fn"]) or 1)
    print(f"problems {sum(c.values())}: {c}; precision {precision:.2f}, recall {recall:.2f}")
