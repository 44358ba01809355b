"""Quotes: direct and indirect speech with the speaker resolved to a full name.

Direct quotes are found on the characters (« », “ ”, " ", ‹ ›, paragraph
continuations, dialogue dashes: :mod:`.direct`), indirect speech on the
dependency parse (the complement clause of a reporting verb, the clause
governed by « selon X »: :mod:`.indirect`). The speaker comes from the
attribution (subject of the reporting verb, the name after an inverted incise,
the object of « selon »: :mod:`.attribution`), then is resolved through the
document's entities (:mod:`.speakers`): pronouns to the last speaker,
descriptions (« le porte-parole ») to the person given that role, surnames to
full names.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ...config import QuotesSettings, Settings
from ...lang import load_pack
from ...lang.quotes import QuoteLexicon
from ...model import Document, Entity, Evidence, Quote
from ..coref import Clusters, build_clusters
from ..syntax import fold
from .direct import direct_quotes
from .indirect import headline_end, indirect_quotes, merge_pieces, noun_reports, object_reports, source_quotes
from .spans import Cand, Speaker, unglued
from .speakers import Scene, resolve


def extract_quotes(doc: Document, parsed: Doc, *, settings: Settings,
                   clusters: Clusters | None = None) -> tuple[list[Quote], list[Entity]]:
    """Every quotation of the document and the people and groups who speak.

    ``clusters`` are the document's coreference clusters (the coref stage's); built here when not given.
    """
    cfg = settings.quotes
    lex = load_pack(doc.lang or parsed.lang_).quotes
    if clusters is None:
        clusters = build_clusters(doc, parsed, settings=settings)
    index = clusters.index
    scene = Scene(doc.text, index, lex, [], cfg.recent_chars, cfg.handle_surname_chars,
                  cfg.acronym_max_chars, clusters)
    quotes: list[Quote] = []
    groups: dict[str, Entity] = {}
    seen: set[tuple[int, int]] = set()
    said: dict[str, set[str]] = {}  # folded words of each direct quotation -> its speakers
    for c in _candidates(doc, parsed, lex, cfg):
        if (c.start, c.end) in seen:
            continue
        spk = resolve(c, scene)
        if spk is not None:
            spk.name = _unglued(spk.name, lex)
        if c.kind == "indirect" and spk is None:
            continue  # indirect speech counts only with an identifiable speaker
        seen.add((c.start, c.end))
        if _said_again(c, spk, doc.text, said):
            continue
        if spk is not None:
            scene.history.append((c.end, spk))
            if spk.kind == "group" and spk.entity is None:
                if fold(spk.name) not in groups:
                    groups[fold(spk.name)] = Entity(name=spk.name, kind="group", id=f"g{len(groups) + 1}",
                                                    mentions=[spk.evidence] if spk.evidence else [])
                spk.entity = groups[fold(spk.name)]
        quotes.append(_quote(doc.text, c, spk))
    return quotes, index.entities + list(groups.values())


def _candidates(doc: Document, parsed: Doc, lex: QuoteLexicon, cfg: QuotesSettings) -> list[Cand]:
    """Direct and indirect quotation candidates in text order; a direct quote inside a report takes its speaker."""
    text = doc.text
    cands = direct_quotes(text, parsed, lex, cfg)
    direct_spans = [(c.start, c.end) for c in cands]
    indirect = merge_pieces(text, indirect_quotes(parsed, lex, cfg, direct_spans))
    indirect += source_quotes(parsed, lex, cfg, direct_spans, [(c.start, c.end) for c in indirect])
    indirect += noun_reports(parsed, lex, cfg, direct_spans, [(c.start, c.end) for c in indirect])
    indirect += object_reports(parsed, lex, cfg, direct_spans, [(c.start, c.end) for c in indirect])
    headline = headline_end(doc, cfg.headline_chars)
    # a headline report (« X says … ») restates the lead, where the article attributes it properly
    indirect = [c for c in indirect if c.start >= headline]
    for c in cands:
        if not c.attr.incise:
            host = next((i for i in indirect if i.start <= c.start and c.end <= i.end), None)
            if host is not None and (host.attr.subject is not None or host.attr.previous):
                c.attr = host.attr  # « selon X, les « mots » cités » / "X said they were “words”"
    cands += [c for c in indirect if c.emit]
    cands.sort(key=lambda c: (c.start, c.end))
    return cands


def _unglued(name: str, lex: QuoteLexicon) -> str:
    """A speaker's name without the article a bad cleaning glued to it (« leCollectif X » -> « Collectif X »)."""
    first, _, rest = name.partition(" ")
    bare = unglued(first, lex.definite)
    return name if bare == first else f"{bare} {rest}".rstrip()


def _said_again(c: Cand, spk: Speaker | None, text: str, said: dict[str, set[str]]) -> bool:
    """The same words quoted again (by the same or an unnamed speaker): one quotation; else remember them."""
    # speakers compared by their last word: « Hale » is the « Tom Hale » quoted before
    words, name = fold(text[c.start:c.end]), (fold(spk.name).split() or [""])[-1] if spk else ""
    if c.kind == "direct" and (name in said.get(words, ()) or (spk is None and words in said)):
        return True
    said.setdefault(words, set()).add(name)
    return False


def _quote(text: str, c: Cand, spk: Speaker | None) -> Quote:
    """The record of one quotation."""
    cue = Evidence.of(text, c.attr.cue.idx, c.attr.cue.idx + len(c.attr.cue.text)) if c.attr.cue else None
    return Quote(evidence=Evidence.of(text, c.start, c.end), speaker=spk.name if spk else None,
                 kind=c.kind, speaker_evidence=spk.evidence if spk else None, cue=cue,
                 role=spk.role if spk else None, speaker_id=spk.entity.id if spk and spk.entity else None)

__all__ = ["extract_quotes"]
