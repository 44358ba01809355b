"""Syndication: MinHash is stable and tracks overlap; copies and translations point to the earliest root."""
from __future__ import annotations

from veille.config import Settings
from veille.link.syndication import Signature, minhash, original_of

INCIDENTS = Settings.defaults().incidents


def test_minhash_is_stable_and_similarity_tracks_overlap():
    a = "the quick brown fox jumps over the lazy dog near the river bank today " * 3
    assert minhash(a, INCIDENTS) == minhash(a, INCIDENTS)
    same = sum(x == y for x, y in zip(minhash(a, INCIDENTS), minhash(a + " extra words here", INCIDENTS)))
    other = sum(x == y for x, y in zip(minhash(a, INCIDENTS), minhash(
        "completely different words about a football match played in the rain last night", INCIDENTS)))
    assert same > 40 and other < 5


def test_original_of_copy_and_translation_point_to_the_earliest_root():
    text = "officials said the northern command shelled the market district on Monday killing five people"
    keys = {f"k{i}" for i in range(8)}
    wire = Signature(1, "en", None, minhash(text, INCIDENTS), keys)
    copy = Signature(2, "en", 1, minhash(text + " (copied)", INCIDENTS), keys)
    translation = Signature(3, "fr", None, minhash("tout autre texte en français ici", INCIDENTS), keys)
    later = Signature(9, "en", None, minhash(text, INCIDENTS), keys)
    assert original_of(translation, [later, copy, wire], INCIDENTS) == 1
    assert original_of(wire, [], INCIDENTS) is None
