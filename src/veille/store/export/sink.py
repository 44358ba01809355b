"""Where a writer's text goes: a file (UTF-8, no newline translation) or stdout."""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO


@contextlib.contextmanager
def text_out(out: str | None) -> Iterator[TextIO]:
    """The file ``out`` opened for writing (its parent created), or stdout when ``out`` is None or ``-``."""
    if out is None or out == "-":
        yield sys.stdout
        return
    from pathlib import Path

    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        yield f
