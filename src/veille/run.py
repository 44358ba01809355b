"""Ingest: read sources, extract, assign stories, store — the library behind ``veille ingest``."""
from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .incidents import find_original, record_signature, update_incidents
from .ingest import read_sources
from .model import Document, Extraction, Failure
from .nlp.pipeline import Pipeline, StageTimer, timing
from .store import link_queries, write
from .store.db import Store
from .stories import assign_story


@dataclass
class IngestSummary:
    """What one ingest did."""

    read: int = 0
    stored: int = 0
    skipped_language: int = 0
    already: int = 0
    failures: int = 0
    seconds: float = 0.0
    failure_lines: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        """Documents processed per second (read ones, whatever their outcome)."""
        return self.read / self.seconds if self.seconds else 0.0

    @property
    def nothing_ingested(self) -> bool:
        """No document read was stored, skipped or found already stored: every one failed."""
        return not (self.stored or self.skipped_language or self.already)

    def line(self) -> str:
        """The one-line summary printed at the end of an ingest."""
        return (f"{self.read} documents read: {self.stored} extracted, {self.skipped_language} skipped "
                f"(language), {self.already} already in the store, {self.failures} failures; "
                f"{self.per_second:.1f} documents/s")


def ingest(sources: Iterable[str | Path], db: str | Path, *, settings: Settings | None = None,
           published: dt.date | None = None, force: bool = False,
           progress: Callable[[int], None] | None = None, pipeline: Pipeline | None = None,
           timer: StageTimer | None = None) -> IngestSummary:
    """Ingest every document of ``sources`` into the store at ``db``.

    Idempotent: content already stored is not extracted again unless
    ``force``. A bad document becomes a failure row and the batch goes on.
    Work is committed every ``settings.commit_every`` documents, so an
    interrupted run loses at most the batch in flight and a rerun completes it.
    With ``settings.n_process`` > 1 the parse and the extraction run in that
    many worker processes; results are stored in input order, so the database
    is the same. ``timer`` (benchmarks) collects seconds per step.
    """
    settings = settings or Settings.from_env()
    if pipeline is None:
        with contextlib.closing(default_pipeline(settings)) as own:
            return ingest(sources, db, settings=settings, published=published, force=force, progress=progress,
                          pipeline=own, timer=timer)
    summary = IngestSummary()
    t0 = time.perf_counter()
    with Store(db) as store:
        def todo() -> Iterator[Document]:
            items = read_sources(sources, published, max_chars=settings.max_chars)
            for item in (timer.timed("read", items) if timer is not None else items):
                summary.read += 1
                if progress:
                    progress(1)
                if isinstance(item, Failure):
                    _record_failure(store, item, summary)
                    continue
                with timing(timer, "store"):
                    status = store.document_status(item.content_hash)
                if status in ("done", "skipped") and not force:
                    summary.already += 1
                    continue
                yield item

        pending = 0
        for result in pipeline.process(todo()):
            if isinstance(result, Failure):
                _record_failure(store, result, summary)
            else:
                _store_extraction(store, result, settings, summary, timer)
            pending += 1
            if pending >= settings.commit_every:
                with timing(timer, "store"):
                    store.commit()
                pending = 0
        with timing(timer, "store"):
            store.commit()
    summary.seconds = time.perf_counter() - t0
    return summary


def default_pipeline(settings: Settings):
    """One in-process Pipeline, or ``settings.n_process`` worker processes each running one."""
    if settings.n_process > 1:
        from .batch.processes import ProcessPipeline

        return ProcessPipeline(settings)
    return Pipeline(settings)


def _record_failure(store: Store, f: Failure, summary: IngestSummary) -> None:
    store.write_failure(f)
    summary.failures += 1
    summary.failure_lines.append(f"{f.origin}: {f.code} {f.reason}")


def _store_extraction(store: Store, ex: Extraction, settings: Settings, summary: IngestSummary,
                      timer: StageTimer | None = None) -> None:
    if ex.skipped:
        with timing(timer, "store"):
            store.write_extraction(ex)
        summary.skipped_language += 1
        return
    conn = store.conn
    with timing(timer, "stories"):
        old = link_queries.story_of_content(conn, ex.document.content_hash)
        story_id = old if old is not None else assign_story(conn, ex, settings)
    with timing(timer, "store"):
        pk = store.write_extraction(ex, story_id=story_id)
    with timing(timer, "incidents"):
        record_signature(conn, pk, ex.document.text, ex.story_keys, ex.story_vector, settings.incidents)
        write.set_syndicated_of(conn, pk, find_original(conn, pk, story_id, settings.incidents))
        update_incidents(conn, pk, story_id, settings.incidents)
    summary.stored += 1
