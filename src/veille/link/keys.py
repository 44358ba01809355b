"""Story keys: the language-independent clues of a document.

Places by GeoNames id, the names of people and organisations, event types
with their place, and casualty figures — so a French and an English article
meet without machine translation. Names are keyed so that their French and
English spellings meet (organisation names by word stems, acronyms by their
sorted letters, transliterated names by a phonetic code); the general words
this needs, and the parser's entity labels, are in ``data/stories.json``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Doc

from ..config import StoriesSettings
from ..data import load_data
from ..model import Document, Entity, Event, Place
from ..nlp.syntax import entities as doc_entities
from ..nlp.syntax import fold


@dataclass(frozen=True)
class KeyLexicon:
    """The general words and entity labels of ``data/stories.json``."""

    function_words: frozenset[str]
    place_nouns: frozenset[str]
    place_words: dict[str, str]
    person_labels: frozenset[str]
    org_labels: frozenset[str]


@functools.cache
def key_lexicon() -> KeyLexicon:
    """The packaged lexicon of story clues, read once."""
    data = load_data("stories.json") or {}
    return KeyLexicon(frozenset(data.get("function_words", ())), frozenset(data.get("place_nouns", ())),
                      dict(data.get("place_words", {})), frozenset(data.get("person_labels", ())),
                      frozenset(data.get("org_labels", ())))


# a phonetic class per consonant (Soundex-like): transliterations of one name differ mostly in
# vowels, doubled letters and digraphs (Kazimov / Qasimov / Gasimov, Tachkourgan / Tashkurgan)
_SOUND = {**dict.fromkeys("bfpv", "1"), **dict.fromkeys("cgjkqsxz", "2"), **dict.fromkeys("dt", "3"),
          "l": "4", "m": "5", "n": "5", "r": "6"}


def sound(word: str) -> str:
    """Phonetic code of a folded word: consonant classes, vowels dropped, repeats merged ('kazimov' is '2251')."""
    out: list[str] = []
    prev = ""
    for c in word:
        code = _SOUND.get(c, "")
        if code and code != prev:
            out.append(code)
        if c not in "hw":  # as in Soundex, h and w do not separate two consonants of one class
            prev = code
    return "".join(out)


def _sound_key(words: list[str]) -> set[str]:
    code = sound("".join(words))
    # a code of two consonants or fewer says too little to be a clue
    return {f"sound:{code}"} if len(code) >= 3 else set()


def _org_sound_key(words: list[str]) -> set[str]:
    """Phonetic key of an organisation name: its words' codes, sorted (word order differs across languages).

    Cognates whose stems differ meet by sound (« Parlement » and "Parliament",
    « Assemblée nationale » and "National Assembly"), and a one-word name has
    the key of a surname: a name the parser reads as a person in one report
    and as an organisation in another still meets.
    """
    codes = sorted({sound(w) for w in words} - {""})
    code = ".".join(codes)
    return {f"sound:{code}"} if len(code.replace(".", "")) >= 3 else set()


def name_keys(name: str, person: bool, settings: StoriesSettings) -> set[str]:
    """Keys of a person or organisation name, the same in French and English wherever possible.

    A person by surname (« Durand » and "Anne Durand" meet) plus its phonetic
    code (transliterations meet). An organisation by the sorted stems of its
    words without function words ("Popular Liberation Front" and « Front
    populaire de libération » meet), plus, from ``settings.acronym_words``
    words on, its initials as a sorted acronym key, which is also the key of
    an acronym written in capitals (PLF and FPL, NATO and OTAN meet: French
    and English acronyms reorder the same initials). The acronym and sound
    keys are second spellings of a name: they weigh less, so a name does not
    count twice.
    """
    function_words = key_lexicon().function_words
    words = [w for w in fold(name).split() if not w.isdigit()]
    if not words or len(" ".join(words)) < 3:
        return set()
    if person:
        return {f"name:{words[-1]}"} | _sound_key(words[-1:])
    compact = name.replace(".", "").replace("-", "").strip()
    if " " not in compact and 2 <= len(compact) <= 6 and compact.isalpha() and compact.isupper():
        return {f"acro:{''.join(sorted(fold(compact)))}"}
    content = [w for w in words if w not in function_words] or words
    keys = {f"name:{' '.join(sorted({w[:settings.stem] for w in content}))}"} | _org_sound_key(content)
    if len(content) >= settings.acronym_words:
        keys.add(f"acro:{''.join(sorted(w[0] for w in content))}")
    return keys


def place_keys(name: str) -> set[str]:
    """Keys of a place the gazetteer did not resolve: its proper words ('vallée de la Zerava' is 'zerava'), sound."""
    lex = key_lexicon()
    words = [lex.place_words.get(w, w) for w in fold(name).split()]
    proper = [w for w in words if w not in lex.function_words and w not in lex.place_nouns] or words
    if not proper:
        return set()
    proper = sorted(set(proper))
    return {f"geo:{' '.join(proper)}"} | _sound_key(proper)


def _places_keys(places: list[Place]) -> set[str]:
    """Places by GeoNames id, with their first-level region (``region:CC.ADM1``, so two reports that resolve
    two nearby towns of one province meet a little); countries apart, they only add a little."""
    keys: set[str] = set()
    for p in places:
        if p.precision == "country" or p.feature_code in {"PCLI", "PCL"}:
            if p.country:
                keys.add(f"country:{p.country}")
        elif p.geonameid is not None:
            keys.add(f"geo:{p.geonameid}")
            if p.country and p.admin1 and p.precision != "admin1":
                keys.add(f"region:{p.country}.{p.admin1}")
        elif p.name:
            keys |= place_keys(p.name)
    return keys


def event_keys(events: list[Event]) -> set[str]:
    """Clues of the events: type with place, casualty figures, and the day of the act with its country.

    The day is the act's (``Event.date``), not the article's: a report and its
    follow-up two days later both date the attack to the same day.
    """
    keys: set[str] = set()
    for ev in events:
        where = ev.place.geonameid if ev.place and ev.place.geonameid else (ev.place.country if ev.place else "")
        if where:  # an event type alone, with no place, is shared by every story of the day
            keys.add(f"event:{ev.type}:{where}")
        if ev.date and len(ev.date) == 10 and ev.place and ev.place.country:
            keys.add(f"when:{ev.place.country}:{ev.date}")
        for n in (ev.killed, ev.injured):
            if n and n > 1:
                keys.add(f"num:{n}")
    return keys


def _names(parsed: Doc, places: list[Place], entities: list[Entity]) -> list[tuple[str, bool]]:
    # a town the parser also tags as an organisation (« Vernières », "Dunmore" in a sports page) is a place
    # clue already: as a name too it would count twice and the two languages would not agree on it
    lex = key_lexicon()
    place_words = {fold(p.evidence.text) for p in places} | {fold(p.name) for p in places if p.name}
    names = [(e.name, True) for e in entities if e.kind == "person"]
    names += [(ent.text, ent.label_ in lex.person_labels) for ent in doc_entities(parsed)
              if ent.label_ in lex.person_labels
              or (ent.label_ in lex.org_labels and fold(ent.text) not in place_words)]
    return names


def story_keys(doc: Document, parsed: Doc, *, places: list[Place], entities: list[Entity],
               events: list[Event], settings: StoriesSettings) -> list[str]:
    """Language-independent clues of a document (sorted, unique).

    Places by GeoNames id (countries apart: they only add a little), people
    and organisations by name — demonyms and other descriptive labels are left
    out, every story of a region shares them —, event types with their place,
    casualty figures and the days of the acts. Names are normalized so that French and English
    spellings of one name meet (see ``name_keys`` and ``place_keys``).
    """
    keys = _places_keys(places)
    for name, person in _names(parsed, places, entities):
        keys |= name_keys(name, person, settings)
    keys |= event_keys(events)
    return sorted(keys)
