"""Errors in the interface language.

The store and the readers raise English reasons (the CLI prints them as they are). The window matches a reason,
and its hint, against the templates below and says it in the interface language; the values a template names
(a size, a holder, a nested reason) are kept, and are themselves said again when one is a known reason. A reason
without a template keeps its English inside a translated frame, so the file and the line are still said.
"""

from __future__ import annotations

import re
from functools import cache

from annotator.core.errors import AnnotatorError
from annotator.gui.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "Errors"
# What the store says of a project file (store/files.py, lock.py, database.py, guarded.py) and the readers of
# the most common import failures; the same words as the code that raises them (tests/gui/test_error_text.py
# raises each and checks it is said in Chinese).
REASONS = (
    QT_TRANSLATE_NOOP("Errors", "no such project file"),
    QT_TRANSLATE_NOOP("Errors", "is a folder, not a project file"),
    QT_TRANSLATE_NOOP("Errors", "cannot read the project file: {reason}"),
    QT_TRANSLATE_NOOP("Errors", "the project file is empty (0 bytes)"),
    QT_TRANSLATE_NOOP("Errors", "the project file is truncated ({size} bytes)"),
    QT_TRANSLATE_NOOP("Errors", "the project file is truncated ({size} bytes, expected {expected})"),
    QT_TRANSLATE_NOOP("Errors", "not an annotator project (not an SQLite file)"),
    QT_TRANSLATE_NOOP("Errors", "not an annotator project (no project tables)"),
    QT_TRANSLATE_NOOP("Errors", "not an annotator project (no schema version)"),
    QT_TRANSLATE_NOOP("Errors", "the project file's header is damaged (page size {size})"),
    QT_TRANSLATE_NOOP("Errors", "made by a newer version of annotator (schema {found} with {names}; "
                                "this version knows schema {known})"),
    QT_TRANSLATE_NOOP("Errors", "cannot open the project file ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "the project file is damaged (structure check: {detail})"),
    QT_TRANSLATE_NOOP("Errors", "the project file is damaged ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "cannot save a copy before upgrading ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "the disk is full ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "the project file cannot be written ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "cannot create the lock file: {reason}"),
    QT_TRANSLATE_NOOP("Errors", "the project is open for writing by {holder}"),
    QT_TRANSLATE_NOOP("Errors", "cannot lock the project for writing: {reason}"),
    QT_TRANSLATE_NOOP("Errors", "cannot take the writer lock: {reason}"),
    QT_TRANSLATE_NOOP("Errors", "the project is already open for writing in this process as {path}"),
    QT_TRANSLATE_NOOP("Errors", "the project is open for writing by another process, through another name of "
                                "the same file (a hard link or a renamed file)"),
    QT_TRANSLATE_NOOP("Errors", "a file of that name already exists"),
    QT_TRANSLATE_NOOP("Errors", "cannot make the folder for it: {reason}"),
    QT_TRANSLATE_NOOP("Errors", "cannot create the project file ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "needs upgrading from schema {old} to {new} but is open read-only ({why})"),
    QT_TRANSLATE_NOOP("Errors", "upgrading to schema {version} failed ({detail}); the file is unchanged"),
    QT_TRANSLATE_NOOP("Errors", "the change could not be saved ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "the project is read-only ({why}); the change was not saved"),
    # Why a project is read-only (store/files.py read_only_reason, database.ASKED).
    QT_TRANSLATE_NOOP("Errors", "the file is read-only"),
    QT_TRANSLATE_NOOP("Errors", "its folder is read-only"),
    QT_TRANSLATE_NOOP("Errors", "opened read-only"),  # database.ASKED (Project.readonly_asked)
    QT_TRANSLATE_NOOP("Errors", "the file has {count} names (hard links), and writing through more than one would "
                                "lose work; copy it (cp) to make a project of its own, or remove the other names"),
    # A schema (core/schema_check.py) that the schema dialog's own checks let through.
    QT_TRANSLATE_NOOP("Errors", "a schema needs at least one entity label"),
    QT_TRANSLATE_NOOP("Errors", "duplicate label {keys}"),
    QT_TRANSLATE_NOOP("Errors", "duplicate event type {keys}"),
    QT_TRANSLATE_NOOP("Errors", "duplicate hotkey {keys}"),
    # Merging an annotator's work (service/team.py).
    QT_TRANSLATE_NOOP("Errors", "the project file names no annotator"),
    QT_TRANSLATE_NOOP("Errors", "an export does not say whose work it is"),
    QT_TRANSLATE_NOOP("Errors", "{where}: the project has no document with this text; nothing of this file was "
                                "merged"),
    QT_TRANSLATE_NOOP("Errors", "{where}: its text differs from the project's document {id}; nothing of this file "
                                "was merged"),
    # Reading files to import.
    QT_TRANSLATE_NOOP("Errors", "no such file or folder"),
    QT_TRANSLATE_NOOP("Errors", "the file is empty"),
    QT_TRANSLATE_NOOP("Errors", "the file holds no documents"),
    QT_TRANSLATE_NOOP("Errors", "the file has no text"),
    QT_TRANSLATE_NOOP("Errors", "this is a binary file (it contains NUL bytes), not text"),
    QT_TRANSLATE_NOOP("Errors", "this is a binary file (it contains NUL characters), not text"),
    QT_TRANSLATE_NOOP("Errors", "cannot decode the file as UTF-8, UTF-16, GB18030/GBK or Big5"),
    QT_TRANSLATE_NOOP("Errors", "not valid JSON: {detail}"),
    QT_TRANSLATE_NOOP("Errors", "cannot read: {reason}"),
    QT_TRANSLATE_NOOP("Errors", "is larger ({size}) than an input may be ({limit})"),
)
HINTS = (
    QT_TRANSLATE_NOOP("Errors", "create one with `annotator new`"),
    QT_TRANSLATE_NOOP("Errors", "name the .annot file itself"),
    QT_TRANSLATE_NOOP("Errors", "check the file's permissions"),
    QT_TRANSLATE_NOOP("Errors", "restore it from a backup; NAME.annot.bak-vN files beside it are copies made "
                                "before upgrades"),
    QT_TRANSLATE_NOOP("Errors", "open a .annot file made by `annotator new`"),
    QT_TRANSLATE_NOOP("Errors", "upgrade annotator to open it; the file was not changed"),
    QT_TRANSLATE_NOOP("Errors", "free some disk space or make the folder writable; the project was not changed"),
    QT_TRANSLATE_NOOP("Errors", "free some disk space and try again; the change was not saved (the project file "
                                "is intact)"),
    QT_TRANSLATE_NOOP("Errors", "make the file and its folder writable, or open it read-only"),
    QT_TRANSLATE_NOOP("Errors", "free some disk space and try again; the project was not changed"),
    QT_TRANSLATE_NOOP("Errors", "the folder must be writable to edit the project; list, info and export work "
                                "read-only"),
    QT_TRANSLATE_NOOP("Errors", "close it there first; list, info and export still work read-only"),
    QT_TRANSLATE_NOOP("Errors", "copy the project to a local disk to edit it"),
    QT_TRANSLATE_NOOP("Errors", "the folder must be writable"),
    QT_TRANSLATE_NOOP("Errors", "use the window that has it open"),
    QT_TRANSLATE_NOOP("Errors", "choose another name or open it instead"),
    QT_TRANSLATE_NOOP("Errors", "choose a folder you can write to"),
    QT_TRANSLATE_NOOP("Errors", "check that the folder is writable and the disk not full"),
    QT_TRANSLATE_NOOP("Errors", "open it once for writing with this version"),
    QT_TRANSLATE_NOOP("Errors", "make it writable and open it once with this version"),
    QT_TRANSLATE_NOOP("Errors", "keep using the previous version; a copy is in {name}"),
    QT_TRANSLATE_NOOP("Errors", "nothing was changed; try again"),
    QT_TRANSLATE_NOOP("Errors", "close it and open it again for writing"),
    QT_TRANSLATE_NOOP("Errors", "make the file and its folder writable, or work on a copy"),
    QT_TRANSLATE_NOOP("Errors", "check the name and where it is"),
    QT_TRANSLATE_NOOP("Errors", "say whose work it is with --annotator NAME"),
    QT_TRANSLATE_NOOP("Errors", "name the annotator with --annotator NAME"),
    QT_TRANSLATE_NOOP("Errors", "merge work on the documents handed out with `assign`"),
)
# Values a reason names that are words themselves (store/lock.py: who holds the writer lock; service/team.py:
# where a document is).
VALUES = (
    QT_TRANSLATE_NOOP("Errors", "another process"),
    QT_TRANSLATE_NOOP("Errors", "{user} (process {pid} on {host}, since {since})"),
    QT_TRANSLATE_NOOP("Errors", "document {id}"),  # where a merged file's document is (service/team.py)
    QT_TRANSLATE_NOOP("Errors", "line {line}"),
)
# The whole message: where (a file, perhaps with its line), the reason, the hint.
WITH_HINT = QT_TRANSLATE_NOOP("Errors", "{where}: {reason} ({hint})")
WITHOUT_HINT = QT_TRANSLATE_NOOP("Errors", "{where}: {reason}")
NOWHERE_WITH_HINT = QT_TRANSLATE_NOOP("Errors", "{reason} ({hint})")
AT_LINE = QT_TRANSLATE_NOOP("Errors", "{path}:{line}")
FIELD = re.compile(r"\{(\w+)\}")


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """The template as a regular expression, each {field} a group that takes any text."""
    parts, last = [], 0
    for field in FIELD.finditer(template):
        parts += [re.escape(template[last:field.start()]), f"(?P<{field.group(1)}>.+?)"]
        last = field.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.DOTALL)


@cache
def _by_words() -> tuple[str, ...]:
    """Every template, the most fixed words first (a reason that names a value must not take a longer one's
    text: "open for writing by {holder}" against "open for writing by another process, through …")."""
    return tuple(sorted((*REASONS, *HINTS, *VALUES), key=lambda t: -len(FIELD.sub("", t))))


def _fill(template: str, values: dict[str, str]) -> str:
    """`template` in the interface language with its fields filled (values are put in, never re-read)."""
    said = translate(CONTEXT, template)
    return FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), said)


def say(text: str) -> str:
    """A reason or hint in the interface language: a known template's words, its values kept (a value that is a
    known reason itself is said too); anything else as it is."""
    for template in _by_words():
        found = _pattern(template).fullmatch(text)
        if found is not None:
            return _fill(template, {k: say(v) for k, v in found.groupdict().items()})
    return text


def error_text(exc: AnnotatorError) -> str:
    """An error's message (file, line, problem, what to do) in the interface language."""
    where = exc.path or ""
    if where and exc.line is not None:
        where = _fill(AT_LINE, {"path": where, "line": str(exc.line)})
    reason, hint = say(exc.reason), say(exc.hint) if exc.hint else ""
    if where:
        return _fill(WITH_HINT if hint else WITHOUT_HINT, {"where": where, "reason": reason, "hint": hint})
    return _fill(NOWHERE_WITH_HINT, {"reason": reason, "hint": hint}) if hint else reason


def message_text(message: str) -> str:
    """A message already made of an error (an import report's line: "file:line: reason (hint)") in the
    interface language, when its reason is a known one; as it is otherwise."""
    for at in [0, *(m.end() for m in re.finditer(": ", message))]:
        where, rest = message[:at - 2] if at else "", message[at:]
        for reason, hint in _reason_and_hint(rest):
            if not _known(reason):
                continue
            said, hint_said = say(reason), say(hint) if hint else ""
            if where:
                template = WITH_HINT if hint else WITHOUT_HINT
                return _fill(template, {"where": _where(where), "reason": said, "hint": hint_said})
            return _fill(NOWHERE_WITH_HINT, {"reason": said, "hint": hint_said}) if hint else said
    return message


def _reason_and_hint(rest: str) -> list[tuple[str, str]]:
    """Ways to read `rest` as "reason (hint)" or a bare reason: the whole first, then each last parenthesis."""
    found = [(rest, "")]
    if rest.endswith(")"):
        at = rest.find(" (")
        while at >= 0:
            found.append((rest[:at], rest[at + 2:-1]))
            at = rest.find(" (", at + 1)
    return found


def _known(reason: str) -> bool:
    """True when `reason` is one the window can say in the interface language."""
    return any(_pattern(t).fullmatch(reason) for t in REASONS)


def _where(where: str) -> str:
    """"path:line" as the interface says a file's line."""
    path, _, line = where.rpartition(":")
    return _fill(AT_LINE, {"path": path, "line": line}) if path and line.isdigit() else where
