"""Scale-out: the same pipeline on Ray actors; the only module that imports Ray.

Reading, failure records, idempotency checks, story assignment and the store
stay in the driver, exactly as in :func:`veille.run.ingest`: only the parse
and the extraction stages (the costly part) run on the actors, each of which
loads the models once. Results come back in input order, so a run on Ray
gives the same database as the embedded path.
"""
from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..config import Settings
from ..errors import VeilleError
from ..model import Document, Extraction, Failure


class _ExtractActor:
    """A Ray actor holding one Pipeline (models and gazetteer loaded once)."""

    def __init__(self, settings: Settings):
        from ..nlp.pipeline import Pipeline

        self.pipeline = Pipeline(settings)

    def __call__(self, batch: dict) -> dict:
        docs = [pickle.loads(b) for b in batch["doc"]]
        return {"result": [pickle.dumps(r) for r in self.pipeline.process(docs)]}


def ray_process(docs: Iterable[Document], settings: Settings, *, workers: int = 2,
                address: str | None = None) -> Iterator[Extraction | Failure]:
    """Extract from ``docs`` on ``workers`` Ray actors, yielding results in input order."""
    try:
        import ray
    except ImportError as e:
        raise VeilleError("V200", "the Ray engine needs Ray: pip install 'veille[ray]'") from e
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    items = [{"doc": pickle.dumps(d)} for d in docs]
    if not items:
        return
    ds = ray.data.from_items(items).map_batches(
        _ExtractActor, fn_constructor_kwargs={"settings": settings}, batch_size=settings.batch_size,
        concurrency=workers, num_cpus=1)
    for row in ds.iter_rows():
        yield pickle.loads(row["result"])


class RayPipeline:
    """Drop-in for :class:`veille.nlp.pipeline.Pipeline` in :func:`veille.run.ingest`."""

    def __init__(self, settings: Settings, workers: int = 2, address: str | None = None):
        self.settings, self.workers, self.address = settings, workers, address

    def process(self, docs: Iterable[Document]) -> Iterator[Extraction | Failure]:
        """Extract on the actors; documents are sent in chunks so memory stays bounded."""
        chunk: list[Document] = []
        size = max(self.settings.batch_size * self.workers * 8, 256)
        for d in docs:
            chunk.append(d)
            if len(chunk) >= size:
                yield from ray_process(chunk, self.settings, workers=self.workers, address=self.address)
                chunk = []
        if chunk:
            yield from ray_process(chunk, self.settings, workers=self.workers, address=self.address)


def ingest_on_ray(sources: Iterable[str | Path], db: str | Path, *, settings: Settings, workers: int = 2,
                  address: str | None = None, published: dt.date | None = None, force: bool = False,
                  progress: Callable[[int], None] | None = None):
    """:func:`veille.run.ingest` with the extraction on Ray actors."""
    from ..run import ingest

    return ingest(sources, db, settings=settings, published=published, force=force, progress=progress,
                  pipeline=RayPipeline(settings, workers, address))
