"""Read .txt, .jsonl, .html files, directories and stdin JSONL into Documents.

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
from ..textsafe import clean_item
from .records import document_from_record

TEXT_SUFFIXES = {".txt"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES

Item = Document | Failure

# spaCy refuses longer texts (E088); a longer document is a failure row, not a dead batch
MAX_CHARS = 1_000_000


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
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    from .records import parse_published

    origin = str(path)
    try:
        html = _decode(path.read_bytes(), origin)
        try:
            page = trafilatura.bare_extraction(html, with_metadata=True)
            result = page.as_dict() if page is not None and hasattr(page, "as_dict") else page
        except (ValueError, TypeError, AttributeError, IndexError) as e:
            # trafilatura's parsers can trip on malformed pages: that page fails, not the batch
            raise VeilleError("V100", f"HTML extraction failed: {type(e).__name__}: {e}") from e
        if not result or not (result.get("text") or "").strip():
            raise VeilleError("V104", "no article text found in the page")
        pub = parse_published(result.get("date")) or published  # the page's own date first
    except VeilleError as e:
        yield Failure(origin, e.message, e.code)
        return
    yield Document(text=result["text"], id=path.stem, title=result.get("title") or "",
                   url=result.get("url") or "", source=result.get("hostname") or result.get("sitename") or "",
                   published=pub, origin=origin)


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
            if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES:
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
        else:
            yield Failure(str(path), f"unsupported file type {suffix or '(none)'!r} "
                          "(expected .txt, .jsonl, .html or a directory)", "V106")
    except OSError as e:
        yield Failure(str(path), f"cannot read: {e.strerror or e}", "V100")


def read_sources(sources: Iterable[str | Path], published: dt.date | None = None, *,
                 max_chars: int = MAX_CHARS) -> Iterator[Item]:
    """Every document of every source, in order, safe to store.

    Strings are cleaned (lone surrogates become U+FFFD, offsets unchanged) and a
    text longer than ``max_chars`` becomes a failure keeping its document.
    """
    for s in sources:
        for item in read_path(Path(s) if str(s) != "-" else Path("-"), published):
            item = clean_item(item)
            if isinstance(item, Document) and len(item.text) > max_chars:
                item = Failure(item.origin or item.id, f"text is {len(item.text):,} characters, above the "
                               f"limit of {max_chars:,} (max_chars)", "V105", document=item)
            yield item
