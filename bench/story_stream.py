"""A labelled story stream larger than the dev set, and the story clustering's BCubed on it.

    python bench/story_stream.py build --out /tmp/story-stream [--veille veille]
    python bench/story_stream.py eval  --out /tmp/story-stream [--orders 8] [--thresholds 0.2 0.25 ...]

``build`` assembles the stream: the documents of the benchmark's ``dev`` and
``dev-more`` sets (their gold ``story`` labels read in place from the shared
benchmark folder, never copied into the repository), the articles of
``examples/``, and generated variants of each document — its paragraphs
reordered, a truncation to its first paragraphs, a wire-style copy with a
dateline and a credit line, published a day later. No translation is
generated. The stream is ingested once with ``veille ingest`` (the real
extraction computes each document's clues and lede vector); the labels are
written beside it, outside the repository.

``eval`` replays the incremental story assignment of ingest (the real
``assign_story``, on the clues and vectors stored at build time) over
several arrival orders — by publication day with the order inside a day
shuffled, and fully shuffled — for each join threshold, and also the
order-independent ``rebuild``; prints BCubed precision, recall and F1 (mean
and worst over the orders), the curve from which the threshold is chosen.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sqlite3
import subprocess
import tempfile
from pathlib import Path

GOLD = Path("/work/shared/bench")
SETS = ("dev", "dev-more")
ROOT = Path(__file__).resolve().parent.parent
# the stories of the examples/ articles (two reports of one attack; the others alone)
EXAMPLE_STORIES = {"ex-fr-mopti": "ex-mopti", "ex-en-mopti": "ex-mopti"}


# ---------------------------------------------------------------------- build
def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def variants(doc: dict, rng: random.Random) -> list[dict]:
    """Reordered, truncated and wire-copied versions of a document (same story, same language)."""
    paras = paragraphs(doc["text"])
    out = []
    if len(paras) >= 3:
        body = paras[1:]
        rng.shuffle(body)
        out.append({**doc, "id": doc["id"] + "~reorder", "text": "\n\n".join([paras[0], *body])})
        keep = max(2, len(paras) // 2)
        out.append({**doc, "id": doc["id"] + "~trunc", "text": "\n\n".join(paras[:keep])})
    wire = f"({rng.choice(['Wire', 'Dépêche', 'Agency'])}) — " + "\n\n".join(paras) + "\n\n(Copy of a wire report.)"
    out.append({**doc, "id": doc["id"] + "~wire", "text": wire, "source": "wire.example"})
    return out


def gold_documents() -> list[tuple[dict, str]]:
    """(input record, story label) of the dev sets and the examples."""
    out = []
    for name in SETS:
        for f in sorted((GOLD / name).glob("*.json")):
            d = json.loads(f.read_text(encoding="utf-8"))
            rec = {k: d[k] for k in ("id", "title", "text", "published", "url", "source") if d.get(k)}
            out.append((rec, f"{name}:{d['story']}"))
    for line in (ROOT / "examples" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out.append((rec, "ex:" + EXAMPLE_STORIES.get(rec["id"], rec["id"])))
    return out


def build(out: Path, veille: str, seed: int) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    records, labels = [], {}
    for rec, story in gold_documents():
        for r in [rec, *variants(rec, rng)]:
            records.append(r)
            labels[r["id"]] = story
    (out / "stream.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                      encoding="utf-8")
    (out / "labels.json").write_text(json.dumps(labels, indent=1), encoding="utf-8")
    db = out / "stream.db"
    db.unlink(missing_ok=True)
    subprocess.run([*veille.split(), "ingest", "--db", str(db), str(out / "stream.jsonl")], check=True)
    print(f"{len(records)} documents, {len(set(labels.values()))} stories -> {db}")


# ----------------------------------------------------------------------- eval
def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 of a clustering against the gold one."""
    by_p: dict[str, set[str]] = {}
    by_g: dict[str, set[str]] = {}
    for d in gold:
        by_p.setdefault(pred[d], set()).add(d)
        by_g.setdefault(gold[d], set()).add(d)
    p = sum(len(by_p[pred[d]] & by_g[gold[d]]) / len(by_p[pred[d]]) for d in gold) / len(gold)
    r = sum(len(by_p[pred[d]] & by_g[gold[d]]) / len(by_g[gold[d]]) for d in gold) / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def stored(db: Path) -> list[tuple[str, str | None, list[str], bytes | None]]:
    """(doc id, published, clues, lede vector) of every document of the stream's store."""
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT d.doc_id, d.published, s.keys, s.vector FROM documents d "
                        "JOIN doc_signatures s ON s.document_id = d.id ORDER BY d.id").fetchall()
    conn.close()
    return [(i, p, json.loads(k), v) for i, p, k, v in rows]


def orders(docs: list, n: int, seed: int) -> list[list]:
    """Arrival orders: by day with the day's order shuffled (half), fully shuffled (the other half)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        o = docs[:]
        rng.shuffle(o)
        if i % 2 == 0:
            o.sort(key=lambda d: d[1] or "")
        out.append(o)
    return out


def replay(order: list, settings) -> dict[str, str]:
    """The stories the incremental ingest gives for one arrival order (fresh store, real assignment)."""
    import datetime as dt

    from veille.incidents import record_signature
    from veille.model import Document, Extraction
    from veille.store.db import Store
    from veille.stories import assign_story
    out = {}
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "replay.db") as store:
        for doc_id, pub, keys, vec in order:
            ex = Extraction(document=Document(text=doc_id, id=doc_id,
                                              published=dt.date.fromisoformat(pub[:10]) if pub else None),
                            story_keys=keys, story_vector=vec)
            sid = assign_story(store.conn, ex, settings)
            pk = store.write_extraction(ex, story_id=sid)
            record_signature(store.conn, pk, doc_id, keys, vec, settings.incidents)
            out[doc_id] = str(sid)
        if hasattr(__import__("veille.stories", fromlist=["x"]), "rebuild_stories"):
            from veille.stories import rebuild_stories
            rebuild_stories(store.conn, settings)
            rebuilt = {d: str(s) for d, s in store.conn.execute("SELECT doc_id, story_id FROM documents")}
            out = {**{f"rebuild:{k}": v for k, v in rebuilt.items()}, **out}
    return out


def evaluate(out: Path, n_orders: int, thresholds: list[float], seed: int, overrides: list[str],
             drop: list[str]) -> None:
    from veille.config import Settings
    labels = json.loads((out / "labels.json").read_text(encoding="utf-8"))
    docs = [(i, p, [k for k in keys if k.split(":", 1)[0] not in drop], v)
            for i, p, keys, v in stored(out / "stream.db") if i in labels]
    gold = {d[0]: labels[d[0]] for d in docs}
    print(f"stream: {len(docs)} documents, {len(set(gold.values()))} stories, {n_orders} arrival orders")
    print(f"{'threshold':>9}  {'P mean':>6} {'R mean':>6} {'F1 mean':>7} {'F1 min':>6} {'P min':>5}"
          f"  | rebuild P     R    F1")
    base = Settings.defaults()
    for o in overrides:  # stories.FIELD=JSON, e.g. embedding_share=0.4 or weights={"geo": 1.0, ...}
        name, value = o.split("=", 1)
        base = dataclasses.replace(base, stories=dataclasses.replace(base.stories, **{name: json.loads(value)}))
    for t in thresholds:
        settings = dataclasses.replace(base, stories=dataclasses.replace(base.stories, join_threshold=t))
        scores, rebuilt = [], None
        for o in orders(docs, n_orders, seed):
            res = replay(o, settings)
            scores.append(bcubed({k: res[k] for k in gold}, gold))
            if f"rebuild:{docs[0][0]}" in res:
                rebuilt = bcubed({k: res[f"rebuild:{k}"] for k in gold}, gold)
        p, r, f = (sum(s[i] for s in scores) / len(scores) for i in range(3))
        rb = "  ".join(f"{x:.3f}" for x in rebuilt) if rebuilt else "-"
        print(f"{t:>9.3f}  {p:6.3f} {r:6.3f} {f:7.3f} {min(s[2] for s in scores):6.3f} "
              f"{min(s[0] for s in scores):5.3f}  | {rb}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["build", "eval"])
    ap.add_argument("--out", type=Path, default=Path("/tmp/story-stream"))
    ap.add_argument("--veille", default="veille")
    ap.add_argument("--orders", type=int, default=8)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--thresholds", type=float, nargs="+",
                    default=[0.18, 0.2, 0.22, 0.24, 0.26, 0.28, 0.3, 0.32, 0.35])
    ap.add_argument("--set", dest="overrides", nargs="*", default=[], metavar="FIELD=JSON",
                    help="override a [stories] setting, e.g. embedding_share=0.4")
    ap.add_argument("--drop", nargs="*", default=[], metavar="KIND", help="leave out clues of these kinds")
    a = ap.parse_args()
    if a.command == "build":
        build(a.out, a.veille, a.seed)
    else:
        evaluate(a.out, a.orders, a.thresholds, a.seed, a.overrides, a.drop)


if __name__ == "__main__":
    main()
