"""Language knowledge: one :class:`LanguagePack` per language, loaded once and validated at load.

Every word, phrase and dependency-label profile the stages use lives in the
packaged data files of ``veille/data/<lang>/`` and reaches the code through a
pack. A language without a pack is not extracted: the pipeline stores its
documents and reports them as skipped, with the reason (one policy, for
every stage).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from ..errors import VeilleError
from .coref import CorefLexicon, load_lexicon as load_coref
from .dates import Grammar, load_grammar
from .events import Lexicon, load_lexicon as load_events
from .places import PlaceLexicon, load_lexicon as load_places
from .quotes import QuoteLexicon, load_lexicon as load_quotes

#: the data files a language needs to be extracted
PACK_FILES = ("dates.toml", "events.json", "places.json", "quotes.json", "coref.json")


@dataclass(frozen=True, slots=True)
class LanguagePack:
    """Everything veille knows about one language, per stage."""

    lang: str
    dates: Grammar
    places: PlaceLexicon
    quotes: QuoteLexicon
    events: Lexicon
    coref: CorefLexicon


@functools.cache
def available_languages() -> tuple[str, ...]:
    """Languages that ship a complete pack (every file of :data:`PACK_FILES`)."""
    root = resources.files("veille.data")
    return tuple(sorted(d.name for d in root.iterdir()
                        if d.is_dir() and all((d / f).is_file() for f in PACK_FILES)))


@functools.cache
def load_pack(lang: str) -> LanguagePack:
    """The pack of ``lang``, loaded and validated once per process.

    Raises VeilleError V203 for a language without a pack and V204 when a
    pack's data is invalid (an unknown key, an unknown event type, ...).
    """
    if lang not in available_languages():
        raise VeilleError("V203", f"no language pack for {lang!r} (veille has: "
                          f"{', '.join(available_languages())})")
    return LanguagePack(lang=lang, dates=load_grammar(lang), places=load_places(lang), quotes=load_quotes(lang),
                        events=load_events(lang), coref=load_coref(lang))
