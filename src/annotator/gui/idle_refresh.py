"""A panel's refresh put off until the window is idle (on long articles an edit repaints its lines first)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget


class IdleRefresh:
    """Runs `refresh` once the window has been idle for `delay_ms` after a request (the pause counted from
    when the event loop is back, after the edit's repaint), or sooner when a reader needs it (`catch_up`).
    The refresh calls `done()` first and `run_waiting()` last.

    `shows`: the widget the refresh changes. A refresh run while idle repaints it at once, so its paint is
    idle time too: left to Qt's next update, it could fall into the next key's first paint instead (a long
    article's events panel: ~10 ms)."""

    def __init__(self, parent: QObject, refresh: Callable[[], None], delay_ms: int, *,
                 shows: QWidget | None = None) -> None:
        self.pending = False
        self._parent = parent
        self._refresh = refresh
        self._delay = delay_ms
        self._shows = shows
        self._waiting: list[Callable[[], None]] = []
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._idle)

    def _idle(self) -> None:
        """The pause is over: refresh, and paint what it changed while still idle."""
        if not self.pending:
            return
        self._refresh()
        if self._shows is not None and self._shows.isVisible():
            self._shows.repaint()

    def request(self) -> None:
        """Refresh after the next pause (nothing more when one is pending already)."""
        if self.pending:
            return
        self.pending = True
        QTimer.singleShot(0, self._parent, lambda: self._timer.start(self._delay) if self.pending else None)

    def catch_up(self) -> None:
        """Refresh now if one is pending (a reader needs what it reads)."""
        if self.pending:
            self._refresh()

    def then(self, action: Callable[[], None]) -> None:
        """Run `action` once nothing is pending: now, or right after the refresh."""
        if self.pending:
            self._waiting.append(action)
        else:
            action()

    def done(self) -> None:
        """The refresh is running: nothing is pending any more."""
        self.pending = False
        self._timer.stop()

    def run_waiting(self) -> None:
        """Run the actions that waited for the refresh."""
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()
