"""Configuration: command-line options over ``fazhilint.toml`` / ``[tool.fazhilint]``.

Keys (all optional)::

    select = ["FZ1", "FZ2"]          # codes, prefixes or names; default: all
    ignore = ["FZ107"]
    fail-on = "warning"              # lowest severity that makes the exit code 1
    [severity]                       # per-rule severity overrides
    FZ105 = "warning"
    [options.FZ503]                  # per-rule options, read by the rule
    threshold = 0.3
    [per-file-ignores]               # rules to ignore for some files (glob, matched from the right)
    "网页存档/*.txt" = ["FZ305"]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from fazhilint.diagnostics import Severity

if TYPE_CHECKING:
    from fazhilint.rule import Context, Rule

CONFIG_FILES = ("fazhilint.toml", ".fazhilint.toml", "pyproject.toml")
_KEYS = {"select", "ignore", "fail-on", "severity", "options", "packs", "profile", "per-file-ignores"}


class ConfigError(ValueError):
    """A configuration or usage mistake; the message names what is wrong."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    severity: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    packs: tuple[Path, ...] = ()
    profile: str | None = None
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, selectors)
    path: Path | None = None  # the file this came from

    @property
    def locked_rules(self) -> frozenset[str]:
        """Codes a shared configuration locks: no suppression may excuse them."""
        return frozenset()

    def with_cli(self, **overrides) -> Config:
        return replace(self, **{k: v for k, v in overrides.items() if v not in (None, ())})

    def context(self, rule: type[Rule]) -> Context:
        """What the rule gets besides the document: its options (validated by ``validate``) and its pack entries."""
        entries = self.packs_loaded().entries(rule.name) if rule.reads_pack else ()
        return rule.context(self.options.get(rule.code), entries)

    def packs_loaded(self):
        """The rule packs: built-in ones, then those named in configuration or with --pack."""
        from fazhilint import packs

        return packs.load(self.packs)

    def for_path(self, path: str) -> Config:
        """This configuration with the per-file ignores that match a path added."""
        extra = tuple(s for glob, selectors in self.per_file_ignores if PurePath(path).match(glob) for s in selectors)
        return replace(self, ignore=self.ignore + extra) if extra else self

    def validate(self) -> Config:
        """This configuration with rule names resolved to codes and every option checked against what
        its rule declares. Raises ConfigError naming the file and the key: a selector, a ``[severity]``
        or ``[options.*]`` key that names no rule, an unknown option, a value of the wrong type."""
        from fazhilint.rules import catalogue, find

        where = f"{self.path}: " if self.path else ""
        self.enabled(catalogue(), where)
        for glob, selectors in self.per_file_ignores:
            replace(self, ignore=selectors).enabled(catalogue(), f"{where}[per-file-ignores] “{glob}”：")
        severity = {_rule(find, key, f"{where}[severity] ").code: value for key, value in self.severity.items()}
        options = {}
        for key, given in self.options.items():
            ref = _rule(find, key, f"{where}[options.{key}] ")
            if not isinstance(given, dict):
                raise ConfigError(f"{where}[options.{key}] 应为表，如 [options.{ref.code}] 下写 选项 = 值")
            from fazhilint.rules import load

            try:
                load([ref])[0].context(given)
            except ValueError as e:
                raise ConfigError(f"{where}[options.{key}] {e}") from None
            options[ref.code] = given
        return replace(self, severity=severity, options=options)

    def enabled(self, rules, where: str = "") -> list:
        """The rules (classes or catalogue entries) that select/ignore leave on.
        The more specific selector wins; on a tie, ignore."""
        for selector in self.select + self.ignore:
            if selector.upper() != "ALL" and not any(_specificity(selector, r) for r in rules):
                raise ConfigError(f"{where}未知的规则或前缀“{selector}”；运行 fazhilint rules 查看全部规则")
        out = []
        for rule in rules:
            chosen = max((_specificity(s, rule) for s in self.select), default=0)
            dropped = max((_specificity(s, rule) for s in self.ignore), default=0)
            if chosen and chosen > dropped:
                out.append(rule)
        return out


def _rule(find, key: str, where: str):
    ref = find(key)
    if ref is None:
        raise ConfigError(f"{where}未知的规则“{key}”；运行 fazhilint rules 查看全部规则")
    return ref


def _specificity(selector: str, rule) -> int:
    s = selector.strip()
    if s.upper() == "ALL":
        return 1
    if s.lower() == rule.name:
        return 10
    if rule.code.startswith(s.upper()) and s.upper().startswith("FZ"):
        return len(s)
    return 0


def load(explicit: Path | None = None, start: Path | None = None) -> Config:
    """The configuration from an explicit file, or the nearest one above ``start``."""
    path = explicit or _find(start or Path.cwd())
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: 无法读取配置文件：{e}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: 配置文件不是合法的 TOML：{e}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("fazhilint", {})
    return from_dict(data, path)


def from_dict(data: dict, path: Path | None = None) -> Config:
    where = f"{path}: " if path else ""
    unknown = set(data) - _KEYS
    if unknown:
        raise ConfigError(f"{where}未知的配置项 {sorted(unknown)}；可用：{sorted(_KEYS)}")
    try:
        severity = {code: Severity.parse(v) for code, v in _table(data, "severity", where).items()}
        fail_on = Severity.parse(data.get("fail-on", "warning"))
    except ValueError as e:
        raise ConfigError(f"{where}{e}") from None
    base = path.parent if path else Path.cwd()
    return Config(
        select=tuple(_strings(data, "select", where)) or ("ALL",),
        ignore=tuple(_strings(data, "ignore", where)),
        fail_on=fail_on,
        severity=severity,
        options=dict(_table(data, "options", where)),
        packs=tuple(base / p for p in _strings(data, "packs", where)),
        profile=data.get("profile"),
        per_file_ignores=_per_file(data.get("per-file-ignores", {}), where),
        path=path,
    )


def _table(data: dict, key: str, where: str) -> dict:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}配置项“{key}”应为表（[{key}]）")
    return value


def _per_file(table, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}配置项“per-file-ignores”应为表：\"文件模式\" = [\"规则\", ...]")
    return tuple((glob, tuple(_strings(table, glob, where))) for glob in table)


def _strings(data: dict, key: str, where: str) -> list[str]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}配置项“{key}”应为字符串列表")
    return value


def _find(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                if name != "pyproject.toml" or b"[tool.fazhilint" in candidate.read_bytes():
                    return candidate
    return None
