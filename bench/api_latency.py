"""Latency of the JSON API on 100k synthetic events, and its throughput while a writer ingests (WAL).

    PYTHONPATH=src python bench/api_latency.py [--events 100000] [--requests 200] [--seconds 10]

Builds a database of invented documents through the store's write functions
(5 events each), serves it with ``veille serve``'s app in a subprocess on
127.0.0.1, times the main queries (p50/p99), then measures requests/s while
this process writes more documents to the same database, and reports errors
(must be 0). Loopback only; every loop is bounded.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from veille.model import Document, Event, Evidence, Extraction, Place
from veille.model import EVENT_TYPES, MODALITIES
from veille.store.db import Store

CITIES = [("Lyon", "FR", 45.76, 4.83), ("Kharkiv", "UA", 49.99, 36.23), ("Goma", "CD", -1.68, 29.22),
          ("Aleppo", "SY", 36.2, 37.16), ("Quito", "EC", -0.22, -78.51), ("Dakar", "SN", 14.69, -17.44)]
QUERIES = ["/api/events?limit=50", "/api/events?type=ASSAULT&limit=50", "/api/events?country=UA&since=2024-02-01",
           "/api/events?bbox=20,40,40,55&limit=100", "/api/events?actor=Group 3&limit=50",
           "/api/documents?q=convoy&limit=20", "/api/documents?lang=fr&since=2024-03-01", "/api/documents/1",
           "/api/timeline?country=FR", "/api/incidents?limit=20", "/api/quotes?limit=50"]


def synthetic(i: int, rng: random.Random) -> Extraction:
    """One invented document with five events, each with a place, a date and an actor."""
    sentences, events = [], []
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(120))
    for k in range(5):
        name, cc, lat, lon = rng.choice(CITIES)
        sentences.append(f"A convoy number {i}-{k} was reported near {name} on that day.")
    text = " ".join(sentences)
    at = 0
    for k, s in enumerate(sentences):
        start = text.index(s, at)
        at = start + len(s)
        name, cc, lat, lon = next(c for c in CITIES if c[0] in s)
        p0 = text.index(name, start)
        place = Place(Evidence.of(text, p0, p0 + len(name)), name, cc, lat + rng.uniform(-1, 1),
                      lon + rng.uniform(-1, 1))
        t0 = text.index("convoy", start)
        events.append(Event(Evidence.of(text, start, at), Evidence.of(text, t0, t0 + 6), rng.choice(EVENT_TYPES),
                            place=place, date=day.isoformat(), actors=[f"Group {rng.randrange(50)}"],
                            modality=rng.choice(MODALITIES)))
    doc = Document(text, id=f"syn-{i}", title=f"Report {i}", source=f"outlet-{i % 20}",
                   published=day, lang=rng.choice(["fr", "en"]))
    return Extraction(doc, places=[e.place for e in events], events=events)


def build(path: Path, n_events: int, start: int = 0, batch: int = 500) -> None:
    """Write n_events / 5 synthetic documents, committing every ``batch``."""
    rng = random.Random(start)
    with Store(path) as store:
        for i in range(start, start + n_events // 5):
            store.write_extraction(synthetic(i, rng))
            if i % batch == batch - 1:
                store.commit()
        store.commit()


def start_server(db: Path, port: int) -> subprocess.Popen:
    """The app in a subprocess (its own interpreter: its own GIL), on the loopback."""
    code = ("import sys, uvicorn; from veille.web.app import build_app; "
            "uvicorn.run(build_app(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), log_level='error')")
    proc = subprocess.Popen([sys.executable, "-c", code, str(db), str(port)])
    for _ in range(200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=1)
            return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


def latencies(client: httpx.Client, n: int) -> dict[str, tuple[float, float]]:
    """p50 and p99 in milliseconds of each query, n requests each."""
    out = {}
    for q in QUERIES:
        times = []
        for _ in range(n):
            t = time.perf_counter()
            r = client.get(q)
            times.append((time.perf_counter() - t) * 1000)
            if r.status_code != 200:
                raise RuntimeError(f"{q}: {r.status_code} {r.text[:200]}")
        times.sort()
        out[q] = (statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))])
    return out


def under_load(client: httpx.Client, db: Path, seconds: float, start: int) -> tuple[int, int, int, float]:
    """(requests, errors, documents written, elapsed) while a writer thread ingests into the same database."""
    written, stop = [0], threading.Event()

    def writer() -> None:
        rng, i = random.Random(start), start
        with Store(db) as store:
            while not stop.is_set() and i < start + 100_000:
                for _ in range(50):
                    store.write_extraction(synthetic(i, rng))
                    i += 1
                store.commit()
                written[0] = i - start

    thread = threading.Thread(target=writer)
    thread.start()
    requests = errors = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        try:
            r = client.get(QUERIES[requests % len(QUERIES)])
            errors += r.status_code != 200
        except httpx.HTTPError:
            errors += 1
        requests += 1
    elapsed = time.perf_counter() - t0
    stop.set()
    thread.join()
    return requests, errors, written[0], elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200, help="requests per query for the latencies")
    ap.add_argument("--seconds", type=float, default=10.0, help="length of the run under a writer")
    ap.add_argument("--port", type=int, default=8765)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t = time.perf_counter()
        build(db, args.events)
        print(f"built {args.events} events in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        server = start_server(db, args.port)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{args.port}", timeout=30) as client:
                for q, (p50, p99) in latencies(client, args.requests).items():
                    print(f"{q:48s} p50 {p50:7.1f} ms  p99 {p99:7.1f} ms")
                n, errors, docs, elapsed = under_load(client, db, args.seconds, args.events)
        finally:
            server.terminate()
            server.wait(10)
    print(f"under a writer: {n / elapsed:.0f} requests/s, {errors} errors, {docs} documents "
          f"({docs * 5} events) written in {elapsed:.1f} s")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
