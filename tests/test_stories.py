"""Story assignment: shared clues join, unrelated or distant articles do not, reruns agree (keys and
similarity themselves: tests/link/)."""
from __future__ import annotations

import datetime as dt

from veille.config import Settings
from veille.incidents import record_signature
from veille.model import Document, Extraction
from veille.store.db import Store
from veille.stories import assign_story


def _ex(i: int, keys: list[str], day: str = "2024-03-09") -> Extraction:
    return Extraction(document=Document(text=f"article {i}", id=f"d{i}", published=dt.date.fromisoformat(day)),
                      story_keys=sorted(keys))


def _assign_all(path, items):
    settings = Settings.defaults()
    with Store(path) as s:
        out = []
        for ex in items:
            sid = assign_story(s.conn, ex, settings)
            pk = s.write_extraction(ex, story_id=sid)
            record_signature(s.conn, pk, ex.document.text, ex.story_keys, ex.story_vector, settings.incidents)
            out.append(sid)
        s.commit()
    return out


CORPUS = [
    _ex(1, ["geo:2453348", "name:traore", "event:ASSAULT:2453348", "num:12", "country:ML"]),
    _ex(2, ["geo:2453348", "name:traore", "num:12", "country:ML"]),                   # same story, other language
    _ex(3, ["geo:2995469", "name:martin", "event:PROTEST:2995469", "country:FR"]),       # another story
    _ex(4, ["country:ML", "num:12"]),                                                   # weak clues only
    _ex(5, ["geo:2453348", "name:traore", "event:ASSAULT:2453348"], day="2024-06-30"),  # same clues, months later
]


def test_assign_story_groups_shared_clues_only(tmp_path):
    s1, s2, s3, s4, s5 = _assign_all(tmp_path / "a.db", CORPUS)
    assert s1 == s2
    assert len({s1, s3, s4, s5}) == 4


def test_assign_story_rerun_gives_same_grouping(tmp_path):
    assert _assign_all(tmp_path / "a.db", CORPUS) == _assign_all(tmp_path / "b.db", CORPUS)


def test_assign_story_prefers_the_story_active_yesterday(tmp_path):
    quiet = _ex(1, ["geo:2453348", "name:traore", "name:keita"], day="2024-03-01")
    active = _ex(2, ["geo:2457163", "name:diallo", "name:coulibaly"], day="2024-03-08")
    # shares one name with each story, as much with one as with the other
    new = _ex(3, ["geo:2460596", "name:traore", "name:diallo"], day="2024-03-09")
    s_quiet, s_active, s_new = _assign_all(tmp_path / "a.db", [quiet, active, new])
    assert s_quiet != s_active and s_new == s_active
