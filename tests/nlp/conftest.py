"""The spaCy models for stage tests, loaded once per run; a test skips with the reason when one is absent."""
from __future__ import annotations

import pytest
from spacy.language import Language

from veille.config import Settings
from veille.errors import VeilleError
from veille.nlp.pipeline import load_model


def _model(lang: str) -> Language:
    name = Settings.defaults().models[lang]
    try:
        return load_model(name)
    except VeilleError as e:
        pytest.skip(f"spaCy model {name} is not installed: {e.message}")


@pytest.fixture(scope="session")
def models() -> dict[str, Language]:
    """Both languages' models, keyed by language code."""
    return {"fr": _model("fr"), "en": _model("en")}


@pytest.fixture(scope="session")
def nlp_fr() -> Language:
    """The French model."""
    return _model("fr")


@pytest.fixture(scope="session")
def nlp_en() -> Language:
    """The English model."""
    return _model("en")
