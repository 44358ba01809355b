"""The coreference lexicon of one language (data/<lang>/coref.json), loaded once and validated."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..data import load_data
from ..errors import VeilleError

_LISTS = ("neuter_pronouns", "masculine_pronouns", "feminine_pronouns", "document_nouns", "generic_nouns",
          "function_words", "unmarked_types", "citing_words", "operator_verbs")
_KEYS = frozenset(_LISTS) | {"_doc", "types", "role_titles"}


@dataclass(frozen=True, slots=True)
class CorefLexicon:
    """Pronouns, document nouns and the typed nouns of bodies (« le ministère », "the aid group") of one language."""

    lang: str
    neuter_pronouns: frozenset[str]  # "it": an organisation
    masculine_pronouns: frozenset[str]
    feminine_pronouns: frozenset[str]
    document_nouns: frozenset[str]  # « le communiqué », "the statement": stands for its issuer
    generic_nouns: frozenset[str]  # « l'organisation », "the group": any organisation
    function_words: frozenset[str]  # skipped when an acronym is read against a name's initials
    unmarked_types: frozenset[str]  # types whose names seldom carry a type word: their description may take any body
    citing_words: frozenset[str]  # "citing", « citant »: an outlet passing on what its source said
    operator_verbs: frozenset[str]  # "operate", « exploiter »: who does it to a ship, a mine, a line is a body
    types: dict[str, frozenset[str]]  # type of body -> nouns describing it and words marking it in a name
    role_titles: dict[str, frozenset[str]]  # « chef de l'État » -> the roles its holder is named by (« président »)

    def types_of(self, words: str) -> frozenset[str]:
        """The types a description or a name belongs to, from its words and word pairs (lower-cased).

        Remembered per lexicon and string (the stages ask about the same words many times per document).
        """
        memo = _TYPES_MEMO.get(id(self))
        if memo is None or memo[0] is not self:
            memo = _TYPES_MEMO[id(self)] = (self, {})
        found = memo[1].get(words)
        if found is None:
            tokens = words.lower().replace("’", "'").split()
            grams = set(tokens) | {f"{a} {b}" for a, b in zip(tokens, tokens[1:])}
            found = frozenset(t for t, nouns in self.types.items() if grams & nouns)
            if len(memo[1]) >= _TYPES_MEMO_SIZE:
                memo[1].clear()
            memo[1][words] = found
        return found


#: CorefLexicon.types_of's answers, per lexicon (held, so that its id is not reused) and string
_TYPES_MEMO: dict[int, tuple[CorefLexicon, dict[str, frozenset[str]]]] = {}
_TYPES_MEMO_SIZE = 1 << 16


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> CorefLexicon:
    """The lexicon shipped for ``lang``; V203 when there is none, V204 for an unknown key."""
    raw = load_data(lang, "coref.json")
    if raw is None:
        raise VeilleError("V203", f"no coreference lexicon for {lang!r} (data/{lang}/coref.json)")
    return parse_lexicon(lang, raw)


def parse_lexicon(lang: str, raw: dict) -> CorefLexicon:
    """A lexicon from the parsed content of a coref.json; V204 names an unknown key."""
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise VeilleError("V204", f"{lang}/coref.json: unknown key(s) {unknown}")
    lists = {key: frozenset(w.lower() for w in raw.get(key, [])) for key in _LISTS}
    types = {t: frozenset(w.lower() for w in nouns) for t, nouns in raw.get("types", {}).items()}
    titles = {fold_title(t): frozenset(fold_title(w) for w in roles) for t, roles in raw.get("role_titles", {}).items()}
    return CorefLexicon(lang=lang, types=types, role_titles=titles, **lists)


def fold_title(words: str) -> str:
    """A role title compared without case, accents or apostrophe variants (« chef de l'Etat » = « chef de l'État »)."""
    s = "".join(c for c in unicodedata.normalize("NFKD", words) if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", s).split())
