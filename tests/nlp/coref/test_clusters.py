"""The clusters API: acronyms joined in either order, bodies typed, mentions resolved to their cluster."""
from __future__ import annotations

import pytest

from veille.config import Settings
from veille.errors import VeilleError
from veille.lang import load_pack
from veille.lang.coref import parse_lexicon
from veille.model import Document
from veille.nlp.coref import build_clusters
from veille.nlp.coref.acronyms import expands, initials
from veille.nlp.text import for_parse


def _clusters(nlp, text: str, lang: str):
    parsed = nlp(for_parse(text))
    return parsed, build_clusters(Document(text=text, lang=lang), parsed, settings=Settings.defaults())


@pytest.mark.parametrize("lang, acronym, name", [
    ("fr", "CICR", "Comité international de la Croix-Rouge"),
    ("fr", "MDR", "Mouvement pour la démocratie et la république"),
    ("en", "HRW", "Human Rights Watch"),
    ("en", "UIP", "Union of Independent Pharmacists"),
])
def test_coref_acronym_expands(lang, acronym, name):
    assert expands(acronym, name, load_pack(lang).coref)


def test_coref_initials_skip_function_words():
    assert initials("Agence nationale de protection civile", load_pack("fr").coref, True) == "ANPC"
    assert not expands("ABC", "Northland", load_pack("en").coref)


def test_coref_acronym_after_its_name_joins_one_cluster(nlp_en):
    text = "The Union of Independent Pharmacists met the minister on Friday. Later, the UIP said the talks had failed."
    parsed, clusters = _clusters(nlp_en, text, "en")
    uip = next(t for t in parsed if t.text == "UIP")
    ent = clusters.resolve(uip)
    assert ent is not None and ent.name == "Union of Independent Pharmacists" and "UIP" in ent.aliases
    assert ent.id.startswith("e")


def test_coref_description_resolves_to_body_of_its_type(nlp_en):
    text = "Galloway Shipping Ltd confirmed that its tanker had been boarded. The company said the crew was safe."
    parsed, clusters = _clusters(nlp_en, text, "en")
    company = next(t for t in parsed if t.text == "company")
    ent = clusters.resolve(company)
    assert ent is not None and ent.name.startswith("Galloway Shipping")
    assert any(m.text == "company" for m in ent.mentions)  # the resolved mention joins the cluster


def test_coref_typed_description_never_takes_another_type(nlp_fr):
    text = "Le Syndicat national des infirmiers appelle à la grève. L'armée a affirmé que la route était sûre."
    parsed, clusters = _clusters(nlp_fr, text, "fr")
    army = next(t for t in parsed if t.lower_ == "armée")
    assert clusters.resolve(army) is None


def test_coref_document_stands_for_its_issuer(nlp_fr):
    text = "Le ministère de la Santé a publié un communiqué vendredi. Le communiqué précise que les écoles rouvrent."
    parsed, clusters = _clusters(nlp_fr, text, "fr")
    statement = [t for t in parsed if t.lower_ == "communiqué"][-1]
    ent = clusters.resolve(statement)
    assert ent is not None and ent.name == "ministère de la Santé"


def test_coref_lexicon_rejects_unknown_key():
    with pytest.raises(VeilleError) as e:
        parse_lexicon("xx", {"pronouns": []})
    assert e.value.code == "V204"


# ------------------------------------------------------------- round 2: names the tagger cut or missed
def _names(clusters) -> set[str]:
    return {e.name for e in clusters.entities if e.kind == "org"}


@pytest.mark.parametrize("lang, text, name", [
    ("fr", "L'Union des marins du Levantin a voté la grève lundi.", "Union des marins du Levantin"),
    ("fr", "Les Forces armées kessariennes ont bombardé un dépôt dimanche.", "Forces armées kessariennes"),
])
def test_coref_name_cut_by_tagger_is_mended(models, lang, text, name):
    _parsed, clusters = _clusters(models[lang], text, lang)
    assert name in _names(clusters)


def test_coref_acronym_joins_an_untagged_expansion(nlp_en):
    text = "The Coastal Fishers Federation met on Monday. According to the CFF, 12 boats were seized."
    parsed, clusters = _clusters(nlp_en, text, "en")
    ent = clusters.resolve(next(t for t in parsed if t.text == "CFF"))
    assert ent is not None and ent.name == "Coastal Fishers Federation" and "CFF" in ent.aliases


def test_coref_acronym_never_joins_words_that_do_not_spell_it(nlp_en):
    text = "Heavy rain fell on Monday. According to the CFF, 12 boats were seized."
    parsed, clusters = _clusters(nlp_en, text, "en")
    ent = clusters.resolve(next(t for t in parsed if t.text == "CFF"))
    assert ent is None or ent.name == "CFF"


def test_coref_untyped_description_of_a_company_takes_the_body_named(nlp_fr):
    text = "Le pétrolier appartient à Lorvane Shipping. L'entreprise a assuré mardi que les marins étaient saufs."
    parsed, clusters = _clusters(nlp_fr, text, "fr")
    ent = clusters.resolve(next(t for t in parsed if t.lower_ == "entreprise"))
    assert ent is not None and ent.name == "Lorvane Shipping"



# ------------------------------------------------------------- round 3: offices, possessed bodies, add_body
def test_coref_office_resolves_to_its_one_holder(nlp_fr):
    text = "Le président gabonais Pierre Ndong a reçu les délégués. Le chef de l'État a promis des élections."
    parsed, clusters = _clusters(nlp_fr, text, "fr")
    chef = next(t for t in parsed if t.lower_ == "chef")
    ent = clusters.resolve(chef)
    assert ent is not None and ent.name == "Pierre Ndong"


def test_coref_office_with_two_holders_resolves_to_none(nlp_en):
    text = ("President Tomas Varga met President Ilse Marek in Vienna on Monday. "
            "The head of state said the border would reopen in March.")
    parsed, clusters = _clusters(nlp_en, text, "en")
    head = next(t for t in parsed if t.lower_ == "head")
    assert clusters.resolve(head) is None  # two presidents: the office names neither


def test_coref_possessed_body_is_its_own_cluster(nlp_en):
    text = "Gunmen attacked a convoy near Kayes. Mali's defence ministry said troops had been deployed."
    parsed, clusters = _clusters(nlp_en, text, "en")
    ministry = next(t for t in parsed if t.lower_ == "ministry")
    ent = clusters.resolve(ministry)
    assert ent is not None and ent.kind == "org" and ent.name.endswith("defence ministry")


def test_coref_add_body_reuses_a_cluster_of_that_name(nlp_fr):
    text = "L'agence Sudinfo a publié un bilan. Selon l'agence Sudinfo, trois ponts sont coupés."
    _parsed, clusters = _clusters(nlp_fr, text, "fr")
    first = clusters.add_body(text.index("Sudinfo"), text.index("Sudinfo") + len("Sudinfo"))
    second = clusters.add_body(text.rindex("Sudinfo"), text.rindex("Sudinfo") + len("Sudinfo"))
    assert first is second and first.id and len(first.mentions) >= 2
