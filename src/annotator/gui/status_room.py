"""Room in the status bar: a passing message (a refusal, an error) is drawn only left of the permanent fields, so
in a narrow window it had no room at all and the fields overlapped. The fields that matter least step aside
(the session line, then the selected span's) while the bar cannot hold them, and come back when it can."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QStatusBar, QWidget

MARGIN = 24  # the message's own padding in the bar
SPACING = 8  # between two permanent fields, their frames included


class StatusRoom(QObject):
    """Hides the `yielding` fields, in order, while the bar is too narrow for its fields and its message."""

    def __init__(self, bar: QStatusBar, fields: Callable[[], list[QWidget]],
                 yielding: Callable[[], list[QWidget]]) -> None:
        super().__init__(bar)
        self.bar = bar
        self.fields = fields
        self.yielding = yielding
        self.stepped: list[QWidget] = []
        bar.messageChanged.connect(lambda _text: self.fit())
        bar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The bar resized: fit again."""
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        """Show every field that fits beside the message; hide the yielding ones, in order, that do not."""
        fields = self.fields()
        self.stepped = [w for w in self.stepped if w in fields]
        text = self.bar.currentMessage()
        needed = self.bar.fontMetrics().horizontalAdvance(text) + MARGIN if text else 0
        shown = [w for w in fields if w.isVisibleTo(self.bar) or w in self.stepped]
        hide: list[QWidget] = []
        for widget in self.yielding():
            if self._width(w for w in shown if w not in hide) + needed <= self.bar.width():
                break
            if widget in shown:
                hide.append(widget)
        for widget in self.stepped:
            if widget not in hide:
                widget.show()
        for widget in hide:
            widget.hide()
        self.stepped = hide

    @staticmethod
    def _width(widgets: Iterable[QWidget]) -> int:
        return sum(w.sizeHint().width() + SPACING for w in widgets)
