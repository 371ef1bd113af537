"""The progress protocol: a callback may stop long work, which raises the typed Cancelled."""

from __future__ import annotations

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.progress import Cancelled, counted, report


def test_report_raises_cancelled_only_when_told_to_stop():
    seen = []
    report(lambda d, t: seen.append((d, t)), 1, 4)
    report(lambda d, t: True, 2, 4)
    report(None, 3, 4)
    with pytest.raises(Cancelled, match="the import was cancelled; nothing of it was kept"):
        report(lambda d, t: False, 3, 4, what="the import")
    assert seen == [(1, 4)] and issubclass(Cancelled, AnnotatorError)


def test_counted_reports_every_nth_item_and_the_end():
    seen = []
    assert list(counted("abcde", 5, lambda d, t: seen.append(d), every=2)) == list("abcde")
    assert seen == [0, 2, 4, 5]


def test_counted_stops_before_the_item_it_was_cancelled_at():
    got = []
    with pytest.raises(Cancelled):
        for item in counted(range(10), 10, lambda d, t: d < 3):
            got.append(item)
    assert got == [0, 1, 2]
