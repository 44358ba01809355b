"""Incises after a quotation: how far to look for one, past an apposition or a second quotation, and the name set
before an incise verb whatever the parser made of it."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ...lang.quotes import QuoteLexicon
from ..syntax import lemma_reports
from .spans import OPEN_MARKS, QUOTE_MARKS


def incise_window(parsed: Doc, start: int, end: int, limit: int) -> list[Token]:
    """The tokens after a closing mark where the incise is sought: ``limit`` of them, not counting an apposition
    set between commas after a name ("…," X Ltd, owner of the carrier Y, said)."""
    after: list[Token] = []
    counted, appos, after_quote = 0, False, False
    skip_to = -1
    for t in parsed[start:end]:
        if t.i <= skip_to:
            continue
        if t.text in OPEN_MARKS and t.text != "'" and not after_quote:
            # « … » et « … », a affirmé X: the incise after the next quotation of the sentence
            skip_to = next((u.i for u in parsed[t.i + 1:end] if u.text in QUOTE_MARKS), end)
            after_quote = True
            continue
        if t.text in OPEN_MARKS or counted >= limit or "\n" in t.text:
            break
        if t.text == ",":
            nxt = parsed[t.i + 1] if t.i + 1 < len(parsed) else t
            appos = not appos and t.i > 0 and parsed[t.i - 1].pos_ == "PROPN" and nxt.is_lower \
                and nxt.pos_ in ("NOUN", "DET")
        counted += not appos
        after.append(t)
    return after


def postposed_incise(after: list[Token], n: int, lex: QuoteLexicon) -> int | None:
    """Where the incise starts when the words from ``after[n]`` (no verb) lead to « , a estimé X »."""
    for m in range(n + 1, len(after)):
        t = after[m]
        if t.pos_ in ("VERB", "AUX"):
            return None
        if t.text == ",":
            j = m + 1
            while j < len(after) and after[j].pos_ == "AUX":
                j += 1
            v = after[j] if j < len(after) else None
            ok = v is not None and v.pos_ == "VERB" and lemma_reports(v, lex.reporting_verbs)
            return m + 1 if ok else None
    return None


def inside_name(t: Token, lex: QuoteLexicon) -> bool:
    """"Isle of Man registered Galaxy Ltd", "London based X": a participle between two proper nouns."""
    doc = t.doc
    return 0 < t.i < len(doc) - 1 and t.tag_ in lex.labels.participle_tags and doc[t.i - 1].pos_ == "PROPN" \
        and doc[t.i + 1].pos_ == "PROPN"


def name_before(v: Token, lo: int, lex: QuoteLexicon) -> Token | None:
    """"…," Malta registered Vesta Shipping Ltd, owner of …, said: the name set right before the incise verb (past an
    apposition between commas), whatever the parser made of it (a clause, a preposition)."""
    doc, j = v.doc, v.i - 1
    while j >= lo and doc[j].pos_ == "AUX":
        j -= 1
    if j >= lo and doc[j].text == ",":  # ", owner of the carrier Y,": back to the name it follows
        k = j - 1
        while k >= lo and doc[k].text != ",":
            k -= 1
        appos = doc[k + 1:j]
        if not (appos and appos[0].is_lower and appos[0].pos_ in ("NOUN", "DET", "ADJ")
                and not any(t.pos_ == "AUX" or (t.pos_ == "VERB" and t.tag_ not in lex.labels.participle_tags)
                            for t in appos)):
            return None  # not an apposition: "…, three were killed, said X" has a clause there
        j = k - 1
    return doc[j] if j >= lo and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() else None
