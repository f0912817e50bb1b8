"""Report profiles: the built-in pack's heading synonyms, profile choice, a county's own profile."""

from __future__ import annotations

import pytest

from fazhilint import packs, profiles
from fazhilint.parse import parse
from fazhilint.source import Source
from tests.conftest import found, lint_text
from tests.test_cli import run

ANNUAL = profiles.available(packs.load())["fazhi-annual"]
EXAMPLES = [(e.id, text, True) for e in ANNUAL.elements for text in e.words("examples")]
COUNTER = [(e.id, text, False) for e in ANNUAL.elements for text in e.words("counter-examples")]


def doc(text: str):
    return parse(Source.from_string(text, "<test>"))


@pytest.mark.parametrize("element, heading, expected", EXAMPLES + COUNTER)
def test_pack_heading_examples(element, heading, expected):
    assert ANNUAL.element(element).matches(heading) is expected


@pytest.mark.parametrize("element, heading", [(e, h) for e, h, _ in EXAMPLES])
def test_every_synonym_is_found_numbered_or_not(element, heading):
    title = "松江镇2023年法治政府建设工作报告\n"
    for line in (f"二、{heading}\n", f"{heading}\n"):
        sections = profiles.find_sections(doc(f"{title}一、其他工作\n{line}（一）某项内容。\n"), ANNUAL)
        assert sections[element].title == heading, line


@pytest.mark.parametrize("title, expected", [
    ("松江镇2023年法治政府建设工作报告", "fazhi-annual"),
    ("小龍門鄉2024年法治政府建設情況報告", "fazhi-annual"),
    ("大河乡2024年安全生产工作报告", "report"),
    ("政府工作报告", "report"),
    ("松江镇2023年法治政府建设工作总结", "fazhi-annual"),
    ("2023年镇法治政府建设工作总结及2024年工作思路", "fazhi-annual"),
    ("关于2023年度法治政府建设情况的报告（乡镇版）", "fazhi-annual"),
    ("松江镇2024年法治政府建设工作要点", "report"),
    ("松江镇法治政府建设示范创建实施方案", "report"),
])
def test_profile_chosen_from_title(title, expected):
    assert profiles.choose(doc(f"{title}\n一、主要举措和成效\n"), packs.load()).id == expected


def test_profile_from_opening_when_there_is_no_title():
    text = "现将我镇2023年度法治政府建设工作情况报告如下：\n一、主要举措和成效\n"
    assert profiles.choose(doc(text), packs.load()).id == "fazhi-annual"


def test_configuration_overrides_the_title():
    text = "政府工作报告\n一、过去一年的工作\n"
    assert profiles.choose(doc(text), packs.load(), "fazhi-annual").id == "fazhi-annual"


COUNTY = '''
[[profile]]
id = "township-annual"
name = "乡镇法治政府建设年度报告（某县要求）"
source = "某县依法治县办 2025 年通知"
title-requires = ["unit", "year"]

[[profile.element]]
id = "measures"
label = "主要举措和成效"
headings = ["成效"]

[[profile.element]]
id = "legal-advisers"
label = "法律顾问工作情况"
headings = ["法律顾问"]
'''


def test_a_county_defines_its_own_profile(tmp_path):
    pack = tmp_path / "county.toml"
    pack.write_text(COUNTY, encoding="utf-8")
    text = "大河乡2024年法治政府建设情况报告\n一、主要举措和成效\n二、存在的问题\n"
    diagnostics = lint_text(text, "FZ501", packs=(pack,), profile="township-annual")
    assert found(diagnostics, "FZ501") == [(1, 1)]
    assert "法律顾问工作情况" in diagnostics[0].message


def test_unknown_profile_is_a_usage_error():
    r = run("check", "-", "--profile", "annual", input="一、甲\n")
    assert r.exit_code == 2
    assert "未知的报告类型“annual”" in r.stderr and "fazhi-annual" in r.stderr


@pytest.mark.parametrize("title, unit", [
    ("松江镇2023年法治政府建设工作报告", "松江镇"),
    ("鲤城区人民政府金龙街道办事处关于2022年度法治政府建设情况的报告", "金龙街道"),
    ("丰都县栗子乡人民政府2025年法治政府建设情况报告", "栗子乡"),
    ("赵县人民政府 2022年度法治政府建设情况报告", "赵县"),
    ("武汉市司法局关于2023年度法治政府建设情况的报告", None),
    ("关于法治政府建设的情况报告", None),
])
def test_reporting_unit_from_title(title, unit):
    found_unit = profiles.reporting_unit(title)
    assert (found_unit.name if found_unit else None) == unit
