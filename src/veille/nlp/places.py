"""Places: toponyms found in the text and resolved against the gazetteer."""
from __future__ import annotations

from spacy.tokens import Doc

from ..config import Settings
from ..geo.gazetteer import Gazetteer
from ..model import Document, Place


def extract_places(doc: Document, parsed: Doc, *, settings: Settings, gazetteer: Gazetteer) -> list[Place]:
    """Every toponym of the document, resolved to a gazetteer place."""
    return []
