"""The selected event drawn over the article: its trigger boxed with the event's name, each argument boxed
in its role's colour with the role's name on a tab above it (below when that spot is taken). A suggestion
(the event, or one argument) is drawn dashed with an outlined tab, as suggested entities are underlined.

No connecting lines: on wrapped Chinese text a line from trigger to argument crosses the lines of text in
between and hides characters; the colours tie each box to its row in the events panel instead."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from annotator.core.annotations import Event, SpanState
from annotator.core.schema import Schema
from annotator.gui.article_view import ArticleView
from annotator.gui.events_panel import role_color

BADGE_SCALE = 0.62  # badge text size relative to the article's
BADGE_PAD = 3.0


@dataclass(frozen=True)
class Badge:
    """A role name drawn at a place in the viewport (kept so tests can check what was drawn where)."""

    text: str
    rect: QRectF
    color: str
    span_id: int
    suggested: bool = False


class EventOverlay:
    """Paints the current event on the article view (the view calls `paint` after drawing its text)."""

    def __init__(self, view: ArticleView, schema: Schema) -> None:
        self.view = view
        self.schema = schema
        self.event: Event | None = None
        self.badges: list[Badge] = []

    def show(self, event: Event | None) -> None:
        """Draw this event from now on (None: nothing)."""
        self.event = event
        self.view.viewport().update()

    # -- painting -------------------------------------------------------------------------------
    def paint(self, painter: QPainter) -> None:
        """Boxes and badges for the current event, over what is on screen."""
        self.badges = []
        state, event = self.view.state, self.event
        if state is None or event is None:
            return
        event_type = self.schema.event_type(event.type)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        trigger = state.span(event.trigger_id) if event.trigger_id is not None else None
        trigger_rects = self.view.range_rects(trigger.start, trigger.end) if trigger is not None else []
        color = QColor(event_type.color if event_type else "#888888")
        boxes: list[QRectF] = list(trigger_rects)
        arguments = []
        for arg in event.arguments:
            span = state.span(arg.span_id)  # not `spans`: that makes a whole waiting bulk change on the key
            if span is None or arg.state == SpanState.REJECTED:
                continue
            rects = self.view.range_rects(span.start, span.end)
            arguments.append((arg, span, rects))
            boxes.extend(rects)
        suggested = event.state == SpanState.SUGGESTED
        for rect in trigger_rects:
            painter.setPen(_pen(color.darker(130), 2.5, dashed=suggested))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-3, -1, 3, 1), 4, 4)
        font = QFont(self.view.font())
        font.setPointSizeF(max(7.0, self.view.font().pointSizeF() * BADGE_SCALE))
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        placed: list[QRectF] = []
        if trigger is not None and trigger_rects and event_type is not None:
            self._badge(painter, metrics, event_type.name_zh or event.type, color.darker(130).name(),
                        trigger_rects, boxes, placed, trigger.id, suggested=suggested)
        for arg, span, rects in arguments:
            role = role_color(event_type, arg.role)
            found = event_type.role(arg.role) if event_type is not None else None
            if rects:
                open_ = arg.state == SpanState.SUGGESTED
                painter.setPen(_pen(QColor(role), 2.0, dashed=open_))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for rect in rects:
                    painter.drawRoundedRect(rect.adjusted(-2, 0, 2, 0), 3, 3)
                name = (found.name_zh or found.name) if found is not None else arg.role
                self._badge(painter, metrics, name, role, rects, boxes, placed, span.id, suggested=open_)
        painter.restore()

    def _badge(self, painter: QPainter, metrics: QFontMetricsF, text: str, color: str, rects: list[QRectF],
               boxes: list[QRectF], placed: list[QRectF], span_id: int, *, suggested: bool = False) -> None:
        """The role name on a filled tab above the span (below when that spot is taken); a suggestion's tab
        is white with a dashed outline and the name in the colour."""
        width = metrics.horizontalAdvance(text) + 2 * BADGE_PAD + 1
        height = metrics.height() + 1
        first, last = rects[0], rects[-1]
        spots = [QRectF(first.left() - 2, first.top() - height + 3, width, height),
                 QRectF(last.right() - width + 2, last.bottom() - 3, width, height),
                 QRectF(first.left() - 2, first.bottom() - 3, width, height),
                 QRectF(last.right() - width + 2, last.top() - height + 3, width, height)]
        own = [r.adjusted(-2, 0, 2, 0) for r in rects]
        free = [s for s in spots if not any(s.intersects(o) for o in placed)
                and not any(s.intersects(b) for b in boxes if not any(b == r for r in own))]
        spot = free[0] if free else next((s for s in spots if not any(s.intersects(o) for o in placed)), spots[0])
        placed.append(spot)
        painter.setPen(_pen(QColor(color), 1.2, dashed=suggested))
        painter.setBrush(QColor("#ffffff") if suggested else QColor(color))
        painter.drawRoundedRect(spot, 3, 3)
        painter.setPen(QColor(color) if suggested else QColor("#ffffff"))
        painter.drawText(spot, Qt.AlignmentFlag.AlignCenter, text)
        self.badges.append(Badge(text, QRectF(spot), color, span_id, suggested))


def _pen(color: QColor, width: float, *, dashed: bool) -> QPen:
    pen = QPen(color, width)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen
