from __future__ import annotations

import os
from pathlib import Path

import pytest

from fazhilint.config import Config
from fazhilint.engine import lint_source
from fazhilint.source import Source

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("FAZHILINT_CORPUS", REPO.parent / "shared" / "corpus"))
SEED = CORPUS / "seed" / "000_96caf616105614d2.txt"
SAMPLE = REPO / "examples" / "sample-report.txt"

needs_corpus = pytest.mark.skipif(
    not SEED.is_file(), reason=f"the shared corpus is not at {CORPUS} (set FAZHILINT_CORPUS)"
)


def lint_text(text: str, *select: str, **config):
    """Lint a string with only the given rules (all when none are given)."""
    cfg = Config(select=select or ("ALL",), **config)
    return lint_source(Source.from_string(text, "<test>"), cfg).diagnostics


def found(diagnostics, code: str) -> list[tuple[int, int]]:
    return [(d.line, d.column) for d in diagnostics if d.code == code]


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch):
    """Tests expect the default formats; inside GitHub Actions the default would be ``github``."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
