"""Indirect speech: complement clauses of reporting verbs, noun reports and clauses beside a source phrase."""
from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, POS
from spacy.parts_of_speech import VERB
from spacy.tokens import Doc, Span, Token

from ...config import QuotesSettings
from ...lang.quotes import QuoteLexicon
from ...model import Document
from ..syntax import doc_text, lemma_reports, lowers, pos_tags, sentence_bounds, sentence_end
from .attribution import can_speak, inverted_attr, source_at, verb_attr
from .incise import name_before
from .spans import (SENTENCE_STOPS, Attr, Cand, QUOTE_MARKS, inside, quoted_share, trim, unquoted_content,
                    word_count)


def indirect_quotes(parsed: Doc, lex: QuoteLexicon, cfg: QuotesSettings, direct: list[tuple[int, int]]) -> list[Cand]:
    """The complement clauses of reporting verbs (« X a déclaré que … », "X said …")."""
    out = []
    text = doc_text(parsed)
    tags = pos_tags(parsed)
    for i in range(len(parsed)):
        if tags[i] != "VERB":
            continue
        v = parsed[i]
        if not lemma_reports(v, lex.indirect_verbs) or inside(v.idx, direct):
            continue
        if v.dep_ in lex.labels.open_complement and v.head.lemma_.lower() in lex.hedge_verbs:
            continue  # « ses propos semblent indiquer que … »: the writer's inference, not a report
        if _restrictive(v, lex):
            continue  # « le communiqué ne mentionne qu'un blessé »: « que » restricts, no clause follows
        for lo, hi, inverted in _complements(v, lex, cfg.clause_mark_tokens):
            span = _trim_tokens(parsed, lo, hi, lex)
            if span is None:
                continue
            a, b = _clip_paragraph(text, span, v.idx)
            first = parsed.char_span(a, b, alignment_mode="expand")
            if first is None or first[0].lower_ in lex.stop_words_np or _starts_with_source(first, lex):
                continue
            if quoted_share(a, b, direct) > cfg.quoted_share_max or word_count(text, a, b) < cfg.min_report_words:
                continue
            attr = inverted_attr(v, lex, after=hi) if inverted else verb_attr(v, lex, inverted=False, direct=direct)
            # "those responsible were “assessed to be …”": the report is the direct quote itself
            emit = unquoted_content(parsed, a, b, direct) >= cfg.min_unquoted_words
            out.append(Cand(a, b, "indirect", attr, emit=emit))
    return out


def headline_end(doc: Document, max_chars: int) -> int:
    """End of the headline the text opens with: the title given, else a short first line without a final stop."""
    text = doc.text
    if doc.title and text.startswith(doc.title):
        return len(doc.title)
    first = text.split("\n", 1)[0].rstrip()
    if "\n" in text and len(first) <= max_chars and first[-1:] not in (".", "!", "?", "…", ":", "»", "”", '"'):
        return len(first)
    return 0


def noun_reports(parsed: Doc, lex: QuoteLexicon, cfg: QuotesSettings, direct: list[tuple[int, int]],
                  taken: list[tuple[int, int]]) -> list[Cand]:
    """« Le ministère a fait état de trois blessés »: a report whose content is a noun phrase."""
    out = []
    text = doc_text(parsed)
    tags = pos_tags(parsed)
    for i in range(len(parsed)):
        if tags[i] not in ("VERB", "AUX"):
            continue
        v = parsed[i]
        if inside(v.idx, direct) or inside(v.idx, taken):
            continue
        noun = next((c for c in v.children if c.i == v.i + 1
                     and f"{v.lemma_.lower()} {c.lower_}" in lex.noun_reports), None)
        if noun is None:
            continue
        lo, hi = sentence_bounds(v)
        # the complement « de … » hangs on the verb or on the noun, depending on the parse
        comp = next((c for c in (*noun.children, *v.children)
                     if noun.i < c.i < hi and c.pos_ in ("NOUN", "PROPN", "PRON")
                     and any(m.dep_ in lex.labels.case and m.i == noun.i + 1 for m in c.children)), None)
        if comp is None:
            continue
        span = _trim_tokens(parsed, noun.i + 2, sentence_end(v, SENTENCE_STOPS), lex)
        if span is None or word_count(text, *span) < cfg.min_report_words \
                or quoted_share(*span, direct) > cfg.quoted_share_max:
            continue
        out.append(Cand(span[0], span[1], "indirect", verb_attr(v, lex, inverted=False, direct=direct)))
    return out


def object_reports(parsed: Doc, lex: QuoteLexicon, cfg: QuotesSettings, direct: list[tuple[int, int]],
                   taken: list[tuple[int, int]]) -> list[Cand]:
    """« Le Kremlin a annoncé l'arrestation de onze personnes », "survivors described a chaotic scene": the
    noun-phrase object of a verb that reports it (the lexicon's ``object_reports``)."""
    out: list[Cand] = []
    text = ""  # parsed.text is rebuilt from the tokens at each access: read once, and only for a candidate
    # one array read instead of a Token per word: verbs whose lemma is listed (lemmas of verbs are lower-case)
    strings = parsed.vocab.strings
    wanted = {strings.add(w) for w in lex.object_reports}
    rows = parsed.to_array([POS, LEMMA]) if len(parsed) else numpy.zeros((0, 2), dtype="uint64")
    for i in numpy.nonzero((rows[:, 0] == VERB) & numpy.isin(rows[:, 1], list(wanted)))[0]:
        v = parsed[int(i)]
        if inside(v.idx, direct) or inside(v.idx, taken):
            continue
        obj = next((c for c in v.children if c.dep_ in lex.labels.object and c.i > v.i and c.pos_ == "NOUN"), None)
        # a reported act has its subject before the verb (not « a rapporté le site »: an inverted speaker) and
        # says what it is about (« l'arrestation de onze personnes », not a bare « le bilan »)
        if obj is None or inside(obj.idx, taken) or can_speak(obj, lex) or obj.ent_type_ \
                or not any(c.dep_ in lex.labels.subject and c.i < v.i for c in v.children) \
                or not any(c.i > obj.i and not c.is_punct and c.dep_ not in lex.labels.relative
                           and c.lower_ not in lex.time_words and c.ent_type_ not in lex.labels.time_entities
                           for c in obj.children):
            continue
        lo, hi = sentence_bounds(v)
        # « a annoncé le plan que le conseil prépare »: a relative clause describes the object, it is not reported
        end = min((c.left_edge.i for c in obj.children if c.i > obj.i and c.dep_ in lex.labels.relative),
                  default=obj.right_edge.i + 1)
        span = _trim_tokens(parsed, max(obj.left_edge.i, v.i + 1), min(end, hi), lex)
        text = text or parsed.text
        if span is None or word_count(text, *span) < cfg.min_report_words \
                or quoted_share(*span, direct) > cfg.quoted_share_max:
            continue
        out.append(Cand(span[0], span[1], "indirect", verb_attr(v, lex, inverted=False, direct=direct),
                        emit=unquoted_content(parsed, *span, direct) >= cfg.min_unquoted_words))
    return out


def merge_pieces(text: str, cands: list[Cand]) -> list[Cand]:
    """"X said Americans being evacuated were told …": one clause the parser split in two pieces."""
    out: list[Cand] = []
    for c in sorted(cands, key=lambda c: (c.start, c.end)):
        prev = out[-1] if out else None
        if prev is not None and prev.attr.cue is not None and c.attr.cue is not None \
                and prev.attr.cue.i == c.attr.cue.i and prev.end <= c.start \
                and not text[prev.end:c.start].strip():
            out[-1] = Cand(prev.start, c.end, "indirect", prev.attr, emit=prev.emit or c.emit)
            continue
        out.append(c)
    return out


def _restrictive(v: Token, lex: QuoteLexicon) -> bool:
    """« ne … que » without « pas », « jamais »: the « que » means « only »."""
    kids = [c.lower_ for c in v.children]
    return any(k in lex.restrictive_negation for k in kids) and not any(k in lex.negation_words for k in kids)


def _complements(v: Token, lex: QuoteLexicon, reach: int) -> list[tuple[int, int, bool]]:
    """Token ranges [lo, hi) of the clauses reported by the verb ``v``, and whether the attribution is inverted."""
    doc = v.doc
    sent = doc[slice(*sentence_bounds(v))]
    out = []
    for c in v.children:
        # « reconnaître être à l'origine de … »: the parser may call the infinitive's predicate an object
        inf = (c.dep_ in lex.labels.open_complement or c.dep_ in lex.labels.object) \
            and lemma_reports(c.head, lex.infinitive_verbs) \
            and any("Inf" in u.morph.get("VerbForm") for u in [c, *c.children] if u.i <= c.i)
        if c.dep_ in lex.labels.clause_complement and not inf and not any(u.dep_ in lex.labels.subject or u.pos_ == "AUX" for u in c.children) \
                and (c.tag_ in lex.labels.participle_tags or "Part" in c.morph.get("VerbForm")):
            continue  # "said in a message posted on Twitter": a participle, not a reported clause
        if (c.dep_ in lex.labels.clause_complement and c.pos_ in ("VERB", "AUX", "ADJ")) or inf:
            if any(m.dep_ in lex.labels.mark and m.lower_ in lex.question_marks for m in c.children):
                continue
            lo, hi = c.left_edge.i, c.right_edge.i + 1
            if lo <= v.i < hi:
                hi = v.i  # the attribution sits inside a badly attached clause
            out.append((max(lo, sent.start), min(hi, sent.end), hi <= v.i))
    head = v.head
    if not out and v.dep_ in lex.labels.unattached and head.i > v.i and "Inf" in head.morph.get("VerbForm") \
            and lemma_reports(v, lex.infinitive_verbs):
        out.append((v.i + 1, min(head.right_edge.i + 1, sent.end), False))  # « en affirmant retenir … »
    if out:
        return out
    # Parser fallback: « a déclaré, mardi, que … », « raconte en effet que … » left unattached
    # (« a précisé au cours d'un point presse que … »), unless an object sits between:
    # « a annoncé le plan que le gouvernement prépare » is a relative clause
    for t in doc[v.i + 1:min(v.i + reach, sent.end)]:
        if t.lower_ in lex.clause_marks:
            return [(t.i, sent.end, False)]
        if t.pos_ in ("VERB", "AUX") or t.text in (".", ";", ":", "?", "!") or t.text in QUOTE_MARKS \
                or (t.dep_ in lex.labels.object and t.head.i == v.i):
            break
    # « Trois civils ont été tués, a indiqué le ministère. »: a postposed incise reports the clause before it
    k = v.i - 1
    while k > sent.start and doc[k].pos_ == "AUX":
        k -= 1
    if k > sent.start + 2 and doc[k].text == "," and doc[k - 1].text not in QUOTE_MARKS:
        if not any(c.dep_ in lex.labels.subject and c.i < v.i for c in v.children) \
                and name_before(v, sent.start, lex) is None and _has_main_clause(doc[sent.start:k], lex):
            return [(sent.start, k, True)]
    if k == sent.start and k > 0 and doc[k].pos_ == "AUX":
        k -= 1  # the parser cut « … blessés, | a rapporté le ministre »: the comma closes the sentence before
    if sent.start - 1 <= k <= sent.start and k > 0 and doc[k].text == "," and doc[k - 1].text not in QUOTE_MARKS \
            and "\n" not in doc[k - 1].text:
        # the parser cut the sentence before the incise (or inside a hyphenated word): take the clause back
        lo = sentence_bounds(doc[k - 1])[0]
        for _ in range(2):
            if lo > 0 and "\n" not in doc[lo - 1].text and not doc[lo].text[:1].isupper():
                lo = sentence_bounds(doc[lo - 1])[0]
        return [(lo, k, True)]
    return out


def _has_main_clause(span: Span, lex: QuoteLexicon) -> bool:
    """« Trois civils ont été tués » is a clause; « Le front, qui tient la vallée » only a subject."""
    for t in span:
        subjects = [c for c in t.children if c.dep_ in lex.labels.subject]
        if subjects and not any(c.lower_ in lex.stop_words_np for c in subjects):
            return True
    return False


def _clip_paragraph(text: str, span: tuple[int, int], anchor: int) -> tuple[int, int]:
    """A reported clause never crosses a paragraph break (titles run into the text otherwise)."""
    a, b = span
    cut = text.rfind("\n", a, min(anchor, b))
    if cut >= 0:
        a = cut + 1
    nl = text.find("\n", max(a, anchor), b)
    if nl >= 0:
        b = nl
    return trim(text, a, b) or span


def _starts_with_source(span: Span, lex: QuoteLexicon) -> bool:
    toks = list(span[:4])
    # « que, selon l'accord, les talibans … » is a report; « que, selon lui, … » a second attribution
    return any((src := source_at(toks, n, lex)) is not None and can_speak(src, lex)
               for n in range(min(2, len(toks))))


def _trim_tokens(doc: Doc, lo: int, hi: int, lex: QuoteLexicon) -> tuple[int, int] | None:
    while lo < hi and (doc[lo].lower_ in lex.clause_marks or doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space) and doc[hi - 1].text not in QUOTE_MARKS:
        hi -= 1
    if hi <= lo:
        return None
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)


def source_quotes(parsed: Doc, lex: QuoteLexicon, cfg: QuotesSettings, direct: list[tuple[int, int]],
                   indirect: list[tuple[int, int]]) -> list[Cand]:
    """« Selon X, … », "…, according to X": the clause beside the source phrase."""
    out = []
    firsts = {phrase.replace("'", "' ").split()[0] for phrase in lex.source_words}
    text = doc_text(parsed)
    forms = lowers(parsed)
    for i in range(len(parsed)):
        if forms[i] not in firsts:
            continue
        t = parsed[i]
        if not inside(t.idx, direct) and not inside(t.idx, indirect):
            cand = _source_clause(parsed, text, t, lex, cfg, direct)
            if cand is not None:
                out.append(cand)
    return out


def _source_end(src: Token, hi: int) -> int:
    """The end of the source phrase: its subtree, cut where a name is followed straight by a determiner
    (« Selon le major X les assaillants venaient … »: no comma, and the parser hung the clause's subject on X)."""
    end = src.i + 1
    for u in src.subtree:
        if u.i < end or u.i >= hi or u.is_punct:
            continue
        if u.pos_ == "DET" and u.i > 0 and u.doc[u.i - 1].pos_ == "PROPN" and u.i > src.i:
            break
        end = u.i + 1
    return end


def _source_clause(parsed: Doc, text: str, t: Token, lex: QuoteLexicon, cfg: QuotesSettings,
                   direct: list[tuple[int, int]]) -> Cand | None:
    """The reported clause of the source phrase at ``t``, with the source as speaker (``text``: ``parsed.text``)."""
    sent = t.sent
    toks = list(sent)
    src = source_at(toks, t.i - sent.start, lex)
    if src is None or not can_speak(src, lex):
        return None
    phrase_end = _source_end(src, sent.end)
    lo, hi = _between_sources(toks, t, phrase_end, lex)
    left = _trim_tokens(parsed, lo, t.i, lex) if t.i > lo else None
    right = _trim_tokens(parsed, phrase_end, hi, lex) if phrase_end < hi else None
    sides = [_clip_paragraph(text, s, t.idx) for s in (left, right) if s]
    sides = [s for s in sides if word_count(text, *s) >= cfg.min_report_words]
    if not sides:
        return None
    if lo > sent.start and left is not None and sides[0][0] == _clip_paragraph(text, left, t.idx)[0]:
        sides = sides[:1]  # « 300 morts selon X, voire 400 selon Y »: the second source reports what sits between
    head = src.head if src.head.i != src.i else src
    if not (t.i <= head.i < phrase_end):
        # « Des maisons ont brûlé, selon le maire, qui dénonce … »: the clause « selon » modifies
        sides = [s for s in sides if s[0] <= head.idx < s[1]] or sides
    a, b = max(sides, key=lambda s: s[1] - s[0])
    if quoted_share(a, b, direct) > cfg.quoted_share_max:
        return None
    return Cand(a, b, "indirect", Attr(cue=t, subject=src), 
                emit=unquoted_content(parsed, a, b, direct) >= cfg.min_unquoted_words)


def _between_sources(toks: list[Token], t: Token, phrase_end: int, lex: QuoteLexicon) -> tuple[int, int]:
    """« 300 morts selon X, voire 400 selon Y »: each source's clause stops at the other source phrase of its
    sentence; the token range [lo, hi) the source phrase at ``t`` (ending at ``phrase_end``) may report."""
    start = toks[0].i
    lo, hi = start, toks[-1].i + 1
    for n, u in enumerate(toks):
        if u.i == t.i or (src := source_at(toks, n, lex)) is None or not can_speak(src, lex):
            continue
        if u.i < t.i:  # the earlier source phrase ends at its first comma, wherever the parser hung the rest
            end = _source_end(src, t.i)
            lo = max(lo, next((w.i for w in toks[src.i - start:end - start] if w.is_punct), end))
        elif u.i >= phrase_end:
            hi = min(hi, u.i)
    return lo, hi
