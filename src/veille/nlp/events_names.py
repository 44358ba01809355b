"""Short English names for event participants: country names in any supported language, group qualifiers."""
from __future__ import annotations

import gettext
import unicodedata
from functools import lru_cache

import pycountry

from ..data import load_data

_ARTICLES = ("les ", "la ", "le ", "l'", "the ")


def fold(text: str) -> str:
    """A lookup key: apostrophes straightened, accents and case folded, leading article dropped."""
    key = unicodedata.normalize("NFKD", text.replace("’", "'").strip()).encode("ascii", "ignore").decode()
    key = " ".join(key.casefold().split())
    for art in _ARTICLES:
        if key.startswith(art):
            return key[len(art):].strip()
    return key


def _short(country) -> str:
    name = getattr(country, "common_name", None) or country.name
    return name.split(",")[0].strip()  # "Korea, Republic of" style inversions keep their head


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Folded country name (English or French, ISO or common form) -> short English name; built once."""
    raw = load_data("en", "events.json")
    short = {c.alpha_2: raw.get("country_short", {}).get(c.alpha_2) or _short(c) for c in pycountry.countries}
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    seen: dict[str, set[str]] = {}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None), french.gettext(c.name)}
        for n in [n for n in names if n]:
            for form in (n, n.split(",")[0]):  # « Russie, Fédération de » is also « Russie »
                seen.setdefault(fold(form), set()).add(c.alpha_2)
    out = {k: short[next(iter(v))] for k, v in seen.items() if len(v) == 1 and k}  # ambiguous forms dropped
    for lang in ("fr", "en"):
        data = load_data(lang, "events.json")
        for alias, code in data.get("country_aliases", {}).items():
            out[fold(alias)] = short[code]
    return out


def country_name(text: str) -> str | None:
    """The short English name of the country ``text`` names (« les États-Unis » -> "United States"), if any."""
    return _countries().get(fold(text))
