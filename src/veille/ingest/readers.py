"""Read .txt, .jsonl, .html, feed and WARC files, feed URLs, directories and stdin JSONL into Documents.

Every reader yields Documents or Failures: a bad file or line never stops the
others, and the failure names the file, the line and what is wrong.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import VeilleError
from ..model import Document, Failure
from ..config import Settings
from ..textsafe import clean_item
from .feeds import FEED_SUFFIXES, looks_like_feed, read_feed
from .fetch import Fetched, fetch, is_url
from .html import decode_body, host_of, id_from_url, page_from_html
from .records import document_from_record
from .warc import is_warc, read_warc

TEXT_SUFFIXES = {".txt"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES  # and .xml feeds, .warc[.gz]

Item = Document | Failure

# spaCy refuses longer texts (E088); a longer document is a failure row, not a dead batch


def _decode(data: bytes, origin: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise VeilleError("V102", f"not UTF-8 at byte {e.start}") from e
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_txt(path: Path, published: dt.date | None = None) -> Iterator[Item]:
    """One article per file; the first line is not treated as a title."""
    origin = str(path)
    try:
        text = _decode(path.read_bytes(), origin)
        if not text.strip():
            raise VeilleError("V104", "empty text")
    except VeilleError as e:
        yield Failure(origin, e.message, e.code)
        return
    yield Document(text=text, id=path.stem, published=published, origin=origin)


def _loads(line: str) -> object:
    """One JSON value; any decoding failure (syntax, nesting too deep, huge number) is a V103."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as e:
        raise VeilleError("V103", f"not JSON: {e.msg} (column {e.colno})") from e
    except RecursionError as e:
        raise VeilleError("V103", "not JSON veille can read: nested too deeply") from e
    except ValueError as e:  # e.g. an integer of more digits than Python converts
        raise VeilleError("V103", f"not JSON veille can read: {e}") from e


def read_jsonl_stream(stream: BinaryIO, origin: str) -> Iterator[Item]:
    """One input record per line (see the bench README); blank lines are skipped."""
    for n, raw in enumerate(stream, 1):
        where = f"{origin}:{n}"
        if not raw.strip():
            continue
        try:
            line = _decode(raw, where)
            obj = _loads(line)
            doc = document_from_record(obj, where)
            if not doc.id:
                doc.id = f"{Path(origin).stem}-{n}"
            yield doc
        except VeilleError as e:
            yield Failure(where, e.message, e.code)


def read_jsonl(path: Path) -> Iterator[Item]:
    """A .jsonl file of input records."""
    with path.open("rb") as f:
        yield from read_jsonl_stream(f, str(path))


def read_html(path: Path, published: dt.date | None = None) -> Iterator[Item]:
    """An HTML page: main text, title, date and URL through trafilatura."""
    origin = str(path)
    try:
        page = page_from_html(_decode(path.read_bytes(), origin))
    except VeilleError as e:
        yield Failure(origin, e.message, e.code)
        return
    yield Document(text=page.text, id=path.stem, title=page.title, url=page.url, source=page.source,
                   published=page.published or published, origin=origin)  # the page's own date first


def read_feed_file(path: Path) -> Iterator[Item]:
    """An RSS or Atom file: one Document per item."""
    yield from read_feed(path.read_bytes(), str(path))


def read_xml(path: Path) -> Iterator[Item]:
    """An .xml file read as a feed when its root is rss/feed/RDF."""
    data = path.read_bytes()
    if not looks_like_feed(data):
        yield Failure(str(path), "an .xml file that is not an RSS or Atom feed", "V106")
        return
    yield from read_feed(data, str(path))


def read_url(url: str, published: dt.date | None = None) -> Iterator[Item]:
    """An http(s) URL: a feed's items, or one HTML page."""
    try:
        got = fetch(url)
    except VeilleError as e:
        yield Failure(url, e.message, e.code)
        return
    yield from read_fetched(got, published)


def read_fetched(got: Fetched, published: dt.date | None = None) -> Iterator[Item]:
    """A fetched body: a feed (by its XML root) or an HTML page (by its content type)."""
    if looks_like_feed(got.body):
        yield from read_feed(got.body, got.url, base_url=got.url)
        return
    if "html" not in got.content_type.lower():
        yield Failure(got.url, f"neither a feed nor an HTML page ({got.content_type or 'no content type'})", "V106")
        return
    try:
        page = page_from_html(decode_body(got.body, got.content_type), url=got.url)
    except VeilleError as e:
        yield Failure(got.url, e.message, e.code)
        return
    yield Document(text=page.text, id=id_from_url(got.url, host_of(got.url)), title=page.title, url=got.url,
                   source=page.source, published=page.published or published, origin=got.url)


def is_known_file(p: Path) -> bool:
    """True for a file a directory walk reads: a known suffix, a .warc[.gz], or an .xml feed."""
    suffix = p.suffix.lower()
    if suffix == ".xml":  # only feeds among XML files
        try:
            with p.open("rb") as f:
                return looks_like_feed(f.read(8192))
        except OSError:
            return True  # unreadable: read_path reports it
    return suffix in KNOWN_SUFFIXES or is_warc(p)


def read_path(path: Path, published: dt.date | None = None) -> Iterator[Item]:
    """A file by its suffix, or a directory recursively (known suffixes only, sorted)."""
    if str(path) == "-":
        yield from read_jsonl_stream(sys.stdin.buffer, "<stdin>")
        return
    if not path.exists():
        yield Failure(str(path), "no such file or directory", "V101")
        return
    if path.is_dir():
        for p in sorted(path.rglob("*")):
            if p.is_file() and is_known_file(p):
                yield from read_path(p, published)
        return
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            yield from read_txt(path, published)
        elif suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path)
        elif suffix in HTML_SUFFIXES:
            yield from read_html(path, published)
        elif suffix in FEED_SUFFIXES:
            yield from read_feed_file(path)
        elif suffix == ".xml":
            yield from read_xml(path)
        elif is_warc(path):
            yield from read_warc(path, published)
        else:
            yield Failure(str(path), f"unsupported file type {suffix or '(none)'!r} (expected .txt, .jsonl, "
                          ".html, .rss, .atom, .xml feed, .warc[.gz] or a directory)", "V106")
    except OSError as e:
        yield Failure(str(path), f"cannot read: {e.strerror or e}", "V100")


def read_sources(sources: Iterable[str | Path | Item], published: dt.date | None = None, *,
                 max_chars: int | None = None) -> Iterator[Item]:
    """Every document of every source, in order, safe to store; Documents and Failures already read pass through.

    Strings are cleaned (lone surrogates become U+FFFD, offsets unchanged) and a
    text longer than ``max_chars`` (default: the ``max_chars`` setting) becomes a failure keeping its document.
    """
    if max_chars is None:
        max_chars = Settings.defaults().max_chars
    for s in sources:
        if isinstance(s, (Document, Failure)):
            items: Iterable[Item] = (s,)
        elif is_url(s):
            items = read_url(str(s), published)
        else:
            items = read_path(Path(s) if str(s) != "-" else Path("-"), published)
        for item in items:
            item = clean_item(item)
            if isinstance(item, Document) and len(item.text) > max_chars:
                item = Failure(item.origin or item.id, f"text is {len(item.text):,} characters, above the "
                               f"limit of {max_chars:,} (max_chars)", "V105", document=item)
            yield item
