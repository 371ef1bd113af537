"""The review window on a long article: a 100k-character document with 10k highlights, opened and edited
through the real window (offscreen), each step timed.

    .venv/bin/python -m benchmarks.window_speed [--chars 100000 --spans 10000 --repeat 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanState
from annotator.core.segment import read_article
from annotator.service import Project

SEED = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "000_f5bfa2c3bb69730e.txt"
LABELS = ("PER", "ORG", "LOC", "TIME", "MISC")


def large_document(chars: int = 100_000, spans: int = 10_000) -> AnnotatedDocument:
    """The seed article's lines repeated to `chars` characters, with `spans` token-aligned highlights:
    half suggestions, half accepted, every tenth with a nested span inside."""
    article = read_article(SEED, layout="segmented")
    lines, tokens, pos = [], [], 0
    while pos < chars:
        for start, end in article.tokens:
            tokens.append((start + pos, end + pos))
        lines.append(article.text)
        pos += len(article.text) + 1
    text = "\n".join(lines)
    step = max(3, len(tokens) // spans)
    out: list[EntitySpan] = []
    for n, i in enumerate(range(0, len(tokens) - 2, step)):
        if len(out) >= spans:
            break
        state = SpanState.SUGGESTED if n % 2 == 0 else SpanState.ACCEPTED
        end = tokens[i + 1][1] if n % 10 == 0 else tokens[i][1]
        out.append(EntitySpan(len(out) + 1, tokens[i][0], end, LABELS[n % len(LABELS)], origin="rules", state=state))
        if n % 10 == 0 and len(out) < spans:
            out.append(EntitySpan(len(out) + 1, tokens[i][0], tokens[i][1], "LOC", origin="rules",
                                  state=SpanState.SUGGESTED))
    return AnnotatedDocument(title="长文", text=text, tokens=tuple(tokens), spans=tuple(out))


def build_large_project(path: Path, *, chars: int = 100_000, spans: int = 10_000, schema: str = "news-zh",
                        triggers: bool = False) -> int:
    """A project holding the large document (with the schema's trigger suggestions too when `triggers`);
    returns its id."""
    with Project.create(path, schema=schema, user="bench") as project:
        ids, _ = project.importer.add_documents([large_document(chars, spans)], prelabel=False)
        if triggers:
            project.triggers.suggest(ids)
    return ids[0]


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call takes."""
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def measure(window, doc_id: int, *, repeat: int = 10) -> dict[str, float]:
    """Open the document in the window and time the reviewer's common steps (seconds, median)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    page = window.page
    view = page.view
    key = lambda k, mods=Qt.KeyboardModifier.NoModifier: QTest.keyClick(view, k, mods)  # noqa: E731
    results: dict[str, float] = {}
    page.state = None
    results["open document"] = timed(lambda: page.open_document(doc_id))
    results["first paint"] = timed(lambda: (view.viewport().repaint(), QApplication.processEvents()))
    runs: dict[str, list[float]] = {name: [] for name in (
        "next suggestion (Tab)", "accept (Enter)", "reject (x)", "label a token (digit)", "relabel (digit)",
        "grow span (Ctrl+Right)", "undo (Ctrl+Z)", "redo (Ctrl+Shift+Z)", "split token (S)", "merge tokens (M)",
        "page down + paint")}
    for _ in range(repeat):
        runs["next suggestion (Tab)"].append(timed(lambda: key(Qt.Key.Key_Tab)))
        runs["accept (Enter)"].append(timed(lambda: key(Qt.Key.Key_Return)))
        runs["reject (x)"].append(timed(lambda: key(Qt.Key.Key_X)))
        key(Qt.Key.Key_Escape)
        key(Qt.Key.Key_Right)
        runs["label a token (digit)"].append(timed(lambda: key(Qt.Key.Key_1)))
        runs["relabel (digit)"].append(timed(lambda: key(Qt.Key.Key_2)))
        runs["grow span (Ctrl+Right)"].append(timed(lambda: key(Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)))
        runs["undo (Ctrl+Z)"].append(timed(lambda: key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)))
        runs["redo (Ctrl+Shift+Z)"].append(timed(lambda: key(
            Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)))
        key(Qt.Key.Key_Escape)
        key(Qt.Key.Key_Right)
        key(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        runs["split token (S)"].append(timed(lambda: key(Qt.Key.Key_S)))
        key(Qt.Key.Key_Left)
        runs["merge tokens (M)"].append(timed(lambda: key(Qt.Key.Key_M)))
        runs["page down + paint"].append(timed(lambda: (key(Qt.Key.Key_PageDown), view.viewport().repaint())))
    results.update({name: statistics.median(values) for name, values in runs.items()})
    # On long documents the side panel regroups after a pause in typing, outside the key's own time.
    results["side panel regroup (deferred)"] = statistics.median(
        timed(lambda: page.side.entities.show_state(page.state)) for _ in range(3))
    return results


def table(results: dict[str, float]) -> str:
    """Results as a Markdown table in milliseconds."""
    rows = ["| step | ms |", "| --- | ---: |"]
    rows += [f"| {name} | {seconds * 1000:.1f} |" for name, seconds in results.items()]
    return "\n".join(rows)


def main() -> None:
    """Build the long article, open it in the window offscreen, print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--spans", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from annotator.gui.app import application
    from annotator.gui.window import MainWindow

    app = application()
    with tempfile.TemporaryDirectory() as folder:
        # The run must not touch the reviewer's own settings (recent projects, zoom).
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        path = Path(folder) / "long.annot"
        build = timed(lambda: build_large_project(path, chars=args.chars, spans=args.spans))
        window = MainWindow(ask_reviewer=False)
        window.resize(1400, 860)
        window.open_project(path)
        window.show()
        app.processEvents()
        results = {"build project": build, **measure(window, 1, repeat=args.repeat)}
        window.close()
    print(f"{args.chars} characters, {args.spans} spans, median of {args.repeat}")
    print(table(results))


if __name__ == "__main__":
    main()
