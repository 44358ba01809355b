"""The web app: JSON API, pages and vendored static files over one read-only database."""
from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from . import api, pages
from .db import ReadOnlyDatabase
from .params import ApiError

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("veille.web")

_HTTP = {404: ("V404", "no such page"), 405: ("V405", "method not allowed")}


def _answer(request: Request, error: ApiError) -> Response:
    """The error as JSON under /api, as a page elsewhere."""
    if request.url.path.startswith("/api/") and request.url.path != "/api/docs":
        return JSONResponse(error.body(), status_code=error.status)
    return pages.render("error.html", status=error.status, code=error.code, message=error.message)


async def _api_error(request: Request, exc: ApiError) -> Response:
    return _answer(request, exc)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    code, message = _HTTP.get(exc.status_code, ("V400", exc.detail or "bad request"))
    return _answer(request, ApiError(exc.status_code, code, message))


async def _db_error(request: Request, exc: sqlite3.Error) -> Response:
    log.error("database error on %s: %s", request.url.path, exc)
    return _answer(request, ApiError(503, "V410", f"database error: {exc}"))


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s", request.url.path)
    return _answer(request, ApiError(500, "V499", "internal error (a bug: please report it)"))


def build_app(db: str | Path | ReadOnlyDatabase) -> Starlette:
    """The app over a database file, opened read-only."""
    app = Starlette(routes=[*api.ROUTES, *pages.ROUTES, Mount("/static", StaticFiles(directory=STATIC), "static")],
                    exception_handlers={ApiError: _api_error, HTTPException: _http_error,
                                        sqlite3.Error: _db_error, Exception: _internal_error})
    app.state.db = db if isinstance(db, ReadOnlyDatabase) else ReadOnlyDatabase(db)
    return app


def run(app: Starlette, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app until interrupted (loopback by default: nothing is opened to the network unless asked)."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning")
