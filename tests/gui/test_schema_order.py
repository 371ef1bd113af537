"""Moving a label, type or role one place up or down in the schema dialog's lists."""

from __future__ import annotations

from annotator.gui.schema_widgets import swap_with_neighbour


def test_an_item_swaps_with_its_neighbour_and_stays_put_at_the_ends():
    items = ["PER", "ORG", "LOC"]
    assert swap_with_neighbour(items, 1, -1) == 0 and items == ["ORG", "PER", "LOC"]
    assert swap_with_neighbour(items, 1, +1) == 2 and items == ["ORG", "LOC", "PER"]
    assert swap_with_neighbour(items, 0, -1) is None and swap_with_neighbour(items, 2, +1) is None
    assert swap_with_neighbour(items, -1, +1) is None  # no row selected
    assert items == ["ORG", "LOC", "PER"]
