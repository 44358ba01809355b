"""Event trigger lexicons: packaged data (src/veille/data/<lang>/events.json), loaded once per language."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..data import load_data


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger entry: a lemma of a part of speech, its PLOVER type and syntactic conditions."""

    lemma: str
    pos: str
    type: str
    mode: str | None = None
    cond: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A multiword trigger: words matched by lemma or form, "*" an optional gap of one token."""

    words: tuple[str, ...]
    type: str
    mode: str | None = None
    cond: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Lexicon:
    """Everything the events stage knows about one language's vocabulary."""

    lang: str
    triggers: dict[tuple[str, str], list[Trigger]]
    phrases: dict[str, list[Phrase]]  # first word -> phrases starting with it
    numbers: dict[str, int]
    approx: dict[str, int]
    vague: dict[str, int]
    multipliers: dict[str, int]
    killed_words: frozenset[str]
    injured_words: frozenset[str]
    loss_verbs: frozenset[str]
    intransitive_deaths: frozenset[str]
    personnel_nouns: frozenset[str]
    toll_words: frozenset[str]
    reporting_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    source_markers: tuple[tuple[str, ...], ...]
    uncertain_words: frozenset[str]
    hearsay_words: frozenset[str]
    future_words: frozenset[str]
    irrealis_heads: frozenset[str]
    exempt_heads: frozenset[str]
    non_source_nouns: frozenset[str]
    claim_nouns: frozenset[str]
    source_nouns: frozenset[str]
    international_nouns: frozenset[str]
    background_preps: frozenset[str]
    inclusion_words: frozenset[str]
    negations: frozenset[str]
    armed_nouns: frozenset[str]
    protester_nouns: frozenset[str]
    group_names: dict[str, str]
    demonyms: dict[str, str]
    compound_prefixes: frozenset[str] = frozenset()
    qualifiers: dict[str, str] = field(default_factory=dict)
    non_participants: frozenset[str] = frozenset()
    background_heads: frozenset[str] = frozenset()
    continuation_connectives: tuple[tuple[str, ...], ...] = ()
    irrealis_modifiers: frozenset[str] = frozenset()
    exposure_nouns: frozenset[str] = frozenset()
    implicative_heads: frozenset[str] = frozenset()
    response_verbs: frozenset[str] = frozenset()
    ongoing_verbs: frozenset[str] = frozenset()
    narrator_marks: frozenset[str] = frozenset()
    agreement_frames: tuple[tuple[str, ...], ...] = ()
    handover_verbs: frozenset[str] = frozenset()


def _entry(etype: str, item: str | dict) -> Trigger:
    if isinstance(item, str):
        lemma, _, pos = item.partition("/")
        return Trigger(lemma.lower(), pos or "VERB", etype)
    lemma, _, pos = item["lemma"].partition("/")
    cond = dict(item.get("if", {}))
    if item.get("future_type"):
        cond["future_type"] = item["future_type"]  # the type when the act is announced for later
    return Trigger(lemma.lower(), pos or "VERB", etype, item.get("mode"), cond)


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> Lexicon:
    """The events lexicon of a language (``fr`` or ``en``), read from package data once."""
    raw = load_data(lang, "events.json")
    triggers: dict[tuple[str, str], list[Trigger]] = {}
    for etype, items in raw["triggers"].items():
        for item in items:
            t = _entry(etype, item)
            triggers.setdefault((t.lemma, t.pos), []).append(t)
    phrases: dict[str, list[Phrase]] = {}
    for etype, items in raw["phrases"].items():
        for item in items:
            if isinstance(item, str):
                item = {"words": item}
            words = tuple(w.lower() for w in item["words"].split())
            phrases.setdefault(words[0], []).append(
                Phrase(words, etype, item.get("mode"), dict(item.get("if", {}))))
    for lst in phrases.values():
        lst.sort(key=lambda p: -len(p.words))  # longest first
    fs = lambda k: frozenset(w.lower() for w in raw.get(k, []))  # noqa: E731
    return Lexicon(
        lang=lang, triggers=triggers, phrases=phrases,
        numbers=raw["numbers"], approx=raw["approx"], vague=raw["vague"], multipliers=raw["multipliers"],
        killed_words=fs("killed_words"), injured_words=fs("injured_words"), loss_verbs=fs("loss_verbs"),
        intransitive_deaths=fs("intransitive_deaths"),
        personnel_nouns=fs("personnel_nouns"), toll_words=fs("toll_words"),
        reporting_verbs=fs("reporting_verbs"), denial_verbs=fs("denial_verbs"),
        source_markers=tuple(tuple(m.lower().split()) for m in raw["source_markers"]),
        uncertain_words=fs("uncertain_words"), hearsay_words=fs("hearsay_words"),
        future_words=fs("future_words"), irrealis_heads=fs("irrealis_heads"),
        exempt_heads=fs("exempt_heads"), non_source_nouns=fs("non_source_nouns"),
        claim_nouns=fs("claim_nouns"), source_nouns=fs("source_nouns"),
        international_nouns=fs("international_nouns"), background_preps=fs("background_preps"),
        inclusion_words=fs("inclusion_words"), negations=fs("negations"),
        armed_nouns=fs("armed_nouns"), protester_nouns=fs("protester_nouns"),
        group_names={k.lower(): v for k, v in raw["group_names"].items()},
        demonyms={k.lower(): v for k, v in raw["demonyms"].items()},
        compound_prefixes=fs("compound_prefixes"),
        qualifiers={k.lower(): v for k, v in raw.get("qualifiers", {}).items()},
        non_participants=fs("non_participants"), background_heads=fs("background_heads"),
        continuation_connectives=tuple(tuple(m.lower().split()) for m in raw.get("continuation_connectives", [])),
        irrealis_modifiers=fs("irrealis_modifiers"),
        exposure_nouns=fs("exposure_nouns"), implicative_heads=fs("implicative_heads"),
        response_verbs=fs("response_verbs"), ongoing_verbs=fs("ongoing_verbs"),
        narrator_marks=fs("narrator_marks"), handover_verbs=fs("handover_verbs"),
        agreement_frames=tuple(tuple(m.lower().split()) for m in raw.get("agreement_frames", [])),
    )
