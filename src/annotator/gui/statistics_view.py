"""Tools → Statistics: progress, suggestions as reviewed, labels and events, team, as charts and tables.

The numbers come from `project.statistics` (one grouped pass over the project), counted when the view opens and,
while it is open, a moment after reviewers stop editing (never once per edit), in a worker thread over its own
read-only connection (SQLite's WAL lets it read beside the window's writer), so a 100k-document project's
second or so of counting never holds up the window.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.statistics import MIN_PACE_SECONDS, Tally
from annotator.gui.charts import GROUPED, LINES, STACKED, Chart, ChartData
from annotator.gui.error_text import error_text
from annotator.gui.i18n import (
    QT_TRANSLATE_NOOP,
    list_separator,
    origin_title,
    plural,
    status_title,
    translate,
    warning_kind_title,
)
from annotator.gui.keys import WINDOW, Binding
from annotator.service import Changes, Project
from annotator.service.statistics import ProjectStatistics

if TYPE_CHECKING:
    from annotator.gui.session import ProjectSession
    from annotator.gui.window import MainWindow

BINDING = Binding("statistics", QT_TRANSLATE_NOOP("Keys", "Statistics…"), (), "Tools", WINDOW, group="Tools")
TRIGGERS = QT_TRANSLATE_NOOP("Origin", "triggers")  # the trigger engine, beside i18n.ORIGIN_TITLES
EVENTS = QT_TRANSLATE_NOOP("Origin", "events")  # the event suggester (triggers and the arguments it made)
RECOUNT_MS = 1500  # after the last edit: a burst of edits costs one recount
CHARTS = (  # name, title
    ("status", QT_TRANSLATE_NOOP("StatisticsView", "Documents per status")),
    ("burn_up", QT_TRANSLATE_NOOP("StatisticsView", "Reviewed so far (burn-up)")),
    ("outcomes", QT_TRANSLATE_NOOP("StatisticsView", "What became of the suggestions, per label")),
    ("label_quality", QT_TRANSLATE_NOOP("StatisticsView", "Precision and recall per label")),
    ("engine_quality", QT_TRANSLATE_NOOP("StatisticsView", "Precision and recall per engine")),
    ("model_quality", QT_TRANSLATE_NOOP("StatisticsView", "The model's precision and recall, before and after each retraining")),
    ("labels", QT_TRANSLATE_NOOP("StatisticsView", "Entities per label")),
    ("events", QT_TRANSLATE_NOOP("StatisticsView", "Events per type")),
    ("annotators", QT_TRANSLATE_NOOP("StatisticsView", "Documents per annotator")),
)
OUTCOMES = (("accepted", QT_TRANSLATE_NOOP("StatisticsView", "accepted")),
            ("relabelled", QT_TRANSLATE_NOOP("StatisticsView", "relabelled")),
            ("resized", QT_TRANSLATE_NOOP("StatisticsView", "resized")),
            ("rejected", QT_TRANSLATE_NOOP("StatisticsView", "rejected")),
            ("added", QT_TRANSLATE_NOOP("StatisticsView", "added")))


def install(window: MainWindow) -> None:
    """Tools → Statistics… on the window (`window.statistics_view` while it is open)."""
    window.add_binding(BINDING, lambda: show_statistics(window))


def show_statistics(window: MainWindow) -> StatisticsView | None:
    """Open (or bring forward) the Statistics view of the window's project."""
    if window.session is None:
        window.say(translate("StatisticsView", "open a project first"), True)
        return None
    view = window.statistics_view
    if view is None or view.session is not window.session:
        if view is not None:
            view.close()
        view = StatisticsView(window.session, window)
        window.statistics_view = view
    view.show()
    view.raise_()
    return view


class Recount(QRunnable):
    """Compute the statistics in a worker thread over a read-only connection of its own."""

    def __init__(self, path: Path, relay: Relay) -> None:
        super().__init__()
        self.path = path
        self.relay = relay

    def run(self) -> None:
        """Open, count, close; the result (or the reason it failed) goes back through the relay."""
        try:
            with Project.open(self.path, readonly=True) as project:
                self.relay.done.emit(project.statistics.compute())
        except AnnotatorError as exc:
            self.relay.failed.emit(error_text(exc))


class Relay(QObject):
    """Lives in the window's thread: a worker's signals reach the view there."""

    done = Signal(object)
    failed = Signal(str)


class StatisticsView(QDialog):
    """The Statistics window: four tabs of charts (each exportable as PNG) and tables."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stats: ProjectStatistics | None = None
        self.tab_names = (QT_TRANSLATE_NOOP("StatisticsView", "Progress"),
                          QT_TRANSLATE_NOOP("StatisticsView", "Suggestions"),
                          QT_TRANSLATE_NOOP("StatisticsView", "Labels and events"),
                          QT_TRANSLATE_NOOP("StatisticsView", "Team"))
        self.resize(980, 760)
        self.charts: dict[str, Chart] = {}
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.label_table = QTableWidget()
        self.engine_table = QTableWidget()
        self.annotator_table = QTableWidget()
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.team_summary = QLabel()
        self.tabs = QTabWidget()
        c = {name: self._chart(name, source) for name, source in CHARTS}
        self.tabs.addTab(self._page(self.summary, c["status"], c["burn_up"]), "")
        self.tabs.addTab(self._page(c["outcomes"], self.label_table, c["label_quality"], c["engine_quality"],
                                    self.engine_table, c["model_quality"]), "")
        self.tabs.addTab(self._page(c["labels"], c["events"], self.counts), "")
        self.tabs.addTab(self._page(c["annotators"], self.annotator_table, self.team_summary), "")
        self._retranslate()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(RECOUNT_MS)
        self.timer.timeout.connect(self.recount)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.relay = Relay(self)
        self.relay.done.connect(self._counted)
        self.relay.failed.connect(lambda reason: self.summary.setText(reason))
        self.counting = self.again = False
        session.changed.connect(self._changed)
        # The first count too runs in the worker: on a project of thousands of documents it held the window
        # for a second before the view appeared (2,178 articles, 6 annotators: 0.4 of 1.1 CPU-s, bench_team_scale).
        self.summary.setText(self.tr("Counting…"))
        self.recount()

    def _chart(self, name: str, source: str) -> Chart:
        """A chart titled `source` (English; shown translated)."""
        self.charts[name] = Chart(name, source)
        return self.charts[name]

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Statistics"))
        for i, name in enumerate(self.tab_names):
            self.tabs.setTabText(i, self.tr(name))
        for chart in self.charts.values():
            chart.set_title(self.tr(chart.title))

    def changeEvent(self, event: QEvent) -> None:
        """Follow a switch of the interface language: titles, and the charts' series and categories."""
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "tabs"):
            self._retranslate()
            if self.stats is not None:
                self.show_statistics(self.stats)
        super().changeEvent(event)

    def _page(self, *widgets: QWidget) -> QScrollArea:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        for widget in widgets:
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    def _changed(self, changes: Changes) -> None:
        if self.isVisible() and changes.kinds & {"spans", "status", "events", "layers", "documents"}:
            self.timer.start()

    def recount(self) -> None:
        """Count again in the worker thread (once more after it, when edits came meanwhile)."""
        if self.counting:
            self.again = True
            return
        self.counting, self.again = True, False
        self.pool.start(Recount(self.session.project.path, self.relay))

    def _counted(self, stats: ProjectStatistics) -> None:
        self.counting = False
        self.show_statistics(stats)
        if self.again:
            self.recount()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop following the project's edits (a count under way is waited for)."""
        self.timer.stop()
        self.pool.waitForDone()
        try:
            self.session.changed.disconnect(self._changed)
        except (RuntimeError, TypeError):
            pass  # already disconnected
        super().closeEvent(event)

    # -- showing --------------------------------------------------------------------------------
    def show_statistics(self, stats: ProjectStatistics) -> None:
        """Redraw every chart and table from these numbers."""
        self.stats = stats
        documents = {s: n for s, n in stats.documents.items() if n}
        self.charts["status"].show_data(ChartData(
            tuple(status_title(s) for s in documents), {self.tr("documents"): tuple(documents.values())}))
        self._burn_up(stats)
        self._summary(stats)
        self._suggestions(stats)
        self.charts["labels"].show_data(ChartData(tuple(stats.labels), {self.tr("entities"): tuple(stats.labels.values())}))
        self.charts["events"].show_data(ChartData(tuple(stats.events), {self.tr("events"): tuple(stats.events.values())}))
        comma = list_separator()
        roles = comma.join(f"{r} {n}" for r, n in stats.roles.items()) or "–"
        warnings = comma.join(f"{warning_kind_title(w)} {n}" for w, n in stats.event_warnings.items()) or "–"
        self.counts.setText(self.tr("Arguments per role: %1\nSchema warnings: %2").replace("%1", roles)
                            .replace("%2", warnings))
        self._team(stats)

    def _burn_up(self, stats: ProjectStatistics) -> None:
        days = sorted({d for per in (stats.per_day, *stats.per_annotator_day.values()) for d in per})
        series: dict[str, tuple[float, ...]] = {}
        if days:
            series[self.tr("everyone")] = _cumulative(stats.per_day, days)
            if len(stats.per_annotator_day) > 1:
                for name, per in sorted(stats.per_annotator_day.items()):
                    series[name] = _cumulative(per, days)
        # Month and day fit under the axis; the year only when the days span more than one.
        same_year = len({d.year for d in days}) <= 1
        names = tuple(d.strftime("%m-%d") if same_year else d.isoformat() for d in days)
        self.charts["burn_up"].show_data(ChartData(names, series, LINES))

    def _summary(self, stats: ProjectStatistics) -> None:
        finish = stats.finish
        total = sum(stats.documents.values())
        lines = [plural(self.tr("%1 of %2 document(s) reviewed."), total).replace("%1", str(stats.documents.get("reviewed", 0)))
                 .replace("%2", str(total))]
        if finish.remaining == 0:
            lines.append(self.tr("Nothing left to review."))
        elif finish.date is None:
            lines.append(self.tr("%1 left; no pace yet.").replace("%1", str(finish.remaining)))
        else:
            lines.append(plural(self.tr("%1 left at %2 a day: done in %3 day(s), about %4."), finish.days or 0)
                         .replace("%1", str(finish.remaining)).replace("%2", f"{finish.per_day:.1f}")
                         .replace("%3", str(finish.days)).replace("%4", finish.date.isoformat()))
        times = sorted(stats.seconds_per_document)
        if times:
            median = times[len(times) // 2]
            text = self.tr("Time per document (long pauses left out): median %1 s over %2 document(s).")
            lines.append(plural(text, len(times))
                         .replace("%1", f"{median:.0f}").replace("%2", str(len(times))))
        self.summary.setText("\n".join(lines))

    def _suggestions(self, stats: ProjectStatistics) -> None:
        per_label, per_engine = stats.suggestions.per_label, stats.suggestions.per_engine
        self.charts["outcomes"].show_data(ChartData(
            tuple(per_label), {self.tr(title): tuple(getattr(t, key) for t in per_label.values())
                               for key, title in OUTCOMES}, STACKED))
        for name, table in (("label_quality", per_label), ("engine_quality", per_engine)):
            names = tuple(origin_title(k) for k in table) if name == "engine_quality" else tuple(table)
            self.charts[name].show_data(ChartData(names, {
                self.tr("precision"): tuple(t.precision for t in table.values()),
                self.tr("recall"): tuple(t.recall for t in table.values())}, GROUPED))
        versions = stats.per_model
        self.charts["model_quality"].show_data(ChartData(
            tuple(self._version_name(v.name) for v in versions),
            {self.tr("precision"): tuple(v.tally.precision for v in versions),
             self.tr("recall"): tuple(v.tally.recall for v in versions)} if versions else {}, GROUPED))
        self.charts["model_quality"].setVisible(bool(versions))
        self._fill(self.label_table, per_label, lambda k: k)
        self._fill(self.engine_table, per_engine, origin_title)

    def _version_name(self, name: str) -> str:
        """`starter` or `retrained N` in the interface language."""
        if name == "starter":
            return self.tr("starter")
        return self.tr("retrained %1").replace("%1", name.rsplit(" ", 1)[-1])

    def _fill(self, table: QTableWidget, tallies: dict[str, Tally], title: Callable[[str], str]) -> None:
        heads = [self.tr(t) for _, t in OUTCOMES] + [self.tr("precision"), self.tr("recall")]
        table.setRowCount(len(tallies))
        table.setColumnCount(len(heads))
        table.setHorizontalHeaderLabels(heads)
        table.setVerticalHeaderLabels([title(k) for k in tallies])
        for row, tally in enumerate(tallies.values()):
            # '–' where there is nothing to divide by: a label whose spans all came from a file had precision 0.000
            cells = [str(getattr(tally, key)) for key, _ in OUTCOMES] + [
                f"{tally.precision:.3f}" if tally.suggested else "–", f"{tally.recall:.3f}" if tally.final else "–"]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, col, item)
        table.setMinimumHeight(min(60 + 30 * len(tallies), 260))

    def _team(self, stats: ProjectStatistics) -> None:
        """Each annotator's documents (assigned to, annotated or reviewed by them), those they did, their hours and
        documents per hour, as the service counts them (`AnnotatorWork`)."""
        people = stats.annotators
        self.charts["annotators"].show_data(ChartData(tuple(people), {
            self.tr("their documents"): tuple(w.documents for w in people.values()),
            self.tr("done"): tuple(w.done for w in people.values())}, GROUPED))
        heads = (self.tr("their documents"), self.tr("done"), self.tr("hours"), self.tr("per hour"))
        tips = (self.tr("Assigned to them, annotated by them (a merged file or edits here) or reviewed by them"),
                self.tr("Their file merged, or reviewed by them here"),
                self.tr("Time at work: edits here and their merged files' time, long pauses left out"),
                self.tr("Documents per hour of time at work; – : too little work to tell (under %1 minutes)")
                .replace("%1", f"{MIN_PACE_SECONDS / 60:.0f}"))
        self.annotator_table.setRowCount(len(people))
        self.annotator_table.setColumnCount(len(heads))
        for col, (head, tip) in enumerate(zip(heads, tips, strict=True)):
            header = QTableWidgetItem(head)
            header.setToolTip(tip)
            self.annotator_table.setHorizontalHeaderItem(col, header)
        self.annotator_table.setVerticalHeaderLabels(list(people))
        too_little = self.tr("too little work to tell")
        for row, work in enumerate(people.values()):
            timed = work.seconds > 0  # an export merged carries no change log: its time is unknown, not zero
            pace = work.per_hour
            cells = (str(work.documents), str(work.done), f"{work.seconds / 3600:.2f}" if timed else "–",
                     "–" if pace is None else f"{pace:.1f}")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 3 and pace is None and timed:
                    item.setToolTip(too_little)
                self.annotator_table.setItem(row, col, item)
        table = self.annotator_table
        table.resizeColumnsToContents()  # "their documents" was cut to "their document"
        for col in range(table.columnCount()):
            table.setColumnWidth(col, max(table.columnWidth(col), 90))
        # As tall as its rows (up to a dozen annotators), as the suggestions' tables are: it showed four rows and a
        # scroll bar above half a tab of empty room, the fifth and sixth annotators cut off.
        rows = sum(table.rowHeight(r) for r in range(min(table.rowCount(), 12)))
        table.setMinimumHeight(table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth() + 2)
        overall = (stats.agreement or {}).get("overall") or {}
        if overall.get("documents"):
            alpha = overall.get("alpha")
            text = self.tr("Agreement: %1 document(s) reviewed by two or more; Krippendorff's α %2")
            lines = [plural(text, overall["documents"]).replace("%1", str(overall["documents"]))
                     .replace("%2", "–" if alpha is None else f"{alpha:.3f}")]
            from annotator.gui.adjudication import events_left_out  # the agreement view's words

            lines += [events_left_out(p["a"], p["b"], p["no_events"]) for p in (stats.agreement or {})["pairs"]
                      if p.get("no_events")]
        else:
            lines = [self.tr("No document was reviewed by two annotators yet.")]
        if any(w.per_hour is None and w.seconds > 0 for w in people.values()):
            lines.append(self.tr("Per hour – : too little work to tell (under %1 minutes at work).")
                         .replace("%1", f"{MIN_PACE_SECONDS / 60:.0f}"))
        self.team_summary.setText("\n".join(lines))


def _cumulative(per_day: dict[date, int], days: list[date]) -> tuple[int, ...]:
    total, out = 0, []
    for day in days:
        total += per_day.get(day, 0)
        out.append(total)  # a count: its axis ticks at whole numbers
    return tuple(out)
