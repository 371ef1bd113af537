"""Helpers for bulk work (imports, exports): worker processes and the cyclic garbage collector."""

from __future__ import annotations

import gc
import multiprocessing
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from threadpoolctl import threadpool_limits


def start_method() -> str:
    """fork when this process runs a single thread (instant, nothing re-imported), else spawn (a GUI's
    threads must not be forked)."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1 \
        else "spawn"


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside the block.

    Bulk work makes millions of small tuples (token offsets, rows); each few hundred trigger a collection
    that walks every live object, a third of an export's time. Nothing made here forms cycles, so
    reference counting frees it all the same; collection resumes (as it was) after the block."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def one_blas_thread() -> threadpool_limits:
    """numpy's BLAS (the pre-highlighter's neural reading) on one thread: from now on in a worker process,
    or inside a `with` block. Bulk work runs one process per core, and BLAS starting a thread per core in
    each of them made two import workers slower than one process (0.9x; 1.7x with one thread each)."""
    return threadpool_limits(1)
