"""Field parsing shared by every reader."""
from __future__ import annotations

import datetime as dt
import re

from ..errors import VeilleError
from ..model import Document

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_published(value: object) -> dt.date | None:
    """A publication date from 'YYYY-MM-DD' (a time part is ignored); empty gives None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    m = _ISO_DAY.match(str(value).strip())
    if not m:
        raise VeilleError("V105", f"published: {value!r} is not a date (expected YYYY-MM-DD)")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as e:
        raise VeilleError("V105", f"published: {value!r} is not a valid date ({e})") from e


_STR_FIELDS = ("id", "title", "url", "source")


def document_from_record(obj: object, origin: str) -> Document:
    """A Document from one JSON input record (only ``text`` is required)."""
    if not isinstance(obj, dict):
        raise VeilleError("V105", f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise VeilleError("V105", "missing or non-string 'text' field")
    if not text.strip():
        raise VeilleError("V104", "empty text")
    fields = {}
    for k in _STR_FIELDS:
        v = obj.get(k)
        fields[k] = "" if v is None else str(v)
    lang = obj.get("lang") or None
    return Document(text=text, published=parse_published(obj.get("published")),
                    lang=str(lang) if lang else None, origin=origin, **fields)
