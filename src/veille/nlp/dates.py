"""Dates: calendar expressions normalized against the publication date.

A regex grammar per language (``data/<lang>/dates.toml``) finds candidate
expressions; overlapping candidates keep the longest; each is then resolved
against ``doc.published``. The parsed doc is only an aid: the tense of the
governing verb tells whether a bare weekday or month looks ahead.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from ..config import Settings
from ..model import DateMention, Document, Evidence, Granularity
from ..lang.dates import Grammar, load_grammar, norm

_WORD = re.compile(r"[\w'’]+-?|[^\w\s]")
_CLAUSE_END = re.compile(r"[.!?;\n]")
_YEAR_RANGE_START = re.compile(r"(?<!\d)(?:1[89]|20)\d\d\s?[-–/]\s?$")
_BACK, _FORWARD = 35, 45  # chars scanned around a gate word: longer than any prefix / expression tail


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    value: str | None
    granularity: Granularity
    relative: bool
    anchor: str | None = None  # when not the publication date (« le lendemain » of a mentioned day)


def extract_dates(doc: Document, parsed: Doc, *, settings: Settings) -> list[DateMention]:
    """Every calendar expression of the document, with its normalized value."""
    lang = doc.lang or (parsed.lang_ if parsed is not None else None) or "fr"
    return find_dates(doc.text, doc.published, lang, parsed)


def find_dates(text: str, published: dt.date | None, lang: str, parsed: Doc | None = None) -> list[DateMention]:
    """Date mentions of ``text`` in ``lang``, resolved against ``published`` (the parse is optional)."""
    g = load_grammar(lang)
    if g is None or not text:
        return []
    if isinstance(published, dt.datetime):  # a timestamp would leak its time into the ISO values
        published = published.date()
    cands: list[tuple[int, int, str, re.Match]] = []
    for lo, hi in _windows(text, g.gate):
        for kind, rx in g.patterns:
            for m in rx.finditer(text, lo, hi):
                s, e = _trim(text, m)
                if e > s:
                    cands.append((s, e, kind, m))
    # Longest first; a candidate overlapping a kept one is dropped, so one expression is one mention.
    cands.sort(key=lambda c: (c[0] - c[1], c[0]))
    kept: list[tuple[int, int, str, re.Match]] = []
    for c in cands:
        if all(c[1] <= k[0] or c[0] >= k[1] for k in kept):
            kept.append(c)
    kept.sort(key=lambda c: c[0])
    r = _Resolver(text, published, g, parsed)
    out: list[DateMention] = []
    for s, e, kind, m in kept:
        for f in r.resolve(kind, m, s, e):
            if f.end <= f.start:
                continue
            anchor = f.anchor or (published.isoformat() if (f.relative and published) else None)
            out.append(DateMention(evidence=Evidence.of(text, f.start, f.end), value=f.value,
                                   granularity=f.granularity, anchor=anchor, relative=f.relative))
            if f.granularity == "day" and f.value:
                r.last_day = (f.end, dt.date.fromisoformat(f.value))
    return out


def _windows(text: str, gate: re.Pattern) -> list[tuple[int, int]]:
    """Stretches of text around the words every date holds; the patterns scan only these (speed).

    A window reaches back far enough for a leading preposition and forward to a
    space past the longest expression, so no match is cut short.
    """
    out: list[list[int]] = []
    n = len(text)
    for m in gate.finditer(text):
        lo, hi = max(0, m.start() - _BACK), min(n, m.end() + _FORWARD)
        while hi < n and not text[hi].isspace():
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(a, b) for a, b in out]


def _trim(text: str, m: re.Match) -> tuple[int, int]:
    """Span of a match without its leading article or preposition, nor surrounding spaces."""
    s, e = m.start(), m.end()
    if "skip" in m.re.groupindex and m.group("skip"):
        s = m.end("skip")
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1] in " \t\n,":
        e -= 1
    return s, e


def _day_num(s: str) -> int:
    d = re.match(r"\d+", s)
    return int(d.group()) if d else 1  # « premier »


def _valid(y: int, m: int, d: int) -> dt.date | None:
    if 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]:
        return dt.date(y, m, d)
    return None


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


class _Resolver:
    """Turns one grammar match into resolved mentions, given the text, publication date and parse."""

    def __init__(self, text: str, published: dt.date | None, g: Grammar, parsed: Doc | None) -> None:
        self.text, self.pub, self.g, self.parsed = text, published, g, parsed
        self.last_day: tuple[int, dt.date] | None = None
        self._has_dep = parsed is not None and parsed.has_annotation("DEP")

    # ------------------------------------------------------------ helpers
    def _cap_ok(self, m: re.Match, *names: str) -> bool:
        """English month and weekday names are capitalized ("may" is a verb)."""
        if not self.g.names_capitalized:
            return True
        for n in names:
            if n in m.re.groupindex and m.group(n) and not m.group(n)[0].isupper():
                return False
        return True

    def _month(self, s: str) -> int | None:
        return self.g.months.get(norm(s))

    def _mod(self, m: re.Match, *names: str) -> str | None:
        for n in names:
            if n in m.re.groupindex and m.group(n):
                w = norm(m.group(n))
                if w in self.g.mod_past:
                    return "past"
                if w in self.g.mod_future:
                    return "future"
        return None

    def _year2(self, s: str) -> int:
        y = int(re.sub(r"\D", "", s))
        ref = self.pub.year if self.pub else 2030
        return 2000 + y if 2000 + y <= ref + 1 else 1900 + y

    def _prev_words(self, start: int) -> list[str]:
        """The last one, two and three words before ``start`` in its clause, normalized."""
        left = self.text[max(0, start - 40):start]
        toks = _WORD.findall(left)
        out = []
        for n in (1, 2, 3):
            if len(toks) >= n:
                out.append(norm(" ".join(toks[-n:])))
        return out

    def looks_ahead(self, start: int, end: int) -> bool:
        """True when the clause governing ``text[start:end]`` is about the future."""
        g = self.g
        if self._has_dep:
            span = self.parsed.char_span(start, end, alignment_mode="expand")
            if span is None:
                return False
            tok, verbs = span.root, []
            for _ in range(6):
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
        # No parse: look for a future cue in the clause.
        lo = max(0, start - 120)
        ends = list(_CLAUSE_END.finditer(self.text, lo, start))
        lo = ends[-1].end() if ends else lo
        nxt = _CLAUSE_END.search(self.text, end, end + 120)
        hi = nxt.start() if nxt else min(len(self.text), end + 120)
        return bool(g.future_words.search(self.text, lo, hi))

    def _direction(self, mod: str | None, s: int, e: int, default: str) -> str:
        if mod == "past":
            return "past_strict"
        if mod == "future":
            return "future_strict"
        return "future" if self.looks_ahead(s, e) else default

    def _weekday(self, wd: int, direction: str) -> dt.date:
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

    def _day_month(self, mo: int, d: int, direction: str, wd: int | None) -> dt.date | None:
        """The year of a day-month: matching its weekday if given, else by direction, else the closest."""
        p = self.pub
        cands = [c for y in (p.year - 1, p.year, p.year + 1) if (c := _valid(y, mo, d))]
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
        return min(cands, key=lambda c: (abs((c - p).days), c > p))

    def _wd(self, m: re.Match, name: str = "wd") -> int | None:
        if name in m.re.groupindex and m.group(name):
            return self.g.weekdays.get(norm(m.group(name)))
        return None

    # ------------------------------------------------------------ kinds
    def resolve(self, kind: str, m: re.Match, s: int, e: int) -> list[_Found]:
        """Resolved mentions for one match of a pattern of ``kind``."""
        fn: Callable[[re.Match, int, int], list[_Found]] | None = getattr(self, "_k_" + kind, None)
        return fn(m, s, e) if fn else []

    def _full_date(self, m: re.Match, s: int, e: int, day: int, mo: int | None) -> list[_Found]:
        if mo is None:
            return []
        gd = m.groupdict()
        year = None
        if gd.get("year"):
            year = int(gd["year"])
        elif gd.get("year2"):
            year = self._year2(gd["year2"])
        if year is not None:
            d = _valid(year, mo, day)
            return [_Found(s, e, d.isoformat(), "day", False)] if d else []
        if _valid(2000, mo, day) is None:  # 2000 is a leap year: only impossible days fail
            return []
        if self.pub is None:
            return [_Found(s, e, None, "day", True)]
        direction = self._direction(self._mod(m, "mod"), s, e, "closest")
        d = self._day_month(mo, day, direction, self._wd(m))
        return [_Found(s, e, d.isoformat() if d else None, "day", True)]

    def _k_date(self, m: re.Match, s: int, e: int) -> list[_Found]:
        if not self._cap_ok(m, "month", "wd"):
            return []
        # « ce 1er septembre » -> its core, without the demonstrative
        s = max(s, min(m.start(n) for n in ("wd", "day", "month") if m.group(n)))
        return self._full_date(m, s, e, _day_num(m.group("day")), self._month(m.group("month")))

    def _k_numeric(self, m: re.Match, s: int, e: int) -> list[_Found]:
        a, b = int(m.group("day")), int(m.group("month_num"))
        y = m.group("year")
        year = int(y) if len(y) == 4 else self._year2(y)
        if self.g.month_first and a <= 12:
            a, b = b, a
        d = _valid(year, b, a)
        return [_Found(s, e, d.isoformat(), "day", False)] if d else []

    def _k_iso(self, m: re.Match, s: int, e: int) -> list[_Found]:
        d = _valid(int(m.group("year")), int(m.group("month_num")), int(m.group("day")))
        return [_Found(s, e, d.isoformat(), "day", False)] if d else []

    def _k_daylist(self, m: re.Match, s: int, e: int) -> list[_Found]:
        if not self._cap_ok(m, "month"):
            return []
        mo = self._month(m.group("month"))
        days_txt = m.group("days")
        nums = [(int(x.group()), x.start() + m.start("days"), x.end() + m.start("days"))
                for x in re.finditer(r"\d+", days_txt)]
        if len(nums) < 2 or mo is None:
            return []
        ranged = not re.search(r"[,]|\b(?:et|and)\b", days_txt)
        consecutive = all(b[0] == a[0] + 1 for a, b in zip(nums, nums[1:]))
        if ranged or consecutive:
            # A compact range is one mention at its start, the month borrowed from its end.
            return self._full_date(m, s, e, nums[0][0], mo)
        out = []
        for day, ds, de in nums[:-1]:
            de = de + (2 if self.text[de:de + 2] == "er" else 0)
            out += self._full_date(m, ds, de, day, mo)
        out += self._full_date(m, nums[-1][1], e, nums[-1][0], mo)
        return out

    def _k_month(self, m: re.Match, s: int, e: int) -> list[_Found]:
        if not self._cap_ok(m, "month"):
            return []
        mo = self._month(m.group("month"))
        if mo is None:
            return []
        gd = m.groupdict()
        y = gd.get("year")
        if y:
            year = int(y) if len(re.sub(r"\D", "", y)) == 4 else self._year2(y)
            return [_Found(s, e, f"{year:04d}-{mo:02d}", "month", False)]
        # A capitalized French month mid-sentence is a name (« la planète Mars »), not a date.
        if not self.g.names_capitalized and m.group("month")[0].isupper():
            before = self.text[max(0, m.start("month") - 3):m.start("month")].strip()
            if before and before[-1] not in ".!?\n«\"":
                return []
        if self.pub is None:
            return [_Found(s, e, None, "month", True)]
        mod = self._mod(m, "mod")
        p = self.pub
        if mod == "past":
            year = p.year if mo < p.month else p.year - 1
        elif mod == "future":
            year = p.year if mo > p.month else p.year + 1
        elif self.looks_ahead(s, e):
            year = p.year if mo >= p.month else p.year + 1
        else:
            year = p.year if mo <= p.month else p.year - 1
        return [_Found(s, e, f"{year:04d}-{mo:02d}", "month", True)]

    def _k_year(self, m: re.Match, s: int, e: int) -> list[_Found]:
        g = self.g
        prev = self._prev_words(m.start())
        if any(w in g.year_reject_before for w in prev[:2]):
            return []
        strong = any(w in g.year_cue for w in prev)
        weak = strong or any(w in g.year_cue_weak for w in prev)
        if prev and prev[0] and re.fullmatch(r"\d+", prev[0]):
            return []  # thousands written with a space (« 12 2016 ») or a list of numbers
        if _YEAR_RANGE_START.search(self.text, max(0, m.start() - 8), m.start()):
            strong = True  # the end of « 1998–2001 », « 2002/2003 »: a year like its start
        nxt = re.match(r"\s*([^\W\d_][\w'’]*)", self.text[m.end():m.end() + 30])
        if nxt:
            w = norm(nxt.group(1))
            at_start = not prev or prev[0] in (".", "!", "?", "«", "\"", "(")
            if not (strong or (w in g.year_after_ok and (weak or at_start))):
                return []
        return [_Found(s, e, m.group("year"), "year", False)]

    def _k_weekday(self, m: re.Match, s: int, e: int) -> list[_Found]:
        if not self._cap_ok(m, "wd"):
            return []
        wd = self._wd(m)
        if wd is None:
            return []
        gd = m.groupdict()
        if not gd.get("mod") and not gd.get("dem"):
            prev = self._prev_words(m.start())
            if any(w in self.g.habitual for w in prev[:2]):
                return []  # « le mercredi », "every Friday": habitual
        if self.pub is None:
            return [_Found(s, e, None, "day", True)]
        mod = self._mod(m, "mod", "mod2")
        d = self._weekday(wd, self._direction(mod, s, e, "past"))
        s, e = self._core(m, ("wd", "mod", "mod2"))
        return [_Found(s, e, d.isoformat(), "day", True)]

    def _core(self, m: re.Match, names: tuple[str, ...]) -> tuple[int, int]:
        """Span of the expression's core: the named groups that carry the date and its modifiers.

        Demonstratives and parts of the day (« ce », « matin ») stay out, so
        « ce mercredi matin » and « mercredi » are one surface, not two.
        """
        spans = [m.span(n) for n in names if n in m.re.groupindex and m.group(n)
                 and (n in ("wd", "rel", "day", "month", "year") or self._mod(m, n))]
        return min(a for a, _ in spans), max(b for _, b in spans)

    def _k_wd_day(self, m: re.Match, s: int, e: int) -> list[_Found]:
        wd, day = self._wd(m), _day_num(m.group("day"))
        s = m.start("wd")
        if wd is None:
            return []
        if self.pub is None:
            return [_Found(s, e, None, "day", True)]
        p = self.pub
        cands = [c for k in range(-3, 4) if (c := _valid(*_shift_month(p.year, p.month, k), day))
                 and c.weekday() == wd]
        if not cands:
            return []
        d = min(cands, key=lambda c: (abs((c - p).days), c > p))
        return [_Found(s, e, d.isoformat(), "day", True)]

    def _k_relday(self, m: re.Match, s: int, e: int) -> list[_Found]:
        gd = m.groupdict()
        if gd.get("day") and gd.get("month"):
            return self._full_date(m, s, e, _day_num(gd["day"]), self._month(gd["month"]))
        off = self.g.rel_days.get(norm(m.group("rel")))
        if off is None:
            return []
        s, e = self._core(m, ("rel", "wd"))
        if self.pub is None:
            return [_Found(s, e, None, "day", True)]
        return [_Found(s, e, (self.pub + dt.timedelta(days=off)).isoformat(), "day", True)]

    def _k_phrase(self, m: re.Match, s: int, e: int) -> list[_Found]:
        off = self.g.day_phrases.get(norm(m.group("phrase")))
        if off is None:
            return []
        if self.pub is None:
            return [_Found(s, e, None, "day", True)]
        if off == "night":  # a night in a report is the one that just ended, unless the text looks ahead
            off = 0 if self.looks_ahead(s, e) else -1
        return [_Found(s, e, (self.pub + dt.timedelta(days=int(off))).isoformat(), "day", True)]

    def _k_night(self, m: re.Match, s: int, e: int) -> list[_Found]:
        """« une deuxième nuit (consécutive) » in a report: the night that just ended."""
        if self.pub is None:
            return [_Found(s, e, None, "day", True)]
        off = 0 if self.looks_ahead(s, e) else -1
        return [_Found(s, e, (self.pub + dt.timedelta(days=off)).isoformat(), "day", True)]

    def _k_period(self, m: re.Match, s: int, e: int) -> list[_Found]:
        unit_off = self.g.periods.get(norm(m.group("phrase")))
        if unit_off is None:
            return []
        unit, off = unit_off
        gran: Granularity = "month" if unit == "month" else "year"
        if self.pub is None:
            return [_Found(s, e, None, gran, True)]
        if unit == "month":
            y, mo = _shift_month(self.pub.year, self.pub.month, off)
            return [_Found(s, e, f"{y:04d}-{mo:02d}", "month", True)]
        return [_Found(s, e, f"{self.pub.year + off:04d}", "year", True)]

    def _k_anchored(self, m: re.Match, s: int, e: int) -> list[_Found]:
        off = self.g.anchored.get(norm(m.group("phrase")))
        if off is None:
            return []
        # « la veille » counts from the day last mentioned nearby, else from publication.
        base = self.last_day[1] if self.last_day and s - self.last_day[0] < 600 else self.pub
        if base is None:
            return [_Found(s, e, None, "day", True)]
        return [_Found(s, e, (base + dt.timedelta(days=off)).isoformat(), "day", True, base.isoformat())]

    def _k_ago(self, m: re.Match, s: int, e: int) -> list[_Found]:
        n_txt = norm(m.group("n"))
        n = int(n_txt) if n_txt.isdigit() else self.g.numbers.get(n_txt)
        unit = self.g.units.get(norm(m.group("unit")))
        if n is None or unit is None:
            return []
        gran: Granularity = unit if unit in ("day", "month", "year") else "day"  # type: ignore[assignment]
        if self.pub is None:
            return [_Found(s, e, None, gran, True)]
        p = self.pub
        if unit == "day":
            return [_Found(s, e, (p - dt.timedelta(days=n)).isoformat(), "day", True)]
        if unit == "month":
            y, mo = _shift_month(p.year, p.month, -n)
            return [_Found(s, e, f"{y:04d}-{mo:02d}", "month", True)]
        return [_Found(s, e, f"{p.year - n:04d}", "year", True)]

    def _k_night_wd(self, m: re.Match, s: int, e: int) -> list[_Found]:
        if not self._cap_ok(m, "wd", "wd2"):
            return []
        w1, w2 = self._wd(m), self._wd(m, "wd2")
        if w1 is None or w2 is None:
            return []
        if self.pub is None:
            return [_Found(s, e, None, "day", True)]
        # The night ends on the second day: resolve it, then step back to the day it began.
        end_day = self._weekday(w2, "future" if self.looks_ahead(s, e) else "past")
        start_day = end_day - dt.timedelta(days=(w2 - w1) % 7 or 7)
        return [_Found(s, e, start_day.isoformat(), "day", True)]

    def _k_night_date(self, m: re.Match, s: int, e: int) -> list[_Found]:
        mo = self._month(m.group("month0") or m.group("month"))
        return self._full_date(m, s, e, _day_num(m.group("day")), mo)


def date_for_event(dates: list[DateMention], sent_start: int, sent_end: int, trigger_start: int,
                   parsed: Doc | None = None) -> DateMention | None:
    """The date governing an event's clause (dependency path when parsed), else the nearest date in the sentence."""
    inside = [d for d in dates if d.value and sent_start <= d.evidence.start and d.evidence.end <= sent_end]
    if not inside:
        return None
    if parsed is not None and parsed.has_annotation("DEP"):
        trig = parsed.char_span(trigger_start, trigger_start + 1, alignment_mode="expand")
        if trig is not None:
            t = trig[0]
            clause = t
            while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
                clause = clause.head
            heads = {clause.i, t.i}
            best: tuple[int, DateMention] | None = None
            for d in inside:
                span = parsed.char_span(d.evidence.start, d.evidence.end, alignment_mode="expand")
                if span is None:
                    continue
                tok = span.root
                for steps in range(4):  # the date hangs on the event's clause within a few arcs
                    if tok.i in heads:
                        if best is None or steps < best[0]:
                            best = (steps, d)
                        break
                    if tok.head.i == tok.i:
                        break
                    tok = tok.head
            if best is not None:
                return best[1]
    return min(inside, key=lambda d: min(abs(d.evidence.start - trigger_start), abs(d.evidence.end - trigger_start)))
