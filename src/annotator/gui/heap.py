"""The open document's objects kept out of Python's full garbage collections (a bulk edit's budget)."""

from __future__ import annotations

import gc


def release() -> None:
    """Hand what `settle` froze back to the collector (the document being left may hold cycles)."""
    gc.unfreeze()


def settle() -> None:
    """Freeze every object alive now, so full collections skip it.

    A full (oldest generation) collection walks every tracked object: with a 100,000-character article
    open (its tokens, 10,000 spans, the window's wrappers) one took 60-75 ms of CPU, and a bulk edit's
    thousands of new span copies set one off nearly every time, a third of accept-all's time. Freezing is a
    constant-time move of the lists; frozen objects are still freed by reference counting as ever, and
    cycles among them wait for `release` (on the next document's opening) to be collected."""
    gc.freeze()
