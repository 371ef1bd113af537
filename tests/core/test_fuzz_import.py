"""A small seeded run of tools/fuzz_import.py: every format's valid files, mutated, keep import's promise.

The property tests (test_properties_import.py) break random documents the writers made; this starts from the
real fixtures and breaks them as hostile files do (truncated, CR-only, a BOM or NUL inside, mixed encodings,
JSON values of another type, NaN, 10**30, nesting past Python's depth, another format's field names, offsets
past the text; a brat zip truncated, with ../ names, a bomb or a symlink) and also checks that what comes in
exports, reads back and exports again the same, and that a refusal leaves the tables byte for byte. Long runs:
`python -m tools.fuzz_import --count 3000` (benchmarks/README.md).
"""

from __future__ import annotations

import dataclasses
import random

import pytest

from annotator.core.formats import FORMATS
from tools import fuzz_import as fuzz


@pytest.fixture(scope="module")
def empty(tmp_path_factory):
    return fuzz.empty_project(tmp_path_factory.mktemp("fuzz"))


def test_every_seed_imports_and_round_trips_unmutated(empty, tmp_path):
    """The oracle is not vacuous: each valid file imports whole (nothing refused) and round-trips."""
    assert {seed.fmt for seed in fuzz.seeds()} == set(fuzz.ALL)
    for seed in fuzz.seeds():
        folder = tmp_path / seed.name
        folder.mkdir()
        path = folder / f"{seed.name}{fuzz.SUFFIX[seed.fmt]}"
        path.write_bytes(seed.data)
        before = dict(fuzz.OUTCOMES)
        assert fuzz.check(empty, path, seed.fmt) is None, seed.name
        assert fuzz.OUTCOMES["imported"] == before["imported"] + 1, seed.name


def test_the_oracle_catches_a_reader_that_escapes_with_a_traceback(empty, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("label")

    monkeypatch.setitem(FORMATS, "doccano", dataclasses.replace(FORMATS["doccano"], parse=broken))
    seed = next(s for s in fuzz.seeds() if s.fmt == "doccano")
    path = tmp_path / "a.jsonl"
    path.write_bytes(seed.data)
    got = fuzz.check(empty, path, "doccano")
    assert got is not None and got[0].startswith("KeyError at"), got


def test_a_seeded_mutation_run_keeps_the_promise_in_every_format():
    """About 8 s (unloaded): 300 mutations in-process, 3 of them through `annotator import` under ulimit -v."""
    tally = fuzz.run(count=300, seed=20261205, cli=3, minimise_budget=0)
    assert not tally.findings, "\n".join(f"{f.key} ({f.mutation}): {f.detail[:300]}" for f in tally.findings.values())


def test_the_mutations_reach_every_kind_of_accident():
    """Each kind of accident the brief lists is among a few hundred seeded mutations (so a run tests them)."""
    rng = random.Random(5)
    pool = fuzz.seeds()
    said = " ".join(fuzz.mutate(rng, rng.choice(pool))[1] for _ in range(600))
    for kind in ("truncate", "flip", "insert", "delete line", "duplicate line", "CR-only", "BOM at", "NUL at",
                 "another encoding", "json junk", "swap-name", "json offset", "nest", "zip truncated", "../../",
                 "zip bomb", "symlink", "number at"):
        assert kind in said, kind
