"""Typed reads: records by id, filtered lists paged by id, stable while rows are added."""
from __future__ import annotations

import datetime as dt

from veille.model import Document, Event, Evidence, Extraction, Place, Quote
from veille.store import read
from veille.store.db import Store
from veille.store.write import new_story


def _ex(i: int, lang: str = "fr") -> Extraction:
    text = f"Article {i}: à Lorsk, la police a dispersé une manifestation, a dit Anne Roux."
    ev = lambda a, b: Evidence.of(text, a, b)  # noqa: E731
    place = Place(ev(14, 19), "Lorsk", "XX" if i % 2 else "YY", 10.0, 20.0, 100 + i)
    return Extraction(document=Document(text=text, id=f"d{i}", lang=lang, published=dt.date(2024, 4, 1)),
                      places=[place], quotes=[Quote(ev(0, 10), "Anne Roux", "indirect")],
                      events=[Event(ev(0, len(text)), ev(27, 35), "COERCE" if i % 2 else "PROTEST", place=place,
                                    actors=["police"])])


def _store(tmp_path, n=7) -> Store:
    s = Store(tmp_path / "v.db")
    sid = new_story(s.conn, "Lorsk", dt.date(2024, 4, 1))
    for i in range(n):
        s.write_extraction(_ex(i, "en" if i == 3 else "fr"), story_id=sid if i < 4 else None)
    s.commit()
    return s


def _all_pages(fetch, **kw):
    ids, after = [], 0
    while True:
        page = fetch(after=after, limit=3, **kw)
        ids += [x.id for x in page.items]
        if page.next_after is None:
            return ids
        after = page.next_after


def test_read_documents_paged_by_id_without_repeats_or_gaps(tmp_path):
    with _store(tmp_path) as s:
        assert _all_pages(lambda **kw: read.list_documents(s.conn, **kw)) == list(range(1, 8))
        assert [d.id for d in read.list_documents(s.conn, lang="en").items] == [4]
        assert [d.id for d in read.list_documents(s.conn, story="s-1", limit=10).items] == [1, 2, 3, 4]
        doc = read.get_document(s.conn, 2)
        assert doc.document.id == "d1" and doc.story == "s-1" and doc.status == "done"
        assert read.get_document(s.conn, 99) is None


def test_read_page_is_stable_while_documents_are_added(tmp_path):
    with _store(tmp_path) as s:
        first = read.list_documents(s.conn, limit=3)
        s.write_extraction(_ex(50))
        second = read.list_documents(s.conn, after=first.next_after, limit=3)
        assert [d.id for d in first.items + second.items] == list(range(1, 7))


def test_read_events_quotes_places_filtered_and_typed(tmp_path):
    with _store(tmp_path) as s:
        events = read.list_events(s.conn, type="COERCE", limit=10)
        assert [e.document_id for e in events.items] == [2, 4, 6] and events.next_after is None
        assert isinstance(events.items[0].value, Event) and events.items[0].value.actors == ["police"]
        assert len(_all_pages(lambda **kw: read.list_events(s.conn, story="s-1", **kw))) == 4
        quotes = read.list_quotes(s.conn, document_id=3)
        assert [q.value.speaker for q in quotes.items] == ["Anne Roux"]
        places = read.list_places(s.conn, country="XX", limit=10)
        assert [p.value.geonameid for p in places.items] == [101, 103, 105]
        assert read.list_places(s.conn, geonameid=104).items[0].document_id == 5
        assert read.get_extraction(s.conn, 1).document.id == "d0"


def test_read_stories_and_incidents(tmp_path):
    with _store(tmp_path) as s:
        story = read.get_story(s.conn, 1)
        assert story.label == "s-1" and story.title == "Lorsk"
        assert [x.id for x in read.list_stories(s.conn, active_since="2024-03-01").items] == [1]
        assert read.list_stories(s.conn, active_since="2024-05-01").items == []
        assert read.list_incidents(s.conn).items == [] and read.get_incident(s.conn, 1) is None
