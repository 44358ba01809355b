"""Resolvers, one per pattern kind: a grammar match becomes dated mentions (``kind`` in dates.toml)."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from ...lang.dates import DAY_SUFFIX, norm
from ...model import Granularity
from .context import Context, Found, closest, day_num, shift_month, valid

_YEAR_RANGE_START = re.compile(r"(?<!\d)(?:1[89]|20)\d\d\s?[-–/]\s?$")

Resolver = Callable[[Context, re.Match, int, int], list[Found]]


def resolve(cx: Context, kind: str, m: re.Match, s: int, e: int) -> list[Found]:
    """Resolved mentions for one match of a pattern of ``kind`` (an unknown kind resolves to nothing)."""
    fn = KINDS.get(kind)
    return fn(cx, m, s, e) if fn else []


def _unresolved(s: int, e: int, gran: Granularity = "day") -> list[Found]:
    """A relative expression in a text without publication date: found, not dated."""
    return [Found(s, e, None, gran, True)]


def _day(s: int, e: int, d: dt.date, relative: bool = True) -> list[Found]:
    return [Found(s, e, d.isoformat(), "day", relative)]


def full_date(cx: Context, m: re.Match, s: int, e: int, day: int, mo: int | None) -> list[Found]:
    """A day of a month, with its year written, two-digit, or chosen by direction around publication."""
    if mo is None:
        return []
    gd = m.groupdict()
    year = None
    if gd.get("year"):
        year = int(gd["year"])
    elif gd.get("year2"):
        year = cx.year2(gd["year2"])
    if year is not None:
        d = valid(year, mo, day)
        return _day(s, e, d, False) if d else []
    if valid(2000, mo, day) is None:  # 2000 is a leap year: only impossible days fail
        return []
    if cx.pub is None:
        return _unresolved(s, e)
    direction = cx.direction(cx.mod(m, "mod"), s, e, "closest")
    d = cx.day_month(mo, day, direction, cx.wd(m))
    return [Found(s, e, d.isoformat() if d else None, "day", True)]


def _date(cx: Context, m: re.Match, s: int, e: int) -> list[Found]:
    if not cx.cap_ok(m, "month", "wd"):
        return []
    # « ce 1er septembre » -> its core, without the demonstrative
    s = max(s, min(m.start(n) for n in ("wd", "day", "month") if m.group(n)))
    return full_date(cx, m, s, e, day_num(m.group("day")), cx.month(m.group("month")))


def _numeric(cx: Context, m: re.Match, s: int, e: int) -> list[Found]:
    a, b = int(m.group("day")), int(m.group("month_num"))
    y = m.group("year")
    year = int(y) if len(y) == 4 else cx.year2(y)
    if cx.g.month_first and a <= 12:
        a, b = b, a
    d = valid(year, b, a)
    return _day(s, e, d, False) if d else []


def _iso(cx: Context, m: re.Match, s: int, e: int) -> list[Found]:
    d = valid(int(m.group("year")), int(m.group("month_num")), int(m.group("day")))
    return _day(s, e, d, False) if d else []


def _daylist(cx: Context, m: re.Match, s: int, e: int) -> list[Found]:
    if not cx.cap_ok(m, "month"):
        return []
    mo = cx.month(m.group("month"))
    days_txt = m.group("days")
    nums = [(int(x.group()), x.start() + m.start("days"), x.end() + m.start("days"))
            for x in re.finditer(r"\d+", days_txt)]
    if len(nums) < 2 or mo is None:
        return []
    ranged = not cx.g.list_joiners.search(days_txt)
    consecutive = all(b[0] == a[0] + 1 for a, b in zip(nums, nums[1:]))
    if ranged or consecutive:
        # A compact range is one mention at its start, the month borrowed from its end.
        return full_date(cx, m, s, e, nums[0][0], mo)
    out = []
    for day, ds, de in nums[:-1]:
        de = de + (len(DAY_SUFFIX) if cx.text[de:de + len(DAY_SUFFIX)] == DAY_SUFFIX else 0)
        out += full_date(cx, m, ds, de, day, mo)
    out += full_date(cx, m, nums[-1][1], e, nums[-1][0], mo)
    return out


def _month(cx: Context, m: re.Match, s: int, e: int) -> list[Found]:
    if not cx.cap_ok(m, "month"):
        return []
    mo = cx.month(m.group("month"))
    if mo is None:
        return []
    y = m.groupdict().get("year")
    if y:
        year = int(y) if len(re.sub(r"\D", "", y)) == 4 else cx.year2(y)
        return [Found(s, e, f"{year:04d}-{mo:02d}", "month", False)]
    # A capitalized French month mid-sentence is a name (« la planète Mars »), not a date.
    if not cx.g.names_capitalized and m.group("month")[0].isupper():
        before = cx.text[max(0, m.start("month") - 3):m.start("month")].strip()
        if before and before[-1] not in ".!?\n«\"":
            return []
    if cx.pub is None:
        return _unresolved(s, e, "month")
    mod = cx.mod(m, "mod")
    p = cx.pub
    if mod == "past":
        year = p.year if mo < p.month else p.year - 1
    elif mod == "future":
        year = p.year if mo > p.month else p.year + 1
    elif cx.looks_ahead(s, e):
        year = p.year if mo >= p.month else p.year + 1
    else:
        year = p.year if mo <= p.month else p.year - 1
    return [Found(s, e, f"{year:04d}-{mo:02d}", "month", True)]


def _year(cx: Context, m: re.Match, s: int, e: int) -> list[Found]:
    g = cx.g
    prev = cx.prev_words(m.start())
    if any(w in g.year_reject_before for w in prev[:2]):
        return []
    strong = any(w in g.year_cue for w in prev)
    weak = strong or any(w in g.year_cue_weak for w in prev)
    if prev and prev[0] and re.fullmatch(r"\d+", prev[0]):
        return []  # thousands written with a space (« 12 2016 ») or a list of numbers
    if _YEAR_RANGE_START.search(cx.text, max(0, m.start() - 8), m.start()):
        strong = True  # the end of « 1998–2001 », « 2002/2003 »: a year like its start
    nxt = re.match(r"\s*([^\W\d_][\w'’]*)", cx.text[m.end():m.end() + 30])
    if nxt:
        w = norm(nxt.group(1))
        at_start = not prev or prev[0] in (".", "!", "?", "«", "\"", "(")
        if not (strong or (w in g.year_after_ok and (weak or at_start))):
            return []
    return [Found(s, e, m.group("year"), "year", False)]


def _weekday(cx: Context, m: re.Match, s: int, e: int) -> list[Found]:
    if not cx.cap_ok(m, "wd"):
        return []
    wd = cx.wd(m)
    if wd is None:
        return []
    gd = m.groupdict()
    if not gd.get("mod") and not gd.get("dem"):
        prev = cx.prev_words(m.start())
        if any(w in cx.g.habitual for w in prev[:2]):
            return []  # « le mercredi », "every Friday": habitual
    if cx.pub is None:
        return _unresolved(s, e)
    d = cx.weekday(wd, cx.direction(cx.mod(m, "mod", "mod2"), s, e, "past"))
    s, e = cx.core(m, ("wd", "mod", "mod2"))
    return _day(s, e, d)


def _wd_day(cx: Context, m: re.Match, s: int, e: int) -> list[Found]:
    wd, day = cx.wd(m), day_num(m.group("day"))
    s = m.start("wd")
    if wd is None:
        return []
    if cx.pub is None:
        return _unresolved(s, e)
    p = cx.pub
    cands = [c for k in range(-3, 4) if (c := valid(*shift_month(p.year, p.month, k), day))
             and c.weekday() == wd]
    return _day(s, e, closest(cands, p)) if cands else []


def _relday(cx: Context, m: re.Match, s: int, e: int) -> list[Found]:
    gd = m.groupdict()
    if gd.get("day") and gd.get("month"):
        return full_date(cx, m, s, e, day_num(gd["day"]), cx.month(gd["month"]))
    off = cx.g.rel_days.get(norm(m.group("rel")))
    if off is None:
        return []
    s, e = cx.core(m, ("rel", "wd"))
    if cx.pub is None:
        return _unresolved(s, e)
    return _day(s, e, cx.pub + dt.timedelta(days=off))


def _night_offset(cx: Context, s: int, e: int) -> int:
    """A night in a report is the one that just ended, unless the text looks ahead."""
    return 0 if cx.looks_ahead(s, e) else -1


def _phrase(cx: Context, m: re.Match, s: int, e: int) -> list[Found]:
    off = cx.g.day_phrases.get(norm(m.group("phrase")))
    if off is None:
        return []
    if cx.pub is None:
        return _unresolved(s, e)
    if off == "night":
        off = _night_offset(cx, s, e)
    return _day(s, e, cx.pub + dt.timedelta(days=int(off)))


def _night(cx: Context, m: re.Match, s: int, e: int) -> list[Found]:
    """« une deuxième nuit (consécutive) » in a report: the night that just ended."""
    if cx.pub is None:
        return _unresolved(s, e)
    return _day(s, e, cx.pub + dt.timedelta(days=_night_offset(cx, s, e)))


def _month_or_year(s: int, e: int, pub: dt.date, unit: str, off: int) -> list[Found]:
    """The month or year ``off`` units from publication."""
    if unit == "month":
        y, mo = shift_month(pub.year, pub.month, off)
        return [Found(s, e, f"{y:04d}-{mo:02d}", "month", True)]
    return [Found(s, e, f"{pub.year + off:04d}", "year", True)]


def _period(cx: Context, m: re.Match, s: int, e: int) -> list[Found]:
    unit_off = cx.g.periods.get(norm(m.group("phrase")))
    if unit_off is None:
        return []
    unit, off = unit_off
    if cx.pub is None:
        return _unresolved(s, e, "month" if unit == "month" else "year")
    return _month_or_year(s, e, cx.pub, "month" if unit == "month" else "year", off)


def _anchored(cx: Context, m: re.Match, s: int, e: int) -> list[Found]:
    off = cx.g.anchored.get(norm(m.group("phrase")))
    if off is None:
        return []
    # « la veille » counts from the day last mentioned nearby, else from publication.
    last = cx.last_day
    base = last[1] if last and s - last[0] < cx.conf.anchor_reach else cx.pub
    if base is None:
        return _unresolved(s, e)
    return [Found(s, e, (base + dt.timedelta(days=off)).isoformat(), "day", True, base.isoformat())]


def _ago(cx: Context, m: re.Match, s: int, e: int) -> list[Found]:
    n_txt = norm(m.group("n"))
    n = int(n_txt) if n_txt.isdigit() else cx.g.numbers.get(n_txt)
    unit = cx.g.units.get(norm(m.group("unit")))
    if n is None or unit is None:
        return []
    gran: Granularity = unit if unit in ("day", "month", "year") else "day"  # type: ignore[assignment]
    if cx.pub is None:
        return _unresolved(s, e, gran)
    if unit == "day":
        return _day(s, e, cx.pub - dt.timedelta(days=n))
    return _month_or_year(s, e, cx.pub, "month" if unit == "month" else "year", -n)


def _night_wd(cx: Context, m: re.Match, s: int, e: int) -> list[Found]:
    if not cx.cap_ok(m, "wd", "wd2"):
        return []
    w1, w2 = cx.wd(m), cx.wd(m, "wd2")
    if w1 is None or w2 is None:
        return []
    if cx.pub is None:
        return _unresolved(s, e)
    # The night ends on the second day: resolve it, then step back to the day it began.
    end_day = cx.weekday(w2, "future" if cx.looks_ahead(s, e) else "past")
    return _day(s, e, end_day - dt.timedelta(days=(w2 - w1) % 7 or 7))


def _night_date(cx: Context, m: re.Match, s: int, e: int) -> list[Found]:
    mo = cx.month(m.group("month0") or m.group("month"))
    return full_date(cx, m, s, e, day_num(m.group("day")), mo)


#: pattern kind (``kind`` of a ``[[pattern]]`` in dates.toml) -> its resolver
KINDS: dict[str, Resolver] = {
    "date": _date, "numeric": _numeric, "iso": _iso, "daylist": _daylist, "month": _month, "year": _year,
    "weekday": _weekday, "wd_day": _wd_day, "relday": _relday, "phrase": _phrase, "night": _night,
    "period": _period, "anchored": _anchored, "ago": _ago, "night_wd": _night_wd, "night_date": _night_date,
}
