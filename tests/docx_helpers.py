"""Build .docx fixtures programmatically, with Word automatic numbering where asked."""

from __future__ import annotations

from pathlib import Path

from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
CHINESE_LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）"))


def add_list(document, levels=CHINESE_LEVELS, abstract_id: int = 90, num_id: int = 90,
             start_overrides: dict[int, int] | None = None, extra_nums: dict[int, dict[int, int]] | None = None) -> int:
    """Add an abstractNum with the given (numFmt, lvlText) levels and a w:num using it."""
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">'
                         f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    first_num = numbering.find(W + "num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    for nid, overrides in {num_id: start_overrides or {}, **(extra_nums or {})}.items():
        body = "".join(f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                       for k, v in overrides.items())
        numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="{nid}">'
                                   f'<w:abstractNumId w:val="{abstract_id}"/>{body}</w:num>'))
    return num_id


def set_numbering(paragraph, num_id: int, ilvl: int | None = 0) -> None:
    """Give a paragraph (or a style) a w:numPr; num_id 0 removes inherited numbering."""
    ppr = paragraph._element.get_or_add_pPr()
    ilvl_xml = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    ppr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}">{ilvl_xml}<w:numId w:val="{num_id}"/></w:numPr>'))


def build(path: Path, items, setup=None) -> Path:
    """Write a .docx: each item is a str (literal paragraph) or (num_id, ilvl, text) for a
    paragraph numbered automatically; setup(document) runs first (to add lists)."""
    import docx

    document = docx.Document()
    if setup:
        setup(document)
    for item in items:
        if isinstance(item, str):
            document.add_paragraph(item)
        else:
            num_id, ilvl, text = item
            set_numbering(document.add_paragraph(text), num_id, ilvl)
    document.save(str(path))
    return path
