"""Where a bulk edit's CPU time goes (rows 5b-5d): its SQL statements, the change log's record (with the
document's counts), the rest of the service call, the document state, the article's re-colouring, the
events panel, the repaint, a deferred write (after the repaint), and Python's garbage collections, per action,
its undo and its redo. CPU time (time.process_time), since on a loaded machine wall time mostly measures the
other processes.

    .venv/bin/python -m benchmarks.bulk_profile [--rounds 3]

Works against any checkout's `annotator` on PYTHONPATH (the parts it wraps exist since bulk accept did),
so the branch and its parent can be run one after the other in one session.
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.bench_window import _window
from benchmarks.window_speed import build_large_project

PARTS: dict[str, float] = {}


def _wrap(owner: Any, name: str, part: str) -> None:
    """Add the CPU time of every outermost call of owner.name (a class's or a module's) to PARTS[part]."""
    original = getattr(owner, name)
    inside: list[bool] = []

    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        if inside:
            return original(*args, **kwargs)
        inside.append(True)
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            inside.clear()
            PARTS[part] = PARTS.get(part, 0.0) + time.process_time() - started
    setattr(owner, name, timed)


def _count_collections(phase: str, info: dict[str, int]) -> None:
    """gc callback: the CPU time of each collection, by generation."""
    if phase == "start":
        PARTS["_gc"] = time.process_time()
    else:
        part = f"gc{info['generation']}"
        PARTS[part] = PARTS.get(part, 0.0) + time.process_time() - PARTS.pop("_gc", time.process_time())


def _instrument() -> Any:
    """Wrap the parts whose CPU time PARTS collects; the checkout's `gui.foresee` module, or None before it."""
    from annotator.gui.article_view import ArticleView
    from annotator.gui.docstate import DocumentState
    from annotator.gui.event_actions import EventActions
    from annotator.service.editing import Edits
    from annotator.service.project import Project
    from annotator.service.triggers import Triggers
    from annotator.store import bulk, bulk_events
    from annotator.store.database import ProjectStore

    for module in (bulk, bulk_events):  # every set-based statement (each a module function)
        for name in [n for n, f in vars(module).items() if callable(f) and getattr(f, "__module__", "") == module.__name__
                     and not n.startswith("_") and n[0].islower()]:
            _wrap(module, name, "sql")
    _wrap(ProjectStore, "_finish", "change log")
    if hasattr(ProjectStore, "flush"):  # a deferred write (painted first), run after the repaint
        _wrap(ProjectStore, "flush", "deferred write")
    for cls, name in ((Edits, "accept_all"), (Edits, "reject"), (Triggers, "accept_many"), (Project, "undo"),
                      (Project, "redo")):
        _wrap(cls, name, "service")
    try:  # the edit shown from what the window holds (its spans' new states worked out on the key)
        from annotator.gui import foresee
    except ImportError:
        foresee = None
    else:
        for name in ("accepting_entities", "accepting_triggers", "rejecting"):
            _wrap(foresee, name, "foreseen")
    _wrap(DocumentState, "apply", "document state")
    _wrap(ArticleView, "refresh_ranges", "re-colouring")
    _wrap(EventActions, "refresh", "events panel")
    return foresee


def main() -> None:
    """Build row 5b's article, run each bulk action, its undo and redo, and print the medians in ms."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.gui import dialogs

    foresee = _instrument()
    path = Path(tempfile.mkdtemp()) / "bulk.annot"
    doc_id = build_large_project(path, chars=100_000, spans=10_000, schema="ace2005-zh", triggers=True)
    app, window = _window(path)
    window.page.open_document(doc_id)
    app.processEvents()
    dialogs.ask_yes_no = lambda *_a, **_k: True
    view, project = window.page.view, window.session.project
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier

    def key(k: Qt.Key, mods: Qt.KeyboardModifier) -> Callable[[], None]:
        return lambda: QTest.keyClick(view, k, mods)

    def reject_all() -> None:  # shown from the open document first where the checkout can (as bench_window)
        state = window.page.state
        ids = [s.id for s in state.suggestions()]
        shown = {"shown": lambda: foresee.rejecting(state, ids)} if foresee is not None else {}
        window.session.edit("reject all", lambda: project.edits.reject(ids), **shown)

    actions = {"accept entities": key(Qt.Key.Key_A, ctrl | shift), "accept triggers": key(Qt.Key.Key_T, ctrl | shift),
               "reject all": reject_all}
    undo, redo = key(Qt.Key.Key_Z, ctrl), key(Qt.Key.Key_Z, ctrl | shift)
    results: dict[str, dict[str, list[float]]] = {}

    def measure(label: str, step: Callable[[], None]) -> None:
        PARTS.clear()
        started, cpu = time.perf_counter(), time.process_time()
        step()
        keyed = time.process_time()
        view.viewport().repaint()
        QApplication.processEvents()
        parts = {**PARTS, "repaint and idle work": time.process_time() - keyed}
        parts["cpu"] = time.process_time() - cpu
        parts["wall"] = time.perf_counter() - started
        for part, seconds in parts.items():
            results.setdefault(label, {}).setdefault(part, []).append(seconds)

    load = os.getloadavg()[0]
    gc.callbacks.append(_count_collections)
    for _ in range(args.rounds):
        for name, action in actions.items():
            measure(name, action)
            measure(f"{name} / undo", undo)
            measure(f"{name} / redo", redo)
            undo()
            QApplication.processEvents()
    print(f"load average {load:.1f} -> {os.getloadavg()[0]:.1f}; medians of {args.rounds}, CPU ms (wall: ms); "
          "sql and change log are inside service; the events panel is inside the part that ran it")
    for label, parts in results.items():
        print(f"{label:24s} " + "  ".join(f"{p} {statistics.median(v) * 1000:.1f}" for p, v in parts.items()))
    window.close()


if __name__ == "__main__":
    main()
