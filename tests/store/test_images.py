"""store/images.py: a bulk record's events and arguments are told as runs of ids (ItemImages), read as the
same ItemImage values one image per row would give."""

from __future__ import annotations

from annotator.store.bulk import RowsAdded, StateChange
from annotator.store.images import ItemImage, ItemImages, planned_images


def test_item_images_read_as_one_image_per_item_in_order():
    images = ItemImages([(1, (5, 3), False), (2, (), True), (2, (9,), True)])
    expected = (ItemImage(5, 1, False), ItemImage(3, 1, False), ItemImage(9, 2, True))
    assert len(images) == 3 and tuple(images) == expected and images[1] == expected[1] and images[-1] == expected[2]
    assert images == expected and expected == images and images == ItemImages([(1, (5,), False), (1, (3,), False),
                                                                             (2, (9,), True)])
    assert images != expected[:2] and images.doc_ids == {1, 2}
    assert ItemImages() == () and not ItemImages([(1, (), False)])
    joined = ItemImages.join([images, ItemImages([(3, (1,), False)])])
    assert tuple(joined) == (*expected, ItemImage(1, 3, False)) and hash(joined) == hash(joined.items)


def test_planned_images_of_a_bulk_undo_tell_every_event_and_argument_brought_back():
    rows = [RowsAdded("events", 7, ("id", "doc_id"), tuple((i, 7) for i in range(1, 1001))),
            RowsAdded("arguments", 7, ("id", "doc_id"), tuple((i, 7) for i in range(1, 3001))),
            StateChange("arguments", 7, (4000, 4001), "state", "suggested", "accepted")]
    images = planned_images(rows)
    assert images is not None
    assert [e.id for e in images.events] == list(range(1, 1001)) and not any(e.removed for e in images.events)
    assert len(images.arguments) == 3002 and images.arguments[-1] == ItemImage(4001, 7, False)
    taken = planned_images([r.reversed() for r in reversed(rows)])
    assert taken is not None and all(e.removed for e in taken.events)
    assert [a.removed for a in taken.arguments][:3] == [False, False, True]  # states first, then the rows taken


def test_two_records_moving_spans_between_the_same_states_are_told_as_one():
    rows = [StateChange("spans", 7, (2, 9, 40), "state", "suggested", "accepted", (("triggers", 3),)),
            StateChange("spans", 7, (1, 10, 11), "state", "suggested", "accepted", (("model", 1), ("triggers", 2)))]
    images = planned_images(rows)
    assert images is not None and len(images.span_states) == 1
    (states,) = images.span_states
    assert states.ids == (1, 2, 9, 10, 11, 40) and states.origins == (("model", 1), ("triggers", 5))
