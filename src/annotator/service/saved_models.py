"""Errors of the models a project keeps, said as errors of the project file that holds them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.core.errors import ProjectError, ReadError

# The project's models by the kind the readers mark on their errors (ReadError.saved: core/prelabel's
# models/files.py, events/files.py, models/meta.py)
SAVED = {"entity": "its entity model", "event": "its event model"}


@contextmanager
def in_project(path: Path) -> Iterator[None]:
    """Say a model read from the project file that cannot be read as the project file's error, naming it."""
    try:
        yield
    except ReadError as exc:
        if exc.saved is None:  # a file of its own, or a shipped starter: its own error names it
            raise
        what = SAVED[exc.saved]
        # the part of the model the reader names after the model's own name ("…, its base model")
        inner = (exc.path or "").split(",", 1)[1].strip() + ": " if "," in (exc.path or "") else ""
        raise ProjectError(f"{what} is not readable: {inner}{exc.reason}", path=str(path),
                           hint="train it again with `annotator train`, or restore the file from a backup") from exc
