"""Story keys: French and English spellings of one name meet; places, names and events become clues."""
from __future__ import annotations

import pytest
import spacy

from veille.config import Settings
from veille.link.keys import name_keys, place_keys, sound, story_keys
from veille.model import Document, Event, Evidence, Place
from veille.nlp.syntax import fold

STORIES = Settings.defaults().stories


def _name_keys(name: str, person: bool) -> set[str]:
    return name_keys(name, person, STORIES)


def test_fold_unifies_accents_case_and_punctuation():
    assert fold("États-Unis") == fold("etats unis") == "etats unis"


# --- names: French and English spellings of one name meet -------------------------------------------------

@pytest.mark.parametrize("en, fr", [
    ("the Popular Liberation Front", "Front populaire de libération"),
    ("National Democratic Union", "l'Union nationale démocratique"),
    ("Ministry of the Interior", "ministère de l'Intérieur"),
])
def test_name_keys_cross_language_organisation_names_meet(en, fr):
    assert _name_keys(en, person=False) & _name_keys(fr, person=False)


@pytest.mark.parametrize("acronym, full", [
    ("PLF", "Front populaire de libération"),      # French initials, English acronym: same letters reordered
    ("FPL", "the Popular Liberation Front"),
    ("OTAN", "North Atlantic Treaty Organization"),
])
def test_name_keys_acronym_meets_its_full_name(acronym, full):
    assert _name_keys(acronym, person=False) & _name_keys(full, person=False)


@pytest.mark.parametrize("a, b", [("Union nationale démocratique", "Front populaire de libération"),
                                  ("UND", "FPL")])
def test_name_keys_different_organisations_stay_apart(a, b):
    assert not _name_keys(a, person=False) & _name_keys(b, person=False)


@pytest.mark.parametrize("a, b", [("Mouammar Kadhafi", "Muammar Gaddafi"), ("Ali Abdallah", "Ali Abdullah"),
                                  ("Mohamed Salem", "Muhammad Salim")])
def test_name_keys_transliterations_of_a_surname_share_a_sound_key(a, b):
    surname = fold(b).split()[-1]
    assert _name_keys(a, person=True) & _name_keys(b, person=True) == {f"sound:{sound(surname)}"}


def test_name_keys_stem_and_acronym_length_come_from_settings():
    short = Settings.defaults().stories
    short.acronym_words = 4
    assert not any(k.startswith("acro:") for k in name_keys("Front populaire de libération", False, short))


@pytest.mark.parametrize("a, b", [("vallée de la Kounar", "Kunar valley"),
                                  ("province de Badakhchan", "Badakhshan province"), ("Nord-Kivou", "North Kivu")])
def test_place_keys_unresolved_place_spellings_meet(a, b):
    assert place_keys(a) & place_keys(b)


@pytest.mark.parametrize("word, code", [("panshir", "1526"), ("kadhafi", "231"), ("muhammad", "553")])
def test_sound_merges_vowels_doubles_and_digraphs(word, code):
    assert sound(word) == code


# --- story_keys: one parse built by hand --------------------------------------------------------------------

def _parsed(text: str, ents: list[tuple[str, str]]) -> tuple[Document, object]:
    nlp = spacy.blank("fr")
    doc = nlp(text)
    spans = []
    for surface, label in ents:
        start = text.index(surface)
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = spans
    return Document(text=text, id="t"), doc


def _place(text: str, surface: str, gid: int | None) -> Place:
    i = text.index(surface)
    return Place(evidence=Evidence.of(text, i, i + len(surface)), name=surface, country="FR", lat=48.9, lon=2.2,
                 geonameid=gid)


def test_story_keys_town_tagged_as_organisation_is_a_place_only():
    text = "À Montreuil, la colère gronde. Montreuil attend le maire Paul Girard."
    document, parsed = _parsed(text, [("Montreuil", "ORG"), ("Paul Girard", "PER")])
    keys = story_keys(document, parsed, places=[_place(text, "Montreuil", 2991214)], entities=[], events=[],
                      settings=STORIES)
    assert "geo:2991214" in keys and "name:girard" in keys
    assert not any(k.startswith("name:montr") for k in keys)


def test_story_keys_event_without_place_gives_no_event_key():
    text = "Le syndicat accuse le gouvernement."
    document, parsed = _parsed(text, [])
    ev = Event(evidence=Evidence.of(text, 0, len(text)), trigger=Evidence.of(text, 12, 18), type="ACCUSE")
    assert story_keys(document, parsed, places=[], entities=[], events=[ev], settings=STORIES) == []


# --- organisation names by sound: cognates whose stems differ, and names read as a person elsewhere ------------
@pytest.mark.parametrize("en, fr", [("the Parliament", "le Parlement"), ("National Assembly", "Assemblée nationale"),
                                    ("Islamic Council", "Conseil islamique")])
def test_name_keys_organisation_cognates_meet_by_sound(en, fr):
    assert {k for k in _name_keys(en, person=False) & _name_keys(fr, person=False) if k.startswith("sound:")}


def test_name_keys_one_word_organisation_meets_the_same_word_read_as_a_person():
    assert _name_keys("Tazrouket", person=False) & _name_keys("Tazrouket", person=True)


def test_name_keys_organisations_of_different_sounds_stay_apart():
    assert not _name_keys("Workers Union", person=False) & _name_keys("Farmers Council", person=False)


# --- act days and regions: language-independent clues of the act itself ----------------------------------------
def test_story_keys_date_the_act_not_the_article():
    text = "Une attaque a frappé Vernières mardi."
    document, parsed = _parsed(text, [])
    place = _place(text, "Vernières", 2970000)
    ev = Event(evidence=Evidence.of(text, 0, len(text)), trigger=Evidence.of(text, 4, 11), type="ASSAULT",
               place=place, date="2024-03-05")
    keys = story_keys(document, parsed, places=[place], entities=[], events=[ev], settings=STORIES)
    assert "when:FR:2024-03-05" in keys and "event:ASSAULT:2970000" in keys


def test_story_keys_event_with_only_a_month_gives_no_day_clue():
    text = "Une attaque a frappé Vernières en mars."
    document, parsed = _parsed(text, [])
    place = _place(text, "Vernières", 2970000)
    ev = Event(evidence=Evidence.of(text, 0, len(text)), trigger=Evidence.of(text, 4, 11), type="ASSAULT",
               place=place, date="2024-03")
    keys = story_keys(document, parsed, places=[place], entities=[], events=[ev], settings=STORIES)
    assert not any(k.startswith("when:") for k in keys)


def test_story_keys_resolved_town_gives_its_region():
    text = "Des renforts arrivent à Vernières."
    document, parsed = _parsed(text, [])
    place = Place(evidence=Evidence.of(text, 24, 33), name="Vernières", country="FR", lat=48.9, lon=2.2,
                  geonameid=2970000, admin1="11")
    region = Place(evidence=Evidence.of(text, 24, 33), name="Île-de-France", country="FR", lat=48.7, lon=2.5,
                   geonameid=3012874, admin1="11", precision="admin1")
    assert "region:FR.11" in story_keys(document, parsed, places=[place], entities=[], events=[],
                                        settings=STORIES)
    # a region itself is its geo clue, not a second region clue
    assert not any(k.startswith("region:") for k in story_keys(document, parsed, places=[region], entities=[],
                                                              events=[], settings=STORIES))
