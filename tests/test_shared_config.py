"""Shared configuration: found from each file's folder, extend chains, locked rules, config/init, JSON Schemas."""

from __future__ import annotations

import json
import re
import tomllib

import jsonschema
import pytest
from typer.testing import CliRunner

from fazhilint import config, packs, resources, schemas
from fazhilint.cli import app
from fazhilint.rules import catalogue
from tests.conftest import REPO

REPORT = "某镇人民政府关于2024年度安全生产工作情况的报告\n我镇贯彻(试行)办法。\n今年开展检查。\n"


def cli(*args):
    return CliRunner().invoke(app, [*map(str, args)])


def codes(stdout: str) -> list[str]:
    return re.findall(r": (FZ\d{3}) ", stdout)


@pytest.fixture
def county(tmp_path):
    """national → county → township, each a file, the township's report in its own folder."""
    (tmp_path / "全国.toml").write_text('select = ["ALL"]\nignore = ["FZ107"]\n[severity]\nFZ403 = "info"\n',
                                       encoding="utf-8")
    (tmp_path / "县").mkdir()
    (tmp_path / "县" / "县级规则.toml").write_text(
        'extend = "../全国.toml"\nlocked = ["FZ2", "FZ503.threshold"]\n[options.FZ503]\nthreshold = 0.4\n'
        '[severity]\nFZ105 = "error"\n', encoding="utf-8")
    town = tmp_path / "县" / "竹源乡"
    town.mkdir()
    (town / "fazhilint.toml").write_text('extend = "../县级规则.toml"\nignore = ["FZ403"]\n', encoding="utf-8")
    (town / "报告.txt").write_text(REPORT, encoding="utf-8")
    return town


def test_extend_chain_inherits_and_the_nearer_file_wins(county):
    c = config.load(county / "fazhilint.toml")
    assert [p.name for p in c.chain] == ["全国.toml", "县级规则.toml", "fazhilint.toml"]
    on = {r.code for r in c.enabled(catalogue())}
    assert "FZ107" not in on and "FZ403" not in on and "FZ101" in on
    assert c.options == {"FZ503": {"threshold": 0.4}} and c.severity["FZ105"].label == "error"
    assert c.origin["severity.FZ105"].endswith("县级规则.toml") and c.origin["ignore"].endswith("fazhilint.toml")
    # a file that sets select starts afresh: the township may bring back what the nation ignored
    (county / "fazhilint.toml").write_text('extend = "../县级规则.toml"\nselect = ["ALL"]\n', encoding="utf-8")
    c = config.load(county / "fazhilint.toml")
    assert "FZ107" in {r.code for r in c.enabled(catalogue())}


def test_configuration_is_found_from_each_files_folder(county, tmp_path, monkeypatch):
    other = tmp_path / "其他"
    other.mkdir()
    (other / "报告.txt").write_text(REPORT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = cli("check", "-f", "concise", tmp_path)
    township = [line for line in r.stdout.splitlines() if "竹源乡" in line]
    elsewhere = [line for line in r.stdout.splitlines() if "其他" in line]
    assert not any("FZ403" in line for line in township)  # the township ignores it
    assert any("FZ403" in line for line in elsewhere)  # no configuration there: everything


def test_a_township_cannot_switch_off_a_locked_rule(county):
    (county / "fazhilint.toml").write_text(
        'extend = "../县级规则.toml"\nignore = ["FZ203"]\n[severity]\nFZ206 = "info"\n'
        '[options.FZ503]\nthreshold = 0.1\n[per-file-ignores]\n"*.txt" = ["FZ2"]\n', encoding="utf-8")
    r = cli("check", "-f", "concise", county / "报告.txt")
    assert r.exit_code == 1
    assert "FZ203" in codes(r.stdout)  # still checked
    locked = [line for line in r.stdout.splitlines() if " FZ004 " in line]
    assert len(locked) == 4 and all("县级规则.toml" in line and "锁定" in line for line in locked)
    c = config.load(county / "fazhilint.toml")
    assert c.options["FZ503"]["threshold"] == 0.4 and "FZ206" not in c.severity


def test_a_locked_rule_cannot_be_excused_either(county):
    (county / "报告.fazhilint.toml").write_text('[[ignore]]\nrule = "FZ203"\ntext = "(试行)"\nreason = "原文"\n',
                                              encoding="utf-8")
    r = cli("check", "-f", "concise", county / "报告.txt")
    assert "FZ203" in codes(r.stdout) and "已被上级配置锁定" in r.stdout


def test_extend_errors_name_the_file(tmp_path):
    (tmp_path / "a.toml").write_text('extend = "b.toml"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('extend = "a.toml"\n', encoding="utf-8")
    with pytest.raises(config.ConfigError, match="循环"):
        config.load(tmp_path / "a.toml")
    (tmp_path / "c.toml").write_text('extend = "无此文件.toml"\n', encoding="utf-8")
    with pytest.raises(config.ConfigError, match="不存在"):
        config.load(tmp_path / "c.toml")
    (tmp_path / "d.toml").write_text('locked = ["FZ503.nothing"]\n', encoding="utf-8")
    with pytest.raises(config.ConfigError, match="没有选项"):
        config.load(tmp_path / "d.toml")
    (tmp_path / "e.toml").write_text('extend = "d.toml"\n', encoding="utf-8")
    with pytest.raises(config.ConfigError, match="d.toml"):  # the fault is named in the file that has it
        config.load(tmp_path / "e.toml")


def test_config_command_shows_where_each_setting_came_from(county, monkeypatch):
    monkeypatch.chdir(county)
    r = cli("config", "报告.txt")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "1. ../../全国.toml" in out and "3. fazhilint.toml" in out
    assert re.search(r"FZ107 duplicate-paragraph\s+# ../../全国.toml", out)
    assert re.search(r"FZ403 relative-time\s+# fazhilint.toml", out)
    assert re.search(r"\[options.FZ503\] threshold = 0.4\s+# ../县级规则.toml", out)
    assert "FZ201 FZ202" in out and "FZ503.threshold" in out


def test_init_writes_a_valid_commented_starter(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("init").exit_code == 0
    text = (tmp_path / "fazhilint.toml").read_text(encoding="utf-8")
    assert text.count("#") > 10
    config.load(tmp_path / "fazhilint.toml").validate()
    jsonschema.validate(tomllib.loads(text), _schema("config"))
    assert cli("init").exit_code == 2  # never overwrites


# ---- JSON Schemas -------------------------------------------------------------------

def _schema(name: str) -> dict:
    return json.loads(resources.schema_path(name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", schemas.NAMES)
def test_shipped_schemas_are_current_and_valid(name):
    shipped = _schema(name)
    assert shipped == schemas.build(name), "run python tools/make_schemas.py"
    jsonschema.Draft202012Validator.check_schema(shipped)


@pytest.mark.parametrize("path", packs.builtin_files(), ids=lambda p: p.name)
def test_builtin_packs_match_the_pack_schema(path):
    jsonschema.validate(tomllib.loads(path.read_text(encoding="utf-8")), _schema("pack"))


def _readme_tomls() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)


def test_readme_examples_match_their_schema():
    blocks = _readme_tomls()
    assert len(blocks) >= 3
    for block in blocks:
        data = tomllib.loads(block)
        if "ignore" in data and isinstance(data["ignore"], list) and data["ignore"] and isinstance(data["ignore"][0], dict):
            continue  # a suppression sidecar (报告.fazhilint.toml), not a configuration
        name = "pack" if "pack" in data or any(isinstance(v, list) and v and isinstance(v[0], dict)
                                               for v in data.values()) else "config"
        jsonschema.validate(data, _schema(name))


def test_schemas_reject_what_the_loaders_reject():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"selekt": ["ALL"]}, _schema("config"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"options": {"FZ210": {"quotes": "sometimes"}}}, _schema("config"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"placeholder": [{"id": "x", "source": "y", "bad": ["a"]}]}, _schema("pack"))


def test_the_command_line_may_narrow_a_run_past_locks(county):
    r = cli("check", "-f", "concise", "--select", "FZ4", county / "报告.txt")
    assert "FZ203" not in codes(r.stdout)
    r = cli("check", "-f", "concise", "--ignore", "FZ107", county / "报告.txt")
    assert "FZ203" in codes(r.stdout)
