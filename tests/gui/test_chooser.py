"""The type-ahead chooser: wide enough for its choices."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from annotator.gui.chooser import MIN_WIDTH, Choice, Chooser

LONG = Choice(value="Transaction:Transfer-Ownership", text="Transaction:Transfer-Ownership 所有权转移",
              hint="所有权转移 买 卖 购买 出售 收购 转让")


def test_the_popup_is_as_wide_as_its_widest_choice_within_half_the_screen(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    chooser = Chooser(parent, title="t", choices=[Choice(value="Life:Die", text="Life:Die 死亡"), LONG],
                      on_pick=lambda value: None)
    chooser.popup_at(QRect(10, 10, 20, 20), QRect(0, 0, 1600, 900))
    assert chooser.width() >= chooser.list.sizeHintForColumn(0) > MIN_WIDTH  # the long entry is not cut off
    chooser.close()
    narrow = Chooser(parent, title="t", choices=[LONG], on_pick=lambda value: None)
    narrow.popup_at(QRect(10, 10, 20, 20), QRect(0, 0, 500, 900))
    assert narrow.width() == max(MIN_WIDTH, narrow.sizeHint().width())  # half of a small screen is less
    narrow.close()


def test_a_choices_hint_is_drawn_apart_from_its_text_and_counted_in_its_width(qtbot):
    # An event type's example triggers followed its Chinese name in the same colour: "Life:Be-Born 出生    出生 诞生".
    from PySide6.QtGui import QColor

    from annotator.gui.chooser import HINT_COLOR, HINT_ROLE

    parent = QWidget()
    qtbot.addWidget(parent)
    chooser = Chooser(parent, title="t", choices=[LONG], on_pick=lambda value: None)
    chooser.popup_at(QRect(10, 10, 20, 20), QRect(0, 0, 1600, 900))
    item = chooser.list.item(0)
    assert item.text() == LONG.text and item.data(HINT_ROLE) == LONG.hint
    metrics = chooser.list.fontMetrics()
    assert chooser.list.sizeHintForColumn(0) >= metrics.horizontalAdvance(f"{LONG.text}    {LONG.hint}")
    chooser.list.clearSelection()
    chooser.list.setCurrentRow(-1)
    picture = chooser.list.viewport().grab().toImage()
    row = chooser.list.visualItemRect(item)
    start = row.left() + metrics.horizontalAdvance(LONG.text) + 30
    hint = QColor(HINT_COLOR)  # a bluish grey: black text's antialiased edges are neutral greys

    def hint_ink(colour: QColor) -> bool:
        return abs(colour.red() - hint.red()) < 12 and abs(colour.blue() - hint.blue()) < 12 and (
            colour.blue() - colour.red() > 10)
    assert any(hint_ink(picture.pixelColor(x, y))
               for x in range(start, min(row.right(), picture.width())) for y in range(row.top(), row.bottom()))
    chooser.close()
