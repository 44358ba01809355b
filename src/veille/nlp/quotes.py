"""Quotes: direct and indirect speech with the speaker resolved to a full name."""
from __future__ import annotations

from spacy.tokens import Doc

from ..config import Settings
from ..model import Document, Entity, Quote


def extract_quotes(doc: Document, parsed: Doc, *, settings: Settings) -> tuple[list[Quote], list[Entity]]:
    """Every quotation of the document and the people and groups who speak."""
    return [], []
