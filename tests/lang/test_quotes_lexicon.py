"""The quote lexicon: loaded strictly from the shipped data, never from another language."""
from __future__ import annotations

import pytest

from veille.data import load_data
from veille.errors import VeilleError
from veille.lang import load_pack
from veille.lang.quotes import load_lexicon, parse_lexicon


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_load_lexicon_shipped_files_load(lang):
    lex = load_lexicon(lang)
    assert lex.lang == lang and lex.reporting_verbs and lex.role_nouns
    assert load_pack(lang).quotes == lex


def test_load_lexicon_language_without_data_is_v203():
    with pytest.raises(VeilleError) as err:
        load_lexicon("xx")
    assert err.value.code == "V203"


def test_parse_lexicon_unknown_key_is_v204_naming_it():
    raw = dict(load_data("fr", "quotes.json"), reportting_verbs=["dire"])
    with pytest.raises(VeilleError) as err:
        parse_lexicon("fr", raw)
    assert err.value.code == "V204" and "reportting_verbs" in str(err.value)
