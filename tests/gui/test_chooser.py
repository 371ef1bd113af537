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
