"""What the save point costs Ctrl+Enter: CPU and wall ms from the key to the window idle again (the mark's write
and the checkpoint queued after it included), with the save point and with it turned off, alternating runs; and
the checkpoint alone. Ctrl+Enter accepts the rest of the document's suggestions (the remembered answer), so the
write-ahead log holds every page that changed; Ctrl+Z between runs.

    ANNOTATOR_SHARED_DATA=... .venv/bin/python -m benchmarks.mark_save_point [--quick]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.window_speed import build_large_project


def run(path: Path, repeat: int) -> dict[str, float]:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.gui import finish_dialog
    from annotator.gui.app import application
    from annotator.gui.finish_dialog import FinishChoice
    from annotator.gui.session import ProjectSession
    from annotator.gui.window import MainWindow

    app = application()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    finish_dialog.remember(FinishChoice.ACCEPT)
    window = MainWindow(ask_reviewer=False)
    window.resize(1400, 860)
    window.open_project(path)
    window.show()
    app.processEvents()
    view, session = window.page.view, window.session
    real = ProjectSession.save_point
    alone: list[tuple[float, float]] = []

    def timed_save_point(self: ProjectSession) -> None:
        cpu, wall = time.process_time(), time.perf_counter()
        real(self)
        alone.append((time.process_time() - cpu, time.perf_counter() - wall))
    runs: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
    ctrl = Qt.KeyboardModifier.ControlModifier
    for i in range(2 * repeat):
        kind = "with" if i % 2 else "without"
        ProjectSession.save_point = timed_save_point if kind == "with" else (lambda self: None)
        cpu, wall = time.process_time(), time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_Return, ctrl)
        for _ in range(3):
            QApplication.processEvents()
        session.flush()
        runs[kind].append((time.process_time() - cpu, time.perf_counter() - wall))
        ProjectSession.save_point = real
        session.undo()
        session.flush()
        real(session)  # each run starts from a folded log
        QApplication.processEvents()
    window.close()
    out = {f"{kind} {what}": statistics.median(v[j] for v in values) * 1000
           for kind, values in runs.items() for j, what in ((0, "cpu"), (1, "wall"))}
    out.update({"save point cpu": statistics.median(a[0] for a in alone) * 1000,
                "save point wall": statistics.median(a[1] for a in alone) * 1000})
    return out


def main(argv: list[str]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    repeat = 3 if "--quick" in argv else 9
    work = Path(tempfile.mkdtemp())
    for chars, spans in ((2_000, 100), (100_000, 10_000)):
        path = work / f"doc{chars}.annot"
        build_large_project(path, chars=chars, spans=spans)
        figures = run(path, repeat)
        print(f"{chars:,} chars, {spans:,} highlights (half suggestions), Ctrl+Enter accepting the rest, median of "
              f"{repeat}, load {os.getloadavg()[0]:.1f}: " + ", ".join(f"{k} {v:.1f} ms" for k, v in figures.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
