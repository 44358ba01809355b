"""Watch feeds and folders: poll on an interval, ingest only what is new — the library behind ``veille watch``.

What was seen (feed item ids and links, ETag and Last-Modified, file
signatures) is kept in ``<db>.watch.json`` beside the database, and updated
only after the ingest of a poll returned, so an interruption loses nothing:
the next run reads the unfinished items again and the store skips what it
already holds. A feed that errors or times out is logged to stderr and
retried with exponential backoff, capped; the other sources go on.
"""
from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .config import Settings
from .errors import VeilleError
from .ingest.feeds import FEED_SUFFIXES, FeedItem, looks_like_feed, read_feed_items
from .ingest.fetch import Fetched, fetch, is_url
from .ingest.readers import is_known_file, read_fetched
from .model import Document, Failure
from .nlp.pipeline import Pipeline
from .run import IngestSummary, ingest

SEEN_CAP = 20_000  # item keys kept per feed: far more than any feed shows at once

Item = Document | Failure
Log = Callable[[str], None]


@dataclass
class SourceState:
    """What one source showed so far; ``errors`` and ``retry_at`` are not saved."""

    etag: str = ""
    modified: str = ""
    seen: list[str] = field(default_factory=list)
    errors: int = 0
    retry_at: float = 0.0


@dataclass
class WatchSummary:
    """What a watch did over all its polls."""

    polls: int = 0
    read: int = 0
    stored: int = 0
    already: int = 0
    failures: int = 0
    source_errors: int = 0
    interrupted: bool = False

    def add(self, s: IngestSummary) -> None:
        """Count one poll's ingest."""
        self.read += s.read
        self.stored += s.stored
        self.already += s.already
        self.failures += s.failures

    def line(self) -> str:
        """The one-line summary printed when the watch stops."""
        return (f"{self.polls} polls: {self.read} new documents read, {self.stored} extracted, {self.already} "
                f"already in the store, {self.failures} failures; {self.source_errors} source errors")


@dataclass
class _Poll:
    """One poll's harvest: what to ingest, and the state to keep once it is ingested."""

    items: list[str | Item] = field(default_factory=list)
    updates: dict[str, SourceState] = field(default_factory=dict)


def state_path_for(db: str | Path) -> Path:
    """Where the watch state of ``db`` lives: ``<db>.watch.json``."""
    return Path(f"{db}.watch.json")


def load_state(path: Path) -> dict[str, SourceState]:
    """The saved state, or an empty one when there is none; a damaged file is a V100 error."""
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {k: SourceState(etag=v.get("etag", ""), modified=v.get("modified", ""), seen=list(v.get("seen", [])))
                for k, v in raw.get("sources", {}).items()}
    except (json.JSONDecodeError, AttributeError, TypeError) as e:
        raise VeilleError("V100", f"{path}: damaged watch state ({e}); delete it to start afresh") from e


def save_state(path: Path, states: dict[str, SourceState]) -> None:
    """Write the state atomically (a crash leaves the old file or the new one, never half of one)."""
    keep = {k: {f: v for f, v in asdict(s).items() if f in ("etag", "modified", "seen")} for k, s in states.items()}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"version": 1, "sources": keep}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def watch(sources: Iterable[str | Path], db: str | Path, *, interval: float = 300.0,
          settings: Settings | None = None, stop_event: threading.Event | None = None,
          pipeline: Pipeline | None = None, timeout: float = 20.0, max_backoff: float = 3600.0,
          state_path: Path | None = None, log: Log | None = None,
          on_poll: Callable[[int, IngestSummary | None], None] | None = None) -> WatchSummary:
    """Poll ``sources`` (feed URLs, feed files, folders, files) every ``interval`` seconds until stopped.

    Each poll ingests only what is new through :func:`veille.run.ingest`, with
    one Pipeline for the whole watch. Stops when ``stop_event`` is set or on
    KeyboardInterrupt, after saving the state of every finished poll.
    """
    settings = settings or Settings.from_env()
    stop = stop_event or threading.Event()
    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    state_file = state_path or state_path_for(db)
    states = load_state(state_file)
    names = [str(s) for s in sources]
    summary = WatchSummary()
    try:
        while not stop.is_set():
            poll = _harvest(names, states, timeout=timeout, base=interval, cap=max_backoff, log=log,
                            summary=summary)
            done = None
            if poll.items:
                pipeline = pipeline or Pipeline(settings)
                done = ingest(poll.items, db, settings=settings, pipeline=pipeline)
                summary.add(done)
            states.update(poll.updates)
            save_state(state_file, states)
            summary.polls += 1
            if on_poll:
                on_poll(summary.polls, done)
            stop.wait(interval)
    except KeyboardInterrupt:
        summary.interrupted = True  # the poll in flight is not in the state: the next run reads it again
    return summary


def _harvest(names: list[str], states: dict[str, SourceState], *, timeout: float, base: float, cap: float,
             log: Log, summary: WatchSummary) -> _Poll:
    poll = _Poll()
    seen_urls = {k for s in states.values() for k in s.seen}
    now = time.monotonic()
    for name in names:
        state = states.setdefault(name, SourceState())
        if state.retry_at > now:
            continue
        try:
            items, new_state = _poll_source(name, state, seen_urls, timeout=timeout)
        except (VeilleError, OSError) as e:
            state.errors += 1
            delay = min(base * 2 ** (state.errors - 1), cap)
            state.retry_at = time.monotonic() + delay
            summary.source_errors += 1
            reason = e.message if isinstance(e, VeilleError) else f"{type(e).__name__}: {e}"
            log(f"watch: {name}: {reason}; retrying in {delay:.0f} s")
            continue
        if state.errors:
            log(f"watch: {name}: back after {state.errors} failed polls")
        new_state.errors, new_state.retry_at = 0, 0.0
        state.errors, state.retry_at = 0, 0.0
        poll.items.extend(items)
        poll.updates[name] = new_state
        seen_urls.update(new_state.seen)  # an item two feeds carry is ingested once, in this poll too
    return poll


def _poll_source(name: str, state: SourceState, seen_urls: set[str], *,
                 timeout: float) -> tuple[list[str | Item], SourceState]:
    if is_url(name):
        got = fetch(name, timeout=timeout, etag=state.etag, modified=state.modified)
        if got.not_modified:
            return [], state
        return _poll_fetched(got, state, seen_urls)
    path = Path(name)
    if not path.exists():
        raise VeilleError("V101", "no such file or directory")
    if path.is_file() and _is_feed_file(path):
        return _poll_feed(path.read_bytes(), name, "", state, seen_urls)
    return _poll_files(path, state)


def _poll_fetched(got: Fetched, state: SourceState, seen_urls: set[str]) -> tuple[list[str | Item], SourceState]:
    if looks_like_feed(got.body):
        items, new = _poll_feed(got.body, got.url, got.url, state, seen_urls)
    else:  # a page: read again when it changes; the store skips content it holds
        items, new = list(read_fetched(got)), SourceState(seen=list(state.seen))
    new.etag, new.modified = got.etag, got.modified
    return items, new


def _poll_feed(data: bytes, origin: str, base_url: str, state: SourceState,
               seen_urls: set[str]) -> tuple[list[str | Item], SourceState]:
    known = set(state.seen) | seen_urls
    items: list[str | Item] = []
    fresh: list[str] = []
    for x in read_feed_items(data, origin, base_url=base_url):
        if not isinstance(x, FeedItem):
            raise VeilleError(x.code, x.reason)  # the whole feed is unreadable: a source error, retried
        if x.key in known or (x.url and x.url in known):
            continue
        items.append(x.item)
        fresh.extend(k for k in (x.key, x.url) if k and k not in fresh)
        known.update(fresh)
    seen = (state.seen + fresh)[-SEEN_CAP:]
    return items, SourceState(etag=state.etag, modified=state.modified, seen=seen)


def _poll_files(path: Path, state: SourceState) -> tuple[list[str | Item], SourceState]:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    signatures = {}
    for p in files:
        st = p.stat()
        signatures[f"{p}|{st.st_mtime_ns}|{st.st_size}"] = p
    known = set(state.seen)
    new = [str(p) for sig, p in signatures.items() if sig not in known and is_known_file(p)]
    return new, SourceState(seen=sorted(signatures))


def _is_feed_file(path: Path) -> bool:
    if path.suffix.lower() in FEED_SUFFIXES:
        return True
    if path.suffix.lower() != ".xml":
        return False
    with path.open("rb") as f:
        return looks_like_feed(f.read(8192))
