"""Casualty numbers for events: number words, digits, vague plurals, ranges, and who they count."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ...config import EventsSettings
from ...lang.events import Lexicon
from ..syntax import lemmas, lowers

_SPACES = re.compile(r"[\s\u202f\u2009\u00a0]+")
_DIGITS = re.compile(r"^\d+(?:[.,]\d{3})*$")


@dataclass(slots=True)
class Casualties:
    """Dead and injured stated in one sentence (low and high of a range)."""

    killed: int | None = None
    killed_high: int | None = None
    injured: int | None = None
    injured_high: int | None = None
    at: int | None = None  # token index of the casualty word, a trigger when nothing else is


def _word_value(word: str, lex: Lexicon) -> int | None:
    """The value of one number word or digit group, None when it is not a number."""
    w = _SPACES.sub("", word.lower()).strip(".")
    if not w:
        return None
    if _DIGITS.match(w):
        return int(re.sub(r"[.,]", "", w))
    if w in lex.numbers:
        return lex.numbers[w]
    if w in lex.approx:
        return lex.approx[w]
    if w in lex.vague:
        return lex.vague[w]
    # compound number words: « vingt-deux », "twenty-two", « quatre-vingts »
    conj = "".join(rf"|\b{re.escape(c)}\b" for c in lex.syntax.number_conjunctions)
    parts = [p for p in re.split(r"[-\s]" + conj, w) if p]
    if len(parts) > 1 and all(p in lex.numbers for p in parts):
        total, current = 0, 0
        for p in parts:
            v = lex.numbers[p]
            if v in (100, 1000, 1_000_000):
                current = max(current, 1) * v
                if v >= 1000:
                    total, current = total + current, 0
            elif p in lex.syntax.score_words and current in (4,):
                current *= 20  # « quatre-vingt »
            else:
                current += v
        return total + current
    return None


def parse_count(text: str, lex: Lexicon) -> tuple[int | None, int | None]:
    """Parse a casualty number phrase: « au moins 13 à 20 » -> (13, 20), "dozens" -> (12, None)."""
    words = [w for w in re.split(r"[\s\u202f\u2009\u00a0]+", text.strip()) if w]
    values: list[int] = []
    i = 0
    while i < len(words):
        w = words[i].lower().strip(",;:()«»\"'")
        if "-" in w and all(_word_value(p, lex) is not None for p in w.split("-") if p) and not _DIGITS.match(w):
            v = _word_value(w, lex)
        else:
            v = _word_value(w, lex)
        if v is None and re.match(r"^\d+[-–]\d+$", w):  # "13-20"
            a, b = re.split(r"[-–]", w)
            values += [int(a), int(b)]
            i += 1
            continue
        if v is not None:
            # French thousands separated by a space: « 3 000 », « 12 500 »
            while (i + 1 < len(words) and re.match(r"^\d{3}$", words[i + 1]) and _DIGITS.match(w)):
                v = v * 1000 + int(words[i + 1])
                i += 1
            # multiplier words after a number: "3 thousand", « deux cents », « 2 millions »
            if i + 1 < len(words) and words[i + 1].lower() in lex.multipliers:
                v *= lex.multipliers[words[i + 1].lower()]
                i += 1
            values.append(v)
        i += 1
    if not values:
        return None, None
    low = values[0]
    high = values[1] if len(values) > 1 and values[1] > low else None
    return low, high


def _is_num(tok: Token, lex: Lexicon) -> bool:
    low = tok.lower_
    return (tok.like_num or low in lex.numbers or low in lex.approx or low in lex.vague
            or bool(_DIGITS.match(_SPACES.sub("", low))))


def number_run(tok: Token, lex: Lexicon) -> tuple[int | None, int | None]:
    """Parse the number phrase around a numeric token (digit groups, ranges « 13 à 20 »)."""
    if not _is_num(tok, lex):
        return None, None
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    while start - 1 >= tok.sent.start:
        prev = doc[start - 1]
        if _is_num(prev, lex):
            start -= 1
        elif (prev.is_space and start - 2 >= tok.sent.start and doc[start - 2].like_num
              and re.match(r"^\d{3}$", doc[start].text)):
            start -= 2  # « 3 000 » reached from its last group
        else:
            break
    while end < tok.sent.end:
        nxt = doc[end]
        if _is_num(nxt, lex) or nxt.lower_ in lex.multipliers:
            end += 1
        elif nxt.is_space and end + 1 < tok.sent.end and re.match(r"^\d{3}$", doc[end + 1].text):
            end += 2  # « 3 000 » with a thin space of its own: one number
        elif (nxt.lower_ in lex.syntax.range_words and end + 1 < tok.sent.end and doc[end + 1].like_num):
            end += 2
        else:
            break
    return parse_count(" ".join(t.text for t in doc[start:end]), lex)


def _count_of(noun: Token, lex: Lexicon) -> tuple[int | None, int | None]:
    """The number counting a noun: its nummod child, or the noun itself when numeric/vague."""
    if _is_num(noun, lex):
        return number_run(noun, lex)
    for c in noun.children:
        if c.dep_ in ("nummod", "det", "amod", "quantmod") and _is_num(c, lex):
            return number_run(c, lex)
    # « des dizaines de civils » parses dizaines as the head, civils as nmod: handled above;
    # "dozens of civilians": dozens is nsubj, handled above too.
    return None, None


def _count_for(word: Token, lex: Lexicon) -> tuple[int | None, int | None]:
    """Who a dead/injured word counts: nummod child, subject or object of the verb, head noun."""
    low, high = _count_of(word, lex)
    if low is not None and not _is_num(word, lex):
        return low, high
    if word.dep_ in ("nmod", "pobj") and _is_num(word.head, lex):
        return number_run(word.head, lex)  # « une quarantaine de morts », "dozens of dead"
    if word.dep_ == "pobj" and word.head.dep_ == "prep" and _is_num(word.head.head, lex):
        return number_run(word.head.head, lex)
    if word.pos_ == "ADJ" and word.head.pos_ == "VERB" and word.dep_ in ("acomp", "oprd", "xcomp", "advcl"):
        word = word.head  # "was shot dead": count the shooting's victims
    cands: list[Token] = []
    for c in word.children:
        if c.dep_ in lex.syntax.subject_deps or c.dep_ in lex.syntax.object_deps:
            cands.append(c)
    if word.dep_ in lex.syntax.counted_head_deps and word.head.i < word.i:
        cands.append(word.head)  # "15 others injured", « 13 personnes tuées »
    for c in cands:
        low, high = _count_of(c, lex)
        if low is not None:
            return low, high
    # "killing 13" with no noun: a number right after the verb
    for t in word.doc[word.i + 1: min(word.i + 3, word.sent.end)] if word.pos_ == "VERB" else ():
        if t.like_num:
            return number_run(t, lex)
    # one named or singular victim of a killing verb: « X a été abattu », "he died"
    if word.pos_ == "VERB":
        for c in cands:
            victim = c.dep_ in lex.syntax.passive_subject_deps | lex.syntax.object_deps or (
                c.dep_ == "nsubj" and word.lemma_ in lex.intransitive_deaths)
            if victim and c.pos_ in ("PROPN", "NOUN") and "Sing" in c.morph.get("Number"):
                if c.pos_ == "PROPN" or c.lemma_.lower() not in lex.personnel_nouns | lex.syntax.person_nouns:
                    return 1, None
    return None, None


def _included_parts(word: Token, sent: Span, lex: Lexicon, gap: int) -> int:
    """The sum of the numbered parts after « dont » / "including" following a casualty word."""
    doc = sent.doc
    at = next((t.i for t in doc[word.i + 1: sent.end] if t.lower_ in lex.inclusion_words), None)
    if at is None or at - word.i > gap:
        return 0
    total, i = 0, at + 1
    while i < sent.end:
        t = doc[i]
        if _is_num(t, lex) and not _is_num(doc[i - 1], lex):
            low, _ = number_run(t, lex)
            total += low or 0
        i += 1
    return total


def casualties(sent: Span, lex: Lexicon, settings: EventsSettings) -> Casualties:
    """Dead and injured counts stated in a sentence, from general casualty phrasings."""
    out = Casualties()
    doc = sent.doc
    keys, forms = lemmas(doc), lowers(doc)
    key_openers, form_openers = _openers(lex)
    for i in range(sent.start, sent.end):
        key, form = keys[i], forms[i]
        if key not in key_openers and form not in form_openers:
            continue  # the branches below test nothing else first
        tok = doc[i]
        if key in lex.killed_words or form in lex.killed_words:
            if out.killed is None:
                out.killed, out.killed_high = _count_for(tok, lex)
                if out.killed is not None:
                    out.at = tok.i
                    parts = _included_parts(tok, sent, lex, settings.inclusion_gap)
                    if parts > out.killed:  # « des dizaines de morts, dont 7 soldats et une trentaine de civils »
                        out.killed, out.killed_high = parts, None
        elif key in lex.injured_words or form in lex.injured_words:
            if out.injured is None:
                out.injured, out.injured_high = _count_for(tok, lex)
                if out.injured is not None and out.at is None:
                    out.at = tok.i
        elif key in lex.loss_verbs and tok.pos_ == "VERB":
            # « ont perdu 40 de leurs effectifs », "lost 40 of their men"
            for c in tok.children:
                if c.dep_ in lex.syntax.object_deps:
                    nouns = [c] + [g for g in c.children if g.dep_ in ("nmod", "prep", "pobj")]
                    nouns += [g for n in nouns for g in n.children if g.dep_ == "pobj"]
                    if any(n.lemma_.lower() in lex.personnel_nouns for n in nouns):
                        low, high = _count_of(c, lex)
                        if low is not None and out.killed is None:
                            out.killed, out.killed_high, out.at = low, high, tok.i
        elif key in lex.toll_words and out.killed is None:
            # "the death toll rose to 20" -> the first number after the toll word
            for t in sent.doc[tok.i + 1: min(tok.i + settings.toll_window, sent.end)]:
                if t.like_num or t.lower_ in lex.numbers:
                    nxt = sent.doc[t.i + 1] if t.i + 1 < sent.end else None
                    if nxt is not None and (nxt.lemma_.lower() in lex.injured_words):
                        break
                    out.killed, out.killed_high = number_run(t, lex)
                    out.at = tok.i
                    break
    return out


_OPENERS: dict[int, tuple[Lexicon, frozenset[str], frozenset[str]]] = {}


def _openers(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The lemmas and the forms that open a branch of :func:`casualties` (once per lexicon)."""
    got = _OPENERS.get(id(lex))
    if got is None or got[0] is not lex:
        keys = lex.killed_words | lex.injured_words | lex.loss_verbs | lex.toll_words
        got = _OPENERS[id(lex)] = (lex, keys, lex.killed_words | lex.injured_words)
    return got[1], got[2]
