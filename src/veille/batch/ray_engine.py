"""Scale-out: the same pipeline on Ray actors; the only module that imports Ray.

Reading, failure records, idempotency checks, story assignment and the store
stay in the driver, exactly as in :func:`veille.run.ingest`: only the parse
and the extraction stages (the costly part) run on the actors, each of which
loads the models once. The input is cut into the batches one process would
make (``settings.batch_size``), sent round-robin, and the results are taken
back in input order, so a run on Ray gives the same database as the
embedded path. At most ``2 * workers`` batches are in flight.

Local by default (``ray.init()`` on this machine); ``address`` points it at a
running cluster (``ray start --head`` on one machine, ``ray start
--address=HEAD:6379`` on the others, veille installed on each), e.g.
``veille ingest --engine ray --workers 16 --ray-address HEAD:6379``.
"""
from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..config import Settings
from ..errors import VeilleError
from ..model import Document, Extraction, Failure
from .processes import batches


class _ExtractActor:
    """A Ray actor holding one Pipeline (models and gazetteer loaded once)."""

    def __init__(self, settings: Settings):
        from ..nlp.pipeline import Pipeline

        self.pipeline = Pipeline(settings)
        self.pipeline.warm()

    def ready(self) -> bool:
        """True once the models are loaded (the constructor has run)."""
        return True

    def extract(self, docs: list[Document]) -> list[Extraction | Failure]:
        """Extract from one batch, in order."""
        return list(self.pipeline.process(docs))


def _ray():
    try:
        import ray
    except ImportError as e:
        raise VeilleError("V200", "the Ray engine needs Ray: pip install 'veille[ray]'") from e
    return ray


class RayPipeline:
    """Drop-in for :class:`veille.nlp.pipeline.Pipeline` in :func:`veille.run.ingest`, on Ray actors."""

    def __init__(self, settings: Settings, workers: int = 2, address: str | None = None):
        self.settings, self.workers, self.address = settings, workers, address
        self._worker_settings = dataclasses.replace(settings, n_process=1)
        self._actors: list = []

    def warm(self, langs: Iterable[str] | None = None) -> None:
        """Connect to (or start) Ray and wait until every actor has loaded its models."""
        ray = _ray()
        if self._actors:
            return
        if not ray.is_initialized():
            # a local cluster gets at least one logical CPU per actor, even on a small machine
            local = {} if self.address else {"num_cpus": max(self.workers, os.cpu_count() or 1)}
            ray.init(address=self.address, include_dashboard=False, log_to_driver=False, **local)
        actor = ray.remote(num_cpus=1)(_ExtractActor)
        self._actors = [actor.remote(self._worker_settings) for _ in range(self.workers)]
        self._get([a.ready.remote() for a in self._actors])

    def _get(self, ref):
        try:
            return _ray().get(ref)
        except VeilleError:
            raise
        except Exception as e:  # noqa: BLE001 - a Ray task or actor error becomes one clear line
            cause = getattr(e, "cause", None)
            if isinstance(cause, VeilleError):
                raise VeilleError(cause.code, cause.message) from e
            raise VeilleError("V202", f"Ray worker failed: {type(e).__name__}: {str(e).splitlines()[0]}") from e

    def process(self, docs: Iterable[Document]) -> Iterator[Extraction | Failure]:
        """Extract on the actors, yielding results in input order."""
        self.warm()
        pending: collections.deque = collections.deque()
        for i, batch in enumerate(batches(docs, self.settings.batch_size)):
            pending.append(self._actors[i % len(self._actors)].extract.remote(batch))
            if len(pending) >= 2 * len(self._actors):
                yield from self._get(pending.popleft())
        while pending:
            yield from self._get(pending.popleft())

    def close(self) -> None:
        """Release the actors (the Ray runtime itself stays up for the process)."""
        ray = _ray()
        for a in self._actors:
            ray.kill(a)
        self._actors = []


def ingest_on_ray(sources: Iterable[str | Path], db: str | Path, *, settings: Settings, workers: int = 2,
                  address: str | None = None, published: dt.date | None = None, force: bool = False,
                  progress: Callable[[int], None] | None = None):
    """:func:`veille.run.ingest` with the extraction on Ray actors."""
    from ..run import ingest

    pipeline = RayPipeline(settings, workers, address)
    try:
        return ingest(sources, db, settings=settings, published=published, force=force, progress=progress,
                      pipeline=pipeline)
    finally:
        pipeline.close()
