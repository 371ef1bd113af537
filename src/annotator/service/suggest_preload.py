"""What the first suggestion of a process reads once, loaded in a background thread (the window starts it once its
first document is shown, `project.training.preload_suggesting`): jieba's part-of-speech table (0.3-0.4 CPU-s: the
import of `jieba.posseg` reads its dictionary), the word clusters, the model's code, LAC when a model in use reads
it (core/prelabel/features/lexical.py's own load, whose lock makes a reading meanwhile wait for it), then the
project's pre-highlighter (built, and run once on a sentence). Each load is once per process (the pre-highlighter
once per model) and safe from any thread: a suggestion made meanwhile waits for what it needs, or loads it."""

from __future__ import annotations

import threading
from collections.abc import Callable

_lock = threading.Lock()
_threads: list[threading.Thread] = []


def _running() -> bool:
    return any(thread.is_alive() for thread in _threads)


def _load(lexical: bool, then: Callable[[], None] | None) -> None:
    """Each load in turn (one thread: two would share the interpreter with the window three ways)."""
    from annotator.core.prelabel.features.clusters import word_clusters
    from annotator.core.prelabel.features.word_analysis import word_tags

    word_tags()
    word_clusters()
    import annotator.core.prelabel.engines.model
    import annotator.core.prelabel.factory  # noqa: F401  (the model's code: numpy, the CRF, the engines)

    if lexical:
        _lexical()
    if then is not None:
        then()


def _lexical() -> None:
    """LAC's own background load, waited for here."""
    from annotator.core.prelabel.features.lexical import preload

    thread = preload()
    if thread is not None:
        thread.join()  # this thread stays alive while LAC loads: `loading` is one question


def start(*, lexical: bool, then: Callable[[], None] | None = None) -> bool:
    """Start the background load (True), unless it is running; LAC too when `lexical` (at once, in its own thread,
    when the load is already running: a model that reads it was adopted meanwhile), and `then` last (the project's
    pre-highlighter, service/prelabel.py `builder`; not when the load is already running: it is built at its first
    use then, as before)."""
    with _lock:
        running = _running()
        if not running:
            # Not a daemon: a process that ends while onnxruntime is being set up waits the rest of the load.
            thread = threading.Thread(target=_load, args=(lexical, then), name="suggesting preload")
            _threads.append(thread)
    if not running:
        thread.start()
    elif lexical:
        from annotator.core.prelabel.features.lexical import preload

        preload()
    return not running


def pending(*, lexical: bool) -> bool:
    """Whether suggesting now would load here what the background load loads or is loading: jieba's table, LAC
    when `lexical`, or a pre-highlighter being built (after a model was adopted)."""
    from annotator.core.prelabel.features.word_analysis import word_tags_loaded

    if not word_tags_loaded() or _running():
        return True
    if not lexical:
        return False
    from annotator.core.prelabel.features.lexical import loaded

    return not loaded()


def loading() -> bool:
    """Whether a background load (this one, or LAC's) is still running."""
    from annotator.core.prelabel.features.lexical import loading as lexical_loading

    return _running() or lexical_loading()
