"""The timeline of events by day and type: stacked bars in an SVG of our own, escaped throughout."""
from __future__ import annotations

import datetime as dt
from html import escape

from markupsafe import Markup

from ..model import EVENT_TYPES

PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666",
           "#1f78b4", "#b2df8a", "#fb9a99", "#cab2d6", "#ff7f00", "#6a3d9a", "#b15928", "#e31a1c")
TYPE_COLOURS = dict(zip(EVENT_TYPES, PALETTE))


def colour(event_type: str) -> str:
    """The colour of a PLOVER type (grey for an unknown one)."""
    return TYPE_COLOURS.get(event_type, "#999999")


def _days(rows: list[tuple[str, str, int]]) -> list[str]:
    """Every day from the first to the last (at most 400, the most recent kept), gaps included."""
    days = sorted({d for d, _, _ in rows if len(d) == 10})
    if not days:
        return []
    try:
        first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
    except ValueError:
        return days[-400:]
    span = min((last - first).days, 399)
    return [(last - dt.timedelta(days=span - i)).isoformat() for i in range(span + 1)]


def timeline_svg(rows: list[tuple[str, str, int]], *, height: int = 240) -> Markup:
    """Stacked bars, one per day, one colour per type; each bar piece titled with its day, type and count."""
    days = _days(rows)
    if not days:
        return Markup('<p class="empty">No dated events match.</p>')
    index = {d: i for i, d in enumerate(days)}
    totals = [0] * len(days)
    for d, _, n in rows:
        if d in index:
            totals[index[d]] += n
    top = max(totals) or 1
    bar = max(2, min(24, 900 // len(days)))
    width, plot = bar * len(days) + 60, height - 40
    out = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'role="img" aria-label="events by day and type">',
           f'<text x="0" y="12" class="axis">{top}</text><text x="0" y="{plot}" class="axis">0</text>']
    base = [plot] * len(days)
    for d, t, n in rows:
        if d not in index:
            continue
        i, h = index[d], max(1, round(n / top * (plot - 20)))
        base[i] -= h
        out.append(f'<rect class="bar" x="{40 + i * bar}" y="{base[i]}" width="{bar - 1}" height="{h}" '
                   f'fill="{colour(t)}" data-day="{escape(d)}" data-type="{escape(t)}">'
                   f'<title>{escape(d)} {escape(t)}: {n}</title></rect>')
    for i in sorted({0, len(days) - 1, *range(0, len(days), max(1, len(days) // 6))}):
        out.append(f'<text x="{40 + i * bar}" y="{height - 12}" class="axis">{escape(days[i])}</text>')
    out.append("</svg>")
    return Markup("".join(out))
