"""The grammar is total: any text yields a tree, and the tree covers every line."""

from __future__ import annotations


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhilint.parse import parse
from fazhilint.source import Source
from tests.conftest import CORPUS, SAMPLE

MARKERS = ["一、", "、", "（一）", "(一)", "（）", "()", "）", ")", "一）", "（一", "（一）、", "一.", "1.",
           "1、", "（1）", "(1)、", "十一、", "1)", "（ ）"]
PIECES = MARKERS + ["一是", "二是", "三是", "统一是", "。", "，", ",", "\n", "\r\n", "\r", "\u3000", "\xa0", "\t",
                    " ", "存在的问题", "工作安排", "报告", "2024年", "加强", "（", "）", "“", "”", "\ufeff", "#"]


def corpus_lines() -> list[str]:
    files = sorted(CORPUS.rglob("*.txt")) if CORPUS.is_dir() else []
    lines = []
    for f in [SAMPLE, *files]:
        lines.extend(line for line in f.read_text(encoding="utf-8").splitlines() if line.strip())
    return lines[:4000]


LINES = corpus_lines()


def check_total(text: str) -> None:
    source = Source.from_string(text, "<fuzz>")
    doc = parse(source)
    assert doc.parse_error is None, doc.parse_error
    nonblank = [i + 1 for i, line in enumerate(source.text.split("\n")) if line.strip(" \t\u3000\xa0\ufeff")]
    assert [p.line for p in doc.paragraphs] == nonblank


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=60).map("".join))
def test_random_documents_parse(text):
    check_total(text)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(LINES), min_size=1, max_size=25),
    st.lists(st.tuples(st.integers(0, 24), st.integers(0, 60), st.sampled_from(PIECES)), max_size=8),
)
def test_mutated_corpus_documents_parse(lines, mutations):
    lines = list(lines)
    for index, column, piece in mutations:
        i = index % len(lines)
        lines[i] = lines[i][:column] + piece + lines[i][column:]
    check_total("\n".join(lines))


def test_inline_enumerations_and_their_positions():
    doc = parse(Source.from_string("（一）强化领导。一是增强思想。统一是非。二是健全机制。"))
    assert [(e.raw, e.numeral) for e in doc.paragraphs[0].enums] == [("一是", 1), ("二是", 2)]


def test_marker_kinds():
    text = "一、甲\n（）乙\n）丙\n1、丁\n存在的问题\n（1）戊\n"
    doc = parse(Source.from_string(text))
    kinds = [(s.level, s.marker.kind, s.marker.raw) for s in doc.sections()]
    assert kinds == [(1, "ok", "一、"), (2, "broken", "（）"), (2, "broken", "）"), (3, "broken", "1、"),
                     (1, "implied", ""), (4, "ok", "（1）")]
