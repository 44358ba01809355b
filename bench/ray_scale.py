"""Ray scale-out: articles per second with 1 and 2 (or more) Ray workers, and the scale-out efficiency.

    python bench/ray_scale.py [--n 200] [--workers 1 2] [--ray-address HEAD:6379] [--jsonl FILE]

Needs the ray extra (``pip install -e '.[ray]'``). Without ``--ray-address``
a local Ray is started on this machine, so the figures say how well the
engine uses its cores; efficiency = rate(W workers) / (W x rate(1 worker)).

On a real cluster: start Ray on each machine (``ray start --head`` on one,
``ray start --address=HEAD:6379`` on the others; veille, its models and the
same gazetteer installed on every one), then run this script on the head
with ``--ray-address HEAD:6379 --workers 1 8 16`` (or ``auto``). Reading,
story assignment and the store stay in this process, as in ``veille ingest
--engine ray --ray-address ...``. Actors are started and their models loaded
before the clock starts; each size ingests the same invented corpus
(:mod:`veille.batch.synthetic`) into a fresh database.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from veille.batch.ray_engine import RayPipeline
from veille.batch.synthetic import read_jsonl, write_corpus
from veille.config import Settings
from veille.run import ingest

ROOT = Path(__file__).resolve().parents[1]


def rate(src: Path, settings: Settings, workers: int, address: str | None) -> float:
    """Articles per second of one ingest of ``src`` on ``workers`` Ray actors (warm)."""
    pipeline = RayPipeline(settings, workers, address)
    pipeline.warm()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            summary = ingest([src], Path(tmp) / "ray.db", settings=settings, pipeline=pipeline)
            return summary.read / (time.perf_counter() - t0)
    finally:
        pipeline.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--ray-address", help="a running Ray cluster (HEAD:6379 or 'auto'); default: a local Ray")
    ap.add_argument("--jsonl", type=Path, default=ROOT / "examples" / "articles.jsonl")
    a = ap.parse_args()
    import ray

    settings = Settings.from_env(batch_size=a.batch_size)
    rates: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = write_corpus(read_jsonl(a.jsonl), a.n, Path(tmp) / "corpus.jsonl")
        local = {} if a.ray_address else {"num_cpus": max(max(a.workers), 2)}
        ray.init(address=a.ray_address, include_dashboard=False, log_to_driver=False, **local)
        try:
            for w in a.workers:
                rates[w] = rate(src, settings, w, a.ray_address)
                print(f"{w} Ray worker{'s' if w > 1 else ' '}: {rates[w]:7.1f} articles/s")
        finally:
            ray.shutdown()
    base = min(rates)
    for w in sorted(rates):
        if w != base:
            eff = rates[w] / (rates[base] * w / base)
            print(f"scale-out efficiency {base} -> {w} workers: {eff:.0%} ({rates[w] / rates[base]:.2f}x)")


if __name__ == "__main__":
    main()
