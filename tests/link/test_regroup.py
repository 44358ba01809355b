"""Re-grouping the whole store: stories by shared clues, the same whatever order the articles come in."""
from __future__ import annotations

import random

from veille.config import Settings
from veille.link.regroup import Article, candidate_pairs, ordered, regroup

STORIES = Settings.defaults().stories


def _art(ref: str, day: str, keys: list[str]) -> Article:
    return Article(ref=ref, day=day, keys=sorted(keys), vector=None)


# two invented stories of one week, a report of each in two languages, and a bridge article
ARTICLES = [
    _art("h1", "2024-03-09", ["geo:2453348", "name:traore", "event:ASSAULT:2453348", "num:12", "when:ML:2024-03-07"]),
    _art("h2", "2024-03-10", ["geo:2453348", "num:12", "when:ML:2024-03-07", "event:ASSAULT:2453348"]),
    _art("h3", "2024-03-09", ["name:traore", "geo:2453348", "num:12"]),
    _art("h4", "2024-03-09", ["geo:2995469", "name:martin", "event:PROTEST:2995469", "country:FR"]),
    _art("h5", "2024-03-10", ["geo:2995469", "name:martin", "event:PROTEST:2995469"]),
    _art("h6", "2024-03-11", ["country:FR", "num:3"]),
]


def _partition(groups: list[list[Article]]) -> list[list[str]]:
    return [[a.ref for a in g] for g in groups]


def test_regroup_joins_reports_sharing_clues_and_keeps_stories_apart():
    groups = _partition(regroup(ARTICLES, STORIES))
    assert sorted(map(sorted, groups)) == [["h1", "h2", "h3"], ["h4", "h5"], ["h6"]]


def test_regroup_does_not_depend_on_arrival_order():
    want = _partition(regroup(ARTICLES, STORIES))
    rng = random.Random(3)
    for _ in range(5):
        shuffled = ARTICLES[:]
        rng.shuffle(shuffled)
        assert _partition(regroup(shuffled, STORIES)) == want


def test_regroup_keeps_articles_farther_apart_than_the_window_apart():
    late = _art("h7", "2024-06-30", ["geo:2453348", "name:traore", "event:ASSAULT:2453348", "num:12"])
    groups = _partition(regroup([*ARTICLES, late], STORIES))
    assert ["h7"] in groups


def test_candidate_pairs_only_within_the_window():
    arts = ordered([_art("a", "2024-01-01", ["geo:1"]), _art("b", "2024-01-03", ["geo:1"]),
                    _art("c", "2024-05-01", ["geo:1"]), _art("d", "2024-01-02", ["country:FR"])])
    refs = {(arts[i].ref, arts[j].ref) for i, j in candidate_pairs(arts, STORIES)}
    assert refs == {("a", "b")}  # c is months later; a country is not a telling clue
