"""Cluster building: bodies the tagger missed or mislabelled, each body typed by its name and appositions."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...lang.coref import CorefLexicon
from ...lang.quotes import QuoteLexicon
from ...model import Entity, Evidence
from ..entities import EntityIndex
from ..syntax import entities, lemma_reports, pos_tags, texts


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
    for span in entities(parsed):
        if span.label_ in labels.org_entities or span.label_ in labels.person_entities \
                or any(t.i in index.by_token for t in span) or not span.text[:1].isupper():
            continue
        # a name marks a body by a word beside its own (« Terre Solidaire »), not by being one (« l'État »)
        marked = len(span) > 1 and bool(lex.types_of(span.text))
        speaks = _span_speaks(span, lex, qlex) or _span_runs(span, lex, qlex)
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


def _span_runs(span: Span, lex: CorefLexicon, qlex: QuoteLexicon) -> bool:
    """"operated by X", « X exploite la mine »: a name that runs a ship, a mine or a line (its subject or agent,
    never its object) is a body, whatever the tagger took it for."""
    inside = range(span.start, span.end)
    for t in span:
        if t.head.i in inside:
            continue
        link, verb = t, t.head
        if verb.pos_ == "ADP":  # "by X": the agent's preposition
            link, verb = verb, verb.head
        if verb.pos_ == "VERB" and verb.lemma_.lower() in lex.operator_verbs \
                and link.dep_ not in qlex.labels.object | qlex.labels.passive_subject:
            return True  # "Amber Tide is operated by": the ship, passive subject, is what is run
    return False


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
    tags, words = pos_tags(parsed), texts(parsed)
    while i < len(parsed):
        if tags[i] != "PROPN" or not words[i][:1].isupper():
            i += 1  # no run opens here: _proper_run's first test, on the per-document tables
            continue
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


def possessed_bodies(index: EntityIndex, parsed: Doc, text: str, lex: CorefLexicon, qlex: QuoteLexicon) -> None:
    """"Mali's defence ministry", "Kenya's army": a body noun owned by a name is a body of its own (the owner,
    a country or a person, does not speak for it)."""
    tags, words = pos_tags(parsed), texts(parsed)
    for i in range(len(parsed)):
        if tags[i] not in ("NOUN", "PROPN") or not words[i].islower():
            continue  # the first two tests below, on the per-document tables
        t = parsed[i]
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
    for span in entities(parsed):
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


def entity_types(ent: Entity, parsed: Doc, lex: CorefLexicon, by_name: bool = True) -> frozenset[str]:
    """The types of a body: words of its names (« Ministry of … », « … Ltd ») and nouns set beside it (only those
    when ``by_name`` is false: a name the tagger cut in two says nothing sure of its kind)."""
    words = " ".join([ent.name, *ent.aliases]) if by_name else ""
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

