"""Progress on the terminal: a bar with the count and the time left, drawn only on a terminal.

Piped or redirected output stays clean (scripts read it), and `--quiet` silences the bar and the step
messages of every long command; summaries and errors are still printed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO, Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

WIDTH = 28  # characters of the bar itself
REDRAW = 0.1  # seconds between redraws: a fast loop must not spend its time printing


def quiet_option(command: F) -> F:
    """The `--quiet` flag of a long command."""
    return click.option("-q", "--quiet", is_flag=True,
                        help="No progress bar or step messages (they are only shown on a terminal anyway).")(command)


def clock(seconds: float) -> str:
    """12 s, 3:05, 1:02:03."""
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds} s"
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Bar:
    """A progress callback `(done, total, *current) -> True` that draws `label [####----] 12/40  …  8 s left`."""

    def __init__(self, label: str, *, quiet: bool = False, stream: IO[str] | None = None,
                 tty: bool | None = None, now: Callable[[], float] = time.monotonic) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        shown = self.stream.isatty() if tty is None else tty
        self.enabled = shown and not quiet
        self.now = now
        self.started = now()
        self.drawn_at: float | None = None
        self.width = 0

    def __call__(self, done: int, total: int, *current: object) -> bool:
        if not self.enabled:
            return True
        at = self.now()
        if self.drawn_at is not None and at - self.drawn_at < REDRAW and done < total:
            return True
        self.drawn_at = at
        self._draw(self.line(done, total, at - self.started))
        return True

    def line(self, done: int, total: int, elapsed: float) -> str:
        """The bar's text after `elapsed` seconds with `done` of `total` finished."""
        total = max(total, 0)
        share = min(done / total, 1.0) if total else 0.0
        filled = int(share * WIDTH)
        if done >= total > 0:
            tail = f"done in {clock(elapsed)}"
        elif done > 0:
            tail = f"{clock(elapsed / done * (total - done))} left"
        else:
            tail = "…"
        return f"{self.label} [{'#' * filled}{'-' * (WIDTH - filled)}] {done}/{total}  {tail}"

    def _draw(self, text: str) -> None:
        pad = max(0, self.width - len(text))  # wipe what a longer line left behind
        self.stream.write(f"\r{text}{' ' * pad}")
        self.stream.flush()
        self.width = len(text)

    def close(self) -> None:
        """End the bar's line (nothing when no bar was drawn)."""
        if self.enabled and self.drawn_at is not None:
            self.stream.write("\n")
            self.stream.flush()

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Steps:
    """A step-message callback (training, whose length is unknown ahead): each message with the time so far.

    They are log lines, not a redrawn bar, so they go to stdout piped or not; only --quiet silences them."""

    def __init__(self, *, quiet: bool = False, stream: IO[str] | None = None,
                 now: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stdout
        self.enabled = not quiet
        self.now = now
        self.started = now()

    def __call__(self, message: str) -> None:
        if self.enabled:
            self.stream.write(f"  [{clock(self.now() - self.started)}] {message}\n")
            self.stream.flush()
