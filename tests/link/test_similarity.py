"""Story similarity: event types at one place count as one clue; a quiet story is discounted; the join rule."""
from __future__ import annotations

import datetime as dt

import pytest

from veille.config import Settings
from veille.link.similarity import choose_story, event_shares, freshness, key_similarity

STORIES = Settings.defaults().stories
TIME_DECAY = STORIES.time_decay


def _key_similarity(a, b, df, n_docs):
    return key_similarity(a, b, df, n_docs, STORIES.weights)


# --- similarity: event types at one place count as one clue ------------------------------------------------

def test_event_shares_split_one_place_among_its_event_types():
    shares = event_shares({"event:PROTEST:7", "event:ASSAULT:7", "event:COERCE:7", "event:PROTEST:9", "geo:7"})
    assert shares == {"event:PROTEST:7": pytest.approx(1 / 3), "event:ASSAULT:7": pytest.approx(1 / 3),
                      "event:COERCE:7": pytest.approx(1 / 3)}


def test_key_similarity_many_event_types_do_not_drown_shared_names():
    story = ["geo:7", "name:girard", "event:PROTEST:7"]
    terse = ["geo:7", "name:girard", "event:PROTEST:7", "event:ACCUSE:7"]
    noisy = terse + ["event:COERCE:7", "event:REJECT:7", "event:MOBILIZE:7", "event:ASSAULT:7"]
    df = {k: 1 for k in noisy}
    # the noisy article says the same as the terse one: its extra readings of the scene cost little
    assert _key_similarity(noisy, story, df, 50) > 0.8 * _key_similarity(terse, story, df, 50)


# --- time: an active story is preferred to one that has gone quiet ----------------------------------------

@pytest.mark.parametrize("gap, expected", [(0, 1.0), (1, 1.0), (10, 1.0 - TIME_DECAY)])
def test_freshness_discounts_after_one_day(gap, expected):
    pub = dt.date(2024, 3, 20)
    assert freshness(pub, [(pub - dt.timedelta(days=gap)).isoformat()], 10, TIME_DECAY) == pytest.approx(expected)


# --- the join decision ------------------------------------------------------------------------------------

def test_choose_story_best_candidate_above_threshold_first_on_ties():
    assert choose_story([(3, 0.5), (2, 0.9), (1, 0.9)], STORIES) == 2
    assert choose_story([(3, STORIES.join_threshold - 0.01)], STORIES) is None
    assert choose_story([], STORIES) is None
