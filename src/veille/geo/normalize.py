"""Name normalization shared by the gazetteer builder and the look-ups."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Apostrophes, hyphens and dots become spaces so « Saint-Denis », « Saint Denis » and
# « St. Denis »-style variants meet; leading articles go so « Le Caire » finds « Caire ».
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—'’ʼ`´.,_/()\"]+")
_ARTICLES = ("l ", "le ", "la ", "les ", "the ")


@lru_cache(maxsize=200_000)
def normalize(name: str) -> str:
    """Casefold, strip accents, unify separators and drop a leading article."""
    s = unicodedata.normalize("NFKD", name.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _SEPARATORS.sub(" ", s).strip()
    for art in _ARTICLES:
        if s.startswith(art) and len(s) > len(art):
            s = s[len(art):]
            break
    return s
