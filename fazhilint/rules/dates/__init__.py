"""FZ4xx: dates and numbers."""

from __future__ import annotations

from typing import Iterator


def prose(rule, doc, needs: str = "") -> Iterator[tuple[int, str]]:
    """(offset, text) of each paragraph of the report (page furniture left out: its dates are the portal's);
    with ``needs``, only the paragraphs that hold one of its characters (what every finding of the rule has)."""
    for p in doc.content:
        text = doc.text[p.start : p.end]
        if not needs or any(c in text for c in needs):
            yield p.start, text
