"""Effective formatting of a Word document, resolved the way Word does.

python-docx gives the raw properties of each element; inheritance is ours:

- a run's character properties: document defaults (``w:docDefaults/w:rPrDefault``) →
  the paragraph style chain (``w:basedOn``, root first) → the run's character style
  chain (``w:rStyle``) → the run's own ``w:rPr``;
- a paragraph's properties: ``w:pPrDefault`` → the paragraph style chain → the
  numbering level's ``w:pPr`` (for a numbered paragraph) → the paragraph's own ``w:pPr``;
- fonts by slot: the East Asian slot (``w:eastAsia``, or ``w:eastAsiaTheme`` resolved
  through ``word/theme/theme1.xml``) is what Chinese characters are drawn in, the
  ASCII slot what digits and Latin letters are drawn in; a level that names a font
  for a slot replaces what it inherits for that slot;
- sizes in half-points (``w:sz``), indents and spacing in twips (1/20 pt), indents in
  hundredths of a character (``w:firstLineChars``) taking precedence over twips;
- sections (``w:sectPr``): page size, margins, document grid, footers and the PAGE
  field in them.

Nothing here runs unless a layout rule (FZ7xx) or ``fazhilint format`` asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from fazhilint.read.docx_numbering import W, style_table

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
TWIPS_PER_MM = 1440 / 25.4
# theme1.xml script names of the East Asian languages Word may be set to (w:themeFontLang)
_SCRIPTS = {"zh-CN": "Hans", "zh-SG": "Hans", "zh-TW": "Hant", "zh-HK": "Hant", "ja-JP": "Jpan", "ko-KR": "Hang"}


def mm(twips: float) -> float:
    return twips / TWIPS_PER_MM


def _on(el) -> bool:
    """A toggle property (w:b) as written: present and not switched off."""
    return el.get(W + "val") not in ("0", "false", "off", "none")


def _num(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class RunFormat:
    east_asia: str | None  # the font Chinese characters are drawn in
    ascii: str | None  # the font digits and Latin letters are drawn in
    size: float | None  # points
    bold: bool = False
    color: str | None = None  # "000000", or None for automatic (black)
    theme: bool = False  # whether the East Asian font comes from the theme (w:eastAsiaTheme)
    spacing: float = 0.0  # character spacing added to each character (points; negative: condensed)


@dataclass(frozen=True)
class ParagraphFormat:
    style: str  # the style's name as Word shows it ("" for none)
    align: str  # left | center | right | both | distribute
    first_line: float  # points; negative for a hanging indent
    first_line_chars: float | None  # characters, when the indent was given in characters
    left: float  # points
    right: float  # points
    line: float | None  # line spacing: points for exact/atLeast, a multiple for auto
    line_rule: str  # auto | exact | atLeast
    snap_to_grid: bool
    mark: RunFormat  # the paragraph's own character properties (its style's), what "a character" means
    left_chars: float | None = None  # characters, when the left indent was given in characters (w:leftChars)
    right_chars: float | None = None  # characters, when the right indent was given in characters (w:rightChars)

    def side_chars(self, side: str, size: float | None = None) -> float:
        """The left or right indent in characters of the given size (default: the paragraph's)."""
        chars = self.left_chars if side == "left" else self.right_chars
        if chars is not None:
            return chars
        return (self.left if side == "left" else self.right) / (size or self.mark.size or 10.5)

    def indent_chars(self, size: float | None = None) -> float:
        """The first-line indent in characters of the given size (default: the paragraph's)."""
        if self.first_line_chars is not None:
            return self.first_line_chars
        size = size or self.mark.size or 10.5
        return self.first_line / size


@dataclass
class Footer:
    kind: str  # default (odd pages, or every page) | even | first
    text: str  # the footer's visible text, the PAGE field as "{PAGE}"
    align: str  # the alignment of the paragraph holding the page number
    number: RunFormat | None  # the format of the page number itself (None: no PAGE field)
    number_format: str = "Arabic"  # \* switch of the PAGE field


@dataclass
class SectionFormat:
    width: float  # mm
    height: float
    top: float
    bottom: float
    left: float  # includes the gutter, as the paper's 订口
    right: float
    grid_type: str | None  # default | lines | linesAndChars | snapToChars
    line_pitch: float | None  # points
    char_space: float  # 1/4096 pt added to the character pitch by a character grid
    title_page: bool
    footers: dict[str, Footer] = field(default_factory=dict)


class Formats:
    """The effective formatting of one document's paragraphs, runs and sections (a document as read,
    fazhilint.read.docx_package.Parts, or python-docx's Document). Each paragraph's, run's and
    section's is resolved once: the layout rules ask for the same ones again and again, and the
    document does not change while they run."""

    def __init__(self, document):
        from fazhilint.read.docx import parts_of

        self.parts = parts_of(document)
        self.styles = self.parts.element("/styles")
        self.settings = self.parts.element("/settings")
        self.theme = self.parts.element("/theme")
        self._styles, self._default_para, self._default_char = self.parts.derived("/styles", style_table)
        self.numbering_element = self.parts.element("/numbering")
        self.numbering = self.parts.numbering  # only its resolve() is used here, not its counters
        self._cache: dict = {}  # by style
        self._resolved: dict = {}  # by ("what", element …)

    # ---- theme ------------------------------------------------------------------------------

    @cached_property
    def _theme_fonts(self) -> dict[str, str]:
        """{"majorEastAsia": "黑体", "minorEastAsia": "宋体", "minorHAnsi": "Calibri", ...}."""
        out: dict[str, str] = {}
        if self.theme is None:
            return out
        script = "Hans"
        if self.settings is not None:
            lang = self.settings.find(f"{W}themeFontLang")
            if lang is not None and lang.get(W + "eastAsia"):
                script = _SCRIPTS.get(lang.get(W + "eastAsia"), script)
        for which in ("major", "minor"):
            font = self.theme.find(f".//{A}fontScheme/{A}{which}Font")
            if font is None:
                continue
            latin, ea = font.find(A + "latin"), font.find(A + "ea")
            by_script = {f.get("script"): f.get("typeface") for f in font.findall(A + "font")}
            out[f"{which}HAnsi"] = out[f"{which}Ascii"] = latin.get("typeface") if latin is not None else None
            out[f"{which}EastAsia"] = (ea.get("typeface") if ea is not None else "") or by_script.get(script)
        return out

    # ---- style chains --------------------------------------------------------------------

    def _chain(self, style_id: str | None) -> list:
        """The style and the styles it is based on, root first."""
        out, seen = [], set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            style = self._styles[style_id]
            out.append(style)
            based = style.find(W + "basedOn")
            style_id = based.get(W + "val") if based is not None else None
        return out[::-1]

    def style_name(self, style_id: str | None) -> str:
        style = self._styles.get(style_id or self._default_para)
        name = style.find(W + "name") if style is not None else None
        return name.get(W + "val") if name is not None else (style_id or "")

    def _para_style(self, p) -> str | None:
        ps = p.find(f"{W}pPr/{W}pStyle")
        return ps.get(W + "val") if ps is not None else self._default_para

    # ---- runs -----------------------------------------------------------------------------

    def _rpr_layers(self, p, r=None) -> list:
        layers = []
        if self.styles is not None:
            layers.append(self.styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))
        key = ("pstyle-r", self._para_style(p))
        if key not in self._cache:
            self._cache[key] = [s.find(W + "rPr") for s in self._chain(key[1])]
        layers.extend(self._cache[key])
        if r is not None:
            rs = r.find(f"{W}rPr/{W}rStyle")
            chain = self._chain(rs.get(W + "val")) if rs is not None else []
            layers.extend(s.find(W + "rPr") for s in chain)
            layers.append(r.find(W + "rPr"))
        return [layer for layer in layers if layer is not None]

    def _once(self, key: tuple, resolve):
        if key not in self._resolved:  # keyed by elements: the dict keeps their lxml proxies alive
            self._resolved[key] = resolve()
        return self._resolved[key]

    def run(self, r, p) -> RunFormat:
        """The effective character formatting of run r in paragraph p."""
        return self._once(("run", r, p), lambda: self._resolve_run(self._rpr_layers(p, r)))

    def mark(self, p) -> RunFormat:
        """The character formatting the paragraph's style gives (what its runs start from)."""
        key = ("mark", self._para_style(p))
        if key not in self._cache:
            self._cache[key] = self._resolve_run(self._rpr_layers(p))
        return self._cache[key]

    def _resolve_run(self, layers) -> RunFormat:
        east_asia = ascii_ = size = color = None
        bold = theme_font = False
        spacing = 0.0
        for rpr in layers:
            fonts = rpr.find(W + "rFonts")
            if fonts is not None:
                theme = fonts.get(W + "eastAsiaTheme")
                if theme or fonts.get(W + "eastAsia"):
                    east_asia = self._theme_fonts.get(theme) if theme else fonts.get(W + "eastAsia")
                    theme_font = bool(theme)
                theme = fonts.get(W + "asciiTheme")
                if theme or fonts.get(W + "ascii"):
                    ascii_ = self._theme_fonts.get(theme) if theme else fonts.get(W + "ascii")
            sz = rpr.find(W + "sz")
            if sz is not None and _num(sz.get(W + "val")) is not None:
                size = _num(sz.get(W + "val")) / 2
            b = rpr.find(W + "b")
            if b is not None:
                bold = _on(b)
            sp = rpr.find(W + "spacing")
            if sp is not None and _num(sp.get(W + "val")) is not None:
                spacing = _num(sp.get(W + "val")) / 20
            c = rpr.find(W + "color")
            if c is not None:
                value = (c.get(W + "val") or "auto").upper()
                color = None if value == "AUTO" else value
        return RunFormat(east_asia, ascii_, size, bold, color, theme_font, spacing)

    # ---- paragraphs ---------------------------------------------------------------------

    def paragraph(self, p) -> ParagraphFormat:
        return self._once(("paragraph", p), lambda: self._paragraph(p))

    def _paragraph(self, p) -> ParagraphFormat:
        layers = []
        if self.styles is not None:
            layers.append(self.styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr"))
        layers.extend(s.find(W + "pPr") for s in self._chain(self._para_style(p)))
        resolved = self.numbering.resolve(p)
        if resolved:
            layers.append(self._level_ppr(p, resolved))
        layers.append(p.find(W + "pPr"))
        align, first, chars, left, right, line, rule, snap = "left", 0.0, None, 0.0, 0.0, None, "auto", True
        side_chars = {"left": None, "right": None}
        for ppr in (layer for layer in layers if layer is not None):
            jc = ppr.find(W + "jc")
            if jc is not None:
                align = {"start": "left", "end": "right", "justify": "both"}.get(jc.get(W + "val"), jc.get(W + "val"))
            ind = ppr.find(W + "ind")
            if ind is not None:
                get = ind.get
                if get(W + "left") or get(W + "start"):
                    left = (_num(get(W + "left") or get(W + "start")) or 0) / 20
                if get(W + "right") or get(W + "end"):
                    right = (_num(get(W + "right") or get(W + "end")) or 0) / 20
                for side, keys in (("left", ("leftChars", "startChars")), ("right", ("rightChars", "endChars"))):
                    given = next((_num(get(W + k)) for k in keys if get(W + k) is not None), None)
                    if given is not None:  # Word: the character count wins over the twips when both are set
                        side_chars[side] = given / 100 if given else None
                if get(W + "firstLine") is not None or get(W + "hanging") is not None:
                    hanging = _num(get(W + "hanging"))
                    first = -(hanging or 0) / 20 if hanging is not None else (_num(get(W + "firstLine")) or 0) / 20
                    chars = None
                for key, sign in ((W + "firstLineChars", 1), (W + "hangingChars", -1)):
                    value = _num(get(key))
                    if value is not None and (value or get(W + "firstLine") is None and get(W + "hanging") is None):
                        chars = sign * value / 100
            spacing = ppr.find(W + "spacing")
            if spacing is not None and spacing.get(W + "line") is not None:
                rule = spacing.get(W + "lineRule") or "auto"
                value = _num(spacing.get(W + "line")) or 0
                line = value / 240 if rule == "auto" else value / 20
            snap_el = ppr.find(W + "snapToGrid")
            if snap_el is not None:
                snap = _on(snap_el)
        return ParagraphFormat(self.style_name(self._para_style(p)), align, first, chars, left, right,
                               line, rule, snap, self.mark(p), side_chars["left"], side_chars["right"])

    def _level(self, resolved):
        """The w:lvl element of a (numId, ilvl), or None."""
        num_id, ilvl = resolved
        abstract = self.numbering._abstract_id(num_id)
        if abstract is None or self.numbering_element is None:
            return None
        for a in self.numbering_element.iter(W + "abstractNum"):
            if a.get(W + "abstractNumId") == abstract:
                for lvl in a.findall(W + "lvl"):
                    if lvl.get(W + "ilvl") == str(ilvl):
                        return lvl
        return None

    def _level_ppr(self, p, resolved):
        lvl = self._level(resolved)
        return lvl.find(W + "pPr") if lvl is not None else None

    def label(self, p) -> RunFormat | None:
        """The format Word draws a paragraph's automatic number in: the paragraph mark's, then the level's."""
        return self._once(("label", p), lambda: self._label(p))

    def _label(self, p) -> RunFormat | None:
        resolved = self.numbering.resolve(p)
        if resolved is None:
            return None
        lvl = self._level(resolved)
        layers = self._rpr_layers(p) + [p.find(f"{W}pPr/{W}rPr"), lvl.find(W + "rPr") if lvl is not None else None]
        return self._resolve_run([layer for layer in layers if layer is not None])

    # ---- sections -----------------------------------------------------------------------

    @cached_property
    def even_and_odd(self) -> bool:
        """Whether odd and even pages have their own headers and footers (w:evenAndOddHeaders)."""
        el = self.settings.find(W + "evenAndOddHeaders") if self.settings is not None else None
        return el is not None and _on(el)

    def sections(self) -> list[SectionFormat]:
        return self._once(("sections",), lambda: [self.section(s) for s in self.parts.body.iter(W + "sectPr")])

    def section(self, sect) -> SectionFormat:
        size, margins, grid = sect.find(W + "pgSz"), sect.find(W + "pgMar"), sect.find(W + "docGrid")

        def twips(el, name, default=0.0):
            value = _num(el.get(W + name)) if el is not None else None
            return default if value is None else value

        gutter = twips(margins, "gutter")
        grid_type = grid.get(W + "type") if grid is not None else None
        pitch = twips(grid, "linePitch", 0) / 20 if grid is not None and grid.get(W + "linePitch") else None
        title_page = sect.find(W + "titlePg") is not None and _on(sect.find(W + "titlePg"))
        out = SectionFormat(
            mm(twips(size, "w", 12240)), mm(twips(size, "h", 15840)),
            mm(abs(twips(margins, "top", 1440))), mm(abs(twips(margins, "bottom", 1440))),
            mm(twips(margins, "left", 1800) + gutter), mm(twips(margins, "right", 1800)),
            grid_type, pitch, twips(grid, "charSpace"), title_page,
        )
        for ref in sect.findall(W + "footerReference"):
            try:
                element = self.parts.related(ref.get(R + "id"))
            except KeyError:
                continue
            kind = ref.get(W + "type") or "default"
            out.footers[kind] = self.footer(element, kind)
        return out

    def footer(self, element, kind: str) -> Footer:
        """The footer's text with its PAGE field, and how the page number is formatted."""
        texts, align, number, fmt = [], "left", None, "Arabic"
        for p in element.iter(W + "p"):
            para = self.paragraph(p)
            state = {"instr": [], "in_result": False, "field": None}
            pieces: list[str] = []

            def visit(el):
                nonlocal number, fmt
                for child in el:
                    tag = child.tag
                    if tag == W + "fldSimple":
                        instr = child.get(W + "instr") or ""
                        if instr.split()[:1] == ["PAGE"]:
                            pieces.append("{PAGE}")
                            runs = child.findall(f".//{W}r")
                            number = self.run(runs[0], p) if runs else self.mark(p)
                            fmt = _page_format(instr)
                        else:
                            visit(child)
                    elif tag == W + "r":
                        char = child.find(W + "fldChar")
                        if char is not None:
                            what = char.get(W + "fldCharType")
                            if what == "begin":
                                state["instr"] = []
                            elif what == "separate":
                                state["in_result"] = True
                                instr = "".join(state["instr"]).split()
                                state["field"] = instr[0] if instr else None
                                if state["field"] == "PAGE":
                                    pieces.append("{PAGE}")
                                    number = self.run(child, p)
                                    fmt = _page_format(" ".join(instr))
                            elif what == "end":
                                state["in_result"] = False
                                if state["field"] is None:  # a field with no result part
                                    instr = "".join(state["instr"]).split()
                                    if instr[:1] == ["PAGE"]:
                                        pieces.append("{PAGE}")
                                        number = self.run(child, p)
                                        fmt = _page_format(" ".join(instr))
                                state["field"] = None
                            continue
                        instr_text = child.find(W + "instrText")
                        if instr_text is not None:
                            state["instr"].append(instr_text.text or "")
                            continue
                        if state["in_result"] and state["field"] is not None:
                            if state["field"] == "PAGE" and number is not None:
                                number = self.run(child, p)  # the result's own format is what prints
                            continue
                        from fazhilint.read.docx import piece

                        pieces.append("".join(piece(c) for c in child))
                    elif isinstance(tag, str) and tag not in (W + "pPr", W + "rPr"):
                        visit(child)

            visit(p)
            text = "".join(pieces)
            if "{PAGE}" in text:
                align = para.align
            if text.strip():
                texts.append(text)
        return Footer(kind, "\n".join(texts), align, number, fmt)


def _page_format(instr: str) -> str:
    parts = instr.split()
    if "\\*" in parts and parts.index("\\*") + 1 < len(parts):
        return parts[parts.index("\\*") + 1]
    return "Arabic"

