"""Attribution: the cue and the speaker mention of a quotation."""
from __future__ import annotations

import pytest

from .helpers import find, run_quotes


@pytest.mark.parametrize("lang,text,cue", [
    ("fr", "« Le pont est fermé », a déclaré le maire Louis Perrin.", "déclaré"),
    ("en", "Army spokesman Daniel Reed said the convoy had been attacked.", "said"),
])
def test_extract_quotes_links_cue_and_speaker_span(nlp_fr, nlp_en, lang, text, cue):
    q = run_quotes(nlp_fr if lang == "fr" else nlp_en, text, lang)[0]
    assert q.cue is not None and q.cue.text == cue
    assert q.speaker_evidence is not None and q.speaker_evidence.text in text


@pytest.mark.parametrize("text,words,speaker", [
    ("Au moins douze civils ont été tués jeudi dans un village, a annoncé vendredi le gouverneur de la région.",
     "douze civils", "gouverneur de la région"),
    ("Le pont restera fermé jusqu'à nouvel ordre, a indiqué samedi la mairie.", "pont restera", "mairie"),
])
def test_extract_quotes_inverted_subject_skips_time_words(nlp_fr, text, words, speaker):
    assert find(run_quotes(nlp_fr, text, "fr"), words).speaker == speaker
