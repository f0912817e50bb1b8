"""FZ1xx: numbering and structure."""

from __future__ import annotations

from fazhilint.document import Document, Marker, label


def written_label(doc: Document, marker: Marker, n: int) -> str:
    """The label for number n at the marker's level, in the bracket width its siblings use."""
    text = label(marker.level, n)
    if marker.level in (2, 4) and _halfwidth_brackets(doc, marker.level):
        text = text.replace("（", "(").replace("）", ")")
    return text


def _halfwidth_brackets(doc: Document, level: int) -> bool:
    marks = [s.marker.raw[0] for s in doc.sections() if s.marker.level == level and s.marker.ok]
    return marks.count("(") > marks.count("（")
