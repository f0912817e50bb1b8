"""Every built-in pack entry's examples are tests: each ``bad`` example triggers that entry of
the rule the table is named after, each ``good`` example triggers the rule not at all."""

from __future__ import annotations

import pytest

from fazhilint import packs
from fazhilint.rules import all_rules
from tests.conftest import lint_text

RULES = {r.name: r for r in all_rules()}


def _entries():
    loaded = packs.load()
    for table in loaded.tables():
        if table in RULES:
            for entry in loaded.entries(table):
                yield pytest.param(RULES[table], entry, id=f"{RULES[table].code}-{entry.id}")


@pytest.mark.parametrize("rule, entry", list(_entries()))
def test_bad_examples_trigger_their_entry(rule, entry):
    for text in entry["bad"]:
        hits = [d for d in lint_text(text, rule.code) if d.code == rule.code]
        assert any(d.extra.get("entry") == entry.id for d in hits), (text, [d.message for d in hits])


@pytest.mark.parametrize("rule, entry", list(_entries()))
def test_good_examples_pass(rule, entry):
    for text in entry["good"]:
        assert [d.message for d in lint_text(text, rule.code) if d.code == rule.code] == [], text


def test_every_pack_driven_rule_has_entries():
    loaded = packs.load()
    for rule in RULES.values():
        if hasattr(rule, "describe_data") and rule.code[:3] in ("FZ3",):
            assert loaded.entries(rule.name), rule.code
