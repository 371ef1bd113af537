"""The interface language: Qt translators for annotator's own strings and for Qt's dialogs, switched live."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from annotator.core.events import EventWarning
from annotator.core.resources import i18n_dir
from annotator.gui import settings


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """`text`, marked for pyside6-lupdate under `context` as Qt's own does (whose stub types it as object)."""
    return text


CHINESE = "zh_CN"
ENGLISH = "en"
LANGUAGES = {CHINESE: "中文", ENGLISH: "English"}  # each named in itself: a menu any reader can find
SETTING = "language"
# Review statuses and span states as the window names them (the stored values stay English).
STATUS_TITLES = (QT_TRANSLATE_NOOP("Status", "new"), QT_TRANSLATE_NOOP("Status", "pre-annotated"),
                 QT_TRANSLATE_NOOP("Status", "in-review"), QT_TRANSLATE_NOOP("Status", "reviewed"),
                 QT_TRANSLATE_NOOP("Status", "skipped"), QT_TRANSLATE_NOOP("Status", "needs-adjudication"),
                 QT_TRANSLATE_NOOP("Status", "suggested"), QT_TRANSLATE_NOOP("Status", "accepted"),
                 QT_TRANSLATE_NOOP("Status", "rejected"), QT_TRANSLATE_NOOP("Status", "manual"))
# Where a span came from (EntitySpan.origin): the engines and import.
ORIGIN_TITLES = (QT_TRANSLATE_NOOP("Origin", "jieba"), QT_TRANSLATE_NOOP("Origin", "rules"),
                 QT_TRANSLATE_NOOP("Origin", "dictionary"), QT_TRANSLATE_NOOP("Origin", "model"),
                 QT_TRANSLATE_NOOP("Origin", "import"), QT_TRANSLATE_NOOP("Origin", "manual"))
# What an event warning says (core/events.py TEMPLATES, the same strings; a test keeps them equal).
WARNING_TEMPLATES = (
    QT_TRANSLATE_NOOP("EventWarning", "event type {type} is not in the schema"),
    QT_TRANSLATE_NOOP("EventWarning", "{type} has no trigger"),
    QT_TRANSLATE_NOOP("EventWarning", "the trigger span {span_id} was rejected"),
    QT_TRANSLATE_NOOP("EventWarning", "the trigger span {span_id} is not in the document"),
    QT_TRANSLATE_NOOP("EventWarning", "the {role} span {span_id} was rejected"),
    QT_TRANSLATE_NOOP("EventWarning", "the {role} span {span_id} is not in the document"),
    QT_TRANSLATE_NOOP("EventWarning", "{type} has no role {role}"),
    QT_TRANSLATE_NOOP("EventWarning", "{role} of {type} takes {labels}, not {label} ({span})"),
    QT_TRANSLATE_NOOP("EventWarning", "{role} {span} is in another sentence than the trigger {trigger}"),
    QT_TRANSLATE_NOOP("EventWarning", "{type}: {role} is missing"),
    QT_TRANSLATE_NOOP("EventWarning", "{type}: {role} needs {wanted}, has {count}"),
    QT_TRANSLATE_NOOP("EventWarning", "{type}: {role} takes at most {wanted}, has {count}"),
)
# What kind of problem an event has (core/events.py WarningKind's values), as the statistics count them.
WARNING_KIND_TITLES = (
    QT_TRANSLATE_NOOP("WarningKind", "unknown-type"), QT_TRANSLATE_NOOP("WarningKind", "no-trigger"),
    QT_TRANSLATE_NOOP("WarningKind", "missing-span"), QT_TRANSLATE_NOOP("WarningKind", "unknown-role"),
    QT_TRANSLATE_NOOP("WarningKind", "label-not-allowed"), QT_TRANSLATE_NOOP("WarningKind", "too-many-fillers"),
    QT_TRANSLATE_NOOP("WarningKind", "missing-role"), QT_TRANSLATE_NOOP("WarningKind", "other-sentence"),
)
_installed: list[QTranslator] = []
_current = ENGLISH




def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the interface language (pyside6-lupdate collects every `translate("Context", "...")` call)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def plural(text: str, n: int) -> str:
    """English source strings say `document(s)`: made `document` or `documents` (a translation has no `(s)`)."""
    return text.replace("(s)", "" if n == 1 else "s")


def status_title(value: str) -> str:
    """A review status or span state (`reviewed`, `accepted` ...) in the interface language."""
    return translate("Status", value)


def warning_kind_title(kind: str) -> str:
    """A kind of event warning (`missing-role` …) in the interface language."""
    return translate("WarningKind", kind)


def list_separator() -> str:
    """What separates the items of a list in a sentence: ", " in English, "，" in Chinese."""
    return translate("List", ", ", "between the items of a list in a sentence")


def origin_title(origin: str) -> str:
    """The engine (or import) a suggestion came from, in the interface language."""
    return translate("Origin", origin)


def warning_text(warning: EventWarning) -> str:
    """An event warning in the interface language (its English message when it has no template)."""
    if not warning.template:
        return warning.message
    return translate("EventWarning", warning.template).format(**dict(warning.values))


def system_language() -> str:
    """The language the system asks for: Chinese for any zh locale, English otherwise."""
    return CHINESE if QLocale.system().name().startswith("zh") else ENGLISH


def chosen_language() -> str:
    """The language chosen in View → Language, else the system's."""
    chosen = settings.get(SETTING, "")
    return chosen if chosen in LANGUAGES else system_language()


def current_language() -> str:
    """The language the interface is in now."""
    return _current


def install(language: str | None = None) -> str:
    """Load the translators for `language` (default: the chosen one) into the application; returns it.

    Qt sends every widget a LanguageChange event, which is how the open window follows a switch."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("translators need the application: create the QApplication first")
    language = language if language in LANGUAGES else chosen_language()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language != ENGLISH:
        for name in (f"qtbase_{language}", f"annotator_{language}"):
            translator = QTranslator(app)
            if _load(translator, name):
                app.installTranslator(translator)
                _installed.append(translator)
    _current = language
    return language


def switch(language: str) -> None:
    """Change the interface language now and remember it for the next start."""
    settings.put(SETTING, language)
    install(language)


def _load(translator: QTranslator, name: str) -> bool:
    # Qt's own catalogue ships with PySide6; the copy in resources/i18n is what an installed wheel carries.
    for folder in (i18n_dir(), Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))):
        if translator.load(name, str(folder)):
            return True
    return False
