"""FZ5xx: report compliance (required sections and their content), by profile (fazhilint/profiles.py)."""

from __future__ import annotations

from fazhilint import profiles


def sections_of(rule, doc):
    """The profile chosen for the document and the section of each of its elements."""
    profile = profiles.choose(doc, rule.config)
    if profile is None or not profile.elements:
        return profile, {}
    return profile, profiles.find_sections(doc, profile)


def element_section(rule, doc, element_id: str):
    """The profile's element and the document's section for it, or (None, None)."""
    profile, found = sections_of(rule, doc)
    if element_id not in found:
        return None, None
    return profile.element(element_id), found[element_id]


def anchor(doc) -> tuple[int, int]:
    """Where a finding about the whole document goes: the title, else the first line."""
    title = profiles.title_paragraph(doc)
    p = title or (doc.paragraphs[0] if doc.paragraphs else None)
    return (p.start, p.end) if p else (0, 0)
