"""Word input: numbering rendered as Word shows it, tracked changes, tables, and the seed as .docx."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml import parse_xml

from fazhilint.config import Config
from fazhilint.engine import lint_path
from fazhilint.read import read_path
from fazhilint.read.docx_numbering import format_number
from fazhilint.source import UnreadableInput
from tests.conftest import SAMPLE, SEED, needs_corpus
from fazhilint.numerals import to_chinese
from tests.docx_helpers import W_NS, add_list, as_word_numbering, build, set_numbering

# Word drafts built with python-docx are far from GB/T 9704 layout: these tests are about the text.
ALL = Config(select=("ALL",), ignore=("FZ7",))
H2 = re.compile(r"^\([一二三四五六七八九十]+\)")
H1_LINES = (9, 25, 33, 41)  # the seed's four level-1 headings, all defective
CHINESE = (("chineseCounting", "%1、"),)
CHINESE_PAREN = (("chineseCounting", "（%1）"),)


def seed_paragraphs() -> list[tuple[int, str]]:
    """(line in the .txt, text) of every non-blank line of the seed: one .docx paragraph each."""
    return [(n, t) for n, t in enumerate(read_path(SEED).text.split("\n"), 1) if t.strip()]


def by_paragraph(result, paragraph_of=None) -> list[tuple]:
    """(paragraph, code, column, message) of each finding; line numbers quoted in messages
    ("与第 3 行完全相同") are mapped to paragraphs ("与第 2 段完全相同") too."""
    where = paragraph_of or {}

    def message(m):
        return re.sub(r"第 (\d+) [行段]", lambda x: f"第 {where.get(int(x.group(1)), x.group(1))} 段", m)

    return sorted((where.get(d.line, d.line), d.code, d.column, message(d.message)) for d in result.diagnostics)


# ---- the numbering renderer ------------------------------------------------------------------

@pytest.mark.parametrize("fmt, values", [
    ("chineseCounting", "一 二 十 十一 二十"), ("chineseCountingThousand", "一 二 十 十一 二十"),
    ("japaneseCounting", "一 二 十 十一 二十"), ("ideographTraditional", "甲 乙 癸 11 20"),
    ("decimal", "1 2 10 11 20"), ("decimalEnclosedCircle", "① ② ⑩ ⑪ ⑳"), ("upperRoman", "I II X XI XX"),
    ("lowerLetter", "a b j k t"), ("chineseLegalSimplified", "壹 贰 拾 拾壹 贰拾"), ("decimalFullWidth", "１ ２ １０ １１ ２０"),
])
def test_number_formats(fmt, values):
    assert " ".join(format_number(n, fmt) for n in (1, 2, 10, 11, 20)) == values


def test_levels_restart_and_lvltext_fills_every_level(tmp_path):
    levels = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%1.%2.%3"))
    path = build(tmp_path / "n.docx", [(90, 0, "甲"), (90, 1, "子"), (90, 1, "丑"), (90, 2, "细"), (90, 0, "乙"),
                                       (90, 1, "寅")], setup=lambda d: add_list(d, levels))
    # Each %k takes its own level's format, as in Word (isLgl would make them all decimal).
    assert read_path(path).text.split("\n") == ["一、甲", "（一）子", "（二）丑", "一.二.1细", "二、乙", "（一）寅"]


def test_start_override_numid_zero_and_a_second_list(tmp_path):
    def setup(d):
        add_list(d, CHINESE, 90)
        add_list(d, CHINESE_PAREN, 91, {91: {}, 92: {0: 1}, 93: {0: 4}})

    path = build(tmp_path / "n.docx", [
        (90, 0, "甲"), (91, 0, "子"), (91, 0, "丑"), (0, None, "无号"), (90, 0, "乙"), (92, 0, "寅"), (93, 0, "卯"),
    ], setup=setup)
    source = read_path(path)
    assert source.text.split("\n") == ["一、甲", "（一）子", "（二）丑", "无号", "二、乙", "（一）寅", "（四）卯"]
    assert [source.text[s:e] for s, e in source.rendered] == ["一、", "（一）", "（二）", "二、", "（一）", "（四）"]


def test_numbering_through_styles_and_based_on(tmp_path):
    def setup(d):
        add_list(d, (("chineseCounting", "%1、"), ("chineseCounting", "（%2）")))
        h1, h2 = d.styles["Heading 1"], d.styles["Heading 2"]
        for style, level in ((h1, 0), (h2, 1)):
            ppr = style.element.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
        mine = d.styles.add_style("我的二级标题", 1)
        mine.base_style = h2  # numbering inherited through basedOn

    def add(d):
        setup(d)
        d.add_paragraph("主要举措", style="Heading 1")
        d.add_paragraph("加强领导", style="Heading 2")
        d.add_paragraph("完善制度", style="我的二级标题")
        set_numbering(d.add_paragraph("存在问题", style="Heading 1"), 0)  # numbering removed
        d.add_paragraph("下一步安排", style="Heading 1")

    path = build(tmp_path / "s.docx", [], setup=add)
    assert read_path(path).text.split("\n") == ["一、主要举措", "（一）加强领导", "（二）完善制度", "存在问题", "二、下一步安排"]


# ---- what is read and what is not -------------------------------------------------------------

def test_tracked_changes_soft_breaks_tables_and_what_is_left_out(tmp_path):
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "页眉文字"
    d.sections[0].footer.paragraphs[0].text = "第 1 页"
    p = d.add_paragraph("全面")
    p._p.append(parse_xml(f'<w:ins xmlns:w="{W_NS}" w:id="1" w:author="a"><w:r><w:t>推进</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del xmlns:w="{W_NS}" w:id="2" w:author="a"><w:r><w:delText>删掉</w:delText></w:r></w:del>'))
    p.add_run("依法").add_break()
    p.add_run("行政")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "单元格甲"
    table.cell(0, 1).text = "单元格乙"
    d.add_paragraph("一、标题")
    path = tmp_path / "t.docx"
    d.save(str(path))
    source = read_path(path)
    assert source.text.split("\n") == ["全面推进依法 行政", "单元格甲", "单元格乙", "一、标题"]
    assert source.kind == "docx"
    assert source.line_labels == {1: "第1段", 2: "表1 第1行第1列", 3: "表1 第1行第2列", 4: "第4段"}
    assert source.soft_breaks == [6]  # the space that stands for the line break


def test_a_word_line_break_is_not_a_stray_space(tmp_path):
    """Shift+Enter inside a paragraph reads as a space the clerk never sees: no FZ207 there;
    a typed space in the same place still is one."""
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("松江镇持续加强法治宣传教育").add_break()
    p.add_run("推进依法行政。")
    d.add_paragraph("松江镇持续加强法治宣传教育 推进依法行政。")
    path = tmp_path / "breaks.docx"
    d.save(str(path))
    found = [(x.line, x.code) for x in lint_path(path, Config(select=("FZ207",))).diagnostics]
    assert found == [(2, "FZ207")]


def test_a_deleted_numbered_paragraph_takes_no_number(tmp_path):
    def setup(d):
        add_list(d, CHINESE)
        set_numbering(d.add_paragraph("主要举措"), 90)
        gone = d.add_paragraph()
        set_numbering(gone, 90)
        gone._p.get_or_add_pPr().append(parse_xml(
            f'<w:rPr xmlns:w="{W_NS}"><w:del w:id="7" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr>'))
        gone._p.append(parse_xml(f'<w:del xmlns:w="{W_NS}" w:id="8" w:author="a"><w:r><w:delText>删去的标题</w:delText></w:r></w:del>'))

    path = build(tmp_path / "del.docx", [(90, 0, "存在问题")], setup=setup)
    assert read_path(path).text.split("\n") == ["一、主要举措", "", "二、存在问题"]


def test_table_findings_are_located_in_the_cell(tmp_path):
    d = docx.Document()
    d.add_paragraph("一、主要举措")
    d.add_table(rows=1, cols=1).cell(0, 0).text = "（一）甲"
    d.add_paragraph("（三）乙")
    path = tmp_path / "t.docx"
    d.save(str(path))
    found = lint_path(path, ALL).diagnostics
    assert [(x.line, x.code, x.location) for x in found] == [(3, "FZ101", "一、 > （三）")]
    d.add_table(rows=1, cols=1).cell(0, 0).text = "（三）丙"
    d.save(str(path))
    cell = [x for x in lint_path(path, ALL).diagnostics if x.line == 4]
    assert cell and cell[0].location == "一、 > （三） > 表2 第1行第1列"


# ---- bad inputs -------------------------------------------------------------------------------

def _zip_without_document(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")


def _zip_with_broken_document(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document")


@pytest.mark.parametrize("make, reason", [
    (lambda p: p.write_bytes("一、这是纯文本\n".encode()), "不是 Word 文档"),
    (_zip_without_document, "没有 word/document.xml"),
    (lambda p: p.write_bytes(b""), "文件为空"),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64)), "PNG 图片"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(64)), "另存为”.docx"),
    (lambda p: p.write_bytes(b"PK\x03\x04garbage"), "不完整或已损坏"),
    (lambda p: _zip_with_broken_document(p), "无法打开此 Word 文档"),
])
def test_corrupt_docx_is_one_clear_fz001(tmp_path, make, reason):
    path = tmp_path / "坏.docx"
    make(path)
    before = path.read_bytes()
    with pytest.raises(UnreadableInput, match=reason):
        read_path(path)
    result = lint_path(path, ALL)
    assert [d.code for d in result.diagnostics] == ["FZ001"]
    assert path.read_bytes() == before


# ---- acceptance: the seed as Word documents ---------------------------------------------------

@needs_corpus
def test_seed_with_literal_headings_gives_the_txt_findings(tmp_path):
    paragraphs = seed_paragraphs()
    path = build(tmp_path / "seed.docx", [t for _, t in paragraphs])
    result = lint_path(path, ALL)
    paragraph_of = {line: i for i, (line, _) in enumerate(paragraphs, 1)}
    assert by_paragraph(result) == by_paragraph(lint_path(SEED, ALL), paragraph_of)
    assert any(d.code == "FZ102" for d in result.diagnostics)
    assert all(d.location for d in result.diagnostics)


def _corrected(paragraphs) -> list[str]:
    """The seed with every heading correctly numbered, then the last level-1 heading's numbering removed."""
    out, h1, h2 = [], 0, 0
    for line, text in paragraphs:
        broken_h2 = H2.match(text) or re.match(r"^(\(\)|\))", text)
        if line in H1_LINES:
            h1, h2 = h1 + 1, 0
            title = text.lstrip("、")
            out.append(title if line == H1_LINES[-1] else f"{to_chinese(h1)}、{title}")
        elif broken_h2:
            h2 += 1
            out.append(f"（{to_chinese(h2)}）{text[broken_h2.end():]}")
        else:
            out.append(text)
    return out


@needs_corpus
@pytest.mark.parametrize("recreate_defects", [True, False])
def test_seed_with_automatic_numbering(tmp_path, recreate_defects):
    """Level-1 and level-2 headings as Word numbering ("%1、", "（%1）"). recreate_defects: the seed's
    broken headings are paragraphs whose numbering was removed, the typed remains kept; otherwise
    every heading is numbered and only the last level-1 heading has lost its numbering."""
    paragraphs = seed_paragraphs()
    lines = [t for _, t in paragraphs] if recreate_defects else _corrected(paragraphs)
    items, setup = as_word_numbering(lines)
    path = build(tmp_path / "auto.docx", items, setup=setup)
    source = read_path(path)
    assert len(source.rendered) >= 12, "automatic numbering must be rendered"
    twin = tmp_path / "as-word-shows-it.txt"
    twin.write_text(source.text, encoding="utf-8")
    docx_findings = by_paragraph(lint_path(path, ALL))
    assert [(p, c) for p, c, *_ in docx_findings] == [(p, c) for p, c, *_ in by_paragraph(lint_path(twin, ALL))]
    fz1 = [(p, c) for p, c, *_ in docx_findings if c.startswith("FZ1")]
    paragraph_of = {line: i for i, (line, _) in enumerate(paragraphs, 1)}
    if recreate_defects:  # the same defects as the published .txt, on the same paragraphs
        seed = by_paragraph(lint_path(SEED, Config(select=("FZ1",))), paragraph_of)
        assert fz1 == [(p, c) for p, c, *_ in seed]
    else:  # only the heading whose numbering was removed
        last = paragraph_of[H1_LINES[-1]]
        assert fz1 == [(paragraph_of[5], "FZ107"), (last, "FZ105")]
        assert "“四、”" in next(m for p, c, _, m in docx_findings if c == "FZ105")


@needs_corpus
def test_gb18030_seed_gives_the_same_findings(tmp_path):
    copy = tmp_path / "seed-gb18030.txt"
    copy.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    assert read_path(copy).encoding == "gb18030"
    assert by_paragraph(lint_path(copy, ALL)) == by_paragraph(lint_path(SEED, ALL))


def test_multi_file_run_goes_on_past_corrupt_files(tmp_path):
    from typer.testing import CliRunner

    from fazhilint.cli import app

    (tmp_path / "a-not-zip.docx").write_bytes("纯文本".encode())
    _zip_without_document(tmp_path / "b-no-document.docx")
    (tmp_path / "c-empty.docx").write_bytes(b"")
    (tmp_path / "d-image.docx").write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    bad_only = CliRunner().invoke(app, ["check", "--ignore", "FZ7", str(tmp_path), "-f", "concise"])
    assert bad_only.exit_code == 2  # nothing at all could be read
    assert bad_only.stdout.count("FZ001") == 4
    build(tmp_path / "e-good.docx", ["一、主要举措", "、存在的问题"])
    r = CliRunner().invoke(app, ["check", "--ignore", "FZ7", str(tmp_path), "-f", "concise"])
    assert r.exit_code == 1
    assert r.stdout.count("FZ001") == 4 and "e-good.docx:2:1: FZ102" in r.stdout


# ---- other office formats ---------------------------------------------------------------------

def test_old_formats_say_save_as_docx_without_libreoffice(tmp_path, monkeypatch):
    from fazhilint.read import convert

    monkeypatch.setattr(convert, "soffice", lambda: None)
    for suffix in (".doc", ".wps"):
        path = tmp_path / f"r{suffix}"
        path.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(512))
        with pytest.raises(UnreadableInput, match="另存为 .docx"):
            read_path(path)
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(UnreadableInput, match="PDF"):
        read_path(pdf)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
def test_doc_and_odt_are_converted_with_libreoffice(tmp_path):
    original = build(tmp_path / "r.docx", [(90, 0, "主要举措"), (90, 1, "加强领导"), "（三）完善制度"],
                     setup=lambda d: add_list(d, (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"))))
    for fmt in ("doc", "odt"):
        subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                        "--convert-to", fmt, "--outdir", str(tmp_path), str(original)], capture_output=True, timeout=180)
        converted = tmp_path / f"r.{fmt}"
        result = lint_path(converted, ALL)
        assert result.source.text.split("\n") == ["一、主要举措", "（一）加强领导", "（三）完善制度"], fmt
        assert [(d.line, d.code) for d in result.diagnostics] == [(3, "FZ101")]
        assert result.path == str(converted)


def test_sample_docx_is_the_sample_txt_with_word_numbering():
    """examples/sample-report.docx is made by `python -m tests.docx_helpers examples/sample-report.txt
    examples/sample-report.docx`; it must keep reading as the .txt does."""
    txt = [t for t in read_path(SAMPLE).text.split("\n") if t.strip()]
    source = read_path(SAMPLE.with_suffix(".docx"))
    assert source.text.split("\n") == txt and len(source.rendered) >= 8
    paragraph_of = {line: i for i, line in enumerate((n for n, t in enumerate(read_path(SAMPLE).text.split("\n"), 1) if t.strip()), 1)}
    assert by_paragraph(lint_path(SAMPLE.with_suffix(".docx"), ALL)) == by_paragraph(lint_path(SAMPLE, ALL), paragraph_of)


def test_table_of_contents_and_hidden_text_are_not_read(tmp_path):
    d = docx.Document()
    d.add_paragraph("一、主要举措", style=d.styles.add_style("TOC 1", 1))  # a TOC entry repeats a heading
    p = d.add_paragraph("一、主要举措")
    p.add_run("（隐藏）").font.hidden = True
    d.add_paragraph("（一）加强领导")
    path = tmp_path / "toc.docx"
    d.save(str(path))
    source = read_path(path)
    assert source.text.split("\n") == ["", "一、主要举措", "（一）加强领导"]
    assert lint_path(path, ALL).diagnostics == []


def test_json_for_docx_has_paragraph_lines_and_locations(tmp_path):
    import json

    from typer.testing import CliRunner

    from fazhilint.cli import app

    path = build(tmp_path / "r.docx", [(90, 0, "主要举措"), (90, 1, "加强领导"), "正文一段。", "（三）完善制度"],
                 setup=lambda d: add_list(d, (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"))))
    r = CliRunner().invoke(app, ["check", "--ignore", "FZ7", str(path), "-f", "json", "--select", "FZ101"])
    items = json.loads(r.stdout)
    assert [(i["line"], i["column"], i["code"], i["location"]) for i in items] == [(4, 1, "FZ101", "一、 > （三）")]
    assert r.exit_code == 1


def test_custom_number_formats_follow_their_example():
    from lxml import etree

    from fazhilint.read.docx_numbering import Level

    def level(fmt_xml):
        return Level.parse(etree.fromstring(
            f'<w:lvl xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            f'w:ilvl="0"><w:start w:val="1"/>{fmt_xml}<w:lvlText w:val="%1."/></w:lvl>'))

    assert level('<w:numFmt w:val="custom" w:format="001, 002, 003, ..."/>').fmt == "zero3"
    assert format_number(7, "zero3") == "007"
    assert level('<w:numFmt w:val="custom" w:format="一, 二, 三, ..."/>').fmt == "chineseCounting"
    wrapped = ('<mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="01, 02, 03, ..."/>'
               '</mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>')
    assert level(wrapped).fmt == "zero2"


def test_num_style_link_and_override_levels():
    from lxml import etree

    from fazhilint.read.docx_numbering import Numbering

    ns = f'xmlns:w="{W_NS}"'
    numbering = etree.fromstring(f"""<w:numbering {ns}>
      <w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ReportList"/></w:abstractNum>
      <w:abstractNum w:abstractNumId="2"><w:styleLink w:val="ReportList"/>
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="6"><w:abstractNumId w:val="2"/></w:num>
      <w:num w:numId="7"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="第%1条"/></w:lvl></w:lvlOverride></w:num>
    </w:numbering>""")
    styles = etree.fromstring(f"""<w:styles {ns}><w:style w:type="numbering" w:styleId="ReportList">
      <w:pPr><w:numPr><w:numId w:val="6"/></w:numPr></w:pPr></w:style></w:styles>""")

    def p(num_id):
        return etree.fromstring(f'<w:p {ns}><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:p>')

    renderer = Numbering(numbering, styles)
    assert [renderer.label(p(n)) for n in (5, 5, 7)] == ["一、", "二、", "第3条"]


def test_full_format_offers_word_fixes_as_suggestions_only():
    from typer.testing import CliRunner

    from fazhilint.cli import app

    r = CliRunner().invoke(app, ["check", "--ignore", "FZ7", str(SAMPLE.with_suffix(".docx")), "-f", "full"])
    assert "建议修改：“（）”→“（三）”" in r.stdout
    assert "--unsafe-fixes" not in r.stdout and "--fix" not in r.stdout


def test_only_the_parts_read_are_parsed_and_a_template_is_refused(tmp_path):
    """A malformed part that checking does not read (stylesWithEffects.xml) does not matter; a .dotm/.dotx main part
    renamed .docx is refused as python-docx refuses it."""
    good = build(tmp_path / "好.docx", ["一、主要工作", "今年以来，我镇深入推进法治政府建设。"])
    with zipfile.ZipFile(good) as z:
        files = {name: z.read(name) for name in z.namelist()}
    with zipfile.ZipFile(tmp_path / "坏页眉.docx", "w") as z:
        for name, data in files.items():
            z.writestr(name, b"<w:hdr" if name == "word/stylesWithEffects.xml" else data)
    assert read_path(tmp_path / "坏页眉.docx").text == read_path(good).text
    template = files["[Content_Types].xml"].replace(b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")
    with zipfile.ZipFile(tmp_path / "模板.docx", "w") as z:
        for name, data in files.items():
            z.writestr(name, template if name == "[Content_Types].xml" else data)
    with pytest.raises(UnreadableInput, match="无法打开此 Word 文档（正文部件的类型是"):
        read_path(tmp_path / "模板.docx")
