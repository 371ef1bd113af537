"""Helpers for bulk work (imports, exports): worker processes and the cyclic garbage collector."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from threadpoolctl import threadpool_limits


def spare_cores() -> int:
    """The processes a bulk job may run: one per core, or just itself when the machine is already busy
    (the load average at or above the core count, as `make -l` judges). Workers then only split this
    job's share of the processors (Linux shares them out by session) and add their own costs (starting,
    pickling, handing parts to the writer): importing 3,000 records at load 18 on 2 cores took 0.72x the
    floor's time with 2 workers and 1.1x in one process."""
    cores = multiprocessing.cpu_count()
    try:
        busy = os.getloadavg()[0] >= cores
    except (AttributeError, OSError):  # no load average (Windows)
        busy = False
    return 1 if busy else cores


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
