"""The quote-attribution lexicon of one language, loaded once from package data."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import lru_cache

from ..data import load_data
from ..errors import VeilleError


@dataclass(frozen=True, slots=True)
class QuoteLabels:
    """The dependency, entity and tag labels of the language's parser that the quote stage reads."""

    subject: frozenset[str]  # any subject of a verb
    noun_subject: frozenset[str]  # subjects a noun or name can fill (not expletives)
    active_subject: frozenset[str]
    passive_subject: frozenset[str]
    impersonal_subject: frozenset[str]  # where « il » / "it" is the dummy subject of a passive
    climb: frozenset[str]  # links from a verb to the verb it depends on, climbed to find the subject
    conjunct: frozenset[str]
    clause_complement: frozenset[str]  # the clause a reporting verb governs
    open_complement: frozenset[str]  # an infinitive or predicate without its own subject
    object: frozenset[str]
    case: frozenset[str]  # the preposition of a noun
    mark: frozenset[str]  # the conjunction opening a clause
    unattached: frozenset[str]  # the parser's "no better label"
    adnominal: frozenset[str]  # a clause (participle) modifying a noun
    relative: frozenset[str]  # a relative clause, adnominal clause included
    oblique: frozenset[str]  # a prepositional complement of a verb
    misread_entities: frozenset[str]  # labels a body's name may get by mistake (a work, a building, a product)
    possessor: frozenset[str]  # "Mali's" in "Mali's defence ministry": the owner set before a noun
    name_parts: frozenset[str]  # links inside or beside a name (apposition, flat names, compounds)
    root: frozenset[str]
    person_entities: frozenset[str]
    org_entities: frozenset[str]
    name_entities: frozenset[str]  # entities that may continue an organisation's name
    non_org_entities: frozenset[str]  # a person or place: never the name of an organisation
    time_entities: frozenset[str]
    plural_tags: frozenset[str]  # fine-grained tags of plural nouns (where the tagger has them)
    participle_tags: frozenset[str]  # fine-grained tags of participles and past forms


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    """Reporting verbs, source phrases, role nouns and function words of one language."""

    lang: str
    reporting_verbs: frozenset[str]  # verbs that attribute a direct quote
    indirect_verbs: frozenset[str]  # verbs whose complement clause is reported speech
    infinitive_verbs: frozenset[str]  # verbs whose infinitive complement is reported speech
    source_words: tuple[str, ...]  # « selon », "according to"
    same_source: tuple[str, ...]
    naming_cues: frozenset[str]  # words before a quoted name, not a quotation
    role_nouns: frozenset[str]
    speaker_nouns: frozenset[str]  # heads of descriptions that can speak (« les habitants », « le ministère »)
    titles: frozenset[str]
    pronouns_singular: frozenset[str]
    pronouns_plural: frozenset[str]
    first_person: frozenset[str]
    determiners: frozenset[str]
    definite: frozenset[str]
    clause_marks: frozenset[str]
    stop_words_np: frozenset[str]
    role_synonyms: dict[str, frozenset[str]]  # « porte-parole » ~ « attaché de presse »
    anaphoric_org_nouns: frozenset[str]  # « le média », "the agency": the organisation just quoted
    question_marks: frozenset[str]  # « demande si … »: an indirect question, not a claim
    partitives: frozenset[str]  # « l'un des responsables », "one of the officials"
    indefinite_subjects: frozenset[str]  # « on »: speaks for the place or group named before it
    speech_places: frozenset[str]  # « dans l'entourage de X, on … », « chez X, on … »
    auxiliaries: frozenset[str]  # lemmas before a participle the tagger took for a noun
    participle_endings: tuple[tuple[str, str], ...]  # participle ending -> infinitive ending
    narrative_openers: frozenset[str]  # « Et de souligner que … »: words before an infinitive whose subject is the last speaker
    hedge_verbs: frozenset[str]  # « semble indiquer que », "appears to show": the writer's inference
    restrictive_negation: frozenset[str]  # « ne … que »: « ne mentionne qu'un blessé » reports no clause
    negation_words: frozenset[str]  # « ne … pas »: a true negation, the « que » after it is a clause
    time_words: frozenset[str]  # « a annoncé vendredi le gouverneur »: a day never speaks
    impersonal_pronouns: frozenset[str]  # « il a été dit que », "it was said that"
    noun_reports: frozenset[str]  # « faire état (de) »: light verb + noun reporting a noun phrase
    object_reports: frozenset[str]  # « a annoncé l'arrestation de … », "described a scene": verbs whose object is reported
    unspecific_roles: frozenset[str]  # « la source »: a role noun that may stand for an organisation too
    possessive_endings: frozenset[str]  # "Martin's": a token ending a name that is not part of it
    euphonic_tokens: frozenset[str]  # « -t » of « a-t-il » tokenised alone: the pronoun is its child
    euphonic_prefixes: frozenset[str]  # « -t-il »: the pronoun after the euphonic letter
    name_links: frozenset[str]  # « Union des dockers du Ponant », "Ministry of Health": words inside a name
    gerund_marks: frozenset[str]  # « en » of « en affirmant »: a participle whose subject is the main clause's
    labels: QuoteLabels
    # « selon le rapport », "according to the communique": a document speaking for its issuer (coref.json)
    document_nouns: frozenset[str] = frozenset()


#: the lists of quotes.json, each a list of words (``role_synonyms``: groups; ``participle_endings``: pairs)
_WORD_LISTS = ("reporting_verbs", "indirect_verbs", "infinitive_verbs", "naming_cues", "role_nouns", "speaker_nouns",
               "titles", "pronouns_singular", "pronouns_plural", "first_person", "determiners", "definite",
               "clause_marks", "stop_words_np", "partitives", "noun_reports", "object_reports", "impersonal_pronouns", "hedge_verbs",
               "restrictive_negation", "negation_words", "time_words", "indefinite_subjects", "speech_places",
               "auxiliaries", "question_marks", "anaphoric_org_nouns", "unspecific_roles", "possessive_endings",
               "euphonic_tokens", "euphonic_prefixes", "name_links", "narrative_openers", "gerund_marks")
_KEYS = frozenset(_WORD_LISTS) | {"_doc", "source_words", "same_source", "participle_endings", "role_synonyms",
                                   "labels"}
_LABEL_KEYS = frozenset(f.name for f in fields(QuoteLabels))


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> QuoteLexicon:
    """The lexicon shipped for ``lang`` (data/<lang>/quotes.json).

    Raises VeilleError V203 when ``lang`` ships none and V204 for a key the lexicon does not know.
    """
    raw = load_data(lang, "quotes.json")
    if raw is None:
        raise VeilleError("V203", f"no quotes lexicon for {lang!r} (data/{lang}/quotes.json)")
    lexicon = parse_lexicon(lang, raw)
    coref = load_data(lang, "coref.json")
    if coref is None:
        return lexicon
    return replace(lexicon, document_nouns=frozenset(w.lower() for w in coref.get("document_nouns", [])))


def parse_lexicon(lang: str, raw: dict) -> QuoteLexicon:
    """A lexicon from the parsed content of a quotes.json; V204 names an unknown key."""
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise VeilleError("V204", f"{lang}/quotes.json: unknown key(s) {unknown}")
    labels = raw.get("labels", {})
    if set(labels) != _LABEL_KEYS:
        raise VeilleError("V204", f"{lang}/quotes.json: labels: unknown key(s) {sorted(set(labels) - _LABEL_KEYS)}, "
                                  f"missing key(s) {sorted(_LABEL_KEYS - set(labels))}")
    lists = {key: frozenset(w.lower() for w in raw.get(key, [])) for key in _WORD_LISTS}
    return QuoteLexicon(
        lang=lang,
        source_words=tuple(w.lower() for w in raw.get("source_words", [])),
        same_source=tuple(w.lower() for w in raw.get("same_source", [])),
        participle_endings=tuple((a, b) for a, b in raw.get("participle_endings", [])),
        role_synonyms={w.lower(): frozenset(x.lower() for x in group)
                       for group in raw.get("role_synonyms", []) for w in group},
        labels=QuoteLabels(**{key: frozenset(values) for key, values in labels.items()}),
        **lists,
    )
