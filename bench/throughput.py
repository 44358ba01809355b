"""Throughput: the whole veille pipeline against a bare spaCy parse, in the same run, with its cost per step.

    python bench/throughput.py [--n 200] [--jsonl FILE] [--rounds 3] [--processes 2]

Articles come from a JSONL file (default: examples/articles.jsonl), as N
distinct variants of its articles (:mod:`veille.batch.synthetic`), so that
no text is found "already in the store". Both measurements exclude model loading (models
and gazetteer are warmed first) and use the same texts, languages and batch
size. The ratio pipeline/parse is the figure to watch: our stages, the store
and story assignment may cost at most a quarter of the parse (ratio >= 0.8).
With ``--rounds R`` both are measured R times, back to back, and the median
ratio is reported: on a shared machine a single round is noisy.

Three ratios are printed, each the median over rounds:

* wall-clock: articles/s of the pipeline over articles/s of the bare parse;
  what a user sees, and what other programs on a busy machine distort most;
* CPU without the ledes: the bare parse's CPU time over the pipeline's CPU
  time less the lede embeddings' thread, i.e. the parse (on its own thread
  when ``parse_ahead`` is on, the default), the stages and the store; robust
  to load, since time spent waiting for a core is not counted;
* CPU of all threads: the same with the process's CPU time
  (``time.process_time``), the lede thread included: what one core would reach.

The per-step table (ms per article, median over rounds) comes from a
:class:`veille.nlp.pipeline.StageTimer` passed to the one-process run, in
wall-clock and in CPU time of the thread that ran each step; the
lede embeddings run on a thread during the parse, so their "wait" row is what
the parse did not hide and the "(thread)" row, which overlaps the parse, is
left out of the sum. With ``--processes N`` (N > 1) each round also ingests
with N worker processes and the speed-up over one process is reported.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from veille.batch.processes import ProcessPipeline
from veille.batch.synthetic import read_jsonl, variants
from veille.config import Settings
from veille.nlp.lang import detect_language
from veille.nlp.pipeline import STEP_NAMES, Pipeline, StageTimer
from veille.nlp.text import for_parse
from veille.run import ingest

ROOT = Path(__file__).resolve().parents[1]
THREAD = "lede embeddings (thread)"


def load_articles(path: Path, n: int) -> list[dict]:
    """N distinct input records: invented variants of the file's articles (paragraphs, numbers, dates changed)."""
    base = read_jsonl(path)
    if not base:
        sys.exit(f"{path}: no articles")
    return list(variants(base, n))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--jsonl", type=Path, default=ROOT / "examples" / "articles.jsonl")
    ap.add_argument("--processes", "--n-process", type=int, default=1,
                    help="also ingest with N worker processes and report the speed-up over one")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--rounds", type=int, default=1,
                    help="repeat parse + pipeline R times and report the median ratio (the machine may be shared)")
    ap.add_argument("--set", dest="assignments", action="append", default=[], metavar="KEY=VALUE",
                    help="override a setting, as veille ingest --set (e.g. stories.embeddings=false)")
    a = ap.parse_args()

    articles = load_articles(a.jsonl, a.n)
    settings = Settings.from_env(a.assignments, n_process=1, batch_size=a.batch_size)
    langs: dict[str, list[str]] = {}
    for art in articles:
        langs.setdefault(detect_language(art["text"]), []).append(for_parse(art["text"]))
    langs = {k: v for k, v in langs.items() if k in settings.languages}
    n = sum(len(v) for v in langs.values())
    words = sum(len(t.split()) for ts in langs.values() for t in ts)
    print(f"articles: {n} ({words / max(n, 1):.0f} words on average; languages: "
          + ", ".join(f"{k} {len(v)}" for k, v in langs.items()) + f"); load average {_load()}")
    workers = None
    if a.processes > 1:
        workers = ProcessPipeline(Settings.from_env(a.assignments, n_process=a.processes, batch_size=a.batch_size))
        workers.warm()  # worker start-up and model loading are not what we measure
    rounds: list[Round] = []
    try:
        for r in range(a.rounds):
            label = f" (round {r + 1}/{a.rounds})" if a.rounds > 1 else ""
            rounds.append(_round(articles, langs, settings, a, workers, label))
    finally:
        if workers is not None:
            workers.close()
    _print_table(rounds, n)
    _print_ratios(rounds, a)


@dataclass
class Round:
    """One round's measurements: seconds of wall-clock and CPU time, whole runs and per step."""

    parse_wall: float
    parse_cpu: float  # main thread (the parse runs there)
    whole_wall: float
    whole_cpu: float  # every thread but the lede embeddings': the parse, the stages, the store
    whole_process_cpu: float  # every thread of the process, the lede embeddings' included
    parse_process_cpu: float
    steps_wall: dict[str, float]
    steps_cpu: dict[str, float]
    speedup: float | None = None


def _round(articles: list[dict], langs: dict[str, list[str]], settings: Settings, a: argparse.Namespace,
           workers: ProcessPipeline | None, label: str) -> Round:
    """One round: bare parse, whole pipeline (timed per step), then N processes; prints the rates."""
    timer = StageTimer()
    # a fresh pipeline per round (models stay loaded): its per-document caches start cold every time
    pipeline = Pipeline(settings, timer=timer)
    pipeline.warm(langs)  # model loads and first-call costs are not what we measure
    for lang in langs:
        list(pipeline.model(lang).pipe(langs[lang][:2]))
    clocks = _Clocks()
    for lang, texts in langs.items():
        for _ in pipeline.model(lang).pipe(texts, batch_size=a.batch_size):
            pass
    parse_wall, parse_cpu, parse_proc = clocks.read()
    timer.clear()
    clocks = _Clocks()
    _ingest(articles, settings, pipeline, timer)
    pipeline.close()  # waits for the lede thread, so that its CPU time is all counted
    whole_wall, _, whole_proc = clocks.read()
    whole_cpu = whole_proc - timer.cpu.get(THREAD, 0.0)
    n = sum(len(v) for v in langs.values())
    print(f"bare spaCy parse:        {n / parse_wall:7.1f} articles/s  {1000 * parse_cpu / n:5.1f} ms CPU/article{label}")
    print(f"whole veille pipeline:   {n / whole_wall:7.1f} articles/s  {1000 * whole_cpu / n:5.1f} ms CPU/article "
          f"(lede thread excluded; {1000 * whole_proc / n:.1f} with it)")
    r = Round(parse_wall, parse_cpu, whole_wall, whole_cpu, whole_proc, parse_proc,
              dict(timer.seconds), dict(timer.cpu))
    if workers is not None:
        t0 = time.perf_counter()
        _ingest(articles, settings, workers, None)
        multi_rate = n / (time.perf_counter() - t0)
        r.speedup = multi_rate * whole_wall / n
        print(f"{workers.processes} worker processes:     {multi_rate:7.1f} articles/s  ({r.speedup:.2f}x one process)")
    return r


class _Clocks:
    """Wall-clock, main-thread CPU and whole-process CPU time since creation."""

    def __init__(self) -> None:
        self.t0, self.c0, self.p0 = time.perf_counter(), time.thread_time(), time.process_time()

    def read(self) -> tuple[float, float, float]:
        return (time.perf_counter() - self.t0, time.thread_time() - self.c0, time.process_time() - self.p0)


def _ingest(articles: list[dict], settings: Settings, pipeline, timer: StageTimer | None) -> None:
    """A whole ingest into a fresh database (writing the input file is part of it: it is small)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in articles) + "\n", encoding="utf-8")
        ingest([src], Path(tmp) / "bench.db", settings=settings, pipeline=pipeline, timer=timer)


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _print_table(rounds: list[Round], n: int) -> None:
    """ms per article for each step (wall-clock and CPU), median over rounds, and each step's share."""
    keys = (*STEP_NAMES, THREAD)
    wall = {k: statistics.median(r.steps_wall.get(k, 0.0) for r in rounds) * 1000 / max(n, 1) for k in keys}
    cpu = {k: statistics.median(r.steps_cpu.get(k, 0.0) for r in rounds) * 1000 / max(n, 1) for k in keys}
    total = sum(v for k, v in wall.items() if k != THREAD)
    total_cpu = sum(v for k, v in cpu.items() if k != THREAD)
    print(f"\n{'step (ms/article)':<26}{'wall':>8}{'CPU':>8}{'share':>8}   (CPU: of the thread that ran the step)")
    for k in keys:
        share = f"{cpu[k] / total_cpu:7.0%}" if k != THREAD and total_cpu else "   (bg)"
        print(f"{k.replace('_', ' '):<26}{wall[k]:>8.1f}{cpu[k]:>8.1f}{share:>8}")
    print(f"{'total (timed steps)':<26}{total:>8.1f}{total_cpu:>8.1f}\n")


def _print_ratios(rounds: list[Round], a: argparse.Namespace) -> None:
    what = f"median of {a.rounds} rounds" if a.rounds > 1 else "one round"
    med = statistics.median
    print(f"ratio pipeline/parse, wall-clock:          {med(r.parse_wall / r.whole_wall for r in rounds):5.2f}  "
          f"({what}; target >= 0.80; load-sensitive)")
    print(f"ratio pipeline/parse, CPU without ledes:   {med(r.parse_process_cpu / r.whole_cpu for r in rounds):5.2f}  "
          f"({what}; bare-parse CPU / pipeline CPU less the lede embeddings' thread)")
    print(f"ratio pipeline/parse, CPU of all threads:  "
          f"{med(r.parse_process_cpu / r.whole_process_cpu for r in rounds):5.2f}  "
          f"({what}; what one core alone would reach)")
    speedups = [r.speedup for r in rounds if r.speedup is not None]
    if speedups:
        print(f"speed-up {a.processes} processes/1:               {med(speedups):5.2f}x  ({what}; ideal "
              f"{a.processes}x on {a.processes} free cores)")


if __name__ == "__main__":
    main()
