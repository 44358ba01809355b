"""extract_quotes as a whole: one quotation per repeated words."""
from __future__ import annotations

import pytest

from .helpers import run_quotes


@pytest.mark.parametrize("lang,text,words,speaker", [
    ("fr", "La ministre Claire Dumas a visité l'hôpital. Elle a dénoncé des « conditions indignes ». "
           "Le soir, Claire Dumas a encore parlé de « conditions indignes ».",
     "conditions indignes", "Claire Dumas"),
    ("en", "Mayor Tom Hale said the camp had \u201cappalling conditions\u201d. On Friday, Hale said again that "
           "the shelters showed \u201cappalling conditions\u201d.", "appalling conditions", "Tom Hale"),
])
def test_extract_quotes_repeated_words_count_once(nlp_fr, nlp_en, lang, text, words, speaker):
    quotes = run_quotes(nlp_fr if lang == "fr" else nlp_en, text, lang)
    same = [q for q in quotes if q.kind == "direct" and q.evidence.text == words]
    assert len(same) == 1
    assert same[0].speaker == speaker
