"""What the fuzzer generates and checks, shared by tests/test_fuzz.py (a few derandomized examples in
every suite run) and tools/fuzz.py (the long run).

Generated .txt, .docx and .html inputs and configurations (hypothesis strategies, ``KINDS``: kind →
(property, strategy)). Each property asserts: no exception escapes (a rule crash, FZ002, counts as
one), each input is done within LIMIT seconds (SIGALRM, so on the main thread), every finding's span
lies inside the text, and fixes are idempotent (fixing the fixed text changes nothing).
"""

from __future__ import annotations

import json
import signal
import tempfile
from pathlib import Path

from hypothesis import strategies as st

LIMIT = 20  # seconds per input

PIECES = ["一、", "二、", "（一）", "（二）", "1.", "（1）", "、", "）", "（", "一是", "二是", "。", "，", "；", "：", "“", "”",
          "《", "》", "(", ")", ",", ":", "2021年", "2024年01月08日", "2024.1.8", "二〇二四年", "24年", "法治政府建设",
          "存在的问题", "主要举措和成效", "下一步工作安排", "党政主要负责人", "打印本页", "关闭窗口", "发布时间：",
          "当前位置：首页 > ", "http://x.gov.cn/a?b=1", "a@b.cn", " ", "\u3000", "\t", "\u200b", "\ufeff", "\x1b[31m",
          "\r\n", "\n", "\r", "XX镇", "县县委", "法制宣传", "——", "…", "〔2021〕", "表1", "\x00"]
TITLE = st.sampled_from(["松江镇2023年法治政府建设工作报告", "关于2024年度法治政府建设情况的报告", "工作总结", ""])
# a piece repeated up to 2,000 times: what makes a quadratic scan or a backtracking pattern show
RUNS = st.builds(lambda piece, n: piece * n, st.sampled_from(PIECES) | st.text(min_size=1, max_size=3),
                 st.integers(2, 2000))
texts = st.builds(lambda title, parts: title + "\n" + "".join(parts), TITLE,
                  st.lists(st.sampled_from(PIECES) | st.text(max_size=6) | RUNS, max_size=80))


class Slow(BaseException):
    pass


def _alarm(*_):
    raise Slow(f"over {LIMIT} s")


def check_result(result, text: str | None = None) -> None:
    text = result.source.text if result.source is not None else text
    for d in result.diagnostics:
        assert d.code != "FZ002", d.message  # a rule crashed
        if result.source is not None:
            assert 0 <= d.start <= d.end <= len(text), (d.code, d.start, d.end, len(text))


def lint_and_fix(source, config) -> None:
    from fazhilint.engine import lint_source
    from fazhilint.fix import fix_result

    result = lint_source(source, config)
    check_result(result)
    if source.rewritable:
        fixed, count = fix_result(result, config, unsafe=True)
        check_result(fixed)
        again, more = fix_result(fixed, config, unsafe=True)
        assert more == 0 or again.source.text == fixed.source.text, "fixes are not idempotent"


def bounded(fn):
    """fn within LIMIT seconds: Slow (not an Exception, so no "except Exception" on the way hides it)."""
    import functools

    @functools.wraps(fn)
    def run(case):
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, LIMIT)
        try:
            fn(case)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    return run


def config():
    from fazhilint.config import Config

    return Config(select=("ALL",))


@bounded
def fuzz_txt(case: str) -> None:
    lint_encoded((case.encode("utf-8", "surrogatepass"), case.encode("gb18030", "replace")), config())


def lint_encoded(encoded, cfg) -> None:
    """lint_and_fix each encoding of a text that decodes (UnreadableInput is a fine answer)."""
    from fazhilint.read.text import decode

    for data in encoded:
        try:
            source = decode(data, "fuzz.txt")
        except Exception as e:
            if type(e).__name__ != "UnreadableInput":
                raise
            continue
        lint_and_fix(source, cfg)


FORMATS = ["decimal", "chineseCounting", "chineseLegalSimplified", "upperRoman", "upperLetter", "decimalEnclosedCircle",
           "ideographTraditional", "custom", "bullet", "none", "bogus"]
STYLES = [None, "Title", "Heading 1", "Heading 2", "Heading 3", "List Paragraph"]
PLACES = ["body", "body", "body", "table", "inserted", "centered"]  # a table cell, a tracked insertion, centred
docx_inputs = st.tuples(
    st.lists(st.tuples(st.sampled_from([None, 0, 1, 2]), texts.map(lambda t: t.replace("\n", "")[:60]),
                       st.sampled_from(STYLES), st.sampled_from(PLACES)), max_size=25),
    st.sampled_from(FORMATS), st.sampled_from(["1", "0", "abc", "-3", "998", "32767", "2000000000", ""]),
    st.sampled_from(["%1、", "（%1）", "%1.%2", "%1" * 50, "", "%9"]),
    st.sampled_from(["001, 002, ...", "一, 二, ...", "x", ""]),
)


@bounded
def fuzz_docx(case) -> None:
    from xml.sax.saxutils import escape

    from docx.oxml import parse_xml

    from tests.docx_helpers import W_NS, set_numbering

    paragraphs, fmt, start, lvl_text, example = case

    def setup(document):
        numbering = document.part.numbering_part.element
        fmt_xml = f'<w:numFmt w:val="{fmt}"' + (f' w:format="{example}"' if fmt == "custom" else "") + "/>"
        numbering.append(parse_xml(
            f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
            f'{fmt_xml}<w:lvlText w:val="{lvl_text}"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="{start}"/>'
            f'{fmt_xml}<w:lvlText w:val="{lvl_text}"/></w:lvl></w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    import docx

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "fuzz.docx")
        document = docx.Document()
        setup(document)
        table = None
        for level, text, style, place in paragraphs:
            clean = "".join(c for c in text if c.isprintable() or c in "\t")
            if place == "table":
                table = table or document.add_table(rows=0, cols=2)
                cell = table.add_row().cells[len(clean) % 2]
                p = cell.paragraphs[0]
                p.add_run(clean)
            else:
                table = None
                p = document.add_paragraph(clean if place != "inserted" else "", style=style)
            if place == "inserted":  # the words as a tracked insertion (w:ins around the run)
                p._element.append(parse_xml(
                    f'<w:ins xmlns:w="{W_NS}" w:id="1" w:author="x"><w:r><w:t xml:space="preserve">'
                    f'{escape(clean)}</w:t></w:r></w:ins>'))
            elif place == "centered":
                p.alignment = 1
            if level is not None:
                set_numbering(p, 90, level)
        document.save(str(path))
        lint_file(path)


def lint_file(path: Path) -> None:
    """lint_and_fix a generated file; an unreadable one must not be our fault (缺陷)."""
    from fazhilint.read import UnreadableInput, read_path

    try:
        source = read_path(path)
    except UnreadableInput as e:
        assert "缺陷" not in str(e), str(e)
        return
    lint_and_fix(source, config())


TAGS = ["p", "div", "b", "font", "span", "a", "table", "tr", "td", "br", "h1", "script", "nav", "li", "ul", "center"]
html_inputs = st.lists(
    st.one_of(st.sampled_from(TAGS).map(lambda t: f"<{t}>"), st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
              texts.map(lambda t: t[:40]), st.sampled_from(TAGS).map(lambda t: f"<{t}>" * 1000), st.sampled_from(['<div class="breadcrumb">', "<!--", "-->", "&amp;", "&#0;",
                                                            "<meta charset=gbk>", "<![CDATA["])),
    max_size=200).map("".join)


@bounded
def fuzz_html(case: str) -> None:

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "fuzz.html")
        path.write_bytes(case.encode("utf-8", "surrogatepass"))
        lint_file(path)


VALUES = st.sampled_from(['"error"', '"warning"', "5", '"x"', "[]", '["FZ1"]', '["FZ105", "nope"]', "true", '""',
                          '{ a = 1 }', '"a{4294967296}"', '"(?:X+)+Y"', "1e400", '"\\u0000"'])
KEYS = st.sampled_from(["fail-on", "select", "ignore", "packs", "profile", "extend-select", "per-file-ignores",
                        "severity", "options", "nonsense"])
configs = st.lists(st.tuples(KEYS, VALUES), max_size=6)


@bounded
def fuzz_config(case) -> None:
    from fazhilint.config import ConfigError, load
    from fazhilint.packs import PackError
    from fazhilint.rules import catalogue

    body = "[tool.fazhilint]\n" + "".join(f"{k} = {v}\n" for k, v in case)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "pyproject.toml")
        path.write_text(body, encoding="utf-8")
        try:
            loaded = load(path).validate()
            loaded.enabled(catalogue())
            loaded.packs_loaded()
        except (ConfigError, PackError):
            return
        from fazhilint.source import Source

        lint_and_fix(Source.from_string("松江镇2023年法治政府建设工作报告\n一、主要举措\n我镇 推进。\n", "f.txt"), loaded)


# A county's pack entry: a pattern built from atoms, each with words it matches (so its bad example
# triggers it); some nest a backtracking repeat in a repeat, which the load check must refuse.
ATOMS = [("甲", "甲"), ("乙", "乙"), ("[甲乙]", "乙"), ("X+", "XX"), (r"\s*", " "), (r"\s*+", "  "), (".{0,9}", "丙"),
         (r"\d{2,4}", "2024"), ("(?:甲|乙)+", "甲乙甲"), ("(?:X+)+", "XXX"), (r"(?:打印\s*)+", "打印 打印"),
         ("(?>X+)+", "XX"), ("(?:X++)+", "X"), ("(?:甲乙?)*", "甲"), ("(?P<x>乙+)", "乙乙"), ("(?=乙)", ""),
         (r"(?<![\d])", ""), ("^", ""), ("$", ""), ("|", "")]
TABLES = st.sampled_from([("placeholder", 'note = "是占位符"'), ("outdated-formulation", 'note = "已过时"'),
                          ("page-furniture", 'note = "网页内容"'), ("term-substitution", 'correct = "丁"'),
                          ("term-substitution", 'correct = ""\nsafe = true'),
                          ("term-substitution", 'correct = "丁\\n丁"\nsafe = true')])
pack_inputs = st.tuples(TABLES, st.lists(st.sampled_from(ATOMS), min_size=1, max_size=6),
                        st.lists(st.sampled_from([a[1] for a in ATOMS] + PIECES) | st.text("甲乙X打印 \n", max_size=8),
                                 max_size=60))


@bounded
def fuzz_pack(case) -> None:
    from fazhilint import packs
    from fazhilint.config import Config
    from fazhilint.packs import PackError

    (table, fields), atoms, pieces = case
    pattern, bad = "".join(a[0] for a in atoms), "".join(a[1] for a in atoms)
    entry = (f"[[{table}]]\nid = \"fuzz\"\nsource = \"fuzz\"\npattern = {json.dumps(pattern, ensure_ascii=False)}\n"
             f"{fields}\nbad = [{json.dumps(bad or '甲', ensure_ascii=False)}]\ngood = [\"无关\"]\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "county.toml")
        path.write_text(entry, encoding="utf-8")
        config = Config(select=("ALL",), packs=(path,))
        try:
            config.packs_loaded()
        except PackError:
            return
        finally:
            packs._load.cache_clear()  # each example's pack is a new file: keep the cache from growing
        text = "松江镇2023年法治政府建设工作报告\n" + "".join(pieces) + bad
        lint_encoded((text.encode("utf-8", "surrogatepass"), text.replace("\n", "\r\n").encode("utf-8", "surrogatepass")),
                     config)


# The command line end to end, in process: a generated report under an odd file name, in every output
# format, with the options that change what is written; only exit codes 0, 1 and 2 (a usage error) are fine.
NAMES = st.sampled_from(["报告.txt", "=HYPERLINK(1).txt", "a\x1b[31mb.txt", "~$报告.txt", "报告.md", "report.html",
                         "x\udcb1\udca8.txt", "-.txt", "  .txt"])
OPTIONS = st.lists(st.sampled_from([("--fix",), ("--unsafe-fixes",), ("--diff",), ("--statistics",),
                                    ("--exit-zero",), ("--select", "FZ2"), ("--ignore", "FZ5"), ("--year", "2024"),
                                    ("--profile", "report"), ("-j", "2")]), max_size=3, unique=True)
cli_inputs = st.tuples(texts, NAMES, st.sampled_from(sorted(__import__("fazhilint.report").report.FORMATS)), OPTIONS,
                       st.booleans())


@bounded
def fuzz_cli(case) -> None:
    import os
    from unittest import mock

    from typer.testing import CliRunner

    from fazhilint import resources
    from fazhilint.cli import app

    text, name, fmt, options, folder = case
    with tempfile.TemporaryDirectory() as tmp:
        inside = os.path.join(tmp, "in")
        os.mkdir(inside)
        path = os.path.join(os.fsencode(inside), os.fsencode(name))
        with open(path, "wb") as f:
            f.write(text.encode("utf-8", "surrogatepass"))
        given = inside if folder else os.fsdecode(path)
        out = os.path.join(tmp, f"out.{fmt}")
        args = ["check", given, "-f", fmt, "-o", out] + [a for option in options for a in option]
        # the result cache in this example's folder: the second run reads what the first kept
        with mock.patch.object(resources, "cache_dir", lambda: Path(tmp, "cache")):
            outputs = []
            for _ in range(1 if ("--fix",) in options or ("--diff",) in options else 2):
                result = CliRunner().invoke(app, args)
                assert result.exit_code in (0, 1, 2), (result.exit_code, result.output[-500:], result.exception)
                if result.exception is not None and not isinstance(result.exception, SystemExit):
                    raise result.exception
                written = Path(out).read_bytes() if os.path.exists(out) and fmt != "xlsx" else b""
                outputs.append((result.exit_code, written))
        assert outputs[-1] == outputs[0], ("a cached result is not what checking gave", *_first_difference(*outputs))


def _first_difference(a, b) -> tuple:
    if a[0] != b[0]:
        return "exit code", a[0], b[0]
    at = next((i for i, (x, y) in enumerate(zip(a[1], b[1])) if x != y), min(len(a[1]), len(b[1])))
    return "output", a[1][max(0, at - 80) : at + 120].decode("utf-8", "replace"), b[1][max(0, at - 80) : at + 120].decode("utf-8", "replace")


KINDS = {"txt": (fuzz_txt, texts), "docx": (fuzz_docx, docx_inputs), "html": (fuzz_html, html_inputs),
         "config": (fuzz_config, configs), "pack": (fuzz_pack, pack_inputs), "cli": (fuzz_cli, cli_inputs)}
