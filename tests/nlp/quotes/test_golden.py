"""The quote golden file: invented passages for the error classes of unseen news (issue 17, round 2)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import find, run_quotes

_GOLDEN = json.loads((Path(__file__).parent / "golden.json").read_text(encoding="utf-8"))["passages"]
_CLASSES = ("split_incise", "gerund", "light_verb", "speech_act", "two_sources", "glued", "rank_name", "conjunct_verb",
            "object_report", "plural_pronoun",
            "possessive_role")


def test_quote_golden_covers_each_class():
    assert {p["case"] for p in _GOLDEN} == set(_CLASSES)
    for case in _CLASSES:
        assert sum(1 for p in _GOLDEN if p["case"] == case) >= 2, case


@pytest.mark.parametrize("case", [pytest.param(p, id=f"{p['case']}-{p['lang']}-{i}") for i, p in enumerate(_GOLDEN)])
def test_quote_golden(models, case):
    quotes = run_quotes(models[case["lang"]], case["text"], case["lang"])
    if "absent" in case:
        assert not [q.evidence.text for q in quotes if case["absent"] in q.evidence.text]
        return
    q = find(quotes, case["quote"])
    assert q.speaker is not None and case["speaker"].lower() in q.speaker.lower(), (case["speaker"], q.speaker)
    if "not_in" in case:
        assert case["not_in"] not in q.evidence.text, q.evidence.text
    if "speaker_not" in case:
        assert case["speaker_not"] not in q.speaker, q.speaker
