"""Memory: peak RSS per worker process stays flat as the corpus grows.

    python bench/memory.py [--sizes 1000 10000] [--processes 2] [--jsonl FILE]

For each size, a corpus of invented variants of the example articles
(:mod:`veille.batch.synthetic`: paragraphs reordered, numbers and dates
changed) is written to a temporary JSONL file and ingested into a fresh
database with N worker processes. Reported: every worker's peak resident set
(VmHWM from /proc, Linux, reset once the models are loaded) and the main process's (reading, stories, store),
plus the workers' current RSS sampled every ``--every`` documents, which
should level off once the models are loaded and the first batches are done.
"""
from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from veille.batch.processes import ProcessPipeline
from veille.batch.synthetic import read_jsonl, write_corpus
from veille.config import Settings
from veille.run import ingest

ROOT = Path(__file__).resolve().parents[1]


def _status_kb(pid: int, field: str) -> int:
    """A field of /proc/PID/status, in kB (VmRSS now, VmHWM peak)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def measure(n: int, base: list[dict], processes: int, batch_size: int, every: int) -> None:
    """Ingest ``n`` variants with ``processes`` workers and print peak and sampled RSS."""
    settings = Settings.from_env(n_process=processes, batch_size=batch_size)
    workers = ProcessPipeline(settings, processes)
    workers.warm()
    loaded = [_status_kb(p, "VmRSS") for p in workers.pids]
    for p in workers.pids:  # reset the peak: what we measure is the ingest, not the model load
        Path(f"/proc/{p}/clear_refs").write_text("5")
    samples: list[list[int]] = []
    seen = 0

    def sample(k: int) -> None:
        nonlocal seen
        seen += k
        if seen % every == 0:
            samples.append([_status_kb(p, "VmRSS") // 1024 for p in workers.pids])

    with tempfile.TemporaryDirectory() as tmp:
        src = write_corpus(base, n, Path(tmp) / "corpus.jsonl")
        t0 = time.perf_counter()
        summary = ingest([src], Path(tmp) / "mem.db", settings=settings, pipeline=workers, progress=sample)
        seconds = time.perf_counter() - t0
    peaks = [_status_kb(p, "VmHWM") // 1024 for p in workers.pids]
    workers.close()
    main_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{n} articles ({summary.stored} stored, {summary.failures} failures, {n / seconds:.1f}/s): "
          f"worker peak RSS while ingesting {', '.join(f'{p} MB' for p in peaks)} "
          f"(after model load {', '.join(f'{x // 1024} MB' for x in loaded)}); main process peak {main_peak} MB")
    if samples:
        series = " ".join("/".join(str(x) for x in s) for s in samples)
        print(f"  worker RSS every {every} documents (MB): {series}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--every", type=int, default=1000, help="sample the workers' RSS every N documents")
    ap.add_argument("--jsonl", type=Path, default=ROOT / "examples" / "articles.jsonl")
    a = ap.parse_args()
    base = read_jsonl(a.jsonl)
    for n in a.sizes:
        measure(n, base, a.processes, a.batch_size, a.every)


if __name__ == "__main__":
    main()
