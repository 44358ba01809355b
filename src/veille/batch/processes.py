"""Both cores on one machine: the parse and the extraction stages in worker processes.

Each worker process holds one :class:`veille.nlp.pipeline.Pipeline` (models,
gazetteer and lede encoder loaded once) and turns a batch of documents into
extractions. Reading, failure records, idempotency checks, story assignment
and the store stay in the main process (:func:`veille.run.ingest`), which
receives the batches back *in input order*: the database is the one a
single process writes.

The input is cut into the same batches (``settings.batch_size``) as in one
process, so each batch's lede embeddings are computed on the same documents.
At most ``2 * processes`` batches are in flight, so memory stays bounded
whatever the corpus size.

One caveat, shared with the one-process path inside a batch: a text that
appears twice within the batches in flight is extracted twice (the second
copy replaces the first in the store) instead of being found "already in the
store".
"""
from __future__ import annotations

import dataclasses
import multiprocessing as mp
import queue
from collections.abc import Iterable, Iterator

from ..config import Settings
from ..errors import VeilleError
from ..model import Document, Extraction, Failure

_READY, _DONE, _ERROR = "ready", "done", "error"
# seconds between checks that every worker is still alive while waiting for a result
_POLL = 5.0


def _work(settings: Settings, inbox: mp.Queue, outbox: mp.Queue) -> None:
    """A worker: load the models once, then extract every batch it is sent until it gets None."""
    from ..nlp.pipeline import Pipeline

    try:
        pipeline = Pipeline(settings)
        pipeline.warm()
    except VeilleError as e:
        outbox.put((_ERROR, -1, f"{e.code} {e.message}"))
        return
    outbox.put((_READY, -1, None))
    while (job := inbox.get()) is not None:
        seq, docs = job
        try:
            outbox.put((_DONE, seq, list(pipeline.process(docs))))
        except Exception as e:  # noqa: BLE001 - sent to the main process, which raises it there
            outbox.put((_ERROR, seq, f"V202 worker failed on a batch: {type(e).__name__}: {e}"))


class ProcessPipeline:
    """Drop-in for :class:`veille.nlp.pipeline.Pipeline` in :func:`veille.run.ingest`, on N processes."""

    def __init__(self, settings: Settings, processes: int | None = None):
        self.settings = settings
        self.processes = processes or settings.n_process
        # each worker runs an ordinary one-process pipeline
        self._worker_settings = dataclasses.replace(settings, n_process=1)
        self._ctx = mp.get_context("spawn")  # no fork of a process that holds threads and open databases
        self._workers: list = []
        self._inbox = self._outbox = None

    def warm(self, langs: Iterable[str] | None = None) -> None:
        """Start the workers and wait until each has loaded its models (benchmarks time work only)."""
        self._start()

    def _start(self) -> None:
        if self._workers:
            return
        self._inbox, self._outbox = self._ctx.Queue(), self._ctx.Queue()
        self._workers = [self._ctx.Process(target=_work, args=(self._worker_settings, self._inbox, self._outbox),
                                           daemon=True, name=f"veille-worker-{i}")
                         for i in range(self.processes)]
        for w in self._workers:
            w.start()
        for _ in self._workers:
            kind, _seq, payload = self._get()
            if kind == _ERROR:
                self.close()
                code, _, message = payload.partition(" ")
                raise VeilleError(code, message)

    @property
    def pids(self) -> list[int]:
        """Process ids of the running workers (benchmarks read their memory)."""
        return [w.pid for w in self._workers]

    def close(self) -> None:
        """Stop the workers (idempotent)."""
        for _ in self._workers:
            self._inbox.put(None)
        for w in self._workers:
            w.join(timeout=10)
            if w.is_alive():
                w.terminate()
        self._workers = []

    def __del__(self) -> None:
        if self._workers:
            self.close()

    def _get(self) -> tuple:
        """The next message of any worker; a worker that died (killed, out of memory) is an error, not a hang."""
        while True:
            try:
                return self._outbox.get(timeout=_POLL)
            except queue.Empty:
                dead = [w for w in self._workers if not w.is_alive()]
                if dead:
                    self.close()
                    raise VeilleError("V202", f"worker process {dead[0].name} died "
                                      f"(exit code {dead[0].exitcode})") from None

    def process(self, docs: Iterable[Document]) -> Iterator[Extraction | Failure]:
        """Extract on the workers, yielding results in input order."""
        self._start()
        sent = received = 0
        ready: dict[int, list] = {}
        for batch in batches(docs, self.settings.batch_size):
            self._inbox.put((sent, batch))
            sent += 1
            while sent - received >= 2 * self.processes:
                received = yield from self._drain(ready, received, block_for=received)
        while received < sent:
            received = yield from self._drain(ready, received, block_for=received)

    def _drain(self, ready: dict[int, list], received: int, *, block_for: int):
        """Wait for batch ``block_for``, then yield every batch that is next in order; returns the new count."""
        while block_for not in ready:
            kind, seq, payload = self._get()
            if kind == _ERROR:
                self.close()
                code, _, message = payload.partition(" ")
                raise VeilleError(code, message)
            ready[seq] = payload
        while received in ready:
            yield from ready.pop(received)
            received += 1
        return received


def batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """The documents in lists of ``size`` (the last one shorter), cut as one process would cut them."""
    batch: list[Document] = []
    for d in docs:
        batch.append(d)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
