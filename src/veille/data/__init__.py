"""Lexicons and grammars shipped with veille, one folder per language (and ``geo/`` for the gazetteer)."""
from __future__ import annotations

import functools
import json
import tomllib
from importlib import resources


@functools.cache
def load_data(*parts: str) -> dict | None:
    """A packaged data file, ``load_data("fr", "events.json")``, parsed once per process; None when absent.

    JSON and TOML are read by their suffix. The result is shared: callers read it, never change it.
    """
    res = resources.files(__name__).joinpath(*parts[:-1]) / parts[-1] if len(parts) > 1 \
        else resources.files(__name__) / parts[0]
    if not res.is_file():
        return None
    text = res.read_text(encoding="utf-8")
    return tomllib.loads(text) if parts[-1].endswith(".toml") else json.loads(text)
