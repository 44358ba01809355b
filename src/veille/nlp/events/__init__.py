"""Events: PLOVER-typed acts with actors, place, date, casualties, source and modality.

Triggers are lemmas (and multiword phrases) from the packaged lexicon of the
document's language (:mod:`.triggers`), each with syntactic conditions checked
on the parse (:mod:`.conditions`). Arguments come from the dependency tree
(:mod:`.arguments`, :mod:`.names`); place, date and source from the other
stages' records (:mod:`.context`, :mod:`.modality`); casualty numbers from
:mod:`.numbers`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ...config import EventsSettings, Settings
from ...lang.events import Lexicon, load_lexicon
from ...model import DateMention, Document, Entity, Event, Evidence, Place, Quote
from ..syntax import definite, is_reporting_verb
from .arguments import armed_near, arguments, merge
from .context import (
    SPEECH_ACTS,
    choose_date,
    document_defaults,
    governing_noun,
    place_of,
    riot_context,
    segments,
    sentence_evidence,
    statements_abroad,
)
from .grammar import clause_verb, is_negated, pos_of
from .modality import Attribution, attribution, background, continues_report, source_marker
from ..coref import Clusters
from .names import Names, lookup_key
from .numbers import Casualties, casualties
from .triggers import (
    Candidate,
    after_marker,
    deal_acts,
    find_triggers,
    hostile_promises,
    in_name,
    on_media,
    irrealis,
    ongoing,
    stance,
    under_agreement,
)

__all__ = ["extract_events"]


@dataclass
class _Run:
    """What one document's pass carries from sentence to sentence."""

    doc: Document
    parsed: Doc
    lex: Lexicon
    cfg: EventsSettings
    names: Names
    dates: list[DateMention]
    places: list[Place]
    quotes: list[Quote]
    not_sources: set[str]
    events: list[Event] = field(default_factory=list)
    armed_events: set[int] = field(default_factory=set)
    restated: set[int] = field(default_factory=set)  # events that may restate the incident (a toll, « l'attaque »)
    ongoing: bool = False  # fighting told as lasting or resuming: a campaign, not one datable attack
    in_deal: bool = False  # the sentence tells how an agreement was carried out
    own_dated: set[int] = field(default_factory=set)  # events dated by their own clause, not a verb above
    placed: set[int] = field(default_factory=set)  # events with a place attached to their clause


def extract_events(doc: Document, parsed: Doc, *, dates: list[DateMention], places: list[Place],
                   quotes: list[Quote], entities: list[Entity], settings: Settings,
                   clusters: Clusters | None = None) -> list[Event]:
    """Every PLOVER event stated in the document (VeilleError V203 for a language without a lexicon)."""
    lex = load_lexicon((doc.lang or "")[:2])
    cfg = settings.events
    run = _Run(doc, parsed, lex, cfg, Names(entities, lex, parsed, places, dates, cfg.max_actor_words, clusters),
               dates, places, quotes, {lookup_key(m.evidence.text) for m in [*dates, *places]})
    prev: Span | None = None
    for sent in segments(parsed, lex):
        carried = _segment_source(prev, run) if prev is not None and continues_report(
            sent, lex, cfg.connective_window) else None
        prev = sent
        _sentence_events(run, sent, carried)
    events = run.events
    document_defaults(events, places, dates, doc.published.isoformat() if doc.published else None,
                      run.restated, undatable={id(e) for e in events if e.type == "ASSAULT"} if run.ongoing else set(),
                      own=run.own_dated, attached=run.placed,
                      min_acts=cfg.incident_place_min_acts)
    riot_context(events, run.armed_events, cfg, lex)
    statements_abroad(events, places, lex)
    return events


def _sentence_events(run: _Run, sent: Span, carried: str | None) -> None:
    """The events of one sentence, appended to the run."""
    lex, cfg = run.lex, run.cfg
    cas = casualties(sent, lex, cfg)
    has_number = cas.killed is not None or cas.injured is not None
    cands = [c for c in find_triggers(sent, lex, has_number)
             if not irrealis(c.anchor, lex, cfg.irrealis_depth)
             and not after_marker(c.anchor, lex, cfg.marker_lookback) and not in_name(c.anchor)
             and not on_media(c.anchor, lex)]
    if has_number and cas.at is not None and not any(c.type == "ASSAULT" for c in cands):
        tok = run.parsed[cas.at]
        cands.append(Candidate(tok, tok.i, tok.i + 1, "ASSAULT", None))
    run.in_deal = under_agreement(sent, lex) or (run.in_deal and (carried is not None or _anaphoric_source(sent, lex)))
    if run.in_deal:
        cands += deal_acts(sent, lex, cands)
    if not cands:
        return
    for c in cands:
        arguments(c, run.names)
    cands = hostile_promises(cands)
    evidence = sentence_evidence(run.doc.text, sent)
    if evidence is None:
        return
    killed_done = False
    for c in merge(cands, lex):
        ev = _event(run, c, sent, evidence, carried)
        if ev is None:
            continue
        if armed_near(c.anchor, lex):
            run.armed_events.add(id(ev))
        if has_number or (pos_of(c.anchor) == "NOUN" and definite(c.anchor, lex.syntax.definite_words)
                          and not _names_its_own(c.anchor)):
            run.restated.add(id(ev))  # an anaphor (« l'attaque », "the blast") or a toll
        if c.type == "ASSAULT" and ongoing(c.anchor, lex):
            run.ongoing = True
        if c.type == "ASSAULT" and has_number and not killed_done:
            _count(ev, cas)
            killed_done = True
        run.events.append(ev)


def _count(ev: Event, cas: Casualties) -> None:
    ev.killed, ev.killed_high, ev.injured, ev.injured_high = cas.killed, cas.killed_high, cas.injured, cas.injured_high


def _event(run: _Run, c: Candidate, sent: Span, evidence: Evidence, carried: str | None) -> Event | None:
    """The event of a merged candidate, or None when it is plainly negated."""
    lex = run.lex
    att = attribution(c.anchor, sent, run.quotes, lex, run.cfg, run.names.speaker, _trigger_nouns(lex.lang), carried)
    _speech_act(c, att, run.quotes, lex)
    if att.according_to is not None and lookup_key(att.according_to) in run.not_sources:
        # a weekday or a place taken for a speaker upstream (« Jeudi, ... a déclaré »): the noun it
        # complements speaks (« la présidence du Niger »), else nobody named does
        att.according_to = governing_noun(att.according_to, run.quotes, run.parsed, run.doc.text)
        if att.according_to is None and att.modality == "reported":
            att.modality = "asserted"
    if is_negated(c.anchor, lex):
        if att.according_to is None or c.anchor.dep_ in lex.syntax.relative_deps:
            return None  # a plain negation is no event
        att.modality = "denied"  # a source saying it did not happen
    # fighting still going on, named to set the scene of a statement (« au milieu des combats en
    # cours, X a déclaré mercredi »): the day is the statement's, the fighting has none
    date, own = choose_date(run.dates, sent, c.anchor, lex, _trigger_nouns(lex.lang),
                            background(c.anchor, lex) and ongoing(c.anchor, lex))
    trig = run.parsed[c.start:c.end]
    text = run.doc.text
    place, attached = place_of(run.places, sent, c.anchor, lex)
    ev = Event(evidence=evidence, trigger=Evidence.of(text, trig.start_char, trig.end_char),
               type=c.type, mode=c.mode, actors=c.actors, targets=c.targets,
               place=place,
               date=date.value if date else None, date_evidence=date.evidence if date else None,
               according_to=att.according_to, modality=att.modality)
    if own:
        run.own_dated.add(id(ev))
    if attached:
        run.placed.add(id(ev))
    return ev


def _speech_act(c: Candidate, att: Attribution, quotes: list[Quote], lex: Lexicon) -> None:
    """A reported statement that is itself the act: the speaker is its actor, and it is asserted."""
    if (c.type in SPEECH_ACTS and att.modality == "reported"
            and (att.according_to in c.actors or (not c.actors and clause_verb(c.anchor) is None))
            and _in_quote(c.anchor, quotes)):
        # a speaker's own accusation, demand, threat or praise: the speech is the act
        c.actors = c.actors or [att.according_to]
        att.modality, att.according_to = "asserted", None
    if c.type in SPEECH_ACTS and att.modality == "reported" and att.according_to and _speakers_own(c.anchor, lex):
        # « a déclaré X, s'engageant à réprimer ... », "X said, accusing Y of ...": a participle on the reporting
        # verb is the speaker's own act, told by the narrator
        c.actors = c.actors or [att.according_to]
        att.modality, att.according_to = "asserted", None
        return
    if (c.type in ("ACCUSE", "THREATEN") and att.modality == "reported" and att.according_to
            and stance(c.anchor, lex)):
        # « X a dit que les forces étaient responsables », "X said the fight will go on": saying it
        # is the accusation or the threat; the predicate's subject is the accused
        c.targets = [t for t in c.actors + c.targets if t != att.according_to] if c.type == "ACCUSE" \
            else c.targets
        c.actors = [att.according_to]
        att.modality, att.according_to = "asserted", None


def _speakers_own(tok: Token, lex: Lexicon) -> bool:
    """A present participle with no subject of its own hanging on a reporting verb (« ..., a déclaré X,
    s'engageant à ... », "X said, accusing ...")."""
    if tok.pos_ != "VERB" or "Pres" not in tok.morph.get("Tense") or not (
            {"Part", "Ger"} & set(tok.morph.get("VerbForm"))):
        return False
    if tok.dep_ not in ("conj", "advcl", "xcomp") or any(c.dep_ in lex.syntax.subject_deps for c in tok.children):
        return False
    return is_reporting_verb(tok.head, lex.reporting_verbs, lex.syntax.light_object_deps)


def _segment_source(sent: Span, run: _Run) -> str | None:
    """Who a sentence is attributed to: the speaker quoted in it, else its events' source, else its
    « selon ... » (the sentence may state no event: « ..., selon la même source. »)."""
    quotes, names = run.quotes, run.names
    inside = [q for q in quotes if q.speaker and q.evidence.start < sent.end_char and q.evidence.end > sent.start_char]
    if inside:
        return names.speaker(max(inside, key=lambda q: q.evidence.start).speaker)
    told = next((e.according_to for e in reversed(run.events) if e.modality == "reported"
                 and e.evidence.start >= sent.start_char and e.according_to), None)
    if told is None:
        att = attribution(sent.root, sent, quotes, names.lex, run.cfg, names.speaker)
        told = att.according_to if att.modality == "reported" else None
    return told


def _anaphoric_source(sent: Span, lex: Lexicon) -> bool:
    """« ..., selon l'information. », "according to the report": the sentence goes on with the report before."""
    src = source_marker(sent, sent.root, lex)
    return src is not None and src.lemma_.lower() in lex.claim_nouns and definite(src, lex.syntax.definite_words)


def _names_its_own(tok: Token) -> bool:
    """An act noun with a proper-noun complement (« la chute de Tarn », "the fall of Tarn"): it names its own
    incident, maybe another one than the story's."""
    return any(t.pos_ == "PROPN" for c in tok.children if c.dep_ in ("nmod", "prep") for t in c.subtree)


def _in_quote(tok: Token, quotes: list[Quote]) -> bool:
    return any(q.evidence.start <= tok.idx < q.evidence.end for q in quotes)


@lru_cache(maxsize=None)
def _trigger_nouns(lang: str) -> frozenset[str]:
    """Nouns that name events, never a source (« selon l'accord » is not a source)."""
    return frozenset(lemma for lemma, pos in load_lexicon(lang).triggers if pos == "NOUN")
