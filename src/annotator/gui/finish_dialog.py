"""Ctrl+Enter on a document that still holds undecided suggestions or schema warnings: accept the rest,
reject the rest, or go back; the choice may be remembered (Review → Ask again… forgets it)."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from annotator.gui import dialogs, settings
from annotator.gui.i18n import plural, translate, warning_text
from annotator.service.review import SHOWN, OpenWork

REMEMBERED = "finish_review_choice"
WARNINGS_SHOWN = 6


def describe(work: OpenWork) -> str:
    """What a document leaves open, in the interface language (OpenWork.describe is the CLI's English)."""
    parts = []
    if work.suggestions:
        n, entities, triggers = work.suggestions, work.entities, work.triggers
        kinds = []
        if entities:
            kinds.append(translate("OpenWork", "1 entity") if entities == 1
                         else translate("OpenWork", "%n entities", "", entities))
        if triggers:
            kinds.append(plural(translate("OpenWork", "%n trigger(s)", "", triggers), triggers))
        events, arguments = work.events, work.arguments
        if events:
            kinds.append(plural(translate("OpenWork", "%n event(s)", "", events), events))
        if arguments:
            kinds.append(plural(translate("OpenWork", "%n argument(s)", "", arguments), arguments))
        suggestions = plural(translate("OpenWork", "%n undecided suggestion(s)", "", n), n)
        parts.append(translate("OpenWork", "{suggestions} ({kinds})").format(
            suggestions=suggestions, kinds=translate("OpenWork", ", ").join(kinds)))
    if work.warnings:
        n, missing = len(work.warnings), work.missing_roles
        text = plural(translate("OpenWork", "%n schema warning(s)", "", n), n)
        if missing:
            text += plural(translate("OpenWork", " (%n missing required role(s))", "", missing), missing)
        parts.append(text)
    return translate("OpenWork", ", ").join(parts) or translate("OpenWork", "nothing open")


def report_lines(found: list[OpenWork], shown: int = SHOWN) -> list[str]:
    """The window's export note: how many reviewed documents hold open work, then one line per document."""
    if not found:
        return []
    n = len(found)
    suggestions = sum(w.suggestions for w in found)
    warnings = sum(len(w.warnings) for w in found)
    documents = plural(translate("OpenWork", "%n reviewed document(s)", "", n), n)
    undecided = plural(translate("OpenWork", "%n undecided suggestion(s)", "", suggestions), suggestions)
    warned = plural(translate("OpenWork", "%n schema warning(s)", "", warnings), warnings)
    head = (translate("OpenWork", "{documents} still holds {suggestions} (left out of the export) and {warnings}:")
            if n == 1 else
            translate("OpenWork", "{documents} still hold {suggestions} (left out of the export) and {warnings}:"))
    lines = [head.format(documents=documents, suggestions=undecided, warnings=warned)]
    lines += [f"  #{w.doc_id} {w.title[:40]}: {describe(w)}" for w in found[:shown]]
    more = n - shown
    if more > 0:
        lines.append(translate("OpenWork", "  … and {count} more (`annotator list --status reviewed` lists them)")
                     .format(count=more))
    return lines


class FinishChoice(StrEnum):
    """What Ctrl+Enter does with what the document leaves open."""

    ACCEPT = "accept"  # accept the undecided suggestions (triggers become events), then mark reviewed
    REJECT = "reject"  # reject them, then mark reviewed
    BACK = "back"  # mark nothing; back to the article


def remembered() -> FinishChoice | None:
    """The choice the reviewer asked to remember, if any."""
    value = settings.get(REMEMBERED, "", str)
    return FinishChoice(value) if value in (FinishChoice.ACCEPT, FinishChoice.REJECT) else None


def remember(choice: FinishChoice | None) -> None:
    """Keep a choice for the next Ctrl+Enter (None: ask again)."""
    settings.put(REMEMBERED, choice.value if choice is not None else "")


class FinishReviewDialog(QDialog):
    """Names what is open and offers accept the rest / reject the rest / go back."""

    def __init__(self, work: OpenWork, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mark reviewed?"))
        self.choice = FinishChoice.BACK
        lines = [self.tr("This document still holds {0}.").format(describe(work))]
        if work.suggestions:
            lines.append(self.tr("An export leaves undecided suggestions out."))
        if work.triggers:
            lines.append(self.tr("Accepted trigger suggestions become events that still need their roles."))
        if work.events or work.arguments:
            lines.append(self.tr("Accepting the rest accepts suggested events with their suggested arguments."))
        lines += [f"⚠ {warning_text(w)}" for w in work.warnings[:WARNINGS_SHOWN]]
        if len(work.warnings) > WARNINGS_SHOWN:
            lines.append(self.tr("… and {0} more warnings").format(len(work.warnings) - WARNINGS_SHOWN))
        text = QLabel("\n".join(lines), self)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        if work.suggestions:
            self.accept_button = self._button(buttons, self.tr("&Accept the rest"), FinishChoice.ACCEPT)
            self.reject_button = self._button(buttons, self.tr("&Reject the rest"), FinishChoice.REJECT)
        else:  # warnings only: nothing to decide, marking reviewed keeps them as they are
            self.accept_button = self._button(buttons, self.tr("&Mark reviewed"), FinishChoice.ACCEPT)
        back = buttons.addButton(self.tr("&Go back"), QDialogButtonBox.ButtonRole.RejectRole)
        back.clicked.connect(self.reject)
        back.setDefault(True)
        self.remember_box = QCheckBox(self.tr("Remember my choice (Review → Ask again before marking reviewed)"),
                                      self)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.remember_box)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _button(self, box: QDialogButtonBox, text: str, choice: FinishChoice) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._chosen(choice))
        return button

    def _chosen(self, choice: FinishChoice) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, work: OpenWork) -> tuple[FinishChoice, bool]:
        """The reviewer's choice and whether to remember it (go back, never remembered, when rendering)."""
        if dialogs.is_headless():
            return FinishChoice.BACK, False
        dialog = cls(work, parent)
        dialog.exec()
        return dialog.choice, dialog.choice != FinishChoice.BACK and dialog.remember_box.isChecked()
