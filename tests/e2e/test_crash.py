"""A reviewing process killed with SIGKILL at random moments loses no committed edit and leaves no damage.

The stress command runs the same trials a hundred times: `python -m tests.e2e.crash_stress --trials 100`.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from annotator.service import Project
from tests.e2e.crash_stress import Trial, make_document, problems, run_trial


@pytest.mark.parametrize("seed", [11, 12, 13, 14])
def test_killed_reviewer_loses_nothing_and_half_applies_nothing(tmp_path, seed):
    trial = run_trial(tmp_path, seed, max_delay=0.4)
    assert trial.problems == []
    assert trial.recovered in (trial.reported, trial.reported + 1), "the file matches no reported state"


def test_the_checker_notices_a_lost_edit_and_a_dangling_argument(tmp_path):
    # The trials above could pass by checking nothing; show the checks bite on a damaged result.
    assert Trial(1, reported=5, recovered=4).lost
    path = tmp_path / "p.annot"
    with Project.create(path, schema="ace2005-zh") as p:
        p.importer.add_documents([make_document(random.Random(1), 1)], prelabel=False)
        event = p.edits.add_event(1, "Contact:Meet", 0, 2).created[0]
        span = p.edits.add_span(1, 3, 5, "PER").created[0]
        p.edits.add_argument(event, "Entity", span)
    conn = sqlite3.connect(path)
    assert problems(conn) == []
    conn.execute("DELETE FROM spans WHERE id = ?", [span])
    conn.execute("UPDATE spans SET \"end\" = 10000 WHERE kind = 'trigger'")
    conn.commit()
    found = problems(conn)
    conn.close()
    assert any(p.startswith("argument pointing at nothing") for p in found)
    assert any(p.startswith("span outside its text") for p in found)
    assert any(p.startswith("stale document counts") for p in found)


CREATOR = """
import sys
from annotator.service import Project
for i in range(1000):
    Project.create(f"{sys.argv[1]}/p{i}.annot", schema="cec").close()
    print(i, flush=True)
"""


@pytest.mark.parametrize("delay", [0.01, 0.05, 0.12])
def test_killed_while_creating_projects_leaves_only_complete_ones(tmp_path, delay):
    proc = subprocess.Popen([sys.executable, "-c", CREATOR, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    first = proc.stdout.readline()
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out = first + proc.communicate()[0]
    made = sorted(tmp_path.glob("p*.annot"), key=lambda f: int(f.stem[1:]))
    reported = len(out.split())
    assert len(made) in (reported, reported + 1)
    # Whatever was mid-creation is hidden, and does not block making that project again.
    others = {f.name for f in tmp_path.iterdir()} - {f.name + extra for f in made
                                                     for extra in ("", ".lock", "-wal", "-shm")}
    assert all(name.startswith(".p") and ".annot.creating" in name or name.endswith(".lock") for name in others), others
    for path in made:
        with Project.open(path, readonly=True) as p:
            assert p.schema.name == "cec" and p.document_ids() == []
    Project.create(tmp_path / f"p{len(made)}.annot").close()
