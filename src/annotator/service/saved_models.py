"""Errors of the models a project keeps, said as errors of the project file that holds them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.core.errors import ProjectError, ReadError

# What the model readers name a model given as bytes (core/prelabel: models/files.py, events/files.py, models/meta.py)
SAVED = {"the project's model": "its entity model", "the project's event model": "its event model"}


@contextmanager
def in_project(path: Path) -> Iterator[None]:
    """Say a model read from the project file that cannot be read as the project file's error, naming it."""
    try:
        yield
    except ReadError as exc:
        what = next((name for prefix, name in SAVED.items() if (exc.path or "").startswith(prefix)), None)
        if what is None:
            raise
        inner = (exc.path or "").split(",", 1)[1].strip() + ": " if "," in (exc.path or "") else ""
        raise ProjectError(f"{what} is not readable: {inner}{exc.reason}", path=str(path),
                           hint="train it again with `annotator train`, or restore the file from a backup") from exc
