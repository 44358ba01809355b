"""Every record that flows through veille.

Stages exchange these typed records, never dicts. Every value taken from the
text carries an :class:`Evidence` built through :meth:`Evidence.of`, which
checks that ``text[start:end]`` is the evidence text, so the invariant holds
everywhere and any field can be highlighted in its source.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Literal

from .errors import VeilleError

Granularity = Literal["day", "month", "year"]
QuoteKind = Literal["direct", "indirect"]
Modality = Literal["asserted", "reported", "denied", "uncertain"]
Precision = Literal["facility", "locality", "admin2", "admin1", "country", "region"]

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES = ("asserted", "reported", "denied", "uncertain")


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of the document text: ``text == source[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> "Evidence":
        """Build the evidence for ``source[start:end]``, checking the bounds."""
        if not (0 <= start < end <= len(source)):
            raise VeilleError("V201", f"evidence span {start}:{end} outside text of length {len(source)}")
        return cls(start, end, source[start:end])

    def check(self, source: str) -> bool:
        """True when this evidence is exactly ``source[start:end]``."""
        return source[self.start:self.end] == self.text


@dataclass(slots=True)
class Document:
    """One article as read from a source, before extraction."""

    text: str
    id: str = ""
    title: str = ""
    url: str = ""
    source: str = ""
    published: dt.date | None = None
    lang: str | None = None
    origin: str = ""  # file and line it was read from, for failures and provenance

    @property
    def content_hash(self) -> str:
        """Identity of the content: the same text (and id) ingested twice is one document."""
        h = hashlib.sha256()
        h.update(self.id.encode("utf-8"))
        h.update(b"\0")
        h.update(self.text.encode("utf-8"))
        return h.hexdigest()


@dataclass(slots=True)
class DateMention:
    """A calendar expression normalized against the publication date."""

    evidence: Evidence
    value: str | None  # YYYY-MM-DD, YYYY-MM or YYYY; None when a relative date has no anchor
    granularity: Granularity
    anchor: str | None = None  # ISO date it was resolved from, for relative expressions
    relative: bool = False


@dataclass(slots=True)
class Place:
    """A toponym resolved to a gazetteer entry."""

    evidence: Evidence
    name: str
    country: str | None  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    admin1: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    precision: Precision = "locality"


@dataclass(slots=True)
class Entity:
    """A person, organisation or group named in the document, under one canonical name."""

    name: str
    kind: Literal["person", "org", "group"] = "person"
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    mentions: list[Evidence] = field(default_factory=list)
    id: str = ""  # the cluster id within the document (« e3 »): what a quote's speaker_id names


@dataclass(slots=True)
class Quote:
    """Direct or indirect speech tied to its speaker."""

    evidence: Evidence
    speaker: str | None
    kind: QuoteKind
    speaker_evidence: Evidence | None = None
    cue: Evidence | None = None  # the reporting verb or « selon »
    role: str | None = None
    speaker_id: str | None = None  # the id of the speaker's entity cluster, when the speaker is one


@dataclass(slots=True)
class Event:
    """A PLOVER event stated in one sentence."""

    evidence: Evidence  # the sentence that states it
    trigger: Evidence
    type: str
    mode: str | None = None
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    place: Place | None = None
    date: str | None = None
    date_evidence: Evidence | None = None
    killed: int | None = None
    killed_high: int | None = None
    injured: int | None = None
    injured_high: int | None = None
    according_to: str | None = None
    modality: Modality = "asserted"


@dataclass(slots=True)
class Extraction:
    """Everything veille extracted from one document."""

    document: Document
    dates: list[DateMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    story: str | None = None
    story_keys: list[str] = field(default_factory=list)  # language-independent clues for grouping
    story_vector: bytes | None = None  # float32 lede embedding, for grouping across languages
    skipped: str | None = None  # reason when the language is not processed
    # transient: the document's coreference clusters (veille.nlp.coref.Clusters), built by the coref stage for
    # the stages after it; never stored (the entities are) nor compared
    clusters: object | None = field(default=None, repr=False, compare=False)

    def evidences(self) -> list[Evidence]:
        """Every evidence span held by this extraction."""
        out: list[Evidence] = [d.evidence for d in self.dates] + [p.evidence for p in self.places]
        for q in self.quotes:
            out += [e for e in (q.evidence, q.speaker_evidence, q.cue) if e]
        for ev in self.events:
            out += [e for e in (ev.evidence, ev.trigger, ev.date_evidence) if e]
            if ev.place:
                out.append(ev.place.evidence)
        for ent in self.entities:
            out += ent.mentions
        return out


@dataclass(slots=True)
class Failure:
    """A document that could not be read or processed, with where and why."""

    origin: str  # file[:line]
    reason: str
    code: str = "V100"
    document: Document | None = None  # kept when the text was read, so nothing is lost
