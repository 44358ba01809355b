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

The per-step table (ms per article, median over rounds) comes from a
:class:`veille.nlp.pipeline.StageTimer` passed to the one-process run; the
lede embeddings run on a thread during the parse, so their "wait" row is what
the parse did not hide and the "(thread)" row, which overlaps the parse, is
left out of the sum. With ``--processes N`` (N > 1) each round also ingests
with N worker processes and the speed-up over one process is reported.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
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
          + ", ".join(f"{k} {len(v)}" for k, v in langs.items()) + ")")
    workers = None
    if a.processes > 1:
        workers = ProcessPipeline(Settings.from_env(a.assignments, n_process=a.processes, batch_size=a.batch_size))
        workers.warm()  # worker start-up and model loading are not what we measure
    ratios, speedups, tables = [], [], []
    try:
        for r in range(a.rounds):
            label = f" (round {r + 1}/{a.rounds})" if a.rounds > 1 else ""
            ratio, speedup, table = _round(articles, langs, settings, a, workers, label)
            ratios.append(ratio)
            tables.append(table)
            if speedup is not None:
                speedups.append(speedup)
    finally:
        if workers is not None:
            workers.close()
    _print_table(tables, n)
    what = f"median of {a.rounds} rounds; " if a.rounds > 1 else ""
    print(f"ratio pipeline/parse:    {statistics.median(ratios):7.2f}  ({what}target >= 0.80)")
    if speedups:
        print(f"speed-up {a.processes} processes/1: {statistics.median(speedups):5.2f}x  ({what}ideal {a.processes}x "
              f"on {a.processes} free cores)")


def _round(articles: list[dict], langs: dict[str, list[str]], settings: Settings, a: argparse.Namespace,
           workers: ProcessPipeline | None, label: str) -> tuple[float, float | None, dict[str, float]]:
    """One round: bare parse, whole pipeline (timed per step), then N processes; prints the rates."""
    timer = StageTimer()
    # a fresh pipeline per round (models stay loaded): its per-document caches start cold every time
    pipeline = Pipeline(settings, timer=timer)
    pipeline.warm(langs)  # model loads and first-call costs are not what we measure
    for lang in langs:
        list(pipeline.model(lang).pipe(langs[lang][:2]))
    t0 = time.perf_counter()
    for lang, texts in langs.items():
        for _ in pipeline.model(lang).pipe(texts, batch_size=a.batch_size):
            pass
    parse_rate = sum(len(v) for v in langs.values()) / (time.perf_counter() - t0)
    timer.seconds.clear()
    whole_rate = _ingest_rate(articles, settings, pipeline, timer)
    pipeline.close()
    print(f"bare spaCy parse:        {parse_rate:7.1f} articles/s{label}")
    print(f"whole veille pipeline:   {whole_rate:7.1f} articles/s  (read, detect, parse, extract, stories, store)")
    speedup = None
    if workers is not None:
        multi_rate = _ingest_rate(articles, settings, workers, None)
        speedup = multi_rate / whole_rate
        print(f"{workers.processes} worker processes:     {multi_rate:7.1f} articles/s  ({speedup:.2f}x one process)")
    return whole_rate / parse_rate, speedup, dict(timer.seconds)


def _ingest_rate(articles: list[dict], settings: Settings, pipeline, timer: StageTimer | None) -> float:
    """Articles per second of a whole ingest into a fresh database."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in articles) + "\n", encoding="utf-8")
        t0 = time.perf_counter()
        summary = ingest([src], Path(tmp) / "bench.db", settings=settings, pipeline=pipeline, timer=timer)
        return summary.read / (time.perf_counter() - t0)


def _print_table(tables: list[dict[str, float]], n: int) -> None:
    """ms per article for each step, median over rounds, and each step's share of the timed total."""
    med = {k: statistics.median(t.get(k, 0.0) for t in tables) * 1000 / max(n, 1)
           for k in (*STEP_NAMES, THREAD)}
    total = sum(v for k, v in med.items() if k != THREAD)
    print(f"\n{'step':<26}{'ms/article':>11}{'share':>8}")
    for k in (*STEP_NAMES, THREAD):
        share = f"{med[k] / total:7.0%}" if k != THREAD and total else "   (bg)"
        print(f"{k.replace('_', ' '):<26}{med[k]:>11.1f}{share:>8}")
    print(f"{'total (timed steps)':<26}{total:>11.1f}\n")


if __name__ == "__main__":
    main()
