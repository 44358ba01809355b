"""Finding date expressions: the grammar's patterns run around gate words, the longest match wins."""
from __future__ import annotations

import re

from ...config import DatesSettings
from ...lang.dates import Grammar

#: one kept match: (start, end, pattern kind, the regex match)
Match = tuple[int, int, str, re.Match]


def find_matches(text: str, g: Grammar, conf: DatesSettings) -> list[Match]:
    """Non-overlapping grammar matches of ``text``, in text order; of overlapping ones the longest is kept."""
    cands: list[Match] = []
    for lo, hi in windows(text, g.gate, conf):
        for kind, rx in g.patterns:
            for m in rx.finditer(text, lo, hi):
                s, e = trim(text, m)
                if e > s:
                    cands.append((s, e, kind, m))
    # Longest first; a candidate overlapping a kept one is dropped, so one expression is one mention.
    cands.sort(key=lambda c: (c[0] - c[1], c[0]))
    kept: list[Match] = []
    for c in cands:
        if all(c[1] <= k[0] or c[0] >= k[1] for k in kept):
            kept.append(c)
    kept.sort(key=lambda c: c[0])
    return kept


def windows(text: str, gate: re.Pattern, conf: DatesSettings) -> list[tuple[int, int]]:
    """Stretches of text around the words every date holds; the patterns scan only these (speed).

    A window reaches back far enough for a leading preposition and forward to a
    space past the longest expression, so no match is cut short.
    """
    out: list[list[int]] = []
    n = len(text)
    for m in gate.finditer(text):
        lo, hi = max(0, m.start() - conf.window_back), min(n, m.end() + conf.window_forward)
        while hi < n and not text[hi].isspace():
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(a, b) for a, b in out]


def trim(text: str, m: re.Match) -> tuple[int, int]:
    """Span of a match without its leading article or preposition, nor surrounding spaces."""
    s, e = m.start(), m.end()
    if "skip" in m.re.groupindex and m.group("skip"):
        s = m.end("skip")
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1] in " \t\n,":
        e -= 1
    return s, e
