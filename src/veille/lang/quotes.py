"""The quote-attribution lexicon of one language, loaded once from package data."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..data import load_data


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
    hedge_verbs: frozenset[str]  # « semble indiquer que », "appears to show": the writer's inference
    restrictive_negation: frozenset[str]  # « ne … que »: « ne mentionne qu'un blessé » reports no clause
    negation_words: frozenset[str]  # « ne … pas »: a true negation, the « que » after it is a clause
    time_words: frozenset[str]  # « a annoncé vendredi le gouverneur »: a day never speaks
    impersonal_pronouns: frozenset[str]  # « il a été dit que », "it was said that"
    noun_reports: frozenset[str]  # « faire état (de) »: light verb + noun reporting a noun phrase


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> QuoteLexicon:
    """The lexicon shipped for ``lang`` (data/<lang>/quotes.json); French when the language has none."""
    raw = load_data(lang, "quotes.json")
    if raw is None:
        lang, raw = "fr", load_data("fr", "quotes.json")

    def words(key: str) -> frozenset[str]:
        """The entries of one list, lower-cased."""
        return frozenset(w.lower() for w in raw.get(key, []))

    return QuoteLexicon(
        lang=lang,
        reporting_verbs=words("reporting_verbs"),
        indirect_verbs=words("indirect_verbs"),
        infinitive_verbs=words("infinitive_verbs"),
        source_words=tuple(w.lower() for w in raw.get("source_words", [])),
        same_source=tuple(w.lower() for w in raw.get("same_source", [])),
        naming_cues=words("naming_cues"),
        role_nouns=words("role_nouns"),
        speaker_nouns=words("speaker_nouns"),
        titles=words("titles"),
        pronouns_singular=words("pronouns_singular"),
        pronouns_plural=words("pronouns_plural"),
        first_person=words("first_person"),
        determiners=words("determiners"),
        definite=words("definite"),
        clause_marks=words("clause_marks"),
        stop_words_np=words("stop_words_np"),
        partitives=words("partitives"),
        noun_reports=words("noun_reports"),
        impersonal_pronouns=words("impersonal_pronouns"),
        hedge_verbs=words("hedge_verbs"),
        restrictive_negation=words("restrictive_negation"),
        negation_words=words("negation_words"),
        time_words=words("time_words"),
        indefinite_subjects=words("indefinite_subjects"),
        speech_places=words("speech_places"),
        auxiliaries=words("auxiliaries"),
        participle_endings=tuple((a, b) for a, b in raw.get("participle_endings", [])),
        question_marks=words("question_marks"),
        anaphoric_org_nouns=words("anaphoric_org_nouns"),
        role_synonyms={w.lower(): frozenset(x.lower() for x in group)
                       for group in raw.get("role_synonyms", []) for w in group},
    )
