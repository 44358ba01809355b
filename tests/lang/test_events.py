"""The events lexicon loader: one policy for a language without data."""
from __future__ import annotations

import pytest

from veille.errors import VeilleError
from veille.lang.events import RULE_KEYS, load_lexicon


def test_load_lexicon_without_data_is_v203():
    with pytest.raises(VeilleError) as e:
        load_lexicon("xx")
    assert e.value.code == "V203"


def test_rule_keys_each_documented_in_one_line():
    assert all(doc and "\n" not in doc for doc in RULE_KEYS.values())
