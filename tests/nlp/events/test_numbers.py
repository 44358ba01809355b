"""Casualty number parsing, without a spaCy model."""
import pytest

from veille.lang.events import load_lexicon
from veille.nlp.events.numbers import parse_count


@pytest.mark.parametrize("text, expected", [
    ("13", (13, None)),
    ("au moins 13", (13, None)),
    ("treize", (13, None)),
    ("vingt-deux", (22, None)),
    ("une quarantaine", (40, None)),
    ("une centaine", (100, None)),
    ("une douzaine", (12, None)),
    ("des dizaines", (10, None)),
    ("des centaines", (100, None)),
    ("des milliers", (1000, None)),
    ("13 à 20", (13, 20)),
    ("3 000", (3000, None)),
    ("3\u202f000", (3000, None)),
    ("plus de 1 200", (1200, None)),
    ("quatre-vingts", (80, None)),
])
def test_parse_count_french(text, expected):
    assert parse_count(text, load_lexicon("fr")) == expected


@pytest.mark.parametrize("text, expected", [
    ("twelve", (12, None)),
    ("at least 7", (7, None)),
    ("twenty-two", (22, None)),
    ("dozens", (12, None)),
    ("tens", (10, None)),
    ("hundreds", (100, None)),
    ("thousands", (1000, None)),
    ("13-20", (13, 20)),
    ("7 to 12", (7, 12)),
    ("3,000", (3000, None)),
    ("two thousand", (2000, None)),
    ("several", (None, None)),
])
def test_parse_count_english(text, expected):
    assert parse_count(text, load_lexicon("en")) == expected
