"""A small invented database written through the store's own functions, and the real server on a free port."""
from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from pathlib import Path

import uvicorn

from veille.link.incidents import IncidentSummary
from veille.model import DateMention, Document, Event, Evidence, Extraction, Place, Quote
from veille.store import write
from veille.store.db import Store
from veille.web.app import build_app

HOSTILE_TITLE = "<script>window.pwnedTitle=1</script> Breaking <b>news</b>"
HOSTILE_TEXT = "<script>window.pwned=1</script> Protesters gathered in Lyon on Monday. <img src=x onerror=alert(1)>"
FR_TEXT = ("Le 3 mars 2024, une frappe a tué 12 personnes à Kharkiv, selon le maire. "
           "« Nous reconstruirons tout », a déclaré Ihor Terekhov.")
EN_TEXT = "On March 4, 2024, the ministry denied that the strike in Kharkiv killed anyone."


def ev(text: str, needle: str, nth: int = 0) -> Evidence:
    """The evidence of the nth occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Evidence.of(text, start, start + len(needle))


def _place(text: str, name: str, country: str, lat: float, lon: float) -> Place:
    return Place(ev(text, name), name, country, lat, lon, geonameid=None)


def extractions() -> list[Extraction]:
    """Three documents: a French report, an English denial of it, and a hostile one."""
    fr = Document(FR_TEXT, id="fr-1", title="Frappe sur Kharkiv", source="Le Veilleur", lang="fr",
                  published=dt.date(2024, 3, 3), url="https://example.org/fr-1")
    kh = _place(FR_TEXT, "Kharkiv", "UA", 49.99, 36.23)
    fr_event = Event(ev(FR_TEXT, FR_TEXT[:FR_TEXT.index(".") + 1]), ev(FR_TEXT, "frappe"), "ASSAULT",
                     place=kh, date="2024-03-03", date_evidence=ev(FR_TEXT, "3 mars 2024"), killed=12,
                     according_to="le maire", modality="reported", actors=["Russie"])
    fr_ex = Extraction(fr, dates=[DateMention(ev(FR_TEXT, "3 mars 2024"), "2024-03-03", "day")], places=[kh],
                       quotes=[Quote(ev(FR_TEXT, "Nous reconstruirons tout"), "Ihor Terekhov", "direct",
                                     ev(FR_TEXT, "Ihor Terekhov"), ev(FR_TEXT, "déclaré"))],
                       events=[fr_event])
    en = Document(EN_TEXT, id="en-1", title="Ministry denies deaths", source="Daily Wire Test", lang="en",
                  published=dt.date(2024, 3, 4))
    kh_en = _place(EN_TEXT, "Kharkiv", "UA", 49.99, 36.23)
    en_event = Event(ev(EN_TEXT, EN_TEXT), ev(EN_TEXT, "strike"), "ASSAULT", place=kh_en, date="2024-03-03",
                     killed=0, according_to="the ministry", modality="denied")
    en_ex = Extraction(en, dates=[DateMention(ev(EN_TEXT, "March 4, 2024"), "2024-03-04", "day")],
                       places=[kh_en], events=[en_event])
    bad = Document(HOSTILE_TEXT, id="x-1", title=HOSTILE_TITLE, source="<i>Outlet</i>", lang="en",
                   published=dt.date(2024, 3, 5))
    lyon = _place(HOSTILE_TEXT, "Lyon", "FR", 45.76, 4.83)
    bad_ex = Extraction(bad, places=[lyon], events=[Event(ev(HOSTILE_TEXT, "Protesters gathered in Lyon on Monday."),
                                                          ev(HOSTILE_TEXT, "gathered"), "PROTEST", place=lyon)])
    return [fr_ex, en_ex, bad_ex]


def build_db(path: Path) -> Path:
    """The invented database: three documents, one story of two, one contested incident with two claims."""
    with Store(path) as store:
        conn = store.conn
        story = write.new_story(conn, "Frappe sur Kharkiv", dt.date(2024, 3, 3))
        pks = []
        for i, ex in enumerate(extractions()):
            pks.append(store.write_extraction(ex, story if i < 2 else None))
            if i < 2:
                write.add_to_story(conn, story, ex.document.published, ["kharkiv"])
        incident = write.new_incident(conn, story, "ASSAULT")
        for pk in pks[:2]:
            (event_id,) = conn.execute("SELECT id FROM events WHERE document_id = ?", (pk,)).fetchone()
            write.file_claim(conn, incident, event_id, pk)
        write.write_incident_summary(conn, incident, IncidentSummary(
            place="Kharkiv", country="UA", lat=49.99, lon=36.23, date="2024-03-03", killed=(0, 12, 12),
            injured=(None, None, None), actors=["Russie"], targets=[], n_claims=2, n_sources=2,
            contested_reason="denied by one source"))
        store.commit()
    return path


def free_port() -> int:
    """A free TCP port on the loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """The real app served by uvicorn in a thread on 127.0.0.1 and a free port."""

    def __init__(self, db: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(build_app(db), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(5)
