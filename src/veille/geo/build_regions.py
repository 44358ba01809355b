"""Gazetteer build step: regions named by the shared core of compass-named sibling divisions.

No installed package ships GeoNames' regions (class L) or their French names, but the divisions
that split a region by compass point name it: « North Darfur », « South Darfur », « West Darfur »
are the Darfur; « Nord-Kivu » and « Sud-Kivu » the Kivu; "West Java", "Central Java", "East Java"
the island of Java. When at least two divisions of one country and level carry one core name
with different compass words, and lie close together, the core becomes a region (class L, code
RGN) at the mean of their points, population 0, unless that name already names a division or
country of the same country (« Kasaï » beside « Kasaï-Oriental » is the province itself).
"""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from typing import TYPE_CHECKING

from .normalize import normalize
from .sources import build_conf

if TYPE_CHECKING:
    from .build import Writer


def _direction_of(conf: dict) -> dict[str, str]:
    """Each compass word (normalized, any language) -> its direction."""
    return {word: direction for direction, words in conf["region_core"]["directions"].items() for word in words}


def _core(norm: str, direction_of: dict[str, str], link_words: set[str]) -> tuple[str, str] | None:
    """« nord kivu » -> ("kivu", "north"), "lanao del norte" -> ("lanao", "north"); None without a compass word."""
    words = norm.split()
    if len(words) < 2:
        return None
    if words[0] in direction_of:
        direction, rest = direction_of[words[0]], words[1:]
    elif words[-1] in direction_of:
        direction, rest = direction_of[words[-1]], words[:-1]
        while rest and rest[-1] in link_words:
            rest = rest[:-1]  # "Agusan del Norte": the article goes with the compass word
    else:
        return None
    while rest and rest[0] in link_words:
        rest = rest[1:]  # « Nord-du-Québec »
    if not rest or any(w in direction_of for w in rest):
        return None
    return " ".join(rest), direction


def _divisions(con: sqlite3.Connection, levels: list[str]) -> tuple[list[tuple], dict[int, list[str]]]:
    marks = ",".join("?" * len(levels))
    rows = con.execute(f"SELECT id, fcode, country, admin1, lat, lon FROM places WHERE fcode IN ({marks}) "
                       "AND lat IS NOT NULL AND country IS NOT NULL", levels).fetchall()
    names: dict[int, list[str]] = defaultdict(list)
    for norm, pid in con.execute("SELECT n.norm, n.place_id FROM names n JOIN places p ON p.id = n.place_id "
                                 f"WHERE p.fcode IN ({marks}) OR p.fcode LIKE 'PCL%'", levels):
        names[pid].append(norm)
    return rows, names


def write_compass_regions(w: "Writer", con: sqlite3.Connection) -> int:
    """Add the regions the compass-named divisions imply; return how many."""
    from .gazetteer import distance_km  # gazetteer imports the builder: not at module level
    conf = build_conf()
    rc = conf["region_core"]
    direction_of, link_words = _direction_of(conf), set(rc["link_words"])
    # a word of these makes the core a generic phrase ("Cape Province", "Coral Sea"), not a region's name
    excluded = {normalize(w) for w in rc["excluded_words"] + conf["subdivision_generics"]}
    rows, names = _divisions(con, rc["levels"])
    taken: dict[str, set[str]] = defaultdict(set)  # country -> every name of its divisions
    for pid, _, cc, _, _, _ in rows:
        taken[cc].update(names.get(pid, ()))
    # a country's name in any language is never a region's (« Équateur » is Ecuador, not an Equatoria)
    country_names = {n for pid, in con.execute("SELECT id FROM places WHERE fcode LIKE 'PCL%'")
                     for n in names.get(pid, ())}
    groups: dict[tuple[str, str, str], dict[int, tuple]] = defaultdict(dict)
    directions: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for pid, fcode, cc, admin1, lat, lon in rows:
        for norm in names.get(pid, ()):
            core = _core(norm, direction_of, link_words)
            if core is None or len(core[0]) < rc["min_chars"] or excluded & set(core[0].split()) \
                    or core[0] in taken[cc] or core[0] in country_names:
                continue
            key = (cc, fcode, core[0])
            groups[key][pid] = (lat, lon, admin1)
            directions[key].add(core[1])
    # one region per set of divisions, with all its names; two directions at least, or it is one division
    # written twice ("North X", "Northern X")
    regions: dict[tuple[str, frozenset], list[str]] = defaultdict(list)
    for (cc, fcode, core), members in sorted(groups.items()):
        if len(members) >= 2 and len(directions[(cc, fcode, core)]) >= 2:
            regions[(cc, frozenset(members.items()))].append(core)
    added = 0
    for (cc, members), cores in regions.items():
        lat = sum(m[1][0] for m in members) / len(members)
        lon = sum(m[1][1] for m in members) / len(members)
        if any(distance_km(lat, lon, m[1][0], m[1][1]) > rc["max_spread_km"] for m in members):
            continue  # namesakes far apart
        admin1s = {m[1][2] for m in members}
        pid = w.synthetic_id()
        w.place(pid, cores[0].title(), "L", "RGN", cc, admin1s.pop() if len(admin1s) == 1 else None, 0, lat, lon)
        for core in cores:
            w.name(pid, core, None, "name" if core == cores[0] else "alt")
        added += 1
    return added


def _macro_members() -> dict[str, list[tuple[float, float, int]]]:
    """countryinfo's world regions and subregions (UN M49: "Western Europe", "Americas") -> their countries'
    points and populations."""
    from .sources import package_dir

    members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        latlng = info.get("latlng") or ()
        if len(latlng) != 2:
            continue
        for key in ("region", "subregion"):
            if info.get(key):
                members[info[key]].append((float(latlng[0]), float(latlng[1]), int(info.get("population") or 0)))
    return members


def _macro_names(name: str, conf: dict) -> list[tuple[str, str | None]]:
    """A world region's names: countryinfo's (English), CLDR's for its M49 code in each name language, and
    the other forms of an opening compass word ("Southern Asia" as "South Asia")."""
    from babel import Locale

    out = [(name, "en")]
    code = {v: k for k, v in Locale.parse("en").territories.items() if k.isdigit()}.get(name)
    if code:
        out += [(Locale.parse(lang).territories[code], lang) for lang in conf["name_languages"]]
    compass = conf["compass_variants"]
    first, _, rest = name.partition(" ")
    return out + [(f"{v} {rest}", None) for v in compass.get(first.lower(), ()) if rest]


def write_macro_regions(w: "Writer", con: sqlite3.Connection) -> int:
    """World regions and subregions at the mean point of their countries (those of at least
    ``macro_region_min_population``: microstates would pull it); a name that a continent, a region or a
    country already bears is left to it ("North America", "West Africa", "Micronesia")."""
    conf = build_conf()
    floor = conf["region_core"]["macro_region_min_population"]
    known = {n for n, in con.execute("SELECT n.norm FROM names n JOIN places p ON p.id = n.place_id "
                                     "WHERE (p.fcode IN ('CONT', 'RGN') AND p.country IS NULL) "
                                     "OR p.fcode LIKE 'PCL%'")}
    added = 0
    for name, pts in sorted(_macro_members().items()):
        names = [(n, lang) for n, lang in _macro_names(name, conf) if normalize(n) not in known]
        pts = [p for p in pts if p[2] >= floor] or pts
        if not names:
            continue
        lat, lon = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
        pid = w.synthetic_id()
        w.place(pid, names[0][0], "L", "RGN", None, None, 0, lat, lon)
        for k, (n, lang) in enumerate(names):
            w.name(pid, n, lang, "name" if k == 0 else "alt")
            known.add(normalize(n))
        added += 1
    return added
