"""The Python API: one document in, its typed record out."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .config import Settings
from .errors import VeilleError
from .ingest.records import parse_published
from .model import Document, Extraction, Failure
from .nlp.pipeline import Pipeline
from .textsafe import clean


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return Pipeline(Settings.from_env())


def extract(text: str, published: str | dt.date | None = None, lang: str | None = None,
            *, pipeline: Pipeline | None = None, **fields: str) -> Extraction:
    """Extract dates, places, quotes and events from one article.

    ``published`` anchors relative dates (« hier », "last Friday"); ``lang``
    skips detection. Extra ``fields`` (id, title, url, source) are kept on the
    document. Raises :class:`VeilleError` when the document cannot be processed.
    """
    if not text or not text.strip():
        raise VeilleError("V104", "empty text")
    text, fields = clean(text), {k: clean(v) for k, v in fields.items()}  # lone surrogates: U+FFFD, same offsets
    pub = published if isinstance(published, dt.date) or published is None else parse_published(published)
    doc = Document(text=text, published=pub, lang=lang, origin=fields.get("id", "<text>"), **fields)
    result = next(iter((pipeline or _default_pipeline()).process([doc])))
    if isinstance(result, Failure):
        raise VeilleError(result.code, result.reason)
    return result
