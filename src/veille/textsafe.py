"""Text made safe to store: every string veille keeps encodes as UTF-8.

JSON allows escapes such as ``"\\ud800"`` that decode to a lone surrogate, and
Linux file names with bad bytes decode (``surrogateescape``) to surrogates too.
Python strings hold them, but UTF-8 (hashing, SQLite, export) refuses them, so
each is replaced at read time by U+FFFD: one code point for one, so character
offsets into the text stay the same.
"""
from __future__ import annotations

import re

from .model import Document, Failure

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(s: str) -> str:
    """``s`` with every surrogate code point replaced by U+FFFD (same length, same offsets)."""
    if s.isascii():
        return s
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub(REPLACEMENT, s)
    return s


def clean_document(doc: Document) -> Document:
    """The document with every string field cleaned, in place (returned for chaining)."""
    doc.text = clean(doc.text)
    doc.id = clean(doc.id)
    doc.title = clean(doc.title)
    doc.url = clean(doc.url)
    doc.source = clean(doc.source)
    doc.origin = clean(doc.origin)
    if doc.lang is not None:
        doc.lang = clean(doc.lang)
    return doc


def clean_item(item: Document | Failure) -> Document | Failure:
    """A reader's output made safe to store: a Document's fields, a Failure's origin and reason."""
    if isinstance(item, Document):
        return clean_document(item)
    item.origin = clean(item.origin)
    item.reason = clean(item.reason)
    if item.document is not None:
        clean_document(item.document)
    return item
