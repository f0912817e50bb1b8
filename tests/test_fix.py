"""Fixes of the punctuation rules: idempotent, complete, and confined to their edits.

Texts are real corpus lines (width-normalised and official ones) mutated with the
defects the FZ2xx rules fix, and random strings of punctuation, spaces and markers.
"""

from __future__ import annotations

import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhilint.config import Config
from fazhilint.engine import lint_source
from fazhilint.fix import apply_edits, fix_result
from fazhilint.rules.punctuation import is_cjk
from fazhilint.source import Source
from tests.test_grammar import LINES, MARKERS

CONFIG = Config(select=("FZ2",))
DEFECTS = [",", ":", ";", "?", "!", "(", ")", "()", "（", "）", "。。", "，，", "，。", "、、", "；。", " ", "\u3000",
           "\xa0", "2021-2025年", "2021~2025年", "20212025年", "2025 年", "》、《", "”、“", "《A》、《B》", "“A”、“B”",
           "一是", "二是", "三是", "心里二是", "。一是", "”", "“", "\n", "1.5", "12:30", "http://x.cn/a?b=1,2"]
PIECES = DEFECTS + MARKERS + ["加强", "法治", "建设", "。", "，", "存在的问题", "\n（二）法治宣传教育实效性低。"]
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

corpus_texts = st.builds(
    lambda lines, mutations: _mutate(list(lines), mutations),
    st.lists(st.sampled_from(LINES), min_size=1, max_size=12),
    st.lists(st.tuples(st.integers(0, 11), st.integers(0, 80), st.sampled_from(DEFECTS)), max_size=10),
)
random_texts = st.lists(st.sampled_from(PIECES) | st.text("，。、；：,;:() 　一二是年加强”“》《—-", max_size=5),
                        max_size=40).map("".join)
texts = corpus_texts | random_texts


def _mutate(lines, mutations):
    for index, column, piece in mutations:
        i = index % len(lines)
        lines[i] = lines[i][:column] + piece + lines[i][column:]
    return "\n".join(lines)


def lint(text):
    result = lint_source(Source.from_string(text, "<fuzz>"), CONFIG)
    assert not [d.message for d in result.diagnostics if d.code == "FZ002"]  # no rule crashed
    return result


def fixed(text):
    return fix_result(lint(text), CONFIG, unsafe=True)[0].source.text


@SETTINGS
@given(texts)
def test_fixing_twice_equals_fixing_once(text):
    once = fixed(text)
    assert fixed(once) == once


@SETTINGS
@given(texts)
def test_fixed_findings_do_not_come_back(text):
    result = lint(text)
    new, count = apply_edits(text, result.diagnostics, unsafe=True)
    if not count:
        return
    accepted = _accepted(result.diagnostics)
    after = {(d.code, d.start, d.message) for d in lint(new).diagnostics}
    edits = [e for a in accepted for e in a.fix.edits]
    for d in accepted:  # a fix may join marks into a new finding (“, 、” → “,、”), never leave its own
        assert (d.code, _shift(d.start, edits), d.message) not in after, (d.code, d.message, new)


@SETTINGS
@given(texts)
def test_a_fix_changes_nothing_outside_its_edits(text):
    result = lint(text)
    markers = [(s.marker.start, s.marker.end) for s in result.document.sections() if s.marker]
    for d in result.diagnostics:
        if d.fix is None:
            continue
        edits = d.fix.edits
        assert all(a.end <= b.start for a, b in zip(edits, edits[1:])), "edits of one fix overlap"
        for e in edits:
            removed = text[e.start : e.end]
            assert "\n" not in removed + e.content
            assert not any(is_cjk(c) or c.isalnum() for c in removed + e.content), (d.code, removed, e.content)
            assert not any(s < e.end and e.start < t for s, t in markers), d.code
        alone, _ = apply_edits(text, [d], unsafe=True)
        expected, cursor = [], 0
        for e in edits:
            expected += [text[cursor : e.start], e.content]
            cursor = e.end
        assert alone == "".join(expected) + text[cursor:]


def _accepted(diagnostics):
    """The diagnostics apply_edits accepts (same order and overlap test)."""
    taken, out = [], []
    for d in sorted(diagnostics, key=lambda d: d.start):
        if d.fix is None:
            continue
        if any(e.start < t_end and t_start < e.end or e.start == t_start == t_end
               for e in d.fix.edits for t_start, t_end in taken):
            continue
        taken.extend((e.start, e.end) for e in d.fix.edits)
        out.append(d)
    return out


def _shift(offset, edits):
    """Where an offset of the old text lands in the fixed text."""
    return offset + sum(len(e.content) - (e.end - e.start) for e in edits
                        if e.end <= offset and (e.start < offset or e.start == e.end))


def test_fix_writes_back_encoding_and_line_endings(tmp_path):
    path = tmp_path / "报告.txt"
    text = "2023年,我镇持续推进法治建设,取得成效。\r\n一是加强学习;二是完善制度;三是规范执法(详见附件)。\r\n现将情况报告如下:\r\n请审议!\r\n"
    path.write_bytes(text.encode("gb18030"))
    run = [sys.executable, "-m", "fazhilint", "check", "--select", "FZ2", str(path)]
    diff = subprocess.run(run + ["--diff"], capture_output=True, text=True)
    assert "+2023年，我镇持续推进法治建设，取得成效。" in diff.stdout
    assert path.read_bytes() == text.encode("gb18030")  # --diff writes nothing
    subprocess.run(run + ["--fix"], capture_output=True, text=True)
    expected = text.translate(str.maketrans(",;:!()", "，；：！（）"))
    assert path.read_bytes() == expected.encode("gb18030")
