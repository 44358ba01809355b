"""Speakers: an attribution resolved to a full name through the document's entities and the speakers before."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...lang.quotes import QuoteLexicon
from ...model import Entity, Evidence
from ..coref import Clusters
from ..entities import EntityIndex, is_acronym
from .attribution import can_speak, source_at
from .spans import NP_STOP_POS, QUOTE_MARKS, Cand, Speaker, ev
from ..syntax import fold, has_definite, sentence_bounds

_QUOTED_NAME = re.compile(r"[\s\u00a0\u202f]*([«“\"])[\s\u00a0\u202f]*([^»”\"\n]{2,40}?)[\s\u00a0\u202f]*[»”\"]")


@dataclass(slots=True)
class Scene:
    """What the resolution of one document reads: its text, entities, lexicon and the speakers so far."""

    text: str
    index: EntityIndex
    lex: QuoteLexicon
    history: list[tuple[int, Speaker]]  # (end of the quotation, its speaker), in the order quoted
    recent: int  # chars within which a pronoun or description may point to the last speaker
    handle_chars: int  # shortest surname matched inside a handle
    acronym_chars: int  # longest acronym
    clusters: Clusters  # the document's coreference clusters: pronouns, descriptions and documents resolved

    def last(self, pos: int) -> Speaker | None:
        """The last speaker, if quoted close enough before ``pos``."""
        if self.history and pos - self.history[-1][0] <= self.recent:
            return self.history[-1][1]
        return None

    def recent_speaker(self, pos: int, kinds: tuple[str, ...] | None) -> Speaker | None:
        """The latest speaker (of one of ``kinds``, if given) quoted close enough before ``pos``."""
        return next((spk for end, spk in reversed(self.history)
                     if pos - end <= self.recent and (kinds is None or spk.kind in kinds)), None)


def resolve(c: Cand, scene: Scene) -> Speaker | None:
    """The speaker of a candidate: its attribution resolved through the entities and the speakers before it."""
    attr, lex = c.attr, scene.lex
    if attr.previous or (attr.subject is None and attr.cue is None):
        return scene.last(c.start) if attr.previous else None
    s = attr.subject
    if s is None:
        return None
    if attr.handle is not None:
        ent = scene.index.by_handle(s.text, scene.handle_chars)
        return Speaker(ent.name, ev(scene.text, s), ent.role, ent.kind, ent) if ent else None
    if attr.pronoun is not None or s.lower_ in lex.pronouns_singular or s.lower_ in lex.pronouns_plural:
        plural = attr.pronoun == "pl" or s.lower_ in lex.pronouns_plural
        return _pronoun(s, scene, plural, c.start) or (None if plural else _clustered(_pronoun_token(s, scene), scene, c.start))
    if s.lower_ in scene.clusters.resolver.lex.neuter_pronouns:
        return _clustered(s, scene, c.start)  # "it said": the body named before (not one inside the quote)
    if s.lower_ in lex.first_person:
        return None
    if s.lower_ in lex.partitives:
        # « l'un des responsables », "one of the officials": the group named after it
        s = next((t for t in s.subtree if t.i > s.i and t.pos_ in ("NOUN", "PROPN")), s)
    s = _cited_source(s, scene) or s
    tokens = list(s.subtree) if s.dep_ not in lex.labels.root else [s]
    sent = s.sent  # Token.sent scans for the boundaries at every access: once
    tokens = [t for t in tokens if sent.start <= t.i < sent.end]
    # « selon X, voire 400 selon Y »: the parser may hang the second source on the first; it is not part of X
    cut = next((n for n, t in enumerate(tokens) if t.i > s.i and source_at(tokens, n, lex) is not None), len(tokens))
    tokens = tokens[:cut]
    named = _named_speaker(s, tokens, scene)
    if named is not None:
        return named
    np = _noun_phrase(s, lex)
    if np is not None and _is_document(s, scene):
        # « le communiqué précise », "the statement said": its issuer
        found = _clustered(s, scene)
        if found is None and not (s.lower_ in lex.speaker_nouns or s.lemma_.lower() in lex.speaker_nouns):
            return None  # « selon le rapport » whose issuer is unknown: nobody identifiable speaks
        return found or _described_speaker(c.start, s, tokens, np, scene)
    return None if np is None else _described_speaker(c.start, s, tokens, np, scene)


def _pronoun_token(s: Token, scene: Scene) -> Token:
    """« a-t-elle » parsed with « -t » as the subject: the pronoun itself, right after the euphonic « t »."""
    clex = scene.clusters.resolver.lex
    pronouns = clex.masculine_pronouns | clex.feminine_pronouns | clex.neuter_pronouns
    if s.lower_ not in pronouns and s.i + 1 < len(s.doc) and s.doc[s.i + 1].lower_ in pronouns:
        return s.doc[s.i + 1]
    return s


def _cited_source(s: Token, scene: Scene) -> Token | None:
    """"according to a report by agency X, citing the ministry", « selon l'agence X, citant le ministère »: an outlet
    or a document passes on what its source said; the source speaks."""
    clex = scene.clusters.resolver.lex
    ent = scene.index.at(s)
    words = " ".join(t.lower_ for t in s.doc[max(0, s.i - 2):s.i + 1])
    if not (_is_document(s, scene) or "media" in clex.types_of(words)
            or (ent is not None and "media" in scene.clusters.types.get(id(ent), frozenset()))):
        return None
    hi = sentence_bounds(s)[1]
    for t in s.doc[s.i + 1:min(hi, s.i + 12)]:
        if t.text in QUOTE_MARKS:
            break
        if t.lower_ in clex.citing_words:
            obj = next((c for c in t.children if c.dep_ in scene.lex.labels.object and c.pos_ in ("NOUN", "PROPN")), None)
            return obj if obj is not None and can_speak(obj, scene.lex) else None
    return None


def _is_document(s: Token, scene: Scene) -> bool:
    nouns = scene.clusters.resolver.lex.document_nouns
    return s.lower_ in nouns or s.lemma_.lower() in nouns


def _clustered(s: Token, scene: Scene, before: int | None = None) -> Speaker | None:
    """The cluster a pronoun, a description or a document noun stands for, as speaker."""
    ent = scene.clusters.resolve(s, before)
    if ent is None:
        return None
    return Speaker(_display_name(ent, scene.acronym_chars), ev(scene.text, s), ent.role, ent.kind, ent)


def _named_speaker(s: Token, tokens: list[Token], scene: Scene) -> Speaker | None:
    """A person named in the speaker mention, the entity of its head, or a name given beside a common noun."""
    text, index = scene.text, scene.index
    owned = index.at(s)
    # "Mali's defence ministry said": the body speaks, not its owner (whom the tagger may take for a person)
    persons = [p for p in index.in_tokens(tokens, "person") if (owned is None or owned.kind != "org"
               or p[0].dep_ not in scene.lex.labels.possessor) and not _in_clause(p[0], s, scene.lex)]
    if persons:
        # "a spokesman for President X, Y,": the person set beside the head, not one inside its complement
        beside = [p for p in persons if not _embedded(p[0], s) or _apposed_to_person(p[0], index)] or persons
        t, ent = min(beside, key=lambda p: abs(p[0].i - s.i))
        return _entity_speaker(ent, t, scene)
    ent = index.at(s)
    if ent is not None:
        return _entity_speaker(ent, s, scene)
    orgs = index.in_tokens(tokens, "org")
    if s.pos_ == "PROPN" and not s.ent_type_ and len(orgs) == 1 \
            and not any(t.lower_ in scene.lex.role_nouns for t in tokens):
        # "Gibraltar-based Norhaven Shipping said": a head no tagger named, beside the one body of the phrase
        # (not "X, director of Amnesty Kenya": a role makes the head a person)
        return _entity_speaker(orgs[0][1], orgs[0][0], scene)
    named = _quoted_name(s, text) or _proper_apposition(s, scene.lex)
    if named is not None:
        ent = scene.clusters.add_body(*named)
        return Speaker(ent.name, Evidence.of(text, *named), None, "org", ent)
    return None


def _in_clause(t: Token, head: Token, lex: QuoteLexicon) -> bool:
    """``t`` sits in a clause modifying ``head`` (« le groupe commandé par X », "the group led by X", "the man who
    met X"): not the one the phrase names."""
    cur = t
    while cur.i != head.i and cur.head.i != cur.i:
        if cur.dep_ in lex.labels.adnominal or cur.dep_ in lex.labels.relative:
            return True
        cur = cur.head
    return False


def _embedded(t: Token, head: Token) -> bool:
    """``t`` hangs from ``head`` through a preposition (« du président X », "for President X")."""
    cur = t
    while cur.i != head.i and cur.head.i != cur.i:
        if cur.pos_ == "ADP" or any(c.pos_ == "ADP" and c.i < cur.i for c in cur.children):
            return True
        cur = cur.head
    return False


def _apposed_to_person(t: Token, index: EntityIndex) -> bool:
    """« …, Marc Tembo, » attached by the parser to another person's name: two people are not set in apposition,
    so the name stands beside the head of the phrase (the spokesman), not beside that person."""
    ent, cur = index.at(t), t
    while cur.head.i != cur.i and index.at(cur.head) is ent:
        cur = cur.head
    other = index.at(cur.head)
    return cur.i > 0 and t.doc[t.i - 1].text == "," and other is not None and other is not ent \
        and other.kind == "person"


def _described_speaker(pos: int, s: Token, tokens: list[Token], np: tuple[int, int], scene: Scene) -> Speaker | None:
    """A description (« le porte-parole », "the agency", « des habitants ») as the speaker it stands for."""
    text, lex = scene.text, scene.lex
    a, b = np
    if any(w in fold(text[a:b]) for w in lex.same_source):
        return scene.last(pos)
    head = s.lower_ if s.lower_ in lex.role_nouns else s.lemma_.lower()
    singular = (has_definite(s, lex.definite) or _possessed(s, lex)) and s.tag_ not in lex.labels.plural_tags \
        and "Plur" not in s.morph.get("Number")
    found = None
    if head in lex.role_nouns and singular:
        found = _role_speaker(pos, s, head, np, scene)
    if found is None and head in lex.anaphoric_org_nouns and singular:
        found = _org_anaphor(pos, s, np, scene)
    if found is not None:
        return found
    # "the Irish chapter of X": the body named, before a demonym set as its adjective
    orgs = sorted(scene.index.in_tokens(tokens, "org"), key=lambda p: p[0].pos_ == "ADJ")
    # « le site spécialisé Site Intelligence », "the US network CNN": the name in apposition
    named_org = [(t, e) for t, e in orgs if 0 < t.i - s.i <= 3
                 and not any(u.pos_ == "ADP" for u in s.doc[s.i + 1:t.i])]
    if named_org:
        orgs = named_org
    if orgs and (named_org or len(tokens) <= 3 or not can_speak(s, lex)):
        t, ent = orgs[0]
        return _entity_speaker(ent, t, scene)
    if head not in lex.role_nouns:
        clustered = _clustered(s, scene)  # « l'ONG », "the ministry": the body of that type named before
        if clustered is not None:
            return clustered
    words = text[a:b]
    return Speaker(words, Evidence.of(text, a, b), words if head in lex.role_nouns else None, "group")


def _possessed(s: Token, lex: QuoteLexicon) -> bool:
    """« sa porte-parole », "its spokeswoman": a role owned by a possessive, as definite as « la porte-parole »."""
    return any(c.i < s.i and ("Yes" in c.morph.get("Poss") or c.dep_ in lex.labels.possessor) for c in s.children)


def _role_speaker(pos: int, s: Token, head: str, np: tuple[int, int], scene: Scene) -> Speaker | None:
    """« le porte-parole »: the person given that role before, else (bare) the person just quoted."""
    lex, where = scene.lex, Evidence.of(scene.text, *np)
    ent = scene.clusters.resolver.titled(s) or scene.index.by_role(head, pos, lex.role_synonyms.get(head, frozenset()))
    if ent is not None:
        return Speaker(ent.name, where, ent.role, "person", ent)
    if _possessed(s, lex):
        # « a assuré leur porte-parole », "its spokesman said", nobody named in that role: the body speaks
        owner = _last_org_subject(s, scene)
        if owner is not None:
            return Speaker(_display_name(owner, scene.acronym_chars), where, head, owner.kind, owner)
        body = next((spk for _end, spk in reversed(scene.history) if spk.kind in ("org", "group")), None)
        if body is not None:
            return Speaker(body.name, where, head, body.kind, body.entity)
    if any(t.i > s.i for t in s.subtree if not t.is_punct):
        return None
    # « le porte-parole a ajouté », « la source » with nothing more: the one just quoted
    kinds = None if head in lex.unspecific_roles else ("person",)
    prev = scene.recent_speaker(pos, kinds)
    return Speaker(prev.name, where, prev.role, prev.kind, prev.entity) if prev is not None else None


def _org_anaphor(pos: int, s: Token, np: tuple[int, int], scene: Scene) -> Speaker | None:
    """« le média », « la chaîne de télévision », "the agency": the organisation just named or quoted."""
    where = Evidence.of(scene.text, *np)
    after = [t for t in s.subtree if t.i > s.i and not t.is_punct]
    if not after:
        # « le média a indiqué », "the agency said": the organisation quoted just before, unless another one
        # was made subject since ("The Ashar movement broadcast a video. The group said …")
        prev = scene.recent_speaker(pos, ("org",))
        since = next((end for end, spk in reversed(scene.history) if spk is prev), 0)
        subject = _last_org_subject(s, scene, since)
        if subject is not None and subject is not (prev.entity if prev else None):
            return Speaker(_display_name(subject, scene.acronym_chars), where, subject.role, subject.kind, subject)
        return Speaker(prev.name, where, prev.role, prev.kind, prev.entity) if prev is not None else None
    if any(t.pos_ in ("PROPN", "VERB", "AUX", "PRON") or t.ent_type_ for t in after):
        return None
    # « la chaîne de télévision assure », "the news network said": a description of the
    # organisation last made subject, else the one quoted just before
    ent = _last_org_subject(s, scene)
    if ent is not None:
        return Speaker(_display_name(ent, scene.acronym_chars), where, ent.role, ent.kind, ent)
    prev = scene.recent_speaker(pos, ("org",))
    return Speaker(prev.name, where, prev.role, prev.kind, prev.entity) if prev is not None else None


def _last_org_subject(s: Token, scene: Scene, since: int = 0) -> Entity | None:
    """The organisation last mentioned as the subject of a clause (or naming it: "the Ashar movement"), in the few
    sentences before ``s`` and after ``since``."""
    doc = s.doc
    lo = s.doc[sentence_bounds(s)[0]].idx
    for start, end, ent in reversed(scene.index.mentions):
        if start >= lo:
            continue
        if lo - start > scene.recent or start < since:
            break
        span = doc.char_span(start, end, alignment_mode="expand")
        labels = scene.lex.labels
        if ent.kind == "org" and span is not None and any(
                t.dep_ in labels.subject or (t.dep_ in labels.name_parts and t.head.dep_ in labels.subject
                                             and t.head.pos_ == "NOUN") for t in span):
            return ent
    return None


def _entity_speaker(ent: Entity, t: Token, scene: Scene) -> Speaker:
    """The entity as speaker, with the evidence of its mention at ``t``."""
    name, text = _display_name(ent, scene.acronym_chars), scene.text
    for start, end, e in scene.index.mentions:
        if e is ent and start <= t.idx < end:
            return Speaker(name, Evidence.of(text, start, end), ent.role, ent.kind, ent)
    return Speaker(name, ev(text, t), ent.role, ent.kind, ent)


def _display_name(ent: Entity, acronym_chars: int) -> str:
    """An organisation as the document introduces it, « Front uni de libération (FUL) »: readers know either form."""
    if ent.kind != "org":
        return ent.name
    acronym = next((a for a in ent.aliases if is_acronym(a, acronym_chars) and " " not in a), None)
    if acronym is None or acronym == ent.name:
        return ent.name
    if not ent.name[:1].isupper():
        # « centre européen de veille … (CEVM) »: a description named by its acronym
        return f"{ent.name} ({acronym})"
    return f"{ent.name} ({acronym})"


def _pronoun(s: Token, scene: Scene, plural: bool, quote_start: int) -> Speaker | None:
    """« il », "he" -> the last person who spoke or was the subject since; « ils », "they" -> the last group.

    A name inside the quotation itself is never the one the pronoun of its incise stands for.
    """
    here, index = ev(scene.text, s), scene.index
    last = scene.last(s.idx)
    since = scene.history[-1][0] if scene.history else 0
    # « Moreau a rendu les compliments. « … », a-t-il ajouté »: a person made subject after the last quote;
    # « Les rebelles du Front entendent … Ils exhortent « … » »: for « ils », a body made subject (in the plural)
    for start, _end, ent in reversed(index.mentions):
        if start < since or start >= s.doc[sentence_bounds(s)[0]].idx:
            continue
        tok = s.doc.char_span(start, _end, alignment_mode="expand")
        subject = tok is not None and any(t.dep_ in scene.lex.labels.subject for t in tok)
        if subject and not plural and ent.kind == "person":
            return Speaker(ent.name, here, ent.role, ent.kind, ent)
        if subject and plural and any("Plur" in u.morph.get("Number") for t in tok for u in (t, *t.children)
                                      if u.pos_ in ("NOUN", "PROPN", "DET")):
            # a name in the plural (« les Vautriens ») is a group, whatever the tagger called it
            return Speaker(ent.name, here, ent.role, "group" if ent.kind == "person" else ent.kind, ent)
    if last is not None and (not plural or last.kind != "person"):
        return Speaker(last.name, here, last.role, last.kind, last.entity)
    ent = index.last_before(min(s.idx, quote_start), "org" if plural else "person")
    return Speaker(ent.name, here, ent.role, ent.kind, ent) if ent else None


def _proper_apposition(s: Token, lex: QuoteLexicon) -> tuple[int, int] | None:
    """« le site spécialisé Veille Info », "the news agency Nord Press": the proper name after a common noun."""
    if s.pos_ != "NOUN":
        return None
    doc = s.doc
    j = s.i + 1
    while j < len(doc) and j - s.i <= 2 and (doc[j].pos_ == "ADJ" or (doc[j].pos_ == "NOUN" and doc[j].is_lower)):
        j += 1
    k = j
    while k < len(doc) and (doc[k].pos_ == "PROPN" or doc[k].ent_type_ in lex.labels.name_entities) \
            and doc[k].text[:1].isupper():
        k += 1
    if k == j or doc[j].ent_type_ in lex.labels.non_org_entities:
        return None
    return doc[j].idx, doc[k - 1].idx + len(doc[k - 1].text)


def _quoted_name(s: Token, text: str) -> tuple[int, int] | None:
    """« le média « Nouvelles 24 » »: the name quoted right after a common noun."""
    end = s.idx + len(s.text)
    m = _QUOTED_NAME.match(text, end, end + 50)
    if m is None or not m.group(2)[:1].isupper():
        return None
    return m.start(2), m.end(2)


def _noun_phrase(s: Token, lex: QuoteLexicon) -> tuple[int, int] | None:
    """The description naming a speaker, as written, without its determiner or relative clause."""
    doc = s.doc
    sent = doc[slice(*sentence_bounds(s))]
    lo = s.i
    while lo > sent.start and doc[lo - 1].head.i == s.i and doc[lo - 1].pos_ not in NP_STOP_POS \
            and doc[lo - 1].pos_ != "ADP":
        lo -= 1
    while lo < s.i and (doc[lo].lower_ in lex.determiners or doc[lo].pos_ in ("DET", "ADP")):
        lo += 1
    hi = s.i + 1
    while hi < sent.end and hi - lo < 8 and doc[hi].pos_ not in NP_STOP_POS \
            and doc[hi].lower_ not in lex.stop_words_np and _governed_by(doc[hi], s):
        hi += 1
    while hi - 1 > lo and (doc[hi - 1].pos_ in ("ADP", "DET") or doc[hi - 1].lower_ in lex.determiners):
        hi -= 1
    if not any(ch.isalpha() for t in doc[lo:hi] for ch in t.text):
        return None
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)


def _governed_by(t: Token, head: Token) -> bool:
    while t.head.i != t.i:
        if t.head.i == head.i:
            return True
        t = t.head
    return False
