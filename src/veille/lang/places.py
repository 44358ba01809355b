"""The places words of a language: head nouns (« aéroport de X », "X Valley"), NER labels, cues and verbs."""
from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources

from ..data import load_data
from ..errors import VeilleError


@dataclass(frozen=True, slots=True)
class Head:
    kind: str  # facility, region, admin1, admin2, locality, urban
    emit: bool  # the whole phrase is a place of its own (facility, valley)
    airport: bool = False
    inside: bool = True  # also the last word of a capitalized name ("Kabul Airport"); not "Le Vieux Port"


@dataclass(frozen=True, slots=True)
class PlaceLexicon:
    ner_labels: frozenset[str]
    org_labels: frozenset[str]
    block_labels: frozenset[str]
    heads_before: dict[tuple[str, ...], Head]
    heads_after: dict[tuple[str, ...], Head]
    connectors: frozenset[tuple[str, ...]]
    container_cues: frozenset[str]
    metonymy_verbs: frozenset[str]
    subject_deps: frozenset[str]
    actor_prepositions: frozenset[str]
    location_verbs: frozenset[str]
    locative_prepositions: frozenset[str]
    boundary_nouns: frozenset[str]
    org_heads: frozenset[str]
    genitive_prepositions: frozenset[str]
    person_labels: frozenset[str]
    facility_labels: frozenset[str]
    closed_pos: frozenset[str]
    org_name_pos: frozenset[str]
    edge_pos: frozenset[str]
    gap_pos: frozenset[str]
    object_deps: frozenset[str]
    modifier_deps: frozenset[str]
    directional_words: frozenset[str]  # « l'Est », "the South": never a place without a name
    apposition_heads: frozenset[str]  # "X, the main town of Y": X is a place
    weak_labels: frozenset[str]  # NER guesses on unknown capitalized words: a known place inside wins
    list_item_labels: frozenset[str]  # a one-word entity of these listed with places is a place when known
    party_object_verbs: frozenset[str]  # "accused Moscow": the object is a party
    date_labels: frozenset[str]  # "Amhara this year" tagged a date: a known name opening it stays a place
    water_words: frozenset[str]  # "Red Sea": a body of water, not the division named after it
    locative_suffixes: frozenset[str]  # "Isle of Man-based": the country names a location
    area_articles: frozenset[str]  # "the Pacific": a one-word name after these is an area, not a small town
    name_heads: dict[tuple[str, ...], Head]  # heads_after of every language, matched inside a capitalized name


#: keys of places.json that are not plain word lists
_SHAPED = frozenset({"heads_before", "heads_after", "connectors", "container_cues", "name_heads"})
_HEAD_KEYS = frozenset({"kind", "emit", "airport", "inside"})


def _heads(lang: str, key: str, raw: dict) -> dict[tuple[str, ...], Head]:
    for words, v in raw.items():
        for sub in sorted(set(v) - _HEAD_KEYS):
            raise VeilleError("V204", f"{lang}/places.json: unknown key {sub!r} in {key}[{words!r}]")
    return {tuple(k.split()): Head(v["kind"], v["emit"], v.get("airport", False), v.get("inside", True))
            for k, v in raw.items()}


def _check_keys(lang: str, raw: dict) -> None:
    """V204 naming a key places.json holds that the lexicon does not know (or one it lacks)."""
    known = {f.name for f in fields(PlaceLexicon)} - {"name_heads"}
    for key in sorted(raw):
        if key != "_comment" and key not in known:
            raise VeilleError("V204", f"{lang}/places.json: unknown key {key!r}")
    for key in sorted(known - set(raw)):
        raise VeilleError("V204", f"{lang}/places.json: missing key {key!r}")


def _languages() -> tuple[str, ...]:
    """Languages that ship a places lexicon."""
    root = resources.files("veille.data")
    return tuple(sorted(d.name for d in root.iterdir() if d.is_dir() and (d / "places.json").is_file()))


@lru_cache(maxsize=4)
def load_lexicon(lang: str) -> PlaceLexicon:
    """The places lexicon of a language (packaged data, loaded once).

    Raises VeilleError V203 when the language has no lexicon, V204 when it holds an unknown key.
    """
    raw = load_data(lang, "places.json")
    if raw is None:
        raise VeilleError("V203", f"no places lexicon for {lang!r}")
    return build_lexicon(lang, raw)


def build_lexicon(lang: str, raw: dict) -> PlaceLexicon:
    """The lexicon of ``raw`` (a parsed places.json), checked."""
    _check_keys(lang, raw)
    name_heads: dict[tuple[str, ...], Head] = {}
    for other in _languages():
        data = raw if other == lang else load_data(other, "places.json")
        name_heads.update(_heads(other, "heads_after", data["heads_after"]))
    cues: set[str] = set()
    for cue in raw["container_cues"]:
        cues.update(cue.split())
    words = {k: frozenset(v) for k, v in raw.items() if k != "_comment" and k not in _SHAPED}
    return PlaceLexicon(
        heads_before=_heads(lang, "heads_before", raw["heads_before"]),
        heads_after=_heads(lang, "heads_after", raw["heads_after"]),
        connectors=frozenset(tuple(c.replace("'", "' ").split()) for c in raw["connectors"]) | frozenset(
            tuple(c.split()) for c in raw["connectors"]),
        container_cues=frozenset(cues), name_heads=name_heads, **words,
    )
