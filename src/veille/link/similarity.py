"""Story similarity and the join decision: pure functions on clues, embeddings and days.

Two articles' similarity mixes the rarity-weighted overlap of their clues
(``key_similarity``) with the cosine of their lede embeddings; a story's
score is the mean similarity to its latest articles (average link: a story
does not drift by chaining), discounted when its nearest article is days away
(``freshness``). The store supplies the numbers; nothing here reads it.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ..config import StoriesSettings


@dataclass(frozen=True)
class Member:
    """One recent article of a candidate story, as the join decision needs it."""

    keys: list[str]
    vector: bytes | None
    published: str | None


def weight(key: str, df: int, n_docs: int, kind_weights: dict[str, float]) -> float:
    """A clue's weight: its kind's weight times its rarity (idf) in the corpus."""
    kind = key.split(":", 1)[0]
    idf = math.log((n_docs + 1) / (df + 1)) + 1.0
    return kind_weights.get(kind, 0.5) * idf


def key_similarity(a: list[str], b: list[str], df: dict[str, int], n_docs: int, kind_weights: dict[str, float],
                   weights: dict[str, float] | None = None) -> float:
    """Rarity-weighted overlap of two clue sets, normalized like a cosine.

    ``weights`` memoizes key weights across calls that share ``df`` and ``n_docs``.
    """
    if not a or not b:
        return 0.0
    w = {} if weights is None else weights
    sa, sb = set(a), set(b)
    for k in sa | sb:
        if k not in w:
            w[k] = weight(k, df.get(k, 0), n_docs, kind_weights)
    fa, fb = event_shares(sa), event_shares(sb)
    shared = sum(w[k] * math.sqrt(fa.get(k, 1.0) * fb.get(k, 1.0)) for k in sa & sb)
    return shared / math.sqrt(sum(w[k] * fa.get(k, 1.0) for k in sa) * sum(w[k] * fb.get(k, 1.0) for k in sb))


def event_shares(keys: set[str]) -> dict[str, float]:
    """Share of weight of each event clue: the events an article places at one place count as one clue.

    Event types are the noisiest clue (one scene is read as an attack, a
    protest and a threat) and all of them repeat the place: without this an
    article with six event types at one town weighs that town six times.
    """
    per_place: dict[str, list[str]] = {}
    for k in keys:
        if k.startswith("event:"):
            per_place.setdefault(k.rsplit(":", 1)[1], []).append(k)
    return {k: 1.0 / len(ks) for ks in per_place.values() for k in ks if len(ks) > 1}


def freshness(pub: dt.date, member_days: list[str | None], window: int, time_decay: float) -> float:
    """Discount of a story whose nearest article is days away: 1 within a day, 1 - time_decay at the window's edge.

    Articles on one real-world story come in bursts; a story silent for days
    is less likely to be the one an article continues than an active one
    that shares as much. A day apart is the same news cycle (day stamps of
    one evening differ across time zones), so the discount starts after it.
    """
    days = [abs((pub - dt.date.fromisoformat(d[:10])).days) for d in member_days if d]
    if not days or window <= 1:
        return 1.0
    gap = min(max(min(days) - 1, 0), window - 1)
    return 1.0 - time_decay * gap / (window - 1)


def within(day: str, first: str, last: str | None, window: int) -> bool:
    """``day`` falls within ``window`` days of the story's span [first, last]."""
    d = dt.date.fromisoformat(day)
    lo = dt.date.fromisoformat(first) - dt.timedelta(days=window)
    hi = dt.date.fromisoformat(last or first) + dt.timedelta(days=window)
    return lo <= d <= hi


def retrievable(keys: Iterable[str], settings: StoriesSettings) -> list[str]:
    """The telling clues, those through which candidate stories are looked up."""
    return [k for k in keys if k.split(":", 1)[0] in settings.retrieve]


def rank_candidates(shared: dict[int, float], settings: StoriesSettings) -> list[int]:
    """The most promising candidate stories by shared clue weight (ties to the older story), bounded."""
    return sorted(shared, key=lambda sid: (-shared[sid], sid))[:settings.max_candidates]


def story_score(keys: list[str], vector: bytes | None, members: list[Member], df: dict[str, int], n_docs: int,
                pub: dt.date | None, settings: StoriesSettings, weights: dict[str, float]) -> float:
    """Mean similarity of an article to a story's members, discounted by the story's freshness."""
    vec = np.frombuffer(vector, dtype=np.float32) if vector else None
    share = settings.embedding_share
    sims = []
    for m in members:
        ks = key_similarity(keys, m.keys, df, n_docs, settings.weights, weights)
        if vec is not None and m.vector is not None:
            sims.append(share * float(vec @ np.frombuffer(m.vector, dtype=np.float32)) + (1 - share) * ks)
        else:
            sims.append(ks * settings.keys_only_scale)
    score = sum(sims) / len(sims)
    if pub:
        score *= freshness(pub, [m.published for m in members], settings.window_days, settings.time_decay)
    return score


def choose_story(scores: list[tuple[int, float]], settings: StoriesSettings) -> int | None:
    """The story to join: the best-scoring candidate (first on ties) if it reaches the join threshold."""
    best, best_score = None, 0.0
    for sid, score in scores:
        if score > best_score:
            best, best_score = sid, score
    if best is None or best_score < settings.join_threshold:
        return None
    return best
