"""Built-in rules: one module per rule, in a folder per group (numbering/, punctuation/ …).

Modules are named ``fzNNN_<name>.py`` and define one Rule subclass each; they
are found by walking this folder, so adding a rule is adding a file.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path

from fazhilint.rule import Rule

_HERE = Path(__file__).parent


@cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule class, sorted by code."""
    for module in sorted(_HERE.glob("*/fz[0-9][0-9][0-9]_*.py")):
        importlib.import_module(f"{__name__}.{module.parent.name}.{module.stem}")
    found = _subclasses(Rule)
    codes = [r.code for r in found]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise RuntimeError(f"duplicate rule codes: {sorted(duplicates)}")
    return tuple(sorted(found, key=lambda r: r.code))


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        if "code" in sub.__dict__:
            out.append(sub)
        out.extend(_subclasses(sub))
    return out


def rule_by_code(code_or_name: str) -> type[Rule] | None:
    key = code_or_name.strip()
    for rule in all_rules():
        if rule.code == key.upper() or rule.name == key.lower():
            return rule
    return None
