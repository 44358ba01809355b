"""What resolving a date needs: the text, publication date, grammar and parse, and calendar helpers."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ...config import DatesSettings
from ...lang.dates import Grammar, norm
from ...model import Granularity

_WORD = re.compile(r"[\w'’]+-?|[^\w\s]")
_CLAUSE_END = re.compile(r"[.!?;\n]")


@dataclass(slots=True)
class Found:
    """One resolved expression, before it becomes a DateMention."""

    start: int
    end: int
    value: str | None
    granularity: Granularity
    relative: bool
    anchor: str | None = None  # when not the publication date (« le lendemain » of a mentioned day)


def day_num(s: str) -> int:
    d = re.match(r"\d+", s)
    return int(d.group()) if d else 1  # the grammar's word for the first day


def valid(y: int, m: int, d: int) -> dt.date | None:
    if 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]:
        return dt.date(y, m, d)
    return None


def shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def closest(cands: list[dt.date], p: dt.date) -> dt.date:
    """The candidate day nearest ``p``, the earlier on a tie."""
    return min(cands, key=lambda c: (abs((c - p).days), c > p))


@dataclass
class Context:
    """The document a match is resolved in; ``last_day`` is the day last mentioned (for « la veille »)."""

    text: str
    pub: dt.date | None
    g: Grammar
    parsed: Doc | None
    conf: DatesSettings
    last_day: tuple[int, dt.date] | None = None
    has_dep: bool = field(init=False)

    def __post_init__(self) -> None:
        self.has_dep = self.parsed is not None and self.parsed.has_annotation("DEP")

    def cap_ok(self, m: re.Match, *names: str) -> bool:
        """English month and weekday names are capitalized ("may" is a verb)."""
        if not self.g.names_capitalized:
            return True
        for n in names:
            if n in m.re.groupindex and m.group(n) and not m.group(n)[0].isupper():
                return False
        return True

    def month(self, s: str) -> int | None:
        return self.g.months.get(norm(s))

    def wd(self, m: re.Match, name: str = "wd") -> int | None:
        if name in m.re.groupindex and m.group(name):
            return self.g.weekdays.get(norm(m.group(name)))
        return None

    def mod(self, m: re.Match, *names: str) -> str | None:
        for n in names:
            if n in m.re.groupindex and m.group(n):
                w = norm(m.group(n))
                if w in self.g.mod_past:
                    return "past"
                if w in self.g.mod_future:
                    return "future"
        return None

    def year2(self, s: str) -> int:
        y = int(re.sub(r"\D", "", s))
        ref = self.pub.year if self.pub else self.conf.default_reference_year
        return 2000 + y if 2000 + y <= ref + 1 else 1900 + y

    def prev_words(self, start: int) -> list[str]:
        """The last one, two and three words before ``start`` in its clause, normalized."""
        left = self.text[max(0, start - self.conf.prev_words_chars):start]
        toks = _WORD.findall(left)
        out = []
        for n in (1, 2, 3):
            if len(toks) >= n:
                out.append(norm(" ".join(toks[-n:])))
        return out

    def looks_ahead(self, start: int, end: int) -> bool:
        """True when the clause governing ``text[start:end]`` is about the future."""
        if self.has_dep:
            return self._parse_looks_ahead(start, end)
        # No parse: look for a future cue in the clause.
        reach = self.conf.clause_reach
        lo = max(0, start - reach)
        ends = list(_CLAUSE_END.finditer(self.text, lo, start))
        lo = ends[-1].end() if ends else lo
        nxt = _CLAUSE_END.search(self.text, end, end + reach)
        hi = nxt.start() if nxt else min(len(self.text), end + reach)
        return bool(self.g.future_words.search(self.text, lo, hi))

    def _parse_looks_ahead(self, start: int, end: int) -> bool:
        """The parse's answer: one of the two nearest governing verbs is future (by tense, lemma or auxiliary)."""
        g = self.g
        span = self.parsed.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        tok, verbs = span.root, []
        for _ in range(self.conf.verb_search_depth):
            if tok.pos_ in ("VERB", "AUX"):
                verbs.append(tok)
                if len(verbs) == 2:
                    break
            if tok.head.i == tok.i:
                break
            tok = tok.head
        for v in verbs:
            if "Fut" in v.morph.get("Tense") or v.lemma_ in g.future_lemmas:
                return True
            for c in v.children:
                if c.dep_.startswith("aux") and ("Fut" in c.morph.get("Tense") or norm(c.text) in g.future_aux):
                    return True
        return False

    def direction(self, mod: str | None, s: int, e: int, default: str) -> str:
        if mod == "past":
            return "past_strict"
        if mod == "future":
            return "future_strict"
        return "future" if self.looks_ahead(s, e) else default

    def weekday(self, wd: int, direction: str) -> dt.date:
        p = self.pub
        back = (p.weekday() - wd) % 7
        fwd = (wd - p.weekday()) % 7
        if direction == "past_strict":
            return p - dt.timedelta(days=back or 7)
        if direction == "future_strict":
            return p + dt.timedelta(days=fwd or 7)
        if direction == "future":
            return p + dt.timedelta(days=fwd)
        return p - dt.timedelta(days=back)

    def day_month(self, mo: int, d: int, direction: str, wd: int | None) -> dt.date | None:
        """The year of a day-month: matching its weekday if given, else by direction, else the closest."""
        p = self.pub
        cands = [c for y in (p.year - 1, p.year, p.year + 1) if (c := valid(y, mo, d))]
        if wd is not None and any(c.weekday() == wd for c in cands):
            cands = [c for c in cands if c.weekday() == wd]
        if not cands:
            return None
        if direction.startswith("past"):
            past = [c for c in cands if c <= p]
            return max(past) if past else min(cands)
        if direction.startswith("future"):
            fut = [c for c in cands if c >= p]
            return min(fut) if fut else max(cands)
        return closest(cands, p)

    def core(self, m: re.Match, names: tuple[str, ...]) -> tuple[int, int]:
        """Span of the expression's core: the named groups that carry the date and its modifiers.

        Demonstratives and parts of the day (« ce », « matin ») stay out, so
        « ce mercredi matin » and « mercredi » are one surface, not two.
        """
        spans = [m.span(n) for n in names if n in m.re.groupindex and m.group(n)
                 and (n in ("wd", "rel", "day", "month", "year") or self.mod(m, n))]
        return min(a for a, _ in spans), max(b for _, b in spans)
