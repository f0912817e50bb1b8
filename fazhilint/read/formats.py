"""Readers of formats other than plain text, by file suffix.

Each maps a Path to a Source or raises UnreadableInput. Modules are imported
only when a file of that kind is read.
"""

from __future__ import annotations

READERS: dict = {}
