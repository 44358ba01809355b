"""Direct speech: quotations between marks, over paragraphs, dialogue lines; names and scare words skipped."""
from __future__ import annotations

import pytest

from .helpers import find, run_quotes


FR_DIRECT = [
    ("« Nous ne reculerons pas », a déclaré le ministre de la Défense, Paul Girard.",
     "Nous ne reculerons pas", "Paul Girard"),
    ("La maire Jeanne Roux a visité le quartier mardi. « La situation est sous contrôle », a-t-elle assuré.",
     "La situation est sous contrôle", "Jeanne Roux"),
    ("«\u00a0Les secours arrivent enfin\u00a0», a indiqué le préfet Alain Dufour.",
     "Les secours arrivent enfin", "Alain Dufour"),
    ("«\u202fLes routes restent coupées\u202f», a précisé la gendarmerie.",
     "Les routes restent coupées", "gendarmerie"),
    ("Le député Marc Lenoir a déclaré : « Le texte sera voté avant l'été. »",
     "Le texte sera voté avant l'été", "Marc Lenoir"),
    ("Selon le procureur Hélène Vidal, « les deux suspects ont été identifiés ».",
     "les deux suspects ont été identifiés", "Hélène Vidal"),
]


@pytest.mark.parametrize("text,words,speaker", FR_DIRECT)
def test_extract_quotes_direct_french(nlp_fr, text, words, speaker):
    q = find(run_quotes(nlp_fr, text, "fr"), words)
    assert q.kind == "direct"
    assert q.evidence.text.rstrip(".") == words  # the quoted words, final stop kept as written
    assert q.speaker == speaker


EN_DIRECT = [
    ("\u201cWe will not retreat,\u201d said Defense Minister Anna Kowalski.", "We will not retreat", "Anna Kowalski"),
    ("Governor Tom Baker toured the flooded town. \u201cThe water is still rising,\u201d he said.",
     "The water is still rising", "Tom Baker"),
    ("\u201cThe road is closed until Monday,\u201d Baker added, after Governor Tom Baker met the mayor.",
     "The road is closed until Monday", "Tom Baker"),
    ('"Nobody was hurt in the blast," the fire department said.', "Nobody was hurt in the blast", "fire department"),
]


@pytest.mark.parametrize("text,words,speaker", EN_DIRECT)
def test_extract_quotes_direct_english(nlp_en, text, words, speaker):
    q = find(run_quotes(nlp_en, text, "en"), words)
    assert q.kind == "direct"
    assert q.speaker == speaker


@pytest.mark.parametrize("lang,text,first,second,speaker", [
    ("fr", "« Nous avons fait notre travail », a affirmé Marc Lenoir, « et nous continuerons demain ».",
     "Nous avons fait notre travail", "et nous continuerons demain", "Marc Lenoir"),
    ("en", "Senator Ruth Allen spoke first. \u201cThis is a first step,\u201d she said, "
           "\u201cbut much remains to be done.\u201d",
     "This is a first step", "but much remains to be done", "Ruth Allen"),
])
def test_extract_quotes_split_by_incise(nlp_fr, nlp_en, lang, text, first, second, speaker):
    quotes = run_quotes(nlp_fr if lang == "fr" else nlp_en, text, lang)
    assert find(quotes, first).speaker == speaker
    assert find(quotes, second).speaker == speaker


@pytest.mark.parametrize("lang,text,first,second,speaker", [
    ("fr", "Le colonel Henri Mazet a pris la parole. « Les combats ont duré toute la nuit.\n\n"
           "« Nous avons perdu deux véhicules », a-t-il ajouté.",
     "Les combats ont duré toute la nuit", "Nous avons perdu deux véhicules", "Henri Mazet"),
    ("en", "Mayor Linda Park addressed the crowd. \u201cWe lost the bridge last night.\n\n"
           "\u201cWe will rebuild it by spring,\u201d she said.",
     "We lost the bridge last night", "We will rebuild it by spring", "Linda Park"),
])
def test_extract_quotes_over_paragraphs(nlp_fr, nlp_en, lang, text, first, second, speaker):
    quotes = run_quotes(nlp_fr if lang == "fr" else nlp_en, text, lang)
    assert find(quotes, first).speaker == speaker
    assert find(quotes, second).speaker == speaker


def test_extract_quotes_dialogue_dash(nlp_fr):
    text = ("Sophie Marchand tient une boulangerie près du pont.\n"
            "— Nous n'avons rien entendu cette nuit, raconte Sophie Marchand.")
    q = find(run_quotes(nlp_fr, text, "fr"), "Nous n'avons rien entendu cette nuit")
    assert q.kind == "direct"
    assert q.speaker == "Sophie Marchand"


@pytest.mark.parametrize("lang,text,skipped", [
    ("fr", "Le gouvernement parle d'une « provocation » inacceptable.", "provocation"),
    ("fr", "Le chef rebelle, surnommé le « Lion de la vallée », reste introuvable.", "Lion de la vallée"),
    ("en", "The militia, known as \u201cthe Northern Shield\u201d, holds the hills.", "the Northern Shield"),
    ("en", "The minister denounced the \u201cprovocation\u201d on Monday.", "provocation"),
])
def test_extract_quotes_skips_scare_words_and_names(nlp_fr, nlp_en, lang, text, skipped):
    quotes = run_quotes(nlp_fr if lang == "fr" else nlp_en, text, lang)
    assert skipped not in [q.evidence.text for q in quotes]
