"""Direct speech: quotations between marks, dialogue lines opened by a dash, unmarked speech after a colon."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ...config import QuotesSettings
from ...lang.quotes import QuoteLexicon
from ..syntax import DASHES, lemma_reports, sentence_bounds, texts
from .attribution import direct_attribution, inverted_attr, verb_attr
from .spans import Attr, Cand, OPEN_MARKS, PAIRS, TRIM, inside, trim, word_count


def direct_quotes(text: str, parsed: Doc, lex: QuoteLexicon, cfg: QuotesSettings) -> list[Cand]:
    """Quotations between marks, dialogue lines and unmarked speech after a colon."""
    out: list[Cand] = []
    for open_i, close_i, pieces in _quoted_spans(text, cfg.max_quote_chars):
        if _is_naming(text, open_i, lex, cfg.naming_window_chars):
            continue
        pieces = [p for p in (trim(text, a, b) for a, b in pieces) if p]
        if not pieces or sum(word_count(text, a, b) for a, b in pieces) < cfg.min_direct_words:
            continue
        inner = parsed.char_span(pieces[0][0], pieces[-1][1], alignment_mode="expand")
        if inner is not None and all(t.is_stop or t.is_punct or t.is_space for t in inner):
            continue  # « au moins », « en même temps »: emphasis on function words, not speech
        attr = direct_attribution(text, parsed, lex, open_i, close_i, cfg.incise_tokens)
        out += [Cand(a, b, "direct", attr) for a, b in pieces]
    out += _dialogue_lines(text, parsed, lex, cfg, [(c.start, c.end) for c in out])
    out += _colon_speech(text, parsed, lex, cfg, [(c.start, c.end) for c in out])
    return out


def _colon_speech(text: str, parsed: Doc, lex: QuoteLexicon, cfg: QuotesSettings, taken: list[tuple[int, int]]) -> list[Cand]:
    """« X rapporte : … » and a paragraph ending « … a ajouté : » before an unmarked quoted paragraph."""
    out = []
    for i, word in enumerate(texts(parsed)):
        if word != ":" or i == 0:
            continue
        t = parsed[i]
        if inside(t.idx, taken):
            continue
        lo, hi = sentence_bounds(t)
        verb = next((u for u in parsed[lo:t.i] if u.pos_ == "VERB" and lemma_reports(u, lex.indirect_verbs)), None)
        nxt = t.i + 1
        if verb is None or nxt >= len(parsed) or parsed[nxt].text in OPEN_MARKS:
            continue  # a marked quotation is found by its marks
        if verb.i == t.i - 1 and "\n" not in parsed[nxt].text:
            end = hi if hi > nxt else sentence_bounds(parsed[nxt])[1]
            span = trim(text, parsed[nxt].idx, parsed[end - 1].idx + len(parsed[end - 1].text))
        elif "\n" in parsed[nxt].text:
            start = parsed[nxt].idx + len(parsed[nxt].text)
            end = text.find("\n", start)
            span = trim(text, start, len(text) if end < 0 else end)
            if span and text[span[0]] in OPEN_MARKS:
                continue
        else:
            continue
        if span and word_count(text, *span) >= cfg.min_report_words and not inside(span[0], taken):
            out.append(Cand(span[0], span[1], "direct", verb_attr(verb, lex, inverted=False)))
    return out


_OPENERS = re.compile("[" + re.escape("".join(PAIRS)) + "]")


def _quoted_spans(text: str, max_chars: int) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """(opening mark, closing mark, inner pieces) of every top-level quotation.

    A quotation running over paragraphs reopens its mark at each paragraph
    start; each paragraph is one piece.
    """
    out = []
    i, n = 0, len(text)
    while i < n:
        found_at = _OPENERS.search(text, i)  # every other character is stepped over below
        if found_at is None:
            break
        i = found_at.start()
        opener = text[i]
        closer = PAIRS.get(opener)
        if closer is None or (opener == '"' and i > 0 and text[i - 1].isalnum()):
            i += 1
            continue
        pieces: list[tuple[int, int]] = []
        seg, j, depth, found = i + 1, i + 1, 0, False
        while j < n and j - i < max_chars:  # longer "quotes" are unbalanced marks, not speech
            ch = text[j]
            if ch == closer and depth == 0:
                found = True
                break
            if ch == closer:
                depth -= 1
            elif ch == opener and opener != closer:
                depth += 1
            elif ch == "\n":
                k = j
                while k < n and text[k] in TRIM:
                    k += 1
                if k < n and text[k] == opener:
                    pieces.append((seg, j))
                    seg, j = k + 1, k + 1
                    continue
                break
            j += 1
        if not found:
            i += 1
            continue
        pieces.append((seg, j))
        out.append((i, j, pieces))
        i = j + 1
    return out


def _is_naming(text: str, open_i: int, lex: QuoteLexicon, window: int) -> bool:
    """« surnommé le “Lion” », "a campaign called “Free Speech”": a name, not speech."""
    before = [w.lower() for w in re.findall(r"[\w'’-]+", text[max(0, open_i - window):open_i])]
    content = [w for w in before if w not in lex.determiners][-2:]
    if not content:
        return False
    return content[-1] in lex.naming_cues or " ".join(content) in lex.naming_cues


def _dialogue_lines(text: str, parsed: Doc, lex: QuoteLexicon, cfg: QuotesSettings, taken: list[tuple[int, int]]) -> list[Cand]:
    """« — Nous tiendrons, répond-il. »: a paragraph opened by a dash is speech up to its incise."""
    out = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.lstrip(" \t\u00a0")
        if not stripped.startswith(DASHES) or len(stripped) < 4 or stripped[1] not in " \u00a0\u202f":
            continue
        a = start + (len(line) - len(stripped)) + 2
        span = parsed.char_span(a, start + len(line), alignment_mode="expand")
        if span is None or any(s < start + len(line) and a < e for s, e in taken):
            continue
        end, attr = start + len(line), Attr(previous=True)
        for t in span:
            if t.i > span.start and t.nbor(-1).text == "," and lemma_reports(t, lex.reporting_verbs):
                end, attr = t.nbor(-1).idx, inverted_attr(t, lex)
                break
            if (t.i > span.start + 1 and t.nbor(-1).pos_ == "AUX" and t.nbor(-2).text == ","
                    and lemma_reports(t, lex.reporting_verbs)):
                end, attr = t.nbor(-2).idx, inverted_attr(t, lex)
                break
        piece = trim(text, a, end)
        if piece and word_count(text, *piece) >= cfg.min_direct_words:
            out.append(Cand(piece[0], piece[1], "direct", attr))
    return out
