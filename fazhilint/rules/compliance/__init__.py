"""FZ5xx: report compliance (required sections and their content), by profile (fazhilint/profiles.py)."""

from __future__ import annotations

from fazhilint import profiles


def sections_of(doc):
    """The document's profile and the section of each of its elements."""
    return doc.profile, doc.parts


def element_section(doc, element_id: str):
    """The profile's element and the document's section for it, or (None, None)."""
    profile, found = sections_of(doc)
    if element_id not in found:
        return None, None
    return profile.element(element_id), found[element_id]


def anchor(doc) -> tuple[int, int]:
    """Where a finding about the whole document goes: the title, else the first line."""
    title = profiles.title_paragraph(doc)
    p = title or (doc.paragraphs[0] if doc.paragraphs else None)
    return (p.start, p.end) if p else (0, 0)
