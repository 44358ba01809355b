"""Story assignment: shared clues join, unrelated or distant articles do not, reruns agree."""
from __future__ import annotations

import datetime as dt

from veille.config import Settings
from veille.model import Document, Extraction
from veille.store.db import Store
from veille.incidents import record_signature
from veille.stories import assign_story, fold


def _ex(i: int, keys: list[str], day: str = "2024-03-09") -> Extraction:
    return Extraction(document=Document(text=f"article {i}", id=f"d{i}", published=dt.date.fromisoformat(day)),
                      story_keys=sorted(keys))


def _assign_all(path, items):
    settings = Settings()
    with Store(path) as s:
        out = []
        for ex in items:
            sid = assign_story(s.conn, ex, settings)
            pk = s.write_extraction(ex, story_id=sid)
            record_signature(s.conn, pk, ex.document.text, ex.story_keys, ex.story_vector)
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


def test_fold_unifies_accents_case_and_punctuation():
    assert fold("États-Unis") == fold("etats unis") == "etats unis"
