"""A small invented store, built with the store's own write functions (no spaCy): three articles, two stories,
two incidents, places with and without coordinates, and text cells a spreadsheet would read as formulas."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from veille.link.incidents import IncidentSummary
from veille.model import Document, Event, Evidence, Extraction, Place, Quote
from veille.store import write
from veille.store.db import Store

TEXT_A = "Samedi 9 mars 2024, trois passants ont été tués à Lyon par des tireurs. =SOMME(A1) a dit le maire."
TEXT_B = "Protesters marched in Dakar in May 2024. Ministers met in Nowhereville to talk."
TEXT_C = "Selon la police, quatre personnes ont été tuées à Lyon le 9 mars 2024."


def _ev(text: str, part: str, nth: int = 0) -> Evidence:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Evidence.of(text, start, start + len(part))


def _place(text: str, name: str, country: str | None, lat: float | None, lon: float | None,
           nth: int = 0) -> Place:
    return Place(_ev(text, name, nth), name, country, lat, lon, geonameid=None if lat is None else 1000 + len(name),
                 admin1="Auvergne-Rhône-Alpes" if name == "Lyon" else None, feature_class="P",
                 feature_code="PPLA", precision="locality")


def _extraction_a() -> Extraction:
    lyon = _place(TEXT_A, "Lyon", "FR", 45.764043, 4.835659)
    sentence = _ev(TEXT_A, "Samedi 9 mars 2024, trois passants ont été tués à Lyon par des tireurs.")
    event = Event(sentence, _ev(TEXT_A, "tués"), "ASSAULT", mode="firearms", actors=["=HYPERLINK(\"x\")"],
                  targets=["passants", "+riverains"], place=lyon, date="2024-03-09",
                  date_evidence=_ev(TEXT_A, "9 mars 2024"), killed=3, killed_high=3)
    quote = Quote(_ev(TEXT_A, "=SOMME(A1)"), "le maire", "direct", _ev(TEXT_A, "le maire"))
    return Extraction(Document(TEXT_A, id="a", title="-Tuerie à Lyon", source="Le Courrier", lang="fr",
                               published=dt.date(2024, 3, 10)), places=[lyon], quotes=[quote], events=[event])


def _extraction_b() -> Extraction:
    dakar = _place(TEXT_B, "Dakar", "SN", 14.6937, -17.44406)
    nowhere = _place(TEXT_B, "Nowhereville", None, None, None)
    protest = Event(_ev(TEXT_B, "Protesters marched in Dakar in May 2024."), _ev(TEXT_B, "marched"), "PROTEST",
                    actors=["Protesters"], place=dakar, date="2024-05", date_evidence=_ev(TEXT_B, "May 2024"))
    meeting = Event(_ev(TEXT_B, "Ministers met in Nowhereville to talk."), _ev(TEXT_B, "met"), "CONSULT",
                    actors=["Ministers"], place=nowhere)
    return Extraction(Document(TEXT_B, id="b", title="Dakar", source="@Wire", lang="en",
                               published=dt.date(2024, 5, 20)), places=[dakar, nowhere], events=[protest, meeting])


def _extraction_c() -> Extraction:
    lyon = _place(TEXT_C, "Lyon", "FR", 45.764043, 4.835659)
    event = Event(_ev(TEXT_C, TEXT_C), _ev(TEXT_C, "tuées"), "ASSAULT", actors=[], targets=["personnes"],
                  place=lyon, date="2024-03-09", date_evidence=_ev(TEXT_C, "9 mars 2024"), killed=4,
                  according_to="la police", modality="reported")
    return Extraction(Document(TEXT_C, id="c", source="Agence Sud", lang="fr", published=dt.date(2024, 3, 11)),
                      places=[lyon], events=[event])


def _incident(conn, story: int, type_: str, event_ids: list[int], summary: IncidentSummary) -> None:
    iid = write.new_incident(conn, story, type_)
    for eid in event_ids:
        doc = conn.execute("SELECT document_id FROM events WHERE id = ?", (eid,)).fetchone()[0]
        write.file_claim(conn, iid, eid, doc)
    write.write_incident_summary(conn, iid, summary)


def build(path: Path) -> Path:
    """Write the invented store at ``path``."""
    with Store(path) as store:
        conn = store.conn
        s1 = write.new_story(conn, "Lyon", dt.date(2024, 3, 10))
        s2 = write.new_story(conn, "Dakar", dt.date(2024, 5, 20))
        ids = {}
        for ex, story in ((_extraction_a(), s1), (_extraction_b(), s2), (_extraction_c(), s1)):
            ids[ex.document.id] = store.write_extraction(ex, story)
            write.add_to_story(conn, story, ex.document.published, [])
        ev = {(d, t): i for i, d, t in conn.execute(
            "SELECT e.id, d.doc_id, e.type FROM events e JOIN documents d ON d.id = e.document_id")}
        _incident(conn, s1, "ASSAULT", [ev["a", "ASSAULT"], ev["c", "ASSAULT"]], IncidentSummary(
            "Lyon", "FR", 45.764043, 4.835659, "2024-03-09", (3, 3, 4), (None, None, None),
            ["=HYPERLINK(\"x\")"], ["passants", "+riverains", "personnes"], 2, 2, "killed: 3 vs 4"))
        _incident(conn, s2, "PROTEST", [ev["b", "PROTEST"]], IncidentSummary(
            "Dakar", "SN", 14.6937, -17.44406, "2024-05", (None, None, None), (None, None, None),
            ["Protesters"], [], 1, 1, None))
        store.commit()
    return path


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    """The invented store's path (built once per session; tests only read it)."""
    return build(tmp_path_factory.mktemp("export") / "v.db")


@pytest.fixture
def store(store_path):
    """The invented store, open."""
    with Store(store_path) as s:
        yield s
