"""Query parameters to typed filters, and the one error every route answers with.

Every parameter is validated here: a bad one becomes an :class:`ApiError`
naming it (HTTP 400); an unknown one too, so a typo never silently widens a
query. Cursors are opaque: the base64 of the last row id of the page.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Mapping

from ..errors import CODES
from ..model import EVENT_TYPES, MODALITIES
from ..store.query import DocumentFilter, EventFilter

#: the API's error codes, described once in veille.errors.CODES
ERROR_CODES = {code: text for code, text in CODES.items() if code.startswith("V4")}


class ApiError(Exception):
    """An error answered as ``{"error": {"code", "status", "message", "parameter"}}``."""

    def __init__(self, status: int, code: str, message: str, parameter: str | None = None):
        super().__init__(f"{code} {message}")
        self.status, self.code, self.message, self.parameter = status, code, message, parameter

    def body(self) -> dict:
        """The JSON body of this error."""
        return {"error": {"code": self.code, "status": self.status, "message": self.message,
                          "parameter": self.parameter}}


def bad(parameter: str, why: str) -> ApiError:
    """A 400 naming the parameter."""
    return ApiError(400, "V400", f"bad parameter {parameter!r}: {why}", parameter)


def not_found(what: str) -> ApiError:
    """A 404 for an unknown record."""
    return ApiError(404, "V404", f"no such {what}")


def check_known(params: Mapping[str, str], allowed: set[str]) -> None:
    """Refuse any parameter the route does not take."""
    for name in params:
        if name not in allowed:
            raise bad(name, f"unknown parameter (this route takes: {', '.join(sorted(allowed))})")


def text(params: Mapping[str, str], name: str, max_len: int = 200) -> str | None:
    """A non-empty string, or None when absent or empty."""
    value = params.get(name)
    if value is None or value.strip() == "":
        return None
    if len(value) > max_len:
        raise bad(name, f"longer than {max_len} characters")
    return value.strip()


def day(params: Mapping[str, str], name: str) -> str | None:
    """A YYYY-MM-DD day."""
    value = text(params, name)
    if value is None:
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise bad(name, "expected a day as YYYY-MM-DD") from None


def choice(params: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str | None:
    """One of a fixed list of values."""
    value = text(params, name)
    if value is not None and value not in allowed:
        raise bad(name, f"expected one of {', '.join(allowed)}")
    return value


def integer(params: Mapping[str, str], name: str, lo: int, hi: int, default: int | None = None) -> int | None:
    """An integer within [lo, hi]."""
    value = text(params, name)
    if value is None:
        return default
    try:
        n = int(value)
    except ValueError:
        raise bad(name, "expected an integer") from None
    if not lo <= n <= hi:
        raise bad(name, f"expected an integer from {lo} to {hi}")
    return n


def boolean(params: Mapping[str, str], name: str) -> bool | None:
    """true/false (also 1/0)."""
    value = text(params, name)
    if value is None:
        return None
    if value.lower() in ("true", "1"):
        return True
    if value.lower() in ("false", "0"):
        return False
    raise bad(name, "expected true or false")


def bbox(params: Mapping[str, str], name: str = "bbox") -> tuple[float, float, float, float] | None:
    """min_lon,min_lat,max_lon,max_lat in degrees."""
    value = text(params, name)
    if value is None:
        return None
    try:
        w, s, e, n = (float(x) for x in value.split(","))
    except ValueError:
        raise bad(name, "expected min_lon,min_lat,max_lon,max_lat") from None
    if not (-180 <= w <= e <= 180 and -90 <= s <= n <= 90):
        raise bad(name, "expected -180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90")
    return (w, s, e, n)


def encode_cursor(after: int | None) -> str | None:
    """The opaque cursor of the next page."""
    return None if after is None else base64.urlsafe_b64encode(str(after).encode()).decode().rstrip("=")


def cursor(params: Mapping[str, str], name: str = "cursor") -> int:
    """The row id a cursor stands for (0: the first page)."""
    value = text(params, name)
    if value is None:
        return 0
    try:
        after = int(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode())
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad(name, "not a cursor given by this API") from None
    if after < 0:
        raise bad(name, "not a cursor given by this API")
    return after


def page_params(params: Mapping[str, str]) -> tuple[int, int]:
    """(after, limit) of a paged list."""
    return cursor(params), integer(params, "limit", 1, 1000, default=50)


PAGE = {"cursor", "limit"}
DOCUMENT_PARAMS = {"q", "lang", "source", "story", "since", "until"}
EVENT_PARAMS = {"type", "modality", "country", "place", "since", "until", "actor", "story", "document", "bbox"}


def document_filter(params: Mapping[str, str]) -> DocumentFilter:
    """The documents' filter of a request."""
    return DocumentFilter(q=text(params, "q"), lang=text(params, "lang", 8), source=text(params, "source"),
                          story=text(params, "story"), since=day(params, "since"), until=day(params, "until"))


def event_filter(params: Mapping[str, str]) -> EventFilter:
    """The events' filter of a request."""
    country = text(params, "country", 2)
    return EventFilter(type=choice(params, "type", EVENT_TYPES), modality=choice(params, "modality", MODALITIES),
                       country=country.upper() if country else None, place=text(params, "place"),
                       since=day(params, "since"), until=day(params, "until"), actor=text(params, "actor"),
                       story=text(params, "story"), document_id=integer(params, "document", 1, 2**62),
                       bbox=bbox(params))
