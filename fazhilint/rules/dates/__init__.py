"""FZ4xx: dates and numbers."""

from __future__ import annotations

from typing import Iterator


def prose(rule, doc) -> Iterator[tuple[int, str]]:
    """(offset, text) of each paragraph that is not page furniture (FZ305 decides which is)."""
    from fazhilint import packs
    from fazhilint.rules.wording.fz305_page_furniture import PageFurniture

    context = PageFurniture.context(entries=packs.load().entries(PageFurniture.name))
    furniture = {d.start for d in PageFurniture().check(doc, context)}
    for p in doc.paragraphs:
        text = doc.text[p.start : p.end]
        if not any(p.start <= s < p.end for s in furniture):
            yield p.start, text
