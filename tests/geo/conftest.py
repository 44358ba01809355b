"""A small gazetteer (cities of 15,000+ inhabitants) built once per test run."""
from __future__ import annotations

from pathlib import Path

import pytest

from veille.geo.build import build_gazetteer
from veille.geo.gazetteer import Gazetteer


def small_gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build (once per session) the test gazetteer from the smallest city list."""
    path = tmp_path_factory.getbasetemp() / "gazetteer-small.sqlite"
    if not path.exists():
        build_gazetteer(path, cities_file="cities15000.json")
    return path


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return Gazetteer(small_gazetteer_path(tmp_path_factory))
