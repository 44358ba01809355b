"""Golden cases of issue 16 (places that hold on unseen news): invented sentences, one error class each.

Run against the packaged gazetteer (built on first use, as veille builds it): the regions and small towns
these sentences name are not all in the 15,000+ test list. A case that no general mechanism passes yet carries
its reason in ``xfail`` and must fail (strict).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from veille.config import Settings
from veille.geo.gazetteer import Gazetteer, distance_km, load_gazetteer
from veille.model import Document
from veille.nlp.places import extract_places
from veille.nlp.text import for_parse

GOLDEN = json.loads((Path(__file__).parent / "places" / "golden_places.json").read_text(encoding="utf-8"))["cases"]
SETTINGS = Settings.from_env()
CLASSES = ("ner_miss", "hyphen", "spelling", "regions", "directional", "facility", "party", "list", "apposition",
           "homonym", "water", "acronym", "joint")


@pytest.fixture(scope="module")
def full_gazetteer() -> Gazetteer:
    return load_gazetteer(SETTINGS)


def _params():
    for k, case in enumerate(GOLDEN):
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        yield pytest.param(case, id=f"{case['class']}-{k:02d}-{case['lang']}", marks=marks)


def test_golden_covers_every_class_in_both_languages():
    counts = Counter((c["class"], c["lang"]) for c in GOLDEN)
    assert len(GOLDEN) >= 60
    assert all(counts[(cls, lang)] >= 1 for cls in CLASSES for lang in ("en", "fr")), counts
    assert all(c["expect"] or c["absent"] for c in GOLDEN)


@pytest.mark.parametrize("case", list(_params()))
def test_golden_place(models, full_gazetteer, case):
    text, lang = case["text"], case["lang"]
    found = extract_places(Document(text=text, lang=lang), models[lang](for_parse(text)), settings=SETTINGS,
                           gazetteer=full_gazetteer)
    by_text = {p.evidence.text: p for p in found}
    got = {s: (by_text[s].country if s in by_text else "missing") for s in case["expect"]}
    assert got == case["expect"], [(p.evidence.text, p.name, p.country) for p in found]
    assert not set(case["absent"]) & set(by_text), [(p.evidence.text, p.name) for p in found]
    for surface, (lat, lon) in case.get("near", {}).items():
        place = by_text[surface]
        assert distance_km(place.lat, place.lon, lat, lon) <= 161, (surface, place.name, place.lat, place.lon)
