"""Helpers on text and parses shared by every stage: folding, sentence mending, definiteness, reporting.

Language words never appear here: they come from the caller's LanguagePack.
"""
from __future__ import annotations

import re
import unicodedata

#: the dashes that open and close an aside or a dialogue line
DASHES = ("—", "–")


def fold(s: str) -> str:
    """Lower case, no accents, letters and digits only: 'Kaboul' stays 'kaboul', 'États-Unis' is 'etats unis'."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


# ---------------------------------------------------------------- used by quotes


# ---------------------------------------------------------------- used by events
