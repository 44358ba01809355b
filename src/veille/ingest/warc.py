"""WARC and WARC.gz archives (warcio): each HTML response record read like an HTML page.

The record's target URI is the document URL, its WARC-Date the fallback
publication date. Other records are skipped and counted; a broken record is
a Failure naming the file and the record offset, and ends that archive (a
damaged stream cannot be resynchronised safely).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import VeilleError
from ..model import Document, Failure
from .html import decode_body, id_from_url, page_from_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(slots=True)
class WarcCounts:
    """What one archive held: HTML pages read, records skipped, broken records."""

    html: int = 0
    skipped: int = 0
    broken: int = 0


def is_warc(path: Path) -> bool:
    """True for a ``.warc`` or ``.warc.gz`` file name."""
    name = path.name.lower()
    return name.endswith(".warc") or name.endswith(".warc.gz")


def read_warc(path: Path, published: dt.date | None = None,
              counts: WarcCounts | None = None) -> Iterator[Document | Failure]:
    """Every HTML response of the archive at ``path``, in order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    counts = counts if counts is not None else WarcCounts()
    with path.open("rb") as f:
        records = ArchiveIterator(f)
        try:
            for record in records:
                # the start of this record (get_record_offset() would consume the record's content)
                offset = records.offset
                item = _read_record(record, path, offset, published)
                if item is None:
                    counts.skipped += 1
                    continue
                if isinstance(item, Document):
                    counts.html += 1
                yield item
        except (ArchiveLoadFailed, StatusAndHeadersParserException, ValueError, EOFError, OSError,
                AttributeError, TypeError) as e:  # warcio trips on malformed headers (a response without a URI)
            counts.broken += 1
            yield Failure(f"{path}#offset-{records.offset}", f"broken WARC record: {type(e).__name__}: {e}", "V100")


def _read_record(record, path: Path, offset: int, published: dt.date | None) -> Document | Failure | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    if not status.startswith("2") or not ctype.split(";")[0].strip() in _HTML_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{path}#offset-{offset}"
    try:
        html = decode_body(record.content_stream().read(), ctype)
        page = page_from_html(html, url=uri)
    except VeilleError as e:
        return Failure(where, e.message, e.code)
    fallback = _warc_date(record.rec_headers.get_header("WARC-Date")) or published
    return Document(text=page.text, id=id_from_url(uri, f"{path.name.split('.')[0]}-{offset}"),
                    title=page.title, url=uri or page.url, source=page.source,
                    published=page.published or fallback, origin=where)


def _warc_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None
