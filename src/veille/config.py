"""One settings object for the whole pipeline, with typed per-stage sections.

Every default lives once, in the packaged ``data/settings.toml``, next to a
comment that explains it. Overrides come from the environment
(``VEILLE_MODEL_FR``, ``VEILLE_MODEL_EN``, ``VEILLE_GAZETTEER``), from
keyword arguments, or from ``key=value`` assignments (``veille ingest --set
places.near_km=300``). An unknown key or a value of the wrong type is an
error (V205), never silently ignored.
"""
from __future__ import annotations

import dataclasses
import os
import types
import typing
from dataclasses import dataclass, field, fields
from pathlib import Path

from .data import load_data
from .errors import VeilleError


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "veille"


# Each section is filled from its table of data/settings.toml; fields carry no defaults of their own.

@dataclass
class DatesSettings:
    """Dates stage: how far the grammar looks around a date word."""

    window_back: int
    window_forward: int
    prev_words_chars: int
    clause_reach: int
    verb_search_depth: int
    anchor_reach: int
    default_reference_year: int


@dataclass
class PlacesSettings:
    """Places stage: detection limits and resolution weights."""

    max_run: int
    scan_min_population: int
    scan_min_population_in_context: int
    scan_alt_min_population: int
    scan_min_name_chars: int
    major_city_population: int
    foreign_min_population: int
    foreign_alt_min_population: int
    alt_min_population: int
    single_referent_min_population: int
    single_referent_km: float
    single_referent_alt_min_population: int
    near_km: float
    container_km: float
    container_gap_tokens: int
    facility_km: float
    facility_search_km: float
    served_town_min_population: int
    score_country: float
    score_region: float
    score_admin1: float
    score_admin1_per_log_population: float
    score_town_per_log_population: float
    score_capital: float
    score_admin: float
    score_facility_name: float
    score_other: float
    score_other_per_log_population: float
    score_main_name: float
    score_head_admin1: float
    score_head_match: float
    score_same_language: float
    score_facility_core_penalty: float
    score_context_country: float
    score_context_near: float
    score_list_kind: float
    score_list_country: float
    joint_km: float
    score_joint: float
    joint_max_supporters: int
    joint_margin: float
    context_passes: int
    score_container: float


@dataclass
class QuotesSettings:
    """Quotes stage: the limits of a quotation, of a report and of the look-back for a speaker."""

    max_quote_chars: int
    headline_chars: int
    recent_chars: int
    quoted_share_max: float
    min_direct_words: int
    min_report_words: int
    min_unquoted_words: int
    incise_tokens: int
    naming_window_chars: int
    clause_mark_tokens: int
    role_before_tokens: int
    role_after_tokens: int
    handle_surname_chars: int
    acronym_max_chars: int


@dataclass
class CorefSettings:
    """Coreference: how far back a pronoun, a description or a document looks for the body it stands for."""

    pronoun_chars: int
    description_chars: int
    document_chars: int


@dataclass
class EventsSettings:
    """Events stage: search windows and length limits (each explained in settings.toml)."""

    toll_window: int
    inclusion_gap: int
    connective_window: int
    marker_lookback: int
    irrealis_depth: int
    max_actor_words: int
    max_source_words: int
    riot_min_protests: int
    incident_place_min_acts: int


@dataclass
class StoriesSettings:
    """Story assignment: clues, weights and the join threshold."""

    window_days: int
    embeddings: bool
    join_threshold: float
    embedding_share: float
    keys_only_scale: float
    story_members: int
    time_decay: float
    max_candidates: int
    per_key_candidates: int
    weights: dict[str, float]
    retrieve: frozenset[str]
    acronym_words: int
    stem: int
    rebuild_max_df: int
    merge_threshold: float


@dataclass
class IncidentsSettings:
    """Incidents: the same act told many times; syndication: the same text told again."""

    incident_km: float
    date_slack_days: int
    same_spot_km: float
    coarse_precisions: frozenset[str]
    neighbour_stories: int
    neighbour_days: int
    minhash_size: int
    shingle: int
    near_duplicate: float
    translation_keys: float
    min_keys_for_translation: int
    max_peers: int


@dataclass
class Settings:
    """Options shared by every stage; passed in, never read from globals by a stage."""

    models: dict[str, str]
    batch_size: int
    parse_ahead: bool
    n_process: int
    commit_every: int
    max_chars: int
    gazetteer_path: Path
    dates: DatesSettings
    places: PlacesSettings
    quotes: QuotesSettings
    coref: CorefSettings
    events: EventsSettings
    stories: StoriesSettings
    incidents: IncidentsSettings

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages veille extracts from: a model is set and a language pack ships; others are skipped."""
        from .lang import available_languages  # lang/ reads only data: no cycle, but keep config light

        return tuple(lang for lang in self.models if lang in available_languages())

    @classmethod
    def defaults(cls) -> "Settings":
        """The packaged defaults (``data/settings.toml``), nothing overridden."""
        raw = dict(load_data("settings.toml"))
        raw.setdefault("gazetteer_path", "")
        return _build(cls, raw, "")

    @classmethod
    def from_env(cls, assignments: typing.Iterable[str] = (), **overrides) -> "Settings":
        """Defaults, then VEILLE_MODEL_xx / VEILLE_GAZETTEER, then ``key=value`` assignments, then keywords."""
        s = cls.defaults()
        for lang in list(s.models):
            name = os.environ.get(f"VEILLE_MODEL_{lang.upper()}")
            if name:
                s.models[lang] = name
        if os.environ.get("VEILLE_GAZETTEER"):
            s.gazetteer_path = Path(os.environ["VEILLE_GAZETTEER"])
        for a in assignments:
            key, sep, value = a.partition("=")
            if not sep:
                raise VeilleError("V205", f"{a!r}: a setting is written key=value (places.near_km=300)")
            s.set(key.strip(), value.strip())
        for k, v in overrides.items():
            if v is not None:
                s.set(k, v)
        return s

    def set(self, key: str, value: object) -> None:
        """Set one setting by its dotted name (``stories.join_threshold``); a string is converted to its type."""
        *path, last = key.split(".")
        obj: object = self
        for part in path:
            if not dataclasses.is_dataclass(obj) or part not in {f.name for f in fields(obj)}:
                raise VeilleError("V205", f"unknown setting {key!r}")
            obj = getattr(obj, part)
        known = {f.name: f for f in fields(obj)} if dataclasses.is_dataclass(obj) else {}
        if last not in known or dataclasses.is_dataclass(getattr(obj, last)):
            raise VeilleError("V205", f"unknown setting {key!r}")
        setattr(obj, last, _convert(key, known[last].type, value, type(obj)))

    def as_dict(self) -> dict:
        """Every setting, as plain values (for logs and ``veille settings``)."""
        return dataclasses.asdict(self)


def _build(cls: type, raw: dict, where: str):
    hints = typing.get_type_hints(cls)
    names = {f.name for f in fields(cls)}
    unknown = set(raw) - names
    if unknown:
        raise VeilleError("V205", f"settings.toml [{where or 'top'}]: unknown key(s) {sorted(unknown)}")
    missing = names - set(raw)
    if missing:
        raise VeilleError("V205", f"settings.toml [{where or 'top'}]: missing key(s) {sorted(missing)}")
    values = {}
    for name in names:
        hint = hints[name]
        if dataclasses.is_dataclass(hint):
            values[name] = _build(hint, raw[name], f"{where}.{name}".strip("."))
        else:
            values[name] = _convert(f"{where}.{name}".strip("."), hint, raw[name], cls)
    return cls(**values)


def _convert(key: str, hint, value: object, owner: type):
    """``value`` as the type ``hint`` of setting ``key``; strings (from the CLI) are parsed."""
    if isinstance(hint, str):
        hint = typing.get_type_hints(owner)[key.rsplit(".", 1)[-1]]
    origin = typing.get_origin(hint)
    try:
        if hint is Path:
            return Path(value) if value not in ("", None) else _default_cache() / "gazetteer.sqlite"
        if hint is bool:
            if isinstance(value, str):
                if value.lower() not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError(value)
                return value.lower() in ("true", "1", "yes")
            return bool(value)
        if hint in (int, float, str):
            if hint is int and isinstance(value, float):
                raise ValueError(value)
            return hint(value)
        if origin in (dict, list, tuple, frozenset) or origin is types.UnionType:
            if isinstance(value, str):
                import json
                value = json.loads(value)
            return value if origin is not frozenset else frozenset(value)
    except (TypeError, ValueError) as e:
        raise VeilleError("V205", f"setting {key!r}: {value!r} is not a {getattr(hint, '__name__', hint)}") from e
    return value
