"""Machine formats: GitHub annotations, SARIF, and the county office's Excel workbook."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from tests.test_cli import BROKEN, run


def test_github_annotations():
    r = run("check", "-", "-f", "github", "--stdin-filename", "报告.txt", input=BROKEN)
    assert r.stdout.strip() == (
        "::error file=报告.txt,line=2,col=1,endLine=2,endColumn=2,"
        "title=FZ102 numbering-missing-numeral::序号缺少数字：此处应为“二、”"
    )


def test_sarif_log():
    log = json.loads(run("check", "-", "-f", "sarif", input=BROKEN).stdout)
    run_ = log["runs"][0]
    assert log["version"] == "2.1.0" and run_["columnKind"] == "unicodeCodePoints"
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == ["FZ102"]
    result = run_["results"][0]
    assert result["ruleId"] == "FZ102" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    assert run_["properties"]["profiles"] == [{"path": "-", "profile": "report", "name": "报告类公文"}]


def test_every_output_names_the_profile_in_use(tmp_path):
    """A title that says 工作总结, not 报告, is still the annual report; each format says so."""
    text = "松江镇2023年法治政府建设工作总结\n一、主要举措和成效\n（一）强化组织领导。\n、存在的问题\n"
    concise = run("check", "-", "-f", "concise", input=text).stdout
    assert "按“法治政府建设年度报告”检查" in concise.splitlines()[-1]
    assert "FZ501" in concise  # the annual report's missing sections are reported
    items = json.loads(run("check", "-", "-f", "json", input=text).stdout)
    assert items and {i["profile"] for i in items} == {"fazhi-annual"}
    html = tmp_path / "r.html"
    run("check", "-", "-f", "html", "-o", str(html), input=text)
    assert "报告类型：法治政府建设年度报告" in html.read_text(encoding="utf-8")


def test_xlsx_summary_and_details(tmp_path):
    (tmp_path / "a.txt").write_text("甲镇2024年法治政府建设情况报告\n" + BROKEN, encoding="utf-8")
    (tmp_path / "b.txt").write_text("乙镇人民政府关于2024年度安全生产工作情况的报告\n一、主要工作和成效\n全年开展安全检查12次。\n",
                                    encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"")
    out = tmp_path / "汇总.xlsx"
    r = run("check", str(tmp_path), "-f", "xlsx", "-o", str(out))
    assert r.exit_code == 1
    book = load_workbook(out)
    rows = list(book["汇总"].iter_rows(values_only=True))
    assert rows[1][:5] == ("单位", "文件", "报告年度", "类型", "结论")
    verdicts = {row[1].rsplit("/", 1)[-1]: (row[0], row[4]) for row in rows[2:]}
    assert verdicts == {"a.txt": ("甲镇", "需修改"), "b.txt": ("乙镇", "通过"), "c.txt": ("未识别单位", "无法读取")}
    assert [row[1].rsplit("/", 1)[-1] for row in rows[2:]] == ["c.txt", "a.txt", "b.txt"]  # worst first
    details = list(book["问题明细"].iter_rows(values_only=True))
    codes = [row[7].split()[0] for row in details[2:]]
    assert "FZ102" in codes and "FZ001" in codes and "FZ501" in codes
    assert "已写入" in r.stderr and "3 个文件" in r.stderr


def test_xlsx_needs_an_output_file():
    r = run("check", "-", "-f", "xlsx", input=BROKEN)
    assert r.exit_code == 2 and "-o" in r.stderr
