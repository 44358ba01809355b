"""Events read the coreference clusters: a participant written as a pronoun, an acronym or a title is named by its
cluster's canonical (fullest) name, never a fragment."""
from __future__ import annotations

import pytest

from veille.config import Settings
from veille.model import Document
from veille.nlp.coref import build_clusters
from veille.nlp.events import extract_events
from veille.nlp.quotes import extract_quotes
from veille.nlp.text import for_parse


def _events(nlp, text: str, lang: str, with_clusters: bool = True):
    settings, doc = Settings.defaults(), Document(text=text, lang=lang)
    parsed = nlp(for_parse(text))
    clusters = build_clusters(doc, parsed, settings=settings)
    quotes, entities = extract_quotes(doc, parsed, settings=settings, clusters=clusters)
    return extract_events(doc, parsed, dates=[], places=[], quotes=quotes, entities=entities, settings=settings,
                          clusters=clusters if with_clusters else None)


@pytest.mark.parametrize("lang, text, actor", [
    ("en", "The Torvald Liberation Front rejected the ceasefire on Monday. It attacked an army post near Kessel "
           "overnight.", "Torvald Liberation Front"),
    ("fr", "Le Front de libération du Torvald a rejeté le cessez-le-feu lundi. Il a attaqué un poste de l’armée près "
           "de Kessel dans la nuit.", "Front de libération du Torvald"),
])
def test_coref_events_pronoun_actor_is_the_cluster(models, lang, text, actor):
    assault = next(e for e in _events(models[lang], text, lang) if e.type == "ASSAULT")
    assert assault.actors == [actor]
    # without the clusters the pronoun names nobody: the clusters are what name it
    before = next(e for e in _events(models[lang], text, lang, with_clusters=False) if e.type == "ASSAULT")
    assert before.actors == []


def test_coref_events_acronym_actor_carries_its_full_name(nlp_en):
    text = "The Torvald Liberation Front (TLF) rejected the ceasefire on Monday. The TLF attacked an army post overnight."
    assault = next(e for e in _events(nlp_en, text, "en") if e.type == "ASSAULT")
    assert assault.actors == ["Torvald Liberation Front (TLF)"]


def test_coref_events_title_before_a_name_is_the_person(nlp_fr):
    text = "Le général Hugo Maranne a rejeté le cessez-le-feu lundi. Maranne a attaqué un poste près de Kessel dans la nuit."
    reject = next(e for e in _events(nlp_fr, text, "fr") if e.type == "REJECT")
    assert reject.actors == ["Hugo Maranne"]  # not « général Hugo Maranne »
