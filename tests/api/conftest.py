"""The real server over the invented database, once per module."""
from __future__ import annotations

import httpx
import pytest

from tests.web.fixtures import LiveServer, build_db


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("api") / "news.db")


@pytest.fixture(scope="module")
def client(db):
    with LiveServer(db) as server, httpx.Client(base_url=server.url, timeout=10) as c:
        yield c
