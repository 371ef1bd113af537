"""The project's typed errors: each names the file, the line where there is one, and the problem."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class AnnotatorError(Exception):
    """Base of every error a user can meet; its message is meant to be shown as it is."""

    def __init__(self, reason: str, *, path: str | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        self.reason = reason
        self.path = path
        self.line = line
        self.hint = hint
        super().__init__(self.message)

    def naming(self, path: str) -> AnnotatorError:
        """This error, naming `path` when it names no file (a line without a file means nothing, and goes)."""
        if self.path:
            return self
        named = type(self).__new__(type(self))
        AnnotatorError.__init__(named, self.reason, path=path, hint=self.hint)
        named.__dict__.update({k: v for k, v in self.__dict__.items() if k not in ("reason", "path", "line", "hint")})
        return named

    @property
    def message(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}"
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        text = f"{where}{self.reason}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class ReadError(AnnotatorError):
    """An input file could not be read or understood.

    `saved` is set when the bytes were one of the project's models, kept in the project file rather than a file of
    their own: "entity" or "event" (set by `saved_model`), so the service says the error as the project file's."""

    saved: str | None = None


@contextmanager
def saved_model(kind: str) -> Iterator[None]:
    """Mark a ReadError raised within as one reading the project's `kind` model ("entity" or "event")."""
    try:
        yield
    except ReadError as exc:
        exc.saved = kind
        raise


class WriteError(AnnotatorError):
    """An output file could not be written."""


class ValidationError(AnnotatorError):
    """Data does not satisfy an invariant (offsets, labels, schema)."""


class SchemaError(AnnotatorError):
    """A schema file is malformed or an edit would orphan annotations."""


class ProjectError(AnnotatorError):
    """A project file cannot be opened or changed (damaged, locked, too new, read-only)."""


class ProjectLockedError(ProjectError):
    """Another process holds the project for writing."""
