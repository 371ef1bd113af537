"""What the window shows with no project open: new, open, and the recent projects."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from annotator.gui import settings
from annotator.gui.panels import plain_label


class StartPage(QWidget):
    """The start screen."""

    open_requested = Signal(Path)
    new_requested = Signal()
    browse_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = heading = plain_label("", self)
        heading.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.hint = hint = plain_label("", self)
        hint.setStyleSheet("color: #555;")
        self.new_button = new = QPushButton(self)
        new.clicked.connect(self.new_requested)
        self.browse_button = browse = QPushButton(self)
        browse.clicked.connect(self.browse_requested)
        demo = QPushButton(self.tr("Open the demo"), self)
        demo.setToolTip(self.tr("A small project with a Chinese news article, to try the review keys on"))
        demo.clicked.connect(self.demo_requested)
        self.recent = QListWidget(self)
        self.recent.itemActivated.connect(self._open)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(browse)
        buttons.addWidget(demo)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        self.recent_title = plain_label("", self)
        layout.addWidget(self.recent_title)
        layout.addWidget(self.recent, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the interface language."""
        self.heading.setText(self.tr("annotator — review Chinese news entities and events"))
        self.hint.setText(self.tr("Create or open a project, or drop a .annot file here. "
                                  "Article files dropped on an open project are imported."))
        self.new_button.setText(self.tr("New project…"))
        self.browse_button.setText(self.tr("Open project…"))
        self.recent_title.setText(self.tr("Recent projects"))
        self.refresh()  # the placeholder of an empty list is a text too

    def refresh(self) -> None:
        """Re-read the recent projects."""
        self.recent.clear()
        for path in settings.recent_projects():
            item = QListWidgetItem(path)
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.recent.addItem(item)
        if not self.recent.count():  # a first start: say so, instead of a large blank box
            item = QListWidgetItem(self.tr("No recent projects yet: create one, or open the demo to try the "
                                           "review keys."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)

    def _open(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.open_requested.emit(Path(path))
