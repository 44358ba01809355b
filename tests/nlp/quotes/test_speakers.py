"""Speakers: handles, acronyms, roles and descriptions resolved to names."""
from __future__ import annotations

import pytest

from .helpers import find, run_quotes


def test_extract_quotes_handle_resolves_to_person(nlp_en):
    text = ("Reporter Maria Lopez pressed the minister on the delay.\n\n"
            ".@MariaLopezTV: \u201cWhy were the gates closed so early?\u201d")
    q = find(run_quotes(nlp_en, text, "en"), "Why were the gates closed so early?")
    assert q.speaker == "Maria Lopez"


@pytest.mark.parametrize("lang,text,words,speaker", [
    ("fr", "L'Union des producteurs laitiers (UPL) a tenu un congrès à Rennes. "
           "« Nous bloquerons les dépôts dès lundi », a déclaré l'UPL.",
     "Nous bloquerons les dépôts dès lundi", "Union des producteurs laitiers (UPL)"),
    ("en", "The Coastal Fishermen Association (CFA) met in Portsmouth on Sunday. "
           "\u201cWe will block the harbour on Monday,\u201d the CFA said.",
     "We will block the harbour on Monday", "Coastal Fishermen Association (CFA)"),
])
def test_extract_quotes_organisation_named_with_acronym(nlp_fr, nlp_en, lang, text, words, speaker):
    assert find(run_quotes(nlp_fr if lang == "fr" else nlp_en, text, lang), words).speaker == speaker


@pytest.mark.parametrize("text,words,speaker", [
    # a description of the organisation just made subject (« la chaîne de télévision »)
    ("L'Agence France-Presse a révélé lundi que le barrage était fissuré. L'agence de presse assure "
     "que les ingénieurs avaient alerté la mairie.", "les ingénieurs avaient alerté la mairie",
     "Agence France-Presse"),
    # the subject of an incise, reached from the gerund that follows it
    ("« Les secours sont sur place », ajoutait la préfecture en affirmant que « la route sera rouverte demain ».",
     "la route sera rouverte demain", "préfecture"),
    # « et assure » attached by the parser to a passive verb: the subject of the nearest active verb
    ("Des « bureaux de vote » ont été saccagés, selon le ministre Paul Girard, qui dénonce des "
     "« actes graves » et assure que « quarante suspects » ont été arrêtés.", "quarante suspects", "Paul Girard"),
    # « a condamné … et appelé » with the auxiliary left out
    ("L'Organisation des ports du Nord a condamné jeudi la « fermeture du détroit », où trois navires sont "
     "retenus par des garde-côtes, et appelé au « retour immédiat des équipages ».",
     "retour immédiat des équipages", "Organisation des ports du Nord"),
    # a fronted adverbial parsed as subject: the person in apposition speaks, not the adjective
    ("Au milieu des négociations, Karim Haddad, un dirigeant syndical, a déclaré mercredi que les discussions "
     "avaient échoué.", "les discussions avaient échoué", "Karim Haddad"),
    # « on » speaks for the place named before it
    ("En fin de journée, dans l'entourage du ministre, on assurait que la situation était « sous contrôle ».",
     "sous contrôle", "entourage du ministre"),
    # « a tweeté » tagged as a noun after its auxiliary
    ("La mairie a tweeté dans la soirée que « tous les habitants du quartier ont été relogés ».",
     "tous les habitants du quartier ont été relogés", "mairie"),
    # a verb of writing or chanting attributes the words to its subject
    ("Des manifestants ont tagué « Justice pour les mineurs » sur la façade de la mairie.",
     "Justice pour les mineurs", "manifestants"),
    # « », soulignant que … » opens a new report: the quote before it keeps the cue before it
    ("La préfecture a indiqué que « trois ponts ont été fermés à la circulation », soulignant que "
     "Jean Morel et son équipe « restent mobilisés ».", "trois ponts ont été fermés à la circulation",
     "préfecture"),
])
def test_extract_quotes_speaker_rules_french(nlp_fr, text, words, speaker):
    q = find(run_quotes(nlp_fr, text, "fr"), words)
    assert q.speaker == speaker
