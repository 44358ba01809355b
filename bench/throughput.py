"""Throughput: the whole veille pipeline against a bare spaCy parse, in the same run.

    python bench/throughput.py [--n 200] [--jsonl FILE] [--n-process 1]

Articles come from a JSONL file (default: examples/articles.jsonl, repeated
with distinct ids until N). Both measurements exclude model loading (models
and gazetteer are warmed first) and use the same texts, languages and batch
size. The ratio pipeline/parse is the figure to watch: our stages, the store
and story assignment may cost at most a quarter of the parse (ratio >= 0.8).
"""
from __future__ import annotations

import argparse
import json
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
    a = ap.parse_args()

    articles = load_articles(a.jsonl, a.n)
    settings = Settings.from_env(n_process=a.n_process, batch_size=a.batch_size)
    pipeline = Pipeline(settings)
    langs = {}
    for art in articles:
        langs.setdefault(detect_language(art["text"]), []).append(for_parse(art["text"]))
    langs = {k: v for k, v in langs.items() if k in settings.languages}
    pipeline.warm(langs)  # model loads and first-call costs are not what we measure
    for lang in langs:
        list(pipeline.model(lang).pipe(langs[lang][:2]))
    words = sum(len(t.split()) for ts in langs.values() for t in ts)

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
    parse_rate, whole_rate = n / parse_s, summary.read / whole_s
    print(f"articles: {n} ({words / max(n, 1):.0f} words on average; languages: "
          + ", ".join(f"{k} {len(v)}" for k, v in langs.items()) + ")")
    print(f"bare spaCy parse:        {parse_rate:7.1f} articles/s")
    print(f"whole veille pipeline:   {whole_rate:7.1f} articles/s  (read, detect, parse, extract, stories, store)")
    print(f"ratio pipeline/parse:    {whole_rate / parse_rate:7.2f}  (target >= 0.80)")


if __name__ == "__main__":
    main()
