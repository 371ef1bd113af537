"""An import's notes in the interface language.

A reader counts what it noted of a file's documents, or could not carry, under a reason in English words
(core/formats: brat's R, A, M, N, # and * lines, doccano's and spaCy's relations, DuEE's arguments not in the text
and mentions placed by their text, a CoNLL file's header row); the import keeps the counts apart from the line it
makes of them (`ImportNote`), so the window says the frame, each reason and its count here, the file's name and
the values kept. A reason without a template keeps its English inside the translated frame.
"""

from __future__ import annotations

from annotator.gui.error_text import fill, template_pattern
from annotator.gui.i18n import QT_TRANSLATE_NOOP, list_separator
from annotator.service.changes import ImportNote

CONTEXT = "Notes"
# The readers' reasons, in their words (tests/gui/test_import_text.py checks each against the reader's constant).
REASONS = (
    # core/formats/bratread.py NOT_CARRIED and KEPT
    QT_TRANSLATE_NOOP("Notes", "relations (R lines)"),
    QT_TRANSLATE_NOOP("Notes", "attributes (A lines)"),
    QT_TRANSLATE_NOOP("Notes", "attributes (M lines)"),
    QT_TRANSLATE_NOOP("Notes", "normalisations (N lines)"),
    QT_TRANSLATE_NOOP("Notes", "notes (# lines)"),
    QT_TRANSLATE_NOOP("Notes", "equivalences (* lines)"),
    QT_TRANSLATE_NOOP("Notes", "relations (R lines) kept for a brat export"),
    QT_TRANSLATE_NOOP("Notes", "attributes (A lines) kept for a brat export"),
    QT_TRANSLATE_NOOP("Notes", "attributes (M lines) kept for a brat export"),
    QT_TRANSLATE_NOOP("Notes", "normalisations (N lines) kept for a brat export"),
    QT_TRANSLATE_NOOP("Notes", "notes (# lines) kept for a brat export"),
    QT_TRANSLATE_NOOP("Notes", "equivalences (* lines) kept for a brat export"),
    QT_TRANSLATE_NOOP("Notes", "event arguments that are events"),
    # doccano.RELATIONS_NOT_CARRIED, spacy.RELATIONS_NOT_CARRIED
    QT_TRANSLATE_NOOP("Notes", "entity–entity relations (kept in metadata; doccano-rel writes them back)"),
    QT_TRANSLATE_NOOP("Notes", "relations (kept in metadata only)"),
    # duee.UNPLACED_NOT_CARRIED, duee.PLACED_NOTE (without extras.NOTE)
    QT_TRANSLATE_NOOP("Notes", "arguments whose text is not in the document (kept in metadata, written back by a "
                               "DuEE export)"),
    QT_TRANSLATE_NOOP("Notes", "triggers and arguments without a position, placed at the occurrence nearest their "
                               "event (DuEE-Fin gives none): review them"),
    # conll.HEADER_NOTE (without extras.NOTE): the header's text is kept as it was
    QT_TRANSLATE_NOOP("Notes", "header row passed over (the columns' names: {line})"),
)
# The line: the file, its format, the counts; a note on what was read, or what the project does not carry.
TOLD = QT_TRANSLATE_NOOP("Notes", "{path} ({kind}): {items}")
NOT_CARRIED = QT_TRANSLATE_NOOP("Notes", "{path}: not carried by the project ({kind}): {items}")
COUNT = QT_TRANSLATE_NOOP("Notes", "{count} {reason}")


_PATTERNS = tuple((template, template_pattern(template)) for template in REASONS)


def reason_text(reason: str) -> str:
    """A reader's reason in the interface language (its values kept); an unknown one as it is."""
    for template, pattern in _PATTERNS:
        found = pattern.fullmatch(reason)
        if found is not None:
            return fill(template, found.groupdict(), CONTEXT)
    return reason


def note_text(note: ImportNote) -> str:
    """One note of an import in the interface language."""
    items = list_separator().join(fill(COUNT, {"count": str(n), "reason": reason_text(reason)}, CONTEXT)
                                  for reason, n in note.counts)
    return fill(TOLD if note.told else NOT_CARRIED, {"path": note.path, "kind": note.kind, "items": items},
                CONTEXT)


def known(reason: str) -> bool:
    """Whether the window says `reason` in the interface language."""
    return any(pattern.fullmatch(reason) for _, pattern in _PATTERNS)
