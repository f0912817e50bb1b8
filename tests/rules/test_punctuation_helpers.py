"""Shared punctuation helpers find what their plain regular expressions find, only faster."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from fazhilint.rules.punctuation import URL, url_spans
from fazhilint.rules.punctuation.fz203_halfwidth_punctuation import _STOP

TEXT = st.text(alphabet="wW.@:/htpsf中a1 ，", max_size=30)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_url_spans_are_the_url_matches(text):
    assert url_spans(text, 5) == [(m.start() + 5, m.end() + 5) for m in URL.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=".a。", max_size=12))
def test_a_lone_stop_is_a_dot_without_a_dot_beside_it(text):
    lone = re.compile(r"(?<!\.)\.(?!\.)")
    assert [m.start() for m in _STOP.finditer(text)] == [m.start() for m in lone.finditer(text)]
    assert all(bool(_STOP.match(text, i)) == bool(lone.match(text, i)) for i in range(len(text)))
