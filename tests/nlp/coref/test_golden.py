"""The coreference golden file: invented passages where the speaker is named elsewhere than in the attribution.

A passage with a ``gap`` is a known miss, named in the file: it is expected to fail (strictly, so a fix shows).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.nlp.quotes.helpers import find, run_quotes

_GOLDEN = json.loads((Path(__file__).parent / "golden.json").read_text(encoding="utf-8"))["passages"]
_CASES = [pytest.param(p, id=f"{p['case']}-{p['lang']}-{i}",
                       marks=[pytest.mark.xfail(strict=True, reason=p["gap"])] if "gap" in p else [])
          for i, p in enumerate(_GOLDEN)]


def test_coref_golden_covers_each_case_in_both_languages():
    counts = {(p["case"], p["lang"]) for p in _GOLDEN}
    assert len(_GOLDEN) >= 40
    assert counts == {(c, lang) for c in ("pronoun", "description", "acronym", "document", "after", "company",
                                          "plural", "tagger", "apposition", "possessive", "role", "outlet", "selon",
                                          "mislabel", "coordinated", "inquote", "modifier")
                      for lang in ("fr", "en")}
    per = [sum(1 for p in _GOLDEN if (p["case"], p["lang"]) == pair) for pair in counts]
    assert min(per) >= 2


@pytest.mark.parametrize("case", _CASES)
def test_coref_golden_speaker(models, case):
    quotes = run_quotes(models[case["lang"]], case["text"], case["lang"])
    q = find(quotes, case["quote"])
    assert q.speaker is not None and case["speaker"].lower() in q.speaker.lower(), (case["speaker"], q.speaker)
    assert q.speaker_id, "a speaker resolved to a cluster carries its id"
