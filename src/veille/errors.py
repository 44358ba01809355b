"""Errors with stable codes: V1xx input, V2xx nlp, V3xx store, V4xx api.

The CLI turns a :class:`VeilleError` into one line ``Error: V101 ...`` and a
non-zero exit; a traceback reaching the user is a bug.
"""
from __future__ import annotations

CODES = {
    "V100": "unreadable input",
    "V101": "file not found",
    "V102": "undecodable bytes",
    "V103": "broken JSON line",
    "V104": "empty text",
    "V105": "bad field value",
    "V106": "unsupported input kind",
    "V200": "NLP model not installed",
    "V201": "evidence span out of range",
    "V202": "extraction stage failed",
    "V203": "no language pack",
    "V204": "invalid language pack",
    "V205": "bad setting",
    "V300": "database error",
    "V301": "database schema newer than this veille",
    "V302": "bad export format",
    "V303": "gazetteer error",
    "V400": "bad API parameter",
    "V404": "no such record or page",
    "V405": "method not allowed",
    "V410": "database error while serving",
    "V499": "internal API error",
}


class VeilleError(Exception):
    """An error with a stable code and a one-line message."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message
