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
_DIGITS = re.compile(r"[0-9]")
_MASK = (1 << 64) - 1
_rng = np.random.default_rng(20250301)  # fixed: signatures are comparable across runs and processes
_A = (_rng.integers(1, 1 << 62, NUM_PERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 1 << 62, NUM_PERM, dtype=np.uint64)
_BAND_MIX = _rng.integers(1, 1 << 62, ROWS, dtype=np.uint64) | np.uint64(1)
_POWERS = np.array([pow(1000003, K - 1 - j, 1 << 64) for j in range(K)], dtype=np.uint64)


def normalize(text: str) -> str:
    """The characters that carry content: CJK, letters, digits (all digits read as 0)."""
    return _DIGITS.sub("0", _DROP.sub("", text))


def shingle_hashes(text: str) -> np.ndarray:
    """The distinct 64-bit hashes of a normalized text's K-character shingles."""
    if len(text) < K:
        return np.empty(0, dtype=np.uint64)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - K + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(K):  # polynomial hash mod 2**64, vectorised over every position
            h += codes[j : j + n] * _POWERS[j]
        h ^= h >> np.uint64(29)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(32)
    return np.unique(h)


@cache
def stock_hashes(phrases: tuple[str, ...]) -> np.ndarray:
    """The shingles of the common stock: formulations every report may write."""
    parts = [shingle_hashes(normalize(p)) for p in phrases]
    return np.unique(np.concatenate(parts)) if parts else np.empty(0, dtype=np.uint64)


def signature(hashes: np.ndarray) -> np.ndarray:
    """The MinHash signature (NUM_PERM uint32 values) of a set of shingle hashes."""
    with np.errstate(over="ignore"):
        permuted = (hashes[None, :] * _A[:, None] + _B[:, None]) >> np.uint64(32)
    return permuted.min(axis=1).astype(np.uint32)


@dataclass(frozen=True)
class Passage:
    """A paragraph kept for comparison: its document, line, span and signature."""

    doc: int
    line: int
    start: int
    end: int
    size: int  # characters of content (normalized length)


class Index:
    """Signatures of the paragraphs of many documents, and the near-identical pairs among them."""

    def __init__(self, stock: tuple[str, ...] = ()):
        self._stock = stock_hashes(tuple(stock))
        self.passages: list[Passage] = []
        self._signatures: list[np.ndarray] = []

    def add(self, doc: int, paragraphs) -> int:
        """Add a document's paragraphs ((line, start, end, text) each); returns its content length."""
        total = 0
        for line, start, end, text in paragraphs:
            norm = normalize(text)
            total += len(norm)
            hashes = shingle_hashes(norm)
            if len(self._stock) and len(hashes):
                hashes = hashes[~np.isin(hashes, self._stock, assume_unique=True)]
            if len(hashes) < MIN_SHINGLES:
                continue
            self.passages.append(Passage(doc, line, start, end, len(norm)))
            self._signatures.append(signature(hashes))
        return total

    def pairs(self, threshold: float = 0.6, max_bucket: int = 200) -> list[tuple[int, int, float]]:
        """(passage i, passage j, estimated Jaccard) for every pair of passages of different
        documents whose signatures agree on at least ``threshold`` of their values."""
        if len(self._signatures) < 2:
            return []
        sigs = np.vstack(self._signatures).astype(np.uint64)
        docs = np.array([p.doc for p in self.passages])
        candidates: set[tuple[int, int]] = set()
        with np.errstate(over="ignore"):
            for band in range(BANDS):
                rows = sigs[:, band * ROWS : (band + 1) * ROWS]
                keys = (rows * _BAND_MIX).sum(axis=1) ^ np.uint64(band)
                order = np.argsort(keys, kind="stable")
                sorted_keys = keys[order]
                cuts = np.flatnonzero(np.diff(sorted_keys)) + 1
                for group in np.split(order, cuts):
                    if 1 < len(group) <= max_bucket and len(set(docs[group])) > 1:
                        g = sorted(group.tolist())
                        candidates.update((a, b) for i, a in enumerate(g) for b in g[i + 1 :] if docs[a] != docs[b])
        out = []
        for a, b in sorted(candidates):
            similarity = float(np.mean(sigs[a] == sigs[b]))
            if similarity >= threshold:
                out.append((a, b, similarity))
        return out
