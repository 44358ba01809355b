"""HTML to text through trafilatura: whole pages (files, WARC records, fetched URLs) and feed fragments.

Nothing here touches the network: lxml's HTML parser loads no DTD and
resolves no external entity, and trafilatura downloads no image or style
sheet (tests/ingest/test_html.py pins this with a local server).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import VeilleError
from .records import parse_published

_TRAFILATURA_ERRORS = (ValueError, TypeError, AttributeError, IndexError)


@dataclass(frozen=True, slots=True)
class Page:
    """What trafilatura found in one HTML page."""

    text: str
    title: str = ""
    url: str = ""
    source: str = ""
    published: dt.date | None = None


def _bare(html: str, *, url: str | None = None, with_metadata: bool = True):
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        return trafilatura.bare_extraction(html, url=url, with_metadata=with_metadata)
    except _TRAFILATURA_ERRORS as e:
        # trafilatura's parsers can trip on malformed pages: that page fails, not the batch
        raise VeilleError("V100", f"HTML extraction failed: {type(e).__name__}: {e}") from e


def _page_date(value: object) -> dt.date | None:
    try:
        return parse_published(value)
    except VeilleError:
        return None  # a page date trafilatura could not normalize is no date, not a failed page


def page_from_html(html: str, *, url: str = "") -> Page:
    """Main text, title, date, URL and host of a page; raises VeilleError when it has no article text."""
    result = _bare(html, url=url or None)
    if result is None or not (getattr(result, "text", None) or "").strip():
        raise VeilleError("V104", "no article text found in the page")
    page_url = getattr(result, "url", None) or url or ""
    source = getattr(result, "hostname", None) or getattr(result, "sitename", None) or host_of(page_url)
    return Page(text=result.text, title=getattr(result, "title", None) or "", url=page_url,
                source=source or "", published=_page_date(getattr(result, "date", None)))


def fragment_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's content), paragraphs kept as lines."""
    import trafilatura

    # trafilatura expects a whole document and drops a bare single-block fragment
    wrapped = f"<html><body><article>{fragment}</article></body></html>"
    result = _bare(wrapped, with_metadata=False)
    text = (getattr(result, "text", None) or "") if result is not None else ""
    if not text.strip():
        text = trafilatura.html2txt(wrapped) or ""
    return text.strip()


def host_of(url: str) -> str:
    """The host of a URL without a leading ``www.`` (empty for none)."""
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def id_from_url(url: str, fallback: str) -> str:
    """A short document id: the last path segment of a URL without its extension, else ``fallback``."""
    path = urlsplit(url).path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    stem = last.rsplit(".", 1)[0] if "." in last else last
    return stem or fallback


def _charset(ctype: str) -> str:
    for part in ctype.split(";")[1:]:
        k, _, v = part.partition("=")
        if k.strip() == "charset" and v.strip():
            return v.strip().strip('"')
    return "utf-8"


def decode_body(body: bytes, content_type: str) -> str:
    """An HTTP body as text, by the charset of its Content-Type (UTF-8 when none); raises V102."""
    charset = _charset(content_type)
    try:
        text = body.decode("utf-8-sig" if charset.lower() in ("utf-8", "utf8") else charset)
    except LookupError as e:
        raise VeilleError("V102", f"unknown charset {charset!r}") from e
    except UnicodeDecodeError as e:
        raise VeilleError("V102", f"not {charset} at byte {e.start}") from e
    return text.replace("\r\n", "\n").replace("\r", "\n")
