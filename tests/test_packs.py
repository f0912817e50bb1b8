"""Rule packs load, override by id, and a malformed pack names the file, the entry and the fault."""

from __future__ import annotations

import pytest

from fazhilint import packs
from tests.test_cli import run

GOOD = '''
[pack]
name = "county"

[[term]]
id = "a"
source = "某县依法治县办 2025 年通知"
value = 1
'''


def test_extra_pack_entries_override_by_id(tmp_path):
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(GOOD, encoding="utf-8")
    second.write_text(GOOD.replace("value = 1", "value = 2"), encoding="utf-8")
    loaded = packs.load((first, second))
    assert [e["value"] for e in loaded.entries("term")] == [2]
    assert loaded.entries("term")[0].origin == second


@pytest.mark.parametrize("text, fault", [
    ("[[term]]\nid = 'a'\n", "缺少 source"),
    ("[[term]]\nsource = 'x'\n", "缺少 id"),
    ("[[term]]\nid = 'a'\nsource = 'x'\n[[term]]\nid = 'a'\nsource = 'y'\n", "id 重复"),
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


def test_builtin_packs_load():
    packs.load()
