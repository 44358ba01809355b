"""Text helpers shared by the stages."""
from __future__ import annotations

# One-to-one replacements applied before parsing: offsets in the parsed text are
# offsets in the original. The French models mis-tag « n’ », « qu’ » with the
# typographic apostrophe, and non-breaking spaces confuse the tokenizer.
_PARSE_MAP = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "})


def for_parse(text: str) -> str:
    """The text as given to spaCy: same length, same offsets, friendlier characters."""
    return text.translate(_PARSE_MAP)
