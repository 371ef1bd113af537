"""One chart of the Statistics view: the numbers behind it, drawn with pyqtgraph, exportable as PNG."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.formats.fileio import atomic_path
from annotator.gui import dialogs
from annotator.gui.error_text import error_text

if TYPE_CHECKING:
    import pyqtgraph as pg


def _pg() -> ModuleType:
    """pyqtgraph, imported when the first chart is drawn: the window starts without it (~0.2 s, ~30 MB)."""
    import pyqtgraph

    return pyqtgraph

COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b", "#9d755d", "#bab0ac")
BAR, STACKED, GROUPED, LINES = "bar", "stacked", "grouped", "lines"
SMALL_COUNT = 10  # counts up to this tick at every whole number
LEGEND_ROOM = 1.3  # the y axis runs this far above the highest value where a legend is drawn


@dataclass(frozen=True)
class ChartData:
    """What a chart shows: categories along x, and one list of values (one per category) per series."""

    categories: tuple[str, ...]
    series: dict[str, tuple[float, ...]]   # the series' shown name -> values
    style: str = BAR                       # BAR, STACKED, GROUPED or LINES


class Chart(QWidget):
    """A titled pyqtgraph plot with an Export PNG… button; `data` holds the numbers it draws."""

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.title = title
        self.data = ChartData((), {})
        self.plot = _pg().PlotWidget(background="w")
        self.plot.setFixedHeight(260)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        for side in ("left", "bottom"):
            axis = self.plot.getAxis(side)
            axis.setPen("k")
            axis.setTextPen("k")
        self.export_button = QPushButton(self.tr("Export PNG…"))
        self.export_button.clicked.connect(self.ask_export)
        head = QHBoxLayout()
        self.title_label = QLabel(f"<b>{title}</b>")
        head.addWidget(self.title_label)
        head.addStretch(1)
        head.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.plot)

    def set_title(self, title: str) -> None:
        """Show another title (the interface language changed)."""
        self.title = title
        self.title_label.setText(f"<b>{title}</b>")

    def changeEvent(self, event: QEvent) -> None:
        """Follow a switch of the interface language."""
        if event.type() == QEvent.Type.LanguageChange:
            self.export_button.setText(self.tr("Export PNG…"))
        super().changeEvent(event)

    def show_data(self, data: ChartData) -> None:
        """Draw these numbers (replacing what was drawn)."""
        self.data = data
        item = self.plot.getPlotItem()
        item.clear()
        if item.legend is not None:
            item.legend.scene().removeItem(item.legend)
            item.legend = None
        if len(data.series) > 1:
            # One row across the top, over headroom kept free for it (below): a column of five outcomes at the right
            # covered half the plot's height and the last category's bar with it.
            item.addLegend(offset=(10, 5), labelTextColor="k", brush=_pg().mkBrush(255, 255, 255, 200),
                           colCount=len(data.series))
        n = len(data.categories)
        xs = list(range(n))
        if data.style == LINES:
            for i, (name, values) in enumerate(data.series.items()):
                item.plot(xs, list(values), pen=_pg().mkPen(COLOURS[i % len(COLOURS)], width=2), name=name,
                          symbol="o", symbolSize=5, symbolBrush=COLOURS[i % len(COLOURS)])
        else:
            self._bars(item, xs, data)
        self.plot.getAxis("bottom").setTicks([_ticks(data.categories)])
        top = self._count_ticks(data)
        item.enableAutoRange()
        if item.legend is not None and top > 0:
            item.setYRange(0, top * LEGEND_ROOM, padding=0)

    def _count_ticks(self, data: ChartData) -> float:
        """Counts (documents, entities) tick at whole numbers: below ten the axis would say 0.2, 0.4 … documents.
        So does an empty chart (an empty burn-up's 0 … 1 said 0.2, 0.4 …): no number there is a fraction.
        Returns the highest value drawn (a stacked column's sum)."""
        values = [v for series in data.series.values() for v in series]
        left = self.plot.getAxis("left")
        counts = all(isinstance(v, int) for v in values)
        top = max(values, default=0) if data.style != STACKED else max(
            (sum(column) for column in zip(*data.series.values(), strict=True)), default=0)
        if counts and top <= SMALL_COUNT:
            left.setTickSpacing(1, 1)
        else:
            left.setTickSpacing()  # pyqtgraph's own spacing (whole numbers anyway for larger counts)
        return top

    def _bars(self, item: pg.PlotItem, xs: Sequence[int], data: ChartData) -> None:
        count = max(len(data.series), 1)
        width = 0.8 / count if data.style == GROUPED else 0.8
        base = [0.0] * len(xs)
        for i, (name, values) in enumerate(data.series.items()):
            at = [x - 0.4 + width * (i + 0.5) for x in xs] if data.style == GROUPED else list(xs)
            item.addItem(_pg().BarGraphItem(x=at, height=list(values), y0=list(base), width=width,
                                         brush=COLOURS[i % len(COLOURS)], pen=_pg().mkPen("w"), name=name))
            if data.style == STACKED:
                base = [b + v for b, v in zip(base, values, strict=True)]

    # -- export ---------------------------------------------------------------------------------
    def export_png(self, path: str | Path, *, width: int = 1200) -> Path:
        """Save the chart as a PNG `width` pixels wide (written whole or not at all)."""
        path = Path(path)
        from pyqtgraph.exporters import ImageExporter

        exporter = ImageExporter(self.plot.getPlotItem())
        exporter.parameters()["width"] = width
        with atomic_path(path) as tmp:
            image = exporter.export(toBytes=True)
            if not image.save(str(tmp), "PNG"):
                raise OSError(f"cannot write {path}")
        return path

    def ask_export(self) -> None:
        """Export PNG…: ask where, then save."""
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export the chart"), f"{self.name}.png",
                                              self.tr("PNG images (*.png)"))
        if name:
            try:
                self.export_png(name if name.lower().endswith(".png") else name + ".png")
            except (AnnotatorError, OSError) as exc:
                reason = error_text(exc) if isinstance(exc, AnnotatorError) else str(exc)
                dialogs.show_error(self, self.tr("The chart could not be saved: %1").replace("%1", reason))


def _ticks(categories: Sequence[str]) -> list[tuple[int, str]]:
    """Every category's label, thinned to about 12 when there are many (a burn-up over months)."""
    step = max(1, len(categories) // 12)
    return [(i, c) for i, c in enumerate(categories) if i % step == 0 or i == len(categories) - 1]
