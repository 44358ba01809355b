"""Property tests: readers on arbitrary bytes and Unicode, extraction on arbitrary Unicode."""
from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille import VeilleError, extract
from veille.ingest.readers import read_jsonl_stream, read_sources
from veille.model import Document, Failure
from veille.textsafe import clean

# every code point, surrogates and control characters included
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
NO_SURROGATE = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=("Cs",))
LONG_TOKEN = st.integers(1_000, 20_000).map(lambda n: "x" * n)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                      HealthCheck.too_slow])


def _safe(item: Document | Failure) -> None:
    """A reader's output stores as UTF-8 and says where it came from."""
    if isinstance(item, Document):
        for s in (item.text, item.id, item.title, item.url, item.source, item.origin, item.lang or ""):
            s.encode("utf-8")
        assert item.text.strip()
    else:
        assert item.origin and item.code.startswith("V1") and item.reason
        item.origin.encode("utf-8")
        item.reason.encode("utf-8")


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".jsonl", ".html"]))
def test_readers_on_arbitrary_bytes(tmp_path, data, suffix):
    p = tmp_path / f"fuzz{suffix}"
    p.write_bytes(data)
    for item in read_sources([p]):
        _safe(item)
        if isinstance(item, Failure):
            assert str(p) in item.origin


@FUZZ
@given(fields=st.dictionaries(st.sampled_from(["id", "title", "url", "source", "lang", "published", "x"]),
                              st.one_of(st.text(ANY_CHAR, max_size=50), st.integers(), st.none())),
       text=st.one_of(st.text(ANY_CHAR, max_size=500), LONG_TOKEN))
def test_jsonl_reader_on_arbitrary_unicode(fields, text):
    line = json.dumps({**fields, "text": text}).encode("ascii")  # surrogates travel as \\udxxx escapes
    items = list(read_jsonl_stream(io.BytesIO(line + b"\n" + line[:-1] + b"\n"), "fuzz.jsonl"))
    assert len(items) == 2 and isinstance(items[1], Failure) and items[1].origin == "fuzz.jsonl:2"
    item = items[0]
    _safe(item)
    if isinstance(item, Document):
        assert item.text == clean(text) and len(item.text) == len(text)
    else:
        assert item.origin == "fuzz.jsonl:1"


def _check_extract(text: str) -> None:
    try:
        ex = extract(text, published="2024-03-06")
    except VeilleError:
        return
    for ev in ex.evidences():
        assert ev.check(text), ev


_WORDS = st.sampled_from(["Lyon", "Leeds", "mardi", "Tuesday", "« ", " »", '"', "a déclaré", "said", "police",
                          "manifestants", "protesters", "5 mars 2024", "hier", "\n\n", ". ", ", ", "\u00a0",
                          "\u2019", "l'", "qu'", "n'", "\t", "  "])
TEXTS = st.lists(st.one_of(_WORDS, st.text(NO_SURROGATE, max_size=20), LONG_TOKEN.map(lambda s: s[:3000])),
                 min_size=1, max_size=40).map("".join)


@pytest.mark.slow
@FUZZ
@given(text=TEXTS)
def test_extract_on_arbitrary_unicode_raises_only_veille_errors(text):
    _check_extract(text)


@pytest.mark.slow
def test_extract_with_a_lone_surrogate_raises_only_veille_errors():
    text = "Des manifestants se sont rassemblés mardi à Lyon \ud800, a indiqué la police."
    ex = extract(text, published="2024-03-06")
    assert ex.document.text == clean(text) and len(ex.document.text) == len(text)  # offsets unchanged
    assert all(ev.check(ex.document.text) for ev in ex.evidences())
    ex.document.content_hash  # noqa: B018 - must not raise: the text stores as UTF-8
