"""The Python API end to end: typed record out, and every span exact on arbitrary Unicode."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import veille
from veille.store.export.records import extraction_record


def test_extract_returns_typed_record_with_language():
    ex = veille.extract("Hier soir, la police a interpellé trois suspects à Marseille, a indiqué le parquet.",
                        published="2024-05-15")
    assert isinstance(ex, veille.Extraction)
    assert ex.document.lang == "fr" and ex.skipped is None


def test_extract_other_language_is_skipped_with_reason():
    ex = veille.extract("Die Regierung hat gestern in Berlin neue Sanktionen gegen das Land beschlossen.")
    assert ex.skipped and "de" in ex.skipped
    assert ex.events == [] and ex.dates == []


def test_extract_empty_text_is_an_error():
    with pytest.raises(veille.VeilleError) as e:
        veille.extract("  \n ")
    assert e.value.code == "V104"


NEWSY = st.sampled_from(["Hier, ", "le 15 août ", "Kaboul", " a déclaré ", "« tirs »", " tués", "Paris",
                         " said on Friday", "“at least 13 killed”", "\u00a0", "\u2019", "\n\n", "’", "🙂",
                         " selon la police", "Londres", "2021", " 40 ", "ﬁ", "İ", "e\u0301"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(NEWSY, st.text(min_size=1, max_size=15)), min_size=1, max_size=25))
def test_extract_every_exported_span_is_exact_on_arbitrary_unicode(parts):
    text = "".join(parts)
    if not text.strip():
        return
    ex = veille.extract(text, published="2021-08-27", lang="fr")
    rec = extraction_record(ex)
    for key in ("dates", "places", "quotes", "events"):
        for item in rec[key]:
            assert text[item["start"]:item["end"]] == item["text"]
    for ev in ex.evidences():
        assert text[ev.start:ev.end] == ev.text
