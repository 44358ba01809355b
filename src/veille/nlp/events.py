"""Events: PLOVER-typed acts with actors, place, date, casualties, source and modality."""
from __future__ import annotations

from spacy.tokens import Doc

from ..config import Settings
from ..model import DateMention, Document, Entity, Event, Place, Quote


def extract_events(doc: Document, parsed: Doc, *, dates: list[DateMention], places: list[Place],
                   quotes: list[Quote], entities: list[Entity], settings: Settings) -> list[Event]:
    """Every PLOVER event stated in the document."""
    return []
