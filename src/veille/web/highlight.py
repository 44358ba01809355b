"""A document's text as HTML with every evidence span highlighted and linked to its record.

Spans may overlap or cross (an event's sentence holds its date and place): the
text is cut at every span boundary and the marks are reopened around each
piece, so the HTML stays well nested. Every piece of text is escaped.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup


@dataclass(frozen=True)
class Span:
    """One highlighted span: its kind (date, place, quote, event, trigger), record key and tooltip."""

    start: int
    end: int
    kind: str
    record: str  # e.g. "event-12": the id of the record's row in the page
    label: str


def _open(span: Span, first: bool) -> str:
    anchor = f' id="span-{escape(span.record)}"' if first else ""
    return (f'<mark class="hl hl-{escape(span.kind)}" data-record="{escape(span.record)}"{anchor} '
            f'title="{escape(span.label)}">')


def highlight(text: str, spans: list[Span]) -> Markup:
    """The escaped text with each span (clipped to the text) wrapped in ``<mark>`` elements."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    opened_once: set[Span] = set()
    out: list[str] = []
    stack: list[Span] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = sorted((s for s in spans if s.start <= a and b <= s.end), key=lambda s: (s.start, -s.end,
                                                                                            s.record))
        keep = 0
        while keep < min(len(stack), len(covering)) and stack[keep] == covering[keep]:
            keep += 1
        out.extend("</mark>" for _ in stack[keep:])
        for s in covering[keep:]:
            out.append(_open(s, s not in opened_once))
            opened_once.add(s)
        stack = covering
        out.append(escape(text[a:b], quote=False))
    out.extend("</mark>" for _ in stack)
    return Markup("".join(out))
