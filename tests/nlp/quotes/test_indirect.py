"""Indirect speech: reported clauses, source phrases, noun reports, headline reports skipped."""
from __future__ import annotations

import pytest

from .helpers import find, run_quotes, run_quotes_titled


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
    q = find(run_quotes(nlp_fr, text, "fr"), words)
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
    q = find(run_quotes(nlp_en, text, "en"), words)
    assert q.kind == "indirect"
    assert q.speaker == speaker


@pytest.mark.parametrize("text,words,speaker", [
    # « que » several words after the verb, past an adverbial phrase
    ("Le ministère a indiqué lors d'un point presse à Lyon que neuf écoles resteraient fermées.",
     "neuf écoles resteraient fermées", "ministère"),
    # a report whose content is a noun phrase
    ("La gendarmerie a fait état de trois blessés légers sur l'autoroute.",
     "trois blessés légers sur l'autoroute", "gendarmerie"),
    # « selon l'accord » inside the reported clause is no second source
    ("Le journal a indiqué que, selon l'accord, les camions passeraient par le col.",
     "les camions passeraient par le col", "journal"),
])
def test_extract_quotes_indirect_forms_french(nlp_fr, text, words, speaker):
    q = find(run_quotes(nlp_fr, text, "fr"), words)
    assert q.kind == "indirect"
    assert q.speaker == speaker


@pytest.mark.parametrize("lang,text,absent", [
    # an impersonal passive names no speaker
    ("fr", "Quand il leur a été signifié qu'il fallait quitter les lieux avant midi, les habitants ont protesté.",
     "ils devaient partir avant midi"),
    ("en", "It was reported that the convoy would leave before noon.", "the convoy would leave before noon"),
    # « a annoncé le plan que … »: a relative clause, not a report
    ("fr", "Le maire a annoncé le plan que le conseil municipal prépare depuis des mois.",
     "le conseil municipal prépare depuis des mois"),
    # a subject and its relative clause before « a démenti » are not a reported clause
    ("fr", "Le Front uni des provinces, qui tient la vallée depuis mars, a démenti les rumeurs selon lesquelles "
           "ses chefs auraient fui.", "Le Front uni des provinces"),
    # the writer's inference from someone's words
    ("fr", "Les propos du général semblent indiquer que l'armée prépare une offensive.",
     "l'armée prépare une offensive"),
    ("en", "The minister's remarks appear to suggest that the talks have stalled.", "the talks have stalled"),
    # « ne … que » restricts: no clause is reported
    ("fr", "Le rapport de la police ne mentionne qu'un seul véhicule et qu'un seul conducteur.",
     "un seul véhicule"),
    # "said in a message posted on Twitter": no reported clause
    ("en", "\u201cWe are ready,\u201d Ahmed Nouri said in a video message to the villagers posted on Facebook.",
     "posted on Facebook"),
])
def test_extract_quotes_no_report_without_speaker_or_clause(nlp_fr, nlp_en, lang, text, absent):
    quotes = run_quotes(nlp_fr if lang == "fr" else nlp_en, text, lang)
    assert not [q for q in quotes if q.kind == "indirect" and absent in q.evidence.text]


def test_extract_quotes_writing_verb_english(nlp_en):
    text = "Protesters scrawled \u201cJustice for the miners\u201d across the wall of the town hall."
    assert find(run_quotes(nlp_en, text, "en"), "Justice for the miners").speaker == "Protesters"


@pytest.mark.parametrize("lang,text,whole", [
    ("en", "The agency reported that families being moved were told to wait at the stadium.",
     "families being moved were told to wait at the stadium"),
])
def test_extract_quotes_one_clause_one_quote(nlp_en, lang, text, whole):
    quotes = [q for q in run_quotes(nlp_en, text, lang) if q.kind == "indirect"]
    assert len(quotes) == 1
    assert whole in quotes[0].evidence.text


@pytest.mark.parametrize("lang,title,body,reported", [
    ("fr", "Le ministère affirme que la digue a cédé pendant la nuit",
     "Le ministère de l'Environnement a affirmé mardi que la digue avait cédé vers trois heures.",
     "la digue a cédé pendant la nuit"),
    ("en", "Police say the dam gave way during the night",
     "The regional police said on Tuesday that the dam had given way around 3 a.m.",
     "the dam gave way during the night"),
])
@pytest.mark.parametrize("title_known", [True, False])
def test_extract_quotes_skips_headline_reports(nlp_fr, nlp_en, lang, title, body, reported, title_known):
    nlp = nlp_fr if lang == "fr" else nlp_en
    # without a title field, a short first line with no final stop is taken for the headline
    quotes = run_quotes_titled(nlp, title, body, lang) if title_known else run_quotes(nlp, title + "\n\n" + body, lang)
    assert not [q for q in quotes if reported in q.evidence.text]
    assert any(q.kind == "indirect" for q in quotes)  # the lead's report is kept
