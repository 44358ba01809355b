"""Story assignment: shared clues join, unrelated or distant articles do not, reruns agree."""
from __future__ import annotations

import datetime as dt

import pytest
import spacy

from veille.config import Settings
from veille.incidents import record_signature
from veille.model import Document, Event, Evidence, Extraction, Place
from veille.store.db import Store
from veille.stories import (
    TIME_DECAY,
    _event_shares,
    _freshness,
    _key_similarity,
    _name_keys,
    _place_keys,
    assign_story,
    fold,
    sound,
    story_keys,
)


def _ex(i: int, keys: list[str], day: str = "2024-03-09") -> Extraction:
    return Extraction(document=Document(text=f"article {i}", id=f"d{i}", published=dt.date.fromisoformat(day)),
                      story_keys=sorted(keys))


def _assign_all(path, items):
    settings = Settings.defaults()
    with Store(path) as s:
        out = []
        for ex in items:
            sid = assign_story(s.conn, ex, settings)
            pk = s.write_extraction(ex, story_id=sid)
            record_signature(s.conn, pk, ex.document.text, ex.story_keys, ex.story_vector)
            out.append(sid)
        s.commit()
    return out


CORPUS = [
    _ex(1, ["geo:2453348", "name:traore", "event:ASSAULT:2453348", "num:12", "country:ML"]),
    _ex(2, ["geo:2453348", "name:traore", "num:12", "country:ML"]),                   # same story, other language
    _ex(3, ["geo:2995469", "name:martin", "event:PROTEST:2995469", "country:FR"]),       # another story
    _ex(4, ["country:ML", "num:12"]),                                                   # weak clues only
    _ex(5, ["geo:2453348", "name:traore", "event:ASSAULT:2453348"], day="2024-06-30"),  # same clues, months later
]


def test_assign_story_groups_shared_clues_only(tmp_path):
    s1, s2, s3, s4, s5 = _assign_all(tmp_path / "a.db", CORPUS)
    assert s1 == s2
    assert len({s1, s3, s4, s5}) == 4


def test_assign_story_rerun_gives_same_grouping(tmp_path):
    assert _assign_all(tmp_path / "a.db", CORPUS) == _assign_all(tmp_path / "b.db", CORPUS)


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


@pytest.mark.parametrize("a, b", [("vallée de la Kounar", "Kunar valley"),
                                  ("province de Badakhchan", "Badakhshan province"), ("Nord-Kivou", "North Kivu")])
def test_place_keys_unresolved_place_spellings_meet(a, b):
    assert _place_keys(a) & _place_keys(b)


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
    keys = story_keys(document, parsed, places=[_place(text, "Montreuil", 2991214)], entities=[], events=[])
    assert "geo:2991214" in keys and "name:girard" in keys
    assert not any(k.startswith("name:montr") for k in keys)


def test_story_keys_event_without_place_gives_no_event_key():
    text = "Le syndicat accuse le gouvernement."
    document, parsed = _parsed(text, [])
    ev = Event(evidence=Evidence.of(text, 0, len(text)), trigger=Evidence.of(text, 12, 18), type="ACCUSE")
    assert story_keys(document, parsed, places=[], entities=[], events=[ev]) == []


# --- similarity: event types at one place count as one clue ------------------------------------------------

def test_event_shares_split_one_place_among_its_event_types():
    shares = _event_shares({"event:PROTEST:7", "event:ASSAULT:7", "event:COERCE:7", "event:PROTEST:9", "geo:7"})
    assert shares == {"event:PROTEST:7": pytest.approx(1 / 3), "event:ASSAULT:7": pytest.approx(1 / 3),
                      "event:COERCE:7": pytest.approx(1 / 3)}


def test_key_similarity_many_event_types_do_not_drown_shared_names():
    story = ["geo:7", "name:girard", "event:PROTEST:7"]
    terse = ["geo:7", "name:girard", "event:PROTEST:7", "event:ACCUSE:7"]
    noisy = terse + ["event:COERCE:7", "event:REJECT:7", "event:MOBILIZE:7", "event:ASSAULT:7"]
    df = {k: 1 for k in noisy}
    # the noisy article says the same as the terse one: its extra readings of the scene cost little
    assert _key_similarity(noisy, story, df, 50) > 0.8 * _key_similarity(terse, story, df, 50)


# --- time: an active story is preferred to one that has gone quiet ----------------------------------------

@pytest.mark.parametrize("gap, expected", [(0, 1.0), (1, 1.0), (10, 1.0 - TIME_DECAY)])
def test_freshness_discounts_after_one_day(gap, expected):
    pub = dt.date(2024, 3, 20)
    assert _freshness(pub, [(pub - dt.timedelta(days=gap)).isoformat()], 10) == pytest.approx(expected)


def test_assign_story_prefers_the_story_active_yesterday(tmp_path):
    quiet = _ex(1, ["geo:2453348", "name:traore", "name:keita"], day="2024-03-01")
    active = _ex(2, ["geo:2457163", "name:diallo", "name:coulibaly"], day="2024-03-08")
    # shares one name with each story, as much with one as with the other
    new = _ex(3, ["geo:2460596", "name:traore", "name:diallo"], day="2024-03-09")
    s_quiet, s_active, s_new = _assign_all(tmp_path / "a.db", [quiet, active, new])
    assert s_quiet != s_active and s_new == s_active
