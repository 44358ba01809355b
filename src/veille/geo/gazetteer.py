"""Gazetteer look-ups in SQLite: normalized name -> candidate places, indexed and cached."""
from __future__ import annotations

import logging
import math
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..config import Settings
from ..errors import VeilleError
from .build import BUILDER_VERSION, build_gazetteer, builder_version
from .geonames import import_geonames
from .normalize import normalize, skeleton

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    id: int
    name: str
    fclass: str | None
    fcode: str | None
    country: str | None
    admin1: str | None
    population: int
    lat: float | None
    lon: float | None
    kind: str  # how the name matched: "name" (main), "alt", "core" (facility core name)
    lang: str | None = None

    @property
    def geonameid(self) -> int | None:
        """The GeoNames id, when the entry has one."""
        return self.id if self.id > 0 else None


# Spelling variants are only sought among notable places of the countries a text is about.
_VARIANT_MIN_POPULATION = 100_000
_VARIANT_MIN_KEY = 4

_COLUMNS = "p.id, p.name, p.fclass, p.fcode, p.country, p.admin1, p.population, p.lat, p.lon"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _deletions(key: str) -> set[str]:
    """The key less one letter (the first kept), for one-edit look-ups by symmetric deletion."""
    return {key[:i] + key[i + 1:] for i in range(1, len(key))}


class Gazetteer:
    """Place names to candidate places; one read-only connection shared across documents."""

    def __init__(self, path: Path):
        self.path = path
        if not path.exists():
            raise VeilleError("V303", f"gazetteer not found: {path}")
        # check_same_thread off: the pipeline may hand the object to a worker thread; reads only.
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self.lookup = lru_cache(maxsize=100_000)(self._lookup)
        self.places_near = lru_cache(maxsize=20_000)(self._places_near)
        self._notable = lru_cache(maxsize=300)(self._notable_keys)

    def _query(self, sql: str, args: tuple) -> list[tuple]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    def _lookup(self, name: str) -> tuple[Candidate, ...]:
        """Every place whose name (or alternate name) normalizes like ``name``."""
        norm = normalize(name)
        if not norm:
            return ()
        rows = self._query(f"SELECT {_COLUMNS}, n.kind, n.lang FROM names n JOIN places p ON p.id = n.place_id "
                           "WHERE n.norm = ?", (norm,))
        return tuple(Candidate(*r) for r in rows)

    def _places_near(self, lat: float, lon: float, fclass: str, radius_km: float) -> tuple[Candidate, ...]:
        """Places of a feature class within ``radius_km`` of a point, nearest first."""
        dlat = radius_km / 111.0
        dlon = radius_km / (111.0 * max(math.cos(math.radians(lat)), 0.05))
        rows = self._query(f"SELECT {_COLUMNS}, 'near', NULL FROM places p WHERE p.fclass = ? "
                           "AND p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ?",
                           (fclass, lat - dlat, lat + dlat, lon - dlon, lon + dlon))
        cands = [Candidate(*r) for r in rows]
        cands = [c for c in cands if distance_km(lat, lon, c.lat, c.lon) <= radius_km]
        return tuple(sorted(cands, key=lambda c: distance_km(lat, lon, c.lat, c.lon)))

    def _notable_keys(self, country: str) -> dict[str, list[tuple[str, str, Candidate]]]:
        """One-word names of a country's subdivisions and large towns, by skeleton and skeleton less a letter."""
        rows = self._query(f"SELECT {_COLUMNS}, n.kind, n.lang, n.norm FROM places p JOIN names n ON n.place_id = p.id "
                           "WHERE ((p.fclass = 'A' AND p.country = ? AND p.fcode IN ('ADM1', 'PCLI')) "
                           "OR (p.fclass = 'P' AND p.country = ? AND p.population >= ?)) AND n.kind != 'core'",
                           (country, country, _VARIANT_MIN_POPULATION))
        index: dict[str, list[tuple[str, str, Candidate]]] = {}
        for r in rows:
            cand, norm = Candidate(*r[:-1]), r[-1]
            # Untagged alternates of towns are foreign-language names: variants of those are noise.
            if " " in norm or not (cand.kind == "name" or cand.lang or cand.fcode == "ADM1"):
                continue
            key = skeleton(norm)
            if len(key) >= _VARIANT_MIN_KEY:
                for variant in {key} | _deletions(key):
                    index.setdefault(variant, []).append((key, norm, cand))
        return index

    def lookup_variant(self, name: str, countries: tuple[str, ...]) -> tuple[Candidate, ...]:
        """Notable places of ``countries`` whose one-word name is a spelling variant of ``name``.

        Same consonant skeleton, or one consonant more or less (« Panchir » -> Panjshir), and about the
        same length; a consonant changed is another name, not another spelling.
        """
        norm = normalize(name)
        key = skeleton(norm)
        if " " in norm or len(key) < _VARIANT_MIN_KEY:
            return ()
        exact, near = [], []
        for country in countries:
            index = self._notable(country)
            for variant in {key} | _deletions(key):
                for k, other, cand in index.get(variant, ()):
                    if abs(len(other) - len(norm)) > 2:
                        continue
                    if k == key:
                        exact.append(cand)
                    elif (variant == key and len(k) == len(key) + 1) or (variant == k and len(key) == len(k) + 1):
                        near.append(cand)
        found = exact or near
        return tuple({c.id: c for c in found}.values())

    def close(self) -> None:
        """Close the connection."""
        self._con.close()


def load_gazetteer(settings: Settings) -> Gazetteer:
    """Open the gazetteer, building it from the packaged sources on first use."""
    path = Path(settings.gazetteer_path)
    if builder_version(path) != BUILDER_VERSION:
        imported = _recorded_import(path)
        log.info("building the gazetteer at %s (first use or new builder version)", path)
        seconds = build_gazetteer(path)
        log.info("gazetteer built in %.1f s", seconds)
        if imported is not None:
            main, alt = imported
            if main.exists():
                log.info("replaying the GeoNames import from %s", main)
                import_geonames(path, main, alt if alt and alt.exists() else None)
            else:
                log.warning("the GeoNames import from %s is lost with the rebuild: file gone", main)
    return Gazetteer(path)


def _recorded_import(path: Path) -> tuple[Path, Path | None] | None:
    """The GeoNames dumps an existing gazetteer was loaded with, if any."""
    if not path.exists():
        return None
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = dict(con.execute("SELECT key, value FROM meta WHERE key LIKE 'geonames_%'").fetchall())
    except sqlite3.DatabaseError:
        return None  # unreadable old file: nothing to replay, it is rebuilt
    finally:
        con.close()
    if not rows.get("geonames_all_countries"):
        return None
    alt = rows.get("geonames_alternate_names")
    return Path(rows["geonames_all_countries"]), Path(alt) if alt else None
