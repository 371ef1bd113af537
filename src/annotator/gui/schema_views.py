"""Edit → Schema…: opens the schema dialog, saves through the session's undo stack, and brings the views that
draw from the schema (palette, highlight colours, entities tab, events tab, keys and menus) up to date
whenever an edit, an undo or a redo changes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.errors import AnnotatorError
from annotator.core.schema import Schema
from annotator.gui.highlighter import SpanStyles
from annotator.gui.i18n import QT_TRANSLATE_NOOP, translate
from annotator.gui.keys import WINDOW, Binding
from annotator.gui.panels import LabelPalette
from annotator.gui.schema_dialog import SchemaDialog
from annotator.service import Changes
from annotator.service.schema_edit import EDIT, Renames

if TYPE_CHECKING:
    from annotator.gui.page import ReviewPage
    from annotator.gui.window import MainWindow

BINDING = Binding("edit_schema", QT_TRANSLATE_NOOP("Keys", "Schema…"), (), "Edit", WINDOW, group="Edit")
_FOLLOWING = "follows_schema"  # a property of the session once it is connected


def install(window: MainWindow) -> None:
    """Add Edit → Schema… to the window."""
    window.add_binding(BINDING, lambda: open_dialog(window))


def open_dialog(window: MainWindow) -> SchemaDialog | None:
    """Show the schema dialog of the open project (window-modal; the window keeps it as `schema_dialog`)."""
    session = window.session
    if session is None:
        return None
    follow(window)
    project = session.project

    def save(schema: Schema, renames: Renames) -> str | None:
        failures: list[AnnotatorError] = []

        def failed(exc: AnnotatorError) -> None:
            failures.append(exc)
        session.failed.connect(failed)
        try:
            done = session.edit(EDIT, lambda: project.schema_edits.update(schema, renames=renames))
        finally:
            session.failed.disconnect(failed)
        if done is None:
            return failures[0].reason if failures else translate("Schema", "the project refused the change")
        return None

    dialog = SchemaDialog(project.schema, project.schema_edits.usage(),
                          orphans=lambda schema, renames: project.schema_edits.orphans(schema, renames=renames),
                          save=save, readonly=session.readonly, reserved=[b for b, _ in window.extra], parent=window)
    window.schema_dialog = dialog
    dialog.open()
    return dialog


def follow(window: MainWindow) -> None:
    """Refresh the window's schema views after every edit that changes the schema (once per session)."""
    session = window.session
    if session is not None and not session.property(_FOLLOWING):
        session.setProperty(_FOLLOWING, True)
        session.changed.connect(lambda changes: refresh(window, changes))


def refresh(window: MainWindow, changes: Changes) -> None:
    """Bring every view that draws from the schema up to date when `changes` touched it."""
    page = window.page
    if "schema" not in changes.kinds or page is None:
        return
    schema = page.project.schema
    page.schema = schema
    page.styles = SpanStyles(schema)
    page.view.styles = page.styles
    if page.view.highlighter is not None:
        page.view.highlighter.styles = page.styles
        page.view.highlighter.rehighlight()
    _replace_palette(window, page, schema)
    page.side.entities.entities.schema = schema
    page.side.entities.show_state(page.state)
    events = window.events_
    if events is not None:
        events.schema = events.panel.schema = events.overlay.schema = schema
        events.refresh()
    window._build_menus()  # the label digits and event hotkeys come from the schema
    page.update_fields()


def _replace_palette(window: MainWindow, page: ReviewPage, schema: Schema) -> None:
    old = page.palette_bar
    holder = old.parentWidget()
    layout = holder.layout() if holder is not None else None
    assert layout is not None  # the palette sits in a layout of the page
    new = LabelPalette(schema, holder)
    layout.replaceWidget(old, new)
    old.hide()
    old.deleteLater()
    new.label_clicked.connect(lambda key: window.run(Binding("label", "", arg=key)))
    page.palette_bar = new
