"""Context of an event: its sentence, date and place, and the document's defaults for what it leaves unsaid."""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from ...config import EventsSettings
from ...lang.events import Lexicon
from ...model import DateMention, Event, Evidence, Place, Quote
from ..syntax import doc_text, rejoin_sentences, texts
from .grammar import clause_verb, local_ancestors
from .names import lookup_key

#: acts that make up "the incident" a document dates
INCIDENT_TYPES = ("ASSAULT", "COERCE", "PROTEST")
#: statements: an accusation, demand, threat or praise
SPEECH_ACTS = ("SUPPORT", "ACCUSE", "REQUEST", "THREATEN")


def segments(parsed: Doc, lex: Lexicon) -> list[Span]:
    """Sentences, also cut at line breaks (headlines and captions stand alone)."""
    out = []
    words, text = texts(parsed), doc_text(parsed)
    for sent in rejoin_sentences(parsed, lex.syntax.sentence_openers, lex.syntax.sentence_ends):
        start = sent.start
        for k in range(sent.start, sent.end):
            if "\n" in words[k] and words[k].isspace() and k > start:  # a space token holding a line break
                out.append(parsed[start:k])
                start = k + 1
        if start < sent.end:
            out.append(parsed[start:sent.end])
    return [s for s in out if text[s.start_char:s.end_char].strip()]  # Span.text, not rebuilt from tokens


def sentence_evidence(text: str, span: Span) -> Evidence | None:
    """The evidence of a sentence, its surrounding spaces trimmed; None when it is blank."""
    start, end = span.start_char, span.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence.of(text, start, end) if end > start else None


def choose_place(places: list[Place], sent: Span, trigger: Token, lex: Lexicon | None = None) -> Place | None:
    """The place of the trigger (see :func:`place_of`)."""
    return place_of(places, sent, trigger, lex)[0]


def place_of(places: list[Place], sent: Span, trigger: Token,
             lex: Lexicon | None = None) -> tuple[Place | None, bool]:
    """The place attached to the trigger's clause, else the one named in the sentence nearest the trigger;
    never one standing for an actor (« Washington menace »).

    Attached: on the trigger, or on its clause's verb with no other clause in between (« X a saisi le navire
    au large de Brest »), not in a complement of a participant (« les rebelles, alliés de Vernoux, ont saisi »).
    Also says whether the place is attached (not merely named nearby).
    """
    doc = sent.doc
    inside, attached = [], []
    clause = clause_verb(trigger)
    for p in places:
        if not (sent.start_char <= p.evidence.start and p.evidence.end <= sent.end_char):
            continue
        span = doc.char_span(p.evidence.start, p.evidence.end, alignment_mode="expand")
        if span is not None and span.root.dep_ == "nsubj":
            continue
        inside.append(p)
        if span is not None and lex is not None and _attached(span.root, trigger, clause, lex):
            attached.append(p)
    pool = attached or inside
    if not pool:
        return None, False
    return min(pool, key=lambda p: abs(p.evidence.start - trigger.idx)), bool(attached)


def _attached(root: Token, trigger: Token, clause: Token | None, lex: Lexicon) -> bool:
    """A place on the trigger, or on its clause's verb or its object (« un poste de police à Kidal »), with no
    other clause in between and not through the subject (« les miliciens, venus de Gao, ont attaqué »)."""
    if trigger == root:
        return True
    for a in local_ancestors(root):
        if a in (trigger, clause):
            return True
        if a.pos_ in ("VERB", "AUX") or a.dep_.startswith(("nsubj", "appos")) or a.dep_ in lex.syntax.subject_deps:
            return False  # another clause, or a complement of the actor (« les rebelles, alliés de Téhéran »)
    return False


def _reaches(tok: Token, trigger: Token, lex: Lexicon) -> bool:
    """Whether ``trigger`` governs ``tok`` with no other clause in between.

    A date inside a relative or adverbial clause with its own subject dates that clause
    (« là où X a été tué mardi, des jeunes ont incendié... », "four times the numbers
    mobilised on Wednesday"), not the main verb above it; a date in a reporting incise dates the statement
    (« ... ont été blessés, a déclaré mercredi le ministre »), even when the parser misses its subject (but
    « dans un communiqué publié mercredi, X condamne »: the statement is the act).
    """
    for a in local_ancestors(tok):
        if a == trigger or _tells_the_act(a, trigger, lex):
            return True
        if a.pos_ in ("VERB", "AUX") and (a.dep_ in lex.syntax.relative_deps or (
                a.lemma_.lower() in lex.reporting_verbs and a.dep_ in ("parataxis", "ccomp")) or any(
                c.dep_ in lex.syntax.subject_deps for c in a.children)
                or (a.dep_ == "acl" and "Inf" in a.morph.get("VerbForm"))):
            # an infinitive completing a noun dates its planned act (« l'objectif de terminer avant le 31 »)
            return False
    return False


def _tells_the_act(verb: Token, trigger: Token, lex: Lexicon) -> bool:
    """A relative clause on the act noun whose subject is the act itself ("a raid that began on Wednesday",
    « l'attaque, qui a eu lieu lundi »): its date is the act's own."""
    return (verb.head == trigger and verb.dep_ in lex.syntax.relative_deps and any(
        c.dep_ in lex.syntax.subject_deps and "Rel" in c.morph.get("PronType") for c in verb.children))


def choose_date(dates: list[DateMention], sent: Span, trigger: Token, lex: Lexicon,
                 event_nouns: frozenset[str] = frozenset(), scene: bool = False) -> tuple[DateMention | None, bool]:
    """The date governing the trigger's clause: on the trigger, or on the same clause's verb; and whether it is
    the act's own (on the trigger or a clause the trigger heads), not the one of the verb above an act noun
    (« le bilan du tir a été revu mardi »: Tuesday dates the revision).

    A ``scene`` noun (ongoing fighting in a time adjunct of a statement) and an act counted by a toll take only a
    date of their own: the clause's date is the statement's or the toll's.
    """
    inside = [d for d in dates if d.value and sent.start_char <= d.evidence.start and d.evidence.end <= sent.end_char]
    if not inside:
        return None, False
    doc = sent.doc
    clause = clause_verb(trigger)
    scene = scene or _counted(trigger, lex)
    governed, own = [], []
    for d in inside:
        span = doc.char_span(d.evidence.start, d.evidence.end, alignment_mode="expand")
        if span is None or _dates_other_act(span.root, trigger, event_nouns) or _names_a_year(span.root, trigger):
            continue
        mine = trigger in span or _reaches(span.root, trigger, lex)
        if mine or (not scene and clause is not None and clause_verb(span.root) == clause):
            governed.append(d)
            if mine or clause == trigger:
                own.append(d)
    if not governed:
        return None, False
    # the act's own date expression first, else its clause's (the nearest)
    best = min(own or governed, key=lambda d: abs(d.evidence.start - trigger.idx))
    return best, best in own


def _names_a_year(root: Token, trigger: Token) -> bool:
    """A bare year naming a thing (« la loi de finances 2024 », "the Finance Bill 2024"), not when an act
    happened."""
    head = root.head
    return (root.like_num and len(root.text) == 4 and head is not root and head != trigger
            and (head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.i < root.i))  # "the Finance Bill 2024"
            and not any(c.dep_ in ("case", "prep") for c in root.children))


def _counted(trigger: Token, lex: Lexicon) -> bool:
    """An act complementing a toll noun (« le bilan de l'incendie », "the toll of the fire"): the clause's date is
    the toll's (its revision, its report), not the act's."""
    head = trigger.head
    if trigger.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head != trigger and head.lemma_.lower() in lex.toll_words


def _dates_other_act(root: Token, trigger: Token, event_nouns: frozenset[str]) -> bool:
    """« les attaques d'hier »: a date complementing another event noun dates that event only (but « l'attaque
    de jeudi a tué 13 personnes »: the subject's date is the clause's)."""
    other = root.head
    if root.dep_ == "pobj" and other.dep_ == "prep":
        other = other.head
    return (root.dep_ in ("nmod", "pobj") and other.pos_ == "NOUN" and other != trigger
            and not (other.head == trigger and other.dep_.startswith("nsubj"))
            and other.lemma_.lower() in event_nouns)


def incident_place(places: list[Place], acts: Counter | None = None) -> Place | None:
    """The document's main country, standing for undated, unplaced statements about the same incident.

    ``acts`` weighs in the countries of the places of the incident's own acts (an attack, a riot, an arrest): a
    story about a territory often names the capital that rules it.
    """
    countries = Counter(p.country for p in places if p.country) + (acts or Counter())
    if not countries:
        return None
    country = countries.most_common(1)[0][0]
    same = [p for p in places if p.country == country]
    return next((p for p in same if p.precision == "country"), same[0]) if same else None


def document_defaults(events: list[Event], places: list[Place], dates: list[DateMention],
                       published: str | None, restated: set[int] = frozenset(),
                       undatable: set[int] = frozenset(), own: set[int] | None = None,
                       attached: set[int] | None = None, min_acts: int = 2) -> None:
    """Undated or unplaced events take the document's single incident date and main country.

    ``undatable`` events keep no date: fighting told as lasting or resuming (a campaign has no single day).
    ``own`` holds the events dated by an expression of their own clause (None: all dated ones); the
    publication day, when it is the only day named, dates the incident only if it dates an act that way
    (not only a report: « le bilan a été revu ce mardi »).
    """
    fallback, sure = _incident_place(events, places, attached, min_acts)
    days = {d.value for d in dates if d.value and d.granularity == "day"}
    own_dated = [ev for ev in events if ev.date and (own is None or id(ev) in own)]
    if days == {published}:
        # the publication day dates reports more often than acts: only acts dated by it themselves count
        by_type, acts_dated = _dated_by_type(own_dated), {ev.date for ev in own_dated}
    else:
        by_type, acts_dated = _dated_by_type(events), {ev.date for ev in events if ev.date}
    # the day of the single incident: the publication day only when it dates an act itself
    incident = [ev for ev in events if ev.date and (ev.date != published or own is None or id(ev) in own)]
    single = {t: {d for d in v if len(d) == 10} for t, v in _dated_by_type(incident).items()}
    deadly = any(ev.date and ev.type == "ASSAULT" and ev.killed for ev in events)
    # a protest story's lede dates its night of unrest; arrests, deployments and riot acts told after
    # it without a date of their own belong to that night
    lede = events[0].evidence.start if events else 0
    unrest = next((ev.date for ev in events if ev.evidence.start == lede and ev.type == "PROTEST" and ev.date),
                  None)
    for ev in events:
        if fallback is not None and (ev.place is None or (
                sure and id(ev) not in attached and ev.type in INCIDENT_TYPES
                and ev.place.country != fallback.country)):
            # unplaced, or an act of the incident only named near a place of another country (« Three
            # killed after Lorsk backs the vote »): the incident's country
            ev.place = fallback
        if id(ev) in undatable or ev.date is not None:
            continue
        if len(days) == 1 and (ev.type in INCIDENT_TYPES and (
                not by_type and days != {published} or days & by_type.get(ev.type, set())) or (
                days == {published} and days & acts_dated)):
            # the document names one single day: its incident's, for acts of the kind it dates (the day of
            # a bombing does not date the takeover told beside it); in a same-day report where that day
            # dates an act (not only a report: « X reported on Wednesday »), every act's
            ev.date = next(iter(days))
        elif ev.type in ("ASSAULT", "COERCE") and len(single.get(ev.type, ())) == 1 and (
                id(ev) in restated or (deadly and ev.type == "ASSAULT")):
            # the same single attack or seizure, dated to the day elsewhere in the document: restated by a
            # toll or an anaphor, or any mention when that attack is a deadly one (a bombing story, not a
            # campaign); a year or month of an older incident (« en juin 2021 ») does not compete
            ev.date = next(iter(single[ev.type]))
        elif unrest and ev.type in ("PROTEST", "COERCE", "MOBILIZE"):
            ev.date = unrest


def _incident_place(events: list[Event], places: list[Place], attached: set[int] | None,
                    min_acts: int) -> tuple[Place | None, bool]:
    """The incident's place: the country named most, each place of an act of the incident counting twice more;
    and whether at least ``min_acts`` acts have a place of that country attached."""
    if attached is None:
        return incident_place(places), False
    acts: Counter = Counter()
    for ev in events:
        if ev.type in INCIDENT_TYPES and ev.place is not None and ev.place.country:
            acts[ev.place.country] += 2
    place = incident_place(places, acts)
    sure = place is not None and sum(id(ev) in attached and ev.place is not None and ev.type in INCIDENT_TYPES
                                     and ev.place.country == place.country for ev in events) >= min_acts
    return place, sure


def _dated_by_type(events: list[Event]) -> dict[str, set[str]]:
    """Dates stated per incident type."""
    by_type: dict[str, set[str]] = {}
    for ev in events:
        if ev.date and ev.type in INCIDENT_TYPES:
            by_type.setdefault(ev.type, set()).add(ev.date)
    return by_type


def statements_abroad(events: list[Event], places: list[Place], lex: Lexicon) -> None:
    """A condemnation, appeal, threat or praise voiced by an international body or a foreign state: no place.

    The act is a statement made from elsewhere about the country (« l'Union africaine a
    condamné le coup d'État au Niger »): the country it concerns is not where it happened.
    """
    home = incident_place(places)
    if home is None:
        return
    foreign = {lookup_key(p.evidence.text) for p in places if p.country and p.country != home.country
               and p.precision == "country"}
    for ev in events:
        if ev.type not in SPEECH_ACTS or not ev.actors:
            continue
        for actor in ev.actors:
            key = lookup_key(actor)
            bare = key
            for article in lex.syntax.actor_articles:
                bare = bare.removeprefix(article)  # « la France »
            if set(key.split()) & lex.international_nouns or key in foreign or bare in foreign:
                ev.place = None
                if ev.date_evidence is None:
                    ev.date = None  # nor the incident's date: the statement's own day is not known
                break


def riot_context(events: list[Event], armed_events: set[int], settings: EventsSettings,
                 lex: Lexicon | None = None) -> None:
    """In a riot story, violence with no armed actor and no dead is the rioters' (PROTEST, not ASSAULT).

    Harm to persons stays an ASSAULT: gunfire, a death or an injury (« un gendarme touché par un tir »,
    "a gendarme was wounded"), whoever did it.
    """
    if sum(ev.type == "PROTEST" for ev in events) < settings.riot_min_protests:
        return
    harm = (lex.killed_words | lex.injured_words) if lex is not None else frozenset()
    for ev in events:
        if ev.type != "ASSAULT" or ev.killed is not None or id(ev) in armed_events:
            continue
        if ev.mode == "firearms" or set(ev.trigger.text.lower().split()) & harm:
            continue
        ev.type, ev.mode = "PROTEST", "riot"


def governing_noun(name: str, quotes: list[Quote], parsed: Doc, text: str) -> str | None:
    """The institution a place-name speaker complements (« la présidence du Niger » for « Niger »)."""
    for q in quotes:
        ev = q.speaker_evidence
        if q.speaker != name or ev is None:
            continue
        span = parsed.char_span(ev.start, ev.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root.head
        if span.root.dep_ in ("nmod", "pobj") and head.pos_ == "PROPN" and head.dep_ == "prep":
            head = head.head
        if head is not span.root and head.pos_ == "NOUN" and head.i < span.root.i:
            return text[head.idx:span.end_char]
    return None


