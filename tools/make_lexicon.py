"""Build rules/lexicon/dict.txt: jieba's most frequent words plus the 法治 glossary.

    python tools/make_lexicon.py [--words 20000]

FZ503 (unaddressed-problem) segments with this small dictionary: loading it costs
about 20 ms instead of the 550 ms of jieba's default one, and a small dictionary
splits 宣传教育 into 宣传/教育, which matches problems to plans better
(see ../shared/docs/TECH-NOTES.md §2). Rerun after editing glossary.txt.
"""

from __future__ import annotations

import argparse
from pathlib import Path

LEXICON = Path(__file__).resolve().parent.parent / "rules" / "lexicon"
GLOSSARY_FREQ = 1000  # well above the trimmed dictionary's floor, so glossary words win


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=20000)
    args = parser.parse_args()
    import jieba

    rows = []
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
        for line in f:
            word, freq, *tag = line.split()
            rows.append((int(freq), word, tag[0] if tag else "n"))
    rows.sort(key=lambda r: (-r[0], r[1]))
    words = {word: (freq, tag) for freq, word, tag in rows[: args.words]}
    glossary = (LEXICON / "glossary.txt").read_text(encoding="utf-8")
    for line in glossary.splitlines():
        if not line.startswith("#"):
            for word in line.split():
                words[word] = (max(words.get(word, (0,))[0], GLOSSARY_FREQ), "n")
    out = "".join(f"{w} {freq} {tag}\n" for w, (freq, tag) in sorted(words.items(), key=lambda kv: -kv[1][0]))
    (LEXICON / "dict.txt").write_text(out, encoding="utf-8")
    print(f"{LEXICON / 'dict.txt'}: {len(words)} words")


if __name__ == "__main__":
    main()
