"""Stories: articles about the same real-world story, grouped across outlets and languages.

A new article is compared with the stories that share at least one telling
clue (an inverted index of ``story_keys``, with a bound per clue), within a
time window, so the cost per article does not grow with the corpus. The
clues are computed by :mod:`veille.link.keys`, the similarity and the join
decision by :mod:`veille.link.similarity`; this module only fetches what they
need from the store and files the article. Deterministic: the same corpus in
the same order gives the same stories. ``rebuild_stories`` (``veille stories
--rebuild``) re-clusters the whole store at once, so that the order in which
articles arrived no longer decides the stories.
"""
from __future__ import annotations

import datetime as dt
import sqlite3

from .config import Settings
from .link.regroup import ordered, regroup
from .link.similarity import choose_story, rank_candidates, retrievable, story_score, weight, within
from .model import Document, Extraction
from .store import link_queries as q
from .store import write


def assign_story(conn: sqlite3.Connection, ex: Extraction, settings: Settings) -> int:
    """Join ``ex`` to the most similar recent story, or start a new one; returns the story's row id."""
    sid = choose_story(candidate_scores(conn, ex, settings), settings.stories)
    if sid is None:
        sid = write.new_story(conn, ex.document.title or None, ex.document.published)
    write.add_to_story(conn, sid, ex.document.published, ex.story_keys)
    return sid


def candidate_scores(conn: sqlite3.Connection, ex: Extraction, settings: Settings) -> list[tuple[int, float]]:
    """Each candidate story of ``ex`` with the article's similarity to it, most promising candidates first."""
    s = settings.stories
    keys, pub = ex.story_keys, ex.document.published
    n_docs = q.corpus_size(conn)
    df = q.key_df(conn, keys)
    shared: dict[int, float] = {}
    for k in retrievable(keys, s):
        for sid in q.stories_with_key(conn, k, s.per_key_candidates):
            shared[sid] = shared.get(sid, 0.0) + weight(k, df.get(k, 0), n_docs, s.weights)
    ranked = rank_candidates(shared, s)
    spans = q.story_spans(conn, ranked)
    found: list[tuple[int, list]] = []
    for sid in ranked:
        first, last = spans.get(sid, (None, None))
        if pub and first and not within(pub.isoformat(), first, last, s.window_days):
            continue
        members = q.story_members(conn, sid, s.story_members)
        if members:
            found.append((sid, members))
    # the members' clue frequencies in one query; a key's weight is then fixed for this call (memoized)
    df.update(q.key_df(conn, sorted({k for _, members in found for m in members for k in m.keys} - df.keys())))
    weights: dict[str, float] = {}
    return [(sid, story_score(keys, ex.story_vector, members, df, n_docs, pub, s, weights))
            for sid, members in found]


def rebuild_stories(conn: sqlite3.Connection, settings: Settings) -> int:
    """Re-cluster every stored document into stories, so ingest order does not decide them; returns their number.

    First the ingest's own decision is replayed in a canonical order (day,
    then content hash) instead of the arrival order; then stories that a
    later article links are merged while their average similarity reaches
    the join threshold (:func:`veille.link.regroup.regroup`). Stories, their
    clue index and clue frequencies are filed anew, numbered by their first
    article: the same documents give the same stories, labels included,
    whatever order they were ingested in. Incidents hang on stories: the
    caller rebuilds them next (:func:`veille.incidents.rebuild_incidents`).
    """
    stored = q.all_articles(conn)
    by_ref = {art.ref: (pk, title) for pk, art, title in stored}
    write.clear_stories(conn)
    replayed: dict[int, list[str]] = {}
    for art in ordered([art for _, art, _ in stored]):
        ex = Extraction(document=Document(text=art.ref, published=_day(art.day)),
                        story_keys=art.keys, story_vector=art.vector)
        sid = assign_story(conn, ex, settings)
        write.set_story(conn, by_ref[art.ref][0], sid)
        replayed.setdefault(sid, []).append(art.ref)
    groups = regroup([art for _, art, _ in stored], settings.stories, start=list(replayed.values()))
    write.clear_stories(conn)
    for group in groups:
        sid = write.new_story(conn, by_ref[group[0].ref][1] or None, _day(group[0].day))
        for art in group:
            write.add_to_story(conn, sid, _day(art.day), art.keys)
            write.set_story(conn, by_ref[art.ref][0], sid)
    return len(groups)


def _day(day: str | None) -> dt.date | None:
    return dt.date.fromisoformat(day[:10]) if day else None
