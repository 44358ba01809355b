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
    fields = {k: _str_field(obj, k) for k in _STR_FIELDS}
    lang = _str_field(obj, "lang")
    return Document(text=text, published=parse_published(obj.get("published")),
                    lang=lang or None, origin=origin, **fields)


def _str_field(obj: dict, key: str) -> str:
    """A field read as a string: absent or null gives "", a number its decimal form, anything else a V105."""
    v = obj.get(key)
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    raise VeilleError("V105", f"{key}: expected a string, got {type(v).__name__}")
