"""Rule packs load, override by id, and a malformed pack names the file, the entry and the fault."""

from __future__ import annotations

import json

import pytest

from fazhilint import packs
from tests.test_cli import run

GOOD = '''
[pack]
name = "county"

[[profile]]
id = "a"
source = "某县依法治县办 2025 年通知"
value = 1
'''


def test_extra_pack_entries_override_by_id(tmp_path):
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(GOOD, encoding="utf-8")
    second.write_text(GOOD.replace("value = 1", "value = 2"), encoding="utf-8")
    loaded = packs.load((first, second))
    [entry] = [e for e in loaded.entries("profile") if e.id == "a"]
    assert entry["value"] == 2 and entry.origin == second


@pytest.mark.parametrize("text, fault", [
    ("[[term]]\nid = 'a'\n", "缺少 source"),
    ("[[term]]\nsource = 'x'\n", "缺少 id"),
    ("[[profile]]\nid = 'a'\nsource = 'x'\n[[profile]]\nid = 'a'\nsource = 'y'\n", "id 重复"),
    ("[[term]]\nid = 'a'\nsource = 'x'\n", "没有名为“term”的规则"),
    ("[[profile]]\nid = 'a'\nsource = 'x'\ndetect = '(年'\n", "detect 不是合法的正则表达式"),
    ("[[profile]]\nid = 'a'\nsource = 'x'\n[[profile.element]]\nid = 'e'\nheadings = ['[问题']\n", "headings 不是合法的正则表达式"),
    ("[[placeholder]]\nid = 'a'\nsource = 'x'\npattern = 'a{4294967296}'\nnote = 'n'\nbad = ['a']\ngood = ['b']\n",
     "pattern 不是合法的正则表达式"),
    ("term = 3\n", "条目数组"),
    ("[[term]\n", "不是合法的 TOML"),
    ("[[numbering-sequence]]\nid = 'a'\nsource = 'x'\ngood = ['甲']\n", "缺少 bad"),
])
def test_malformed_pack_is_a_clear_error(tmp_path, text, fault):
    path = tmp_path / "county.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(packs.PackError) as e:
        packs.load((path,))
    assert str(path) in str(e.value) and fault in str(e.value)


def test_cli_reports_a_malformed_pack_as_usage_error(tmp_path):
    path = tmp_path / "county.toml"
    path.write_text("[[term]]\nid = 'a'\n", encoding="utf-8")
    r = run("check", "-", "--pack", str(path), input="一、甲\n")
    assert r.exit_code == 2
    assert "county.toml" in r.stderr and "第1条" in r.stderr and "source" in r.stderr


@pytest.mark.parametrize("path", packs.builtin_files(), ids=lambda p: p.name)
def test_builtin_packs_pass_the_checks_a_county_pack_gets(path):
    """Runs load the built-in packs without compiling every expression; this is where they are checked."""
    assert packs.validate(path)


COUNTY = '''
[pack]
name = "松阳县"

[[placeholder]]
id = "county-template-name"
pattern = '□□乡'
note = "是本县模板的占位写法，请填写乡镇名称"
source = "松阳县依法治县办 2025 年报告模板"
bad = ["□□乡2025年法治政府建设年度报告"]
good = ["竹源乡2025年法治政府建设年度报告"]

[[term-substitution]]
id = "lijie-quanhui"
pattern = '历届(?=全会)'
correct = "历次"
source = "本县覆盖内置条目：改为需核对的修复"
bad = ["党的十九大和历届全会精神"]
good = ["党的二十大和二十届历次全会精神"]
'''


def test_county_pack_adds_and_overrides_entries(tmp_path):
    path = tmp_path / "songyang.toml"
    path.write_text(COUNTY, encoding="utf-8")
    text = "□□乡2025年法治政府建设年度报告\n全面贯彻党的十九大和历届全会精神。\n"
    r = run("check", "-", "--select", "FZ303,FZ304", "--format", "json", input=text)
    assert [d["code"] for d in json.loads(r.stdout)] == ["FZ304"]
    r = run("check", "-", "--select", "FZ303,FZ304", "--format", "json", "--pack", str(path), input=text)
    found = json.loads(r.stdout)
    assert [(d["line"], d["code"]) for d in found] == [(1, "FZ303"), (2, "FZ304")]
    assert "本县模板" in found[0]["message"]
    assert found[1]["fix"]["applicability"] == "unsafe"  # the county's entry replaced the built-in safe one


def test_county_pack_from_configuration(tmp_path):
    (tmp_path / "songyang.toml").write_text(COUNTY, encoding="utf-8")
    (tmp_path / "fazhilint.toml").write_text('packs = ["songyang.toml"]\n', encoding="utf-8")
    from fazhilint import config

    loaded = config.load(start=tmp_path)
    assert [e.id for e in loaded.packs_loaded().entries("placeholder")][-1] == "county-template-name"


@pytest.mark.parametrize("text, fault", [
    ("[[placeholder]]\nid = 'a'\nsource = 'x'\npattern = '(未闭合'\nnote = 'n'\nbad = ['甲']\ngood = ['乙']\n",
     "pattern 不是合法的正则表达式"),
    ("[[placeholder]]\nid = 'a'\nsource = 'x'\nnote = 'n'\nbad = ['甲']\ngood = ['乙']\n", "缺少 pattern"),
    ("[[outdated-formulation]]\nid = 'a'\nsource = 'x'\npattern = '甲'\nnote = 'n'\naccept = ['[']\nbad = ['甲']\ngood = ['乙']\n",
     "accept 不是合法的正则表达式"),
    ("[[canonical-phrase]]\nid = 'a'\nsource = 'x'\npattern = '甲'\ncorrect = '乙'\nseverity = 'fatal'\nbad = ['甲']\ngood = ['乙']\n",
     "severity"),
    ("[[term-substitution]]\nid = 'a'\nsource = 'x'\npattern = '(甲)'\ncorrect = '\\2乙'\nbad = ['甲']\ngood = ['乙']\n",
     "不存在的分组"),
    ("[[outdated-formulation]]\nid = 'a'\nsource = 'x'\npattern = '甲'\nnote = 'n'\nuntil = '2020'\nbad = ['甲']\ngood = ['乙']\n",
     "until 应为年份"),
    ("[[placeholder]]\nid = 'a'\nsource = 'x'\npattern = 3\nnote = 'n'\nbad = ['甲']\ngood = ['乙']\n",
     "pattern 应为正则表达式"),
    ("[[canonical-phrase]]\nid = 'a'\nsource = 'x'\npattern = '甲'\nbad = ['甲']\ngood = ['乙']\n", "缺少 correct"),
    ("[[canonical-phrase]]\nid = 'a'\nsource = 'x'\nchains = [{ items = ['甲'] }]\nbad = ['甲']\ngood = ['乙']\n",
     "chains 应为"),
])
def test_malformed_pattern_entry_is_a_clear_error(tmp_path, text, fault):
    path = tmp_path / "county.toml"
    path.write_text(text, encoding="utf-8")
    r = run("check", "-", "--pack", str(path), input="一、甲\n")
    assert r.exit_code == 2
    assert "county.toml" in r.stderr and "第1条" in r.stderr and "id = 'a'" in r.stderr and fault in r.stderr


def test_rule_command_lists_pack_entries():
    r = run("rule", "FZ301")
    assert r.exit_code == 0
    assert "规则包条目" in r.stdout and "goal-chain" in r.stdout and "依据：" in r.stdout
