"""Built-in rules: one module per rule, in a folder per group (numbering/, punctuation/ …).

Modules are named ``fzNNN_<name>.py`` and define one Rule subclass each; they are
found by walking this folder, so adding a rule is adding a file. The file name
already says the rule's code and name, so selecting rules (``--select FZ1``) needs
no import: only the rules a run keeps are imported (``load``).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fazhilint.rule import Rule

_HERE = Path(__file__).parent
_MODULE = re.compile(r"^fz(\d{3})_(\w+)$")


@dataclass(frozen=True)
class RuleRef:
    """A rule known by its module's file name, not yet imported."""

    code: str
    name: str
    module: str

    def load(self) -> type[Rule]:
        module = importlib.import_module(self.module)
        found = [c for c in vars(module).values()
                 if isinstance(c, type) and issubclass(c, Rule) and c.__dict__.get("code") == self.code]
        if len(found) != 1 or found[0].name != self.name:
            raise RuntimeError(f"{self.module} must define one rule {self.code} named {self.name}")
        return found[0]


@cache
def catalogue() -> tuple[RuleRef, ...]:
    """Every built-in rule by code and name, sorted by code, without importing any."""
    refs = []
    for path in _HERE.glob("*/fz[0-9][0-9][0-9]_*.py"):
        m = _MODULE.match(path.stem)
        refs.append(RuleRef(f"FZ{m.group(1)}", m.group(2).replace("_", "-"), f"{__name__}.{path.parent.name}.{path.stem}"))
    codes = [r.code for r in refs]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise RuntimeError(f"duplicate rule codes: {sorted(duplicates)}")
    return tuple(sorted(refs, key=lambda r: r.code))


def load(refs) -> tuple[type[Rule], ...]:
    """The rule classes of some catalogue entries, imported now."""
    return tuple(_load(ref) for ref in refs)


@cache
def _load(ref: RuleRef) -> type[Rule]:
    return ref.load()


@cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule class, sorted by code (imports every rule module)."""
    return load(catalogue())


def find(code_or_name: str) -> RuleRef | None:
    key = code_or_name.strip()
    return next((r for r in catalogue() if r.code == key.upper() or r.name == key.lower()), None)


def rule_by_code(code_or_name: str) -> type[Rule] | None:
    ref = find(code_or_name)
    return _load(ref) if ref else None
