"""Near-identical paragraphs across many documents: character shingles, MinHash, LSH.

Each paragraph long enough to matter becomes a set of character n-grams (punctuation and
spaces dropped, digits folded, so a changed year or comma does not hide a copy), minus the
n-grams of the common stock of official formulations. Its MinHash signature (NUM_PERM
values) is all that is kept; LSH (BANDS bands of ROWS rows) finds the pairs of paragraphs
whose signatures agree in a whole band, without comparing every pair. The share of agreeing
values estimates the pair's Jaccard similarity.

Own implementation on numpy rather than datasketch: it hashes a whole document's shingles
in a few array operations (datasketch hashes shingle by shingle in Python); see
benchmarks/bench_ledger.py for the measurement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np

K = 6  # characters per shingle: long enough that a six-character run says something
NUM_PERM = 64
BANDS, ROWS = 16, 4  # P(candidate) ≈ 0.9 at Jaccard 0.6, 0.12 at 0.3
MIN_SHINGLES = 24  # a paragraph with fewer own (non-stock) shingles is too short to call a copy
_DROP = re.compile(r"[^\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9]+")
_DROP_KEEP_LINES = re.compile(r"[^\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9\n]+")
_DIGITS = re.compile(r"[0-9]")
_MASK = (1 << 64) - 1
_rng = np.random.default_rng(20250301)  # fixed: signatures are comparable across runs and processes
_A = _rng.integers(0, 1 << 32, NUM_PERM, dtype=np.uint64).astype(np.uint32) | np.uint32(1)  # odd multipliers
_B = _rng.integers(0, 1 << 32, NUM_PERM, dtype=np.uint64).astype(np.uint32)
_BAND_MIX = _rng.integers(1, 1 << 62, ROWS, dtype=np.uint64) | np.uint64(1)
_POWERS = np.array([pow(1000003, K - 1 - j, 1 << 64) for j in range(K)], dtype=np.uint64)


def normalize(text: str) -> str:
    """The characters that carry content: CJK, letters, digits (all digits read as 0)."""
    return _DIGITS.sub("0", _DROP.sub("", text))


def shingle_hashes(text: str) -> np.ndarray:
    """The distinct 32-bit hashes of a normalized text's K-character shingles."""
    return np.unique((_rolling(text) >> np.uint64(32)).astype(np.uint32))


def _rolling(text: str) -> np.ndarray:
    """The 64-bit hash of the K-character shingle at each position of a text (empty if shorter)."""
    if len(text) < K:
        return np.empty(0, dtype=np.uint64)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - K + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(K):  # polynomial hash mod 2**64, vectorised over every position
            h += codes[j : j + n] * _POWERS[j]
        h ^= h >> np.uint64(29)  # then mixed, so nearby shingles do not hash to nearby values
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(32)
    return h


@cache
def stock_hashes(phrases: tuple[str, ...]) -> np.ndarray:
    """The shingles of the common stock: formulations every report may write."""
    parts = [shingle_hashes(normalize(p)) for p in phrases]
    return np.unique(np.concatenate(parts)) if parts else np.empty(0, dtype=np.uint32)


@dataclass(frozen=True)
class Passage:
    """A paragraph kept for comparison: its document, line, span and signature."""

    doc: int
    line: int
    start: int
    end: int
    size: int  # characters of content (normalized length)


@dataclass(frozen=True)
class Signed:
    """A document's paragraphs ready for an Index: (line, start, end, size) of each paragraph long
    enough to compare, its MinHash signature (a column of ``signatures``), and the document's
    content length. Computed where the document is checked (a worker), added in the parent."""

    kept: tuple[tuple[int, int, int, int], ...]
    signatures: np.ndarray  # NUM_PERM × len(kept), uint32
    total: int


def sign(paragraphs, stock: np.ndarray) -> Signed:
    """Sign a document's paragraphs ((line, start, end, text) each) against the stock's shingles.

    All of a document's shingles are hashed and permuted in one go; each paragraph's signature
    is the minimum over its own run of shingles (none crosses a paragraph boundary)."""
    paragraphs = list(paragraphs)
    # one pass of the regular expressions for the whole document, paragraphs kept apart by \n
    joined = "\n".join(text.replace("\n", " ") for *_, text in paragraphs)
    normalized = _DIGITS.sub("0", _DROP_KEEP_LINES.sub("", joined)).split("\n")
    kept, texts = [], []
    total = 0
    for (line, start, end, _), norm in zip(paragraphs, normalized):
        total += len(norm)
        if len(norm) >= MIN_SHINGLES + K - 1:
            kept.append((line, start, end, len(norm)))
            texts.append(norm)
    none = Signed((), np.empty((NUM_PERM, 0), dtype=np.uint32), total)
    if not kept:
        return none
    h32 = (_rolling("".join(texts)) >> np.uint64(32)).astype(np.uint32)
    n = len(h32)
    bounds = np.cumsum([0] + [len(t) for t in texts])
    paragraph = np.repeat(np.arange(len(texts)), [len(t) for t in texts])[:n]
    inside = np.arange(n) + K <= bounds[paragraph + 1]  # the shingle ends inside its own paragraph
    if len(stock):  # the stock is sorted: a binary search per shingle, no sorting per document
        at = np.minimum(np.searchsorted(stock, h32), len(stock) - 1)
        inside &= stock[at] != h32
    h, paragraph = h32[inside], paragraph[inside]
    counts = np.bincount(paragraph, minlength=len(texts))
    if not len(h):
        return none
    with np.errstate(over="ignore"):
        permuted = h[None, :] * _A[:, None] + _B[:, None]  # NUM_PERM hash functions, mod 2**32
    present = np.flatnonzero(counts)
    starts = np.r_[0, np.cumsum(counts)[:-1]][present]
    mins = np.minimum.reduceat(permuted, starts, axis=1)
    columns = [column for column, i in enumerate(present.tolist()) if counts[i] >= MIN_SHINGLES]
    return Signed(tuple(kept[present[c]] for c in columns), mins[:, columns], total)


class Index:
    """Signatures of the paragraphs of many documents, and the near-identical pairs among them."""

    def __init__(self, stock: tuple[str, ...] = ()):
        self.stock = stock_hashes(tuple(stock))
        self.passages: list[Passage] = []
        self._signatures: list[np.ndarray] = []

    def add(self, doc: int, paragraphs) -> int:
        """Add a document's paragraphs ((line, start, end, text) each); returns its content length."""
        return self.add_signed(doc, sign(paragraphs, self.stock))

    def add_signed(self, doc: int, signed: Signed) -> int:
        """Add a document signed by ``sign`` (against this index's stock); returns its content length."""
        for column, (line, start, end, size) in enumerate(signed.kept):
            self.passages.append(Passage(doc, line, start, end, size))
            self._signatures.append(signed.signatures[:, column].copy())  # not a view: the matrix can go
        return signed.total

    def pairs(self, threshold: float = 0.6, max_docs: int = 12) -> list[tuple[int, int, float]]:
        """(passage i, passage j, estimated Jaccard) for every pair of passages of different
        documents whose signatures agree on at least ``threshold`` of their values. A bucket
        holding paragraphs of more than ``max_docs`` documents is common stock and yields none."""
        if len(self._signatures) < 2:
            return []
        sigs = np.vstack(self._signatures)
        docs = np.array([p.doc for p in self.passages])
        candidates: set[tuple[int, int]] = set()
        with np.errstate(over="ignore"):
            for band in range(BANDS):
                rows = sigs[:, band * ROWS : (band + 1) * ROWS].astype(np.uint64)
                keys = (rows * _BAND_MIX).sum(axis=1) ^ np.uint64(band)
                order = np.argsort(keys, kind="stable")
                sorted_keys = keys[order]
                starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
                sizes = np.diff(np.r_[starts, len(keys)])
                for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist()):
                    group = order[start : start + size]
                    if 1 < len(set(docs[group].tolist())) <= max_docs:
                        g = sorted(group.tolist())
                        candidates.update((a, b) for i, a in enumerate(g) for b in g[i + 1 :] if docs[a] != docs[b])
        if not candidates:
            return []
        pairs = np.array(sorted(candidates))
        similarity = (sigs[pairs[:, 0]] == sigs[pairs[:, 1]]).mean(axis=1)
        keep = similarity >= threshold
        return [(a, b, s) for (a, b), s in zip(pairs[keep].tolist(), similarity[keep].tolist())]
