"""Dates: calendar expressions normalized against the publication date."""
from __future__ import annotations

from spacy.tokens import Doc

from ..config import Settings
from ..model import DateMention, Document


def extract_dates(doc: Document, parsed: Doc, *, settings: Settings) -> list[DateMention]:
    """Every calendar expression of the document, with its normalized value."""
    return []
