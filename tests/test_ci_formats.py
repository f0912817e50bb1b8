"""CI formats: junit, gitlab (code quality), github chosen inside GitHub Actions, --statistics."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from typer.testing import CliRunner

from fazhilint.cli import app
from tests.conftest import SAMPLE

CLEAN = "某镇人民政府关于2024年度安全生产工作情况的报告\n全年开展安全检查12次。\n"


def check(*args, env=None):
    return CliRunner().invoke(app, ["check", *map(str, args)], env=env)


def test_junit_one_suite_per_file_one_failure_per_finding(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    r = check(SAMPLE, clean, "-f", "junit")
    assert r.exit_code == 1
    root = ET.fromstring(r.stdout.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("failures") == "3"
    suites = root.findall("testsuite")
    assert [s.get("failures") for s in suites] == ["3", "0"]
    failures = suites[0].findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["FZ106", "FZ102", "FZ102"]
    assert "此处应为“（三）”" in failures[1].get("message")
    assert suites[1].find("testcase").get("name") == "未发现问题"


def test_gitlab_code_quality(tmp_path, monkeypatch):
    monkeypatch.chdir(SAMPLE.parent.parent)
    r = check("examples/sample-report.txt", "-f", "gitlab")
    items = json.loads(r.stdout)
    assert [i["check_name"] for i in items] == ["FZ106", "FZ102", "FZ102"]
    assert {i["severity"] for i in items} == {"major"}
    assert items[1]["location"] == {"path": "examples/sample-report.txt",
                                    "positions": {"begin": {"line": 11, "column": 1}, "end": {"line": 11, "column": 3}}}
    fingerprints = [i["fingerprint"] for i in items]
    assert len(set(fingerprints)) == 3
    assert [i["fingerprint"] for i in json.loads(check("examples/sample-report.txt", "-f", "gitlab").stdout)] == fingerprints


def test_github_is_the_default_inside_github_actions():
    r = check(SAMPLE, env={"GITHUB_ACTIONS": "true"})
    assert r.stdout.startswith("::error file=") and "title=FZ106" in r.stdout
    assert check(SAMPLE, "-f", "concise", env={"GITHUB_ACTIONS": "true"}).stdout.startswith(str(SAMPLE))


def test_statistics(tmp_path):
    r = check(SAMPLE, "--statistics")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines[0].split("\t") == ["2", "FZ102", "   ", "numbering-missing-numeral"]
    assert lines[1].split("\t")[:2] == ["1", "FZ106"] and "3 个问题" in lines[-1]
    text = tmp_path / "a.txt"
    text.write_text(CLEAN + "甲,乙,丙。\n", encoding="utf-8")
    assert "\tFZ203\t[*]\t" in check(text, "--statistics").stdout
    rows = json.loads(check(SAMPLE, "--statistics", "-f", "json").stdout)
    assert rows[0] == {"code": "FZ102", "name": "numbering-missing-numeral", "count": 2, "fixable": 0}
