"""HTTP(S) GET for feeds and pages the user names: a timeout, a size cap, conditional requests."""
from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from ..errors import VeilleError

USER_AGENT = "veille (news feed reader)"
MAX_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Fetched:
    """One HTTP answer: the body (empty when not modified) and the validators for the next request."""

    url: str
    body: bytes
    content_type: str = ""
    etag: str = ""
    modified: str = ""
    not_modified: bool = False


def is_url(source: object) -> bool:
    """True for an http(s) URL given as a string."""
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))


def fetch(url: str, *, timeout: float = 20.0, etag: str = "", modified: str = "") -> Fetched:
    """GET ``url``; raises VeilleError V100 naming the status or network error."""
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only, checked)
            body = response.read(MAX_BYTES + 1)
            info = response.headers
            final_url = response.geturl() or url
    except urllib.error.HTTPError as e:
        if e.code == 304:
            return Fetched(url, b"", etag=etag, modified=modified, not_modified=True)
        raise VeilleError("V100", f"HTTP {e.code} {e.reason}") from e
    except urllib.error.URLError as e:
        raise VeilleError("V100", f"cannot fetch: {e.reason}") from e
    except (TimeoutError, OSError) as e:  # a read timeout or a reset connection after the headers
        raise VeilleError("V100", f"cannot fetch: {type(e).__name__}: {e}") from e
    if len(body) > MAX_BYTES:
        raise VeilleError("V100", f"response larger than {MAX_BYTES // (1024 * 1024)} MB")
    return Fetched(final_url, body, content_type=info.get("Content-Type", ""), etag=info.get("ETag", ""),
                   modified=info.get("Last-Modified", ""))
