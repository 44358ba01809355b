"""Re-grouping the whole store into stories, whatever order the articles came in: pure functions.

Incremental ingest files an article among the stories that exist when it
arrives, so two reports of one event that came before the article linking
them can stay apart. ``regroup`` clusters every article at once: candidate
pairs by shared telling clues within the time window (an inverted index,
bounded per clue), then average-link agglomeration — the two groups whose
mean pairwise similarity is highest merge first, while it reaches
``merge_threshold``. The similarity is the one ingest uses (:func:`story_score` of one
article against one other), so the two agree on what is "the same story".
Deterministic and independent of arrival order: articles are ordered by day
and content hash, and every tie is broken by that order.
"""
from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from dataclasses import dataclass

from ..config import StoriesSettings
from .similarity import Member, retrievable, story_score


@dataclass(frozen=True)
class Article:
    """One stored article as re-grouping needs it; ``ref`` is a stable id (its content hash)."""

    ref: str
    day: str | None
    keys: list[str]
    vector: bytes | None


def ordered(articles: list[Article]) -> list[Article]:
    """Articles in the order that breaks every tie: by day (undated first), then content hash."""
    return sorted(articles, key=lambda a: (a.day or "", a.ref))


def _days_apart(a: Article, b: Article) -> int | None:
    if not a.day or not b.day:
        return None
    return abs((dt.date.fromisoformat(a.day[:10]) - dt.date.fromisoformat(b.day[:10])).days)


def candidate_pairs(arts: list[Article], settings: StoriesSettings) -> set[tuple[int, int]]:
    """Pairs (i < j) sharing a telling clue within the window; a clue held by more than ``rebuild_max_df``
    articles of one window is too common to propose pairs (its weight is small anyway)."""
    postings: dict[str, list[int]] = {}
    for i, a in enumerate(arts):
        for k in retrievable(set(a.keys), settings):
            postings.setdefault(k, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for idx in postings.values():  # indices ascend with the day: a sliding window
        lo = 0
        for hi, j in enumerate(idx):
            while lo < hi and (_days_apart(arts[idx[lo]], arts[j]) or 0) > settings.window_days:
                lo += 1
            if hi - lo > settings.rebuild_max_df:
                continue
            pairs.update((i, j) for i in idx[lo:hi])
    return pairs


class _Similarity:
    """Pairwise article similarity (the ingest's), memoized; 0 beyond the time window."""

    def __init__(self, arts: list[Article], settings: StoriesSettings):
        self.arts, self.s = arts, settings
        self.df = Counter(k for a in arts for k in set(a.keys))
        self.weights: dict[str, float] = {}
        self.cache: dict[tuple[int, int], float] = {}

    def __call__(self, i: int, j: int) -> float:
        i, j = min(i, j), max(i, j)
        if (i, j) not in self.cache:
            a, b = self.arts[i], self.arts[j]
            gap = _days_apart(a, b)
            if gap is not None and gap > self.s.window_days:
                self.cache[(i, j)] = 0.0
            else:
                pub = dt.date.fromisoformat(a.day[:10]) if a.day else None
                self.cache[(i, j)] = story_score(a.keys, a.vector, [Member(b.keys, b.vector, b.day)], self.df,
                                                 len(self.arts), pub, self.s, self.weights)
        return self.cache[(i, j)]


def regroup(articles: list[Article], settings: StoriesSettings,
            start: list[list[str]] | None = None) -> list[list[Article]]:
    """Stories of the articles (each a list in :func:`ordered` order), stories ordered by their first article.

    ``start``: groups of refs to begin from (the stories of a replay in canonical order); by default every
    article begins alone.
    """
    arts = ordered(articles)
    sim = _Similarity(arts, settings)
    owner = list(range(len(arts)))
    at = {a.ref: i for i, a in enumerate(arts)}
    for group in start or []:
        idx = sorted(at[r] for r in group)
        for i in idx:
            owner[i] = idx[0]
    members: dict[int, list[int]] = {}  # a group is named by its first article
    for i, g in enumerate(owner):
        members.setdefault(g, []).append(i)
    neighbours: dict[int, set[int]] = {i: set() for i in range(len(arts))}
    for i, j in candidate_pairs(arts, settings):
        neighbours[i].add(j)
        neighbours[j].add(i)

    def link(g: int, h: int) -> float:
        return sum(sim(i, j) for i in members[g] for j in members[h]) / (len(members[g]) * len(members[h]))

    version = [0] * len(arts)  # a group's links computed before it last grew are stale
    pairs = {(min(owner[i], owner[j]), max(owner[i], owner[j])) for i in neighbours for j in neighbours[i]}
    heap = [(-link(g, h), g, h, 0, 0) for g, h in pairs if g != h]
    heapq.heapify(heap)
    while heap:
        neg, g, h, vg, vh = heapq.heappop(heap)
        if g not in members or h not in members or (vg, vh) != (version[g], version[h]):
            continue  # a group merged since: its links were pushed again under its new members
        if -neg < settings.merge_threshold:
            break
        members[g] = sorted(members[g] + members.pop(h))
        version[g] += 1
        for i in members[g]:
            owner[i] = g
        for o in sorted({owner[n] for i in members[g] for n in neighbours[i]} - {g}):
            a, b = min(g, o), max(g, o)
            heapq.heappush(heap, (-link(a, b), a, b, version[a], version[b]))
    return [[arts[i] for i in members[g]] for g in sorted(members)]
