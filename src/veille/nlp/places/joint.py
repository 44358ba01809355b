"""Joint resolution of homonyms: the readings of a text's names that lie close together support each other.

"Cumberland County … Carlisle and Harrisburg": each name alone has readings in several states; resolved one at
a time, each can pull the others its own way. Here every plausible reading of every other name counts (a
main-name town or division scoring, on its own, within ``joint_margin`` of that name's best): a candidate
gains one supporter per other name that has a reading within ``joint_km`` of it (inside it, for a first-level
division), whatever that name's own best turned out to be. Only a plausible candidate gains: support decides
among comparable readings, it never lifts a village named Moscow over the capital. Readings are indexed on a grid of cells ``joint_km`` high, so each look-up
reads a few cells.
"""
from __future__ import annotations

import math
from collections import defaultdict

from ...geo.gazetteer import Candidate, distance_km

_KM_PER_DEGREE = 111.0


class JointIndex:
    """Readings of the text's names (towns by their main name, divisions by any: « comté de Cumberland »), by grid cell: (lat, lon, normalized name)."""

    def __init__(self, km: float) -> None:
        self.km = km
        self.step = km / _KM_PER_DEGREE
        self.cells: dict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(list)
        self.divisions: dict[tuple[str | None, str], set[str]] = defaultdict(set)  # (country, admin1) -> names
        self.floors: dict[int, float] = {}  # mention id -> the score a reading must reach to be plausible

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.step), math.floor(lon / self.step)

    def add(self, norm: str, readings: list[Candidate]) -> None:
        """The plausible readings of a name: its populated places and divisions known by this main name."""
        for c in readings:
            if c.lat is not None and (c.kind == "name" or c.fclass == "A") and c.fclass in ("P", "A") \
                    and not (c.fcode or "").startswith("PCL"):
                self.cells[self._cell(c.lat, c.lon)].append((c.lat, c.lon, norm))
                if c.admin1:
                    self.divisions[(c.country, c.admin1)].add(norm)

    def supporters(self, c: Candidate, norm: str) -> int:
        """How many other names have a reading within ``km`` of a candidate (in it, for a first-level division)."""
        if c.lat is None:
            return 0
        if c.fcode == "ADM1":
            return len(self.divisions.get((c.country, c.admin1), set()) - {norm}) if c.admin1 else 0
        ci, cj = self._cell(c.lat, c.lon)
        # a degree of longitude shrinks toward the poles: search as many longitude cells as ``km`` spans there
        span = math.ceil(1 / max(math.cos(math.radians(min(abs(c.lat) + self.step, 89.0))), 0.05))
        names = {name for di in (-1, 0, 1) for dj in range(-span, span + 1)
                 for la, lo, name in self.cells.get((ci + di, cj + dj), ())
                 if name != norm and distance_km(c.lat, c.lon, la, lo) < self.km}
        return len(names)
