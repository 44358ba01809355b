"""Incident decisions on hand-made claims: compatibility, anchoring, figures' spread and the contested flag."""
from __future__ import annotations

import dataclasses

import pytest

from veille.config import Settings
from veille.link.incidents import Claim, anchored, choose_incident, compatible, spread, summarize

INCIDENTS = Settings.defaults().incidents


def _claim(event_id=1, **kw) -> Claim:
    base = Claim(event_id=event_id, document_id=event_id, root=event_id, outlet="one.example", type="ASSAULT",
                 place="Lorsk", country="XX", lat=10.0, lon=20.0, date="2024-04-01", killed=None, injured=None,
                 according_to=None, modality="asserted", precision="locality", names={"northland army"})
    return dataclasses.replace(base, **kw)


@pytest.mark.parametrize("change", [{"type": "PROTEST"}, {"date": "2024-04-05"}, {"lat": 14.0, "lon": 25.0},
                                    {"names": {"southland police"}}, {"country": "YY"}])
def test_compatible_rules_out_other_type_day_place_parties_country(change):
    assert compatible(_claim(1), _claim(2), INCIDENTS)
    assert not compatible(_claim(1), _claim(2, **change), INCIDENTS)


def test_compatible_coarse_place_does_not_contradict_a_precise_one():
    assert compatible(_claim(1), _claim(2, lat=14.0, lon=25.0, precision="country"), INCIDENTS)


def test_anchored_needs_a_shared_party_or_place():
    assert anchored(_claim(1), _claim(2, place="Other", names={"northland army"}), INCIDENTS)
    assert not anchored(_claim(1), _claim(2, place="Other", names=set()), INCIDENTS)


def test_choose_incident_joins_the_compatible_anchored_one_or_none():
    incidents = {7: [_claim(1)], 8: [_claim(2, type="PROTEST")]}
    assert choose_incident(_claim(3), incidents, {7, 8}, INCIDENTS) == 7
    assert choose_incident(_claim(3, type="AGREE"), incidents, {7, 8}, INCIDENTS) is None


def test_spread_low_median_high():
    assert spread([40, 12, 20]) == (12, 20, 40) and spread([]) == (None, None, None)


def test_summarize_flags_denial_and_differing_figures():
    s = summarize([_claim(2, killed=12, according_to="hospital"), _claim(1, killed=40, according_to="front"),
                   _claim(3, modality="denied", according_to="army", root=1)],
                  {"actor": {"Northland army"}})
    assert s.killed == (12, 12, 40) and s.n_claims == 3 and s.n_sources == 2
    assert s.contested_reason == "denied by army; killed figures differ: 12 (hospital), 40 (front)"
    assert s.actors == ["Northland army"] and summarize([], {}) is None
