"""Modality and source of an event: asserted, reported (selon X, X said), denied (X denied), uncertain."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ...config import EventsSettings
from ...lang.events import Lexicon
from ...model import Modality, Quote
from ..syntax import DASHES, definite, lowers, texts
from .grammar import phrases_in
from .sources import (_agent, _claimed_by, _from_source, _incise, _inverted_subject, _is_reporting, _resolved,
                      _short, _source_name, _subject)


@dataclass(slots=True)
class Attribution:
    """How the text commits to an event, and who it attributes it to."""

    modality: Modality = "asserted"
    according_to: str | None = None


def source_marker(sent: Span, trigger: Token, lex: Lexicon) -> Token | None:
    """The noun introduced by « selon », « d'après », "according to" in the sentence."""
    words = lowers(sent.doc)[sent.start:sent.end]
    for i, marker in phrases_in(words, lex.source_markers):
        last = sent[i + len(marker) - 1]
        if last.lemma_.lower() in lex.source_nouns:
            return last  # « de source proche de ... »: the marker's own noun is the described source
        # the source is the marker's head (fr: case) or its object (en: pobj)
        objs = [c for c in last.children if c.dep_ == "pobj" or c.dep_ in lex.syntax.object_deps]
        if objs:
            return objs[0]
        if last.head is not last and last.head.pos_ in ("NOUN", "PROPN"):
            return last.head
        nxt = [t for t in sent[i + len(marker):] if t.pos_ in ("NOUN", "PROPN")]
        if nxt:
            return nxt[0]
    return None


def _frames(trigger: Token, lex: Lexicon) -> list[Token]:
    """Verbs that frame the trigger: reporting or denial verbs above it, then incises.

    A reporting verb frames the event when the path reaches it through a complement
    (« X a déclaré que ... », "X said ..."), not through an adjunct (« au milieu des
    combats, X a déclaré »); an incise (« ..., a indiqué le porte-parole ») with its
    own subject after the trigger frames it too.
    """
    out: list[Token] = []
    child = trigger
    for a in trigger.ancestors:
        in_clause = child.dep_ in lex.syntax.relative_deps or child.dep_ == "appos"
        if in_clause and a.lemma_.lower() not in lex.claim_nouns:
            break  # background in a relative clause or apposition is the narrator's
        # « a démenti les informations selon lesquelles ... »: the claim's content goes on up
        if _is_reporting(a, lex) or a.lemma_.lower() in lex.denial_verbs:
            if child.dep_ not in lex.syntax.complement_deps and child.lemma_.lower() not in lex.claim_nouns:
                break
            if any(g.dep_ == "case" and g.lower_ in lex.syntax.comitative_preps for g in child.children):
                break  # « ont avancé avec un retrait »: a comitative adjunct is not what is said
            out.append(a)
        elif a.pos_ in ("VERB", "AUX") and not out:
            out.append(a)  # the trigger's own clause verb: its mood and hedges count
        child = a
    if not out or not any(_is_reporting(v, lex) for v in out):
        out += _claimed_by(trigger, lex)
    chain = [trigger, *out]
    for a in chain:
        for c in a.children:
            if (c.dep_ in ("parataxis", "conj", "dep") and c.i > trigger.i and c.pos_ == "VERB"
                    and c not in chain and (any(g.dep_ in lex.syntax.subject_deps and g.i > c.i for g in c.children)
                                            or (_is_reporting(c, lex) and _from_source(c, lex) is not None))):
                out.append(c)
    return out


def _is_conditional(tok: Token, lex: Lexicon) -> bool:
    if "Cnd" in tok.morph.get("Mood") or _conditional_form(tok, lex):
        return True
    for c in tok.children:
        if c.dep_.startswith("aux") and ("Cnd" in c.morph.get("Mood") or c.lower_ in lex.syntax.modal_auxiliaries):
            return True
    return False


def _conditional_form(tok: Token, lex: Lexicon) -> bool:
    """A conditional the tagger missed: infinitive + ending (« avanceraient », not « avançaient »).

    An infinitive ending in a mute « e » (« prendre ») drops it before the ending (« prendrait »).
    """
    syn = lex.syntax
    lemma, form = tok.lemma_.lower(), tok.lower_
    if tok.pos_ != "VERB" or not syn.infinitive_endings or not lemma.endswith(syn.infinitive_endings):
        return False
    stems = (lemma, lemma[:-1]) if lemma.endswith("e") else (lemma,)
    return any(form == stem + ending for stem in stems for ending in syn.conditional_endings)


def continues_report(sent: Span, lex: Lexicon, window: int) -> bool:
    """A sentence opening with an additive connective (« De même, », "Likewise,"): it goes on with the last one."""
    words = lowers(sent.doc)[sent.start:sent.end][:window]
    return any(phrases_in(words, lex.continuation_connectives, start_only=True))


def background(trigger: Token, lex: Lexicon) -> bool:
    """An event noun in a time adjunct (« pendant leur prise de pouvoir », « au milieu des combats »,
    "during the takeover", "in the wake of the raid").

    It sets the scene of a reported statement; the narrator, not the speaker, vouches for it.
    """
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ == "case" and c.lower_ in lex.background_preps for c in trigger.children):
        return True
    head = trigger.head
    if trigger.dep_ == "pobj":
        if head.lower_ in lex.background_preps:
            return True
        head = head.head  # "in the wake of the raid": wake <- of <- raid
    # a locative-temporal noun heading the adjunct: « au milieu de », « à la veille de », "amid"
    return head is not trigger and head.lemma_.lower() in lex.background_heads and trigger.dep_ in (
        "nmod", "pobj")


def _aside(trigger: Token, sent: Span) -> tuple[int, int] | None:
    """The token range of a parenthesis or a dashed aside around the trigger (« X – le groupe ... – »)."""
    words = texts(sent.doc)
    opening = None
    for k in range(sent.start, trigger.i):
        if words[k] == "(" or (words[k] in DASHES and opening is None):
            opening = k
        elif words[k] == ")" or words[k] in DASHES:
            opening = None  # an aside closed before the trigger
    if opening is None:
        return None
    want = ")" if words[opening] == "(" else DASHES
    close = next((k for k in range(trigger.i + 1, sent.end) if words[k] in want), None)
    return (opening, close) if close is not None else None


def _narrators_clause(trigger: Token, lex: Lexicon) -> bool:
    """A « alors que » / "while" clause in the narrator's own tense inside indirect speech.

    Reported speech after a past reporting verb shifts its tenses back (« avaient été libérés »); a
    contrast clause still in the present or passé composé (« alors que les troupes se sont retirées »)
    is the writer setting the scene.
    """
    verb = next((t for t in [trigger, *trigger.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or not any(c.dep_ == "mark" and c.lower_ in lex.narrator_marks for c in verb.children):
        return False
    tensed = [verb, *[c for c in verb.children if c.dep_.startswith("aux")]]
    return any("Pres" in t.morph.get("Tense") and "Ind" in t.morph.get("Mood") for t in tensed)


def attribution(trigger: Token, sent: Span, quotes: list[Quote], lex: Lexicon, settings: EventsSettings,
                speaker_name=lambda t: t, skip_nouns: frozenset[str] = frozenset(),
                carried: str | None = None) -> Attribution:
    """The modality and source of the event whose trigger is ``trigger``.

    ``carried`` is the source of the previous sentence when this one continues its report.
    """
    if background(trigger, lex):
        return Attribution()
    frames, aside, own = _framing(trigger, sent, quotes, lex)
    max_words = settings.max_source_words
    out = _from_frames(frames, quotes, lex, speaker_name, max_words)
    if out.modality == "denied":
        return out
    if out.according_to is None and aside is None:
        _from_marker(out, trigger, sent, quotes, lex, speaker_name, skip_nouns, max_words)
    if out.according_to is None:
        # inside a quotation, direct or indirect: the speaker's account
        for q in quotes:
            if (aside is not None or own) and q.kind != "direct":
                continue  # the aside interrupts indirect speech: it is the writer's
            if q.speaker and q.evidence.start <= trigger.idx < q.evidence.end:
                out.modality, out.according_to = "reported", speaker_name(q.speaker)
                break
    if out.according_to is None and carried is not None and aside is None:
        # « De même, ... », "Likewise, ...": the sentence goes on with the previous one's report
        out.modality, out.according_to = "reported", carried
    # « les propos de X semblent indiquer que ... », "X's words appear to suggest ...": the writer's inference
    # from what X said, not X's claim
    inferred = next((v for v in frames if _is_reporting(v, lex) and v.dep_ in ("xcomp", "ccomp")
                     and v.head.lemma_.lower() in lex.uncertain_words), None)
    if inferred is not None:
        return Attribution("uncertain", None)
    if _uncertain(trigger, frames, lex, out.according_to is None):
        out.modality = "uncertain"
    return out


def _framing(trigger: Token, sent: Span, quotes: list[Quote],
             lex: Lexicon) -> tuple[list[Token], tuple[int, int] | None, bool]:
    """The verbs framing the trigger, its aside (if any), and whether it is in the narrator's own clause."""
    # a line break ends a sentence even when the parser ran two paragraphs together
    frames = [v for v in _frames(trigger, lex) if sent.start <= v.i < sent.end]
    own = _narrators_clause(trigger, lex)
    if own:
        # the writer's « alors que » clause: the reporting verb above it does not frame it
        frames = [v for v in frames if not _is_reporting(v, lex) and v.lemma_.lower() not in lex.denial_verbs]
    quoted = next((q for q in quotes if q.kind == "direct" and q.speaker
                   and q.evidence.start <= trigger.idx < q.evidence.end), None)
    if quoted is not None:
        # inside a direct quotation only the speaker's own verbs frame the act; the quotation may run over
        # several sentences, its speaker named after the last one
        frames = [v for v in frames if quoted.evidence.start <= v.idx < quoted.evidence.end]
    if not frames:
        # « ..., rapporte le ministre »: an incise the parser made a sentence root of its own
        top = trigger.sent.root if trigger.doc.has_annotation("DEP") else trigger
        frames = [t for t in sent if t.i > trigger.i and t.dep_ == "ROOT" and t != top and t.head == t
                  and _incise(t) and _is_reporting(t, lex) and _inverted_subject(t, lex) is not None][:1]
    aside = _aside(trigger, sent)
    if aside is not None:
        # a writer's aside inside reported speech (« X a dit que des détenus – le groupe responsable des
        # attaques d'hier – ont été libérés »): the narrator vouches for it, not the speaker around it
        frames = [v for v in frames if aside[0] < v.i < aside[1]]
    return frames, aside, own


def _from_frames(frames: list[Token], quotes: list[Quote], lex: Lexicon, speaker_name,
                 max_words: int) -> Attribution:
    """The nearest framing verb decides: a denial (« ont nié avoir attaqué ») or a report (X said)."""
    out = Attribution()
    for v in frames:
        lemma = v.lemma_.lower()
        if lemma in lex.denial_verbs:
            subj = _subject(v, lex)
            out.modality = "denied"
            out.according_to = _source_name(subj, quotes, speaker_name, lex, max_words) if subj is not None else None
            return out
        if _is_reporting(v, lex):
            # « l'agence a appris de source proche que ... »: the agency relays, the described source reports
            # a participle or coordinated passive (« revendiquée par X ») names its source as agent
            agent = _agent(v, lex) if v.dep_ in ("acl", "conj") else None
            subj = _from_source(v, lex) or agent or _subject(v, lex)
            name = _source_name(subj, quotes, speaker_name, lex, max_words) if subj is not None else None
            if name:
                out.modality, out.according_to = "reported", name
                break
    return out


def _from_marker(out: Attribution, trigger: Token, sent: Span, quotes: list[Quote], lex: Lexicon,
                 speaker_name, skip_nouns: frozenset[str], max_words: int) -> None:
    """The source a « selon », "according to" names in the sentence."""
    src = source_marker(sent, trigger, lex)
    if src is not None and any(q.evidence.start <= src.idx < q.evidence.end
                               and not q.evidence.start <= trigger.idx < q.evidence.end for q in quotes):
        return  # « "..., selon X, ...", a-t-il accusé »: a source inside a quotation is the quoted speech's
    # « selon le bilan communiqué par X », "according to figures released by X": the agent tells it (even one
    # the tagger takes for a place: « l'Élysée »)
    agent = next((a for c in src.children if c.dep_ == "acl" and (a := _agent(c, lex)) is not None),
                 None) if src is not None else None
    if agent is not None:
        out.modality, out.according_to = "reported", speaker_name(_resolved(agent, quotes) or _short(agent, lex, max_words))
        return
    if src is not None and src.lemma_.lower() in lex.claim_nouns and definite(src, lex.syntax.definite_words):
        # « selon ces informations », "according to the report": the source quoted before
        before = [q for q in quotes if q.speaker and q.evidence.start < sent.start_char]
        if before:
            out.modality = "reported"
            out.according_to = speaker_name(max(before, key=lambda q: q.evidence.start).speaker)
    elif src is not None and src.lemma_.lower() not in skip_nouns and src.ent_type_ not in ("LOC", "GPE"):
        out.modality, out.according_to = "reported", speaker_name(_resolved(src, quotes) or _short(src, lex, max_words))


def _uncertain(trigger: Token, frames: list[Token], lex: Lexicon, unsourced: bool) -> bool:
    """Conditional mood, modal verbs, hedges bearing on the trigger or its frames."""
    near = [trigger, *frames[:2]]
    uncertain = any(_is_conditional(v, lex) and (v is trigger or v.lemma_.lower() not in lex.reporting_verbs)
                    for v in near)
    hedged = {t.lemma_.lower() for v in near for t in [v, *v.children]} | {
        t.lower_ for v in near for t in [v, *v.children]}
    if trigger.dep_ in ("xcomp", "ccomp") and trigger.head.lemma_.lower() in lex.uncertain_words:
        uncertain = True
    if hedged & (lex.uncertain_words - lex.hearsay_words):
        uncertain = True
    if hedged & lex.hearsay_words and unsourced:
        uncertain = True
    return uncertain
