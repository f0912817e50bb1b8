"""FZ4xx: dates and numbers."""

from __future__ import annotations

from typing import Iterator


def prose(rule, doc) -> Iterator[tuple[int, str]]:
    """(offset, text) of each paragraph of the report (page furniture left out: its dates are the portal's)."""
    for p in doc.content:
        yield p.start, doc.text[p.start : p.end]
