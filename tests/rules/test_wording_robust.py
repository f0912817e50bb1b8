"""Wording and date rules never crash and report sane spans, whatever the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fazhilint.fix import apply_edits
from tests.conftest import lint_text

PIECES = [
    "职能科学", "权责法定", "执法严明", "执法严", "公开公正", "智能高效", "廉洁诚信", "廉洁高效", "守法诚信",
    "人民满意", "尊法", "学法", "遵法", "守法", "用法", "、", "，", ",", "。", "\n", "2023年", "2024年度",
    "20xx年", "XX镇", "××县县委", "****", "*次", "某某", "(略)", "今年来", "去年", "截止目前", "历届全会",
    "妥否，请批示", "２０２４", "2024.1.8", "2024年01月08日", "二〇二五年一月八日", "24年1月", "一、", "（一）",
    "工作安排", "主要成效", "当前页面: 首页 > ", "扫一扫在手机打开当前页", "相关稿件", "学法治思想", "法制宣传",
    "二十届三中全会", "《法治政府建设实施纲要(2021-2025)》", "习近平", "法治思想", "县", "镇", "委",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_no_crash_and_spans_inside_text(pieces):
    text = "".join(pieces)
    diagnostics = lint_text(text, "FZ3", "FZ4")
    assert not [d.message for d in diagnostics if d.code in ("FZ000", "FZ002")]
    for d in diagnostics:
        assert 0 <= d.start < d.end <= len(text), d
    apply_edits(text, diagnostics, unsafe=True)
