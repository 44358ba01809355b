"""Quotes: direct and indirect speech with the speaker resolved to a full name.

Direct quotes are found on the characters (« », “ ”, " ", ‹ ›, paragraph
continuations, dialogue dashes), indirect speech on the dependency parse (the
complement clause of a reporting verb, the clause governed by « selon X »).
The speaker comes from the attribution (subject of the reporting verb, the
name after an inverted incise, the object of « selon »), then is resolved
through the document's entities: pronouns to the last speaker, descriptions
(« le porte-parole ») to the person given that role, surnames to full names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..config import Settings
from ..model import Document, Entity, Evidence, Quote, QuoteKind
from .entities import EntityIndex, build_entity_index, fold
from ..lang.quotes import QuoteLexicon, load_lexicon

_PAIRS = {"«": "»", "“": "”", "‹": "›", '"': '"', "„": "“"}
_OPEN_MARKS = frozenset(_PAIRS) | {"'"}
_QUOTE_MARKS = frozenset("«»“”‹›\"„")
_TRIM = " \t\n\r\u00a0\u202f\u2009,;:"
_DASHES = ("—", "–")
_WORD = re.compile(r"\w+")
_QUOTED_NAME = re.compile(r"[\s\u00a0\u202f]*([«“\"])[\s\u00a0\u202f]*([^»”\"\n]{2,40}?)[\s\u00a0\u202f]*[»”\"]")
_MAX_QUOTE = 3000  # longer "quotes" are unbalanced marks, not speech
_HEADLINE = 160  # a longer first line is a paragraph, not a headline
_RECENT = 1500  # chars within which a pronoun or description may point to the last speaker
_SUBJ_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "expl:subj"})
_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "parataxis", "acl", "dep"})
_NP_STOP_POS = frozenset({"VERB", "AUX", "PUNCT", "SCONJ", "CCONJ", "PRON"})


@dataclass(slots=True)
class _Attr:
    """Who a quote is attributed to, before resolution."""

    cue: Token | None = None
    subject: Token | None = None  # head of the speaker mention
    pronoun: str | None = None  # "sg" or "pl"
    handle: Token | None = None  # « @JeanDupont : “…” »
    previous: bool = False  # continuation of the last speaker
    incise: bool = False  # given by an incise right after the quote


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: QuoteKind
    attr: _Attr
    emit: bool = True  # False: only lends its attribution to the direct quotes inside it


@dataclass(slots=True)
class _Speaker:
    name: str
    evidence: Evidence | None
    role: str | None
    kind: str  # person, org, group


def extract_quotes(doc: Document, parsed: Doc, *, settings: Settings) -> tuple[list[Quote], list[Entity]]:
    """Every quotation of the document and the people and groups who speak."""
    lex = load_lexicon(doc.lang or parsed.lang_ or "fr")
    index = build_entity_index(doc, parsed, lex)
    text = doc.text
    cands = _direct_quotes(text, parsed, lex)
    direct_spans = [(c.start, c.end) for c in cands]
    indirect = _merge_pieces(text, _indirect_quotes(parsed, lex, direct_spans))
    indirect += _source_quotes(parsed, lex, direct_spans, [(c.start, c.end) for c in indirect])
    indirect += _noun_reports(parsed, lex, direct_spans, [(c.start, c.end) for c in indirect])
    headline = _headline_end(doc)
    # a headline report (« X says … ») restates the lead, where the article attributes it properly
    indirect = [c for c in indirect if c.start >= headline]
    for c in cands:
        if not c.attr.incise:
            host = next((i for i in indirect if i.start <= c.start and c.end <= i.end), None)
            if host is not None:
                c.attr = host.attr  # « selon X, les « mots » cités » / "X said they were “words”"
    cands += [c for c in indirect if c.emit]
    cands.sort(key=lambda c: (c.start, c.end))

    quotes: list[Quote] = []
    groups: dict[str, Entity] = {}
    history: list[tuple[int, _Speaker]] = []
    seen: set[tuple[int, int]] = set()
    said: dict[str, set[str]] = {}  # folded words of each direct quotation -> its speakers
    for c in cands:
        if (c.start, c.end) in seen:
            continue
        spk = _resolve(c, text, parsed, index, lex, history)
        if c.kind == "indirect" and spk is None:
            continue  # indirect speech counts only with an identifiable speaker
        seen.add((c.start, c.end))
        # speakers compared by their last word: « Hale » is the « Tom Hale » quoted before
        words, name = fold(text[c.start:c.end]), (fold(spk.name).split() or [""])[-1] if spk else ""
        if c.kind == "direct" and (name in said.get(words, ()) or (spk is None and words in said)):
            continue  # the same words quoted again (by the same or an unnamed speaker): one quotation
        said.setdefault(words, set()).add(name)
        if spk is not None:
            history.append((c.end, spk))
            if spk.kind == "group" and fold(spk.name) not in groups:
                groups[fold(spk.name)] = Entity(name=spk.name, kind="group",
                                                mentions=[spk.evidence] if spk.evidence else [])
        cue = Evidence.of(text, c.attr.cue.idx, c.attr.cue.idx + len(c.attr.cue.text)) if c.attr.cue else None
        quotes.append(Quote(evidence=Evidence.of(text, c.start, c.end), speaker=spk.name if spk else None,
                            kind=c.kind, speaker_evidence=spk.evidence if spk else None, cue=cue,
                            role=spk.role if spk else None))
    return quotes, index.entities + list(groups.values())


# ---------------------------------------------------------------- direct speech
def _direct_quotes(text: str, parsed: Doc, lex: QuoteLexicon) -> list[_Cand]:
    out: list[_Cand] = []
    for open_i, close_i, pieces in _quoted_spans(text):
        if _is_naming(text, open_i, lex):
            continue
        pieces = [p for p in (_trim(text, a, b) for a, b in pieces) if p]
        if not pieces or sum(len(_WORD.findall(text[a:b])) for a, b in pieces) < 2:
            continue
        inner = parsed.char_span(pieces[0][0], pieces[-1][1], alignment_mode="expand")
        if inner is not None and all(t.is_stop or t.is_punct or t.is_space for t in inner):
            continue  # « au moins », « en même temps »: emphasis on function words, not speech
        attr = _direct_attribution(text, parsed, lex, open_i, close_i)
        out += [_Cand(a, b, "direct", attr) for a, b in pieces]
    out += _dialogue_lines(text, parsed, lex, [(c.start, c.end) for c in out])
    out += _colon_speech(text, parsed, lex, [(c.start, c.end) for c in out])
    return out


def _colon_speech(text: str, parsed: Doc, lex: QuoteLexicon, taken: list[tuple[int, int]]) -> list[_Cand]:
    """« X rapporte : … » and a paragraph ending « … a ajouté : » before an unmarked quoted paragraph."""
    out = []
    for t in parsed:
        if t.text != ":" or t.i == 0 or _inside(t.idx, taken):
            continue
        lo, hi = _bounds(t)
        verb = next((u for u in parsed[lo:t.i] if u.pos_ == "VERB" and _is_reporting(u, lex.indirect_verbs)), None)
        nxt = t.i + 1
        if verb is None or nxt >= len(parsed) or parsed[nxt].text in _OPEN_MARKS:
            continue  # a marked quotation is found by its marks
        if verb.i == t.i - 1 and "\n" not in parsed[nxt].text:
            end = hi if hi > nxt else _bounds(parsed[nxt])[1]
            span = _trim(text, parsed[nxt].idx, parsed[end - 1].idx + len(parsed[end - 1].text))
        elif "\n" in parsed[nxt].text:
            start = parsed[nxt].idx + len(parsed[nxt].text)
            end = text.find("\n", start)
            span = _trim(text, start, len(text) if end < 0 else end)
            if span and text[span[0]] in _OPEN_MARKS:
                continue
        else:
            continue
        if span and len(_WORD.findall(text[span[0]:span[1]])) >= 3 and not _inside(span[0], taken):
            out.append(_Cand(span[0], span[1], "direct", _verb_attr(verb, lex, inverted=False)))
    return out


def _quoted_spans(text: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """(opening mark, closing mark, inner pieces) of every top-level quotation.

    A quotation running over paragraphs reopens its mark at each paragraph
    start; each paragraph is one piece.
    """
    out = []
    i, n = 0, len(text)
    while i < n:
        opener = text[i]
        closer = _PAIRS.get(opener)
        if closer is None or (opener == '"' and i > 0 and text[i - 1].isalnum()):
            i += 1
            continue
        pieces: list[tuple[int, int]] = []
        seg, j, depth, found = i + 1, i + 1, 0, False
        while j < n and j - i < _MAX_QUOTE:
            ch = text[j]
            if ch == closer and depth == 0:
                found = True
                break
            if ch == closer:
                depth -= 1
            elif ch == opener and opener != closer:
                depth += 1
            elif ch == "\n":
                k = j
                while k < n and text[k] in _TRIM:
                    k += 1
                if k < n and text[k] == opener:
                    pieces.append((seg, j))
                    seg, j = k + 1, k + 1
                    continue
                break
            j += 1
        if not found:
            i += 1
            continue
        pieces.append((seg, j))
        out.append((i, j, pieces))
        i = j + 1
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    return (a, b) if b > a else None


def _is_naming(text: str, open_i: int, lex: QuoteLexicon) -> bool:
    """« surnommé le “Lion” », "a campaign called “Free Speech”": a name, not speech."""
    before = [w.lower() for w in re.findall(r"[\w'’-]+", text[max(0, open_i - 40):open_i])]
    content = [w for w in before if w not in lex.determiners][-2:]
    if not content:
        return False
    return content[-1] in lex.naming_cues or " ".join(content) in lex.naming_cues


def _direct_attribution(text: str, parsed: Doc, lex: QuoteLexicon, open_i: int, close_i: int) -> _Attr:
    """The attribution of a direct quote: incise after it, cue before it, a handle, or continuation."""
    close_span = parsed.char_span(close_i, close_i + 1, alignment_mode="expand")
    open_span = parsed.char_span(open_i, open_i + 1, alignment_mode="expand")
    if close_span is None or open_span is None:
        return _Attr(previous=True)
    # After: « … », a-t-il déclaré / « … », selon X / "…," he said / "…," said X
    end = _bounds(close_span[-1])[1]
    ends_sentence = text[:close_i].rstrip(_TRIM + "»”›\"")[-1:] in ("?", "!", "…")
    if end < len(parsed) and (parsed[end].text == "," or parsed[end].text[:1].islower()):
        ends_sentence = True  # the parser cut « … », a déclaré X after the closing mark
    if ends_sentence and end <= close_span.end + 1 and end < len(parsed) \
            and "\n" not in text[close_i:parsed[end].idx]:
        end = _bounds(parsed[end])[1]  # « … ? » Mills asked: the incise was split off as a sentence
    after: list[Token] = []
    for t in parsed[close_span.end:end]:
        if t.text in _OPEN_MARKS or len(after) >= 8 or "\n" in t.text:
            break
        after.append(t)
    attr = _after_cue(after, lex)
    if attr is not None:
        attr.incise = True
        return attr
    before = list(parsed[_bounds(open_span[0])[0]:open_span.start])
    # « La Ligue « condamne l'attaque » »: the quote is the predicate of the subject just before it
    inside = range(open_span.start, close_span.end)
    for t in reversed(before):
        if t.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") and t.head.i in inside and t.pos_ in ("NOUN", "PROPN"):
            gov = t.head.head
            if t.head.dep_ == "ccomp" and gov.i not in inside and _is_reporting(gov, lex.reporting_verbs):
                break  # "X said the plan “worked”": the speaker is the subject of « said »
            return _Attr(cue=t.head, subject=t)
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
        return _Attr(subject=prev, handle=prev if "@" in prev.text else None)
    return _Attr(previous=not any(t.is_alpha for t in before))


def _after_cue(after: list[Token], lex: QuoteLexicon) -> _Attr | None:
    words = [t for t in after if not t.is_punct and not t.is_space]
    # "…,” Durand deflected. / « … », tranche-t-il.: a bare incise, whatever its verb
    short = bool(after) and after[-1].i + 1 >= _bounds(after[-1])[1] and 2 <= len(words) <= 3 \
        and any(t.ent_type_ in ("PER", "PERSON") or _pronoun_kind(t, lex) for t in words)
    for n, t in enumerate(after):
        if t.pos_ in ("CCONJ", "SCONJ"):
            return None  # "… the “word” and said …": a new clause, not an incise
        if t.pos_ == "VERB" or (t.pos_ == "AUX" and _is_reporting(t, lex.reporting_verbs)):
            if not _is_reporting(t, lex.reporting_verbs) and not short:
                return None
            if t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in lex.clause_marks:
                return None  # « « … », soulignant que … »: a new report, not the incise of this quote
            attr = _inverted_attr(t, lex, after[0].i)
            # « X « condamne » …, appelant « … » »: an incise naming nobody leaves the cue before the quote
            return attr if attr.subject is not None else None
        src = _source_at(after, n, lex)
        if src is not None and _can_speak(src, lex):
            return _Attr(cue=t, subject=src)
    return None


def _before_cue(before: list[Token], lex: QuoteLexicon) -> _Attr | None:
    for n in range(len(before) - 1, -1, -1):
        t = before[n]
        if t.text in _QUOTE_MARKS:
            return None  # another quotation sits between: its cue is not ours
        if (t.pos_ in ("VERB", "AUX") and _is_reporting(t, lex.reporting_verbs)
                and not (t.dep_ == "acl" and "Part" in t.morph.get("VerbForm"))) \
                or _mistagged_report(t, lex):  # not « un communiqué publié … », but « a tweeté »
            if t.pos_ not in ("VERB", "AUX") and not any(c.dep_ in _SUBJ_DEPS for c in t.children):
                # the auxiliary took the participle's place in the tree, and its subject
                attr = _verb_attr(t.doc[t.i - 1], lex, inverted=False)
                return _Attr(cue=t, subject=attr.subject, pronoun=attr.pronoun)
            return _verb_attr(t, lex, inverted=False)
        src = _source_at(before, n, lex)
        if src is not None and _can_speak(src, lex):
            return _Attr(cue=t, subject=src)
    return None


def _dialogue_lines(text: str, parsed: Doc, lex: QuoteLexicon, taken: list[tuple[int, int]]) -> list[_Cand]:
    """« — Nous tiendrons, répond-il. »: a paragraph opened by a dash is speech up to its incise."""
    out = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.lstrip(" \t\u00a0")
        if not stripped.startswith(_DASHES) or len(stripped) < 4 or stripped[1] not in " \u00a0\u202f":
            continue
        a = start + (len(line) - len(stripped)) + 2
        span = parsed.char_span(a, start + len(line), alignment_mode="expand")
        if span is None or any(s < start + len(line) and a < e for s, e in taken):
            continue
        end, attr = start + len(line), _Attr(previous=True)
        for t in span:
            if t.i > span.start and t.nbor(-1).text == "," and _is_reporting(t, lex.reporting_verbs):
                end, attr = t.nbor(-1).idx, _inverted_attr(t, lex)
                break
            if (t.i > span.start + 1 and t.nbor(-1).pos_ == "AUX" and t.nbor(-2).text == ","
                    and _is_reporting(t, lex.reporting_verbs)):
                end, attr = t.nbor(-2).idx, _inverted_attr(t, lex)
                break
        piece = _trim(text, a, end)
        if piece and len(_WORD.findall(text[piece[0]:piece[1]])) >= 2:
            out.append(_Cand(piece[0], piece[1], "direct", attr))
    return out


# ---------------------------------------------------------------- indirect speech
def _indirect_quotes(parsed: Doc, lex: QuoteLexicon, direct: list[tuple[int, int]]) -> list[_Cand]:
    out = []
    text = parsed.text
    for v in parsed:
        if v.pos_ != "VERB" or not _is_reporting(v, lex.indirect_verbs) or _inside(v.idx, direct):
            continue
        if v.dep_ == "xcomp" and v.head.lemma_.lower() in lex.hedge_verbs:
            continue  # « ses propos semblent indiquer que … »: the writer's inference, not a report
        if _restrictive(v, lex):
            continue  # « le communiqué ne mentionne qu'un blessé »: « que » restricts, no clause follows
        for lo, hi, inverted in _complements(v, lex):
            span = _trim_tokens(parsed, lo, hi, lex)
            if span is None:
                continue
            a, b = _clip_paragraph(text, span, v.idx)
            first = parsed.char_span(a, b, alignment_mode="expand")
            if first is None or first[0].lower_ in lex.stop_words_np or _starts_with_source(first, lex):
                continue
            if _quoted_share(a, b, direct) > 0.6 or len(_WORD.findall(text[a:b])) < 3:
                continue
            attr = _inverted_attr(v, lex, after=hi) if inverted else _verb_attr(v, lex, inverted=False, direct=direct)
            # "those responsible were “assessed to be …”": the report is the direct quote itself
            out.append(_Cand(a, b, "indirect", attr, emit=_unquoted_content(parsed, a, b, direct) >= 2))
    return out


def _headline_end(doc: Document) -> int:
    """End of the headline the text opens with: the title given, else a short first line without a final stop."""
    text = doc.text
    if doc.title and text.startswith(doc.title):
        return len(doc.title)
    first = text.split("\n", 1)[0].rstrip()
    if "\n" in text and len(first) <= _HEADLINE and first[-1:] not in (".", "!", "?", "…", ":", "»", "”", '"'):
        return len(first)
    return 0


def _noun_reports(parsed: Doc, lex: QuoteLexicon, direct: list[tuple[int, int]],
                  taken: list[tuple[int, int]]) -> list[_Cand]:
    """« Le ministère a fait état de trois blessés »: a report whose content is a noun phrase."""
    out = []
    text = parsed.text
    for v in parsed:
        if v.pos_ not in ("VERB", "AUX") or _inside(v.idx, direct) or _inside(v.idx, taken):
            continue
        noun = next((c for c in v.children if c.i == v.i + 1
                     and f"{v.lemma_.lower()} {c.lower_}" in lex.noun_reports), None)
        if noun is None:
            continue
        lo, hi = _bounds(v)
        # the complement « de … » hangs on the verb or on the noun, depending on the parse
        comp = next((c for c in (*noun.children, *v.children)
                     if noun.i < c.i < hi and c.pos_ in ("NOUN", "PROPN", "PRON")
                     and any(m.dep_ == "case" and m.i == noun.i + 1 for m in c.children)), None)
        if comp is None:
            continue
        span = _trim_tokens(parsed, noun.i + 2, _sentence_end(v), lex)
        if span is None or len(_WORD.findall(text[span[0]:span[1]])) < 3 or _quoted_share(*span, direct) > 0.6:
            continue
        out.append(_Cand(span[0], span[1], "indirect", _verb_attr(v, lex, inverted=False, direct=direct)))
    return out


def _sentence_end(t: Token) -> int:
    """End of the sentence of ``t``, mended where the parser cut inside it (« attentats-suicides »)."""
    doc = t.doc
    hi = _bounds(t)[1]
    while hi < len(doc) and doc[hi - 1].text not in (".", "!", "?", "…", ";", ":") \
            and "\n" not in doc[hi - 1].text and "\n" not in doc[hi].text and not doc[hi].text[:1].isupper():
        hi = _bounds(doc[hi])[1]
    return hi


def _merge_pieces(text: str, cands: list[_Cand]) -> list[_Cand]:
    """"X said Americans being evacuated were told …": one clause the parser split in two pieces."""
    out: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.start, c.end)):
        prev = out[-1] if out else None
        if prev is not None and prev.attr.cue is not None and c.attr.cue is not None \
                and prev.attr.cue.i == c.attr.cue.i and prev.end <= c.start \
                and not text[prev.end:c.start].strip():
            out[-1] = _Cand(prev.start, c.end, "indirect", prev.attr, emit=prev.emit or c.emit)
            continue
        out.append(c)
    return out


def _restrictive(v: Token, lex: QuoteLexicon) -> bool:
    """« ne … que » without « pas », « jamais »: the « que » means « only »."""
    kids = [c.lower_ for c in v.children]
    return any(k in lex.restrictive_negation for k in kids) and not any(k in lex.negation_words for k in kids)


def _complements(v: Token, lex: QuoteLexicon) -> list[tuple[int, int, bool]]:
    """Token ranges [lo, hi) of the clauses reported by the verb ``v``, and whether the attribution is inverted."""
    doc = v.doc
    sent = doc[slice(*_bounds(v))]
    out = []
    for c in v.children:
        inf = c.dep_ == "xcomp" and _is_reporting(c.head, lex.infinitive_verbs) \
            and any("Inf" in u.morph.get("VerbForm") for u in [c, *c.children] if u.i <= c.i)
        if c.dep_ == "ccomp" and not inf and not any(u.dep_ in _SUBJ_DEPS or u.pos_ == "AUX" for u in c.children) \
                and (c.tag_ in ("VBN", "VBG", "VBD") or "Part" in c.morph.get("VerbForm")):
            continue  # "said in a message posted on Twitter": a participle, not a reported clause
        if (c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX", "ADJ")) or inf:
            if any(m.dep_ == "mark" and m.lower_ in lex.question_marks for m in c.children):
                continue
            lo, hi = c.left_edge.i, c.right_edge.i + 1
            if lo <= v.i < hi:
                hi = v.i  # the attribution sits inside a badly attached clause
            out.append((max(lo, sent.start), min(hi, sent.end), hi <= v.i))
    head = v.head
    if not out and v.dep_ == "dep" and head.i > v.i and "Inf" in head.morph.get("VerbForm") \
            and _is_reporting(v, lex.infinitive_verbs):
        out.append((v.i + 1, min(head.right_edge.i + 1, sent.end), False))  # « en affirmant retenir … »
    if out:
        return out
    # Parser fallback: « a déclaré, mardi, que … », « raconte en effet que … » left unattached
    # (« a précisé au cours d'un point presse que … »), unless an object sits between:
    # « a annoncé le plan que le gouvernement prépare » is a relative clause
    for t in doc[v.i + 1:min(v.i + 12, sent.end)]:
        if t.lower_ in lex.clause_marks:
            return [(t.i, sent.end, False)]
        if t.pos_ in ("VERB", "AUX") or t.text in (".", ";", ":", "?", "!") or t.text in _QUOTE_MARKS \
                or (t.dep_ in ("obj", "dobj") and t.head.i == v.i):
            break
    # « Trois civils ont été tués, a indiqué le ministère. »: a postposed incise reports the clause before it
    k = v.i - 1
    while k > sent.start and doc[k].pos_ == "AUX":
        k -= 1
    if k > sent.start + 2 and doc[k].text == "," and doc[k - 1].text not in _QUOTE_MARKS:
        if not any(c.dep_ in _SUBJ_DEPS and c.i < v.i for c in v.children) and _has_main_clause(doc[sent.start:k], lex):
            return [(sent.start, k, True)]
    if k == sent.start and k > 0 and doc[k].text == "," and doc[k - 1].text not in _QUOTE_MARKS \
            and "\n" not in doc[k - 1].text:
        # the parser cut the sentence before the incise (or inside a hyphenated word): take the clause back
        lo = _bounds(doc[k - 1])[0]
        for _ in range(2):
            if lo > 0 and "\n" not in doc[lo - 1].text and not doc[lo].text[:1].isupper():
                lo = _bounds(doc[lo - 1])[0]
        return [(lo, k, True)]
    return out


def _has_main_clause(span: Span, lex: QuoteLexicon) -> bool:
    """« Trois civils ont été tués » is a clause; « Le front, qui tient la vallée » only a subject."""
    for t in span:
        subjects = [c for c in t.children if c.dep_ in _SUBJ_DEPS]
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
    return _trim(text, a, b) or span


def _starts_with_source(span: Span, lex: QuoteLexicon) -> bool:
    toks = list(span[:4])
    # « que, selon l'accord, les talibans … » is a report; « que, selon lui, … » a second attribution
    return any((src := _source_at(toks, n, lex)) is not None and _can_speak(src, lex)
               for n in range(min(2, len(toks))))


def _trim_tokens(doc: Doc, lo: int, hi: int, lex: QuoteLexicon) -> tuple[int, int] | None:
    while lo < hi and (doc[lo].lower_ in lex.clause_marks or doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space) and doc[hi - 1].text not in _QUOTE_MARKS:
        hi -= 1
    if hi <= lo:
        return None
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)


def _source_quotes(parsed: Doc, lex: QuoteLexicon, direct: list[tuple[int, int]],
                   indirect: list[tuple[int, int]]) -> list[_Cand]:
    """« Selon X, … », "…, according to X": the clause beside the source phrase."""
    out = []
    firsts = {phrase.replace("'", "' ").split()[0] for phrase in lex.source_words}
    text = parsed.text  # built anew from the tokens at each access: read once
    for t in parsed:
        if t.lower_ in firsts and not _inside(t.idx, direct) and not _inside(t.idx, indirect):
            cand = _source_clause(parsed, text, t, lex, direct)
            if cand is not None:
                out.append(cand)
    return out


def _source_clause(parsed: Doc, text: str, t: Token, lex: QuoteLexicon,
                   direct: list[tuple[int, int]]) -> _Cand | None:
    """The reported clause of the source phrase at ``t``, with the source as speaker (``text``: ``parsed.text``)."""
    sent = t.sent
    toks = list(sent)
    src = _source_at(toks, t.i - sent.start, lex)
    if src is None or not _can_speak(src, lex):
        return None
    phrase_end = src.i + 1
    for u in src.subtree:
        if phrase_end <= u.i < sent.end and not u.is_punct:
            phrase_end = u.i + 1
    left = _trim_tokens(parsed, sent.start, t.i, lex) if t.i > sent.start else None
    right = _trim_tokens(parsed, phrase_end, sent.end, lex) if phrase_end < sent.end else None
    sides = [_clip_paragraph(text, s, t.idx) for s in (left, right) if s]
    sides = [s for s in sides if len(_WORD.findall(text[s[0]:s[1]])) >= 3]
    if not sides:
        return None
    head = src.head if src.head.i != src.i else src
    if not (t.i <= head.i < phrase_end):
        # « Des maisons ont brûlé, selon le maire, qui dénonce … »: the clause « selon » modifies
        sides = [s for s in sides if s[0] <= head.idx < s[1]] or sides
    a, b = max(sides, key=lambda s: s[1] - s[0])
    if _quoted_share(a, b, direct) > 0.6:
        return None
    return _Cand(a, b, "indirect", _Attr(cue=t, subject=src), emit=_unquoted_content(parsed, a, b, direct) >= 2)


def _can_speak(t: Token, lex: QuoteLexicon) -> bool:
    """« selon le ministre », « selon lui », "according to AFP" -- not « selon l'accord »."""
    if t.lower_ in lex.stop_words_np or "Rel" in t.morph.get("PronType"):
        return False  # « les rumeurs selon lesquelles … »
    if t.ent_type_ or t.pos_ in ("PROPN", "PRON"):
        return True
    return t.lower_ in lex.speaker_nouns or t.lemma_.lower() in lex.speaker_nouns


def _source_at(toks: list[Token], n: int, lex: QuoteLexicon) -> Token | None:
    """The head noun of the source when ``toks[n]`` starts « selon X », « d'après X », "according to X"."""
    first = toks[n].lower_
    if not any(phrase.startswith(first) for phrase in lex.source_words):
        return None
    for phrase in lex.source_words:
        words = phrase.replace("'", "' ").split()
        seq = toks[n:n + len(words)]
        if len(seq) < len(words) or [t.lower_.rstrip() for t in seq] != [w.strip() for w in words]:
            continue
        end = n + len(words)
        last = seq[-1]
        for t in toks[end:end + 8]:
            if t.head.i == last.i or last.head.i == t.i or t.head.i == seq[0].i:
                if t.pos_ in ("NOUN", "PROPN", "PRON"):
                    return t
        for t in toks[end:end + 6]:
            if t.pos_ in ("NOUN", "PROPN", "PRON"):
                return t
            if t.is_punct:
                break
    return None


# ---------------------------------------------------------------- attribution
def _is_reporting(t: Token, verbs: frozenset[str]) -> bool:
    lemma = t.lemma_.lower()
    if lemma in verbs:
        return True
    # « faire savoir », « faire valoir »: listed with their light verb
    return t.head.i != t.i and f"{t.head.lemma_.lower()} {lemma}" in verbs


def _verb_attr(v: Token, lex: QuoteLexicon, inverted: bool, direct: list[tuple[int, int]] | None = None) -> _Attr:
    """The speaker of a reporting verb: its subject, climbing coordinations and infinitives."""
    if any(c.dep_ in ("nsubj:pass", "nsubjpass", "expl:pass") and c.lower_ in lex.impersonal_pronouns
           for c in v.children):
        return _Attr(cue=v)  # « il leur a été expliqué que », "it was reported that": nobody speaks
    place = _place_of_speech(v, lex)
    if place is not None:
        return _Attr(cue=v, subject=place)
    cur = v
    for _ in range(4):
        for c in cur.children:
            pron = _pronoun_kind(c, lex)
            if pron and (c.dep_ in _SUBJ_DEPS or c.dep_ == "dep" or c.i > cur.i):
                return _Attr(cue=v, subject=c, pronoun=pron)
        lo, hi = _bounds(v)
        subj = next((c for c in cur.children if c.dep_ in _SUBJ_DEPS and lo <= c.i < hi), None)
        if subj is not None and subj.lower_ in lex.stop_words_np and cur.dep_.startswith("acl"):
            return _Attr(cue=v, subject=cur.head)  # « le ministre, qui a déclaré » -> the antecedent
        if subj is not None and not _bogus_subject(subj):
            return _Attr(cue=v, subject=subj)
        if cur.i != v.i and _is_incise(cur):
            # « « … », ajoutait la présidence en affirmant que … »: the subject of the incise
            inv = _inverted_attr(cur, lex)
            if inv.subject is not None:
                return _Attr(cue=v, subject=inv.subject, pronoun=inv.pronoun)
        passive_head = any(c.dep_ in ("nsubj:pass", "nsubjpass") for c in cur.head.children)
        if cur.dep_ == "conj" and passive_head and not _is_reporting(cur.head, lex.reporting_verbs):
            # « X ont été attaqués, selon Y, qui dénonce … et assure »: a misattached coordination,
            # whose subject is the one of the nearest active verb before the conjunction
            left = _left_conjunct(cur) if cur.i == v.i else None
            if left is not None:
                return _Attr(cue=v, subject=_verb_attr(left, lex, inverted=False).subject)
            break
        if cur.dep_ in _CLIMB_DEPS and cur.head.i != cur.i and cur.head.pos_ in ("VERB", "AUX") \
                and (cur.head.i < v.i if direct is None else not _inside(cur.head.idx, direct)):
            cur = cur.head
            continue
        break
    near = _nearest_name(v, inverted)
    if near is None and not inverted and cur.i != v.i:
        # « », ajoutait la présidence en affirmant que … »: the subject follows the verb
        return _Attr(cue=v, subject=_inverted_attr(cur, lex).subject)
    return _Attr(cue=v, subject=near)


def _place_of_speech(v: Token, lex: QuoteLexicon) -> Token | None:
    """« Dans l'entourage du ministre, on assure que … »: « on » speaks for the group named before it."""
    if not any(c.dep_ in _SUBJ_DEPS and c.lower_ in lex.indefinite_subjects for c in v.children):
        return None
    return next((c for c in v.children if c.i < v.i and c.dep_.startswith("obl") and c.pos_ in ("NOUN", "PROPN")
                 and any(m.dep_ == "case" and m.lower_ in lex.speech_places for m in c.children)), None)


def _mistagged_report(t: Token, lex: QuoteLexicon) -> bool:
    """« a tweeté » tagged as a noun after its auxiliary: a reporting participle all the same."""
    if t.pos_ not in ("NOUN", "PROPN", "ADJ") or t.i == 0 or t.doc[t.i - 1].lemma_.lower() not in lex.auxiliaries:
        return False
    low = t.lower_
    stems = {low[:-len(end)] + inf for end, inf in lex.participle_endings if low.endswith(end)}
    return any(stem in lex.reporting_verbs for stem in stems)


def _is_incise(v: Token) -> bool:
    """« », ajoute-t-il », « », a précisé le ministère »: a verb right after a comma or a closing mark."""
    k = v.i - 1
    while k >= 0 and v.doc[k].pos_ == "AUX":
        k -= 1
    return k >= 0 and v.doc[k].text in (",", "»", "”", '"') and not any(c.dep_ in _SUBJ_DEPS and c.i < v.i
                                                                     for c in v.children)


def _left_conjunct(v: Token) -> Token | None:
    """The nearest verb before ``v`` in its sentence with an active subject: its true first conjunct."""
    lo = _bounds(v)[0]
    for t in reversed(v.doc[lo:v.i]):
        if t.pos_ == "VERB" and any(c.dep_ in ("nsubj", "expl:subj") for c in t.children):
            return t
    return None


def _inverted_attr(v: Token, lex: QuoteLexicon, after: int | None = None) -> _Attr:
    """The speaker of an incise after the quote: « », a-t-il dit / a déclaré le ministre, Paul Martin »."""
    doc = v.doc
    lo, hi = _bounds(v)
    lo = max(lo, v.i if after is None else after)  # the speaker is never inside the quote
    for c in v.children:  # "…," Mills asked Durand / « … », relate un conseiller
        if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") and c.pos_ in ("NOUN", "PROPN") \
                and not _bogus_subject(c) and lo <= c.i < hi:
            return _Attr(cue=v, subject=c)
    k = v.i + 1
    while k < hi and doc[k].pos_ == "DET":
        k += 1
    if k < hi and doc[k].ent_type_ in ("PER", "PERSON", "ORG", "NORP"):
        return _Attr(cue=v, subject=doc[k])
    for c in v.children:
        pron = _pronoun_kind(c, lex)
        if pron:
            return _Attr(cue=v, subject=c, pronoun=pron)
    for c in v.children:  # "…," he said / "…," Okafor added: the subject before the verb
        if c.dep_ in _SUBJ_DEPS and not _bogus_subject(c) and lo <= c.i < hi:
            subtree = [t for t in c.subtree if t.i > v.i]
            persons = [t for t in subtree if t.ent_type_ in ("PER", "PERSON")]
            return _Attr(cue=v, subject=persons[0] if persons else c)
    end = v.i + 1
    while end < hi and doc[end].text not in _QUOTE_MARKS and doc[end].pos_ != "VERB" \
            and "\n" not in doc[end].text:
        end += 1
    for t in doc[v.i + 1:end]:
        if t.ent_type_ in ("PER", "PERSON"):
            return _Attr(cue=v, subject=t)
    for t in doc[v.i + 1:end]:
        if t.pos_ in ("NOUN", "PROPN") and not any(c.dep_ == "case" for c in t.children) \
                and t.lower_ not in lex.time_words and t.ent_type_ not in ("DATE", "TIME"):
            return _Attr(cue=v, subject=t)
    return _Attr(cue=v)


def _pronoun_kind(t: Token, lex: QuoteLexicon) -> str | None:
    if t.lower_ == "-t":  # « a-t-il » split as « -t » + « -il »
        return next((k for c in t.children if (k := _pronoun_kind(c, lex))), None)
    low = t.lower_
    bare = low[3:] if low.startswith("-t-") else low.lstrip("-")
    if low in lex.pronouns_singular or bare in lex.pronouns_singular:
        return "sg"
    if low in lex.pronouns_plural or bare in lex.pronouns_plural:
        return "pl"
    return None


def _bogus_subject(t: Token) -> bool:
    """« Au milieu des combats, X a déclaré » parsed with « milieu » as subject."""
    return any(c.dep_ == "case" for c in t.children) or t.pos_ in ("ADP", "PUNCT") \
        or (t.pos_ == "NUM" and not any(c.pos_ in ("NOUN", "PROPN", "ADP") for c in t.children))


def _nearest_name(v: Token, inverted: bool) -> Token | None:
    """Parser fallback: the proper noun nearest the verb in its clause (after it for an incise)."""
    lo, hi = _bounds(v)
    rng = range(v.i + 1, hi) if inverted else range(v.i - 1, lo - 1, -1)
    if not inverted:
        # « Au milieu des combats, Paul Martin, un dirigeant rebelle, a déclaré »: the person, not
        # the adjective or place of the apposition after the name
        for i in rng:
            t = v.doc[i]
            if t.pos_ == "VERB" or t.text in _QUOTE_MARKS:
                break
            if t.ent_type_ in ("PER", "PERSON") and t.dep_ in ("appos", "flat:name", "flat", "compound", *_SUBJ_DEPS):
                return t
    for i in rng:
        t = v.doc[i]
        if (t.pos_ == "VERB" and not inverted) or t.text in _QUOTE_MARKS:
            break
        if t.ent_type_ in ("PER", "PERSON", "ORG", "NORP") or t.pos_ == "PROPN":
            return t
        if inverted and t.pos_ == "NOUN" and t.dep_ in _SUBJ_DEPS:
            return t
    if inverted:
        for t in v.doc[v.i + 1:hi]:
            if t.pos_ == "NOUN":
                return t
    return None


def _resolve(c: _Cand, text: str, parsed: Doc, index: EntityIndex, lex: QuoteLexicon,
             history: list[tuple[int, _Speaker]]) -> _Speaker | None:
    attr = c.attr
    last = _last_speaker(history, c.start)
    if attr.previous or (attr.subject is None and attr.cue is None):
        return last if attr.previous else None
    s = attr.subject
    if s is None:
        return None
    if attr.handle is not None:
        ent = index.by_handle(s.text)
        return _Speaker(ent.name, _ev(text, s), ent.role, ent.kind) if ent else None
    if attr.pronoun is not None or s.lower_ in lex.pronouns_singular or s.lower_ in lex.pronouns_plural:
        plural = attr.pronoun == "pl" or s.lower_ in lex.pronouns_plural
        return _pronoun(s, text, index, history, plural)
    if s.lower_ in lex.first_person:
        return None
    if s.lower_ in lex.partitives:
        # « l'un des responsables », "one of the officials": the group named after it
        s = next((t for t in s.subtree if t.i > s.i and t.pos_ in ("NOUN", "PROPN")), s)
    tokens = list(s.subtree) if s.dep_ != "ROOT" else [s]
    sent = s.sent  # Token.sent scans for the boundaries at every access: once
    tokens = [t for t in tokens if sent.start <= t.i < sent.end]
    persons = index.in_tokens(tokens, "person")
    if persons:
        t, ent = min(persons, key=lambda p: abs(p[0].i - s.i))
        return _entity_speaker(ent, t, text, index)
    ent = index.at(s)
    if ent is not None:
        return _entity_speaker(ent, s, text, index)
    named = _quoted_name(s, text) or _proper_apposition(s)
    if named is not None:
        return _Speaker(text[named[0]:named[1]], Evidence.of(text, *named), None, "org")
    np = _noun_phrase(s, lex)
    if np is None:
        return None
    a, b = np
    phrase = fold(text[a:b])
    if any(w in phrase for w in lex.same_source):
        return last
    head = s.lower_ if s.lower_ in lex.role_nouns else s.lemma_.lower()
    if head in lex.role_nouns and _definite(s, lex) and s.tag_ not in ("NNS", "NNPS") \
            and "Plur" not in s.morph.get("Number"):
        ent = index.by_role(head, c.start, lex.role_synonyms.get(head, frozenset()))
        if ent is not None:
            return _Speaker(ent.name, Evidence.of(text, a, b), ent.role, "person")
        bare = not any(t.i > s.i for t in s.subtree if not t.is_punct)
        if bare:
            # « le porte-parole a ajouté », « la source » with nothing more: the one just quoted
            person_only = head in lex.role_nouns and head != "source"
            prev = next((spk for pos, spk in reversed(history) if c.start - pos <= _RECENT
                         and (spk.kind == "person" or not person_only)), None)
            if prev is not None:
                return _Speaker(prev.name, Evidence.of(text, a, b), prev.role, prev.kind)
    if head in lex.anaphoric_org_nouns and _definite(s, lex) and "Plur" not in s.morph.get("Number") \
            and s.tag_ not in ("NNS", "NNPS"):
        after = [t for t in s.subtree if t.i > s.i and not t.is_punct]
        if not after:
            # « le média a indiqué », "the agency said": the organisation quoted just before
            prev = next((spk for pos, spk in reversed(history)
                         if c.start - pos <= _RECENT and spk.kind == "org"), None)
            if prev is not None:
                return _Speaker(prev.name, Evidence.of(text, a, b), prev.role, prev.kind)
        elif not any(t.pos_ in ("PROPN", "VERB", "AUX", "PRON") or t.ent_type_ for t in after):
            # « la chaîne de télévision assure », "the news network said": a description of the
            # organisation last made subject, else the one quoted just before
            ent = _last_org_subject(s, index)
            prev = next((spk for pos, spk in reversed(history)
                         if c.start - pos <= _RECENT and spk.kind == "org"), None)
            if ent is not None:
                return _Speaker(_display_name(ent), Evidence.of(text, a, b), ent.role, ent.kind)
            if prev is not None:
                return _Speaker(prev.name, Evidence.of(text, a, b), prev.role, prev.kind)
    orgs = index.in_tokens(tokens, "org")
    # « le site spécialisé Site Intelligence », "the US network CNN": the name in apposition
    named_org = [(t, e) for t, e in orgs if 0 < t.i - s.i <= 3
                 and not any(u.pos_ == "ADP" for u in s.doc[s.i + 1:t.i])]
    if named_org:
        orgs = named_org
    if orgs and (named_org or len(tokens) <= 3 or not _can_speak(s, lex)):
        t, ent = orgs[0]
        return _entity_speaker(ent, t, text, index)
    words = text[a:b]
    return _Speaker(words, Evidence.of(text, a, b), words if head in lex.role_nouns else None, "group")


def _last_org_subject(s: Token, index: EntityIndex) -> Entity | None:
    """The organisation last mentioned as the subject of a clause, in the few sentences before ``s``."""
    doc = s.doc
    lo = s.doc[_bounds(s)[0]].idx
    for start, end, ent in reversed(index.mentions):
        if start >= lo:
            continue
        if lo - start > _RECENT:
            break
        span = doc.char_span(start, end, alignment_mode="expand")
        if ent.kind == "org" and span is not None and any(t.dep_ in _SUBJ_DEPS for t in span):
            return ent
    return None


def _entity_speaker(ent: Entity, t: Token, text: str, index: EntityIndex) -> _Speaker:
    name = _display_name(ent)
    for start, end, e in index.mentions:
        if e is ent and start <= t.idx < end:
            return _Speaker(name, Evidence.of(text, start, end), ent.role, ent.kind)
    return _Speaker(name, _ev(text, t), ent.role, ent.kind)


def _display_name(ent: Entity) -> str:
    """An organisation as the document introduces it, « Front uni de libération (FUL) »: readers know either form."""
    if ent.kind != "org":
        return ent.name
    acronym = next((a for a in ent.aliases if a.isupper() and 2 <= len(a) <= 8 and " " not in a), None)
    if acronym is None or acronym == ent.name or not ent.name[:1].isupper():
        return ent.name
    return f"{ent.name} ({acronym})"


def _pronoun(s: Token, text: str, index: EntityIndex, history: list[tuple[int, _Speaker]],
             plural: bool) -> _Speaker | None:
    """« il », "he" -> the last person who spoke or was the subject since; « ils », "they" -> the last group."""
    ev = _ev(text, s)
    last = _last_speaker(history, s.idx)
    since = history[-1][0] if history else 0
    if not plural:
        # « Moreau a rendu les compliments. « … », a-t-il ajouté »: a person made subject after the last quote
        for start, _end, ent in reversed(index.mentions):
            if start < since or start >= s.doc[_bounds(s)[0]].idx:
                continue
            tok = s.doc.char_span(start, _end, alignment_mode="expand")
            if ent.kind == "person" and tok is not None and any(t.dep_ in _SUBJ_DEPS for t in tok):
                return _Speaker(ent.name, ev, ent.role, ent.kind)
    if last is not None and (not plural or last.kind != "person"):
        return _Speaker(last.name, ev, last.role, last.kind)
    ent = index.last_before(s.idx, "org" if plural else "person")
    return _Speaker(ent.name, ev, ent.role, ent.kind) if ent else None


def _proper_apposition(s: Token) -> tuple[int, int] | None:
    """« le site spécialisé Veille Info », "the news agency Nord Press": the proper name after a common noun."""
    if s.pos_ != "NOUN":
        return None
    doc = s.doc
    j = s.i + 1
    while j < len(doc) and j - s.i <= 2 and (doc[j].pos_ == "ADJ" or (doc[j].pos_ == "NOUN" and doc[j].is_lower)):
        j += 1
    k = j
    while k < len(doc) and (doc[k].pos_ == "PROPN" or doc[k].ent_type_ in ("ORG", "MISC")) \
            and doc[k].text[:1].isupper():
        k += 1
    if k == j or doc[j].ent_type_ in ("PER", "PERSON", "LOC", "GPE"):
        return None
    return doc[j].idx, doc[k - 1].idx + len(doc[k - 1].text)


def _quoted_name(s: Token, text: str) -> tuple[int, int] | None:
    """« le média « Nouvelles 24 » »: the name quoted right after a common noun."""
    end = s.idx + len(s.text)
    m = _QUOTED_NAME.match(text, end, end + 50)
    if m is None or not m.group(2)[:1].isupper():
        return None
    return m.start(2), m.end(2)


def _last_speaker(history: list[tuple[int, _Speaker]], pos: int) -> _Speaker | None:
    if history and pos - history[-1][0] <= _RECENT:
        return history[-1][1]
    return None


def _noun_phrase(s: Token, lex: QuoteLexicon) -> tuple[int, int] | None:
    """The description naming a speaker, as written, without its determiner or relative clause."""
    doc = s.doc
    sent = doc[slice(*_bounds(s))]
    lo = s.i
    while lo > sent.start and doc[lo - 1].head.i == s.i and doc[lo - 1].pos_ not in _NP_STOP_POS \
            and doc[lo - 1].pos_ != "ADP":
        lo -= 1
    while lo < s.i and (doc[lo].lower_ in lex.determiners or doc[lo].pos_ in ("DET", "ADP")):
        lo += 1
    hi = s.i + 1
    while hi < sent.end and hi - lo < 8 and doc[hi].pos_ not in _NP_STOP_POS \
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


def _definite(s: Token, lex: QuoteLexicon) -> bool:
    return any(c.lower_ in lex.definite for c in s.children if c.i < s.i)


def _ev(text: str, t: Token | Span) -> Evidence:
    if isinstance(t, Token):
        return Evidence.of(text, t.idx, t.idx + len(t.text))
    return Evidence.of(text, t.start_char, t.end_char)


def _unquoted_content(doc: Doc, a: int, b: int, direct: list[tuple[int, int]]) -> int:
    """Content words of ``text[a:b]`` outside direct quotations."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return 0
    return sum(1 for t in span if (t.is_alpha or t.like_num) and not t.is_stop and not _inside(t.idx, direct))


def _bounds(t: Token) -> tuple[int, int]:
    """Token range of the sentence of ``t``, cut at line breaks (the parser runs sentences over paragraphs)."""
    doc = t.doc
    lo, hi, n = t.i, t.i + 1, len(doc)
    while lo > 0 and not doc[lo].is_sent_start and "\n" not in doc[lo - 1].text:
        lo -= 1
    while hi < n and not doc[hi].is_sent_start and "\n" not in doc[hi].text:
        hi += 1
    return lo, hi


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _quoted_share(a: int, b: int, spans: list[tuple[int, int]]) -> float:
    covered = sum(max(0, min(b, e) - max(a, s)) for s, e in spans)
    return covered / max(1, b - a)
