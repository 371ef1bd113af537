"""The open document is kept out of Python's full garbage collections (they walked every one of a long
article's objects on nearly every bulk edit), and handed back to the collector when another opens."""

from __future__ import annotations

import gc
import weakref

from annotator.gui import heap


def collected(obj: object) -> bool:
    """Whether a collection would walk `obj` (frozen objects are left out of gc.get_objects)."""
    return any(o is obj for o in gc.get_objects())


def test_the_open_documents_spans_are_frozen(window):
    state = window.page.state
    assert state is not None and state.spans
    assert gc.get_freeze_count() > len(state.spans)
    assert not collected(state.spans)
    assert not collected(state.tokens)


def test_opening_another_document_releases_the_first(window):
    assert window.page.open_document(2)
    # The first document's objects were handed back before the second was frozen: a cycle among them is
    # collected again instead of being kept for good.
    assert window.page.state.doc_id == 2
    assert not collected(window.page.state.spans)

    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a
    gone = weakref.ref(a)
    heap.settle()  # the cycle is frozen with everything else alive
    del a, b
    gc.collect()
    assert gone() is not None  # frozen: kept
    heap.release()
    gc.collect()
    assert gone() is None  # released: collected
    heap.settle()


def test_closing_the_project_releases_the_document(window):
    assert gc.get_freeze_count() > 0
    window.close_project()
    assert gc.get_freeze_count() == 0
