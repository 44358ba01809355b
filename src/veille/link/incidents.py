"""Incidents: when two claims tell the same act, and what the act's summary is. Pure functions.

Claims are merged into an incident when they are compatible: the same PLOVER
type, places within ``incident_km`` (or one side unplaced), dates within
``date_slack_days`` (or one side undated), and overlapping participants —
with at least one positive anchor (a shared place or a shared participant),
so two unrelated attacks in one story stay apart. veille never decides who is
right: the summary carries the low / best / high figures across claims, the
number of independent sources (syndicated copies count once), and a
``contested`` flag with the reason when claims disagree.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..config import IncidentsSettings
from ..geo.gazetteer import distance_km


@dataclass
class Claim:
    """One source's account of an act: an event of a stored document."""

    event_id: int
    document_id: int
    root: int             # syndication root of the document: copies count once
    outlet: str
    type: str
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    date: str | None
    killed: int | None
    injured: int | None
    according_to: str | None
    modality: str
    precision: str | None
    names: set[str]


@dataclass
class IncidentSummary:
    """An incident's place, date, figures, parties, sources and contested flag, from its claims."""

    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    date: str | None
    killed: tuple[int | None, int | None, int | None]
    injured: tuple[int | None, int | None, int | None]
    actors: list[str]
    targets: list[str]
    n_claims: int
    n_sources: int
    contested_reason: str | None


def _km(a: Claim, b: Claim) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def _day(value: str | None) -> dt.date | None:
    if value and len(value) == 10:
        return dt.date.fromisoformat(value)
    return None


def compatible(a: Claim, b: Claim, settings: IncidentsSettings) -> bool:
    """Nothing rules out that these two claims describe the same act (type, day, place, country)."""
    if a.type != b.type:
        return False
    da, db = _day(a.date), _day(b.date)
    if da and db and abs((da - db).days) > settings.date_slack_days:
        return False
    if a.date and b.date and not (da and db) and not (a.date.startswith(b.date) or b.date.startswith(a.date)):
        return False
    km = _km(a, b)
    coarse = _coarse(a, b, settings)
    if km is not None and km > settings.incident_km and not coarse:
        return False
    if a.names and b.names and not a.names & b.names and not coarse:
        return False  # precisely placed acts by disjoint parties are two acts
    return not (a.country and b.country and a.country != b.country)


def _coarse(a: Claim, b: Claim, settings: IncidentsSettings) -> bool:
    # a claim placed only at country or province level does not contradict a precise place inside it
    return a.precision in settings.coarse_precisions or b.precision in settings.coarse_precisions


def anchored(a: Claim, b: Claim, settings: IncidentsSettings) -> bool:
    """Something positively ties the two claims: the same place, a shared participant, or the same article
    telling of the act again without a precise place of its own."""
    km = _km(a, b)
    if a.names & b.names or (km is not None and km <= settings.incident_km and a.place == b.place):
        return True
    return _retold(a, b, settings)


def _retold(a: Claim, b: Claim, settings: IncidentsSettings) -> bool:
    """One text (an article, or a copy and its original) telling of the act again, one of the two without a
    precise place of its own."""
    return a.root == b.root and (a.lat is None or b.lat is None or _coarse(a, b, settings))


def same_spot(a: Claim, b: Claim, settings: IncidentsSettings) -> bool:
    """The same place below country level, or the same text telling the act again."""
    if _retold(a, b, settings):
        return True
    km = _km(a, b)
    # the same place below country level, however spelled (a province names where fighting is, a country
    # does not)
    return (km is not None and km <= settings.same_spot_km
            and "country" not in (a.precision, b.precision))


def choose_incident(claim: Claim, incidents: dict[int, list[Claim]], own: set[int],
                    settings: IncidentsSettings) -> int | None:
    """The incident none of whose claims contradicts ``claim`` and that most of them tie to it.

    An incident of the document's own story (``own``) ties through any anchor; another story's incident
    only through the same precise place or the same original text. None: the claim starts an incident.
    """
    target, ties = None, 0
    for iid, others in incidents.items():
        if not others or not all(compatible(claim, o, settings) for o in others):
            continue
        tie: Callable[[Claim, Claim, IncidentsSettings], bool] = anchored if iid in own else same_spot
        n = sum(tie(claim, o, settings) for o in others)
        if n > ties:
            target, ties = iid, n
    return target


def spread(values: list[int]) -> tuple[int | None, int | None, int | None]:
    """Low, median (lower middle) and high of the figures, or three Nones."""
    if not values:
        return None, None, None
    v = sorted(values)
    return v[0], v[(len(v) - 1) // 2], v[-1]


def _contested(claims: list[Claim], standing: list[Claim]) -> list[str]:
    reasons = []
    deniers = sorted({c.according_to or "a party" for c in claims if c.modality == "denied"})
    if deniers and standing:
        reasons.append("denied by " + ", ".join(deniers))
    for label in ("killed", "injured"):
        by: dict[int, str] = {}
        for c in standing:
            n = c.killed if label == "killed" else c.injured
            if n is not None:
                by.setdefault(n, c.according_to or c.outlet or "narrator")
        if len(by) > 1:
            reasons.append(f"{label} figures differ: " + ", ".join(f"{n} ({s})" for n, s in sorted(by.items())))
    return reasons


def _common_country(claims: list[Claim]) -> str | None:
    countries = {c.country for c in claims if c.country}
    return countries.pop() if len(countries) == 1 else None


def summarize(claims: list[Claim], roles: dict[str, set[str]]) -> IncidentSummary | None:
    """The incident's summary from its claims (any order) and its participants by role; None without claims."""
    claims = sorted(claims, key=lambda c: c.event_id)  # ties (place, figures' sources) go to the earliest claim
    if not claims:
        return None
    standing = [c for c in claims if c.modality != "denied"]
    placed = [c for c in claims if c.lat is not None]
    # the most precise common place: the one most claims name, ties to the earliest claim
    place = max(placed, key=lambda c: sum(o.place == c.place for o in placed)) if placed else None
    dated = sorted(c.date for c in claims if c.date)
    reasons = _contested(claims, standing)
    return IncidentSummary(
        place=place.place if place else None, country=place.country if place else _common_country(claims),
        lat=place.lat if place else None, lon=place.lon if place else None, date=dated[0] if dated else None,
        killed=spread([c.killed for c in standing if c.killed is not None]),
        injured=spread([c.injured for c in standing if c.injured is not None]),
        actors=sorted(roles.get("actor", set())), targets=sorted(roles.get("target", set())),
        n_claims=len(claims), n_sources=len({c.root for c in claims}), contested_reason="; ".join(reasons) or None)
