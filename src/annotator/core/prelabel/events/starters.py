"""The shipped event starters, found without loading the event model's code (pycrfsuite and its features): what
`project.training.reads_lexical` reads as the window opens a project."""

from __future__ import annotations

from annotator.core.resources import models_dir

# The shipped event starters, by schema name (resources/models/README.md says how each was trained).
STARTERS = {"cec": "events-cec.evm"}


def starter_bytes(schema_name: str) -> bytes | None:
    """The shipped event starter for a schema (by name), or None when none ships for it."""
    name = STARTERS.get(schema_name)
    if name is None:
        return None
    path = models_dir() / name
    return path.read_bytes() if path.exists() else None
