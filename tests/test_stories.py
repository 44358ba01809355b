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


# --- rebuild: the same documents ingested in two orders give the same stories --------------------------------
def _rebuilt(path, items) -> list[tuple[str, str, list[str]]]:
    from veille.incidents import rebuild_incidents
    from veille.stories import rebuild_stories
    _assign_all(path, items)
    settings = Settings.defaults()
    with Store(path) as s:
        rebuild_stories(s.conn, settings)
        rebuild_incidents(s.conn, settings.incidents)
        s.commit()
        rows = s.conn.execute("SELECT st.label, st.first_published, d.doc_id FROM documents d "
                              "JOIN stories st ON st.id = d.story_id ORDER BY st.label, d.doc_id").fetchall()
    out: dict[tuple[str, str], list[str]] = {}
    for label, first, doc in rows:
        out.setdefault((label, first), []).append(doc)
    return [(label, first, docs) for (label, first), docs in sorted(out.items())]


# a bridge arrives last: before it, the two reports share nothing telling with each other
BRIDGED = [
    _ex(1, ["geo:2453348", "event:ASSAULT:2453348", "num:12", "country:ML"]),
    _ex(2, ["name:traore", "name:keita", "country:ML"], day="2024-03-10"),
    _ex(3, ["geo:2995469", "name:martin", "event:PROTEST:2995469", "country:FR"]),
    _ex(4, ["geo:2453348", "event:ASSAULT:2453348", "name:traore", "name:keita", "num:12"], day="2024-03-10"),
    _ex(5, ["geo:2995469", "name:martin", "country:FR"], day="2024-03-11"),
]


def test_rebuild_gives_the_same_stories_whatever_the_ingest_order(tmp_path):
    forward = _rebuilt(tmp_path / "a.db", BRIDGED)
    backward = _rebuilt(tmp_path / "b.db", BRIDGED[::-1])
    assert forward == backward
    assert sorted(docs for _, _, docs in forward) == [["d1", "d2", "d4"], ["d3", "d5"]]


def test_rebuild_keeps_story_counts_and_clue_index_consistent(tmp_path):
    path = tmp_path / "a.db"
    _rebuilt(path, BRIDGED)
    with Store(path) as s:
        counts = s.conn.execute("SELECT st.n_documents, COUNT(d.id) FROM stories st "
                                "JOIN documents d ON d.story_id = st.id GROUP BY st.id").fetchall()
        assert counts and all(n == m for n, m in counts)
        df = dict(s.conn.execute("SELECT key, df FROM key_df").fetchall())
    assert df["name:traore"] == 2 and df["geo:2995469"] == 2


def test_cli_stories_rebuild_regroups_the_store(tmp_path):
    from click.testing import CliRunner

    from veille.cli import main
    path = tmp_path / "a.db"
    _assign_all(path, BRIDGED[::-1])
    result = CliRunner().invoke(main, ["stories", "--rebuild", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "2 stories" in result.output
    with Store(path) as s:
        groups = s.conn.execute("SELECT group_concat(doc_id) FROM (SELECT doc_id, story_id FROM documents "
                                "ORDER BY doc_id) GROUP BY story_id ORDER BY 1").fetchall()
    assert [g[0] for g in groups] == ["d1,d2,d4", "d3,d5"]


def test_cli_stories_rebuild_needs_an_existing_database(tmp_path):
    from click.testing import CliRunner

    from veille.cli import main
    result = CliRunner().invoke(main, ["stories", "--rebuild", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "V300" in result.output
