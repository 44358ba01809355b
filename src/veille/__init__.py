"""veille: news articles to an evidence-linked database of what happened."""
from __future__ import annotations

from .api import extract
from .errors import VeilleError
from .model import DateMention, Document, Entity, Event, Evidence, Extraction, Failure, Place, Quote

__all__ = ["extract", "VeilleError", "Document", "Evidence", "DateMention", "Place", "Quote",
           "Entity", "Event", "Extraction", "Failure"]
__version__ = "0.1.0"
