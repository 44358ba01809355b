"""Gazetteer look-ups in SQLite."""
from __future__ import annotations

from pathlib import Path

from ..config import Settings


class Gazetteer:
    """Place names to candidate places."""

    def __init__(self, path: Path):
        self.path = path


def load_gazetteer(settings: Settings) -> Gazetteer:
    """Open the gazetteer, building it from the packaged sources on first use."""
    return Gazetteer(settings.gazetteer_path)
