"""Configuration: command-line options over ``fazhilint.toml`` / ``[tool.fazhilint]``.

Keys (all optional)::

    select = ["FZ1", "FZ2"]          # codes, prefixes or names; default: all
    ignore = ["FZ107"]
    fail-on = "warning"              # lowest severity that makes the exit code 1
    year = 2025                      # the report year this batch collects (FZ410)
    [severity]                       # per-rule severity overrides
    FZ105 = "warning"
    [options.FZ503]                  # per-rule options, read by the rule
    threshold = 0.3
    [per-file-ignores]               # rules to ignore for some files (glob, matched from the right)
    "网页存档/*.txt" = ["FZ305"]
    extend = "../县级规则.toml"       # inherit another configuration (a chain: national → … → unit)
    locked = ["FZ2", "FZ503.threshold"]  # rules (and options) no configuration below may change

A configuration that extends another inherits everything it does not set: ``select`` given
anew starts the selection afresh (as in ruff), ``ignore`` removes from what is inherited,
``[severity]`` and ``[options.*]`` are merged key by key, ``packs`` and ``per-file-ignores``
add up. What an outer file locks stays as it set it: a file below that tries to switch a
locked rule off, lower its severity or change a locked option is reported (FZ004), not obeyed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from fazhilint.diagnostics import Severity

if TYPE_CHECKING:
    from fazhilint.rule import Context, Rule

CONFIG_FILES = ("fazhilint.toml", ".fazhilint.toml", "pyproject.toml")
_KEYS = {"select", "ignore", "fail-on", "severity", "options", "packs", "profile", "per-file-ignores", "year",
         "extend", "locked"}
_MAX_CHAIN = 20


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
    year: int | None = None  # the report year a batch collects (--year): another year is FZ410
    path: Path | None = None  # the file this came from
    # The chain (extend): the select/ignore of the files this one extends, outermost first; select is
    # None where a file did not set it (the selection it inherits goes on).
    inherited: tuple[tuple[tuple[str, ...] | None, tuple[str, ...]], ...] = ()
    select_given: bool = False
    locked: dict[str, str] = field(default_factory=dict)  # rule code or "FZnnn.option" → the file that locked it
    conflicts: tuple[str, ...] = ()  # attempts to change a locked setting (reported as FZ004)
    origin: dict[str, str] = field(default_factory=dict)  # setting → the file it came from (fazhilint config)
    chain: tuple[Path, ...] = ()  # the files read, outermost first
    cli: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # --select, --ignore: a person's choice, not bound by locks

    @property
    def locked_rules(self) -> frozenset[str]:
        """Codes a shared configuration locks: no suppression may excuse them."""
        return frozenset(k for k in self.locked if "." not in k)

    def with_cli(self, **overrides) -> Config:
        given = {k: v for k, v in overrides.items() if v not in (None, ())}
        if "select" in given:
            given["select_given"] = True
        if "select" in given or "ignore" in given:
            given["cli"] = (given.get("select", ()), given.get("ignore", ()))
        return replace(self, **given)

    def context(self, rule: type[Rule]) -> Context:
        """What the rule gets besides the document: its options (validated by ``validate``) and its pack entries."""
        entries = self.packs_loaded().entries(rule.pack_table or rule.name) if rule.reads_pack else ()
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
        return replace(self, severity=severity, options=options, locked=self._resolve_locked(where))

    def _resolve_locked(self, where: str) -> dict[str, str]:
        """``locked`` entries as rule codes ("FZ2" → every FZ2xx) and "FZnnn.option" keys."""
        from fazhilint.rules import catalogue, find, load

        out = {}
        for key, origin in self.locked.items():
            selector, _, option = key.partition(".")
            if option:
                ref = _rule(find, selector, f"{where}locked “{key}”：")
                names = {o.name for o in load([ref])[0].options}
                if option not in names:
                    raise ConfigError(f"{where}locked “{key}”：规则 {ref.code} 没有选项“{option}”"
                                      f"（可用：{'、'.join(sorted(names)) or '无'}）")
                out[f"{ref.code}.{option}"] = origin
            else:
                refs = replace(self, select=(selector,), ignore=(), inherited=(), locked={}).enabled(
                    catalogue(), f"{where}locked ")
                out.update({r.code: origin for r in refs})
        return out

    def enabled(self, rules, where: str = "") -> list:
        """The rules (classes or catalogue entries) that select/ignore leave on, through the chain of
        configurations: within one file the more specific selector wins (on a tie, ignore); a file that
        sets select starts afresh, one that only ignores removes from what it inherits. Locked rules stay on."""
        for selector in self.select + self.ignore:
            if selector.upper() != "ALL" and not any(_specificity(selector, r) for r in rules):
                raise ConfigError(f"{where}未知的规则或前缀“{selector}”；运行 fazhilint rules 查看全部规则")
        layers = (*self.inherited, (self.select if self.select_given or not self.inherited else None, self.ignore))
        locked = self.locked_rules
        cli = ((self.cli[0] or None, self.cli[1]),)
        # a locked rule stays on whatever the files say; only the command line may leave it out
        return [rule for rule in rules
                if _layered(layers, rule) or rule.code in locked and _layered(((("ALL",), ()), *cli), rule)]


def _layered(layers, rule) -> bool:
    on = False
    for select, ignore in layers:
        dropped = max((_specificity(s, rule) for s in ignore), default=0)
        if select is not None:
            chosen = max((_specificity(s, rule) for s in select), default=0)
            on = bool(chosen) and chosen > dropped
        elif dropped:
            on = False
    return on


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
    """The configuration from an explicit file, or the nearest one above ``start``, with the files it extends."""
    path = explicit or find_file(start or Path.cwd())
    if path is None:
        return Config()
    return _chain(path, ())


def _read(path: Path) -> dict:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # Notepad's BOM is no fault
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: 无法读取配置文件：{e}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: 配置文件不是合法的 TOML：{e}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("fazhilint", {})
    return data


def _chain(path: Path, seen: tuple[Path, ...]) -> Config:
    """One file of the chain, merged over the file it extends (validated file by file)."""
    path = Path(path)
    if path.resolve() in seen or len(seen) > _MAX_CHAIN:
        raise ConfigError(f"{path}: extend 形成了循环：{' → '.join(map(str, (*seen, path.resolve())))}")
    data = _read(path)
    own = from_dict(data, path).validate()
    extend = data.get("extend")
    if extend is None:
        return _own_origin(own, data)
    if not isinstance(extend, str):
        raise ConfigError(f"{path}: extend 应为一个文件路径（字符串），如 extend = \"../县级规则.toml\"")
    parent_path = Path(os.path.normpath(path.parent / extend))
    if not parent_path.is_file():
        raise ConfigError(f"{path}: extend 指向的文件不存在：{parent_path}")
    parent = _chain(parent_path, (*seen, path.resolve()))
    return _merge(parent, own, data)


def shown(path) -> str:
    """A path as messages show it: relative to the working directory when below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return rel if len(rel) < len(str(path)) else str(path)


def _own_origin(config: Config, data: dict) -> Config:
    where = shown(config.path)
    origin = {key: where for key in data if key not in ("severity", "options", "extend")}
    origin.update({f"severity.{code}": where for code in config.severity})
    origin.update({f"options.{code}.{name}": where for code, given in config.options.items() for name in given})
    return replace(config, origin=origin, chain=(config.path,), select_given="select" in data)


def _merge(parent: Config, child: Config, data: dict) -> Config:
    """``child`` (one file, validated) over the configuration it extends; locked settings stay."""
    from fazhilint.rules import catalogue

    child = _own_origin(child, data)
    where, locked = shown(child.path), parent.locked
    conflicts, rejected = list(parent.conflicts), set()

    def refuse(key: str, what: str, lock: str) -> None:
        conflicts.append(f"{where} 的 {what} 未采用：已被 {lock} 锁定（locked），照常检查")
        rejected.add(key)

    layer = (child.select if child.select_given else None, child.ignore)
    held = [ref for ref in catalogue() if ref.code in locked]
    attempts = [("select" if child.select_given else "ignore",
                 [r for r in held if not _layered(((("ALL",), ()), layer), r)])]
    attempts += [(f"[per-file-ignores] “{glob}”", [r for r in held if any(_specificity(s, r) for s in selectors)])
                 for glob, selectors in child.per_file_ignores]
    for what, refs in attempts:
        for lock in dict.fromkeys(locked[r.code] for r in refs):
            refuse("", f"{what} 停用 {'、'.join(r.code for r in refs if locked[r.code] == lock)}", lock)
    severity = dict(parent.severity)
    for code, value in child.severity.items():
        if code in locked and value != parent.severity.get(code):
            refuse(f"severity.{code}", f"[severity] {code} = \"{value.label}\"", locked[code])
        else:
            severity[code] = value
    options = {code: dict(given) for code, given in parent.options.items()}
    for code, given in child.options.items():
        for name, value in given.items():
            lock = locked.get(f"{code}.{name}") or locked.get(code)
            if lock and value != parent.options.get(code, {}).get(name, _UNSET):
                refuse(f"options.{code}.{name}", f"[options.{code}] {name} = {value!r}", lock)
            else:
                options.setdefault(code, {})[name] = value
    origin = {**parent.origin, **{k: v for k, v in child.origin.items() if k not in rejected}}
    return replace(
        child,
        select=child.select if child.select_given else parent.select,
        inherited=(*parent.inherited, (parent.select if parent.select_given or not parent.inherited else None,
                                       parent.ignore)),
        fail_on=child.fail_on if "fail-on" in data else parent.fail_on,
        severity=severity,
        options=options,
        packs=parent.packs + child.packs,
        profile=child.profile if "profile" in data else parent.profile,
        year=child.year if "year" in data else parent.year,
        per_file_ignores=parent.per_file_ignores + child.per_file_ignores,
        locked={**child.locked, **parent.locked},  # an outer lock keeps the name of the outer file
        conflicts=tuple(conflicts),
        origin=origin,
        chain=parent.chain + child.chain,
    )


_UNSET = object()


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
    if not isinstance(data.get("profile", ""), str):
        raise ConfigError(f"{where}配置项“profile”应为字符串，如 profile = \"fazhi-annual\"")
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
        year=_year(data.get("year"), where),
        path=path,
        locked={key: shown(path) for key in _strings(data, "locked", where)},
        select_given="select" in data,
    )


def _year(value, where: str) -> int | None:
    if value is None:
        return None
    if type(value) is not int or not 1990 <= value <= 2100:
        raise ConfigError(f"{where}配置项“year”应为四位数的年份，如 year = 2025，而不是 {value!r}")
    return value


def _table(data: dict, key: str, where: str) -> dict:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}配置项“{key}”应为表（[{key}]）")
    return value


def _per_file(table, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}配置项“per-file-ignores”应为表：\"文件模式\" = [\"规则\", ...]")
    if any(not glob.strip() for glob in table):
        raise ConfigError(f"{where}per-file-ignores 的文件模式不能为空；如 \"附件/*.docx\" = [\"FZ5\"]")
    return tuple((glob, tuple(_strings(table, glob, where))) for glob in table)


def _strings(data: dict, key: str, where: str) -> list[str]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}配置项“{key}”应为字符串列表")
    return value


def find_file(start: Path) -> Path | None:
    """The nearest configuration file in ``start`` or a folder above it."""
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                if name != "pyproject.toml" or b"[tool.fazhilint" in candidate.read_bytes():
                    return candidate
    return None
