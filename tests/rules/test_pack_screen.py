"""The pack rules' pre-screen: a text without any of a pattern's required strings has no match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhilint import packs
from fazhilint.rules.wording import required_strings


@pytest.mark.parametrize("pattern, needed", [
    ("(?<![提申])请(?:领导)?批示", {"批示"}),
    ("(?:[尊遵学守用]法[、，,]?){3}[尊遵学守用]法", {"法"}),
    ("[妥当]否", {"否"}),  # of two sets equally long, the one of fewer strings
    ("[妥当]", {"妥", "当"}),
    ("截止(?=目前)|历届", {"截止", "历届"}),
    ("x*(?:yz)+", {"yz"}),
    ("a?|b", None),  # may match the empty string
    ("[^a]b?", None),
    (r"\d+", None),
    ("(?i)ab", None),
    ("c(?i:ab)", {"c"}),
])
def test_required_strings(pattern, needed):
    assert required_strings(pattern) == (None if needed is None else frozenset(needed))


PATTERNS = ["ab|c", "(?:ab)+c?", "a(?:b|cd)e", "[ab]c{2,}", "(?>a|bc)d", "a(?=b)b", "(a)\\1", "a*b+", "(?:a|b)*c",
            "[a-c]d|e", "a{0}b", "(?:ab|cd){2}"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(alphabet="abcde", max_size=12))
def test_every_match_contains_a_required_string(pattern, text):
    needed = required_strings(pattern)
    for m in re.finditer(pattern, text):
        if m.group():
            assert needed is None or any(s in m.group() for s in needed), (pattern, text)


def test_every_builtin_match_contains_a_required_string():
    loaded = packs.load()
    for table in loaded.tables():
        for entry in loaded.entries(table):
            if isinstance(entry.get("pattern"), str) and entry.get("bad"):
                needed = required_strings(entry["pattern"])
                for text in entry["bad"]:
                    for m in re.finditer(entry["pattern"], text):
                        assert needed is None or any(s in m.group() for s in needed), (entry.id, m.group())
