"""Running the quote stage on a hand-written text, checking the evidence invariant on the way."""
from __future__ import annotations

from veille.config import Settings
from veille.model import Document, Quote
from veille.nlp.quotes import extract_quotes
from veille.nlp.text import for_parse


def run_quotes(nlp, text: str, lang: str) -> list[Quote]:
    doc = Document(text=text, lang=lang)
    quotes, _entities = extract_quotes(doc, nlp(for_parse(text)), settings=Settings.defaults())
    for q in quotes:  # the evidence invariant holds for every span the stage returns
        for ev in (q.evidence, q.speaker_evidence, q.cue):
            assert ev is None or text[ev.start:ev.end] == ev.text
    return quotes


def find(quotes: list[Quote], words: str) -> Quote:
    hits = [q for q in quotes if words in q.evidence.text]
    assert hits, f"no quote containing {words!r} in {[q.evidence.text for q in quotes]}"
    return hits[0]


# ------------------------------------------------------------- attribution rules added for issue 5
def run_quotes_titled(nlp, title: str, body: str, lang: str) -> list[Quote]:
    text = title + "\n\n" + body
    quotes, _entities = extract_quotes(Document(text=text, title=title, lang=lang), nlp(for_parse(text)),
                                       settings=Settings.defaults())
    return quotes
