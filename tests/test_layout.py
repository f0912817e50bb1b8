"""Layout of Word documents: the formatting resolver, FZ7xx on the standard and on one-defect variants,
a county's layout pack, and ``fazhilint format``."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

import docx
import pytest
from docx.oxml import parse_xml

from fazhilint import packs
from fazhilint.config import Config
from fazhilint.engine import lint_path
from fazhilint.read import read_path
from fazhilint.read.docx import open_docx, read_lines
from fazhilint.read.docx_format import Formats
from fazhilint.rules.layout import example_problems, profile
from tests.conftest import REPO, SAMPLE
from tests.docx_helpers import W, W_NS, as_word_numbering, build
from tests.layout_helpers import build_layout

STANDARD = """关于2024年度法治政府建设情况的报告
县人民政府：
今年以来，我镇深入推进法治政府建设，现将有关情况报告如下。
一、主要工作
（一）加强组织领导。各村（社区）落实第一责任人职责。
1.健全制度。制定年度工作要点。
二、存在的问题
部分干部法治意识有待提升。
附件：1.2024年度法治建设工作台账
××镇人民政府
2025年1月5日
"""


def variant(old: str, new: str) -> str:
    assert old in STANDARD
    return STANDARD.replace(old, new, 1)


BODY = "部分干部法治意识有待提升。"
# name: (example, the one finding it must give: (paragraph, code))
VARIANTS = {
    "theme-font": (variant(BODY, BODY + "〔主题字体〕"), (8, "FZ703")),
    "level-1-in-fangsong": (variant("二、存在的问题", "二、存在的问题〔仿宋〕"), (7, "FZ705")),
    "run-in-body-in-kaiti": (variant("（一）加强组织领导。各村（社区）落实第一责任人职责。",
                                     "（一）加强组织领导。〔楷体_GB2312 加粗〕各村（社区）落实第一责任人职责。〔楷体_GB2312〕"),
                             (5, "FZ703")),
    "word-margins": (STANDARD + "〔页边距 上25.4 下25.4 左31.8 右31.8〕\n", (1, "FZ701")),
    "xiaosi-body": (variant(BODY, BODY + "〔小四〕"), (8, "FZ703")),
    "page-number-without-dashes": (STANDARD + "〔页脚 {PAGE} 宋体 四号〕\n", (1, "FZ707")),
    "zero-padded-date": (variant("2025年1月5日", "2025年01月05日"), (11, "FZ402")),
    "typed-spaces-on-indent": (variant(BODY, "　　" + BODY), (8, "FZ706")),
    "red-text": (variant(BODY, BODY + "〔红色〕"), (8, "FZ708")),
    "fixed-29pt": (variant("报告如下。", "报告如下。〔固定行距29磅〕"), (3, "FZ702")),  # 21 lines a page
    "date-flush-right": (variant("2025年1月5日", "2025年1月5日〔右空0字〕"), (11, "FZ709")),
    "signature-centred-on-page": (variant("××镇人民政府", "××镇人民政府〔居中〕"), (10, "FZ709")),
    "date-pushed-by-spaces": (variant("2025年1月5日", "\u3000" * 19 + "2025年1月5日〔居左〕"), (11, "FZ709")),
    "attachment-not-aligned": (variant("工作台账\n", "工作台账\n2.2024年度行政执法情况统计表〔缩进0字〕\n"), (10, "FZ706")),
}
LAYOUT = Config(select=("FZ7", "FZ402"))


def findings(path, config=LAYOUT):
    return [(d.line, d.code) for d in lint_path(path, config).diagnostics]


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout")
    out = {"standard": build_layout(folder / "standard.docx", STANDARD)}
    for name, (example, _) in VARIANTS.items():
        out[name] = build_layout(folder / f"{name}.docx", example)
    out["county"] = build_layout(folder / "county.docx", STANDARD.replace(
        "今年以来，我镇深入推进法治政府建设，现将有关情况报告如下。",
        "今年以来，我镇深入推进法治政府建设，现将有关情况报告如下。〔方正仿宋_GBK 固定行距29磅〕"))
    return out


# ---- the resolver ---------------------------------------------------------------------------------

def _doc_with(styles_xml: str = "", run_rpr: str = "", ppr: str = ""):
    document = docx.Document()
    styles = document.styles.element
    for xml in filter(None, [styles_xml]):
        styles.append(parse_xml(xml))
    body = document.element.body
    p = parse_xml(f'<w:p xmlns:w="{W_NS}"><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{run_rpr}</w:rPr><w:t>测试</w:t></w:r></w:p>')
    body.insert(0, p)
    return document, p


def test_run_inherits_defaults_then_style_chain_then_run():
    base = (f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:styleId="Base"><w:name w:val="Base"/>'
            '<w:rPr><w:rFonts w:eastAsia="楷体"/><w:sz w:val="30"/></w:rPr></w:style>')
    document, p = _doc_with(base)
    child = parse_xml(f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:styleId="Child"><w:name w:val="正文文本"/>'
                      '<w:basedOn w:val="Base"/><w:rPr><w:sz w:val="32"/></w:rPr></w:style>')
    document.styles.element.append(child)
    p.find(W + "pPr").append(parse_xml(f'<w:pStyle xmlns:w="{W_NS}" w:val="Child"/>'))
    f = Formats(document)
    r = p.find(W + "r")
    assert (f.run(r, p).east_asia, f.run(r, p).size) == ("楷体", 16)  # font from Base, size from Child
    r.find(W + "rPr").append(parse_xml(f'<w:rFonts xmlns:w="{W_NS}" w:eastAsia="仿宋_GB2312" w:ascii="Times New Roman"/>'))
    f = Formats(document)  # a Formats resolves each run once: the document changed, so a new one
    assert (f.run(r, p).east_asia, f.run(r, p).ascii) == ("仿宋_GB2312", "Times New Roman")
    assert f.paragraph(p).style == "正文文本"


def test_theme_font_and_defaults():
    document, p = _doc_with()
    f = Formats(document)
    run = f.run(p.find(W + "r"), p)
    # python-docx's template: docDefaults say eastAsiaTheme=minorEastAsia, 11 pt; the theme's East Asian
    # minor font for the language its settings name (ja-JP) is ＭＳ 明朝
    assert run.theme and run.size == 11 and run.east_asia == "ＭＳ 明朝"
    document.settings.element.find(W + "themeFontLang").set(W + "eastAsia", "zh-CN")
    assert Formats(document).run(p.find(W + "r"), p).east_asia == "宋体"


def test_indent_in_characters_wins_and_hanging_is_negative():
    document, p = _doc_with(ppr='<w:ind w:firstLine="640" w:firstLineChars="150"/>')
    assert Formats(document).paragraph(p).indent_chars(16) == 1.5
    document, p = _doc_with(ppr='<w:ind w:firstLine="640"/>')
    assert Formats(document).paragraph(p).indent_chars(16) == 2
    document, p = _doc_with(ppr='<w:ind w:left="640" w:hanging="320"/><w:spacing w:line="580" w:lineRule="exact"/><w:jc w:val="center"/>')
    para = Formats(document).paragraph(p)
    assert (para.first_line, para.left, para.line, para.line_rule, para.align) == (-16, 32, 29, "exact", "center")


def test_sections_and_footers(fixtures):
    f = Formats(open_docx(fixtures["standard"]))
    [section] = f.sections()
    assert (round(section.width), round(section.height), round(section.top), round(section.left)) == (210, 297, 37, 28)
    assert section.grid_type == "linesAndChars" and section.line_pitch == 28.95
    assert f.even_and_odd
    odd, even = section.footers["default"], section.footers["even"]
    assert (odd.text, odd.align, even.align) == ("— {PAGE} —", "right", "left")
    assert (odd.number.ascii, odd.number.size) == ("宋体", 14)


def test_simple_page_field():
    document = docx.Document()
    footer = document.sections[0].footer._element
    footer.append(parse_xml(f'<w:p xmlns:w="{W_NS}"><w:pPr><w:jc w:val="center"/></w:pPr>'
                            '<w:r><w:t xml:space="preserve">- </w:t></w:r><w:fldSimple w:instr=" PAGE \\* ROMAN ">'
                            '<w:r><w:t>I</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> -</w:t></w:r></w:p>'))
    section = Formats(document).sections()[0]
    assert section.footers["default"].text == "- {PAGE} -" and section.footers["default"].align == "center"
    assert section.footers["default"].number_format == "ROMAN"


# ---- the rules on Word documents ------------------------------------------------------------------

def test_standard_has_no_finding(fixtures):
    assert findings(fixtures["standard"]) == []


@pytest.mark.parametrize("name", list(VARIANTS))
def test_each_variant_gives_exactly_its_finding(fixtures, name):
    assert findings(fixtures[name]) == [VARIANTS[name][1]]


def test_messages_say_element_actual_expected_and_clause(fixtures):
    [d] = lint_path(fixtures["level-1-in-fangsong"], LAYOUT).diagnostics
    assert d.message == "一级标题“二、存在的问题”为仿宋，应为黑体（GB/T 9704—2012 7.3.3）"  # the issue's own example
    assert d.location == "二、"
    [d] = lint_path(fixtures["run-in-body-in-kaiti"], LAYOUT).diagnostics
    assert d.message.startswith("正文“各村（社区）落实第一责任人职责。”为楷体_GB2312，应为仿宋") and d.column == 11
    [d] = lint_path(fixtures["theme-font"], LAYOUT).diagnostics
    assert "主题字体" in d.message
    [d] = lint_path(fixtures["page-number-without-dashes"], LAYOUT).diagnostics
    assert "写作“1”，应为“— 1 —”" in d.message and "7.5" in d.message


def test_fixed_29pt_spacing_is_a_warning(fixtures):
    [d] = lint_path(fixtures["fixed-29pt"], LAYOUT).diagnostics
    assert d.severity.name == "WARNING" and "每页21行（固定行距29磅），应为22行" in d.message


def test_text_input_has_no_layout():
    result = lint_path(SAMPLE, Config(select=("FZ7",)))
    assert result.diagnostics == []


COUNTY = """[pack]
name = "某县版式"

[[layout]]
id = "font-fangsong"
kind = "font"
name = "仿宋"
aliases = ["仿宋", "仿宋_GB2312", "FangSong", "方正仿宋_GBK"]
source = "某县人民政府办公室公文格式规范（2023）：正文用方正仿宋_GBK"
good = ["方正仿宋_GBK"]
bad = ["宋体"]

[[layout]]
id = "grid"
kind = "grid"
lines = 22
chars = 28
fixed-spacing = [29]
source = "某县人民政府办公室公文格式规范（2023）：固定行距29磅"
good = ["固定行距29磅"]
bad = ["21行×28字"]
"""


def test_county_pack_removes_exactly_those_findings(fixtures, tmp_path):
    pack = tmp_path / "county.toml"
    pack.write_text(COUNTY, encoding="utf-8")
    assert findings(fixtures["county"]) == [(3, "FZ702"), (3, "FZ703")]
    county = Config(select=("FZ7", "FZ402"), packs=(pack,))
    assert findings(fixtures["county"], county) == []
    for name, (_, want) in VARIANTS.items():  # everything else is still found
        if want[1] != "FZ702":
            assert findings(fixtures[name], county) == [want], name


def test_layout_pack_entries_check_their_examples():
    prof = profile(packs.load().entries("layout"))
    for entry in prof.entries:
        for example in entry["good"]:
            assert example_problems(prof, entry, example) == [], (entry.id, example)
        for example in entry["bad"]:
            assert example_problems(prof, entry, example), (entry.id, example)


def test_malformed_layout_entry(tmp_path):
    pack = tmp_path / "bad.toml"
    pack.write_text('[[layout]]\nid = "x"\nkind = "element"\nroles = ["正文"]\nsource = "s"\ngood = ["a"]\nbad = ["b"]\n',
                    encoding="utf-8")
    with pytest.raises(packs.PackError, match="不是段落角色"):
        packs.validate(pack)


# ---- fazhilint format ----------------------------------------------------------------------------

def texts(path) -> list[str]:
    return [line.text for line in read_lines(open_docx(path))]


def run_format(*args):
    return subprocess.run([sys.executable, "-m", "fazhilint", "format", *map(str, args)],
                          cwd=REPO, capture_output=True, text=True)


@pytest.mark.parametrize("name", ["standard", *VARIANTS])
def test_format_gives_a_clean_copy_with_the_same_text(fixtures, tmp_path, name):
    from fazhilint.layout import format_docx

    original = fixtures[name]
    before = hashlib.sha256(original.read_bytes()).hexdigest()
    out = tmp_path / "排版.docx"
    format_docx(original, out, Config())
    assert hashlib.sha256(original.read_bytes()).hexdigest() == before
    old, new = texts(original), texts(out)
    if name in ("typed-spaces-on-indent", "date-pushed-by-spaces"):  # typed spaces became an indent or
        # an alignment: nothing else changed
        old = [t.lstrip("　 ") for t in old]
    assert new == old
    left = [f for f in findings(out) if f[1] != "FZ402"]  # text is never changed, so FZ402 stays
    assert left == []


def test_format_keeps_word_numbering_and_headings(tmp_path):
    lines = [t for t in SAMPLE.read_text(encoding="utf-8").split("\n") if t.strip()]
    items, setup = as_word_numbering(lines)
    draft = build(tmp_path / "草稿.docx", items, setup=setup)
    out = tmp_path / "草稿.排版.docx"
    result = run_format(draft, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "已写入排版副本" in result.stderr
    assert texts(out) == texts(draft)  # numbering labels as rendered, paragraph by paragraph
    assert findings(draft, Config(select=("FZ7",)))  # a plain python-docx draft is far from the standard
    assert findings(out, Config(select=("FZ7",))) == []


def test_format_refuses(tmp_path, fixtures):
    same = run_format(fixtures["standard"], "-o", fixtures["standard"])
    assert same.returncode == 2 and "不能是原文件" in same.stderr
    txt = run_format(SAMPLE, "-o", tmp_path / "x.docx")
    assert txt.returncode == 2 and ".docx" in txt.stderr
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"not a zip")
    bad = run_format(broken, "-o", tmp_path / "y.docx")
    assert bad.returncode == 2 and "无法读取" in bad.stderr and not (tmp_path / "y.docx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_formatted_copy_opens_in_libreoffice(fixtures, tmp_path):
    from fazhilint.layout import format_docx

    out = tmp_path / "copy.docx"
    format_docx(fixtures["word-margins"], out, Config())
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   capture_output=True, timeout=180, check=True,
                   env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin:/usr/local/bin"})
    pdf = tmp_path / "copy.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")


def test_automatic_number_is_judged_in_its_own_format(tmp_path):
    lines = ["关于2024年度法治政府建设情况的报告", "一、主要工作", "今年以来，我镇深入推进法治政府建设。"]
    items, setup = as_word_numbering(lines)
    draft = build(tmp_path / "编号.docx", items, setup=setup)
    laid_out = tmp_path / "编号.排版.docx"
    from fazhilint.layout import format_docx

    format_docx(draft, laid_out, Config())
    document = open_docx(laid_out)
    f = Formats(document)
    heading = read_lines(document)[1]
    assert heading.text == "一、主要工作" and heading.rendered == 2
    assert (f.label(heading.p).east_asia, f.label(heading.p).size) == ("黑体", 16)
    # the label's own level format wins over the paragraph mark: a 仿宋 number is a finding of its own
    for lvl in document.part.numbering_part.element.iter(W + "lvl"):
        lvl.append(parse_xml(f'<w:rPr xmlns:w="{W_NS}"><w:rFonts w:eastAsia="仿宋"/></w:rPr>'))
    document.save(str(laid_out))
    [d] = lint_path(laid_out, LAYOUT).diagnostics
    assert (d.line, d.code, d.column, d.end_column) == (2, "FZ705", 1, 3) and "为仿宋，应为黑体" in d.message


RUN_ON = "（一）强化组织领导统筹协调顾全局一是增强法治思想，深入学习贯彻落实习近平法治思想，全面提升干部法治素养和依法行政能力。"


@pytest.mark.parametrize("example, want", [
    # no 。 within a heading's length: where the heading words end is unknown; only the marker is judged
    (variant(BODY, BODY + "\n" + RUN_ON + "〔楷体_GB2312〕"), []),
    (variant(BODY, BODY + "\n" + RUN_ON + "〔仿宋〕"), [(9, "FZ705")]),
    # … unless the author's fonts say where it ends
    (variant(BODY, BODY + "\n（一）强化组织领导统筹协调顾全局〔楷体_GB2312〕" + RUN_ON[16:] + "〔楷体_GB2312〕"), []),
    (variant(BODY, BODY + "\n（一）强化组织领导统筹协调顾全局〔楷体_GB2312〕" + RUN_ON[16:] + "〔黑体〕"), [(9, "FZ703")]),
])
def test_heading_run_into_its_text_without_its_full_stop(tmp_path, example, want):
    from fazhilint.layout import format_docx

    path = build_layout(tmp_path / "run-on.docx", example)
    assert findings(path) == want
    format_docx(path, tmp_path / "copy.docx", Config())
    assert findings(tmp_path / "copy.docx") == [] and texts(tmp_path / "copy.docx") == texts(path)


def test_the_same_problem_in_many_paragraphs_is_one_finding(tmp_path):
    lines = [f"第{n}项工作稳步推进，成效明显。〔宋体〕" for n in range(1, 5)]
    path = build_layout(tmp_path / "宋体.docx", variant(BODY, "\n".join([BODY] + lines)))
    [d] = lint_path(path, LAYOUT).diagnostics
    assert d.line == 9 and d.code == "FZ703"
    assert d.message.startswith("正文共4段为宋体，应为仿宋（此为第一处“第1项工作稳步推进，成效明显。”")
    two = build_layout(tmp_path / "两段.docx", variant(BODY, "\n".join([BODY] + lines[:2])))
    assert findings(two) == [(9, "FZ703"), (10, "FZ703")]


def test_documents_from_one_template_share_its_styles_but_not_another_templates(tmp_path):
    """Styles parts are parsed once per content for a batch: a document still gets its own styles."""
    from fazhilint.read.docx import opened
    from fazhilint.read.docx_package import SHARED_KEPT

    def saved(name, font):
        document, p = _doc_with(f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:styleId="Child"><w:name w:val="Child"/>'
                                f'<w:rPr><w:rFonts w:eastAsia="{font}"/></w:rPr></w:style>', ppr='<w:pStyle w:val="Child"/>')
        document.save(str(tmp_path / name))
        return read_path(tmp_path / name)

    def font(source):
        handle = opened(source)
        p = handle.lines[0].p
        return handle.formats.run(p.find(W + "r"), p).east_asia

    first, same, other = saved("a.docx", "楷体"), saved("b.docx", "楷体"), saved("c.docx", "黑体")
    assert [font(s) for s in (first, same, other)] == ["楷体", "楷体", "黑体"]
    styles = [opened(s).document.element("/styles") for s in (first, same, other)]
    assert styles[0] is styles[1] and styles[2] is not styles[0]
    for n in range(SHARED_KEPT + 1):  # a few kept, not every one seen
        saved(f"{n}.docx", f"字体{n}")
    assert font(saved("d.docx", "楷体")) == "楷体"
