"""Data-driven rule tests: tests/rules/cases/FZnnn.toml, one file per rule.

Each case names a text and the (line, column) of every finding it must yield
from that rule (an empty list: it must yield none); ``fixed`` is the text after
applying the rule's fixes, unsafe ones included.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from fazhilint.fix import apply_edits
from fazhilint.rules import rule_by_code
from tests.conftest import found, lint_text
from tests.layout_helpers import lint_layout

CASES = Path(__file__).parent / "cases"


def _load():
    for path in sorted(CASES.glob("FZ*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}")


@pytest.mark.parametrize("code, case", list(_load()))
def test_case(code, case):
    if rule_by_code(code).pack_table == "layout":  # a Word document, in the notation of tests/layout_helpers.py
        diagnostics = lint_layout(case["text"], code)
        assert found(diagnostics, code) == [tuple(x) for x in case["expect"]], [d.message for d in diagnostics]
        return
    diagnostics = lint_text(case["text"], code, **case.get("config", {}))
    assert found(diagnostics, code) == [tuple(x) for x in case["expect"]]
    if "fixed" in case:
        fixed, _ = apply_edits(case["text"], diagnostics, unsafe=True)
        assert fixed == case["fixed"]
        assert found(lint_text(fixed, code), code) == []
