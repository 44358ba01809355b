"""The date grammar of one language: lexicon and compiled patterns, loaded once from package data."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..data import load_data
from ..errors import VeilleError

APOS = "['’ʼ]"
DASH = "[-–—‐]"
# Day of month: digits not glued to other digits, French ordinal « 1er » allowed.
DAY = r"(?:(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:er|ᵉʳ)?|premier)"
YEAR = r"(?:1[5-9]\d\d|20\d\d)(?!\d)"
ORD = r"(?:st|nd|rd|th)"
#: the ordinal ending glued to a day inside a list (« les 1er et 3 mai »), kept in the first day's span
DAY_SUFFIX = "er"

#: the keys a dates.toml may hold, per table (None: any key, the table is a lexicon)
_KEYS: dict[str, frozenset[str] | None] = {
    "lang": None, "names_capitalized": None, "month_first": None, "months": None, "month_abbrevs": None,
    "month_abbrevs_dotted": None, "weekdays": None, "rel_days": None, "day_phrases": None, "periods": None,
    "anchored": None, "units": None, "numbers": None, "pattern": None,
    "modifiers": frozenset({"past", "future"}), "parts": frozenset({"words"}),
    "night_ordinals": frozenset({"words"}),
    "cues": frozenset({"month_cue", "edge", "year_cue", "year_cue_weak", "year_after_ok", "year_reject_before",
                       "habitual", "future_words", "future_suffixes", "future_lemmas", "future_aux",
                       "list_joiners"}),
}


def norm(s: str) -> str:
    """Lexicon key of a matched phrase: lower case, straight apostrophe, single spaces, no trailing dot."""
    s = s.lower().replace("’", "'").replace("ʼ", "'")
    return " ".join(s.split()).rstrip(".")


def _body(word: str) -> str:
    """Regex body of one lexicon entry: apostrophes and spaces loosened."""
    return "".join(APOS if c == "'" else (r"\s+" if c == " " else re.escape(c)) for c in word)


def _alt(words, dotted: str = "") -> str:
    """One alternation of lexicon entries, longest first, bounded on word edges.

    The word-edge checks are factored out of the alternation: one lookbehind per
    position instead of one per entry keeps the scan fast.
    """
    items = sorted(set(words), key=len, reverse=True)
    if not items:
        return "(?!x)x"
    if dotted == r"\.?":
        post = r"(?:\.|(?!\w))"
    else:
        post = dotted or r"(?!\w)"
    bounded = [w for w in items if w[:1].isalnum() and (dotted or w[-1:].isalnum())]
    loose = [w for w in items if w not in bounded]
    parts = []
    if bounded:
        parts.append(r"(?<!\w)(?:" + "|".join(_body(w) for w in bounded) + ")" + post)
    for w in loose:
        pre = r"(?<!\w)" if w[:1].isalnum() else ""
        parts.append(pre + _body(w) + dotted + (r"(?!\w)" if w[-1:].isalnum() else ""))
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class Grammar:
    """Lexicon and compiled patterns of one language."""

    lang: str
    names_capitalized: bool
    month_first: bool
    months: dict[str, int]
    weekdays: dict[str, int]
    rel_days: dict[str, int]
    day_phrases: dict[str, int | str]
    periods: dict[str, tuple[str, int]]
    anchored: dict[str, int]
    mod_past: frozenset[str]
    mod_future: frozenset[str]
    units: dict[str, str]
    numbers: dict[str, int]
    year_cue: frozenset[str]
    year_cue_weak: frozenset[str]
    year_after_ok: frozenset[str]
    year_reject_before: frozenset[str]
    habitual: frozenset[str]
    future_words: re.Pattern
    future_lemmas: frozenset[str]
    future_aux: frozenset[str]
    list_joiners: re.Pattern  # a comma or a conjunction between days: « les 6 et 13 avril » is a list
    patterns: tuple[tuple[str, re.Pattern], ...]
    gate: re.Pattern  # every pattern holds a digit or one of these words: only their surroundings are scanned


def _check_keys(lang: str, data: dict) -> None:
    """V204 naming the first key dates.toml holds that the grammar does not know."""
    for key in sorted(data):
        if key not in _KEYS:
            raise VeilleError("V204", f"{lang}/dates.toml: unknown key {key!r}")
        allowed = _KEYS[key]
        if allowed is not None:
            for sub in sorted(set(data[key]) - allowed):
                raise VeilleError("V204", f"{lang}/dates.toml: unknown key {key}.{sub!r}")
    for p in data.get("pattern", []):
        for sub in sorted(set(p) - {"kind", "regex"}):
            raise VeilleError("V204", f"{lang}/dates.toml: unknown key pattern.{sub!r}")


@cache
def load_grammar(lang: str) -> Grammar:
    """The date grammar of ``lang`` from ``data/<lang>/dates.toml``.

    Raises VeilleError V203 when the language has no grammar, V204 when the file holds an unknown key.
    """
    data = load_data(lang, "dates.toml")
    if data is None:
        raise VeilleError("V203", f"no date grammar for {lang!r}")
    return build_grammar(lang, data)


def _slots(data: dict, months: dict, abbr: dict, dotted: dict) -> dict[str, str]:
    """The regex of each ``{slot}`` a pattern may hold, from the lexicon."""
    month_re = "(?:" + "|".join(x for x in (_alt(months), _alt(abbr, r"\.?") if abbr else "",
                                             _alt(dotted, r"\.") if dotted else "") if x) + ")"
    cues = data.get("cues", {})
    mods = data.get("modifiers", {})
    parts = data.get("parts", {}).get("words", [])
    return {
        "month": month_re,
        "weekday": _alt(data["weekdays"]),
        "day": DAY,
        "year": YEAR,
        "ord": ORD,
        "apos": APOS,
        "dash": DASH,
        "part": _alt(parts),
        "mod": _alt(mods.get("past", []) + mods.get("future", [])),
        "rel": _alt(data.get("rel_days", {})),
        "day_phrase": _alt(data.get("day_phrases", {})),
        "period": _alt(data.get("periods", {})),
        "anchored": _alt(data.get("anchored", {})),
        "num": _alt(data.get("numbers", {})),
        "unit": _alt(data.get("units", {})),
        "edge": _alt(cues.get("edge", [])),
        "night_ordinal": _alt(data.get("night_ordinals", {}).get("words", [])),
        "month_cue": _alt(cues.get("month_cue", [])),
    }


def build_grammar(lang: str, data: dict) -> Grammar:
    """The grammar of ``data`` (a parsed dates.toml), checked and compiled."""
    _check_keys(lang, data)
    months = {norm(k): v for k, v in data.get("months", {}).items()}
    abbr = {norm(k): v for k, v in data.get("month_abbrevs", {}).items()}
    dotted = {norm(k): v for k, v in data.get("month_abbrevs_dotted", {}).items()}
    cues = data.get("cues", {})
    mods = data.get("modifiers", {})
    slots = _slots(data, months, abbr, dotted)
    patterns = []
    for p in data.get("pattern", []):
        rx = re.sub(r"\{(\w+)\}", lambda m: slots[m.group(1)] if m.group(1) in slots else m.group(0), p["regex"])
        # Every expression starts a word: checking that first lets the scan skip mid-word positions fast.
        patterns.append((p["kind"], re.compile(r"\b(?=\w)(?:" + rx + ")", re.IGNORECASE)))
    return Grammar(
        lang=data.get("lang", lang),
        names_capitalized=bool(data.get("names_capitalized", False)),
        month_first=bool(data.get("month_first", False)),
        months={**months, **abbr, **dotted},
        weekdays={norm(k): v for k, v in data["weekdays"].items()},
        rel_days={norm(k): v for k, v in data.get("rel_days", {}).items()},
        day_phrases={norm(k): v for k, v in data.get("day_phrases", {}).items()},
        periods={norm(k): (v[0], int(v[1])) for k, v in data.get("periods", {}).items()},
        anchored={norm(k): v for k, v in data.get("anchored", {}).items()},
        mod_past=frozenset(norm(x) for x in mods.get("past", [])),
        mod_future=frozenset(norm(x) for x in mods.get("future", [])),
        units={norm(k): v for k, v in data.get("units", {}).items()},
        numbers={norm(k): v for k, v in data.get("numbers", {}).items()},
        year_cue=frozenset(norm(x) for x in cues.get("year_cue", [])),
        year_cue_weak=frozenset(norm(x) for x in cues.get("year_cue_weak", [])),
        year_after_ok=frozenset(norm(x) for x in cues.get("year_after_ok", [])),
        year_reject_before=frozenset(norm(x) for x in cues.get("year_reject_before", [])),
        habitual=frozenset(norm(x) for x in cues.get("habitual", [])),
        future_words=re.compile(_alt(cues.get("future_words", [])) + (
            r"|(?<!\w)\w{2,}(?:" + "|".join(map(re.escape, cues["future_suffixes"])) + r")(?!\w)"
            if cues.get("future_suffixes") else ""), re.IGNORECASE),
        future_lemmas=frozenset(cues.get("future_lemmas", [])),
        future_aux=frozenset(norm(x) for x in cues.get("future_aux", [])),
        list_joiners=re.compile(r"[,]" + (r"|\b(?:" + "|".join(map(re.escape, cues["list_joiners"])) + r")\b"
                                         if cues.get("list_joiners") else "")),
        patterns=tuple(patterns),
        gate=re.compile(r"\d+|" + _alt(list(months) + list(abbr) + list(dotted) + list(data["weekdays"])
                                       + [w for k in ("rel_days", "day_phrases", "periods", "anchored", "units")
                                          for w in data.get(k, {})]
                                       + data.get("night_ordinals", {}).get("words", [])), re.IGNORECASE),
    )
