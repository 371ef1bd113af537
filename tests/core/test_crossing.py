"""accept all's choice of suggestions: the one-sweep crossing check and the greedy choice agree with a
plain pairwise reference."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.crossing import acceptable, any_crossing, crosses

ranges = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 6)).map(lambda p: (p[0], p[0] + p[1])), max_size=25)


def reading_order(rs):
    return sorted(rs, key=lambda r: (r[0], -r[1]))


@given(ranges)
def test_one_sweep_finds_a_crossing_exactly_when_a_pair_crosses(rs):
    pairwise = any(crosses(a, b, c, d) for i, (a, b) in enumerate(rs) for c, d in rs[i + 1:])
    assert any_crossing(reading_order(rs)) == pairwise


@given(ranges, ranges)
def test_the_choice_is_the_pairwise_greedy_one(accepted, suggested):
    candidates = [(i, a, b) for i, (a, b) in enumerate(reading_order(suggested))]
    kept, expected = list(accepted), []
    for i, a, b in candidates:  # in reading order, each taken unless it crosses one kept
        if not any(crosses(a, b, c, d) for c, d in kept):
            kept.append((a, b))
            expected.append(i)
    assert acceptable(reading_order(accepted), candidates) == expected
