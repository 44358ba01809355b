"""Throughput: the whole veille pipeline against a bare spaCy parse, in the same run.

    python bench/throughput.py [--n 200] [--jsonl FILE] [--n-process 1] [--rounds 3]

Articles come from a JSONL file (default: examples/articles.jsonl, repeated
with distinct ids until N). Both measurements exclude model loading (models
and gazetteer are warmed first) and use the same texts, languages and batch
size. The ratio pipeline/parse is the figure to watch: our stages, the store
and story assignment may cost at most a quarter of the parse (ratio >= 0.8).
With ``--rounds R`` both are measured R times, back to back, and the median
ratio is reported: on a shared machine a single round is noisy.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from veille.config import Settings
from veille.nlp.lang import detect_language
from veille.nlp.pipeline import Pipeline
from veille.nlp.text import for_parse
from veille.run import ingest

ROOT = Path(__file__).resolve().parents[1]


def load_articles(path: Path, n: int) -> list[dict]:
    """N input records, repeating the file's articles with distinct ids."""
    base = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not base:
        sys.exit(f"{path}: no articles")
    return [{**base[i % len(base)], "id": f"{base[i % len(base)].get('id', 'a')}-{i}"} for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--jsonl", type=Path, default=ROOT / "examples" / "articles.jsonl")
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--rounds", type=int, default=1,
                    help="repeat parse + pipeline R times and report the median ratio (the machine may be shared)")
    a = ap.parse_args()

    articles = load_articles(a.jsonl, a.n)
    settings = Settings.from_env(n_process=a.n_process, batch_size=a.batch_size)
    langs = {}
    for art in articles:
        langs.setdefault(detect_language(art["text"]), []).append(for_parse(art["text"]))
    langs = {k: v for k, v in langs.items() if k in settings.languages}
    n = sum(len(v) for v in langs.values())
    words = sum(len(t.split()) for ts in langs.values() for t in ts)
    print(f"articles: {n} ({words / max(n, 1):.0f} words on average; languages: "
          + ", ".join(f"{k} {len(v)}" for k, v in langs.items()) + ")")
    rounds = []
    for r in range(a.rounds):
        # a fresh pipeline per round (models stay loaded): its per-document caches start cold every time
        parse_rate, whole_rate = _round(articles, langs, settings, a)
        rounds.append(whole_rate / parse_rate)
        label = f" (round {r + 1}/{a.rounds})" if a.rounds > 1 else ""
        print(f"bare spaCy parse:        {parse_rate:7.1f} articles/s{label}")
        print(f"whole veille pipeline:   {whole_rate:7.1f} articles/s  (read, detect, parse, extract, stories, store)")
    what = f"median of {a.rounds} rounds; " if a.rounds > 1 else ""
    print(f"ratio pipeline/parse:    {statistics.median(rounds):7.2f}  ({what}target >= 0.80)")


def _round(articles: list[dict], langs: dict[str, list[str]], settings: Settings,
           a: argparse.Namespace) -> tuple[float, float]:
    """Articles per second of the bare parse, then of the whole pipeline, measured back to back."""
    pipeline = Pipeline(settings)
    pipeline.warm(langs)  # model loads and first-call costs are not what we measure
    for lang in langs:
        list(pipeline.model(lang).pipe(langs[lang][:2]))

    t0 = time.perf_counter()
    for lang, texts in langs.items():
        for _ in pipeline.model(lang).pipe(texts, batch_size=a.batch_size, n_process=a.n_process):
            pass
    parse_s = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in articles) + "\n", encoding="utf-8")
        t0 = time.perf_counter()
        summary = ingest([src], Path(tmp) / "bench.db", settings=settings, pipeline=pipeline)
        whole_s = time.perf_counter() - t0
    n = sum(len(v) for v in langs.values())
    return n / parse_s, summary.read / whole_s

if __name__ == "__main__":
    main()
