"""Lexicons and grammars shipped with veille, one folder per language."""
