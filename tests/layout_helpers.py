"""Word documents laid out by GB/T 9704—2012, with any formatting changed where a line says so.

A layout example is lines of text, one paragraph each, as the FZ7xx docstrings write them:

    关于2024年度法治政府建设情况的报告
    一、存在的问题〔仿宋〕
    （一）加强组织领导。〔楷体 三号 加粗〕各村落实责任。〔楷体〕
    〔页边距 上25.4 下25.4 左31.8 右31.8〕

Every paragraph is laid out by the standard for its role (first line: the title, 2号小标宋, centred;
"一、" headings 黑体, "（一）" 楷体, "1."/"（1）" 仿宋, the heading words of a run-in heading only;
a line ending in "：" after the title: the addressee, flush left; "2.××" after "附件：1.××": a further
attachment, its left indent (缩进N字 sets it) aligned with the first (7.3.4); a date or a short last line: the
closing, 右空四字, and a short line right above a date: the signature, centred on the date (7.3.5.1); anything else: body, 3号仿宋, first-line indent 2 characters) on an A4 page with the
standard margins, a 22 × 28 grid and "— 1 —" page numbers, odd right and even left. A 〔…〕 after
some text changes that text's formatting: a font name, a size (三号, 小四, 16磅), 加粗, 红色,
主题字体 (the East Asian theme font), and for the paragraph 标题 (a further line of the title), 居中/居左/居右, 缩进N字, 右空N字 (a right
indent, on a closing line), 固定行距N磅.
A line that is only 〔页边距 上 下 左 右〕 (mm) or 〔页脚 文字 字体 字号〕 ({PAGE}: the page field)
changes the page. A ↵ in the text is a line break (w:br) within the paragraph.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from docx.oxml import parse_xml

from fazhilint.layout import page_number_runs
from fazhilint.rules.layout import signature_gap, width_chars
from tests.docx_helpers import W, W_NS

SIZES = {"二号": 22, "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9}
FANGSONG, HEITI, KAITI, XBS, SONG = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"
_SPEC = re.compile(r"〔([^〕]*)〕")
_H = [(re.compile(r"^[一二三四五六七八九十]+、"), HEITI), (re.compile(r"^（[一二三四五六七八九十]+）"), KAITI),
      (re.compile(r"^\d+[.．]"), FANGSONG), (re.compile(r"^（\d+）"), FANGSONG)]
_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$|^20\d\d年0\d月0\d日$")
MM = 1440 / 25.4


def parse_spec(spec: str) -> dict:
    out: dict = {}
    for word in spec.split():
        if word in SIZES or re.fullmatch(r"[\d.]+磅", word):
            out["size"] = SIZES.get(word) or float(word[:-1])
        elif word == "加粗":
            out["bold"] = True
        elif word == "红色":
            out["color"] = "FF0000"
        elif word == "标题":
            out["title"] = True
        elif word == "主题字体":
            out["theme"] = True
        elif word in ("居中", "居左", "居右"):
            out["align"] = {"居中": "center", "居左": "left", "居右": "right"}[word]
        elif m := re.fullmatch(r"缩进(-?[\d.]+)字", word):
            out["indent"] = float(m.group(1))
        elif m := re.fullmatch(r"右空(-?[\d.]+)字", word):
            out["right"] = float(m.group(1))
        elif m := re.fullmatch(r"固定行距([\d.]+)磅", word):
            out["exact"] = float(m.group(1))
        else:
            out["font"] = word
    return out


def _run_xml(text: str, font: str, size: float, bold=False, color=None, theme=False) -> str:
    fonts = ('<w:rFonts w:eastAsiaTheme="minorEastAsia"/>' if theme
             else f'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{font}"/>')
    extra = ("<w:b/>" if bold else "") + (f'<w:color w:val="{color}"/>' if color else "")
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace("↵", '</w:t><w:br/><w:t xml:space="preserve">')
    return (f'<w:r xmlns:w="{W_NS}"><w:rPr>{fonts}{extra}<w:sz w:val="{int(size * 2)}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escaped}</w:t></w:r>')


def _footer(footer, text: str, font: str, size: float, align: str) -> None:
    el = footer._element
    for p in list(el):
        el.remove(p)
    el.append(parse_xml(f'<w:p xmlns:w="{W_NS}"><w:pPr><w:jc w:val="{align}"/></w:pPr>{page_number_runs(text, font, size)}</w:p>'))


def build_layout(path: Path, example: str) -> Path:
    """Write a .docx laid out by the standard, with the example's 〔…〕 changes."""
    import docx
    from docx.enum.section import WD_SECTION  # noqa: F401  (python-docx loaded)

    document = docx.Document()
    normal = document.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    rpr.append(parse_xml(f'<w:rFonts xmlns:w="{W_NS}" w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{FANGSONG}"/>'))
    rpr.append(parse_xml(f'<w:sz xmlns:w="{W_NS}" w:val="32"/>'))
    normal.element.get_or_add_pPr().append(
        parse_xml(f'<w:spacing xmlns:w="{W_NS}" w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'))
    section = document.sections[0]
    margins = {"上": 37, "下": 35, "左": 28, "右": 26}
    footer = ("— {PAGE} —", SONG, 14)
    lines = [line for line in example.strip("\n").split("\n") if line.strip()]
    paragraphs = []
    for line in lines:
        whole = _SPEC.fullmatch(line.strip())
        if whole and whole.group(1).startswith("页边距"):
            margins.update({w[0]: float(w[1:]) for w in whole.group(1).split()[1:]})
        elif whole and whole.group(1).startswith("页脚"):
            words = whole.group(1).split()
            footer = (" ".join(words[1:-2]), words[-2], SIZES.get(words[-1]) or float(words[-1].rstrip("磅")))
        else:
            paragraphs.append(line)
    section.page_width, section.page_height = 11906 * 635, 16838 * 635  # twips → EMU
    section.top_margin, section.bottom_margin = round(margins["上"] * MM) * 635, round(margins["下"] * MM) * 635
    section.left_margin, section.right_margin = round(margins["左"] * MM) * 635, round(margins["右"] * MM) * 635
    sect = section._sectPr
    for old in sect.findall(W + "docGrid"):
        sect.remove(old)
    sect.append(parse_xml(f'<w:docGrid xmlns:w="{W_NS}" w:type="linesAndChars" w:linePitch="579" w:charSpace="-849"/>'))
    document.settings.odd_and_even_pages_header_footer = True
    _footer(section.footer, footer[0], footer[1], footer[2], "right")
    _footer(section.even_page_footer, footer[0], footer[1], footer[2], "left")

    body = document.element.body
    role_of: dict[int, str] = {}
    for number, line in enumerate(paragraphs):
        pieces = _SPEC.split(line)  # text, spec, text, spec, …, text
        text = "".join(pieces[0::2])
        specs = []  # (start, end, spec) over text
        pos = 0
        for i in range(0, len(pieces), 2):
            spec = parse_spec(pieces[i + 1]) if i + 1 < len(pieces) else {}
            specs.append((pos, pos + len(pieces[i]), spec))
            pos += len(pieces[i])
        para_spec = {k: v for _, _, s in specs for k, v in s.items() if k in ("align", "indent", "exact", "right", "title")}
        role, head_font, split = "body", None, 0
        heading = next(((rx, font) for rx, font in _H if rx.match(text)), None)
        if number == 0 or para_spec.get("title"):
            role = "title"
        elif re.match(r"^\d+[.．、]", text) and number and re.match(r"^(附件：|\d+[.．、])", paragraphs[number - 1]) \
                and (paragraphs[number - 1].startswith("附件") or role_of.get(number - 1) == "attachment"):
            role = "attachment"  # a further attachment of the note: aligned with the first one (7.3.4)
        elif heading:
            role, head_font = "heading", heading[1]
            i = text.find("。")
            split = i + 1 if 0 <= i < len(text) - 1 else len(text)
        elif _DATE.match(text) or number == len(paragraphs) - 1 and len(text) <= 15 and "。" not in text:
            role = "closing"
        elif number + 1 < len(paragraphs) and _DATE.match(_SPEC.sub("", paragraphs[number + 1])) \
                and len(text) <= 20 and "。" not in text:
            role = "signature"
        elif number == 1 and text.endswith("："):
            role = "addressee"
        role_of[number] = role
        cuts = sorted({0, len(text), split} | {s for s, _, _ in specs} | {e for _, e, _ in specs})
        runs = []
        for a, b in zip(cuts, cuts[1:]):
            if a == b:
                continue
            font, size = (XBS, 22) if role == "title" else (head_font, 16) if role == "heading" and a < split else (FANGSONG, 16)
            spec = next((s for s0, e0, s in specs if s0 <= a < e0), {})
            runs.append(_run_xml(text[a:b], spec.get("font", font), spec.get("size", size), spec.get("bold", False),
                                 spec.get("color"), spec.get("theme", False)))
        align = para_spec.get("align", {"title": "center", "closing": "right"}.get(role, "both"))
        indent = para_spec.get("indent", 0 if role in ("title", "addressee", "closing") else 2)
        ppr = f'<w:jc w:val="{align}"/><w:ind w:firstLineChars="{int(indent * 100)}" w:firstLine="{int(indent * 320)}"/>'
        if role in ("closing", "signature"):  # 7.3.5.1: the date 右空四字, the signature centred on it
            following = _SPEC.sub("", paragraphs[number + 1]) if role == "signature" else text
            right = para_spec.get("right", signature_gap(4, width_chars(following), width_chars(text))
                                  if role == "signature" else 4)
            ppr = (f'<w:jc w:val="{para_spec["align"]}"/>' if "align" in para_spec else
                   f'<w:jc w:val="right"/><w:ind w:rightChars="{int(right * 100)}" w:right="{int(right * 320)}"/>')
        if role == "attachment":
            left = para_spec.get("indent", 2 + width_chars("附件："))
            ppr = f'<w:jc w:val="both"/><w:ind w:leftChars="{int(left * 100)}" w:left="{int(left * 320)}"/>'
        if "exact" in para_spec:
            ppr = f'<w:spacing w:line="{int(para_spec["exact"] * 20)}" w:lineRule="exact"/>' + ppr
        body.insert(len(body) - 1, parse_xml(f'<w:p xmlns:w="{W_NS}"><w:pPr>{ppr}</w:pPr>{"".join(runs)}</w:p>'))
    document.save(str(path))
    return path


def lint_layout(example: str, *select: str, packs: tuple = ()):
    """Build the example as a .docx and lint it with the given rules."""
    from fazhilint.config import Config
    from fazhilint.engine import lint_path

    with tempfile.TemporaryDirectory() as tmp:
        path = build_layout(Path(tmp) / "例.docx", example)
        return lint_path(path, Config(select=select or ("ALL",), packs=tuple(packs))).diagnostics
