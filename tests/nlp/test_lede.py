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


# invented texts: accents, runs of spaces and line breaks, digits, punctuation, other scripts, empty ones
_TEXTS = ["Le maire de Tombouctou a inauguré mardi un pont de 1 250 mètres sur le fleuve.",
          "  Deux  ferries   se sont croisés\n\nau large de Sfax ;  « aucun blessé », selon le port. ",
          "The council of Lilongwe voted 7-2 on Thursday to close the old market by 2031.",
          "Überschwemmungen in Graz: 3.000 Menschen evakuiert — Москва и Киев, 東京.",
          "", "   ", "a", "l'État-major n'a pas démenti."]


def test_lede_word_memory_gives_the_package_tokens_exactly():
    from veille.nlp.lede import _encoder, _WordPieces

    cached = _encoder()._model.sp
    assert isinstance(cached, _WordPieces)  # installed: the bundled vocabulary allows it
    for _ in range(2):  # cold, then every word remembered
        for t in _TEXTS:
            assert cached.encode(t) == cached._tok.encode(t, out_type=int, add_bos=True, add_eos=True)
    assert cached.encode(_TEXTS[0], out_type=str) == cached._tok.encode(_TEXTS[0], out_type=str)


def test_lede_word_memory_refused_when_a_piece_spans_a_word_boundary():
    from veille.nlp.lede import _encoder, _WordPieces

    class Tok:  # a tokenizer whose vocabulary joins two words in one piece: per-word segmentation would differ
        _normalizer = _viterbi = None
        _unk_id, _bos_id, _eos_id = 0, 1, 2
        _pieces = ["<unk>", "<s>", "</s>", "\u2581new\u2581york"]

    assert _WordPieces.over(Tok()) is None and _WordPieces.over(None) is None
    assert _WordPieces.over(_encoder()._model.sp._tok) is not None
