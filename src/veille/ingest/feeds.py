"""RSS and Atom feeds (feedparser) to Documents: one per item, a bad item is a Failure naming its index.

The feed's XML is parsed by feedparser's SAX parser with external entities
off; item HTML goes through :func:`veille.ingest.html.fragment_to_text`.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from ..errors import VeilleError
from ..model import Document, Failure
from .html import fragment_to_text, host_of, id_from_url

FEED_SUFFIXES = {".rss", ".atom"}
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# the root element after any XML declaration, comments, processing instructions and doctype
_ROOT = re.compile(rb"^\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)*"
                   rb"<(?:[\w.-]+:)?(rss|feed|RDF)[\s>/]", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One feed item read: its stable key (guid, else link) and its Document or Failure."""

    key: str
    url: str
    item: Document | Failure


def looks_like_feed(data: bytes) -> bool:
    """True when the XML root of ``data`` is ``rss``, ``feed`` (Atom) or ``RDF`` (RSS 1.0)."""
    head = data[:8192].lstrip(b"\xef\xbb\xbf")
    return _ROOT.match(head) is not None


def _parse(data: bytes):
    import feedparser  # imported here: only feeds need it

    # a stream, never a string: feedparser fetches a string that looks like a URL. No base URI either:
    # feedparser would resolve bare guids against it, and a guid is an identity, not a link
    return feedparser.parse(io.BytesIO(data))


def read_feed_items(data: bytes, origin: str, *, base_url: str = "") -> Iterator[FeedItem | Failure]:
    """Every item of a feed held in ``data``; a feed that cannot be read at all is one Failure."""
    parsed = _parse(data)
    if parsed.get("bozo") and not parsed.entries and not parsed.get("version"):
        reason = parsed.get("bozo_exception") or "no RSS or Atom structure"
        yield Failure(origin, f"not an RSS or Atom feed: {reason}", "V106")
        return
    source = host_of(parsed.feed.get("link") or "") or host_of(base_url) or ""
    stem = id_from_url(base_url, "") or origin.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "feed"
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{origin}#item-{n}"
        link = urljoin(base_url, str(entry.get("link") or "")) if base_url else str(entry.get("link") or "")
        key = str(entry.get("id") or link or _digest(entry))
        try:
            doc = document_from_entry(entry, source=source or host_of(link), fallback_id=f"{stem}-{n}")
            doc.url, doc.id = link, id_from_url(link, doc.id)
            doc.origin = where
            yield FeedItem(key, link, doc)
        except VeilleError as e:
            yield FeedItem(key, link, Failure(where, e.message, e.code))
        except (ValueError, TypeError, AttributeError, KeyError) as e:  # an entry shaped oddly: that item only
            yield FeedItem(key, link, Failure(where, f"unreadable item: {type(e).__name__}: {e}", "V105"))


def read_feed(data: bytes, origin: str, *, base_url: str = "") -> Iterator[Document | Failure]:
    """The Documents (and Failures) of a feed, without their keys."""
    for x in read_feed_items(data, origin, base_url=base_url):
        yield x.item if isinstance(x, FeedItem) else x


def document_from_entry(entry, *, source: str, fallback_id: str) -> Document:
    """A Document from one feedparser entry: link, title, date and content (or summary) as text."""
    text = _entry_text(entry)
    if not text.strip():
        raise VeilleError("V104", "empty text (the item has no content or summary)")
    link = str(entry.get("link") or "")
    title = str(entry.get("title") or "").strip()
    return Document(text=text, id=id_from_url(link, fallback_id), title=title, url=link, source=source,
                    published=entry_date(entry))


def _entry_text(entry) -> str:
    parts = [c for c in entry.get("content") or [] if c.get("value")]
    detail = entry.get("summary_detail") or {}
    if not parts and entry.get("summary"):
        parts = [{"value": entry["summary"], "type": detail.get("type", "text/html")}]
    if not parts:
        return ""
    best = max(parts, key=lambda c: len(c.get("value") or ""))
    value = str(best.get("value") or "")
    if (best.get("type") or "text/html") in _HTML_TYPES:
        return fragment_to_text(value)
    return value.replace("\r\n", "\n").strip()


def entry_date(entry) -> dt.date | None:
    """The item's own calendar day (in its own time zone), from its published or updated date."""
    for field in ("published", "updated", "created"):
        raw = entry.get(field)
        if not raw:
            continue
        day = _day_of(str(raw).strip())
        if day:
            return day
        parsed = entry.get(f"{field}_parsed")  # feedparser's UTC reading of odder formats
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _day_of(raw: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(raw).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        return None


def _digest(entry) -> str:
    h = hashlib.sha256()
    for k in ("title", "summary"):
        h.update(str(entry.get(k) or "").encode("utf-8"))
        h.update(b"\0")
    return "sha256:" + h.hexdigest()[:32]
