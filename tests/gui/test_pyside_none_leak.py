"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every void Qt call and aborts after a few
thousand; this fails if the installed PySide6 does that (so the version cap is lifted only when safe)."""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtWidgets import QWidget

CALLS = 3000


def test_void_qt_calls_keep_the_reference_count_of_none(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.setObjectName("warm-up")
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        widget.setObjectName("x")
    lost = before - sys.getrefcount(None)
    # A leak loses one reference per call; ordinary interpreter noise is a handful either way.
    assert lost < CALLS // 10, f"PySide6 {PySide6.__version__} lost {lost} references to None in {CALLS} calls"
