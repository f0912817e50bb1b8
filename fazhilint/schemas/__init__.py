"""JSON Schemas of the configuration and of rule packs, for editors (Even Better TOML, VS Code, …).

They are generated from the rules themselves (codes, names, declared options, pack tables), so
they cannot drift: ``python tools/make_schemas.py`` rewrites the shipped ``*.schema.json`` and a
test checks they are current. The loaders stay the authority; the schemas help while typing.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
NAMES = ("config", "pack")
_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_SEVERITIES = ["error", "warning", "info"]
_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string"}


def build(name: str) -> dict:
    return {"config": _config, "pack": _pack}[name]()


def write() -> list[Path]:
    out = []
    for name in NAMES:
        path = HERE / f"{name}.schema.json"
        path.write_text(json.dumps(build(name), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        out.append(path)
    return out


def _rules():
    from fazhilint.rules import all_rules

    return all_rules()


def _config() -> dict:
    rules = _rules()
    # Codes and names by their form, not listed: a new rule does not make the schema stale
    # (the loader names an unknown rule); options and pack tables are listed.
    rule_key = {"type": "string", "pattern": "^([Ff][Zz][0-9]{3}|[a-z0-9]+(-[a-z0-9]+)*)$"}
    selector = {"type": "string", "pattern": "^(ALL|[Ff][Zz][0-9]{0,3}|[a-z0-9]+(-[a-z0-9]+)*)$"}
    selectors = {"anyOf": [selector, {"type": "array", "items": selector}]}
    options = {}
    for rule in rules:
        for key in (rule.code, rule.name):
            if rule.options:
                options[key] = {
                    "type": "object", "additionalProperties": False, "description": f"规则 {rule.code} 的选项",
                    "properties": {o.name: _option(o) for o in rule.options},
                }
    return {
        "$schema": _DRAFT,
        "$id": "https://fazhilint.invalid/schemas/config.schema.json",
        "title": "fazhilint 配置：fazhilint.toml，或 pyproject.toml 的 [tool.fazhilint]",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "extend": {"type": "string", "description": "继承的上级配置文件，路径相对于本文件"},
            "select": {**selectors, "description": "启用的规则：代码、前缀（FZ1）、名称或 ALL"},
            "ignore": {**selectors, "description": "停用的规则（更具体的一项优先）"},
            "fail-on": {"enum": _SEVERITIES, "description": "达到此级别的问题使退出码为 1"},
            "severity": {"type": "object", "description": "调整规则的级别",
                         "propertyNames": rule_key, "additionalProperties": {"enum": _SEVERITIES}},
            "options": {"type": "object", "description": "规则的选项（fazhilint rule 代码 列出可用选项）",
                        "properties": options, "additionalProperties": False},
            "packs": {"type": "array", "items": {"type": "string"}, "description": "规则包文件，路径相对于本文件"},
            "profile": {"type": "string", "description": "报告类型，如 fazhi-annual、report"},
            "year": {"type": "integer", "minimum": 1990, "maximum": 2100,
                     "description": "本批次收取的报告年度（同 --year），其他年度的报告报 FZ410"},
            "per-file-ignores": {"type": "object", "additionalProperties": selectors,
                                 "description": "文件模式（从路径末尾匹配）→ 对这些文件停用的规则"},
            "locked": {"type": "array", "description": "锁定的规则和选项（FZ503.threshold）：下级配置不能改动",
                       "items": {"type": "string", "anyOf": [
                           selector, {"pattern": "^([Ff][Zz][0-9]{3}|[a-z0-9-]+)\\.[a-z0-9_-]+$"}]}},
        },
    }


def _option(option) -> dict:
    out = {"description": option.description, "default": option.default}
    if option.choices:
        out["enum"] = list(option.choices)
    else:
        out["type"] = _JSON_TYPES[type(option.default)]
    return out


def _pack() -> dict:
    from fazhilint.packs import REGEX_KEYS

    strings = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    examples = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}
    common = {
        "id": {"type": "string", "minLength": 1, "description": "条目标识；与内置条目相同则覆盖它"},
        "source": {"type": "string", "minLength": 1, "description": "依据：文件、标准条款或网址"},
        **{key: {**strings, "description": "正则表达式（TOML 中宜用单引号）"} for key in REGEX_KEYS},
        "severity": {"enum": _SEVERITIES},
        "since": {"type": "integer", "description": "适用的首个报告年度"},
        "until": {"type": "integer", "description": "适用的最后一个报告年度"},
    }
    entry = {"type": "object", "required": ["id", "source", "bad", "good"],
             "properties": {**common, "bad": {**examples, "description": "反例：每个都须触发该规则"},
                            "good": {**examples, "description": "正例：每个都不得触发该规则"}}}
    profile = {"type": "object", "required": ["id", "source"], "properties": {
        **common, "element": {"type": "array", "items": {"type": "object", "required": ["id"],
                                                           "properties": common}}}}
    tables = {r.name: {"type": "array", "items": entry, "description": f"规则 {r.code} 读取的条目"}
              for r in _rules() if r.reads_pack}
    from fazhilint.packs import LAYOUT_TABLE
    from fazhilint.rules.layout import KINDS

    layout = {"type": "object", "required": ["id", "source", "kind", "bad", "good"],
              "properties": {**entry["properties"], "kind": {"enum": list(KINDS)},
                             "apply": {"type": "boolean", "description": "false：不做这项检查"}}}
    return {
        "$schema": _DRAFT,
        "$id": "https://fazhilint.invalid/schemas/pack.schema.json",
        "title": "fazhilint 规则包：每个表以读取它的规则名称命名",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "pack": {"type": "object", "properties": {"name": {"type": "string"}, "description": {"type": "string"}}},
            "profile": {"type": "array", "items": profile, "description": "报告类型（FZ501—FZ506）"},
            LAYOUT_TABLE: {"type": "array", "items": layout, "description": "公文版式（FZ7xx、fazhilint format）"},
            **tables,
        },
    }
