"""GB/T 15835 number rules (FZ405–FZ409) on the real corpus: no finding where the text has no defect."""

from __future__ import annotations

import pytest

from fazhilint.config import Config
from fazhilint.engine import lint_path
from tests.conftest import CORPUS, needs_corpus

NUMBERS = Config(select=("FZ405", "FZ406", "FZ407", "FZ408", "FZ409"))


@needs_corpus
@pytest.mark.parametrize("folder", ["official", "excerpts", "seed"])
def test_no_false_alarms(folder):
    # gwr-2018 writes "5千多户""1万6千多户""2万5千公里": approximate numbers and tails below 万,
    # accepted by FZ407 on purpose (the State Council's own style).
    found = [(p.name, d.line, d.code, d.message) for p in sorted((CORPUS / folder).glob("*.txt"))
             for d in lint_path(p, NUMBERS).diagnostics]
    assert found == []
