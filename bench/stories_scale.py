"""Story assignment cost per article as the corpus grows (it must stay flat, not grow linearly).

    python bench/stories_scale.py [--sizes 1000 10000 100000] [--probe 300]

Synthetic articles: each belongs to one of many stories (a few GeoNames ids,
names and event clues drawn from the story's pool, plus common country and
number clues) and is published on a day that advances with the corpus, as a
news stream does. At each size the store already holds that many articles;
the next ``--probe`` articles are assigned (and stored, as ingest does) and
timed. Prints milliseconds per article at each size and the ratio of the
largest to the smallest.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from pathlib import Path

import numpy as np

from veille.config import Settings
from veille.incidents import record_signature
from veille.model import Document, Extraction
from veille.store.db import Store
from veille.stories import assign_story


def synthetic(i: int, rng: random.Random) -> Extraction:
    """Article i: a story chosen among the recent ones, clues drawn from the story's pool."""
    day = dt.date(2020, 1, 1) + dt.timedelta(days=i // 200)          # ~200 articles a day
    story = (i // 200) * 40 + rng.randrange(60)                        # ~40 new stories a day, some ongoing
    pool = [f"geo:{story * 7 + j}" for j in range(4)] + [f"name:n{story * 5 + j}" for j in range(4)]
    keys = set(rng.sample(pool, 4))
    keys.add(f"country:{'ABCDEFGHIJ'[story % 10]}{'KLMNOPQRST'[story % 7]}")
    keys.add(f"num:{rng.choice([2, 3, 5, 10, 12, 40])}")
    keys.add(f"event:ASSAULT:{story * 7}")
    # a lede vector near the story's own direction, as multilingual embeddings of one story are
    base = np.random.default_rng(story).standard_normal(512)
    vec = base + 0.8 * np.random.default_rng(i + 10**9).standard_normal(512)
    vec = (vec / np.linalg.norm(vec)).astype(np.float32)
    return Extraction(document=Document(text=f"synthetic article {i}", id=f"syn-{i}", published=day),
                      story_keys=sorted(keys), story_vector=vec.tobytes())


def add(store: Store, ex: Extraction, settings: Settings) -> None:
    """What ingest does for stories: assign, store, record the signature (keys and lede vector)."""
    pk = store.write_extraction(ex, story_id=assign_story(store.conn, ex, settings))
    record_signature(store.conn, pk, ex.document.text, ex.story_keys, ex.story_vector, settings.incidents)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--probe", type=int, default=300)
    a = ap.parse_args()
    rng = random.Random(7)
    settings = Settings.defaults()
    results = []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "scale.db") as store:
        n = 0
        for size in sorted(a.sizes):
            while n < size:                       # fill, untimed
                ex = synthetic(n, rng)
                add(store, ex, settings)
                n += 1
                if n % 1000 == 0:
                    store.commit()
            t0 = time.perf_counter()
            for _ in range(a.probe):              # probe, timed
                ex = synthetic(n, rng)
                add(store, ex, settings)
                n += 1
            store.commit()
            ms = (time.perf_counter() - t0) * 1000 / a.probe
            stories = store.conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
            results.append((size, ms))
            print(f"corpus {size:>6} articles ({stories} stories): {ms:6.2f} ms per new article")
    print(f"ratio largest/smallest corpus: {results[-1][1] / results[0][1]:.2f} "
          f"(corpus grew {results[-1][0] / results[0][0]:.0f}x; flat is ~1)")


if __name__ == "__main__":
    main()
