"""The lexicon's word counts: cutting only the runs that hold a word counts what cutting everything does."""

from __future__ import annotations

import pytest

from fazhilint.rules.compliance.lexicon import frequency, keywords
from tests.conftest import SAMPLE, SEED

REPORTS = [SAMPLE, SEED]


@pytest.mark.parametrize("path", [p for p in REPORTS if p.is_file()], ids=lambda p: p.name)
def test_frequency_counts_the_paragraphs_whose_keywords_have_the_word(path):
    texts = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += ["普法宣传，法治宣传教育。", "调解员多为兼职", "", "abc 123"]
    every = [keywords(text) for text in texts]
    count = frequency(texts)
    words = set().union(*every) | {"宣传", "普法", "法治", "兼职", "没有的词"}
    for word in sorted(words):
        assert count(word) == sum(word in d for d in every), word


def test_keywords_of_a_text_are_its_runs_keywords():
    assert keywords("加强基层法治人才队伍建设，充实执法人员") == keywords("加强基层法治人才队伍建设") | keywords("充实执法人员")
