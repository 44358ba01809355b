"""The whole extraction flow on one screen.

spaCy parses each document once (``nlp.pipe``, batched, per language); the
stages then read the parsed doc in this order:

    language -> parse -> dates -> places -> coref -> quotes -> events -> story keys
    (and, per batch, on a second thread while the batch is parsed, the lede
    embeddings used to group stories)

``STAGES`` lists them, in order. Story assignment needs the store (earlier
documents) and runs after, in :func:`veille.stories.assign_story`, on the
keys computed here.
"""
from __future__ import annotations

import contextlib
import functools
import importlib
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..batch.processes import batches
from ..config import Settings
from ..errors import VeilleError
from ..geo.gazetteer import Gazetteer, load_gazetteer
from ..model import Document, Extraction, Failure
from ..link.keys import story_keys
from .coref import build_clusters
from .dates import extract_dates
from .events import extract_events
from .lang import detect_language
from .lede import lede_vectors
from .places import extract_places
from .quotes import extract_quotes
from .text import for_parse


@functools.cache
def load_model(name: str) -> Language:
    """Load a spaCy model installed as a Python package (never from the network), once per process."""
    try:
        module = importlib.import_module(name)
    except ImportError as e:
        raise VeilleError("V200", f"spaCy model package {name!r} is not installed "
                          f"(pip install it, or set VEILLE_MODEL_xx to one that is)") from e
    return module.load() if hasattr(module, "load") else spacy.load(name)


# a stage reads the parsed document and what earlier stages found, and fills its own fields
Stage = Callable[[Extraction, Doc, Settings, Gazetteer], None]


def _dates(ex: Extraction, parsed: Doc, settings: Settings, gazetteer: Gazetteer) -> None:
    ex.dates = extract_dates(ex.document, parsed, settings=settings)


def _places(ex: Extraction, parsed: Doc, settings: Settings, gazetteer: Gazetteer) -> None:
    ex.places = extract_places(ex.document, parsed, settings=settings, gazetteer=gazetteer)


def _coref(ex: Extraction, parsed: Doc, settings: Settings, gazetteer: Gazetteer) -> None:
    # one coreference step per document: quotes, events and story keys read the same clusters
    ex.clusters = build_clusters(ex.document, parsed, settings=settings)
    ex.entities = ex.clusters.entities


def _quotes(ex: Extraction, parsed: Doc, settings: Settings, gazetteer: Gazetteer) -> None:
    ex.quotes, ex.entities = extract_quotes(ex.document, parsed, settings=settings, clusters=ex.clusters)


def _events(ex: Extraction, parsed: Doc, settings: Settings, gazetteer: Gazetteer) -> None:
    ex.events = extract_events(ex.document, parsed, dates=ex.dates, places=ex.places, quotes=ex.quotes,
                               entities=ex.entities, settings=settings, clusters=ex.clusters)


def _story_keys(ex: Extraction, parsed: Doc, settings: Settings, gazetteer: Gazetteer) -> None:
    ex.story_keys = story_keys(ex.document, parsed, places=ex.places, entities=ex.entities, events=ex.events,
                               settings=settings.stories)


#: the extraction stages, in the order they run on each parsed document
STAGES: tuple[Stage, ...] = (_dates, _places, _coref, _quotes, _events, _story_keys)

def stage_name(stage: Stage) -> str:
    """A stage's name in timings and failure reasons (« events », « story keys »)."""
    return stage.__name__.strip("_").replace("_", " ")


#: every timed step of an ingest, in flow order (the extraction stages by their function name, less the "_")
STEP_NAMES: tuple[str, ...] = ("read", "detect", "parse", *(stage_name(s) for s in STAGES),
                               "lede embeddings", "stories", "incidents", "store")


@dataclass
class StageTimer:
    """Seconds spent per step, accumulated only when a benchmark passes one in (``timer=None`` costs nothing).

    ``seconds`` is wall-clock time; ``cpu`` is the CPU time of the thread that ran
    the step (``time.thread_time``), which a busy machine inflates far less: a
    step waiting for a core counts in ``seconds``, not in ``cpu``.
    """

    seconds: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, seconds: float, cpu: float = 0.0) -> None:
        """Count ``seconds`` more wall-clock time (and ``cpu`` more CPU time) for step ``name``."""
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.cpu[name] = self.cpu.get(name, 0.0) + cpu

    def clear(self) -> None:
        """Forget every count (a benchmark reuses one timer across measurements)."""
        self.seconds.clear()
        self.cpu.clear()

    @contextlib.contextmanager
    def time(self, name: str) -> Iterator[None]:
        """Time the body of a ``with`` block as step ``name``."""
        t0, c0 = time.perf_counter(), time.thread_time()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - t0, time.thread_time() - c0)

    def timed(self, name: str, items: Iterable) -> Iterator:
        """Iterate ``items``, counting the time spent producing each one (a lazy parse, a reader) as ``name``."""
        it = iter(items)
        while True:
            t0, c0 = time.perf_counter(), time.thread_time()
            try:
                item = next(it)
            except StopIteration:
                self.add(name, time.perf_counter() - t0, time.thread_time() - c0)
                return
            self.add(name, time.perf_counter() - t0, time.thread_time() - c0)
            yield item


def timing(timer: StageTimer | None, name: str) -> contextlib.AbstractContextManager:
    """``timer.time(name)``, or a no-op when no timer is given."""
    return timer.time(name) if timer is not None else contextlib.nullcontext()


def run_stages(doc: Document, parsed: Doc, *, settings: Settings, gazetteer: Gazetteer,
               timer: StageTimer | None = None) -> Extraction:
    """Run the extraction stages, in order, on one parsed document."""
    ex = Extraction(document=doc)
    if timer is None:
        for stage in STAGES:
            _guarded(stage, ex, parsed, settings, gazetteer)
        return ex
    for stage in STAGES:
        with timer.time(stage_name(stage)):
            _guarded(stage, ex, parsed, settings, gazetteer)
    return ex


def _guarded(stage: Stage, ex: Extraction, parsed: Doc, settings: Settings, gazetteer: Gazetteer) -> None:
    """Run one stage; an unexpected exception fails this document (V202 naming the stage), never the batch."""
    try:
        stage(ex, parsed, settings, gazetteer)
    except VeilleError:
        raise
    except Exception as e:  # noqa: BLE001 - a bug in a stage is recorded on its document, with its name
        raise VeilleError("V202", f"stage {stage_name(stage)} failed: {type(e).__name__}: {e}") from e


@dataclass
class _Parsed:
    """One batch after the parse thread: documents set aside, parsed documents, the ledes' job."""

    out: list[Extraction | Failure | None]
    docs: list[tuple[int, Doc]] = field(default_factory=list)
    todo: list[int] = field(default_factory=list)
    ledes: Future | None = None


@dataclass
class Pipeline:
    """Loads models lazily and turns documents into extractions or failures."""

    settings: Settings
    #: per-step seconds, when a benchmark wants them
    timer: StageTimer | None = None

    def __post_init__(self) -> None:
        self._models: dict[str, Language] = {}
        self._gazetteer: Gazetteer | None = None
        # the lede embeddings need no parse: they run on this thread while the batch is parsed (numpy frees the GIL)
        self._ledes = ThreadPoolExecutor(max_workers=1, thread_name_prefix="veille-lede")
        # the next batch's parse, beside this batch's extraction (``parse_ahead``)
        self._ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="veille-parse") \
            if self.settings.parse_ahead else None

    def model(self, lang: str) -> Language:
        """The spaCy model for ``lang``, loaded once."""
        if lang not in self._models:
            self._models[lang] = load_model(self.settings.models[lang])
        return self._models[lang]

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, opened (and built on first use) once."""
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer(self.settings)
        return self._gazetteer

    def close(self) -> None:
        """Stop the lede thread (the models stay cached for the process)."""
        self._ledes.shutdown(wait=True)
        if self._ahead is not None:
            self._ahead.shutdown(wait=True)

    def warm(self, langs: Iterable[str] | None = None) -> None:
        """Load every model now (spaCy, gazetteer, lede encoder), so that later timings measure work only."""
        for lang in langs or self.settings.languages:
            self.model(lang)
        _ = self.gazetteer
        if self.settings.stories.embeddings:
            lede_vectors([Document(text="warm up")])

    def process(self, docs: Iterable[Document]) -> Iterator[Extraction | Failure]:
        """Extract from every document; a document that fails becomes a Failure, the rest go on.

        Documents are grouped in batches of ``settings.batch_size``; within a
        batch each language is parsed with one ``nlp.pipe`` call. Output order
        follows input order. With ``parse_ahead`` the next batch is parsed on a
        second thread while this one is extracted: spaCy's matrix products free
        the GIL, so the two overlap on a second core.
        """
        pending: Future | None = None
        for batch in batches(docs, self.settings.batch_size):
            if self._ahead is None:
                yield from self._extract_batch(batch, self._parse_batch(batch))
                continue
            nxt = (batch, self._ahead.submit(self._parse_batch, batch))
            if pending is not None:
                yield from self._extract_batch(pending[0], pending[1].result())
            pending = nxt
        if pending is not None:
            yield from self._extract_batch(pending[0], pending[1].result())

    def _parse_batch(self, batch: list[Document]) -> _Parsed:
        """Language, the documents set aside (too long, language not processed), the parse and the ledes' job."""
        parsed = _Parsed(out=[None] * len(batch))
        by_lang: dict[str, list[int]] = {}
        with timing(self.timer, "detect"):
            for doc in batch:
                if not doc.lang:
                    doc.lang = detect_language(doc.title + "\n" + doc.text)
        for i, doc in enumerate(batch):
            if len(doc.text) > self.settings.max_chars:  # spaCy would raise E088 inside nlp.pipe, for the whole batch
                parsed.out[i] = Failure(origin=doc.origin or doc.id, code="V105", document=doc,
                                        reason=f"text is {len(doc.text):,} characters, above the limit of "
                                        f"{self.settings.max_chars:,} (max_chars)")
            elif doc.lang in self.settings.languages:
                by_lang.setdefault(doc.lang, []).append(i)
            else:
                parsed.out[i] = Extraction(document=doc, skipped=f"language {doc.lang!r} is not processed "
                                           f"(veille extracts from {', '.join(self.settings.languages)})")
        parsed.todo = sorted(i for idx in by_lang.values() for i in idx)
        if self.settings.stories.embeddings:
            parsed.ledes = self._ledes.submit(self._lede_vectors, [batch[i] for i in parsed.todo])
        for lang, idx in by_lang.items():
            nlp = self.model(lang)
            texts = (for_parse(batch[i].text) for i in idx)
            # one process here: worker processes, when wanted, run whole Pipelines (veille.batch.processes)
            docs = nlp.pipe(texts, batch_size=self.settings.batch_size)
            if self.timer is not None:
                docs = self.timer.timed("parse", docs)
            parsed.docs += zip(idx, docs)
        return parsed

    def _extract_batch(self, batch: list[Document], parsed: _Parsed) -> list[Extraction | Failure]:
        out = parsed.out
        for i, doc in parsed.docs:
            out[i] = self._extract_one(batch[i], doc)
        if parsed.ledes is not None:
            done = [i for i, o in enumerate(out) if isinstance(o, Extraction) and not o.skipped]
            with timing(self.timer, "lede embeddings"):  # the wait left once the parse is done
                vecs = parsed.ledes.result()
                if done != parsed.todo:  # failures get no vector: the rest is embedded again, as one batch of those
                    vecs = lede_vectors([batch[i] for i in done])
            for i, vec in zip(done, vecs):
                out[i].story_vector = vec.tobytes()
        return [o for o in out if o is not None]

    def _lede_vectors(self, docs: list[Document]) -> list:
        if self.timer is None:
            return lede_vectors(docs)
        with self.timer.time("lede embeddings (thread)"):
            return lede_vectors(docs)

    def _extract_one(self, doc: Document, parsed: Doc) -> Extraction | Failure:
        try:
            ex = run_stages(doc, parsed, settings=self.settings, gazetteer=self.gazetteer, timer=self.timer)
        except VeilleError as e:
            return Failure(origin=doc.origin or doc.id, reason=e.message, code=e.code, document=doc)
        except Exception as e:  # noqa: BLE001 - a bug in a stage must not kill the batch; it is recorded
            return Failure(origin=doc.origin or doc.id, code="V202", document=doc,
                           reason=f"extraction failed: {type(e).__name__}: {e}")
        ex.clusters = None  # transient: it holds the parse, which never leaves this process (workers pickle results)
        bad = [ev for ev in ex.evidences() if not ev.check(doc.text)]
        if bad:
            return Failure(origin=doc.origin or doc.id, code="V201", document=doc,
                           reason=f"a stage produced evidence not matching the text: {bad[0]!r}")
        return ex
