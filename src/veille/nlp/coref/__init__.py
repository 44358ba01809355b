"""Coreference: the document's people and bodies as clusters, and every mention that stands for one.

One step per document after the parse. The clusters start from the named
entities (:mod:`veille.nlp.entities`: surnames joined to full names, roles
from appositions); acronyms join their expansions in either order and each
body is typed by its name and the nouns set beside it (:mod:`.build`). A
pronoun, a description (« l'ONG », "the ministry") or a document standing for
its issuer (« le communiqué », "the statement") is resolved on demand to the
cluster it refers to (:mod:`.resolve`); the canonical name is the fullest.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...config import CorefSettings, QuotesSettings, Settings
from ...lang import load_pack
from ...lang.coref import CorefLexicon
from ...lang.quotes import QuoteLexicon
from ...model import Document, Entity
from ..entities import EntityIndex, build_entity_index, is_acronym
from .acronyms import described_acronyms, join_acronyms
from .build import (add_mention, bodies_named_as_people, entity_types, lower_case_bodies, number_clusters,
                    possessed_bodies, untagged_bodies, untyped_names_as_bodies)
from .resolve import Resolver
from .split import rejoin_split_names


@dataclass(slots=True)
class Clusters:
    """The entity clusters of one document and the look-up from a mention to its cluster."""

    index: EntityIndex
    resolver: Resolver
    text: str
    acronym_chars: int  # longest acronym
    types: dict[int, frozenset[str]] = field(default_factory=dict)

    @property
    def entities(self) -> list[Entity]:
        """Every cluster, in order of first mention."""
        return self.index.entities

    def canonical(self, ent: Entity) -> str:
        """The fullest name of a cluster, with the acronym it also goes by (« Union africaine (UA) »)."""
        acronym = next((a for a in ent.aliases if is_acronym(a, self.acronym_chars) and a not in ent.name), None)
        return f"{ent.name} ({acronym})" if acronym and ent.kind == "org" else ent.name

    def resolve(self, target: Token | Span, before: int | None = None) -> Entity | None:
        """The cluster a mention (a name, an acronym, a pronoun, a description, a document) refers to, if any
        (a pronoun's antecedent named before ``before``, when given)."""
        head = target.root if isinstance(target, Span) else target
        tokens = list(target) if isinstance(target, Span) else [target]
        named = self.index.at(head) or next((self.index.at(t) for t in tokens if self.index.at(t)), None)
        if named is not None:
            return named
        ent = self.resolver.resolve(head, before)
        if ent is not None:
            a, b = self.resolver.extent(head)
            add_mention(self.index, ent, self.text, a, b)
        return ent


    def add_body(self, start: int, end: int) -> Entity:
        """A body the tagger named nothing, found by its place in a phrase (« l'agence Vallinfo »): the cluster of
        that name, made when first met."""
        name = self.text[start:end]
        ent = next((e for e in self.index.entities if e.kind == "org" and (e.name == name or name in e.aliases)), None)
        if ent is None:
            ent = Entity(name=name, kind="org", id=f"e{len(self.index.entities) + 1}")
            self.index.entities.append(ent)
        add_mention(self.index, ent, self.text, start, end)
        return ent


def build_clusters(doc: Document, parsed: Doc, *, settings: Settings) -> Clusters:
    """The coreference step of a document, run once after the parse: what quotes, events and stories read."""
    pack = load_pack(doc.lang or parsed.lang_)
    return cluster_entities(doc, parsed, pack.quotes, settings.quotes, pack.coref, settings.coref)


def cluster_entities(doc: Document, parsed: Doc, qlex: QuoteLexicon, qcfg: QuotesSettings,
                     lex: CorefLexicon, cfg: CorefSettings) -> Clusters:
    """The clusters of a document: named entities, acronyms joined to their expansions, bodies typed."""
    index = build_entity_index(doc, parsed, qlex, qcfg)
    rejoined = rejoin_split_names(index, parsed, doc.text, qlex)
    bodies_named_as_people(index, parsed, lex)
    lower_case_bodies(index, parsed, doc.text, lex, qlex.labels.org_entities)
    possessed_bodies(index, parsed, doc.text, lex, qlex)
    described_acronyms(index, parsed, doc.text, lex, qcfg.acronym_max_chars)
    untyped_names_as_bodies(index, parsed, doc.text, lex, qlex)
    untagged_bodies(index, parsed, doc.text, lex, qlex)
    join_acronyms(index, parsed, doc.text, lex, qcfg.acronym_max_chars)
    number_clusters(index.entities)
    types = {id(e): entity_types(e, parsed, lex, by_name=id(e) not in rejoined)
             for e in index.entities if e.kind == "org"}
    resolver = Resolver(parsed, index, types, lex, qlex, cfg)
    return Clusters(index=index, resolver=resolver, text=doc.text, acronym_chars=qcfg.acronym_max_chars, types=types)


__all__ = ["Clusters", "build_clusters", "cluster_entities"]
