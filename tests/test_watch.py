"""watch: polls feeds and folders, ingests only what is new, survives a failing feed, stops cleanly.

One Pipeline (English model only) serves every test that extracts; the
others replace ``ingest`` by a recorder. Polls run every 0.1-0.2 s and each
test drives its source from ``on_poll``, so nothing waits on the clock.
"""
from __future__ import annotations

import sqlite3
import threading
from html import escape

import pytest

import veille.watch as watch_mod
from veille.config import Settings
from veille.nlp.pipeline import Pipeline
from veille.run import IngestSummary
from veille.watch import load_state, state_path_for, watch

from .ingest.localserver import LocalServer, Reply

ARTICLES = [
    ("hg-101", "ferry-resumes", "Ferry service resumes after storm",
     "The ferry to the northern islands sailed again on Wednesday after three days of gales, the operator said."),
    ("hg-102", "budget-vote", "Council approves budget",
     "Councillors in Port Elland approved the new budget on Tuesday night by seven votes to four."),
    ("hg-103", "dock-strike", "Dock strike ends",
     "Dock workers returned to work on Thursday after union leaders accepted a revised pay offer."),
]


def rss(items) -> bytes:
    """An RSS feed of ``(guid, slug, title, text)`` items, newest first."""
    body = "".join(f"<item><guid>{g}</guid><link>https://harbour.example/news/{s}</link><title>{escape(t)}</title>"
                   f"<pubDate>Wed, 01 May 2024 09:00:00 +0000</pubDate><description>{escape(x)}</description></item>"
                   for g, s, t, x in reversed(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title>'
            f"<link>https://harbour.example/</link>{body}</channel></rss>").encode()


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings.from_env()


@pytest.fixture(scope="module")
def pipeline(settings) -> Pipeline:
    return Pipeline(settings)


def _count(db) -> int:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT count(*) FROM documents").fetchone()[0]


def _stop_after(n: int, stop: threading.Event, also=None):
    reads: list[int] = []

    def on_poll(k: int, done: IngestSummary | None) -> None:
        reads.append(done.read if done else 0)
        if also:
            also(k)
        if k >= n:
            stop.set()
    return on_poll, reads


@pytest.mark.slow
def test_watch_feed_grows_between_polls_only_new_items_and_etag(tmp_path, settings, pipeline):
    db, stop, shown = tmp_path / "w.db", threading.Event(), ARTICLES[:2]
    with LocalServer() as srv:
        def feed(handler) -> Reply:
            etag = f'"v{len(shown)}"'
            if handler.headers.get("If-None-Match") == etag:
                return Reply(b"", 304)
            return Reply(rss(shown), content_type="application/rss+xml", headers={"ETag": etag})
        srv.routes["/feed.rss"] = feed

        def grow(k: int) -> None:
            nonlocal shown
            if k == 1:
                shown = ARTICLES
        on_poll, reads = _stop_after(3, stop, grow)
        summary = watch([srv.url("/feed.rss")], db, interval=0.1, settings=settings, stop_event=stop,
                        pipeline=pipeline, on_poll=on_poll)
        assert srv.request_headers[2].get("If-None-Match") == '"v3"'  # third poll: not modified
    assert reads == [2, 1, 0]
    assert summary.stored == 3 and summary.polls == 3 and _count(db) == 3
    assert set(load_state(state_path_for(db))[srv.url("/feed.rss")].seen) >= {"hg-101", "hg-102", "hg-103"}


@pytest.mark.slow
def test_watch_feed_500_then_recovers_with_backoff(tmp_path, settings, pipeline):
    db, stop, logs = tmp_path / "w.db", threading.Event(), []
    with LocalServer() as srv:
        calls = []

        def flaky(handler) -> Reply:
            calls.append(1)
            if len(calls) <= 2:
                return Reply(b"busy", 500, "text/plain")
            return Reply(rss(ARTICLES[:1]), content_type="application/rss+xml")
        srv.routes["/flaky.rss"] = flaky
        srv.routes["/fine.rss"] = Reply(rss(ARTICLES[1:2]), content_type="application/rss+xml")

        def until_stored(k: int, done: IngestSummary | None) -> None:
            if _count(db) >= 2 or k > 40:
                stop.set()
        summary = watch([srv.url("/flaky.rss"), srv.url("/fine.rss")], db, interval=0.1, max_backoff=0.3,
                        settings=settings, stop_event=stop, pipeline=pipeline, log=logs.append,
                        on_poll=until_stored)
    assert _count(db) == 2 and summary.source_errors == 2
    assert "HTTP 500" in logs[0] and "retrying in" in logs[0]
    assert any("back after 2 failed polls" in line for line in logs)


@pytest.mark.slow
def test_watch_folder_grows(tmp_path, settings, pipeline):
    folder, db, stop = tmp_path / "in", tmp_path / "w.db", threading.Event()
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLES[0][3], encoding="utf-8")

    def add(k: int) -> None:
        if k == 1:
            (folder / "b.txt").write_text(ARTICLES[1][3], encoding="utf-8")
            (folder / "notes.md").write_text("not an input", encoding="utf-8")
    on_poll, reads = _stop_after(3, stop, add)
    watch([folder], db, interval=0.1, settings=settings, stop_event=stop, pipeline=pipeline, on_poll=on_poll)
    assert reads == [1, 1, 0] and _count(db) == 2
    # a restart reads the saved state: nothing is new
    stop2 = threading.Event()
    on_poll2, reads2 = _stop_after(1, stop2)
    watch([folder], db, interval=0.1, settings=settings, stop_event=stop2, pipeline=pipeline, on_poll=on_poll2)
    assert reads2 == [0]


def _recording_ingest(batches: list, raise_on: int | None = None):
    def fake(items, db, **kw) -> IngestSummary:
        batches.append(list(items))
        if raise_on is not None and len(batches) == raise_on:
            raise KeyboardInterrupt
        return IngestSummary(read=len(batches[-1]), stored=len(batches[-1]))
    return fake


def test_watch_dedups_by_url_across_feeds(tmp_path, monkeypatch):
    batches: list = []
    monkeypatch.setattr(watch_mod, "ingest", _recording_ingest(batches))
    a, b = tmp_path / "a.rss", tmp_path / "b.xml"
    a.write_bytes(rss(ARTICLES[:2]))
    b.write_bytes(rss([("other-guid", *ARTICLES[1][1:]), ARTICLES[2]]))  # same link as a's second item
    stop = threading.Event()
    on_poll, _ = _stop_after(2, stop)
    watch([a, b], tmp_path / "w.db", interval=0.05, settings=Settings.defaults(), stop_event=stop,
          pipeline=object(), on_poll=on_poll)
    assert len(batches) == 1
    assert [d.id for d in batches[0]] == ["budget-vote", "ferry-resumes", "dock-strike"]  # newest first


def test_watch_keyboard_interrupt_keeps_finished_polls_only(tmp_path, monkeypatch):
    batches: list = []
    monkeypatch.setattr(watch_mod, "ingest", _recording_ingest(batches, raise_on=2))
    feed = tmp_path / "f.rss"
    feed.write_bytes(rss(ARTICLES[:1]))

    def grow(k: int, done) -> None:
        feed.write_bytes(rss(ARTICLES[:2]))
    summary = watch([feed], tmp_path / "w.db", interval=0.05, settings=Settings.defaults(), pipeline=object(),
                    on_poll=grow)
    assert summary.interrupted and summary.polls == 1
    seen = load_state(state_path_for(tmp_path / "w.db"))[str(feed)].seen
    assert "hg-101" in seen and "hg-102" not in seen  # the interrupted batch is read again next time


def test_watch_stop_event_from_another_thread(tmp_path, monkeypatch):
    monkeypatch.setattr(watch_mod, "ingest", _recording_ingest([]))
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    summary = watch([tmp_path], tmp_path / "w.db", interval=0.05, settings=Settings.defaults(), stop_event=stop,
                    pipeline=object())
    assert summary.polls >= 1 and not summary.interrupted
