"""Suppressions with a reason: Word comments, Markdown comments, sidecar files; FZ003 for wrong or unused ones."""

from __future__ import annotations

import docx
from typer.testing import CliRunner

from fazhilint.cli import app
from fazhilint.config import Config
from fazhilint.engine import lint_path

ALL = Config()
TITLE = "某镇2024年法治政府建设年度报告\n"


def run(*args):
    return CliRunner().invoke(app, ["check", "-f", "concise", *map(str, args)])


def codes(result, code=None):
    return [(d.line, d.code) for d in result.diagnostics if code is None or d.code == code]


# ---- Markdown -----------------------------------------------------------------

def test_markdown_next_line_with_reason_excuses_that_line_only(tmp_path):
    md = tmp_path / "报告.md"
    md.write_text(TITLE + "<!-- fazhilint: disable-next-line FZ203 引用文件原名如此 -->\n\n"
                  "我镇贯彻(试行)办法。\n我镇落实(试行)办法。\n", encoding="utf-8")
    result = lint_path(md, Config(select=("FZ203", "FZ003")))
    assert codes(result) == [(5, "FZ203")]  # the next non-blank line is excused, the one after is not
    assert result.suppressed == 1


def test_markdown_comment_is_not_prose():
    from fazhilint.read.text import mask_markdown
    from fazhilint.source import Source

    s = mask_markdown(Source.from_string("甲。\n<!-- fazhilint: disable FZ203 理由,说明 -->\n乙。", kind="markdown"))
    assert s.view.split("\n")[1].strip() == "" and s.view.count("\n") == 2


def test_markdown_without_reason_is_reported_and_does_not_excuse(tmp_path):
    md = tmp_path / "报告.md"
    md.write_text(TITLE + "<!-- fazhilint: disable-next-line FZ203 -->\n我镇贯彻(试行)办法。\n", encoding="utf-8")
    result = lint_path(md, Config(select=("FZ203", "FZ003")))
    assert codes(result) == [(2, "FZ003"), (3, "FZ203")]
    assert "没有写明理由" in result.diagnostics[0].message and result.diagnostics[0].fix is None


def test_markdown_unknown_rule_is_reported(tmp_path):
    md = tmp_path / "报告.md"
    md.write_text(TITLE + "<!-- fazhilint: disable-next-line FZ999 理由 -->\n我镇贯彻(试行)办法。\n", encoding="utf-8")
    result = lint_path(md, Config(select=("FZ203", "FZ003")))
    assert codes(result) == [(2, "FZ003"), (3, "FZ203")] and "FZ999" in result.diagnostics[0].message


def test_markdown_ranges_and_whole_file(tmp_path):
    md = tmp_path / "报告.md"
    md.write_text(TITLE + "甲(一)。\n<!-- fazhilint: disable FZ203 摘录原文 -->\n乙(二)。\n丙(三)。\n"
                  "<!-- fazhilint: enable FZ203 -->\n丁(四)。\n", encoding="utf-8")
    result = lint_path(md, Config(select=("FZ203", "FZ003")))
    assert codes(result) == [(2, "FZ203"), (7, "FZ203")] and result.suppressed == 2
    md.write_text(TITLE + "<!-- fazhilint: disable-file FZ203 全文摘录原文 -->\n甲(一)。\n乙(二)。\n", encoding="utf-8")
    result = lint_path(md, Config(select=("FZ203", "FZ003")))
    assert codes(result) == [] and result.suppressed == 2


def test_unused_markdown_suppression_is_removed_by_fix(tmp_path):
    md = tmp_path / "报告.md"
    md.write_text(TITLE + "<!-- fazhilint: disable-next-line FZ203 曾经有英文括号 -->\n我镇贯彻（试行）办法。\n"
                  "<!-- fazhilint: disable FZ206 旧的 -->\n甲。\n<!-- fazhilint: enable FZ206 -->\n", encoding="utf-8")
    r = run(md, "--select", "FZ203,FZ206,FZ003")
    assert r.exit_code == 1 and r.stdout.count("FZ003") == 2 and "可用 --fix 删除" in r.stdout
    r = run(md, "--select", "FZ203,FZ206,FZ003", "--fix")
    assert r.exit_code == 0, r.stdout
    assert md.read_text(encoding="utf-8") == TITLE + "我镇贯彻（试行）办法。\n甲。\n"


def test_suppression_of_a_rule_that_did_not_run_is_not_unused(tmp_path):
    md = tmp_path / "报告.md"
    md.write_text(TITLE + "<!-- fazhilint: disable-next-line FZ203 理由 -->\n我镇贯彻(试行)办法。\n", encoding="utf-8")
    assert codes(lint_path(md, Config(select=("FZ206", "FZ003")))) == []


# ---- sidecar ------------------------------------------------------------------

SIDECAR = '''# 本报告的忽略清单
[[ignore]]
rule = "FZ203"
text = "(试行)"
reason = "引用文件原名如此"

# 不再需要的一条
[[ignore]]
rule = ["halfwidth-punctuation"]
text = "早已删掉的文字"
reason = "曾经引用"
'''


def test_sidecar_keyed_by_text_survives_edits_elsewhere(tmp_path):
    txt = tmp_path / "报告.txt"
    (tmp_path / "报告.fazhilint.toml").write_text(SIDECAR, encoding="utf-8")
    txt.write_text(TITLE + "我镇贯彻《办法(试行)》。\n甲,乙。\n", encoding="utf-8")
    result = lint_path(txt, Config(select=("FZ203", "FZ003")))
    assert codes(result) == [(1, "FZ003"), (3, "FZ203")] and result.suppressed == 1
    assert "第2条" in result.diagnostics[0].message and "找不到" in result.diagnostics[0].message
    txt.write_text(TITLE + "新加的一段。\n\n我镇认真贯彻《办法(试行)》。\n甲,乙。\n", encoding="utf-8")
    result = lint_path(txt, Config(select=("FZ203", "FZ003")))
    assert codes(result) == [(1, "FZ003"), (5, "FZ203")] and result.suppressed == 1


def test_sidecar_fix_removes_only_the_unused_entry(tmp_path):
    txt = tmp_path / "报告.txt"
    sidecar = tmp_path / "报告.fazhilint.toml"
    sidecar.write_text(SIDECAR, encoding="utf-8")
    txt.write_text(TITLE + "我镇贯彻《办法(试行)》。\n", encoding="utf-8")
    r = run(txt, "--select", "FZ203,FZ003", "--fix")
    assert r.exit_code == 0, r.stdout
    assert sidecar.read_text(encoding="utf-8") == SIDECAR.split("\n# 不再需要的一条")[0] + "\n"
    assert "已按注明的理由忽略" in r.stdout


def test_sidecar_entry_without_reason_or_with_bad_keys(tmp_path):
    txt = tmp_path / "报告.txt"
    (tmp_path / "报告.fazhilint.toml").write_text('[[ignore]]\nrule = "FZ203"\ntext = "(试行)"\n'
                                                '[[ignore]]\nrule = "FZ203"\nwhy = "x"\n', encoding="utf-8")
    txt.write_text(TITLE + "我镇贯彻《办法(试行)》。\n", encoding="utf-8")
    result = lint_path(txt, Config(select=("FZ203", "FZ003")))
    assert codes(result) == [(1, "FZ003"), (1, "FZ003"), (2, "FZ203")]
    messages = " ".join(d.message for d in result.diagnostics)
    assert "没有写明理由" in messages and "why" in messages


def test_sidecars_are_not_linted_as_reports(tmp_path):
    (tmp_path / "报告.txt").write_text(TITLE + "我镇贯彻《办法》。\n", encoding="utf-8")
    (tmp_path / "报告.fazhilint.toml").write_text("", encoding="utf-8")
    assert "FZ001" not in run(tmp_path).stdout


# ---- Word ---------------------------------------------------------------------

def _draft(path, comment: str | None, anchor: str = "(试行)"):
    d = docx.Document()
    d.add_paragraph(TITLE.strip())
    p = d.add_paragraph()
    p.add_run("我镇贯彻《办法")
    excused = p.add_run(anchor)
    p.add_run("》。")
    d.add_paragraph("我镇落实《规定(试行)》。")
    if comment:
        d.add_comment([excused], text=comment, author="王科员", initials="W")
    d.save(str(path))
    return path


def test_word_comment_excuses_the_anchored_text_only(tmp_path):
    draft = _draft(tmp_path / "草稿.docx", "fazhilint：忽略 FZ203 引用文件原名如此")
    result = lint_path(draft, Config(select=("FZ203", "FZ003")))
    assert codes(result) == [(3, "FZ203")] and result.suppressed == 1
    draft = _draft(tmp_path / "草稿2.docx", "fazhilint: ignore halfwidth-punctuation, quoted title")
    assert codes(lint_path(draft, Config(select=("FZ203", "FZ003")))) == [(3, "FZ203")]


def test_word_comment_without_reason_or_unused(tmp_path):
    draft = _draft(tmp_path / "草稿.docx", "fazhilint: 忽略 FZ203")
    result = lint_path(draft, Config(select=("FZ203", "FZ003")))
    assert codes(result) == [(2, "FZ003"), (2, "FZ203"), (3, "FZ203")]
    draft = _draft(tmp_path / "草稿2.docx", "fazhilint: 忽略 FZ206 以前有两个句号", anchor="（试行）")
    result = lint_path(draft, Config(select=("FZ203", "FZ206", "FZ003")))
    assert codes(result) == [(2, "FZ003"), (3, "FZ203")]
    assert "请在 Word 中删除该批注" in result.diagnostics[0].message and result.diagnostics[0].fix is None


def test_ordinary_comments_are_not_suppressions(tmp_path):
    draft = _draft(tmp_path / "草稿.docx", "这里请再核对")
    assert codes(lint_path(draft, Config(select=("FZ203", "FZ003")))) == [(2, "FZ203"), (3, "FZ203")]


def test_suppressed_count_in_xlsx(tmp_path):
    from openpyxl import load_workbook

    draft = _draft(tmp_path / "草稿.docx", "fazhilint: 忽略 FZ203 引用文件原名如此")
    out = tmp_path / "汇总.xlsx"
    run(draft, "--select", "FZ203", "-f", "xlsx", "-o", out)
    rows = list(load_workbook(out)["汇总"].iter_rows(values_only=True))
    header = rows[1]
    assert "另有 1 个问题已按注明的理由忽略" in (rows[2][header.index("备注")] or "")
