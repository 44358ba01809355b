"""Event trigger lexicons: packaged data (src/veille/data/<lang>/events.json), loaded once per language.

The "if" rule language of a trigger or phrase entry
---------------------------------------------------
Each entry of ``triggers`` / ``phrases`` may carry ``"if": {key: value}``: every key
must hold on the parse for the entry to fire. The keys are listed in :data:`RULE_KEYS`
(one line each); ``veille.nlp.events.conditions`` implements one function per key, and
a test checks that the two agree. An unknown key, an unknown event type or an unknown
mode makes the pack invalid (VeilleError V204), never silently ignored.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import model
from ..data import load_data
from ..errors import VeilleError
from ..model import EVENT_TYPES

#: every key of the "if" rule language, with what it asks of the trigger token
RULE_KEYS: dict[str, str] = {
    "passive": "bool: the trigger is (or is not) passive, a noun-modifying participle included",
    "obj": "bool: the trigger has (or has no) direct object",
    "obj_or_pass": "any: the trigger has an object or is passive",
    "reflexive": "bool: the trigger has (or has no) reflexive pronoun (« se rendre »)",
    "prep": "list: one of these prepositions introduces a dependent",
    "prep_not": "list: none of these prepositions introduces a dependent",
    "court": "list: a complement « à » + one of these penalty nouns (a court's sentence)",
    "not_court": "list: no complement « à » + one of these penalty nouns",
    "prep_noun": "list: one of these prepositions introduces a noun dependent",
    "prep_noun_not": "list: none of these prepositions introduces a noun dependent",
    "prep_or_inf": "list: one of these prepositions, or an infinitive complement",
    "obj_or_prep": "list: an object, or one of these prepositions",
    "subj_plural": "bool: the subject is plural or coordinated (a reciprocal act)",
    "prep_or_intrans": "list: no object, or one of these prepositions",
    "prep_propn": "list: one of these prepositions introduces a proper noun",
    "obj_in": "list: an object lemma is one of these",
    "obj_not": "list: no object lemma is one of these",
    "mod_in": "list: a modifier (amod, compound, nmod) lemma or form is one of these",
    "mod_not": "list: no dependent lemma is one of these",
    "not_dep": "list: the trigger's own dependency relation is none of these",
    "plural": "bool: the trigger is (or is not) plural",
    "inf_comp": "any: the trigger has an infinitive verb complement",
    "copula": "bool: the trigger is (or is not) a predicate after « être », 'be'",
    "obl_event": "list: a complement introduced by one of these prepositions names an act",
    "inf_type": "list: an infinitive complement is a trigger of one of these event types",
    "head_in": "list: the trigger is the subject of one of these future verbs",
    "needs_number": "any: the sentence states a casualty count",
    "needs_verb": "list: the trigger's head lemma is one of these",
    "subj_class": "class: a subject (or the noun itself) is of this class (armed|protester|person)",
    "subj_not_class": "class: no subject is of this class",
    "subj_class_not": "'none': the trigger has a subject or is passive",
    "obj_class": "class: an object is of this class",
    "obj_class_not": "class: no object is of this class",
    "future_type": "type: the event type when the act is announced for later (entry key, not in 'if')",
}


#: where a built entry came from (tools/build_event_lexicon.py records one per entry of events_plover.json)
ENTRY_SOURCES = ("manual", "derived:nominal", "derived:participle", "vectors:reviewed", "use:reviewed")


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


@dataclass(frozen=True, slots=True)
class EventSyntax:
    """The ``grammar`` section: function words and dependency-label profiles of one language's parses."""

    object_deps: frozenset[str]  # relations of a direct object
    passive_deps: frozenset[str]  # relations marking a passive (auxiliary, subject)
    subject_deps: frozenset[str]  # relations of a subject, passive included
    relative_deps: frozenset[str]  # relations of a relative clause
    agent_deps: frozenset[str]  # relations of a passive's agent
    passive_subject_deps: frozenset[str]
    counted_head_deps: frozenset[str]  # a participle or clause counting its head (« 13 personnes tuées »)
    complement_deps: frozenset[str]  # relations through which a reporting verb frames what is said
    light_object_deps: frozenset[str]  # relations of a light verb's noun (« faire état », "make clear")
    agent_preps: frozenset[str]  # prepositions of a passive's agent
    between_preps: frozenset[str]  # prepositions naming the parties of a clash or talks
    against_preps: frozenset[str]  # prepositions naming the target of an act noun
    of_preps: frozenset[str]  # prepositions of a noun's complement (« l'attaque des rebelles »)
    comitative_preps: frozenset[str]  # "with": an adjunct, not what is said
    source_preps: frozenset[str]  # "from" a source (« de source proche »)
    contractions: dict[str, str]  # contracted prepositions and their base (« au » -> « à »)
    penalty_preps: frozenset[str]  # preposition before a court's penalty (« à cinq ans »)
    reflexive_pronouns: frozenset[str]
    participle_endings: tuple[str, ...]  # endings of a past participle modifying a noun
    future_auxiliaries: frozenset[str]
    future_heads: frozenset[str]  # verbs whose complement is a future act (« promettre de », "vow to")
    infinitive_markers: frozenset[str]  # the particle of an infinitive ("to help")
    modal_auxiliaries: frozenset[str]  # auxiliaries of uncertainty ("could")
    conditional_endings: tuple[str, ...]  # endings of a conditional added to the infinitive
    infinitive_endings: tuple[str, ...]
    verb_form_endings: tuple[str, ...]  # endings stripped from a form left unlemmatized, in order
    regular_infinitive: str  # the ending added back to that stem ("" : no such fallback)
    setting_preps: frozenset[str]  # prepositions of a place or time modifier, cut off a participant ("near", « près »)
    inflection_endings: tuple[str, ...]  # endings of a form the lemmatizer cut wrong ("teargassed" -> "teargasse")
    member_nouns: frozenset[str]  # « membre de », "member of": the group behind is the participant
    quantity_nouns: frozenset[str]  # count nouns beside the number words ("thousands of")
    person_nouns: frozenset[str]  # a generic person: never one named victim
    readiness_words: frozenset[str]  # predicate adjectives of readiness, not of judgement
    definite_words: frozenset[str]  # determiners the tagger marks neither definite nor demonstrative
    articles: tuple[str, ...]  # articles stripped from a name's lookup key (with their space)
    actor_articles: tuple[str, ...]  # articles dropped from an actor before matching places, in order
    range_words: frozenset[str]  # words joining the two ends of a number range
    number_conjunctions: tuple[str, ...]  # « et » in « vingt et un »
    score_words: frozenset[str]  # « vingt » multiplying a four (« quatre-vingts »)
    sentence_openers: frozenset[str]  # a parser's sentence starting with these is a real one
    sentence_ends: frozenset[str]  # a sentence ending with these is a real one


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
    instrument_nouns: frozenset[str] = frozenset()  # weapons, munitions, fire: what an act is done with, no party
    media_nouns: frozenset[str] = frozenset()  # a video, photo or statement: shot, released, taken, not an act
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
    syntax: EventSyntax | None = None


def _invalid(source: str, where: str, what: str) -> VeilleError:
    return VeilleError("V204", f"{source}: {where}: {what}")


def _cond(source: str, where: str, item: dict) -> dict:
    """An entry's "if" rules, every key checked against :data:`RULE_KEYS`."""
    cond = dict(item.get("if", {}))
    for key in cond:
        if key not in RULE_KEYS or key == "future_type":
            raise _invalid(source, where, f"unknown rule key {key!r} (known: {', '.join(sorted(RULE_KEYS))})")
    for key in item:
        if key not in ("lemma", "words", "if", "mode", "future_type", "source"):
            raise _invalid(source, where, f"unknown entry key {key!r}")
    if "source" in item and item["source"] not in ENTRY_SOURCES:
        raise _invalid(source, where, f"unknown source {item['source']!r} (known: {', '.join(ENTRY_SOURCES)})")
    return cond


def _check_type(source: str, where: str, etype: str | None) -> None:
    if etype is not None and etype not in EVENT_TYPES:
        raise _invalid(source, where, f"unknown event type {etype!r} (known: {', '.join(EVENT_TYPES)})")


def _check_mode(source: str, where: str, etype: str, mode: str | None) -> None:
    # the modes are checked once model.py lists the PLOVER manual's modes per type (EVENT_MODES)
    modes = getattr(model, "EVENT_MODES", None)
    if modes is not None and mode is not None and mode not in modes.get(etype, ()):
        raise _invalid(source, where, f"unknown mode {mode!r} for {etype}")


def _entry(source: str, etype: str, item: str | dict) -> Trigger:
    if isinstance(item, str):
        lemma, _, pos = item.partition("/")
        return Trigger(lemma.lower(), pos or "VERB", etype)
    where = f"triggers.{etype} {item.get('lemma')!r}"
    lemma, _, pos = item["lemma"].partition("/")
    cond = _cond(source, where, item)
    _check_mode(source, where, etype, item.get("mode"))
    if item.get("future_type"):
        _check_type(source, where, item["future_type"])
        cond["future_type"] = item["future_type"]  # the type when the act is announced for later
    return Trigger(lemma.lower(), pos or "VERB", etype, item.get("mode"), cond)


def _triggers(source: str, raw: dict) -> dict[tuple[str, str], list[Trigger]]:
    triggers: dict[tuple[str, str], list[Trigger]] = {}
    for etype, items in raw["triggers"].items():
        _check_type(source, f"triggers.{etype}", etype)
        for item in items:
            t = _entry(source, etype, item)
            triggers.setdefault((t.lemma, t.pos), []).append(t)
    return triggers


def _phrases(source: str, raw: dict) -> dict[str, list[Phrase]]:
    phrases: dict[str, list[Phrase]] = {}
    for etype, items in raw["phrases"].items():
        _check_type(source, f"phrases.{etype}", etype)
        for item in items:
            if isinstance(item, str):
                item = {"words": item}
            where = f"phrases.{etype} {item['words']!r}"
            cond = _cond(source, where, item)
            _check_mode(source, where, etype, item.get("mode"))
            words = tuple(w.lower() for w in item["words"].split())
            phrases.setdefault(words[0], []).append(Phrase(words, etype, item.get("mode"), cond))
    for lst in phrases.values():
        lst.sort(key=lambda p: -len(p.words))  # longest first
    return phrases


def _syntax(source: str, raw: dict) -> EventSyntax:
    g = raw.get("grammar", {})
    kinds = {f.name: f.type for f in EventSyntax.__dataclass_fields__.values()}
    unknown = sorted(set(g) - set(kinds) - {"_doc"})
    missing = sorted(set(kinds) - set(g))
    if unknown or missing:
        raise _invalid(source, "grammar", f"unknown keys {unknown}, missing keys {missing}")
    out: dict[str, Any] = {}
    for name, kind in kinds.items():
        value = g[name]
        out[name] = (dict(value) if kind.startswith("dict") else value if kind == "str"
                     else tuple(value) if kind.startswith("tuple") else frozenset(value))
    return EventSyntax(**out)


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> Lexicon:
    """The events lexicon of a language, read from package data once; V203 when it has none."""
    raw = load_data(lang, "events.json")
    if raw is None:
        raise VeilleError("V203", f"no events lexicon for {lang!r}")
    return parse_lexicon(lang, raw, f"{lang}/events.json", load_data(lang, "events_plover.json"))


def _merge_built(triggers: dict, phrases: dict, built: dict, source: str) -> None:
    """Add the built PLOVER pack after the hand-tuned entries (which are tried first for a shared lemma)."""
    unknown = sorted(set(built) - {"_doc", "triggers", "phrases"})
    if unknown:
        raise _invalid(source, "top level", f"unknown keys {unknown}")
    for key, entries in _triggers(source, built).items():
        triggers.setdefault(key, []).extend(entries)
    for key, entries in _phrases(source, built).items():
        lst = phrases.setdefault(key, [])
        lst.extend(entries)
        lst.sort(key=lambda p: -len(p.words))  # longest first


def parse_lexicon(lang: str, raw: dict, source: str = "events.json", built: dict | None = None) -> Lexicon:
    """A lexicon built from the parsed JSON of an events file (and its built PLOVER pack), validated
    (V204 names ``source``)."""
    triggers, phrases = _triggers(source, raw), _phrases(source, raw)
    if built is not None:
        _merge_built(triggers, phrases, built, source.replace("events.json", "events_plover.json"))
    fs = lambda k: frozenset(w.lower() for w in raw.get(k, []))  # noqa: E731
    return Lexicon(
        lang=lang, triggers=triggers, phrases=phrases, syntax=_syntax(source, raw),
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
        non_participants=fs("non_participants"), instrument_nouns=fs("instrument_nouns"),
        media_nouns=fs("media_nouns"), background_heads=fs("background_heads"),
        continuation_connectives=tuple(tuple(m.lower().split()) for m in raw.get("continuation_connectives", [])),
        irrealis_modifiers=fs("irrealis_modifiers"),
        exposure_nouns=fs("exposure_nouns"), implicative_heads=fs("implicative_heads"),
        response_verbs=fs("response_verbs"), ongoing_verbs=fs("ongoing_verbs"),
        narrator_marks=fs("narrator_marks"), handover_verbs=fs("handover_verbs"),
        agreement_frames=tuple(tuple(m.lower().split()) for m in raw.get("agreement_frames", [])),
    )
