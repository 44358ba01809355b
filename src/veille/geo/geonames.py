"""Load the official GeoNames dumps (allCountries, alternateNamesV2) into the gazetteer, streaming."""
from __future__ import annotations

import io
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import VeilleError
from .build import SCHEMA, build_gazetteer, builder_version
from .normalize import normalize

# alternateNamesV2 "languages" that are not languages: links, codes, postal codes.
_NOT_NAMES = {"link", "post", "iata", "icao", "faac", "wkdt", "unlc", "abbr", "fr_1793", "tcid"}
_BATCH = 20_000


@contextmanager
def _open_text(path: Path) -> Iterator[io.TextIOBase]:
    """The dump as text, whether the .txt itself or the .zip GeoNames publishes."""
    if not path.exists():
        raise VeilleError("V101", f"file not found: {path}")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            # The dumps ship a readme or iso-languagecodes.txt beside the data: take the member named
            # like the archive, else the largest text member.
            members = sorted((i for i in zf.infolist() if i.filename.endswith(".txt")),
                             key=lambda i: (Path(i.filename).stem != path.stem, -i.file_size))
            if not members:
                raise VeilleError("V100", f"{path}: no .txt member in the archive")
            with zf.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    else:
        with path.open(encoding="utf-8", newline="\n") as f:
            yield f


def _int(value: str) -> int:
    return int(value) if value.strip().lstrip("-").isdigit() else 0


def import_geonames(gazetteer_path: Path, all_countries: Path, alternate_names: Path | None = None,
                    progress: Callable[[int], None] | None = None) -> int:
    """Stream GeoNames dump rows into the gazetteer (upserting by geonameid); return the places read."""
    if not all_countries.exists():
        raise VeilleError("V101", f"file not found: {all_countries}")
    if builder_version(gazetteer_path) is None:
        build_gazetteer(gazetteer_path)  # the packaged base first, so the import is not wiped by a later build
    con = sqlite3.connect(gazetteer_path)
    try:
        con.executescript(SCHEMA)
        count = _import_places(con, all_countries, progress)
        if alternate_names is not None:
            _import_alternate_names(con, alternate_names)
        # Recorded so that a rebuild of the base (new builder version) can replay the import.
        con.execute("INSERT OR REPLACE INTO meta VALUES ('geonames_all_countries', ?)", (str(all_countries),))
        con.execute("INSERT OR REPLACE INTO meta VALUES ('geonames_alternate_names', ?)",
                    (str(alternate_names) if alternate_names else "",))
        con.commit()
        if progress:
            progress(count)
    finally:
        con.close()
    return count


def _rows(path: Path, min_cols: int, expected: str) -> Iterator[list[str]]:
    """The tab-separated rows of a dump; V105 naming the line of a row with too few columns."""
    with _open_text(path) as f:
        for lineno, line in enumerate(f, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < min_cols:
                raise VeilleError("V105", f"{path}:{lineno}: expected {expected} tab-separated columns, "
                                  f"got {len(cols)}")
            yield cols


def _import_places(con: sqlite3.Connection, all_countries: Path, progress: Callable[[int], None] | None) -> int:
    """The rows of allCountries.txt (or a country file) with their names; returns the places read."""
    count = 0
    places: list[tuple] = []
    names: list[tuple] = []

    def flush() -> None:
        # A re-imported place replaces the row of the same geonameid (the packaged one, if any).
        con.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?)", places)
        con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", names)
        places.clear()
        names.clear()

    for cols in _rows(all_countries, 19, "19"):
        gid = int(cols[0])
        places.append((gid, cols[1], cols[6] or None, cols[7] or None, cols[8] or None,
                       cols[10] or None, _int(cols[14]), float(cols[4]), float(cols[5])))
        seen = set()
        for kind, n in [("name", cols[1]), ("alt", cols[2])] + [("alt", a) for a in cols[3].split(",")]:
            norm = normalize(n) if n else ""
            if norm and norm not in seen:
                seen.add(norm)
                names.append((norm, gid, None, kind))
        count += 1
        if len(places) >= _BATCH:
            flush()
            if progress:
                progress(count)
    flush()
    return count


def _import_alternate_names(con: sqlite3.Connection, alternate_names: Path) -> None:
    """The rows of alternateNames.txt that name a place already imported."""
    names: list[tuple] = []
    for cols in _rows(alternate_names, 4, "at least 4"):
        lang = cols[2] or None
        if lang in _NOT_NAMES:
            continue
        norm = normalize(cols[3])
        if norm:
            # Only names of places already imported: the names table must not dangle.
            names.append((norm, int(cols[1]), lang, "alt"))
        if len(names) >= _BATCH:
            _flush_alt(con, names)
    _flush_alt(con, names)


def _flush_alt(con: sqlite3.Connection, names: list[tuple]) -> None:
    """Insert alternate names whose place exists; a language-less copy of the same name gets the language."""
    con.executemany("INSERT INTO names SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM places WHERE id = ?) "
                    "ON CONFLICT (norm, place_id) DO UPDATE SET lang = excluded.lang WHERE names.lang IS NULL",
                    [(n, g, la, k, g) for n, g, la, k in names])
    names.clear()
