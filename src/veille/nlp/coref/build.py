"""Cluster building: acronyms joined to their expansions in either order, each body typed by its name and appositions."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...lang.coref import CorefLexicon
from ...lang.quotes import QuoteLexicon
from ...model import Entity, Evidence
from ..entities import EntityIndex, is_acronym
from ..syntax import lemma_reports


def initials(name: str, lex: CorefLexicon, split_hyphens: bool) -> str:
    """« Comité international de la Croix-Rouge » -> CICR: the first letter of each content word."""
    words = name.replace("’", "'").replace("-", " " if split_hyphens else "-").split()
    out = []
    for w in words:
        low = w.lower()
        if low in lex.function_words:
            continue
        for elided in ("d'", "l'"):
            if low.startswith(elided) and len(low) > 2:
                w = w[2:]
        if w[:1].isalpha():
            out.append(w[0].upper())
    return "".join(out)


def expands(acronym: str, name: str, lex: CorefLexicon) -> bool:
    """Whether ``name`` (two words or more) is what ``acronym`` abbreviates."""
    if len(name.split()) < 2:
        return False
    return acronym.upper() in (initials(name, lex, False), initials(name, lex, True))


def join_acronyms(index: EntityIndex, parsed: Doc, text: str, lex: CorefLexicon, max_chars: int) -> None:
    """An acronym entity joins the entity it abbreviates (the fuller name stays canonical); bare acronyms too."""
    _mend_cut_names(index, parsed, text, lex, max_chars)
    for short in [e for e in index.entities if is_acronym(e.name, max_chars)]:
        full = next((e for e in index.entities if e is not short and e.kind == "org"
                     and expands(short.name, e.name, lex)), None)
        full = full or untagged_expansion(index, parsed, text, short.name, lex)
        if full is not None:
            _merge(index, short, full)
    for t in parsed:
        if t.i in index.by_token or not is_acronym(t.text, max_chars):
            continue
        full = next((e for e in index.entities if e.kind == "org" and
                     (t.text in e.aliases or expands(t.text, e.name, lex))), None) \
            or untagged_expansion(index, parsed, text, t.text, lex)
        if full is not None:
            if t.text not in full.aliases:
                full.aliases.append(t.text)
            add_mention(index, full, text, t.idx, t.idx + len(t.text), tokens=[t.i])


def _mend_cut_names(index: EntityIndex, parsed: Doc, text: str, lex: CorefLexicon, max_chars: int) -> None:
    """« le collectif justice pour Barsalogho (CJB) » where the tagger named only « Barsalogho »: the acronym it was
    given belongs to the full name written elsewhere, which holds the cut one; the two are one body."""
    for cut in [e for e in index.entities if e.kind == "org"]:
        for alias in [a for a in cut.aliases if is_acronym(a, max_chars) and not expands(a, cut.name, lex)]:
            full = next((e for e in index.entities if e is not cut and e.kind == "org" and cut.name in e.name
                         and expands(alias, e.name, lex)), None)
            if full is not None:
                _merge(index, cut, full)
                break
            extent = _written_out(parsed, cut, alias, lex)
            if extent is not None:  # the full name in lower case before its acronym: the body's name
                lo, hi = extent
                cut.aliases.insert(0, cut.name)
                cut.name = text[parsed[lo].idx:parsed[hi - 1].idx + len(parsed[hi - 1].text)]
                add_mention(index, cut, text, parsed[lo].idx, parsed[hi - 1].idx + len(parsed[hi - 1].text),
                            tokens=list(range(lo, hi)))
                break


def _written_out(parsed: Doc, cut: Entity, alias: str, lex: CorefLexicon) -> tuple[int, int] | None:
    """The tokens of « collectif vérité pour Kéra (CVK) » when the tagger named only « Kéra »: the words before the
    name whose initials, with it, spell the acronym in brackets after it."""
    for m in cut.mentions:
        span = parsed.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.text == alias and span.start >= 2 and parsed[span.start - 1].text == "(":
            end = span.start - 1  # the mention is the acronym: the name ends before its bracket
        elif span is not None and span.end + 1 < len(parsed) and parsed[span.end].text == "(" \
                and parsed[span.end + 1].text == alias:
            end = span.end
        else:
            continue
        for lo in range(end - 1, max(-1, end - 2 * len(alias) - 1), -1):
            if parsed[lo].is_punct:
                break
            if parsed[lo].lower_ not in lex.function_words and expands(alias, parsed[lo:end].text, lex):
                return lo, end
    return None


def untagged_expansion(index: EntityIndex, parsed: Doc, text: str, acronym: str,
                       lex: CorefLexicon) -> Entity | None:
    """"the Prison Reform Network … the PRN": the expansion written out where the tagger named nothing, as a body."""
    if len(acronym) < 3:
        return None  # two letters match too many word pairs
    for t in parsed:
        if not t.text[:1].isupper() or t.i in index.by_token or t.lower_ in lex.function_words:
            continue
        end = _expansion_end(parsed, t.i, acronym, lex)
        if end is not None:
            ent = Entity(name=text[t.idx:parsed[end - 1].idx + len(parsed[end - 1].text)], kind="org")
            index.entities.append(ent)
            add_mention(index, ent, text, t.idx, t.idx + len(ent.name), tokens=list(range(t.i, end)))
            index.entities.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)
            return ent
    return None


def _expansion_end(parsed: Doc, start: int, acronym: str, lex: CorefLexicon) -> int | None:
    """The end of the words from ``start`` whose initials spell ``acronym``, if they do (none in another name)."""
    letters, end = 0, start
    while end < len(parsed) and letters < len(acronym) and end - start < 2 * len(acronym):
        t = parsed[end]
        if t.is_punct or t.is_space or t.like_num or t.ent_type_ and end > start and t.i != start:
            return None
        if t.lower_ not in lex.function_words:
            letters += 1 + t.text.count("-")
        end += 1
    if letters != len(acronym) or parsed[end - 1].lower_ in lex.function_words:
        return None
    return end if expands(acronym, parsed[start:end].text, lex) else None


def _merge(index: EntityIndex, short: Entity, full: Entity) -> None:
    """``short`` (an acronym) becomes an alias of ``full``: its mentions and tokens move over."""
    for alias in [short.name, *short.aliases]:
        if alias != full.name and alias not in full.aliases:
            full.aliases.append(alias)
    full.mentions.extend(short.mentions)
    full.mentions.sort(key=lambda m: m.start)
    index.by_token.update({i: full for i, e in index.by_token.items() if e is short})
    index.mentions[:] = [(a, b, full if e is short else e) for a, b, e in index.mentions]
    index.entities.remove(short)


def bodies_named_as_people(index: EntityIndex, parsed: Doc, lex: CorefLexicon) -> None:
    """"the relief agency Ostara Aid", « la compagnie Navires du Levant »: a body the tagger took for a person."""
    for ent in index.entities:
        if ent.kind != "person" or len(ent.name.split()) < 2:
            continue
        apposed = [w for m in ent.mentions if (span := parsed.char_span(m.start, m.end, alignment_mode="expand"))
                   for w in _apposed_words(span)]
        if lex.types_of(" ".join(apposed)) or lex.types_of(ent.name):
            ent.kind = "org"
            ent.role = None


def untyped_names_as_bodies(index: EntityIndex, parsed: Doc, text: str, lex: CorefLexicon,
                            qlex: QuoteLexicon) -> None:
    """« Terre Solidaire a diffusé un communiqué »: a name of no known kind (MISC) is a body when its words mark
    one or when it reports or issues a document; a name taken for a place, when its words mark a body."""
    labels = qlex.labels
    places = labels.non_org_entities - labels.person_entities
    described: bool | None = None  # computed once, when first needed
    for span in parsed.ents:
        if span.label_ in labels.org_entities or span.label_ in labels.person_entities \
                or any(t.i in index.by_token for t in span) or not span.text[:1].isupper():
            continue
        # a name marks a body by a word beside its own (« Terre Solidaire »), not by being one (« l'État »)
        marked = len(span) > 1 and bool(lex.types_of(span.text))
        speaks = _span_speaks(span, lex, qlex)
        if described is None and speaks:
            described = _unmarked_description(parsed, lex, qlex)
        if span.label_ in places:
            # « Brevant Industries » taken for a place: its name says what it is; « L'Étoile du Nord a indiqué … La
            # compagnie a précisé »: a name of words that speaks, and a company noun stands for it elsewhere
            if not (marked or (len(span) > 1 and speaks and described)):
                continue
        elif span.label_ in labels.misread_entities:
            # "Norwick Lines said …" read as a work or a building: likewise
            if not (marked or (speaks and described)):
                continue
        elif span.label_ not in labels.name_entities or len(span.text) < 2:
            continue
        apposed = " ".join(_apposed_words(span, after=False))  # « le collectif Voix des Mineurs »
        if not (marked or lex.types_of(apposed) or speaks):
            continue
        ent = Entity(name=span.text, kind="org")
        index.entities.append(ent)
        add_mention(index, ent, text, span.start_char, span.end_char, tokens=[t.i for t in span])
    index.entities.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)


def _span_speaks(span: Span, lex: CorefLexicon, qlex: QuoteLexicon) -> bool:
    """A name that is the subject of a reporting verb, or (the parser lost the link) set right before one."""
    inside = range(span.start, span.end)
    if any(_speaks_or_issues(t, lex, qlex) for t in span if t.head.i not in inside):
        return True
    doc, k = span.doc, span.end
    while k < len(doc) and doc[k].pos_ == "AUX" and k - span.end < 2:
        k += 1
    return k < len(doc) and doc[k].pos_ == "VERB" and lemma_reports(doc[k], qlex.reporting_verbs) \
        and not any(c.dep_ in qlex.labels.subject for c in doc[k].children)


def _unmarked_description(parsed: Doc, lex: CorefLexicon, qlex: QuoteLexicon) -> bool:
    """Whether a definite description of a body whose names seldom say their kind ("the company", « l'armateur »)
    appears in the document."""
    for t in parsed:
        if t.pos_ != "NOUN" or not any(c.i < t.i and c.lower_ in qlex.definite for c in t.children):
            continue
        if lex.types_of(t.lower_) & lex.unmarked_types or lex.types_of(t.lemma_.lower()) & lex.unmarked_types:
            return True
    return False


def untagged_bodies(index: EntityIndex, parsed: Doc, text: str, lex: CorefLexicon, qlex: QuoteLexicon) -> None:
    """"Fighters of the Ashar Brigades": a run of proper nouns the tagger named nothing (or a place), kept as a body
    when its words mark one (« Brevant Industries », "Halvorsen Freight")."""
    i = 0
    while i < len(parsed):
        end = _proper_run(parsed, i, index, qlex)
        if end - i < 2 or not lex.types_of(parsed[i:end].text):
            i = max(end, i + 1)
            continue
        ent = Entity(name=parsed[i:end].text, kind="org")
        index.entities.append(ent)
        add_mention(index, ent, text, parsed[i].idx, parsed[end - 1].idx + len(parsed[end - 1].text),
                    tokens=list(range(i, end)))
        i = end
    index.entities.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)


def _proper_run(parsed: Doc, i: int, index: EntityIndex, qlex: QuoteLexicon) -> int:
    """The end of the capitalised proper nouns from ``i`` (name links inside) that no person or body holds."""
    end = i
    while end < len(parsed):
        t = parsed[end]
        if t.i in index.by_token or t.ent_type_ in qlex.labels.person_entities:
            break
        if t.pos_ == "PROPN" and t.text[:1].isupper():
            end += 1
        elif end > i and t.lower_ in qlex.name_links and end + 1 < len(parsed) and parsed[end + 1].pos_ == "PROPN":
            end += 1
        else:
            break
    return end


def _speaks_or_issues(root: Token, lex: CorefLexicon, qlex: QuoteLexicon) -> bool:
    """The subject of a reporting verb, or of a verb whose object is a document (« a diffusé un communiqué »)."""
    verb = root.head
    if root.dep_ not in qlex.labels.active_subject or verb.pos_ != "VERB":
        return False
    if lemma_reports(verb, qlex.reporting_verbs):
        return True
    return any(c.dep_ in qlex.labels.object and (c.lower_ in lex.document_nouns or c.lemma_.lower() in lex.document_nouns)
               for c in verb.children)


_DESCRIPTION_POS = ("NOUN", "ADJ", "ADP", "DET", "CCONJ")  # the words of a body described in lower case


def described_acronyms(index: EntityIndex, parsed: Doc, text: str, lex: CorefLexicon, max_chars: int) -> None:
    """« le centre britannique de suivi de la marine marchande (UKMTO) »: a body described in lower case and named
    by the acronym set after it in brackets; the description, its head a body noun, is the body's name."""
    for t in parsed:
        if not (0 < t.i < len(parsed) - 1 and parsed[t.i - 1].text == "(" and parsed[t.i + 1].text == ")"
                and is_acronym(t.text, max_chars)):
            continue
        bare = index.at(t)  # the acronym the tagger named alone, if it did
        if bare is not None and (bare.name != t.text or bare.kind != "org"):
            continue
        lo = t.i - 1
        while lo > 0 and t.i - lo <= 12 and parsed[lo - 1].is_lower and parsed[lo - 1].pos_ in _DESCRIPTION_POS:
            lo -= 1
        while lo < t.i - 1 and parsed[lo].pos_ in ("DET", "ADP", "CCONJ"):
            lo += 1
        words = parsed[lo:t.i - 1]
        if not any(u.pos_ == "NOUN" and lex.types_of(u.lower_) for u in words) \
                or any(u.i in index.by_token for u in words):
            continue
        end = parsed[t.i - 2].idx + len(parsed[t.i - 2].text)
        ent = bare or Entity(name=t.text, kind="org")
        ent.name = text[parsed[lo].idx:end]
        ent.aliases.append(t.text)
        if bare is None:
            index.entities.append(ent)
        add_mention(index, ent, text, parsed[lo].idx, end, tokens=list(range(lo, t.i - 1)))
        add_mention(index, ent, text, t.idx, t.idx + len(t.text), tokens=[t.i])
    index.entities.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)


def possessed_bodies(index: EntityIndex, parsed: Doc, text: str, lex: CorefLexicon, qlex: QuoteLexicon) -> None:
    """"Mali's defence ministry", "Kenya's army": a body noun owned by a name is a body of its own (the owner,
    a country or a person, does not speak for it)."""
    for t in parsed:
        held = index.at(t)
        if t.pos_ not in ("NOUN", "PROPN") or not t.is_lower or (held is not None and held.kind == "org") \
                or not (lex.types_of(t.lower_) or lex.types_of(t.lemma_.lower())):
            continue
        owner = next((c for c in t.children if c.dep_ in qlex.labels.possessor and c.i < t.i
                      and c.pos_ == "PROPN" and c.text[:1].isupper()), None)
        if owner is None:
            continue
        start = min(u.i for u in owner.subtree)
        ent = Entity(name=text[parsed[start].idx:t.idx + len(t.text)], kind="org")
        index.entities.append(ent)
        add_mention(index, ent, text, parsed[start].idx, t.idx + len(t.text),
                    tokens=[u.i for u in parsed[owner.i + 1:t.i + 1] if u.head.i == t.i or u.i == t.i])
    index.entities.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)


def lower_case_bodies(index: EntityIndex, parsed: Doc, text: str, lex: CorefLexicon,
                      org_labels: frozenset[str]) -> None:
    """« le ministère de l'Intérieur »: a body written in lower case, kept when its first noun is a body's."""
    for span in parsed.ents:
        if span.label_ not in org_labels or span[0].i in index.by_token:
            continue
        words = [t for t in span if not (t.pos_ == "DET" or t.is_punct)]
        if not words or not words[0].is_lower or not any(t.text[:1].isupper() for t in words):
            continue
        if not lex.types_of(words[0].lower_):
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        ent = Entity(name=text[start:end], kind="org")
        index.entities.append(ent)
        add_mention(index, ent, text, start, end, tokens=[t.i for t in words])
    index.entities.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)


def add_mention(index: EntityIndex, ent: Entity, text: str, start: int, end: int,
                tokens: list[int] | None = None) -> None:
    """Record one more mention of ``ent`` (a pronoun, a description, a bare acronym), once."""
    if any(m.start == start and m.end == end for m in ent.mentions):
        return
    ent.mentions.append(Evidence.of(text, start, end))
    ent.mentions.sort(key=lambda m: m.start)
    index.mentions.append((start, end, ent))
    index.mentions.sort(key=lambda m: m[0])
    for i in tokens or ():
        index.by_token.setdefault(i, ent)


def entity_types(ent: Entity, parsed: Doc, lex: CorefLexicon) -> frozenset[str]:
    """The types of a body: words of its names (« Ministry of … », « … Ltd ») and nouns set beside it."""
    words = " ".join([ent.name, *ent.aliases])
    for m in ent.mentions:
        span = parsed.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            words += " " + " ".join(_apposed_words(span))
    return lex.types_of(words)


def _apposed_words(span: Span, after: bool = True) -> list[str]:
    """« la compagnie Navires du Levant », "Ostara Aid, a charity": the common nouns set beside a name."""
    doc, out = span.doc, []
    i = span.start - 1
    while i >= 0 and span.start - i <= 3 and doc[i].pos_ in ("NOUN", "ADJ") and doc[i].is_lower:
        out.append(doc[i].lower_)
        i -= 1
    j = span.end
    if after and j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].pos_ == "DET":
        k = j + 2
        while k < len(doc) and k - j <= 4 and doc[k].pos_ in ("NOUN", "ADJ") and doc[k].is_lower:
            out.append(doc[k].lower_)
            k += 1
    return out


def number_clusters(entities: list[Entity]) -> None:
    """Give each cluster of the document its id, in order of first mention."""
    for n, ent in enumerate(entities, 1):
        ent.id = f"e{n}"

