"""Report compliance (FZ5xx) on the reference report, its edited variants and the real corpus."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fazhilint.config import Config
from fazhilint.engine import lint_path, lint_source
from fazhilint.read import read_path
from fazhilint.source import Source
from tests.conftest import CORPUS, REPO, SEED, needs_corpus


def compliance(result):
    return [(d.line, d.code) for d in result.diagnostics if d.code.startswith("FZ5") or d.code == "FZ002"]


def without_lines(*numbers: int):
    """The seed with some lines removed (numbers are 1-based, lines after them move up)."""
    source = read_path(SEED)
    lines = source.text.split("\n")
    kept = [line for n, line in enumerate(lines, 1) if n not in numbers]
    return source.with_text("\n".join(kept))


@needs_corpus
def test_seed_compliance_findings():
    result = lint_path(SEED, Config(select=("FZ5",)))
    assert compliance(result) == [(33, "FZ502")]
    assert "3 个问题" in result.diagnostics[0].message


@needs_corpus
def test_seed_four_elements_found_two_of_them_unnumbered():
    from fazhilint import packs, profiles
    from fazhilint.parse import parse

    doc = parse(read_path(SEED))
    profile = profiles.choose(doc, packs.load())
    assert profile.id == "fazhi-annual"
    sections = profiles.find_sections(doc, profile)
    assert {k: s.heading.line for k, s in sections.items()} == {
        "measures": 9, "leaders": 25, "shortcomings": 33, "plan": 41,
    }
    assert [sections[k].marker.kind for k in ("measures", "plan")] == ["implied", "implied"]


@needs_corpus
def test_seed_without_plan_item_two_flags_problem_two():
    result = lint_source(without_lines(47), Config(select=("FZ503",)))
    assert compliance(result) == [(37, "FZ503")]
    message = result.diagnostics[0].message
    assert "法治宣传教育实效性低" in message
    assert "最接近的两项是第52行（四、 > （四））“严格依法依规履职" in message  # line 53 before the removal
    assert "只共有“教育”“运用”“普法”" in message
    assert "相似度" not in message  # the clerk's words, not the score


@needs_corpus
def test_seed_without_plan_item_one_flags_problems_one_and_three():
    result = lint_source(without_lines(45), Config(select=("FZ503",)))
    assert compliance(result) == [(35, "FZ503"), (39, "FZ503")]
    assert all("最接近的两项是第" in d.message and "找不到对应的措施" in d.message for d in result.diagnostics)


@needs_corpus
def test_official_reports_have_no_compliance_findings_with_the_report_profile():
    for path in sorted((CORPUS / "official").glob("*.txt")):
        assert compliance(lint_path(path, Config(select=("FZ5",), profile="report"))) == [], path.name


@needs_corpus
def test_excerpts_title_and_unit_findings():
    """The excerpts stop before the problem and plan sections, so FZ501-FZ504 are not judged on them."""
    seen = {}
    for path in sorted((CORPUS / "excerpts").glob("*.txt")):
        found = compliance(lint_path(path, Config(select=("FZ505", "FZ506"))))
        if found:
            seen[path.name] = found
    assert seen == {"011.txt": [(1, "FZ506")]}  # 大河乡人民政府 / 关于法治政府建设的情况报告: no year


JIEBA_PROBE = """
import sys
from fazhilint.config import Config
from fazhilint.engine import lint_source
from fazhilint.source import Source
lint_source(Source.from_string(sys.stdin.read(), "<probe>"), Config())
print("jieba" in sys.modules, "pkg_resources" in sys.modules)
"""


@pytest.mark.parametrize("text, imported", [
    ("松江镇2023年法治政府建设工作报告\n一、主要举措和成效\n（一）强化组织领导。\n", "False False"),
    ("松江镇2023年法治政府建设工作报告\n三、存在的问题\n（一）执法人员不足。\n四、2024年工作安排\n（一）充实执法人员。\n",
     "True False"),
])
def test_jieba_is_imported_only_when_both_sections_exist(text, imported):
    r = subprocess.run([sys.executable, "-c", JIEBA_PROBE], input=text, capture_output=True, text=True, cwd=REPO)
    assert r.stdout.split("\n")[0] == imported, r.stderr
    assert r.stderr == ""  # jieba's "Building prefix dict" chatter is silenced


def test_unaddressed_problem_message_quotes_nest_and_positions_are_findable():
    text = ("某镇2024年法治政府建设情况报告\n二、存在的不足和原因\n"
            "（一）针对上一年度梳理的“基层法治队伍”问题整改不到位。\n主要原因是重视不够。\n"
            "三、2025年工作安排\n（一）深化“放管服”改革，优化营商环境。\n")
    result = lint_source(Source.from_string(text, "<t>"), Config(select=("FZ503",)))
    [d] = result.diagnostics
    assert "问题“针对上一年度梳理的‘基层法治队伍’问题整…”" in d.message  # inner quotes single
    assert "“2025年工作安排”（第5行）" in d.message
    assert "安排中没有一项与它有共同的关键词" in d.message


def test_a_cut_quotation_is_closed():
    from fazhilint.profiles import quoted

    assert quoted("梳理的“基层法治") == "梳理的‘基层法治…’"


JIEBA_HOST = """
import sys
before = set(sys.modules)
from fazhilint.config import Config
from fazhilint.engine import lint_source
from fazhilint.source import Source
lint_source(Source.from_string(sys.stdin.read(), "<probe>"), Config(select=("FZ503",)))
import jieba
print(jieba.lcut("他来到了网易杭研大厦"), "pkg_resources" in set(sys.modules) - before)
print(type(sys.modules.get("jieba.finalseg")).__name__, jieba.default_logger.level)
"""


def test_linting_leaves_jieba_as_a_host_program_would_find_it():
    """A program that uses jieba itself (HMM on, its default dictionary) still can after a check."""
    text = "松江镇2023年法治政府建设工作报告\n三、存在的问题\n（一）执法人员不足。\n四、2024年工作安排\n（一）充实执法人员。\n"
    r = subprocess.run([sys.executable, "-c", JIEBA_HOST], input=text, capture_output=True, text=True, cwd=REPO, check=False)
    assert r.returncode == 0, r.stderr
    first, second = r.stdout.split("\n")[:2]
    assert "'杭研'" in first and first.endswith("False")  # an unknown word, found by jieba's HMM
    assert second.split() == ["module", "10"]  # the real HMM module; jieba's log level untouched (DEBUG)


def test_section_titles_quoted_in_messages_nest_their_own_quotes():
    text = ("松江镇2023年法治政府建设工作报告\n一、主要举措和成效\n（一）强化组织领导。\n"
            "二、“问题清单”梳理情况\n（一）法治宣传教育实效性低。\n（二）执法人员不足。\n")
    [d] = [d for d in lint_source(Source.from_string(text, "<t>"), Config(select=("FZ502",))).diagnostics]
    assert d.message.startswith("“‘问题清单’梳理情况”部分")
