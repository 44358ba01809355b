"""Syndication: is an article a copy or a translation of an earlier one? Pure functions.

A copy in the same language is found by MinHash of word shingles (estimated
Jaccard of the two texts); a translation, in another language, by the
Jaccard of the two documents' language-independent clues.
"""
from __future__ import annotations

from collections.abc import Callable

import functools
import re
import zlib
from dataclasses import dataclass

import numpy as np

from ..config import IncidentsSettings

_P = (1 << 61) - 1
_SEED = 20240521  # fixed seed: signatures must be stable across runs and machines
_WORD = re.compile(r"\w+")


@functools.cache
def _coefficients(size: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(_SEED)
    a = rng.integers(1, _P - 1, size=size, dtype=np.uint64)
    b = rng.integers(0, _P - 1, size=size, dtype=np.uint64)
    return a, b


def minhash(text: str, settings: IncidentsSettings) -> list[int]:
    """MinHash signature of the text's word shingles (stable across processes)."""
    shingle = settings.shingle
    a, b = _coefficients(settings.minhash_size)
    words = _WORD.findall(text.lower())
    if len(words) < shingle:
        words = words + [""] * (shingle - len(words))
    hashes = np.fromiter((zlib.crc32(" ".join(words[i:i + shingle]).encode("utf-8"))
                          for i in range(len(words) - shingle + 1)), dtype=np.uint64)
    # (a*x + b) mod 2^32 in wrapping uint64 arithmetic: cheap, and good enough for near-duplicates
    mixed = (hashes[None, :] * a[:, None] + b[:, None]) >> np.uint64(32)
    return [int(v) for v in mixed.min(axis=1)]


def signature_similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard of two texts' shingles from their MinHash signatures."""
    return sum(x == y for x, y in zip(a, b)) / max(1, len(a))


def jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard index of two sets (0 for two empty sets)."""
    return len(a & b) / len(a | b) if a | b else 0.0


@dataclass(frozen=True)
class Signature:
    """What the syndication check compares: a document's id, language, root, MinHash and clues."""

    id: int
    lang: str | None
    syndicated_of: int | None
    minhash: list[int]
    keys: set[str]


def same_text(me: Signature, peer: Signature, settings: IncidentsSettings) -> bool:
    """``me`` copies (same language) or translates (another language) ``peer``."""
    if peer.lang == me.lang:
        return signature_similarity(me.minhash, peer.minhash) >= settings.near_duplicate
    return (min(len(me.keys), len(peer.keys)) >= settings.min_keys_for_translation
            and jaccard(me.keys, peer.keys) >= settings.translation_keys)


def original_of(me: Signature, peers: list[Signature], settings: IncidentsSettings,
                earlier: Callable[[Signature], bool] | None = None) -> int | None:
    """The earliest root among the earlier peers that ``me`` copies or translates, if any.

    A peer is earlier when stored before ``me`` (a smaller row id), or by the
    ``earlier`` test a rebuild passes (the documents' own order, not the ingest's)."""
    best = None
    for peer in peers:
        if not (earlier(peer) if earlier is not None else peer.id < me.id):
            continue
        if same_text(me, peer, settings):
            cand = peer.syndicated_of or peer.id
            best = cand if best is None else min(best, cand)
    return best
