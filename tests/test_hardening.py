"""Hostile and unlucky inputs: nothing hangs, crashes, exhausts memory or destroys data.

Inputs that used to take minutes run in a child process the harness bounds (tests/limits.py):
a regression fails with TimeoutExpired, never with an assertion on timings.
"""

from __future__ import annotations

import json
import tomllib

import pytest

from fazhilint import packs
from tests.limits import fazhilint

TITLE = "松江镇2023年法治政府建设工作报告\n"


# ---- 1. catastrophic backtracking ------------------------------------------------------------

@pytest.mark.parametrize("furniture, note", [
    ("打印 " * 14, "打印、关闭链接"),
    ("打印本页  关闭窗口  返回顶部  加入收藏  " * 3, "打印、关闭链接"),
    ("无障碍 简体| 繁体 " * 10, "简繁切换"),
])
def test_furniture_patterns_do_not_backtrack(tmp_path, furniture, note):
    near_miss = tmp_path / "near-miss.txt"  # the pattern almost matches: the worst case for backtracking
    near_miss.write_text(TITLE + furniture + "。\n", encoding="utf-8")
    hit = tmp_path / "hit.txt"
    hit.write_text(TITLE + furniture.strip() + "\n", encoding="utf-8")
    r = fazhilint("check", "-f", "json", "--select", "FZ305", str(near_miss), str(hit), timeout=30)
    found = {d["path"] for d in json.loads(r.stdout) if note in d["message"]}
    assert found == {str(hit)}


def _county(tmp_path, pattern: str):
    path = tmp_path / "county.toml"
    path.write_text(f"[[term-substitution]]\nid = 'x'\npattern = '''{pattern}'''\ncorrect = 'Y'\n"
                    "source = '某县'\nbad = ['XXXXXY']\ngood = ['Y']\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("pattern", [r"(?:X+)+Y", r"(?:\s*X\s*)*Y", r"(X|Y{1,3})+Z"])
def test_county_pattern_that_can_backtrack_is_a_pack_error(tmp_path, pattern):
    path = _county(tmp_path, pattern)
    with pytest.raises(packs.PackError) as e:
        packs.load((path,))
    assert "county.toml" in str(e.value) and "id = 'x'" in str(e.value) and "回溯" in str(e.value)
    r = fazhilint("check", "-", "--pack", str(path), input=("X" * 87).encode(), timeout=30)
    assert r.returncode == 2 and "回溯" in r.stderr.decode()


@pytest.mark.parametrize("pattern", [r"(?:X++)+Y", r"(?>X+)+Y", r"(?:X\s*+)+Y", r"X+Y", r"(?:ab)+"])
def test_patterns_that_cannot_backtrack_are_accepted(pattern):
    assert packs.backtracking_hazard(pattern) is None


def test_oversized_repeat_is_a_pack_error(tmp_path):
    path = _county(tmp_path, "a{4294967296}")
    with pytest.raises(packs.PackError, match="不是合法的正则表达式"):
        packs.load((path,))


def test_builtin_patterns_cannot_backtrack():
    """Built-in packs skip the check at load time (startup speed), so it runs here."""
    for path in packs.builtin_files():
        for table, items in tomllib.loads(path.read_text(encoding="utf-8")).items():
            for item in (i for it in (items if isinstance(items, list) else ()) for i in [it, *it.get("element", [])]):
                for key in packs.REGEX_KEYS:
                    value = item.get(key, [])
                    for pattern in value if isinstance(value, list) else [value]:
                        assert packs.backtracking_hazard(pattern) is None, (path.name, item["id"], pattern)


# ---- 2. linear in the input ------------------------------------------------------------------
# Each of these took 3 s to 127 s before (quadratic); linear, they take a second or two.


def _seed_text() -> str:
    from tests.conftest import SAMPLE, SEED

    return (SEED if SEED.is_file() else SAMPLE).read_text(encoding="utf-8")


BIG = {
    "closers": ")" * 100_000,  # FZ201 searched text[:i] per unmatched closer
    "book-title-closers": "《" * 50_000 + "）" * 50_000,  # FZ201's stack scans
    "quote-closers": "“" * 50_000 + "）" * 50_000,
    "letters": "a" * 100_000,  # FZ203's e-mail pattern
    "digits": "2021" * 25_000,
    "dotted": "a." * 50_000,
    "brackets": "[" * 100_000,  # page-furniture test [ … ]
    "nested-parens": "(" * 50_000 + ")" * 50_000,  # FZ203's pairs read their whole content
    "pack-overlaps": "XX镇" * 100_000,  # PackRule's overlap list
    "pack-overlaps-2": "县县委" * 100_000,
    "sentences": "法制宣传，" * 60_000,  # wording.sentence() from offset 0
    "years-in-titles": "《2021年" * 30_000,  # year_mentions counted 《》 before each year
    "full-stops": "法治." * 40_000,  # FZ203 copied the rest of the paragraph per "."
    "invisible": "法\u200b" * 50_000,
}


@pytest.mark.slow
@pytest.mark.parametrize("name", BIG)
def test_big_single_paragraph_is_linear(tmp_path, name):
    path = tmp_path / f"{name}.txt"
    path.write_text(TITLE + BIG[name] + "\n", encoding="utf-8")
    r = fazhilint("check", "-f", "concise", str(path), timeout=60)
    assert r.returncode in (0, 1), r.stderr.decode()[-2000:]


@pytest.mark.slow
def test_five_megabyte_paragraph_in_bounded_memory(tmp_path):
    """The grammar's TEXT token repeats possessively: re kept a backtrack point per character
    (1.6 GB for this file before, about 60 MB now)."""
    path = tmp_path / "one-line.txt"
    path.write_text(TITLE + "法治政府建设取得新进展，" * 400_000 + "\n", encoding="utf-8")
    r = fazhilint("check", "-f", "concise", str(path), timeout=120, memory_mb=512)
    assert r.returncode in (0, 1), r.stderr.decode()[-2000:]
    assert "FZ000" not in r.stdout.decode()  # before: the parser ran out of memory and gave up


@pytest.mark.slow
def test_report_repeated_is_linear(tmp_path):
    """1,000 headings of a level (一千、) and 20,000 findings located by heading path."""
    path = tmp_path / "x300.txt"
    path.write_text("\n".join([_seed_text()] * 300), encoding="utf-8")
    r = fazhilint("check", "-f", "concise", str(path), timeout=120)
    assert r.returncode == 1, r.stderr.decode()[-2000:]


@pytest.mark.parametrize("n, chinese", [(999, "九百九十九"), (1000, "一千"), (1010, "一千零一十"), (1100, "一千一百"),
                                        (10001, "一万零一"), (123_456, "十二万三千四百五十六"), (10**8, "100000000")])
def test_chinese_numerals_past_999(n, chinese):
    from fazhilint.numerals import parse_chinese, to_chinese

    assert to_chinese(n) == chinese
    if n < 10_000:
        assert parse_chinese(chinese) == n


# ---- 3. readers that cannot be turned against us ---------------------------------------------

def _fz001(r) -> str:
    out = r.stdout.decode()
    assert "FZ001" in out, (out, r.stderr.decode())
    return out


def test_fifo_and_devices_are_refused_not_read(tmp_path):
    import os

    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    r = fazhilint("check", "-f", "concise", str(fifo), str(tmp_path / "zero.txt"), "/dev/zero", timeout=30,
                  memory_mb=512)
    assert r.returncode == 2
    assert _fz001(r).count("不是普通文件") == 2  # the link and /dev/zero are one file, checked once


def test_stdin_over_the_limit_is_refused_not_truncated():
    from fazhilint.read import MAX_BYTES

    r = fazhilint("check", "-f", "concise", "-", input=TITLE.encode() + b"a" * MAX_BYTES, timeout=60)
    assert r.returncode == 2 and "上限" in _fz001(r)


def _docx(tmp_path, items, setup=None, name="n.docx"):
    from tests.docx_helpers import build

    return build(tmp_path / name, items, setup=setup)


def _set_start(value, fmt="chineseCounting", text="%1、"):
    from tests.docx_helpers import W, add_list

    def setup(document):
        add_list(document, ((fmt, text),))
        lvl = document.part.numbering_part.element.find(f'{W}abstractNum[@{W}abstractNumId="90"]/{W}lvl')
        lvl.find(W + "start").set(W + "val", value)
    return setup


@pytest.mark.parametrize("start, fmt, first", [
    ("abc", "chineseCounting", "零、"),  # not a number: 0, as in Word
    ("998", "chineseCounting", "九百九十八、"),  # … 一千、 no longer an IndexError
    ("998", "chineseLegalSimplified", "玖佰玖拾捌、"),
    ("2000000000", "upperRoman", "、"),  # out of range: 0, which has no letters (was a hang)
    ("1000000000", "upperLetter", "、"),  # (was 5.6 GB)
    ("-5", "decimal", "0、"),
])
def test_numbering_start_values_are_clamped(tmp_path, start, fmt, first):
    from fazhilint.read import read_path

    path = _docx(tmp_path, [(90, 0, "甲"), (90, 0, "乙"), (90, 0, "丙")], _set_start(start, fmt))
    lines = read_path(path).text.split("\n")
    assert lines[0] == first + "甲" and len("".join(lines)) < 40


def test_numbering_reaching_one_thousand(tmp_path):
    from fazhilint.read import read_path

    path = _docx(tmp_path, [(90, 0, "甲"), (90, 0, "乙"), (90, 0, "丙")], _set_start("998"))
    assert read_path(path).text.split("\n") == ["九百九十八、甲", "九百九十九、乙", "一千、丙"]


def test_huge_level_text_and_custom_format_are_bounded(tmp_path):
    from tests.docx_helpers import W

    def setup(document):
        _set_start("1", "decimal", "%1" * 10_000)(document)
        fmt = document.part.numbering_part.element.find(f'{W}abstractNum[@{W}abstractNumId="90"]/{W}lvl/{W}numFmt')
        fmt.set(W + "val", "custom")
        fmt.set(W + "format", "0" * 100_000 + "1, ...")
    path = _docx(tmp_path, [(90, 0, "甲")] * 5_000, setup)
    r = fazhilint("check", "-f", "concise", "--select", "FZ1", str(path), timeout=120, memory_mb=1024)
    assert r.returncode in (0, 1), r.stderr.decode()[-2000:]


def test_zip_bomb_is_refused_from_the_directory(tmp_path):
    import zipfile

    path = _docx(tmp_path, [TITLE.strip(), "一、主要举措"])
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":  # 200 MB of spaces inside the body: 200 KB deflated
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (200 * 1024 * 1024))
            out.writestr(info, data)
    assert bomb.stat().st_size < 1024 * 1024
    r = fazhilint("check", "-f", "concise", str(bomb), timeout=60, memory_mb=768)
    assert r.returncode == 2 and "解压后过大" in _fz001(r)


@pytest.mark.parametrize("html", [
    "<p><font>法治政府建设" * 200,  # unclosed pairs, as old CMS pages leave them
    "<b>" * 900 + "法治政府建设工作报告" + "</b>" * 900,
    "<div>" * 20_000 + "法治政府建设工作报告" + "</span>" * 20_000,  # deep, then stray end tags
    "<p>" + "<b>法</b>" * 100_000 + "</p>",
], ids=["unclosed-font", "nested-b", "deep-div-stray-ends", "many-inline"])
def test_deep_or_broken_html_is_read(tmp_path, html):
    path = tmp_path / "page.html"
    path.write_text(f"<html><body><h1>{TITLE}</h1>{html}</body></html>", encoding="utf-8")
    r = fazhilint("check", "-f", "concise", str(path), timeout=60)
    assert r.returncode in (0, 1) and "FZ001" not in r.stdout.decode(), r.stdout.decode()[-1000:]


def test_reader_bug_is_fz001_that_says_it_is_ours(tmp_path, monkeypatch):
    from fazhilint.read import read_path, text

    path = tmp_path / "a.txt"
    path.write_text(TITLE, encoding="utf-8")
    monkeypatch.setattr(text, "decode", lambda *a: 1 / 0)
    with pytest.raises(Exception) as e:
        read_path(path)
    assert "ZeroDivisionError" in str(e.value) and "本工具的缺陷" in str(e.value) and "test_hardening.py" in str(e.value)


# ---- 4. writes that cannot destroy -----------------------------------------------------------

FIXABLE = TITLE + "一、主要举措\n我镇 推进法治建设。\n"  # FZ207: a stray space, a safe fix
FIXED = TITLE + "一、主要举措\n我镇推进法治建设。\n"


@pytest.mark.parametrize("fmt, name", [("json", "report.txt"), ("concise", "draft.docx")])
def test_output_onto_an_input_is_refused(tmp_path, fmt, name):
    path = tmp_path / name
    if name.endswith(".docx"):
        _docx(tmp_path, [TITLE.strip()], name=name)
    else:
        path.write_text(FIXABLE, encoding="utf-8")
    before = path.read_bytes()
    link = tmp_path / "link"
    link.symlink_to(path)
    for target in (path, link):
        r = fazhilint("check", str(path), "-f", fmt, "-o", str(target), timeout=60)
        assert r.returncode == 2 and "覆盖原文" in r.stderr.decode()
    assert path.read_bytes() == before


def test_output_into_a_missing_folder_is_a_clear_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(FIXABLE, encoding="utf-8")
    r = fazhilint("check", str(path), "-o", str(tmp_path / "missing" / "out.json"), "-f", "json", timeout=60)
    assert r.returncode == 2 and "不存在" in r.stderr.decode() and b"Traceback" not in r.stderr


def test_output_onto_a_fifo_writes_into_it(tmp_path):
    import os
    import threading

    path = tmp_path / "a.txt"
    path.write_text(FIXABLE, encoding="utf-8")
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    r = fazhilint("check", str(path), "-f", "json", "-o", str(fifo), timeout=60)
    reader.join(30)
    assert r.returncode == 1 and json.loads(got[0]) and fifo.is_fifo()


def test_fix_refuses_a_file_changed_since_it_was_read(tmp_path):
    from fazhilint.fix import WriteRefused, write_atomic
    from fazhilint.read import read_path

    path = tmp_path / "a.txt"
    path.write_text(FIXABLE, encoding="utf-8")
    source = read_path(path)
    path.write_text(FIXABLE + "新写的一段。\n", encoding="utf-8")  # saved by the clerk meanwhile
    with pytest.raises(WriteRefused, match="已被改动"):
        write_atomic(path, b"x", expect=source.stamp)
    assert path.read_text(encoding="utf-8").endswith("新写的一段。\n")


def test_fix_writes_through_links_and_keeps_mode_and_hard_links(tmp_path):
    import os
    import stat

    real = tmp_path / "real.txt"
    real.write_text(FIXABLE, encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    hard = tmp_path / "hard.txt"
    hard.write_text(FIXABLE, encoding="utf-8")
    twin = tmp_path / "twin.txt"
    os.link(hard, twin)
    r = fazhilint("check", "--fix", "-f", "concise", str(link), str(hard), timeout=60)
    assert r.returncode in (0, 1), r.stderr.decode()
    assert link.is_symlink() and real.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert twin.read_text(encoding="utf-8") == FIXED and os.path.samefile(hard, twin)


def test_fix_refuses_read_only_files_unless_asked_and_reports_one_line(tmp_path):
    import os

    locked, free = tmp_path / "locked.txt", tmp_path / "free.txt"
    for p in (locked, free):
        p.write_text(FIXABLE, encoding="utf-8")
    os.chmod(locked, 0o444)
    r = fazhilint("check", "--fix", "-f", "concise", str(locked), str(free), timeout=60)
    errors = [line for line in r.stderr.decode().splitlines() if "locked.txt" in line]
    assert len(errors) == 1 and "只读" in errors[0]
    assert locked.read_text(encoding="utf-8") == FIXABLE and free.read_text(encoding="utf-8") == FIXED
    fazhilint("check", "--fix", "--fix-read-only", str(locked), timeout=60)
    assert locked.read_text(encoding="utf-8") == FIXED


def test_pack_correction_with_a_newline_never_shifts_line_endings(tmp_path):
    pack = tmp_path / "county.toml"
    pack.write_text("[[term-substitution]]\nid = 'split'\npattern = '法治建设'\ncorrect = \"法治\\n建设\"\n"
                    "source = '某县'\nbad = ['推进法治建设。']\ngood = ['推进法治。']\n", encoding="utf-8")
    path = tmp_path / "crlf.txt"
    path.write_bytes(FIXABLE.replace("\n", "\r\n").encode())
    fazhilint("check", "--fix", "--unsafe-fixes", "--pack", str(pack), str(path), timeout=60)
    assert path.read_bytes() == FIXED.replace("\n", "\r\n").encode()


# ---- 5. batches that finish ------------------------------------------------------------------

def _batch(tmp_path, count=6):
    paths = []
    for i in range(count):
        p = tmp_path / f"{i}.txt"
        p.write_text(FIXABLE, encoding="utf-8")
        paths.append(str(p))
    return paths


def _slow_or_dying(monkeypatch, victim: str, how: str):
    import os
    import signal
    import time

    from fazhilint import engine

    real = engine.lint_source

    def lint_source(source, config):
        if source.path == victim:
            if how == "hang":
                time.sleep(600)
            os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
        return real(source, config)
    monkeypatch.setattr(engine, "lint_source", lint_source)  # workers are forked: they inherit it
    monkeypatch.setattr(engine, "TIME_LIMIT", 2)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_the_time_limit_gets_a_finding_and_the_batch_goes_on(tmp_path, monkeypatch, jobs):
    from fazhilint.config import Config
    from fazhilint.engine import lint_paths

    paths = _batch(tmp_path)
    _slow_or_dying(monkeypatch, paths[3], "hang")
    results = lint_paths(paths, Config(), jobs)
    assert [r.readable for r in results] == [True, True, True, False, True, True]
    assert "超过 2 秒" in results[3].diagnostics[0].message


def test_stdin_is_checked_within_the_time_limit(monkeypatch):
    """Found by the fuzzer: standard input was checked without the limit a file has."""
    from typer.testing import CliRunner

    from fazhilint.cli import app

    _slow_or_dying(monkeypatch, "-", "hang")
    r = CliRunner().invoke(app, ["check", "-f", "concise", "-"], input="一、总体情况\n")
    assert r.exit_code == 2 and "超过 2 秒" in r.stdout, r.stdout


def test_a_fix_round_is_checked_within_the_time_limit(tmp_path, monkeypatch):
    """--fix checks the fixed text again, round by round: a round past the limit keeps the rounds
    before it and says why it stopped."""
    import time

    from fazhilint import engine, fix
    from fazhilint.config import Config
    from fazhilint.read import read_path

    path = tmp_path / "报告.txt"
    path.write_text(TITLE + "截止目前共办理行政复议案件12件。\n", encoding="utf-8")
    first = engine.lint_source(read_path(path), Config())
    assert any(d.fix for d in first.diagnostics)
    monkeypatch.setattr(fix, "lint_source", lambda source, config: time.sleep(600))
    monkeypatch.setattr(engine, "TIME_LIMIT", 2)
    result, count = fix.fix_result(first, Config(), unsafe=False)
    assert count == 0 and result.source.text == first.source.text
    assert "超过 2 秒" in result.diagnostics[-1].message


def test_a_dead_worker_costs_only_its_own_file(tmp_path, monkeypatch):
    from fazhilint.config import Config
    from fazhilint.engine import lint_paths

    paths = _batch(tmp_path, 12)
    _slow_or_dying(monkeypatch, paths[5], "die")
    results = lint_paths(paths, Config(), 2)
    assert [i for i, r in enumerate(results) if not r.readable] == [5]
    assert "进程异常退出" in results[5].diagnostics[0].message
    assert all(r.diagnostics for r in results)


def test_jobs_are_validated_capped_and_files_deduplicated(tmp_path):
    paths = _batch(tmp_path, 2)
    (tmp_path / "link.txt").symlink_to(paths[0])
    r = fazhilint("check", "-j", "-5", *paths, timeout=60)
    assert r.returncode == 2 and "负数" in r.stderr.decode()
    r = fazhilint("check", "-j", "500", "-f", "json", *paths, paths[0], str(tmp_path / "link.txt"), timeout=60)
    assert "超过本机 CPU 核数" in r.stderr.decode()
    assert sorted({d["path"] for d in json.loads(r.stdout)}) == paths  # each file once
    r0 = fazhilint("check", "-j", "0", "-f", "json", *paths, timeout=60)
    assert json.loads(r0.stdout) == [d for d in json.loads(r.stdout)]


def test_an_empty_folder_is_said_not_passed(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "locks").mkdir()
    (tmp_path / "locks" / "~$报告.docx").write_bytes(b"x")
    r = fazhilint("check", str(tmp_path / "empty"), str(tmp_path / "locks"), timeout=60)
    assert r.returncode == 2 and "可检查的文件" in r.stderr.decode()


# ---- 6. honest exits and output --------------------------------------------------------------

def test_an_unexpected_exception_is_one_line_and_its_own_exit_code(monkeypatch, capsys, tmp_path):
    import sys

    from fazhilint import cli, report

    path = tmp_path / "a.txt"
    path.write_text(FIXABLE, encoding="utf-8")

    def broken(fmt):
        raise RuntimeError("renderer exploded")
    monkeypatch.setattr(report, "renderer", broken)
    monkeypatch.setattr(sys, "argv", ["fazhilint", "check", str(path), "-f", "concise"])
    with pytest.raises(SystemExit) as e:
        cli.main()
    assert e.value.code == cli.BUG_EXIT == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "缺陷" in err and "RuntimeError" in err and "test_hardening.py" in err


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b" \n\t\r\n\xe3\x80\x80\n"], ids=["bom-only", "whitespace-only"])
def test_blank_documents_are_not_a_pass(tmp_path, data):
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    r = fazhilint("check", str(path), timeout=60)
    assert r.returncode == 2 and "只有空白" in _fz001(r)


def test_output_is_deterministic_whatever_the_hash_seed(tmp_path):
    import os

    path = tmp_path / "report.txt"
    path.write_text(_seed_text(), encoding="utf-8")
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        import subprocess
        import sys

        r = subprocess.run([sys.executable, "-m", "fazhilint", "check", "-f", "json", str(path)], capture_output=True,
                           timeout=60, env=env)
        outputs.add(r.stdout)
    assert len(outputs) == 1


def test_control_characters_and_odd_names_are_escaped_in_every_output(tmp_path):
    import os

    import openpyxl

    folder = os.fsencode(tmp_path)
    gbk = os.path.join(folder, "报告".encode("gbk") + b".txt")  # a name from a Windows zip: not UTF-8
    with open(gbk, "wb") as f:
        f.write((TITLE + "一、主要举措\n我镇\x1b[31m推进\x07法治建设 。\n").encode())
    formula = tmp_path / "=HYPERLINK(1).txt"
    formula.write_text(FIXABLE, encoding="utf-8")
    r = fazhilint("check", "-f", "full", str(tmp_path), timeout=60)
    assert r.returncode == 1 and b"\x1b" not in r.stdout and b"\x07" not in r.stdout and b"\\x1b" in r.stdout
    for fmt in ("concise", "json", "github", "sarif", "html", "xlsx"):
        out = tmp_path / f"out.{fmt}"
        r = fazhilint("check", "-f", fmt, "-o", str(out), str(tmp_path), timeout=60)
        assert r.returncode == 1 and b"Traceback" not in r.stderr, (fmt, r.stderr.decode()[-500:])
        if fmt != "xlsx":
            assert b"\x1b" not in out.read_bytes()
        out.unlink()
    r = fazhilint("check", "-f", "xlsx", "-o", "x.xlsx", formula.name, timeout=60, cwd=tmp_path)
    cells = [c for sheet in openpyxl.load_workbook(tmp_path / "x.xlsx") for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_config_faults_are_clear_and_a_bom_is_fine(tmp_path):
    (tmp_path / "a.txt").write_text(FIXABLE, encoding="utf-8")
    cases = {
        '[per-file-ignores]\n"" = ["FZ1"]\n': "不能为空",
        "fail-on = 5\n": "5",
        "[severity]\nFZ105 = 3\n": "3",
        'options = "x"\n': "options",
        "profile = 3\n": "profile",
    }
    for body, said in cases.items():
        (tmp_path / "fazhilint.toml").write_text(body, encoding="utf-8")
        r = fazhilint("check", "a.txt", timeout=60, cwd=tmp_path)
        assert r.returncode == 2 and said in r.stderr.decode() and b"Traceback" not in r.stderr, body
    (tmp_path / "fazhilint.toml").write_bytes("\ufeffselect = [\"FZ2\"]\n".encode())  # what Notepad writes
    r = fazhilint("check", "a.txt", "-f", "json", timeout=60, cwd=tmp_path)
    assert r.returncode == 1 and {d["code"][:3] for d in json.loads(r.stdout)} == {"FZ2"}


def test_invisible_characters_inside_a_phrase_are_reported_and_fixed(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TITLE + "截止\u200b目前，全镇已完成法治培训12次。\n", encoding="utf-8")
    fazhilint("check", "--fix", "--select", "FZ212", str(path), timeout=60)
    assert path.read_text(encoding="utf-8") == TITLE + "截止目前，全镇已完成法治培训12次。\n"
    r = fazhilint("check", "-f", "json", str(path), timeout=60)
    assert "FZ301" in {d["code"] for d in json.loads(r.stdout)} or "截止目前" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("line", ['packs = ["a\\u0000b.toml"]', "profile = { a = 1 }", 'profile = ["FZ1"]'])
def test_config_values_the_fuzzer_found(tmp_path, line):
    (tmp_path / "a.txt").write_text(FIXABLE, encoding="utf-8")
    (tmp_path / "fazhilint.toml").write_text(line + "\n", encoding="utf-8")
    r = fazhilint("check", "a.txt", timeout=60, cwd=tmp_path)
    assert r.returncode == 2 and b"Traceback" not in r.stderr, r.stderr.decode()[-800:]

