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
    """Whether most well-formed markers of the level use half-width brackets (counted once per document)."""
    global _counted
    if _counted[0] is not doc:
        counts: dict[int, int] = {}
        for s in doc.sections():
            if s.marker.ok and s.marker.raw[:1] in ("(", "（"):
                counts[s.marker.level] = counts.get(s.marker.level, 0) + (1 if s.marker.raw[0] == "(" else -1)
        _counted = (doc, counts)
    return _counted[1].get(level, 0) > 0


_counted: tuple[Document | None, dict[int, int]] = (None, {})
