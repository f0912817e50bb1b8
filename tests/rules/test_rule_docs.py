"""Every rule documents itself, and its documentation's examples are tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhilint.rule import DOC_SECTIONS
from fazhilint.rules import all_rules
from tests.conftest import lint_text
from tests.layout_helpers import lint_layout

CASES = Path(__file__).parent / "cases"
RULES = [r for r in all_rules() if not r.engine_only]


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_documented(rule):
    docs = rule.docs()
    assert list(docs)[: len(DOC_SECTIONS)] == list(DOC_SECTIONS)
    assert all(docs[s].strip() for s in DOC_SECTIONS)
    assert rule.summary and "\n" not in rule.summary


def _lint(rule, text):
    """Layout rules' examples are Word documents written in the notation of tests/layout_helpers.py."""
    if rule.pack_table == "layout":
        return lint_layout(text, rule.code)
    # FZ410's examples are a batch of one year: the configuration its examples assume
    return lint_text(text, rule.code, **getattr(rule, "example_config", {}))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_examples_trigger(rule):
    examples = rule.examples("反例")
    assert examples
    for text in examples:
        assert any(d.code == rule.code for d in _lint(rule, text)), text


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_examples_pass(rule):
    examples = rule.examples("正例")
    assert examples
    for text in examples:
        assert [d.message for d in _lint(rule, text) if d.code == rule.code] == [], text


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_has_case_file(rule):
    assert (CASES / f"{rule.code}.toml").is_file()


def test_codes_and_names_unique():
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)


def test_readme_rule_table_is_generated_from_the_rules():
    """README's table is `fazhilint rules --markdown`: the rules' own summaries, levels and fix safety."""
    import re

    from fazhilint.cli import rules_table

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- rules:start[^\n]*-->\n(.*?)<!-- rules:end -->", readme, re.S)
    assert block, "README.md lacks the generated rule table"
    assert block.group(1) == rules_table(), "run: python -m fazhilint rules --markdown and paste it into README.md"
