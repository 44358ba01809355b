"""The events stage's shared helpers of nlp/syntax.py, on hand-built parses (no model)."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from veille.nlp.syntax import definite, is_reporting_verb


def _doc(words, heads, deps, pos, lemmas, morphs=None):
    # a blank pipeline's vocab sets lower-case forms (a bare Vocab leaves them empty)
    return Doc(spacy.blank("xx").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
               morphs=morphs or [""] * len(words))


def test_definite_by_morphology_or_listed_word():
    doc = _doc(["l'", "attaque"], [1, 1], ["det", "ROOT"], ["DET", "NOUN"], ["le", "attaque"],
               ["Definite=Def|PronType=Art", ""])
    assert definite(doc[1])
    doc = _doc(["the", "blast"], [1, 1], ["det", "ROOT"], ["DET", "NOUN"], ["the", "blast"])
    assert not definite(doc[1]) and definite(doc[1], frozenset({"the"}))
    doc = _doc(["une", "attaque"], [1, 1], ["det", "ROOT"], ["DET", "NOUN"], ["un", "attaque"],
               ["Definite=Ind|PronType=Art", ""])
    assert not definite(doc[1])


def test_is_reporting_verb_or_light_verb_with_its_noun():
    verbs = frozenset({"déclarer", "faire état"})
    doc = _doc(["Il", "a", "déclaré"], [2, 2, 2], ["nsubj", "aux", "ROOT"], ["PRON", "AUX", "VERB"],
               ["il", "avoir", "déclarer"])
    assert is_reporting_verb(doc[2], verbs, frozenset({"obj"}))
    doc = _doc(["Il", "fait", "état"], [1, 1, 1], ["nsubj", "ROOT", "obj"], ["PRON", "VERB", "NOUN"],
               ["il", "faire", "état"])
    assert is_reporting_verb(doc[1], verbs, frozenset({"obj"}))
    assert not is_reporting_verb(doc[1], verbs, frozenset({"dobj"}))
