"""The places lexicon loader and the places scoring, tested without a parse."""
from __future__ import annotations

import copy

import pytest

from veille.config import Settings
from veille.data import load_data
from veille.errors import VeilleError
from veille.geo.gazetteer import Candidate
from veille.lang.places import build_lexicon, load_lexicon
from veille.nlp.places.scoring import base_score, precision


def test_load_lexicon_language_without_data_raises_v203():
    with pytest.raises(VeilleError) as e:
        load_lexicon("de")
    assert e.value.code == "V203"


@pytest.mark.parametrize("key", ["ner_lables", "closed_pos_tags"])
def test_build_lexicon_rejects_unknown_key_with_v204(key):
    raw = copy.deepcopy(load_data("fr", "places.json"))
    raw[key] = []
    with pytest.raises(VeilleError) as e:
        build_lexicon("fr", raw)
    assert e.value.code == "V204" and key in e.value.message


def test_build_lexicon_rejects_unknown_head_key_with_v204():
    raw = copy.deepcopy(load_data("en", "places.json"))
    first = next(iter(raw["heads_after"]))
    raw["heads_after"][first] = {**raw["heads_after"][first], "emits": True}
    with pytest.raises(VeilleError) as e:
        build_lexicon("en", raw)
    assert e.value.code == "V204" and "emits" in e.value.message


def _cand(**kw) -> Candidate:
    base = dict(id=1, name="X", fclass="P", fcode="PPL", country="FR", admin1=None, population=0,
                lat=1.0, lon=1.0, lang=None, kind="name")
    base.update(kw)
    return Candidate(**base)


@pytest.mark.parametrize("kw,expected", [
    ({"fclass": "A", "fcode": "PCLI"}, "country"),
    ({"fclass": "L", "fcode": "CONT", "country": None}, "region"),
    ({"fclass": "A", "fcode": "ADM1"}, "admin1"),
    ({"fclass": "A", "fcode": "ADM2"}, "admin2"),
    ({"fclass": "S", "fcode": "AIRP"}, "facility"),
    ({"fclass": "P", "fcode": "PPL"}, "locality"),
])
def test_precision_by_feature(kw, expected):
    assert precision(_cand(**kw)) == expected


def test_base_score_reads_its_weights_from_settings():
    conf = Settings.from_env(["places.score_country=7", "places.score_main_name=1"]).places
    assert base_score(_cand(fclass="A", fcode="PCLI"), None, conf) == 8.0
    town = _cand(population=990)  # log10(1000) = 3
    assert base_score(town, None, Settings.defaults().places) == pytest.approx(40.0)
