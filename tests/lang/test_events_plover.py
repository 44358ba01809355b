"""The built PLOVER pack (events_plover.json): validated on load, merged after events.json, sources recorded."""
import json
from collections import Counter

import pytest

from veille.data import load_data
from veille.errors import VeilleError
from veille.lang.events import ENTRY_SOURCES, load_lexicon, parse_lexicon


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_plover_pack_every_entry_has_a_known_source(lang):
    built = load_data(lang, "events_plover.json")
    entries = [e for section in ("triggers", "phrases") for items in built[section].values() for e in items]
    sources = Counter(e["source"] for e in entries)
    assert set(sources) <= set(ENTRY_SOURCES) and sources["manual"] > 300


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_plover_pack_merged_after_hand_tuned_entries(lang):
    lex = load_lexicon(lang)
    raw = load_data(lang, "events.json")
    hand = parse_lexicon(lang, raw)
    assert len(lex.triggers) > len(hand.triggers) + 300
    for key, entries in hand.triggers.items():
        assert lex.triggers[key][:len(entries)] == entries  # the hand-tuned entries are tried first


@pytest.mark.parametrize("bad, what", [
    ({"triggers": {"ASSAULT": [{"lemma": "x/NOUN", "source": "guessed"}]}, "phrases": {}}, "unknown source"),
    ({"triggers": {"ASSAULT": [{"lemma": "x/NOUN", "weight": 2}]}, "phrases": {}}, "unknown entry key"),
    ({"triggers": {"ATTACK": ["x/NOUN"]}, "phrases": {}}, "unknown event type"),
    ({"triggers": {}, "phrases": {}, "extra": []}, "unknown keys"),
])
def test_plover_pack_invalid_entries_refused(bad, what):
    raw = load_data("en", "events.json")
    with pytest.raises(VeilleError, match=what):
        parse_lexicon("en", raw, "en/events.json", json.loads(json.dumps(bad)))
