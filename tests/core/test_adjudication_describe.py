"""One line per version, the same in the CLI and the window."""

from __future__ import annotations

from annotator.core.adjudication import Candidate, EventCandidate, describe
from annotator.core.layers import LayerEvent

TEXT = "中美双方在北京会谈，中方代表出席。"


def test_an_entity_version_names_its_label_text_and_bounds():
    assert describe(Candidate(5, 7, "LOC", ("ann1",), False), TEXT) == "LOC 北京 [5, 7)"


def test_an_event_version_names_type_trigger_and_role_filled_arguments():
    event = LayerEvent("Meet", (7, 9), (("Entity", 10, 12), ("Place", 5, 7)))
    assert describe(EventCandidate(event, ("ann1", "ann2"), True), TEXT) == \
        "event Meet 会谈 [7, 9) Entity=中方 Place=北京"
    assert describe(EventCandidate(LayerEvent("Meet", (7, 9)), ("ann1",), False), TEXT) == "event Meet 会谈 [7, 9)"
