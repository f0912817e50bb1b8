"""Machine formats: GitHub annotations, SARIF, and the county office's Excel workbook."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_json_batch_lists_checked_unreadable_and_skipped_files(tmp_path, monkeypatch):
    import os

    folder = tmp_path / "报送"
    (folder / ".git").mkdir(parents=True)
    (folder / "locked").mkdir()
    (folder / "甲镇.txt").write_text("甲镇2024年法治政府建设情况报告\n" + BROKEN, encoding="utf-8")
    (folder / "乙镇.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "~$甲镇.docx").write_bytes(b"\x00")
    scandir = os.scandir

    def unreadable_folder(path="."):  # as root, chmod 000 cannot make a folder unreadable
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", unreadable_folder)
    r = run("check", str(folder), "-f", "json-batch")
    batch = json.loads(r.stdout)
    assert batch["version"] == 1 and r.exit_code == 1
    assert batch["findings"] == json.loads(run("check", str(folder), "-f", "json").stdout)
    files = {Path(f["path"]).name: f for f in batch["files"]}
    assert files["甲镇.txt"] == {"path": str(folder / "甲镇.txt"), "status": "checked", "profile": "fazhi-annual",
                                "unit": "甲镇"}
    assert files["乙镇.pdf"]["status"] == "unreadable" and "PDF" in files["乙镇.pdf"]["reason"]
    assert [d["code"] for d in batch["findings"] if d["path"].endswith(".pdf")] == ["FZ001"]  # still a finding
    skipped = {Path(s["path"]).name: s["reason"] for s in batch["skipped"]}
    assert set(skipped) == {".git", "locked", "~$甲镇.docx"}
    assert "锁文件" in skipped["~$甲镇.docx"] and "无法读取此文件夹" in skipped["locked"]


def test_json_stays_an_array_and_json_batch_of_one_file_has_no_skipped():
    assert isinstance(json.loads(run("check", "-", "-f", "json", input=BROKEN).stdout), list)
    batch = json.loads(run("check", "-", "-f", "json-batch", "--stdin-filename", "报告.txt", input=BROKEN).stdout)
    assert batch["files"] == [{"path": "报告.txt", "status": "checked", "profile": "report"}]
    assert batch["skipped"] == [] and [d["code"] for d in batch["findings"]] == ["FZ102"]
    rows = json.loads(run("check", "-", "-f", "json-batch", "--statistics", input=BROKEN).stdout)
    assert rows == [{"code": "FZ102", "name": "numbering-missing-numeral", "count": 1, "fixable": 0}]  # its fix is unsafe


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


def test_every_format_on_a_strict_utf8_stdout_escapes_an_undecodable_name(tmp_path):
    """Found by tools/fuzz.py: a GBK file name in a folder (from a Windows zip) crashed every format written
    to a zh_CN.UTF-8 terminal (strict UTF-8, as the runner's stdout); only -o was safe."""
    import os

    from fazhilint.report import BINARY, FORMATS

    with open(os.path.join(os.fsencode(tmp_path), "报告".encode("gbk") + b"\x1b.txt"), "wb") as f:
        f.write("松江镇2023年法治政府建设工作报告\n一、甲,乙\n".encode())
    for fmt in sorted(set(FORMATS) - BINARY):
        r = run("check", str(tmp_path), "-f", fmt)
        assert r.exit_code == 1 and isinstance(r.exception, (SystemExit, type(None))), (fmt, r.exception)
        shown = r.stdout.replace("\\\\", "\\")  # as JSON writes a backslash
        assert "\\udcb1\\udca8\\udcb8\\udce6" in shown and "\x1b" not in r.stdout, fmt
