"""The roster of units expected to report: one unit a line, with the other names it goes by.

    # 2025 年应报送单位
    松江镇人民政府 = 松江镇
    金龙街道办事处 = 金龙街道 = 金龙街道办

The first name is the one shown; a submission is matched to a unit by any of its names. Blank
lines and lines starting with # are skipped. Shared by the command line's --expect list and the
ledger page of ``fazhilint serve``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_SEPARATOR = re.compile(r"\s*[=＝]\s*")


class RosterError(ValueError):
    """A roster file that cannot be used; the message says why, in Chinese."""


@dataclass(frozen=True)
class RosterUnit:
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def line(self) -> str:
        return " = ".join(self.names)


def parse_roster(text: str) -> list[RosterUnit]:
    """Units in the order given; a unit named twice is merged into its first line."""
    units: dict[str, RosterUnit] = {}
    for raw in text.splitlines():
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        names = [n for n in _SEPARATOR.split(line) if n]
        if not names:
            continue
        name, aliases = names[0], names[1:]
        known = units.get(name)
        if known:
            aliases = list(known.aliases) + aliases
        units[name] = RosterUnit(name, tuple(dict.fromkeys(a for a in aliases if a != name)))
    return list(units.values())


def format_roster(units: list[RosterUnit]) -> str:
    return "".join(u.line() + "\n" for u in units)


def match_unit(name: str, units: list[RosterUnit]) -> str | None:
    """The roster's name for a unit named ``name``: by any of its names, else the one unit whose
    names contain it (松江镇 in 松江镇人民政府) or are contained in it; None when unknown or ambiguous."""
    name = name.strip()
    if not name:
        return None
    for unit in units:
        if name in unit.names:
            return unit.name
    near = {u.name for u in units for n in u.names if len(name) >= 2 and (name in n or n in name)}
    return near.pop() if len(near) == 1 else None


def read_roster(path: str | Path) -> list[RosterUnit]:
    """A roster file (--expect): UTF-8, or GB18030 as Windows Notepad may save it."""
    from fazhilint.read.text import decode
    from fazhilint.source import UnreadableInput

    try:
        units = parse_roster(decode(Path(path).read_bytes(), str(path)).text)
    except OSError as e:
        raise RosterError(f"无法读取单位名单 {path}：{e.strerror or e}") from None
    except UnreadableInput as e:
        raise RosterError(f"无法读取单位名单 {path}：{e}") from None
    if not units:
        raise RosterError(f"单位名单 {path} 中没有单位（每行写一个单位名称，如“松江镇人民政府 = 松江镇”）")
    return units
