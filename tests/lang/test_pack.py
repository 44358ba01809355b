"""Language packs: every shipped language loads whole, and an invalid events file is refused with V204."""
from __future__ import annotations

import json

import pytest

from veille.data import load_data
from veille.errors import VeilleError
from veille.lang import LanguagePack, available_languages, load_pack
from veille.lang.events import parse_lexicon


def test_available_languages_ship_french_and_english():
    assert {"fr", "en"} <= set(available_languages())


@pytest.mark.parametrize("lang", available_languages())
def test_load_pack_has_every_section(lang):
    pack = load_pack(lang)
    assert isinstance(pack, LanguagePack) and pack.lang == lang
    for section in ("dates", "places", "quotes", "events"):
        assert getattr(pack, section) is not None, section
    assert pack.events.lang == lang and pack.events.triggers and pack.events.syntax is not None


def test_load_pack_without_data_is_v203():
    with pytest.raises(VeilleError) as e:
        load_pack("xx")
    assert e.value.code == "V203"


def _events_with(tmp_path, lang: str, etype: str, entry: dict):
    """A copy of a shipped events file with one more trigger entry, written in a tmp dir and parsed back."""
    raw = json.loads(json.dumps(load_data(lang, "events.json")))
    raw["triggers"].setdefault(etype, []).append(entry)
    path = tmp_path / "events.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return parse_lexicon(lang, json.loads(path.read_text(encoding="utf-8")), str(path))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_events_unknown_rule_key_is_v204(tmp_path, lang):
    with pytest.raises(VeilleError) as e:
        _events_with(tmp_path, lang, "ASSAULT", {"lemma": "zap/VERB", "if": {"obj_ni": ["x"]}})
    assert e.value.code == "V204"
    assert "events.json" in e.value.message and "zap/VERB" in e.value.message and "obj_ni" in e.value.message


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_events_unknown_event_type_is_v204(tmp_path, lang):
    with pytest.raises(VeilleError) as e:
        _events_with(tmp_path, lang, "SMASH", {"lemma": "zap/VERB"})
    assert e.value.code == "V204"
    assert "events.json" in e.value.message and "SMASH" in e.value.message


def test_events_unknown_future_type_is_v204(tmp_path):
    with pytest.raises(VeilleError) as e:
        _events_with(tmp_path, "en", "ASSAULT", {"lemma": "zap/VERB", "future_type": "LATER"})
    assert e.value.code == "V204" and "LATER" in e.value.message


def test_events_valid_entry_is_loaded(tmp_path):
    lex = _events_with(tmp_path, "en", "ASSAULT", {"lemma": "zap/VERB", "if": {"obj": True}})
    assert [t.type for t in lex.triggers[("zap", "VERB")]] == ["ASSAULT"]


def test_events_grammar_with_an_unknown_key_is_v204():
    raw = json.loads(json.dumps(load_data("fr", "events.json")))
    raw["grammar"]["objet_deps"] = ["obj"]
    with pytest.raises(VeilleError) as e:
        parse_lexicon("fr", raw, "bad/events.json")
    assert e.value.code == "V204" and "objet_deps" in e.value.message and "bad/events.json" in e.value.message


def test_settings_languages_skip_a_model_without_a_pack():
    from veille.config import Settings

    s = Settings.defaults()
    s.models["xx"] = "xx_core_news_sm"  # a model for a language no pack covers: stored and reported as skipped
    assert "xx" not in s.languages
    assert set(s.languages) == {"fr", "en"}
