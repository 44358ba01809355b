"""Acronyms: joined to their expansions in either order, a name the tagger cut mended by the acronym after it, and
a body described in lower case named by its acronym in brackets."""
from __future__ import annotations

from spacy.tokens import Doc

from ...lang.coref import CorefLexicon
from ...model import Entity
from ..entities import EntityIndex, is_acronym
from ..syntax import lowers, texts
from .build import add_mention


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
    for i, word in enumerate(texts(parsed)):
        if i in index.by_token or not is_acronym(word, max_chars):
            continue
        t = parsed[i]
        full = next((e for e in index.entities if e.kind == "org" and
                     (t.text in e.aliases or expands(t.text, e.name, lex))), None) \
            or untagged_expansion(index, parsed, text, t.text, lex)
        if full is not None:
            if t.text not in full.aliases:
                full.aliases.append(t.text)
            add_mention(index, full, text, t.idx, t.idx + len(t.text), tokens=[t.i])


def _mend_cut_names(index: EntityIndex, parsed: Doc, text: str, lex: CorefLexicon, max_chars: int) -> None:
    """« le collectif justice pour Vernoux (CJV) » where the tagger named only « Vernoux »: the acronym it was
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
    forms = lowers(parsed)
    for i in _capitalized(parsed):
        if i in index.by_token or forms[i] in lex.function_words:
            continue
        t = parsed[i]
        end = _expansion_end(parsed, t.i, acronym, lex)
        if end is not None:
            ent = Entity(name=text[t.idx:parsed[end - 1].idx + len(parsed[end - 1].text)], kind="org")
            index.entities.append(ent)
            add_mention(index, ent, text, t.idx, t.idx + len(ent.name), tokens=list(range(t.i, end)))
            index.entities.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)
            return ent
    return None


def _capitalized(parsed: Doc) -> list[int]:
    """The tokens whose text starts upper-case, once per document."""
    found = parsed.user_data.get("veille.capitalized")
    if found is None:
        found = parsed.user_data["veille.capitalized"] = [i for i, w in enumerate(texts(parsed)) if w[:1].isupper()]
    return found


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


_DESCRIPTION_POS = ("NOUN", "ADJ", "ADP", "DET", "CCONJ")  # the words of a body described in lower case


def described_acronyms(index: EntityIndex, parsed: Doc, text: str, lex: CorefLexicon, max_chars: int) -> None:
    """« le centre européen de veille de la navigation marchande (CEVNM) »: a body described in lower case and named
    by the acronym set after it in brackets; the description, its head a body noun, is the body's name."""
    written = texts(parsed)
    for i in range(1, len(parsed) - 1):
        if not (written[i - 1] == "(" and written[i + 1] == ")" and is_acronym(written[i], max_chars)):
            continue
        t = parsed[i]
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
