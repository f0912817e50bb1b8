"""Build .docx fixtures programmatically, with Word automatic numbering where asked."""

from __future__ import annotations

import re
from pathlib import Path

from docx.oxml import parse_xml

from fazhilint.numerals import parse_chinese

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
CHINESE_LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）"))


def add_list(document, levels=CHINESE_LEVELS, abstract_id: int = 90, nums: dict[int, dict[int, int]] | None = None) -> None:
    """Add an abstractNum with the given (numFmt, lvlText) levels, and w:num instances using it
    ({numId: {ilvl: startOverride}}; by default one, numbered like the abstractNum)."""
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
    for nid, overrides in (nums or {abstract_id: {}}).items():
        body = "".join(f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                       for k, v in overrides.items())
        numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="{nid}">'
                                   f'<w:abstractNumId w:val="{abstract_id}"/>{body}</w:num>'))


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


_MARKERS = ((re.compile(r"^([一二三四五六七八九十]+)、"), 90), (re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]"), 91))
_BROKEN = re.compile(r"^(、|[（(]\s*[）)]|[）)])")


def as_word_numbering(lines: list[str]):
    """The paragraphs as a clerk's Word draft would hold them: typed 一、 and （一） markers become
    automatic numbering (level-1 list "%1、", level-2 list "（%1）", restarted in each section and
    set to the written value where Word would count otherwise); a broken marker is a paragraph whose
    numbering was removed (numId 0) with the typed remains kept. Returns (items, setup) for build()."""
    items, nums, state, next_id = [], {90: {}, 91: {}}, {90: (None, 0), 91: (None, 0)}, 100
    for text in lines:
        for rx, abstract in _MARKERS:
            m = rx.match(text)
            if m:
                break
        else:
            items.append((0, None, text) if _BROKEN.match(text) else text)
            continue
        value = parse_chinese(m.group(1))
        if abstract == 90:
            state[91] = (None, 0)  # a new section: its level-2 list restarts
        num, shown = state[abstract]
        if num is None or value != shown + 1:
            num, next_id = next_id, next_id + 1
            nums[abstract][num] = {0: value}
        state[abstract] = (num, value)
        items.append((num, 0, text[m.end():]))

    def setup(document):
        add_list(document, (("chineseCounting", "%1、"),), 90, nums[90])
        add_list(document, (("chineseCounting", "（%1）"),), 91, nums[91])

    return items, setup


if __name__ == "__main__":  # python -m tests.docx_helpers examples/sample-report.txt examples/sample-report.docx
    import sys
    import tempfile

    from fazhilint.config import Config
    from fazhilint.layout import format_docx

    text = Path(sys.argv[1]).read_text(encoding="utf-8")
    items, setup = as_word_numbering([line for line in text.split("\n") if line.strip()])
    with tempfile.TemporaryDirectory() as tmp:  # then laid out as a 公文 (fazhilint format)
        draft = build(Path(tmp) / "draft.docx", items, setup=setup)
        format_docx(draft, Path(sys.argv[2]), Config())
