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
    # … whatever fields the reading rule defines; ``pattern`` and ``accept`` are regular
    # expressions (a string or a list of strings), checked when the pack is loaded

Built-in packs are every ``*.toml`` in the top-level ``rules/`` folder; a
county adds its own with ``packs = [...]`` in configuration or ``--pack FILE``.
A malformed pack is a PackError that names the file, the entry and the fault.
"""

from __future__ import annotations

import re
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


@cache
def builtin_files() -> tuple[Path, ...]:
    return tuple(sorted(resources.rules_dir().glob("*.toml")))


def load(extra: tuple[Path, ...] = ()) -> Packs:
    """The built-in packs, then the given ones in order (later entries replace earlier ones by id).

    A county's pack is checked entry by entry as it loads (every regular expression compiled);
    the built-in packs are checked by the test suite instead (``validate``), so that a run
    compiles only the expressions of the rules it keeps."""
    return _load(builtin_files(), tuple(Path(p) for p in extra))


@cache
def _load(builtin: tuple[Path, ...], extra: tuple[Path, ...]) -> Packs:
    entries: dict[str, dict[str, Entry]] = {}
    for path in builtin + extra:
        for entry in _read(path, validate=path in extra):
            entries.setdefault(entry.table, {})[entry.id] = entry
    return Packs(entries, builtin + extra)


def validate(path: Path) -> list[Entry]:
    """Every entry of a pack file, checked as a county's pack is (PackError on the first fault)."""
    return _read(path, validate=True)


def _read(path: Path, validate: bool) -> list[Entry]:
    try:
        data = _parse_toml(path.read_bytes(), path)
    except FileNotFoundError:
        raise PackError(f"{path}: 规则包文件不存在") from None
    except (OSError, ValueError) as e:  # ValueError: undecodable, or a NUL in the file name
        raise PackError(f"{path!r}: 无法读取规则包（须为 UTF-8 编码的 TOML）：{e}") from None
    out = []
    for table, items in data.items():
        if table == "pack":
            continue
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise PackError(f"{path}: “{table}”应写成 [[{table}]] 条目数组")
        rule = _reader(table) if validate else None
        seen = set()
        for number, item in enumerate(items, 1):
            where = f"{path}: [[{table}]] 第{number}条" + (f"（id = {item.get('id')!r}）" if "id" in item else "")
            if validate:
                _check(item, where, rule, table)
            elif not isinstance(item.get("id"), str):
                raise PackError(f"{where}：缺少 id（字符串）")
            if item["id"] in seen:
                raise PackError(f"{where}：id 重复")
            seen.add(item["id"])
            out.append(Entry(table, item, path))
    return out


def _parse_toml(raw: bytes, path: Path) -> dict:
    """A pack file's TOML, parsed once per content: later runs read it from the user's cache
    (tomllib takes ~9 ms over the built-in packs, the cached form ~0.7 ms)."""
    from fazhilint import cachefile

    location = cachefile.path(f"pack-{cachefile.digest(raw)}.marshal")
    data = cachefile.read(location)
    if not isinstance(data, dict):
        import tomllib

        try:
            data = tomllib.loads(raw.decode("utf-8-sig"))
        except tomllib.TOMLDecodeError as e:
            raise PackError(f"{path}: 规则包不是合法的 TOML：{e}") from None
        cachefile.write(location, data)  # a value marshal cannot hold (a TOML date) is simply not kept
    return data


# Fields that hold regular expressions (a string or a list of strings), in any table;
# profile elements (``[[profile.element]]``) are checked with the same list.
REGEX_KEYS = ("pattern", "accept", "detect", "headings", "exclude", "causes", "leaders", "acts")
PROFILE_TABLE = "profile"
LAYOUT_TABLE = "layout"  # the layout profile, shared by the FZ7xx rules and ``fazhilint format``


def _reader(table: str):
    """The rule that reads a table named after it, imported; None for the engine's own tables (profile)."""
    from fazhilint.rules import find, load

    ref = find(table)
    return load([ref])[0] if ref else None


@cache
def regex(pattern: str) -> re.Pattern:
    """A pack's regular expression, compiled once."""
    return re.compile(pattern)


def _check(item: dict, where: str, rule, table: str) -> None:
    if not isinstance(item.get("id"), str) or not item["id"].strip():
        raise PackError(f"{where}：缺少 id（字符串）")
    if not isinstance(item.get("source"), str) or not item["source"].strip():
        raise PackError(f"{where}：缺少 source（依据：文件、标准条款或网址）")
    for key in getattr(rule, "pack_required", ()):
        if key not in item:
            raise PackError(f"{where}：缺少 {key}（规则 {rule.code} 需要此项）")
    if table == LAYOUT_TABLE:
        from fazhilint.rules.layout import check_entry as check_layout

        fault = check_layout(item)
    else:
        fault = rule.check_entry(item) if hasattr(rule, "check_entry") else None
    if fault:
        raise PackError(f"{where}：{fault}")
    if rule is None and table not in (PROFILE_TABLE, LAYOUT_TABLE):
        raise PackError(f"{where}：没有名为“{table}”的规则读取此表；表名应为规则名称（见 fazhilint rules）、profile 或 layout")
    _check_regexes(item, where)
    for number, element in enumerate(item.get("element", []) if table == PROFILE_TABLE else [], 1):
        _check_regexes(element, f"{where} [[profile.element]] 第{number}条")
    if isinstance(item.get("pattern"), str) and isinstance(item.get("correct"), str):
        groups = regex(item["pattern"]).groups
        if any(int(n) > groups for n in re.findall(r"\\(\d+)", item["correct"])):
            raise PackError(f"{where}：correct 引用了 pattern 中不存在的分组（pattern 只有 {groups} 个分组）")
    for key in ("since", "until"):
        if key in item and not isinstance(item[key], int):
            raise PackError(f"{where}：{key} 应为年份（整数，如 2021）")
    if "severity" in item and item["severity"] not in ("error", "warning", "info"):
        raise PackError(f"{where}：severity 应为 error、warning 或 info")
    if rule is not None:
        for key in ("bad", "good"):
            value = item.get(key)
            if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
                raise PackError(f"{where}：缺少 {key}（至少一个{'反例' if key == 'bad' else '正例'}，字符串列表）")


def _check_regexes(item: dict, where: str) -> None:
    for key in REGEX_KEYS:
        value = item.get(key, [])
        for pattern in value if isinstance(value, list) else [value]:
            if not isinstance(pattern, str):
                raise PackError(f"{where}：{key} 应为正则表达式字符串或其列表")
            try:
                regex(pattern)
            except (re.error, OverflowError, RecursionError) as e:
                raise PackError(f"{where}：{key} 不是合法的正则表达式（{e}）：{pattern}") from None
            hazard = backtracking_hazard(pattern)
            if hazard:
                raise PackError(f"{where}：{key} 可能让检查陷入长时间回溯（{hazard}）：{pattern}；"
                                "请把内层的量词改为占有量词（如 \\s*+、[^，]++）或放进原子组 (?>…)")


def backtracking_hazard(pattern: str) -> str | None:
    """Why a pattern can backtrack catastrophically, or None.

    The check is static and cheap: a repeated group (``(…)+``, ``(…)*``, ``(…){2,}``) that holds
    another backtracking repeat (``X+``, ``\\s*``, ``.{0,9}``) can try exponentially many ways to
    split a text before it fails: ``(?:X+)+Y`` on 87 bytes ran for 41 s. Possessive repeats
    (``X++``, ``\\s*+``) and atomic groups (``(?>…)``) never give back what they took, so they are
    allowed. What this misses (overlapping alternatives in a repeat, ``.*.*.*``) is still bounded
    by the engine's time limit per file.
    """
    from re import _constants as c, _parser

    repeats = (c.MAX_REPEAT, c.MIN_REPEAT)

    def children(op, av):
        if op in repeats or op is c.POSSESSIVE_REPEAT:
            return [av[2]]
        if op is c.SUBPATTERN:
            return [av[3]]
        if op is c.BRANCH:
            return av[1]
        if op in (c.ASSERT, c.ASSERT_NOT):
            return [av[1]]
        return []  # an atomic group never backtracks into itself: nothing inside it counts

    def inner(items) -> bool:
        return any((op in repeats and av[1] > 1) or any(inner(s) for s in children(op, av)) for op, av in items)

    def walk(items) -> str | None:
        for op, av in items:
            if op in repeats and av[1] > 1 and inner(av[2]):
                return "重复的分组里又有可回溯的重复"
            found = next((w for s in children(op, av) if (w := walk(s))), None)
            if found:
                return found
        return None

    try:
        return walk(_parser.parse(pattern))
    except (re.error, OverflowError, RecursionError):
        return None  # reported as invalid by the caller
