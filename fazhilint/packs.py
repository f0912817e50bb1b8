"""Rule packs: the TOML files of domain knowledge that rules read.

A pack is a TOML file of arrays of tables; the array's name says which rule
(or which part of the engine) reads it::

    [pack]
    name = "builtin-phrases"
    description = "规范提法"

    [[canonical-phrase]]           # read by the rule named canonical-phrase (FZ301)
    id = "goal-2021"               # unique within the table; a later pack's entry with the same id replaces it
    source = "中发〔2021〕33号 …"   # required: where the knowledge comes from
    bad = ["…执法严公开公正…"]      # required for tables named after a rule: each must trigger it
    good = ["…执法严明、公开公正…"]  # … and each of these must not
    # … whatever fields the reading rule defines

Built-in packs are every ``*.toml`` in the top-level ``rules/`` folder; a
county adds its own with ``packs = [...]`` in configuration or ``--pack FILE``.
A malformed pack is a PackError that names the file, the entry and the fault.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from fazhilint import resources


class PackError(ValueError):
    """A malformed rule pack; the message names the file, the entry and what is wrong."""


@dataclass(frozen=True)
class Entry:
    table: str
    data: dict[str, Any]
    origin: Path  # the pack file it came from

    @property
    def id(self) -> str:
        return self.data["id"]

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


class Packs:
    """All entries of the loaded packs, by table."""

    def __init__(self, entries: dict[str, dict[str, Entry]], files: tuple[Path, ...]):
        self._entries = entries
        self.files = files

    def entries(self, table: str) -> list[Entry]:
        return list(self._entries.get(table, {}).values())

    def tables(self) -> list[str]:
        return sorted(self._entries)


def builtin_files() -> tuple[Path, ...]:
    return tuple(sorted(resources.rules_dir().glob("*.toml")))


def load(extra: tuple[Path, ...] = ()) -> Packs:
    """The built-in packs, then the given ones in order (later entries replace earlier ones by id)."""
    return _load(builtin_files() + tuple(Path(p) for p in extra))


@cache
def _load(files: tuple[Path, ...]) -> Packs:
    from fazhilint.rules import all_rules

    rule_names = {r.name for r in all_rules()}
    entries: dict[str, dict[str, Entry]] = {}
    for path in files:
        for entry in _read(path, rule_names):
            entries.setdefault(entry.table, {})[entry.id] = entry
    return Packs(entries, files)


def _read(path: Path, rule_names: set[str]) -> list[Entry]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackError(f"{path}: 规则包文件不存在") from None
    except (OSError, UnicodeDecodeError) as e:
        raise PackError(f"{path}: 无法读取规则包（须为 UTF-8 编码的 TOML）：{e}") from None
    except tomllib.TOMLDecodeError as e:
        raise PackError(f"{path}: 规则包不是合法的 TOML：{e}") from None
    out = []
    for table, items in data.items():
        if table == "pack":
            continue
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise PackError(f"{path}: “{table}”应写成 [[{table}]] 条目数组")
        seen = set()
        for number, item in enumerate(items, 1):
            where = f"{path}: [[{table}]] 第{number}条" + (f"（id = {item['id']!r}）" if "id" in item else "")
            _check(item, where, needs_examples=table in rule_names)
            if item["id"] in seen:
                raise PackError(f"{where}：id 重复")
            seen.add(item["id"])
            out.append(Entry(table, item, path))
    return out


def _check(item: dict, where: str, needs_examples: bool) -> None:
    if not isinstance(item.get("id"), str) or not item["id"].strip():
        raise PackError(f"{where}：缺少 id（字符串）")
    if not isinstance(item.get("source"), str) or not item["source"].strip():
        raise PackError(f"{where}：缺少 source（依据：文件、标准条款或网址）")
    if needs_examples:
        for key in ("bad", "good"):
            value = item.get(key)
            if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
                raise PackError(f"{where}：缺少 {key}（至少一个{'反例' if key == 'bad' else '正例'}，字符串列表）")
