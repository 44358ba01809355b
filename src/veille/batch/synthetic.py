"""Synthetic corpora for scale tests and benchmarks: invented variants of invented articles.

A variant keeps the lede paragraph first, shuffles the others, changes every
number and shifts the publication date, so that N variants are N distinct
documents (a reference line makes each text unique) with realistic content.
Feed it only texts that are ours (``examples/``), never outside text.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

_NUMBER = re.compile(r"\b\d+\b")


def read_jsonl(path: Path) -> list[dict]:
    """The records of a JSONL file of articles."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def variant(record: dict, i: int, rng: random.Random) -> dict:
    """Variant ``i`` of one article record: paragraphs reordered, numbers changed, date shifted."""
    paras = record["text"].split("\n\n")
    rest = paras[1:]
    rng.shuffle(rest)
    text = "\n\n".join([paras[0], *rest])
    text = _NUMBER.sub(lambda m: _other_number(m.group(), rng), text)
    out = {**record, "id": f"{record.get('id', 'a')}-v{i}", "text": f"{text}\n\nRef. {i}."}
    if record.get("url"):
        out["url"] = f"{record['url']}-v{i}"
    if record.get("published"):
        day = dt.date.fromisoformat(record["published"][:10]) + dt.timedelta(days=rng.randrange(0, 400))
        out["published"] = day.isoformat()
    return out


def _other_number(digits: str, rng: random.Random) -> str:
    if len(digits) == 4 and digits.startswith(("19", "20")):  # a year stays a plausible year
        return str(rng.randrange(2015, 2027))
    return str(rng.randrange(2, 10 ** len(digits)))


def variants(records: list[dict], n: int, seed: int = 15) -> Iterator[dict]:
    """``n`` variants, cycling through ``records``; the same seed gives the same corpus."""
    rng = random.Random(seed)
    for i in range(n):
        yield variant(records[i % len(records)], i, rng)


def write_corpus(records: list[dict], n: int, path: Path, seed: int = 15) -> Path:
    """Write ``n`` variants as JSONL to ``path`` (streamed: a 10k corpus never sits in memory)."""
    with path.open("w", encoding="utf-8") as f:
        for rec in variants(records, n, seed):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path
