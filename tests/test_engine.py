"""The engine isolates failures and never edits text the author did not type."""

from __future__ import annotations

from fazhilint.config import Config
from fazhilint.engine import lint_source
from fazhilint.rules.numbering.fz101_numbering_sequence import NumberingSequence
from fazhilint.source import Source
from tests.test_cli import BROKEN


def test_a_crashing_rule_becomes_fz002_and_the_others_still_run(monkeypatch):
    def boom(self, doc, ctx):
        raise ZeroDivisionError("division by zero")
        yield

    monkeypatch.setattr(NumberingSequence, "check", boom)
    result = lint_source(Source.from_string(BROKEN, "r.txt"), Config(select=("FZ1",)))
    codes = [d.code for d in result.diagnostics]
    assert "FZ002" in codes and "FZ102" in codes
    crash = next(d for d in result.diagnostics if d.code == "FZ002")
    assert "FZ101" in crash.message and "ZeroDivisionError" in crash.message


def test_fixes_on_rendered_text_are_dropped():
    source = Source.from_string(BROKEN, "r.docx", rendered=[(10, 11)])  # the broken marker of line 2
    result = lint_source(source, Config(select=("FZ102",)))
    assert [d.code for d in result.diagnostics] == ["FZ102"]
    assert result.diagnostics[0].fix is None


def test_location_labels_for_paragraph_based_inputs():
    text = "一、主要举措\n（一）加强领导。\n正文一段。\n（）完善制度。\n"
    source = Source.from_string(text, "r.docx", line_labels={i: f"第{i}段" for i in range(1, 5)})
    [d] = lint_source(source, Config(select=("FZ102",))).diagnostics
    assert d.location == "一、 > （二）"
