"""Attribution: who a quotation is given to, from the cue before or after it, the verb's subject or a source phrase."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ...lang.quotes import QuoteLexicon
from ..syntax import lemma_reports, sentence_bounds
from .incise import incise_window, inside_name, name_before, postposed_incise
from .cues import can_speak, light_verb_complement, quoted_subject, source_at, subjectless_conjunct
from .spans import Attr, QUOTE_MARKS, TRIM, inside


def direct_attribution(text: str, parsed: Doc, lex: QuoteLexicon, open_i: int, close_i: int,
                       incise_tokens: int) -> Attr:
    """The attribution of a direct quote: incise after it, cue before it, a handle, or continuation."""
    close_span = parsed.char_span(close_i, close_i + 1, alignment_mode="expand")
    open_span = parsed.char_span(open_i, open_i + 1, alignment_mode="expand")
    if close_span is None or open_span is None:
        return Attr(previous=True)
    # After: « … », a-t-il déclaré / « … », selon X / "…," he said / "…," said X
    end = sentence_bounds(close_span[-1])[1]
    ends_sentence = text[:close_i].rstrip(TRIM + "»”›\"")[-1:] in ("?", "!", "…")
    if end < len(parsed) and (parsed[end].text == "," or parsed[end].text[:1].islower()):
        ends_sentence = True  # the parser cut « … », a déclaré X after the closing mark
    if ends_sentence and end <= close_span.end + 1 and end < len(parsed) \
            and "\n" not in text[close_i:parsed[end].idx]:
        end = sentence_bounds(parsed[end])[1]  # « … ? » Mills asked: the incise was split off as a sentence
    attr = _after_cue(incise_window(parsed, close_span.end, end, incise_tokens), lex)
    if attr is not None:
        attr.incise = True
        return attr
    before = list(parsed[sentence_bounds(open_span[0])[0]:open_span.start])
    # « La Ligue « condamne l'attaque » »: the quote is the predicate of the subject just before it
    inside = range(open_span.start, close_span.end)
    for t in reversed(before):
        if t.dep_ in lex.labels.noun_subject and t.head.i in inside and t.pos_ in ("NOUN", "PROPN") \
                and can_speak(t, lex):  # not « La nuit a « été calme » »: a subject that cannot speak
            gov = t.head.head
            if t.head.dep_ in lex.labels.clause_complement and gov.i not in inside and lemma_reports(gov, lex.reporting_verbs):
                break  # "X said the plan “worked”": the speaker is the subject of « said »
            return Attr(cue=t.head, subject=t)
    # Before: X a déclaré : « … » / X said "…" / selon X, « … »
    attr = _before_cue(before, lex)
    if attr is not None:
        return attr
    # A tweet or transcript line: « @handle : “…” », « X : “…” »
    k = len(before) - 1
    while k >= 0 and before[k].is_space:
        k -= 1
    if k >= 1 and before[k].text == ":":
        prev = before[k - 1]
        return Attr(subject=prev, handle=prev if "@" in prev.text else None)
    if not any(t.is_alpha for t in before):
        return Attr(previous=True)
    return _coordinated(before, lex) or Attr(previous=False)


def _coordinated(before: list[Token], lex: QuoteLexicon) -> Attr | None:
    """« a dénoncé un « A » et un « B » », « a demandé de rester « A » autour des forces « B » »: a quotation joined
    to the one before it in its sentence by words that hold no verb shares its cue, else its speaker."""
    for _ in range(4):  # « A », « B » et « C »: back over the chain of quotations
        close = len(before) - 1
        while close >= 0 and before[close].text not in QUOTE_MARKS:
            close -= 1
        verbs = [t for t in before[close + 1:] if t.pos_ in ("VERB", "AUX")] if close >= 0 else []
        if close < 0 or not all(_subjectless_participle(t, lex) or subjectless_conjunct(t, before[close], lex)
                                for t in verbs):
            return None
        if verbs:
            return Attr(previous=True)  # « a déclaré X, qualifiant … de « A » et s'engageant à « B » »: X goes on
        opening = close - 1
        while opening >= 0 and before[opening].text not in QUOTE_MARKS:
            opening -= 1
        before = before[:max(opening, 0)]
        attr = _before_cue(before, lex)
        if attr is not None:
            return attr
    return Attr(previous=True)


def _subjectless_participle(t: Token, lex: QuoteLexicon) -> bool:
    """« …, qualifiant X de « A » et s'engageant à « B » », "calling it “A” and vowing to “B”": a present participle
    (or the infinitive it governs) with no subject of its own goes on with the speaker of the sentence."""
    verb = t.head if "Inf" in t.morph.get("VerbForm") and t.head.i != t.i else t
    present = ("Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense")) \
        or "Ger" in verb.morph.get("VerbForm") or verb.tag_ == "VBG"
    return t.pos_ == "VERB" and present and not any(c.dep_ in lex.labels.subject for c in verb.children)


def _after_cue(after: list[Token], lex: QuoteLexicon) -> Attr | None:
    words = [t for t in after if not t.is_punct and not t.is_space]
    # "…,” Durand deflected. / « … », tranche-t-il.: a bare incise, whatever its verb
    short = bool(after) and after[-1].i + 1 >= sentence_bounds(after[-1])[1] and 2 <= len(words) <= 4 \
        and any(t.ent_type_ in lex.labels.person_entities or _pronoun_kind(t, lex) or _inverted_speaker(t, lex)
                for t in words)
    for n, t in enumerate(after):
        if t.pos_ in ("CCONJ", "SCONJ"):
            # "… the “word” and said …": a new clause, not an incise; but « a « été calme » que la veille,
            # a estimé X », « est un « … » et « … », a affirmé X »: the incise closes the sentence
            k = postposed_incise(after, n, lex)
            return None if k is None else _after_cue(after[k:], lex)
        if t.pos_ == "VERB" or (t.pos_ == "AUX" and lemma_reports(t, lex.reporting_verbs)):
            t, reports = light_verb_complement(t, lex)  # « », a fait valoir X »: the phrase reports, not « faire »
            if not reports and not short:
                if inside_name(t, lex):
                    continue  # "Malta registered X Ltd, …, said": a participle inside a name, not a clause
                return None
            if t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in lex.clause_marks:
                return None  # « « … », soulignant que … »: a new report, not the incise of this quote
            attr = inverted_attr(t, lex, after[0].i)
            # « X « condamne » …, appelant « … » »: an incise naming nobody leaves the cue before the quote
            return attr if attr.subject is not None else None
        src = source_at(after, n, lex)
        if src is not None and can_speak(src, lex):
            return Attr(cue=t, subject=src)
    return None


def _inverted_speaker(t: Token, lex: QuoteLexicon) -> bool:
    """« », indique le communiqué »: a noun that can speak, subject of the verb before it (lemma unknown or not)."""
    return t.dep_ in lex.labels.noun_subject and t.head.i < t.i and t.head.pos_ == "VERB" and can_speak(t, lex)


def _before_cue(before: list[Token], lex: QuoteLexicon) -> Attr | None:
    for n in range(len(before) - 1, -1, -1):
        t = before[n]
        if t.text in QUOTE_MARKS:
            return None  # another quotation sits between: its cue is not ours
        if (t.pos_ in ("VERB", "AUX") and lemma_reports(t, lex.reporting_verbs)
                and not (t.dep_ in lex.labels.adnominal and "Part" in t.morph.get("VerbForm")
                         and _gerund_attr(t, lex) is None)) \
                or _mistagged_report(t, lex):  # not « un communiqué publié … », but « a tweeté »
            if t.pos_ not in ("VERB", "AUX") and not any(c.dep_ in lex.labels.subject for c in t.children):
                # the auxiliary took the participle's place in the tree, and its subject
                attr = verb_attr(t.doc[t.i - 1], lex, inverted=False)
                return Attr(cue=t, subject=attr.subject, pronoun=attr.pronoun)
            attr = verb_attr(t, lex, inverted=False)
            if attr.subject is not None and quoted_subject(attr.subject, t):
                attr.subject = None  # « « … des éléments ont engagé … », soulignant que »: not inside the quotation
            if attr.subject is None and not attr.previous and _subjectless_participle(t, lex):
                return Attr(cue=t, previous=True)  # « …, a dit X, promettant de « B » »: X goes on
            return attr
        src = source_at(before, n, lex)
        if src is not None and can_speak(src, lex):
            return Attr(cue=t, subject=src)
    return None


def verb_attr(v: Token, lex: QuoteLexicon, inverted: bool, direct: list[tuple[int, int]] | None = None) -> Attr:
    """The speaker of a reporting verb: its subject, climbing coordinations and infinitives."""
    gerund = _gerund_attr(v, lex)
    if gerund is not None:
        return gerund
    if any(c.dep_ in lex.labels.impersonal_subject and c.lower_ in lex.impersonal_pronouns
           for c in v.children):
        return Attr(cue=v)  # « il leur a été expliqué que », "it was reported that": nobody speaks
    if v.i >= 2 and f"{v.doc[v.i - 2].lower_} {v.doc[v.i - 1].lower_}" in lex.narrative_openers:
        return Attr(cue=v, previous=True)  # « Et de souligner que … »: the one who just spoke goes on
    place = _place_of_speech(v, lex)
    if place is not None:
        return Attr(cue=v, subject=place)
    cur = v
    for _ in range(4):
        for c in cur.children:
            pron = _pronoun_kind(c, lex)
            if pron and (c.dep_ in lex.labels.subject or c.dep_ in lex.labels.unattached or c.i > cur.i) \
                    and not _stressed(c, cur, lex):
                return Attr(cue=v, subject=c, pronoun=pron)
        lo, hi = sentence_bounds(v)
        subj = next((c for c in cur.children if c.dep_ in lex.labels.subject and lo <= c.i < hi), None)
        if subj is not None and subj.lower_ in lex.stop_words_np and cur.dep_ in lex.labels.relative:
            return Attr(cue=v, subject=cur.head)  # « le ministre, qui a déclaré » -> the antecedent
        if subj is not None and not _bogus_subject(subj, lex):
            return Attr(cue=v, subject=subj)
        if cur.i != v.i and _is_incise(cur, lex):
            # « « … », ajoutait la présidence en affirmant que … »: the subject of the incise
            inv = inverted_attr(cur, lex)
            if inv.subject is not None:
                return Attr(cue=v, subject=inv.subject, pronoun=inv.pronoun)
        passive_head = any(c.dep_ in lex.labels.passive_subject for c in cur.head.children)
        if cur.dep_ in lex.labels.conjunct and passive_head and not lemma_reports(cur.head, lex.reporting_verbs):
            # « X ont été attaqués, selon Y, qui dénonce … et assure »: a misattached coordination,
            # whose subject is the one of the nearest active verb before the conjunction
            left = _left_conjunct(cur, lex) if cur.i == v.i else None
            if left is not None:
                return Attr(cue=v, subject=verb_attr(left, lex, inverted=False).subject)
            break
        if cur.dep_ in lex.labels.climb and cur.head.i != cur.i and cur.head.pos_ in ("VERB", "AUX") \
                and (cur.head.i < v.i if direct is None else not inside(cur.head.idx, direct)):
            cur = cur.head
            continue
        break
    # "…," X Ltd, owner of the carrier Y, said: the name before the apposition, not the carrier's
    near = (name_before(v, sentence_bounds(v)[0], lex) if _is_incise(v, lex) else None) or _nearest_name(v, inverted, lex)
    if near is None and not inverted and cur.i != v.i:
        # « », ajoutait la présidence en affirmant que … »: the subject follows the verb
        return Attr(cue=v, subject=inverted_attr(cur, lex).subject)
    return Attr(cue=v, subject=near)


def _gerund_attr(v: Token, lex: QuoteLexicon) -> Attr | None:
    """« L'armée est revenue sur son démenti en reconnaissant … »: a gerund speaks with the subject of the clause
    it hangs on, however the parser attached it (climbing at most four heads)."""
    if v.i == 0 or v.doc[v.i - 1].lower_ not in lex.gerund_marks or "Part" not in v.morph.get("VerbForm") \
            and "Ger" not in v.morph.get("VerbForm") and v.tag_ != "VBG":
        return None
    cur = v
    for _ in range(4):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if _is_incise(cur, lex):  # « », ajoute la présidence en affirmant que … »: the incise's own speaker
            inv = inverted_attr(cur, lex)
            return None if inv.subject is None else Attr(cue=v, subject=inv.subject, pronoun=inv.pronoun)
        subj = next((c for c in cur.children if c.dep_ in lex.labels.subject and c.i < v.i), None)
        if subj is not None:
            return Attr(cue=v, subject=subj, pronoun=_pronoun_kind(subj, lex))
    return None


def _stressed(pron: Token, verb: Token, lex: QuoteLexicon) -> bool:
    """« L'agence X a elle indiqué », "X itself said": a pronoun stressing the noun subject set before it."""
    return any(c.i < pron.i and c.dep_ in lex.labels.noun_subject and c.pos_ in ("NOUN", "PROPN")
               for c in verb.children)


def _place_of_speech(v: Token, lex: QuoteLexicon) -> Token | None:
    """« Dans l'entourage du ministre, on assure que … »: « on » speaks for the group named before it."""
    if not any(c.dep_ in lex.labels.subject and c.lower_ in lex.indefinite_subjects for c in v.children):
        return None
    return next((c for c in v.children if c.i < v.i and c.dep_ in lex.labels.oblique and c.pos_ in ("NOUN", "PROPN")
                 and any(m.dep_ in lex.labels.case and m.lower_ in lex.speech_places for m in c.children)), None)


def _mistagged_report(t: Token, lex: QuoteLexicon) -> bool:
    """« a tweeté » tagged as a noun after its auxiliary: a reporting participle all the same."""
    if t.pos_ not in ("NOUN", "PROPN", "ADJ") or t.i == 0 or t.doc[t.i - 1].lemma_.lower() not in lex.auxiliaries:
        return False
    low = t.lower_
    stems = {low[:-len(end)] + inf for end, inf in lex.participle_endings if low.endswith(end)}
    return any(stem in lex.reporting_verbs for stem in stems)


def _is_incise(v: Token, lex: QuoteLexicon) -> bool:
    """« », ajoute-t-il », « », a précisé le ministère »: a verb right after a comma or a closing mark."""
    k = v.i - 1
    while k >= 0 and v.doc[k].pos_ == "AUX":
        k -= 1
    return k >= 0 and v.doc[k].text in (",", "»", "”", '"') and not any(c.dep_ in lex.labels.subject and c.i < v.i
                                                                     for c in v.children)


def _left_conjunct(v: Token, lex: QuoteLexicon) -> Token | None:
    """The nearest verb before ``v`` in its sentence with an active subject: its true first conjunct."""
    lo = sentence_bounds(v)[0]
    for t in reversed(v.doc[lo:v.i]):
        if t.pos_ == "VERB" and any(c.dep_ in lex.labels.active_subject for c in t.children):
            return t
    return None


def inverted_attr(v: Token, lex: QuoteLexicon, after: int | None = None) -> Attr:
    """The speaker of an incise after the quote: « », a-t-il dit / a déclaré le ministre, Paul Martin »."""
    doc = v.doc
    lo, hi = sentence_bounds(v)
    lo = max(lo, v.i if after is None else after)  # the speaker is never inside the quote
    for c in v.children:  # "…," Mills asked Durand / « … », relate un conseiller
        if c.dep_ in lex.labels.noun_subject and c.pos_ in ("NOUN", "PROPN") \
                and not _bogus_subject(c, lex) and lo <= c.i < hi:
            return Attr(cue=v, subject=c)
    named = name_before(v, lo, lex)
    if named is not None:
        return Attr(cue=v, subject=named)
    k = v.i + 1
    while k < hi and doc[k].pos_ == "DET":
        k += 1
    if k < hi and _names_speaker(doc[k], lex):
        return Attr(cue=v, subject=doc[k])
    for c in v.children:
        pron = _pronoun_kind(c, lex)
        if pron:
            return Attr(cue=v, subject=c, pronoun=pron)
    for c in v.children:  # "…," he said / "…," Okafor added: the subject before the verb
        if c.dep_ in lex.labels.subject and not _bogus_subject(c, lex) and lo <= c.i < hi:
            subtree = [t for t in c.subtree if t.i > v.i]
            persons = [t for t in subtree if t.ent_type_ in lex.labels.person_entities]
            return Attr(cue=v, subject=persons[0] if persons else c)
    end = v.i + 1
    while end < hi and doc[end].text not in QUOTE_MARKS and doc[end].pos_ != "VERB" \
            and "\n" not in doc[end].text:
        end += 1
    for t in doc[v.i + 1:end]:
        if t.ent_type_ in lex.labels.person_entities:
            return Attr(cue=v, subject=t)
    for t in doc[v.i + 1:end]:
        if t.pos_ in ("NOUN", "PROPN") and not any(c.dep_ in lex.labels.case for c in t.children) \
                and t.lower_ not in lex.time_words and t.ent_type_ not in lex.labels.time_entities:
            return Attr(cue=v, subject=t)
    return Attr(cue=v)


def _pronoun_kind(t: Token, lex: QuoteLexicon) -> str | None:
    """"sg" or "pl" when ``t`` is a third-person pronoun (« il », « -elle », « -t-ils », "they"), else None."""
    if t.lower_ in lex.euphonic_tokens:  # « a-t-il » split as « -t » + « -il »
        return next((k for c in t.children if (k := _pronoun_kind(c, lex))), None)
    low = t.lower_
    bare = next((low[len(p):] for p in lex.euphonic_prefixes if low.startswith(p)), low.lstrip("-"))
    if low in lex.pronouns_singular or bare in lex.pronouns_singular:
        return "sg"
    if low in lex.pronouns_plural or bare in lex.pronouns_plural:
        return "pl"
    return None


def _bogus_subject(t: Token, lex: QuoteLexicon) -> bool:
    """« Au milieu des combats, X a déclaré » parsed with « milieu » as subject."""
    return any(c.dep_ in lex.labels.case for c in t.children) or t.pos_ in ("ADP", "PUNCT") \
        or (t.pos_ == "NUM" and not any(c.pos_ in ("NOUN", "PROPN", "ADP") for c in t.children))


def _nearest_name(v: Token, inverted: bool, lex: QuoteLexicon) -> Token | None:
    """Parser fallback: the proper noun nearest the verb in its clause (after it for an incise)."""
    lo, hi = sentence_bounds(v)
    rng = range(v.i + 1, hi) if inverted else range(v.i - 1, lo - 1, -1)
    if not inverted:
        # « Au milieu des combats, Paul Martin, un dirigeant rebelle, a déclaré »: the person, not
        # the adjective or place of the apposition after the name
        for i in rng:
            t = v.doc[i]
            if t.pos_ == "VERB" or t.text in QUOTE_MARKS:
                break
            if t.ent_type_ in lex.labels.person_entities and (t.dep_ in lex.labels.name_parts or t.dep_ in lex.labels.subject):
                return t
    for i in rng:
        t = v.doc[i]
        if (t.pos_ == "VERB" and not inverted) or t.text in QUOTE_MARKS:
            break
        if _names_speaker(t, lex) or t.pos_ == "PROPN":
            return t
        if inverted and t.pos_ == "NOUN" and t.dep_ in lex.labels.subject:
            return t
    if inverted:
        for t in v.doc[v.i + 1:hi]:
            if t.pos_ == "NOUN":
                return t
    return None


def _names_speaker(t: Token, lex: QuoteLexicon) -> bool:
    """``t`` is part of a person's or an organisation's name."""
    return t.ent_type_ in lex.labels.person_entities or t.ent_type_ in lex.labels.org_entities


__all__ = ["can_speak", "direct_attribution", "inverted_attr", "source_at", "verb_attr"]
