"""Rows 4-6: the review window (offscreen) on long articles: open to interactive, one edit and each bulk edit
(5b accept all entities, 5c accept all triggers, 5d reject all suggestions; with undo and redo) to repainted.

    .venv/bin/python -m benchmarks.bench_window [--quick]

The articles are window_speed's: the seed article's lines repeated to 100,000 characters with 10,000
token-aligned highlights (half suggestions, half accepted, some nested), and to 500,000 characters with
50,000 highlights (the same density). "Open to interactive" is the window opening the document and
painting it; an edit is the reviewer's key (label a token, accept a suggestion, undo) handled and the
view repainted. Each edit figure is the median of its repeats; the row shows the slowest of the three.
"""

from __future__ import annotations

import os
import statistics
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks.bench_common import Row, limit_row, module_main, timed
from benchmarks.window_speed import build_large_project


def _window(path: Path):
    from PySide6.QtCore import QSettings

    from annotator.gui.app import application
    from annotator.gui.window import MainWindow

    app = application()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    window = MainWindow(ask_reviewer=False)
    window.resize(1400, 860)
    window.open_project(path)
    window.show()
    app.processEvents()
    return app, window


def open_seconds(window, doc_id: int, runs: int) -> float:
    """Median seconds from asking for the document to its first paint (reopened fresh each run)."""
    from PySide6.QtWidgets import QApplication

    page = window.page
    times = []
    for _ in range(runs):
        page.state = None  # forget it, so the document is really loaded again

        def show() -> None:
            page.open_document(doc_id)
            page.view.viewport().repaint()
            QApplication.processEvents()
        times.append(timed(show))
    return statistics.median(times)


def edit_seconds(window, repeat: int) -> dict[str, float]:
    """Median seconds per edit kind, key press to repainted view."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    view = window.page.view

    # The whole article viewport is repainted after each key, although the window itself repaints only the
    # edited lines and the selection outlines: the figure is the key handled plus a full repaint.
    def key(k, mods=Qt.KeyboardModifier.NoModifier):
        return lambda: (QTest.keyClick(view, k, mods), view.viewport().repaint(), QApplication.processEvents())

    runs: dict[str, list[float]] = {"label a token": [], "accept a suggestion": [], "undo": []}
    for _ in range(repeat):
        key(Qt.Key.Key_Tab)()  # select the next suggestion
        runs["accept a suggestion"].append(timed(key(Qt.Key.Key_Return)))
        key(Qt.Key.Key_Escape)()
        key(Qt.Key.Key_Right)()
        runs["label a token"].append(timed(key(Qt.Key.Key_1)))
        runs["undo"].append(timed(key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)))
    return {name: statistics.median(values) for name, values in runs.items()}


# The window's bulk keys (Ctrl+Shift+letter) and their rows.
BULK_KEYS = {"accept all entity suggestions": ("A", "5b"), "accept all trigger suggestions": ("T", "5c"),
             "reject all suggestions": ("X", "5d")}


def bulk_seconds(window, repeat: int) -> dict[str, dict[str, float]]:
    """Median seconds per bulk key, its undo and its redo: from the key to the view repainted
    (its first paint), and, as "<step> written", to the edit committed to the file (the window writes a
    deferred edit on a zero timer after the paint); undone again after each round so every round starts from
    the same document."""
    import time

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.gui import dialogs

    view, session = window.page.view, window.session
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    stack, project = session.undo_stack, session.project
    asked, dialogs.ask_yes_no = dialogs.ask_yes_no, lambda *_a, **_k: True  # "accept N triggers as events?" yes

    def painted(fn):
        def run() -> tuple[float, float]:
            started = time.perf_counter()
            fn()
            view.viewport().repaint()
            shown = time.perf_counter()
            QApplication.processEvents()  # the zero timer writes the edit
            session.flush()  # (a no-op once written)
            assert not project.writing
            return shown - started, time.perf_counter() - started
        return run

    def key(k, m):
        return painted(lambda: QTest.keyClick(view, k, m))

    actions = {name: key(getattr(Qt.Key, f"Key_{letter}"), ctrl | shift) for name, (letter, _) in BULK_KEYS.items()}
    undo, redo = key(Qt.Key.Key_Z, ctrl), key(Qt.Key.Key_Z, ctrl | shift)
    steps = ("do", "undo", "redo")
    runs: dict[str, dict[str, list[float]]] = {
        name: {k: [] for step in steps for k in (step, f"{step} written")} for name in actions}
    try:
        for _ in range(repeat):
            for name, action in actions.items():
                before = stack.index()
                for step, run in zip(steps, (action, undo, redo), strict=True):
                    shown, written = run()
                    runs[name][step].append(shown)
                    runs[name][f"{step} written"].append(written)
                    if step == "do":
                        assert stack.index() == before + 1, f"{name} changed nothing"
                undo()
    finally:
        dialogs.ask_yes_no = asked
    return {name: {step: statistics.median(v) for step, v in steps.items()} for name, steps in runs.items()}


def rows(quick: bool, work: Path) -> Iterator[Row]:
    """Rows 4, 5, 5b-5d and 6."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    runs, repeat = (3, 10) if quick else (5, 30)
    path = work / "long.annot"
    doc_id = build_large_project(path, chars=100_000, spans=10_000)
    app, window = _window(path)
    opened = open_seconds(window, doc_id, runs)
    yield limit_row("4", "100k-char article, 10k highlights: open to interactive", value=opened, limit=0.5,
                    note=f"median of {runs}")
    edits = edit_seconds(window, repeat)
    slowest = max(edits, key=edits.get)
    shown = ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in edits.items())
    yield limit_row("5", "one edit on it (label, accept, undo) to repainted", value=edits[slowest], limit=0.016,
                    unit="ms", note=f"slowest median: {slowest}; {shown}; {repeat} each", details=edits)
    bulk = work / "bulk.annot"
    doc_id = build_large_project(bulk, chars=100_000, spans=10_000, schema="ace2005-zh", triggers=True)
    window.open_project(bulk)
    app.processEvents()
    window.page.open_document(doc_id)
    state = window.page.state
    entities = sum(s.kind.value == "entity" for s in state.suggestions())
    triggers = len(state.suggestions()) - entities
    one_edit = edits[slowest]
    timings = bulk_seconds(window, 3 if quick else 15)  # medians of 15: of 5, one slow frame moved them by 10 ms
    counts = {"accept all entity suggestions": f"{entities:,} entity suggestions",
              "accept all trigger suggestions": f"{triggers:,} trigger suggestions (each becomes an event)",
              "reject all suggestions": f"{entities + triggers:,} suggestions"}
    for name, steps in timings.items():
        key = BULK_KEYS[name][1]
        painted = {step: v for step, v in steps.items() if not step.endswith("written")}
        worst = max(painted, key=painted.get)
        shown = ", ".join(f"{step} {v * 1000:.0f} ms" for step, v in painted.items())
        written = ", ".join(f"{step} {v * 1000:.0f} ms" for step, v in steps.items() if step.endswith("written"))
        yield limit_row(key, f"{name} on it, undo, redo, to repainted", value=steps[worst], limit=0.016, unit="ms",
                        note=f"slowest median: {worst}; {shown}; committed to the file: {written}; {counts[name]}; "
                        f"one edit (row 5) "
                        f"{one_edit * 1000:.1f} ms in this run; load average {os.getloadavg()[0]:.1f}",
                        details=steps)
    window.close()
    app.processEvents()
    big = work / "longer.annot"
    doc_id = build_large_project(big, chars=500_000, spans=50_000)
    window.open_project(big)
    app.processEvents()
    opened = open_seconds(window, doc_id, runs)
    yield limit_row("6", "500k-char article (50k highlights): open to interactive", value=opened, limit=2.0,
                    note=f"median of {runs}")
    window.close()


if __name__ == "__main__":
    module_main(rows, __doc__)
