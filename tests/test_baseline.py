"""Baseline: recorded findings are hidden, keyed by path, rule and the text around them; --ratchet only removes."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from fazhilint.cli import app

TITLE = "某镇人民政府关于2024年度安全生产工作情况的报告\n"


def cli(*args):
    return CliRunner().invoke(app, [*map(str, args)])


def check(*args):
    return cli("check", "-f", "concise", "--select", "FZ203,FZ206", *args)


def entries(path):
    return json.loads(path.read_text(encoding="utf-8"))["entries"]


def test_baseline_hides_recorded_findings_and_survives_edits_elsewhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "报送").mkdir()
    report = tmp_path / "报送" / "报告.txt"
    report.write_text(TITLE + "我镇贯彻(试行)办法。\n甲,乙。\n", encoding="utf-8")
    r = cli("baseline", "报送", "--baseline", "基线.json")
    assert r.exit_code == 0 and "2 条" in r.stderr, r.output
    assert {e["path"] for e in entries(tmp_path / "基线.json")} == {"报送/报告.txt"}
    r = check("报送", "--baseline", "基线.json")
    assert r.exit_code == 0 and "另有 2 个问题已记入基线" in r.stdout
    # edits elsewhere (a new first paragraph, lines shift) keep the entries; a new problem shows
    report.write_text(TITLE + "新增的一段。。\n\n我镇贯彻(试行)办法。\n甲,乙。\n", encoding="utf-8")
    r = check("报送", "--baseline", "基线.json")
    assert r.exit_code == 1 and r.stdout.count("FZ206") == 1 and "FZ203" not in r.stdout
    # an edit at the finding itself makes it new again
    report.write_text(TITLE + "我镇认真贯彻(暂行)规定。\n甲,乙。\n", encoding="utf-8")
    r = check("报送", "--baseline", "基线.json")
    assert [line.split(": ")[1] for line in r.stdout.splitlines()[:-1]] == ["FZ203 [错误] 英文括号“()”应改为中文括号“（）”"]
    assert "已不再出现" in r.stderr and "--ratchet" in r.stderr


def test_identical_findings_are_counted(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "报告.txt"
    report.write_text(TITLE + "甲,乙。\n甲,乙。\n", encoding="utf-8")
    cli("baseline", "报告.txt", "--baseline", "b.json")
    assert [e["count"] for e in entries(tmp_path / "b.json")] == [2]
    report.write_text(TITLE + "甲,乙。\n甲,乙。\n甲,乙。\n", encoding="utf-8")
    r = check("报告.txt", "--baseline", "b.json")
    assert r.stdout.count("FZ203") == 1 and "另有 2 个" in r.stdout


def test_ratchet_only_removes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "报告.txt"
    report.write_text(TITLE + "我镇贯彻(试行)办法。\n甲,乙。\n", encoding="utf-8")
    cli("baseline", "报告.txt", "--baseline", "b.json")
    report.write_text(TITLE + "我镇贯彻（试行）办法。\n甲,乙。\n丙,丁。\n", encoding="utf-8")  # one fixed, one new
    r = cli("baseline", "报告.txt", "--baseline", "b.json", "--ratchet")
    assert r.exit_code == 0 and "去掉 1 个" in r.stderr
    assert [e["text"] for e in entries(tmp_path / "b.json")] == [","]
    assert check("报告.txt", "--baseline", "b.json").stdout.count("FZ203") == 1  # the new one is not absorbed
    r = cli("baseline", "报告.txt", "--baseline", "b.json")  # without --ratchet: rewritten from the findings
    assert len(entries(tmp_path / "b.json")) == 2


def test_baseline_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "报告.txt").write_text(TITLE, encoding="utf-8")
    r = check("报告.txt", "--baseline", "无.json")
    assert r.exit_code == 2 and "fazhilint baseline" in r.stderr
    (tmp_path / "坏.json").write_text("[]", encoding="utf-8")
    assert check("报告.txt", "--baseline", "坏.json").exit_code == 2
    assert cli("baseline", "报告.txt", "--baseline", "新.json", "--ratchet").exit_code == 2


def test_baseline_inside_the_checked_folder_is_not_a_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "报告.txt").write_text(TITLE + "甲,乙。\n", encoding="utf-8")
    cli("baseline", ".", "--baseline", "基线.json")
    r = check(".", "--baseline", "基线.json")
    assert r.exit_code == 0 and "FZ001" not in r.stdout
