"""The roster list: one unit a line, other names after =."""

from __future__ import annotations

from fazhilint.roster import RosterUnit, format_roster, match_unit, parse_roster

LIST = """\ufeff# 2025 年应报送单位
松江镇人民政府 = 松江镇
金龙街道办事处 ＝ 金龙街道 = 金龙街道办

栗子乡人民政府
松江镇人民政府 = 松江
"""


def test_parse_keeps_order_merges_repeats_and_skips_comments():
    units = parse_roster(LIST)
    assert units == [RosterUnit("松江镇人民政府", ("松江镇", "松江")),
                     RosterUnit("金龙街道办事处", ("金龙街道", "金龙街道办")), RosterUnit("栗子乡人民政府")]
    assert format_roster(units).splitlines()[0] == "松江镇人民政府 = 松江镇 = 松江"
    assert parse_roster(format_roster(units)) == units


def test_match_by_any_name_or_by_containment():
    units = parse_roster(LIST)
    assert match_unit("松江镇", units) == "松江镇人民政府"
    assert match_unit("金龙街道办", units) == "金龙街道办事处"
    assert match_unit("栗子乡", units) == "栗子乡人民政府"  # contained in one unit's name
    assert match_unit("松江镇人民政府办公室", units) == "松江镇人民政府"
    assert match_unit("石桥镇", units) is None
    assert match_unit("", units) is None


def test_ambiguous_names_match_nothing():
    units = parse_roster("东城街道办事处\n东城镇人民政府\n")
    assert match_unit("东城", units) is None
