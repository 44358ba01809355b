"""The "if" rule language: the keys the lexicon loader accepts are exactly the ones implemented."""
from __future__ import annotations

from veille.lang.events import RULE_KEYS
from veille.nlp.events.conditions import RULES


def test_conditions_implement_every_documented_rule_key():
    assert set(RULES) == set(RULE_KEYS)


def test_conditions_each_rule_has_one_function():
    assert all(callable(fn) for fn in RULES.values())
