"""Records: the evidence invariant and document identity."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from veille.errors import VeilleError
from veille.model import Document, Evidence


@given(st.text(min_size=1), st.data())
def test_evidence_of_is_exact_substring(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    ev = Evidence.of(text, start, end)
    assert ev.text == text[start:end] and ev.check(text)


@pytest.mark.parametrize("start,end", [(-1, 2), (3, 3), (2, 1), (0, 99)])
def test_evidence_of_rejects_bad_bounds(start, end):
    with pytest.raises(VeilleError) as e:
        Evidence.of("Kaboul, hier.", start, end)
    assert e.value.code == "V201"


def test_document_content_hash_depends_on_id_and_text():
    a = Document(text="Même texte.", id="x")
    assert a.content_hash == Document(text="Même texte.", id="x", title="autre titre").content_hash
    assert a.content_hash != Document(text="Même texte.", id="y").content_hash
    assert a.content_hash != Document(text="Même texte !", id="x").content_hash
