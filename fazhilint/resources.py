"""Where the grammar and the rule packs live, installed or in a source checkout.

The wheel carries the top-level ``grammar/`` and ``rules/`` folders inside the
package (see ``force-include`` in pyproject.toml); a source checkout has them
beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def grammar_path(name: str = "outline.lark") -> Path:
    return _data_dir("grammar") / name


def rules_dir() -> Path:
    """The folder of the built-in rule packs (TOML)."""
    return _data_dir("rules")


@cache
def cache_dir() -> Path:
    """The user's cache directory for fazhilint (parser tables and the like)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("fazhilint", appauthor=False))


def starter_config() -> str:
    """The commented fazhilint.toml that ``fazhilint init`` writes."""
    return (_PACKAGE / "starter.toml").read_text(encoding="utf-8")


def schema_path(name: str) -> Path:
    """A JSON Schema shipped with the package: ``config`` or ``pack``."""
    return _PACKAGE / "schemas" / f"{name}.schema.json"
