"""The places words of a language: head nouns (« aéroport de X », "X Valley"), NER labels, cues and verbs."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..data import load_data


@dataclass(frozen=True, slots=True)
class Head:
    kind: str  # facility, region, admin1, admin2, locality
    emit: bool  # the whole phrase is a place of its own (facility, valley)
    airport: bool = False


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
    name_heads: dict[tuple[str, ...], Head]  # heads_after of every language, matched inside a capitalized name


def _heads(raw: dict) -> dict[tuple[str, ...], Head]:
    return {tuple(k.split()): Head(v["kind"], v["emit"], v.get("airport", False)) for k, v in raw.items()}


@lru_cache(maxsize=4)
def load_lexicon(lang: str) -> PlaceLexicon:
    """The places lexicon of a language (packaged data, loaded once)."""
    raw = load_data(lang, "places.json") or load_data("en", "places.json")
    name_heads: dict[tuple[str, ...], Head] = {}
    for other in ("en", "fr"):
        data = load_data(other, "places.json")
        if data is not None:
            name_heads.update(_heads(data["heads_after"]))
    cues: set[str] = set()
    for cue in raw["container_cues"]:
        cues.update(cue.split())
    return PlaceLexicon(
        ner_labels=frozenset(raw["ner_labels"]), org_labels=frozenset(raw["org_labels"]),
        block_labels=frozenset(raw["block_labels"]),
        heads_before=_heads(raw["heads_before"]), heads_after=_heads(raw["heads_after"]),
        connectors=frozenset(tuple(c.replace("'", "' ").split()) for c in raw["connectors"]) | frozenset(
            tuple(c.split()) for c in raw["connectors"]),
        container_cues=frozenset(cues), metonymy_verbs=frozenset(raw["metonymy_verbs"]),
        subject_deps=frozenset(raw["subject_deps"]),
        actor_prepositions=frozenset(raw["actor_prepositions"]), location_verbs=frozenset(raw["location_verbs"]),
        locative_prepositions=frozenset(raw["locative_prepositions"]),
        boundary_nouns=frozenset(raw.get("boundary_nouns", ())), org_heads=frozenset(raw["org_heads"]),
        genitive_prepositions=frozenset(raw["genitive_prepositions"]), name_heads=name_heads,
    )
