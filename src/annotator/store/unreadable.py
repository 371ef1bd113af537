"""Rows this version cannot read: a project file changed outside annotator (or by a program of its own), its
rows naming states, kinds or offsets no version writes. Each is refused naming the file, the row and the
problem, as a damaged page is, never passed on to fail later with a traceback or be quietly left out."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError
from annotator.store.files import RESTORE

EDITED = "the file was changed outside annotator; " + RESTORE


def unreadable(path: Path | str, where: str, problem: str) -> ProjectError:
    """The error for one row of the project file this version cannot read."""
    return ProjectError(f"{where}: {problem}", path=str(path), hint=EDITED)


def check_offsets(path: Path | str, doc_id: int, text: Any, spans: Iterable[Any]) -> None:
    """Refuse a span whose offsets are not whole numbers with 0 <= start < end <= the text's length."""
    n = len(text)
    for span in spans:
        start, end = span.start, span.end
        if start.__class__ is not int or end.__class__ is not int or not 0 <= start < end <= n:
            raise unreadable(path, f"document {doc_id}, span {span.id}",
                             f"its offsets [{start!r}, {end!r}) are not a range of the text ({n} characters)")


def check_references(path: Path | str, doc_id: int, spans: Iterable[Any], events: Iterable[Any]) -> None:
    """Refuse an event whose trigger, or an argument whose span, is not a span of the document."""
    ids = {span.id for span in spans}
    for event in events:
        if event.trigger_id is not None and event.trigger_id not in ids:
            raise unreadable(path, f"document {doc_id}, event {event.id}",
                             f"its trigger is span {event.trigger_id}, which the document does not have")
        for arg in event.arguments:
            if arg.span_id not in ids:
                raise unreadable(path, f"document {doc_id}, event {event.id}",
                                 f"its {arg.role!r} argument is span {arg.span_id}, which the document does not have")


def member(path: Path | str, where: str, column: str, value: Any, members: dict[str, Any]) -> Any:
    """The member `value` names (a state, a kind or a status), or the error naming the row."""
    try:
        return members[value]
    except (KeyError, TypeError):
        known = ", ".join(sorted(members))
        raise unreadable(path, where, f"its {column} {value!r} is none this version knows ({known})") from None
