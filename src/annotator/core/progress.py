"""Reporting progress on long work, and stopping it: the one protocol the CLI's bar and the window share.

A long use case calls `progress(done, total)` as it goes. The callback may raise `Cancelled` (or, for the
older callbacks, return False); the use case then undoes what it had done, so nothing is left half done,
and `Cancelled` reaches the caller.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from annotator.core.errors import AnnotatorError

T = TypeVar("T")

# (done, total) -> False to stop; raising Cancelled stops as well.
Progress = Callable[[int, int], "bool | None"]


class Cancelled(AnnotatorError):
    """The user stopped long work; what it had done was undone."""

    def __init__(self, what: str = "the work") -> None:
        super().__init__(f"{what} was cancelled; nothing of it was kept")


def report(progress: Progress | None, done: int, total: int, *, what: str = "the work") -> None:
    """Tell `progress` how far the work is; raise Cancelled when it says stop."""
    if progress is not None and progress(done, total) is False:
        raise Cancelled(what)


def counted(items: Iterable[T], total: int, progress: Progress | None, *, what: str = "the work",
            every: int = 1) -> Iterator[T]:
    """Yield `items`, reporting progress before each `every`-th one and once at the end."""
    done = 0
    for item in items:
        if done % every == 0:
            report(progress, done, total, what=what)
        yield item
        done += 1
    report(progress, done, total, what=what)
