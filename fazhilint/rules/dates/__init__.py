"""FZ4xx: dates and numbers."""

from __future__ import annotations

from bisect import bisect_left
from typing import Iterator


def prose(rule, doc) -> Iterator[tuple[int, str]]:
    """(offset, text) of each paragraph that is not page furniture (FZ305 decides which is)."""
    from fazhilint import packs
    from fazhilint.rules.wording.fz305_page_furniture import PageFurniture

    context = PageFurniture.context(entries=packs.load().entries(PageFurniture.name))
    furniture = sorted(d.start for d in PageFurniture().check(doc, context))
    for p in doc.paragraphs:
        i = bisect_left(furniture, p.start)
        if i == len(furniture) or furniture[i] >= p.end:
            yield p.start, doc.text[p.start : p.end]
