"""``fazhilint format``: a copy of a Word document laid out by the layout profile.

What it sets: page size and margins, the line and character grid, the font and size of
every checked paragraph by its role (heading words of a run-in heading in the heading's
font, the rest in the body's), alignment of title and addressee, first-line indents, further
attachments of the 附件说明 aligned with the first (7.3.4), the 成文日期 右空四字 with the
signature centred on it (7.3.5.1),
black text, and page-number footers ("— 1 —", odd pages right, even pages left).
What it never does: change a character of the text. The one exception is whitespace
typed at the start of a paragraph to imitate an indent: it becomes the indent it imitated.
The original is never written; the copy is written in one step.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass
from pathlib import Path

from fazhilint.read.docx_numbering import W

_LEADING = re.compile(r"^[ \u3000\u00a0\t]+")


class FormatError(Exception):
    """Why a copy could not be written (shown to the user)."""


@dataclass
class Formatted:
    paragraphs: int  # paragraphs laid out
    spaces_removed: int  # paragraphs whose typed leading spaces became an indent


def format_docx(path: Path, out: Path, config) -> Formatted:
    from fazhilint.fix import write_atomic
    from fazhilint.parse import parse
    from fazhilint.read import read_path
    from fazhilint.read.docx import editable
    from fazhilint.rules.layout import items, note_prefix, profile

    if path.suffix.lower() != ".docx":
        raise FormatError("只能为 .docx 文件排版")
    source = read_path(path)  # UnreadableInput says why not
    document = editable(source).document
    packs = config.packs_loaded()
    doc = parse(source, packs, config.profile)
    prof = profile(packs.entries("layout"))
    _page(document, prof)
    count = removed = 0
    note = None  # the width of the “附件：” further attachments align after (7.3.4)
    for item in items(doc):
        if item.role == "attachment-note" and not item.indented:
            removed += _aligned(prof, item, note) if note is not None else 0
        else:
            note = note_prefix(item.text) if item.role == "attachment-note" else None
        removed += _paragraph(document, prof, item)
        count += 1
    removed += _closing(doc, prof)
    _footers(document, prof)
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomic(out, buffer.getvalue())
    return Formatted(count, removed)


# ---- page ------------------------------------------------------------------------------------------

def _page(document, prof) -> None:
    from docx.shared import Mm

    page, grid = prof.one("page"), prof.one("grid")
    for section in document.sections:
        sect = section._sectPr
        if page is not None:
            (pw, ph), (tw, th) = page["paper"], page["text"]
            section.page_width, section.page_height = Mm(pw), Mm(ph)
            section.top_margin, section.left_margin = Mm(page["top"]), Mm(page["left"])
            section.bottom_margin, section.right_margin = Mm(ph - page["top"] - th), Mm(pw - page["left"] - tw)
            section.gutter = 0
        titlepg = sect.find(W + "titlePg")
        if titlepg is not None:
            sect.remove(titlepg)  # page numbers from the first page on
        if grid is not None:
            from fazhilint.rules.layout import text_area

            height = text_area(prof)[1]
            pitch = int(height / grid["lines"] * 20)  # twips, rounded down: the lines fit
            for old in sect.findall(W + "docGrid"):
                sect.remove(old)
            # A line grid only: characters are fitted by condensing them (see _run), which Word and
            # LibreOffice both honour; LibreOffice puts a 3号 character in two cells of a 28-per-line grid.
            sect.append(_el("docGrid", type="lines", linePitch=str(pitch)))


# ---- paragraphs ----------------------------------------------------------------------------------

def _paragraph(document, prof, item) -> int:
    """Lay out one paragraph; 1 if typed leading spaces were turned into its indent."""
    p = item.line.p
    entry = prof.element(item.role, item.level)
    body = prof.element("body")
    if entry is None:
        return 0
    removed = 0
    ppr = p.get_or_add_pPr()
    size = entry.get("size") or 16
    if entry.get("indent") is not None and item.indented:
        typed = _LEADING.match(item.text) if not item.line.rendered else None
        if typed:
            _delete_leading(item, typed.end())
            removed = 1
        _set(ppr, "ind", firstLineChars=str(int(entry["indent"] * 100)), firstLine=str(int(entry["indent"] * size * 20)),
             left="0", leftChars="0", hanging=None, hangingChars=None)
    if entry.get("align"):
        _set(ppr, "jc", val={"left": "left", "center": "center"}.get(entry["align"], entry["align"]))
        if entry["align"] == "center":
            _set(ppr, "ind", firstLineChars="0", firstLine="0", left="0", leftChars="0", hanging=None, hangingChars=None)
    _spacing(ppr, prof)
    split, known = item._split()  # before any run is split
    if 0 < split < len(item.text):
        _split_at(item, split)
    condense = _condense(prof) if item.role != "title" else None
    _run(p, prof, entry, condense, mark=True)  # the paragraph mark: what Word's automatic numbering is drawn in
    for start, end, r in _runs(item):
        if item.role == "heading" and start >= split and not known:
            continue  # a run-on heading: where its words end is the author's to say (FZ208)
        use = entry if item.role != "heading" or start < split else (body or entry)
        _run(r, prof, use, condense)
    return removed


def _aligned(prof, item, note: float) -> int:
    """Align a further attachment of the note (“2.××××”) with the first one: a left indent of the
    note's indent and “附件：”; typed spaces imitating it become the indent. 1 if spaces were removed."""
    entry = prof.element("attachment-note")
    if entry is None or entry.get("indent") is None:
        return 0
    typed = _LEADING.match(item.text) if not item.line.rendered else None
    if typed:
        _delete_leading(item, typed.end())
    left, size = entry["indent"] + note, entry.get("size") or 16
    _set(item.line.p.get_or_add_pPr(), "ind", leftChars=str(int(round(left * 100))), left=str(int(round(left * size * 20))),
         firstLineChars="0", firstLine="0", hanging=None, hangingChars=None)
    return 1 if typed else 0


def _closing(doc, prof) -> int:
    """Place the 成文日期 right-aligned with the profile's right gap and each signature line above it
    centred on the date (GB/T 9704—2012 7.3.5.1), as FZ709 checks; spaces typed before them to push
    them right go. How many paragraphs lost typed spaces."""
    from fazhilint.rules.layout import closing, signature_gap, width_chars

    entry = prof.element("closing")
    found = closing(doc) if entry is not None and entry.get("date-right") is not None else None
    if found is None:
        return 0
    removed = 0
    want, date_width = entry["date-right"], width_chars(found.date.text.strip())
    size = entry.get("size") or 16
    for item in found.signatures + [found.date]:
        gap = want if item is found.date else signature_gap(want, date_width, width_chars(item.text.strip()))
        typed = _LEADING.match(item.text) if not item.line.rendered else None
        if typed:
            _delete_leading(item, typed.end())
            removed += 1
        ppr = item.line.p.get_or_add_pPr()
        _set(ppr, "jc", val="right")
        _set(ppr, "ind", rightChars=str(int(round(gap * 100))), right=str(int(round(gap * size * 20))),
             firstLineChars="0", firstLine="0", left="0", leftChars="0", hanging=None, hangingChars=None)
    return removed


def _condense(prof) -> str | None:
    """Character spacing (twentieths of a point) that fits the grid's characters a line, or None."""
    import math

    from fazhilint.rules.layout import text_area

    grid, body = prof.one("grid"), prof.element("body")
    if grid is None or body is None:
        return None
    extra = math.floor((text_area(prof)[0] / grid["chars"] - body["size"]) * 20)
    return str(extra) if extra < 0 else None


def _spacing(ppr, prof) -> None:
    grid = prof.one("grid")
    fixed = grid.get("fixed-spacing") if grid is not None else None
    if fixed:  # the county's fixed line spacing
        _set(ppr, "spacing", line=str(int(fixed[0] * 20)), lineRule="exact")
    else:  # single spacing on the document grid: 22 lines a page
        _set(ppr, "spacing", line="240", lineRule="auto")
        snap = ppr.find(W + "snapToGrid")
        if snap is not None:
            ppr.remove(snap)
    # no space between paragraphs: the page holds its 22 lines
    _set(ppr, "spacing", before="0", after="0", beforeLines=None, afterLines=None,
         beforeAutospacing=None, afterAutospacing=None)


def _run(r, prof, entry, condense: str | None = None, mark: bool = False) -> None:
    if mark:  # r is the paragraph: its mark's properties are pPr/rPr
        ppr = r.get_or_add_pPr()
        rpr = ppr.find(W + "rPr")
        if rpr is None:
            rpr = _el("rPr")
            _insert(ppr, rpr)
    else:
        rpr = r.get_or_add_rPr()
    _set(rpr, "spacing", val=condense)
    font = prof.first_font(entry["font"])
    _set(rpr, "rFonts", eastAsia=font, eastAsiaTheme=None)
    size = str(int(round(entry["size"] * 2)))
    _set(rpr, "sz", val=size)
    _set(rpr, "szCs", val=size)
    color = rpr.find(W + "color")
    if color is not None and prof.one("color") is not None:
        rpr.remove(color)


def _runs(item):
    """(start, end, w:r) of the paragraph's runs as they are now (after splitting)."""
    from fazhilint.read.docx import _line

    line = _line(item.line.p, _Prefix(item.text[: item.line.rendered]), "")
    return [(s, e, r) for s, e, r in line.segments if s < e]


class _Prefix:
    def __init__(self, text):
        self.text = text

    def label(self, _p):
        return self.text


def _split_at(item, at: int) -> None:
    """Split the run that holds character ``at`` of the paragraph so that a run starts there."""
    from fazhilint.read.docx import piece

    for start, end, r in _runs(item):
        if not start < at < end:
            continue
        second = copy.deepcopy(r)
        keep = at - start
        for first_child, second_child in zip(list(r), list(second)):
            text = piece(first_child)
            if first_child.tag == W + "rPr":
                continue
            if keep <= 0:
                r.remove(first_child)
            elif keep >= len(text):
                second.remove(second_child)
                keep -= len(text)
            else:  # a w:t that straddles the boundary
                first_child.text, second_child.text = first_child.text[:keep], first_child.text[keep:]
                for t in (first_child, second_child):
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                keep = 0
        r.addnext(second)
        return


def _delete_leading(item, count: int) -> None:
    """Delete the first ``count`` typed characters (leading whitespace) of a paragraph."""
    for start, end, r in _runs(item):
        if count <= 0:
            return
        for t in r.findall(W + "t") + r.findall(W + "tab"):
            if count <= 0:
                break
            if t.tag == W + "tab":
                r.remove(t)
                count -= 1
                continue
            text = t.text or ""
            cut = min(count, len(text))
            t.text = text[cut:]
            count -= cut


# ---- footers -----------------------------------------------------------------------------------

def _footers(document, prof) -> None:
    entry = prof.one("page-number")
    if entry is None:
        return
    settings = document.settings
    even_side = entry.get("even") or entry.get("odd") or "right"
    odd_side = entry.get("odd") or "right"
    if even_side != odd_side:
        settings.odd_and_even_pages_header_footer = True
    font, size = prof.first_font(entry["font"]), entry["size"]
    for section in document.sections:
        _footer(section.footer, entry["format"], font, size, odd_side)
        if even_side != odd_side:
            _footer(section.even_page_footer, entry["format"], font, size, even_side)


def _footer(footer, text: str, font: str, size: float, align: str) -> None:
    footer.is_linked_to_previous = False
    el = footer._element
    for child in list(el):
        el.remove(child)
    # 7.5: one character in from the edge of the text block, on the page number's side
    ind = "right" if align == "right" else "left"
    one = 320  # 一字: one character of the body's 3号 (16 pt), in twips
    from docx.oxml import parse_xml

    el.append(parse_xml(
        f'<w:p xmlns:w="{W[1:-1]}"><w:pPr><w:jc w:val="{align}"/><w:ind w:{ind}="{one}"/></w:pPr>'
        f'{page_number_runs(text, font, size)}</w:p>'))


def page_number_runs(text: str, font: str, size: float) -> str:
    """The runs of a footer line such as “— {PAGE} —”: the text around a PAGE field, in one font and size."""
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}"/><w:sz w:val="{int(size * 2)}"/></w:rPr>'
    before, _, after = text.partition("{PAGE}")
    runs = [f'<w:r>{rpr}<w:t xml:space="preserve">{_escape(before)}</w:t></w:r>'] if before else []
    runs += [f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>',
             f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
             f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>',
             f'<w:r>{rpr}<w:t>1</w:t></w:r>', f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>']
    if after:
        runs.append(f'<w:r>{rpr}<w:t xml:space="preserve">{_escape(after)}</w:t></w:r>')
    return "".join(runs)


# ---- XML helpers -------------------------------------------------------------------------------

def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _el(tag: str, **attrs):
    from lxml import etree

    el = etree.Element(W + tag)
    for k, v in attrs.items():
        el.set(W + k, v)
    return el


# Where a child goes inside w:pPr / w:rPr (the schema's order; Word rejects other orders).
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
              "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
              "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")


def _set(parent, tag: str, **attrs) -> None:
    """Set attributes of parent's child ``tag`` (created in schema order if absent); None removes one."""
    el = parent.find(W + tag)
    if el is None:
        if all(v is None for v in attrs.values()):
            return
        el = _el(tag)
        _insert(parent, el)
    for k, v in attrs.items():
        if v is None:
            el.attrib.pop(W + k, None)
        else:
            el.set(W + k, v)


def _insert(parent, el) -> None:
    """Put a new child of w:pPr or w:rPr where the schema wants it."""
    order = _PPR_ORDER if parent.tag == W + "pPr" else _RPR_ORDER
    rank = order.index(el.tag[len(W):])
    after = [c for c in parent if isinstance(c.tag, str) and c.tag.startswith(W)
             and c.tag[len(W):] in order and order.index(c.tag[len(W):]) > rank]
    if after:
        after[0].addprevious(el)
    else:
        parent.append(el)
