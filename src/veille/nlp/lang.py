"""Language identification with a package that ships its model (py3langid)."""
from __future__ import annotations

import py3langid

_SAMPLE = 1000  # characters: enough for a confident decision (2000 changed no decision on 377 articles), half the cost


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or 'und' when there is nothing to judge."""
    sample = text.strip()[:_SAMPLE]
    if not any(c.isalpha() for c in sample):
        return "und"
    lang, _score = py3langid.classify(sample)
    return lang
