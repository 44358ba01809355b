"""Incidents: compatible claims merge across articles, contested claims stay side by side."""
from __future__ import annotations

import datetime as dt

from veille.config import Settings
from veille.incidents import find_original, record_signature, update_incidents
from veille.model import Document, Event, Evidence, Extraction, Place
from veille.store.db import Store
from veille.store.export.incidents import incidents
from veille.stories import assign_story

INCIDENTS = Settings.defaults().incidents

KEYS = ["geo:1", "name:northland", "name:kessa"]


def _event(text, type_="ASSAULT", *, killed=None, injured=None, modality="asserted", according_to=None,
           actors=("Northland army",), targets=("Kessa militia",), lat=10.0, lon=20.0, date="2024-04-01"):
    place = Place(Evidence.of(text, 0, 5), "Lorsk", "XX", lat, lon, 1) if lat is not None else None
    return Event(Evidence.of(text, 0, len(text)), Evidence.of(text, 6, 11), type_, actors=list(actors),
                 targets=list(targets), place=place, date=date, killed=killed, injured=injured,
                 according_to=according_to, modality=modality)


def _ingest(store, doc_id, source, text, events, lang="en"):
    ex = Extraction(document=Document(text=text, id=doc_id, source=source, lang=lang,
                                      published=dt.date(2024, 4, 2)), events=events, story_keys=KEYS)
    sid = assign_story(store.conn, ex, Settings.defaults())
    pk = store.write_extraction(ex, story_id=sid)
    record_signature(store.conn, pk, text, KEYS, None, INCIDENTS)
    update_incidents(store.conn, pk, sid, INCIDENTS)
    return pk


def test_incidents_merge_claims_and_flag_denial_and_figures(tmp_path):
    a = "Lorsk clash: the front says 40 fighters were killed and 35 wounded near the pass on Monday."
    b = "Lorsk raids were never launched, the army said, denying any attack on the valley this week."
    c = "Lorsk fight killed 12, a hospital source said, as the two sides exchanged fire for hours."
    with Store(tmp_path / "v.db") as s:
        _ingest(s, "a", "one.example", a, [_event(a, killed=40, injured=35, modality="reported",
                                                  according_to="front spokesman")])
        _ingest(s, "b", "two.example", b, [_event(b, modality="denied", according_to="Northland army",
                                                  date=None)])
        _ingest(s, "c", "three.example", c, [_event(c, killed=12, modality="reported", according_to="hospital",
                                                    lat=10.3, lon=20.2)])
        s.commit()
        (inc,) = incidents(s, contested=True)
    assert inc.n_claims == 3 and inc.n_sources == 3
    assert inc.killed == {"low": 12, "best": 12, "high": 40} and inc.injured["best"] == 35
    assert "denied by Northland army" in inc.contested_reason
    assert "killed figures differ: 12 (hospital), 40 (front spokesman)" in inc.contested_reason
    assert [c.modality for c in inc.claims] == ["reported", "denied", "reported"]


def test_incidents_keep_far_apart_or_other_type_or_other_day_separate(tmp_path):
    t = "Lorsk again: shelling hit the market and the station, officials said on Tuesday night."
    with Store(tmp_path / "v.db") as s:
        _ingest(s, "a", "one.example", t, [
            _event(t),
            _event(t, lat=14.0, lon=25.0),                 # ~700 km away
            _event(t, type_="PROTEST"),                    # another type
            _event(t, date="2024-04-09"),                  # a week later
            _event(t, actors=("Southland police",), targets=()),  # other parties
        ])
        s.commit()
        views = incidents(s)
    assert len(views) == 5 and all(v.n_claims == 1 for v in views)


def test_incidents_syndicated_copy_counts_once(tmp_path):
    text = ("Lorsk officials said troops of the northern command shelled the market district on Monday, "
            "killing five people and wounding eleven, while the militia said it had repelled the attack.")
    with Store(tmp_path / "v.db") as s:
        _ingest(s, "a", "wire.example", text, [_event(text, killed=5)])
        pk = _ingest(s, "b", "mirror.example", text + " (copied)", [_event(text, killed=5)])
        sid = s.conn.execute("SELECT story_id FROM documents WHERE id = ?", (pk,)).fetchone()[0]
        assert find_original(s.conn, pk, sid, INCIDENTS) == 1
        s.conn.execute("UPDATE documents SET syndicated_of = 1 WHERE id = ?", (pk,))
        update_incidents(s.conn, pk, sid, INCIDENTS)
        (inc,) = incidents(s)
    assert inc.n_claims == 2 and inc.n_sources == 1 and not inc.contested


def _ingest_in_story(store, doc_id, source, text, events, story, keys):
    """File a document under a given story (as if story assignment had put it there)."""
    conn = store.conn
    conn.execute("INSERT OR IGNORE INTO stories (id, label, first_published, last_published) "
                 "VALUES (?, ?, '2024-04-01', '2024-04-02')", (story, f"s-{story}"))
    for k in keys:
        conn.execute("INSERT OR IGNORE INTO story_keys (story_id, key) VALUES (?, ?)", (story, k))
    ex = Extraction(document=Document(text=text, id=doc_id, source=source, lang="en",
                                      published=dt.date(2024, 4, 2)), events=events, story_keys=keys)
    pk = store.write_extraction(ex, story_id=story)
    record_signature(conn, pk, text, keys, None, INCIDENTS)
    update_incidents(conn, pk, story, INCIDENTS)


def test_incidents_an_article_of_another_story_joins_the_same_spot(tmp_path):
    a = "Lorsk valley: the front says its fighters repelled an assault by the army on Monday night."
    b = "Evacuation deal, then fighting: the army denies attacking the Lorsk valley, blaming the front."
    c = "Port strike: dockers in Varna walked out on Monday over pay, the union said in a statement."
    with Store(tmp_path / "v.db") as s:
        _ingest_in_story(s, "a", "one.example", a, [_event(a, modality="reported", according_to="front")],
                         1, ["geo:1", "name:front"])
        # another story (the article is mostly about an evacuation deal) telling the same valley fighting
        _ingest_in_story(s, "b", "two.example", b, [_event(b, modality="denied", according_to="army",
                                                           actors=(), targets=(), date=None)],
                         2, ["geo:1", "name:deal"])
        # a third story, elsewhere: no place shared, so its act stays apart even when the type matches
        _ingest_in_story(s, "c", "three.example", c, [_event(c, actors=(), targets=(), date=None,
                                                             lat=43.2, lon=27.9)],
                         3, ["geo:9", "name:union"])
        s.commit()
        views = incidents(s)
    assert sorted(v.n_claims for v in views) == [1, 2]
    (both,) = [v for v in views if v.n_claims == 2]
    assert both.n_sources == 2 and "denied by army" in both.contested_reason


def test_incidents_rebuild_decides_copies_by_the_documents_order_not_the_ingest(tmp_path):
    from veille.incidents import rebuild_incidents
    text = ("Lorsk officials said troops of the northern command shelled the market district on Monday, "
            "killing five people and wounding eleven, while the militia said it had repelled the attack.")
    with Store(tmp_path / "v.db") as s:
        # the copy arrives first: at ingest it is taken for the original
        copy = _ingest(s, "b", "mirror.example", text + " (copied)", [_event(text, killed=5)])
        wire = _ingest(s, "a", "wire.example", text, [_event(text, killed=5)])
        s.conn.execute("UPDATE documents SET published = '2024-04-03' WHERE id = ?", (copy,))
        s.conn.execute("UPDATE documents SET published = '2024-04-01' WHERE id = ?", (wire,))
        s.conn.execute("UPDATE documents SET syndicated_of = ? WHERE id = ?", (copy, wire))
        rebuild_incidents(s.conn, INCIDENTS)
        roots = dict(s.conn.execute("SELECT id, syndicated_of FROM documents").fetchall())
        (inc,) = incidents(s)
    assert roots == {wire: None, copy: wire}  # the earlier day is the original
    assert inc.n_claims == 2 and inc.n_sources == 1
