"""Lede embeddings: a French article and its English counterpart meet, unrelated ones do not."""
from __future__ import annotations

import numpy as np

from veille.model import Document
from veille.nlp.lede import LEDE_CHARS, lede, lede_vectors


def test_lede_vectors_translation_closer_than_unrelated():
    fr = Document(text="Un séisme de magnitude 6,8 a frappé le sud du pays dans la nuit, faisant au moins "
                       "vingt morts selon la protection civile.", title="Séisme meurtrier dans le sud")
    en = Document(text="A magnitude 6.8 earthquake struck the south of the country overnight, killing at "
                       "least twenty people, civil protection said.", title="Deadly earthquake in the south")
    other = Document(text="Le club a remporté la finale de la coupe nationale dimanche devant 40 000 "
                          "supporters.", title="Football : victoire en finale")
    v = lede_vectors([fr, en, other])
    assert v.shape == (3, 512) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.2


def test_lede_takes_title_and_opening_only():
    d = Document(text="x" * 5000, title="Titre")
    assert lede(d).startswith("Titre. ") and len(lede(d)) == LEDE_CHARS
    assert lede_vectors([]).shape == (0, 512)
