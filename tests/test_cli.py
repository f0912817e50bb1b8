"""The command line as users run it: formats, exit codes, selection, stdin, fixes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from fazhilint.cli import app
from tests.conftest import SAMPLE

runner = CliRunner()
BROKEN = "一、主要举措和成效\n、存在的问题\n"


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_concise_lines_and_exit_code_one():
    r = run("check", str(SAMPLE), "--format", "concise")
    assert r.exit_code == 1
    assert f"{SAMPLE}:11:1: FZ102 [错误] 序号缺少数字：此处应为“（三）”" in r.stdout
    assert "发现" in r.stdout.splitlines()[-1]


def test_full_format_underlines_in_display_cells():
    r = run("check", "-", "--format", "full", "--stdin-filename", "草稿.txt", input="一、甲\n（一）乙\n（三）丙\n")
    lines = r.stdout.splitlines()
    assert lines[0].startswith("草稿.txt:3:1: FZ101")
    assert lines[1].endswith("│ （三）丙")
    assert lines[2].endswith("│ ^^^^^^")  # （三） is three full-width characters, six cells


def test_json_contract():
    r = run("check", "-", "--format", "json", "--select", "FZ102", input=BROKEN)
    items = json.loads(r.stdout)
    assert items == [{
        "path": "-", "line": 2, "column": 1, "end_line": 2, "end_column": 2, "code": "FZ102",
        "name": "numbering-missing-numeral", "severity": "error", "message": "序号缺少数字：此处应为“二、”",
        "fix": {"applicability": "unsafe", "edits": [
            {"line": 2, "column": 1, "end_line": 2, "end_column": 1, "content": "二"}]},
        "profile": "report",  # added key: the report profile the file was checked against
    }]


@pytest.mark.parametrize("selector, expected", [
    (["--select", "FZ1"], {"FZ102"}), (["--select", "FZ101,FZ107"], set()),
    (["--select", "numbering-missing-numeral"], {"FZ102"}), (["--ignore", "FZ10"], set()),
    (["--select", "FZ1", "--ignore", "FZ102"], set()), (["--ignore", "FZ1", "--select", "FZ102"], {"FZ102"}),
])
def test_select_and_ignore(selector, expected):
    r = run("check", "-", "--format", "json", *selector, input=BROKEN)
    assert {d["code"] for d in json.loads(r.stdout)} == expected


def test_unknown_rule_is_a_usage_error():
    r = run("check", "-", "--select", "FZ9")
    assert r.exit_code == 2
    assert "未知的规则" in r.stderr


def test_clean_text_exits_zero_and_exit_zero_flag():
    assert run("check", "-", input="一、主要举措和成效\n二、存在的问题\n").exit_code == 0
    assert run("check", "-", "--exit-zero", input=BROKEN).exit_code == 0


def test_unreadable_files_do_not_stop_the_batch(tmp_path):
    bad = tmp_path / "a.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    good = tmp_path / "b.txt"
    good.write_text(BROKEN, encoding="utf-8")
    r = run("check", str(tmp_path), "--format", "concise")
    assert r.exit_code == 1
    assert f"{bad}:1:1: FZ001 [错误] 无法读取：这是 PNG 图片" in r.stdout
    assert f"{good}:2:1: FZ102" in r.stdout
    only_bad = run("check", str(bad))
    assert only_bad.exit_code == 2


def test_fix_diff_and_unsafe(tmp_path):
    path = tmp_path / "r.txt"
    original = BROKEN.replace("\n", "\r\n").encode("gb18030")
    path.write_bytes(original)
    r = run("check", str(path), "--diff", "--unsafe-fixes")
    assert "+二、存在的问题" in r.stdout
    assert r.exit_code == 1  # changes shown, like ruff --diff
    assert path.read_bytes() == original  # --diff writes nothing
    assert run("check", str(path), "--diff").exit_code == 0  # no safe fix: nothing to show
    run("check", str(path), "--fix")  # numbering fixes are unsafe: nothing applied
    assert path.read_bytes() == original
    r = run("check", str(path), "--fix", "--unsafe-fixes")
    assert path.read_bytes() == "一、主要举措和成效\r\n二、存在的问题\r\n".encode("gb18030")
    assert r.exit_code == 0


def test_parse_shows_outline_and_expected_markers():
    r = run("parse", str(SAMPLE))
    assert r.exit_code == 0
    assert "第13行  、 存在的不足和原因" in r.stdout
    assert "← 序号残缺，应为“二、”" in r.stdout


def test_rules_and_rule():
    listing = run("rules").stdout
    assert "FZ102" in listing and "numbering-missing-numeral" in listing
    doc = run("rule", "FZ102").stdout
    for heading in ("说明：", "为何：", "反例：", "正例：", "依据："):
        assert heading in doc
    assert run("rule", "FZ999").exit_code == 2


def test_python_dash_m_works():
    r = subprocess.run([sys.executable, "-m", "fazhilint", "check", str(SAMPLE), "-f", "concise"],
                       capture_output=True, text=True)
    assert r.returncode == 1 and "FZ102" in r.stdout


def test_config_file_selects_and_overrides_severity(tmp_path, monkeypatch):
    (tmp_path / "fazhilint.toml").write_text('ignore = ["FZ107"]\n[severity]\nFZ102 = "warning"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check", "-", "--format", "json", "--fail-on", "error", input=BROKEN)
    assert [d["severity"] for d in json.loads(r.stdout)] == ["warning"]
    assert r.exit_code == 0
    (tmp_path / "fazhilint.toml").write_text('selec = ["FZ1"]\n', encoding="utf-8")
    r = run("check", "-", input=BROKEN)
    assert r.exit_code == 2 and "未知的配置项" in r.stderr


def test_parallel_batch_matches_serial_and_keeps_order(tmp_path):
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text(BROKEN * (i + 1), encoding="utf-8")
    (tmp_path / "3.txt").write_bytes(b"")  # one unreadable file in the middle
    serial = run("check", str(tmp_path), "-f", "concise", "-j", "1").stdout
    parallel = run("check", str(tmp_path), "-f", "concise", "-j", "2").stdout
    assert serial == parallel
    assert "3.txt:1:1: FZ001 [错误] 无法读取：文件为空" in parallel


def test_fix_needs_files_but_diff_works_on_stdin():
    assert run("check", "-", "--fix", input=BROKEN).exit_code == 2
    r = run("check", "-", "--diff", "--unsafe-fixes", input=BROKEN)
    assert "+二、存在的问题" in r.stdout


def test_diff_of_an_undecodable_name_and_a_last_line_without_newline(tmp_path):
    """Found by tools/fuzz.py: a GBK file name (from a Windows zip) crashed --diff on a UTF-8 terminal."""
    import os

    with open(os.path.join(os.fsencode(tmp_path), "报告".encode("gbk") + b".txt"), "wb") as f:
        f.write("一、甲,乙".encode())
    r = run("check", str(tmp_path), "--diff")  # the runner's stdout is strict UTF-8, as a zh_CN.UTF-8 terminal's
    assert r.exit_code == 1 and isinstance(r.exception, (SystemExit, type(None))), r.exception
    assert r.stdout.splitlines()[:2] == [f"--- {tmp_path}/\\udcb1\\udca8\\udcb8\\udce6.txt",
                                         f"+++ {tmp_path}/\\udcb1\\udca8\\udcb8\\udce6.txt"]
    assert r.stdout.splitlines()[-4:] == ["-一、甲,乙", "\\ No newline at end of file", "+一、甲，乙",
                                          "\\ No newline at end of file"]


def test_version():
    from fazhilint import __version__

    r = run("--version")
    assert r.exit_code == 0 and r.stdout.strip() == f"fazhilint {__version__}"


def test_per_file_ignores(tmp_path, monkeypatch):
    (tmp_path / "fazhilint.toml").write_text('[per-file-ignores]\n"网页/*.txt" = ["FZ102"]\n', encoding="utf-8")
    (tmp_path / "网页").mkdir()
    (tmp_path / "网页" / "a.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check", "网页", "b.txt", "-f", "concise", "--select", "FZ1")
    assert "b.txt:2:1: FZ102" in r.stdout and "a.txt" not in r.stdout
    (tmp_path / "fazhilint.toml").write_text('[per-file-ignores]\n"*.txt" = ["FZ999"]\n', encoding="utf-8")
    r = run("check", "b.txt")
    assert r.exit_code == 2 and "FZ999" in r.stderr


@pytest.mark.parametrize("text, names", [
    ('select = ["FZ9"]\n', ["FZ9", "未知的规则"]),
    ('[severity]\nFZ999 = "warning"\n', ["[severity]", "FZ999"]),
    ('[severity]\nFZ105 = 3\n', ["未知的严重级别", "3"]),
    ('[options.FZ999]\nthreshold = 0.3\n', ["[options.FZ999]", "未知的规则"]),
    ('[options.FZ503]\nthreshhold = 0.3\n', ["[options.FZ503]", "threshhold", "threshold"]),
    ('[options.unaddressed-problem]\nthreshold = "high"\n', ["[options.unaddressed-problem]", "threshold", "数字"]),
    ('[options.FZ210]\nquotes = "sometimes"\n', ["[options.FZ210]", "quotes", "always"]),
    ('options = "x"\n', ["options", "应为表"]),
    ('[options]\nFZ503 = 0.3\n', ["[options.FZ503]", "应为表"]),
])
def test_configuration_errors_name_the_file_and_key_and_exit_2(tmp_path, monkeypatch, text, names):
    (tmp_path / "fazhilint.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check", "-", input=BROKEN)
    assert r.exit_code == 2
    assert "fazhilint.toml" in r.stderr and all(n in r.stderr for n in names), r.stderr


def test_options_by_rule_name_are_validated_and_applied(tmp_path, monkeypatch):
    (tmp_path / "fazhilint.toml").write_text('[options.unaddressed-problem]\nthreshold = 1\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = "松江镇2023年法治政府建设工作报告\n三、存在的问题\n（一）宣传形式单一。\n四、2024年工作安排\n（一）创新普法方式。\n"
    r = run("check", "-", "--select", "FZ503", "-f", "concise", input=text)
    assert "FZ503" in r.stdout  # threshold 1 (an integer for a number) reports even a close match


def test_rule_command_lists_options():
    r = run("rule", "FZ503")
    assert "[options.FZ503]" in r.stdout and "threshold = 0.4" in r.stdout
