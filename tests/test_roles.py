"""Paragraph roles: reports in the shapes real submissions take give no false finding and the
real ones once; ``fazhilint parse`` shows the roles."""

from __future__ import annotations

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from fazhilint.config import Config
from fazhilint.engine import lint_path, lint_source
from fazhilint.parse import parse
from fazhilint.source import Source
from tests.conftest import CORPUS, needs_corpus
from tests.test_cli import run

BODY = """一、2023年法治政府建设主要举措和成效
（一）强化组织领导。镇党委高度重视法治政府建设工作，全年召开专题会议4次。
二、存在的不足和原因
（一）法治宣传针对性不强。主要原因在于宣传形式单一，群众参与度不高。
三、党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记、镇长主持召开会议研究部署法治建设，带头开展会前学法。
四、2024年法治政府建设工作安排
（一）增强法治宣传针对性。创新宣传形式，开展“点单式”普法，提高群众参与度。
"""


def roles(text: str) -> list[tuple[int, str]]:
    doc = parse(Source.from_string(text))
    return [(p.line, p.role) for p in doc.paragraphs]


def lint(text: str):
    return lint_source(Source.from_string(text, "r.txt"), Config()).diagnostics


def codes(text: str) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in lint(text)]


@pytest.mark.parametrize("title", [
    "松江镇2023年法治政府建设工作总结",
    "2023年松江镇法治政府建设工作总结及2024年工作思路",
    "松江镇2023年法治政府建设情况报告（乡镇版）",
    "松江镇人民政府关于2023年度法治政府建设情况的报告",
])
def test_titles_of_every_kind_are_the_title_not_a_heading(title):
    assert roles(title + "\n" + BODY)[0] == (1, "title")
    found = codes(title + "\n" + BODY)
    assert not [c for c in found if c[1] in ("FZ101", "FZ105")], found


def test_a_title_on_two_lines_is_one_title():
    text = "松江镇人民政府关于2023年度\n法治政府建设情况的报告\n" + BODY
    assert roles(text)[:2] == [(1, "title"), (2, "title")]
    doc = parse(Source.from_string(text))
    assert doc.title_text == "松江镇人民政府关于2023年度法治政府建设情况的报告"
    assert not [c for c in codes(text) if c[1] == "FZ506"]


def test_unit_above_the_title_joins_it():
    doc = parse(Source.from_string("赵县人民政府\n2022年度法治政府建设情况报告\n" + BODY))
    assert doc.title_text == "赵县人民政府2022年度法治政府建设情况报告"


def test_addressee_attachment_note_and_closing():
    text = ("松江镇人民政府关于2023年度法治政府建设情况的报告\n县委、县政府：\n" + BODY +
            "附件：1.松江镇2023年行政执法统计表\n2.松江镇法治政府建设工作台账\n"
            "特此报告。\n中共松江镇委员会　松江镇人民政府\n2024年2月20日\n")
    got = dict(roles(text))
    assert got[2] == "addressee"
    assert [got[11], got[12]] == ["attachment-note", "attachment-note"]
    assert [got[13], got[14], got[15]] == ["closing"] * 3
    found = codes(text)
    assert not [c for c in found if c[0] in (2, 11, 12, 13, 14, 15)], found


def test_closing_date_is_checked_for_its_format_but_not_as_prose():
    text = "松江镇2023年法治政府建设工作报告\n" + BODY + "松江镇人民政府\n2024年02月20日\n"
    found = codes(text)
    assert (11, "FZ402") in found  # zero padding in 成文日期 is still a finding
    assert not [c for c in found if c[0] in (10, 11) and c[1] in ("FZ205", "FZ207", "FZ305")]


def test_portal_blocks_before_and_after_are_one_finding_each():
    text = ("您当前位置：首页 > 政务公开 > 法治政府建设\n索　引　号：11500230008689762A/2026-00004\n"
            "· 发布机构：松江镇人民政府\n| 主题分类 | 司法 |\n2024-03-01 09:18 来源：松江镇 浏览次数：126\n"
            "松江镇2023年法治政府建设工作报告\n" + BODY +
            "松江镇人民政府\n2024年2月20日\n【打印本页】【关闭窗口】\n扫一扫在手机打开当前页\n")
    found = codes(text)
    furniture = [d for d in lint(text) if d.code == "FZ305"]
    assert [(d.line, d.end_line) for d in furniture] == [(1, 5), (17, 18)]
    assert "起连续 5 段" in furniture[0].message
    assert not [c for c in found if c[0] <= 5 and c[1] != "FZ305"], found  # no FZ207/FZ402 on the metadata


def test_a_stray_marker_line_is_reported_once():
    text = "松江镇2023年法治政府建设工作报告\n一、主要举措和成效\n（一）强化组织领导。全年召开专题会议4次。\n" \
           "、相关链接\n二、存在的不足和原因\n（一）宣传形式单一。原因在于投入不足。\n"
    found = [c for c in codes(text) if c[1].startswith("FZ1")]
    assert found == [(4, "FZ102")]


def test_half_width_comma_next_to_greater_than_sign_is_still_found():
    text = "松江镇2023年法治政府建设工作报告\n利润率>5%的企业共有12家,同比增长3%。\n"
    assert (2, "FZ203") in codes(text)


def test_parse_shows_the_roles():
    text = ("您当前位置：首页 > 政务公开\n松江镇人民政府关于2023年度\n法治政府建设情况的报告\n县委、县政府：\n" + BODY +
            "特此报告。\n松江镇人民政府\n2024年2月20日\n")
    out = run("parse", "-", input=text).stdout
    for part in ("网页残留  第1行", "标题  第2—3行", "主送机关  第4行", "落款  第13—15行", "报告类型  法治政府建设年度报告"):
        assert part in out, out


def test_word_alignment_and_title_style_decide_roles(tmp_path):
    document = docx.Document()
    title = document.add_paragraph("松江镇法治建设这一年", style="Title")  # no 报告, no year: Word says title
    for line in BODY.splitlines():
        document.add_paragraph(line)
    for line in ("松江镇人民政府", "2024年2月20日"):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    assert title.style.name == "Title"
    path = tmp_path / "r.docx"
    document.save(path)
    result = lint_path(path, Config())
    got = {p.line: p.role for p in result.document.paragraphs}
    assert got[1] == "title" and got[10] == got[11] == "closing"
    assert not [d for d in result.diagnostics if d.code in ("FZ101", "FZ105")]


@needs_corpus
def test_excerpt_title_blocks():
    expected = {"001.txt": [5, 8], "008.txt": [1, 2], "011.txt": [1, 2], "012.txt": [16], "014.txt": [1, 4],
                "015.txt": [12], "016.txt": [1], "026.txt": [3]}
    for name, lines in expected.items():
        result = lint_path(CORPUS / "excerpts" / name, Config(select=("FZ1",)))
        assert [p.line for p in result.document.titles] == lines, name


def test_a_table_cell_naming_a_section_is_not_an_unnumbered_heading(tmp_path):
    document = docx.Document()
    document.add_paragraph("松江镇2023年法治政府建设工作报告")
    for line in BODY.splitlines()[:4]:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "存在问题", "整改措施"
    table.cell(1, 0).text, table.cell(1, 1).text = "宣传形式单一。", "创新宣传形式。"
    for line in BODY.splitlines()[4:]:
        document.add_paragraph(line)
    path = tmp_path / "t.docx"
    document.save(path)
    result = lint_path(path, Config())
    assert {p.role for p in result.document.paragraphs if p.line in (6, 7)} == {"table-cell"}
    assert not [d for d in result.diagnostics if d.code in ("FZ101", "FZ105")], result.diagnostics


def test_no_rule_but_fz305_reads_page_furniture():
    text = ("首页 > 今年工作 > 法治政府建设\n发布日期：２０２４年01月08日 来源：松江镇,浏览次数：12\n"
            "松江镇2023年法治政府建设工作报告\n" + BODY)
    found = codes(text)
    assert [c for c in found if c[0] <= 2] == [(1, "FZ305")], found


def test_a_complete_report_in_portal_copy_shape_has_only_its_real_findings():
    """Every part GB/T 9704 names, a two-line title, portal blocks before and after: two findings, both FZ305."""
    text = ("您当前位置：首页 > 政务公开 > 法治政府建设\n索　引　号：11500230008689762A/2026-00004\n"
            "松江镇人民政府关于2023年度\n法治政府建设情况的报告\n县委、县政府：\n"
            "2023年，松江镇坚持以习近平法治思想为指导，现将有关情况报告如下：\n" + BODY +
            "附件：1.松江镇2023年行政执法统计表\n2.松江镇法治政府建设工作台账\n"
            "特此报告。\n中共松江镇委员会　松江镇人民政府\n2024年2月20日\n【打印本页】【关闭窗口】\n扫一扫在手机打开当前页\n")
    assert codes(text) == [(1, "FZ305"), (20, "FZ305")]
    got = dict(roles(text))
    assert [got[n] for n in (1, 2, 3, 4, 5, 6, 15, 16, 17, 18, 19, 20, 21)] == [
        "furniture", "furniture", "title", "title", "addressee", "body", "attachment-note", "attachment-note",
        "closing", "closing", "closing", "furniture", "furniture"]


COUNTY = """
[pack]
name = "某县"

[[profile]]
id = "fazhi-annual"
name = "法治政府建设年度报告"
source = "某县依法治县办 2025 年报告模板（“工作谋划”即下一年度安排）"
detect = '法治政府建[设設].{0,20}[报報]告'
title-requires = ["unit", "year", "type"]

[[profile.element]]
id = "measures"
rest = true
headings = ['成效', '举措']

[[profile.element]]
id = "plan"
headings = ['工作谋划']
"""


def test_a_heading_word_a_county_adds_is_seen_by_grammar_and_rules(tmp_path):
    pack = tmp_path / "county.toml"
    pack.write_text(COUNTY, encoding="utf-8")
    text = "松江镇2023年法治政府建设工作报告\n2023年主要举措和成效\n（一）强化组织领导。全年召开会议4次。\n" \
           "2023年工作谋划\n（一）加强队伍建设。\n"
    plain = lint_source(Source.from_string(text, "r.txt"), Config(select=("FZ401", "FZ501", "FZ105")))
    county = lint_source(Source.from_string(text, "r.txt"), Config(select=("FZ401", "FZ501", "FZ105"), packs=(pack,)))
    assert [s.heading.line for s in county.document.root.children] == [2, 4]  # the grammar sees it
    assert [s.heading.line for s in plain.document.root.children] == [2]
    assert [(d.line, d.code) for d in county.diagnostics] == [(4, "FZ401")]  # 2023 → 2024: FZ401 reads it too
    assert "plan" in county.document.parts  # and FZ501 finds the plan


def test_a_note_below_the_date_belongs_to_the_closing():
    text = ("松江镇2023年法治政府建设工作报告\n" + BODY +
            "特此报告。\n松江镇人民政府\n2024年2月20日\n（联系人：王五，联系电话：0571-12345678）\n")
    got = dict(roles(text))
    assert [got[n] for n in (10, 11, 12, 13)] == ["closing"] * 4
    assert not [c for c in codes(text) if c[0] >= 10], codes(text)


def test_a_placeholder_signature_is_the_closing_not_the_attachment_note():
    got = roles("松江镇2023年法治政府建设工作报告\n" + BODY + "附件：1.统计表\n××镇人民政府\n2024年2月20日\n")
    assert got[-3:] == [(10, "attachment-note"), (11, "closing"), (12, "closing")]
