"""The small lexicon shipped in rules/lexicon/ (FZ503 and FZ505): jieba with its trimmed dictionary,
stop words, synonym groups, and the part of speech of each dictionary word.

Importing jieba leaves the process as it was: a program that uses jieba itself, before or
after fazhilint, gets jieba as if it had imported it alone.
"""

from __future__ import annotations

import hashlib
import re
import sys
import types
from functools import cache, lru_cache

from fazhilint import resources

_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")


def keywords(text: str) -> frozenset[str]:
    """The words a text is about: jieba's words minus stop words, synonyms merged.

    jieba cuts each run of Chinese characters (between punctuation and spaces) on its own, so a
    text's words are its runs' words: each run is cut once (plan items are paragraphs too)."""
    return frozenset().union(*map(_run_keywords, _runs(text)))


def frequency(texts: list[str]):
    """``frequency(word)``: how many of the texts have the word among their keywords.

    Only the runs that hold one of the word's spellings are cut: a run without any cannot yield it.
    The texts are searched joined by line breaks (no run crosses one)."""
    from bisect import bisect_right
    from itertools import accumulate

    joined = "\n".join(texts)
    runs = list(_run_pattern().finditer(joined))
    starts = [run.start() for run in runs]
    ends = list(accumulate(len(text) + 1 for text in texts))  # where each text ends, its line break included

    def count(word: str) -> int:
        having = set()  # the texts found to have it
        for spelling in _spellings(word):
            if not all(c in joined for c in spelling):
                continue  # one character is found many times faster than a string of a few (CPython 3.11)
            at = joined.find(spelling)
            while at >= 0:
                text = bisect_right(ends, at)
                run = runs[bisect_right(starts, at) - 1]  # a spelling is made of run characters: it is in a run
                if text in having or word in _run_keywords(run.group()):
                    having.add(text)
                    at = joined.find(spelling, ends[text])  # the next text
                else:
                    at = joined.find(spelling, run.end())  # the next run
        return len(having)

    return count


def _runs(text: str) -> list[str]:
    """The runs of Chinese characters (with letters and digits) that jieba cuts one by one."""
    return _run_pattern().findall(text)


def _run_pattern() -> re.Pattern:
    return _import_jieba().re_han_default


@lru_cache(maxsize=16384)
def _run_keywords(run: str) -> frozenset[str]:
    tokenizer, stopwords, synonyms = lexicon()
    return frozenset({synonyms.get(w, w) for w in tokenizer.lcut(run, HMM=False) if _WORD.match(w) and w not in stopwords})


@lru_cache(maxsize=4096)
def _spellings(word: str) -> tuple[str, ...]:
    """The words keywords() turns into ``word``: itself (unless it is merged into another) and its synonyms."""
    synonyms = lexicon()[2]
    words = tuple(w for w, head in synonyms.items() if head == word) + (() if word in synonyms else (word,))
    return tuple(w for w in words if _run_pattern().fullmatch(w))  # a word of other characters is never cut out


def part_of_speech(word: str) -> str:
    """jieba's tag for a dictionary word (v verb, p preposition, ns place name…), "" if not listed.
    The few words asked about are looked up in the file's text (a dictionary of every line would
    cost ~50 ms to build)."""
    found = re.search(rf"^{re.escape(word)} \d+ (\S+)$", _dictionary(), re.MULTILINE)
    return found.group(1) if found else ""


@cache
def _dictionary() -> str:
    return (_folder() / "dict.txt").read_text(encoding="utf-8")


def _folder():
    return resources.rules_dir() / "lexicon"


@cache
def lexicon():
    """jieba with the small dictionary shipped in rules/lexicon/ (never jieba's 550 ms default one)."""
    jieba = _import_jieba()
    folder = _folder()
    dictionary = folder / "dict.txt"
    tokenizer = jieba.Tokenizer(dictionary=str(dictionary))
    try:
        directory = resources.cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(directory)
        # Named by content, not by path (jieba's default), so every install of one dictionary shares one file.
        tokenizer.cache_file = f"jieba-{hashlib.sha256(dictionary.read_bytes()).hexdigest()[:16]}.cache"
        _load_cache(jieba, tokenizer, directory / tokenizer.cache_file)
    except OSError:  # no writable cache directory: jieba falls back to the system temporary folder
        _initialise(jieba, tokenizer)
    synonyms = {}
    for line in _lines(folder / "synonyms.txt"):
        synonyms.update((word, line[0]) for word in line)
    stopwords = {w for line in _lines(folder / "stopwords.txt") for w in line}
    return tokenizer, stopwords, synonyms


def _import_jieba():
    """jieba, without the two things it imports and this lexicon never uses: pkg_resources, only to
    find its default dictionary (~70 ms), and its HMM model for unknown words, a 55 ms table (we cut
    with HMM=False). A stand-in takes their place while jieba is imported and is taken out again;
    the HMM module jieba keeps a reference to loads for real the first time anyone uses it."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    stand_ins = {"pkg_resources": None, "jieba.finalseg": _Deferred("jieba.finalseg")}
    stood = [name for name in stand_ins if name not in sys.modules]
    sys.modules.update((name, stand_ins[name]) for name in stood)
    try:
        import jieba
    finally:
        for name in stood:
            if sys.modules.get(name) is stand_ins[name]:
                del sys.modules[name]
    return jieba


class _Deferred(types.ModuleType):
    """Stands in for a submodule while its package is imported; on first use it imports the real
    module, puts it where the package expects it, and hands on the attribute asked for."""

    def __getattr__(self, name):
        import importlib

        real = importlib.import_module(self.__name__)  # the stand-in is no longer in sys.modules
        package, _, child = self.__name__.rpartition(".")
        setattr(sys.modules[package], child, real)
        return getattr(real, name)


def _load_cache(jieba, tokenizer, cache_path) -> None:
    """Read jieba's prefix-dictionary cache with marshal.loads(bytes): jieba's own marshal.load(file)
    takes about 30 ms on this dictionary, loads() about 8 (TECH-NOTES §2). The cache is named by the
    dictionary's content, so it needs no date check; if it is missing or unreadable, jieba builds it."""
    import marshal

    try:
        tokenizer.FREQ, tokenizer.total = marshal.loads(cache_path.read_bytes())
        tokenizer.initialized = True
    except (OSError, ValueError, EOFError, TypeError):
        _initialise(jieba, tokenizer)


def _initialise(jieba, tokenizer) -> None:
    """Build the prefix dictionary (and write its cache) with jieba's log lines silenced."""
    import logging

    logger = jieba.default_logger
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        tokenizer.initialize()
    finally:
        logger.setLevel(level)


def _lines(path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8")
    return [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]
