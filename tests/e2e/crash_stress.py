"""Crash safety: kill a reviewing process with SIGKILL at random moments and prove nothing is lost.

A worker process opens a project and performs scripted review edits through the service (labels,
accepts, rejects, relabels, resizes, deletes, events and arguments, status changes, token splits and
merges, undo and redo, imports), printing one line after each edit has committed. The parent kills it
at a random moment, then checks the file: SQLite's integrity check, no dangling references, nothing
half-applied, and that the project is exactly the state after the last reported edit (or after the one
that was committing when the kill came). The expected states come from replaying the same seeded
script in-process on a copy of the starting file.

    .venv/bin/python -m tests.e2e.crash_stress --trials 100
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanState
from annotator.core.errors import ValidationError
from annotator.service import Changes, Project

USER = "crash-worker"
SCHEMA = "ace2005-zh"
LABELS = ("PER", "ORG", "LOC", "TIME", "MISC")
EVENTS = ("Contact:Meet", "Justice:Arrest-Jail", "Conflict:Attack", "Movement:Transport")
ROLES = ("Entity", "Person", "Place", "Time", "Agent")
STATUSES = ("in-review", "reviewed", "skipped", "new")
SENTENCES = (
    "国务院总理李克强今天在北京会见了来访的德国外长。", "新华社记者从公安部获悉，追逃工作取得重大进展。",
    "上海市人民政府昨日召开新闻发布会。", "张三被警方以涉嫌诈骗罪逮捕。", "一辆客车在宁夏境内与货车相撞。",
    "联合国安理会就叙利亚问题举行紧急会议。", "北京库房火灾造成十二人死亡。", "外交部发言人回答了记者提问。",
    "2014年7月22日，中央追逃办启动“天网”行动。", "他乘坐航班从洛杉矶飞抵上海浦东国际机场。",
)


# -- the starting project ------------------------------------------------------------------------------
def make_document(rng: random.Random, n: int) -> AnnotatedDocument:
    """A few sentences, two-character tokens where possible, and some non-crossing suggestions."""
    text = "\n".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 4))) + f"\n第{n}篇"
    tokens, pos = [], 0
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        end = pos + 1
        while end < len(text) and end - pos < rng.choice((1, 2, 2, 3)) and not text[end].isspace():
            end += 1
        tokens.append((pos, end))
        pos = end
    spans, last = [], 0
    for start, end in tokens:
        if start >= last and rng.random() < 0.25:
            spans.append(EntitySpan(len(spans) + 1, start, end, rng.choice(LABELS), origin="model",
                                    state=SpanState.SUGGESTED, score=round(rng.random(), 3)))
            last = end
    return AnnotatedDocument(title=text.split("\n")[0], text=text, tokens=tuple(tokens), spans=tuple(spans),
                             name=f"doc{n}")


def prepare(path: Path, *, seed: int, documents: int = 6) -> Path:
    """Create the starting project for one trial."""
    rng = random.Random(seed)
    with Project.create(path, schema=SCHEMA, user=USER) as p:
        p.importer.add_documents([make_document(rng, i) for i in range(documents)], prelabel=False)
    return path


# -- the scripted review -------------------------------------------------------------------------------
class Reviewer:
    """A seeded reviewer: each call of `step` performs one edit and returns what it did."""

    def __init__(self, project: Project, seed: int) -> None:
        self.p = project
        self.rng = random.Random(seed)
        self.undo_stack: list[Changes] = []
        self.redo_stack: list[Changes] = []
        self.imported = 0

    def edits(self) -> Iterator[str]:
        """Edits forever; refused edits (ValidationError) are retried with other choices."""
        while True:
            doing = self.step()
            if doing is not None:
                yield doing

    def _ids(self, sql: str, *params: object) -> list[int]:
        return sorted(r[0] for r in self.p.store.db.execute(sql, params))

    def _pick(self, sql: str, *params: object) -> int | None:
        ids = self._ids(sql, *params)
        return self.rng.choice(ids) if ids else None

    def step(self) -> str | None:
        """One random edit; None when the choice was refused or had nothing to work on."""
        kind = self.rng.choices(
            ["add", "accept", "reject", "relabel", "resize", "delete", "status", "event", "argument",
             "argspan", "unargue", "unevent", "split", "merge", "acceptall", "undo", "redo", "import"],
            weights=[8, 6, 4, 3, 2, 3, 3, 3, 4, 2, 1, 1, 2, 2, 1, 5, 2, 1])[0]
        try:
            if kind == "undo":
                return self._undo()
            if kind == "redo":
                return self._redo()
            if kind == "import":
                return self._import()
            changes = getattr(self, f"_{kind}")()
        except ValidationError:
            return None
        if changes is None:
            return None
        self.undo_stack.append(changes)
        self.redo_stack.clear()
        return f"{kind} {sorted(changes.doc_ids)}"

    def _doc(self) -> int:
        return self.rng.choice(self._ids("SELECT id FROM documents"))

    def _range(self, doc_id: int) -> tuple[int, int]:
        text = self.p.store.db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
        start = self.rng.randrange(len(text) - 1)
        return start, min(len(text), start + self.rng.randint(1, 6))

    def _add(self) -> Changes:
        doc_id = self._doc()
        return self.p.edits.add_span(doc_id, *self._range(doc_id), self.rng.choice(LABELS))

    def _accept(self) -> Changes | None:
        span = self._pick("SELECT id FROM spans WHERE state != 'accepted' AND kind = 'entity'")
        return None if span is None else self.p.edits.accept([span])

    def _reject(self) -> Changes | None:
        span = self._pick("SELECT id FROM spans WHERE state != 'rejected' AND kind = 'entity'")
        return None if span is None else self.p.edits.reject([span])

    def _relabel(self) -> Changes | None:
        span = self._pick("SELECT id FROM spans WHERE kind = 'entity'")
        return None if span is None else self.p.edits.relabel(span, self.rng.choice(LABELS))

    def _resize(self) -> Changes | None:
        span = self._pick("SELECT id FROM spans WHERE kind = 'entity' AND state != 'rejected'")
        if span is None:
            return None
        doc_id = self.p.store.db.execute("SELECT doc_id FROM spans WHERE id = ?", [span]).fetchone()[0]
        return self.p.edits.resize(span, *self._range(doc_id))

    def _delete(self) -> Changes | None:
        span = self._pick("SELECT id FROM spans")
        return None if span is None else self.p.edits.delete_span(span)

    def _status(self) -> Changes:
        return self.p.edits.set_status(self._doc(), self.rng.choice(STATUSES))

    def _event(self) -> Changes:
        doc_id = self._doc()
        return self.p.edits.add_event(doc_id, self.rng.choice(EVENTS), *self._range(doc_id))

    def _argument(self) -> Changes | None:
        event = self._pick("SELECT id FROM events")
        if event is None:
            return None
        doc_id = self.p.store.db.execute("SELECT doc_id FROM events WHERE id = ?", [event]).fetchone()[0]
        span = self._pick("SELECT id FROM spans WHERE doc_id = ? AND kind = 'entity' AND state != 'rejected'",
                          doc_id)
        return None if span is None else self.p.edits.add_argument(event, self.rng.choice(ROLES), span)

    def _argspan(self) -> Changes | None:
        event = self._pick("SELECT id FROM events")
        if event is None:
            return None
        doc_id = self.p.store.db.execute("SELECT doc_id FROM events WHERE id = ?", [event]).fetchone()[0]
        return self.p.edits.add_argument_span(event, self.rng.choice(ROLES), *self._range(doc_id))

    def _unargue(self) -> Changes | None:
        rows = self.p.store.db.execute("SELECT event_id, role, span_id FROM arguments ORDER BY id").fetchall()
        return self.p.edits.remove_argument(*self.rng.choice(rows)) if rows else None

    def _unevent(self) -> Changes | None:
        event = self._pick("SELECT id FROM events")
        return None if event is None else self.p.edits.delete_event(event)

    def _split(self) -> Changes:
        doc_id = self._doc()
        return self.p.edits.split_token(doc_id, self._range(doc_id)[0] + 1)

    def _merge(self) -> Changes:
        doc_id = self._doc()
        n = self.p.store.db.execute("SELECT n_tokens FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
        return self.p.edits.merge_tokens(doc_id, self.rng.randrange(max(1, n - 1)))

    def _acceptall(self) -> Changes:
        return self.p.edits.accept_all(self._doc())

    def _undo(self) -> str | None:
        if not self.undo_stack:
            return None
        done = self.undo_stack.pop()
        self.redo_stack.append(done)
        self.p.undo(done)
        return f"undo {done.action}"

    def _redo(self) -> str | None:
        if not self.redo_stack:
            return None
        again = self.redo_stack.pop()
        self.undo_stack.append(self.p.redo(again))
        return f"redo {again.action}"

    def _import(self) -> str:
        self.imported += 1
        doc = make_document(self.rng, 1000 + self.imported)
        ids, _ = self.p.importer.add_documents([doc], prelabel=False)
        return f"import {ids}"


# -- checking a file -------------------------------------------------------------------------------------
VOLATILE = {"updated_at", "created_at", "reviewed_at", "at", "added_at"}  # wall-clock times differ per run


def dump(conn: sqlite3.Connection) -> dict[str, list]:
    """Every row that a review edit can change, without wall-clock times."""
    out: dict[str, list] = {}
    for table in ("documents", "spans", "events", "arguments", "words", "changes"):
        cur = conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
        cols = [c[0] for c in cur.description]
        rows = []
        for row in cur:
            item = {c: v for c, v in zip(cols, row, strict=True) if c not in VOLATILE}
            if table == "changes":
                item.pop("rows", None)  # before/after images carry times; action and order suffice
            rows.append(item)
        out[table] = rows
    return out


def digest(conn: sqlite3.Connection) -> str:
    """A short fingerprint of `dump`."""
    text = json.dumps(dump(conn), sort_keys=True, default=lambda b: b.hex())
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def problems(conn: sqlite3.Connection) -> list[str]:
    """Everything wrong with the file: integrity, dangling references, half-applied edits."""
    found = [f"integrity: {r[0]}" for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
    found += [f"foreign key: {r}" for r in conn.execute("PRAGMA foreign_key_check")]
    checks = {
        "span outside its text": 'SELECT s.id FROM spans s JOIN documents d ON d.id = s.doc_id '
                                 'WHERE s.start < 0 OR s."end" <= s.start OR s."end" > length(d.text)',
        "span of no document": "SELECT id FROM spans WHERE doc_id NOT IN (SELECT id FROM documents)",
        "event without its trigger": "SELECT e.id FROM events e LEFT JOIN spans s ON s.id = e.trigger_id "
                                     "WHERE e.trigger_id IS NOT NULL AND (s.id IS NULL OR s.kind != 'trigger' "
                                     "OR s.doc_id != e.doc_id)",
        "argument pointing at nothing": "SELECT a.id FROM arguments a LEFT JOIN spans s ON s.id = a.span_id "
                                        "LEFT JOIN events e ON e.id = a.event_id WHERE s.id IS NULL "
                                        "OR e.id IS NULL OR s.doc_id != a.doc_id OR e.doc_id != a.doc_id",
        "argument on a rejected span": "SELECT a.id FROM arguments a JOIN spans s ON s.id = a.span_id "
                                       "WHERE s.state = 'rejected'",
        "stale document counts": "SELECT d.id FROM documents d WHERE n_suggested != (SELECT count(*) FROM "
                                 "spans WHERE doc_id = d.id AND state = 'suggested') OR n_entities != (SELECT "
                                 "count(*) FROM spans WHERE doc_id = d.id AND state = 'accepted' AND kind = "
                                 "'entity') OR n_events != (SELECT count(*) FROM events WHERE doc_id = d.id "
                                 "AND state != 'rejected')",
    }
    for what, sql in checks.items():
        found += [f"{what}: {r[0]}" for r in conn.execute(sql)]
    return found


# -- one trial -----------------------------------------------------------------------------------------
@dataclass
class Trial:
    """What one kill showed."""

    seed: int
    reported: int = 0  # edits the worker said were committed
    recovered: int = -1  # the step whose state the file holds (-1: none matched)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def lost(self) -> bool:
        """True when a reported edit is missing or the state matches no step."""
        return self.recovered < self.reported

    @property
    def ok(self) -> bool:
        """Nothing lost, nothing wrong."""
        return not self.lost and not self.problems


def worker(path: Path, seed: int) -> None:
    """The crashing side: edit until killed, one line per committed edit."""
    project = Project.open(path, user=USER)
    print("ready", flush=True)
    for n, doing in enumerate(Reviewer(project, seed).edits(), start=1):
        print(f"{n} {doing}", flush=True)


def run_trial(folder: Path, seed: int, *, max_delay: float = 1.0) -> Trial:
    """Start a worker, kill it after a random delay, and check what the file holds."""
    started = time.monotonic()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    path = prepare(folder / "crash.annot", seed=seed)
    pristine = shutil.copy(path, folder / "pristine.annot")
    proc = subprocess.Popen([sys.executable, "-m", "tests.e2e.crash_stress", "--worker", str(path), str(seed)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parents[2])
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
    reader.start()
    deadline = time.monotonic() + 30
    while (not lines or lines[0] != "ready\n") and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.002)
    time.sleep(rng.uniform(0, max_delay))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join(timeout=10)
    stderr = proc.stderr.read()
    trial = Trial(seed)
    if not lines or lines[0] != "ready\n":
        trial.problems.append(f"worker never got ready: {stderr.strip()[-500:]}")
        return trial
    trial.reported = sum(1 for line in lines[1:] if line.endswith("\n"))
    if proc.returncode != -signal.SIGKILL:
        trial.problems.append(f"worker ended by itself ({proc.returncode}): {stderr.strip()[-500:]}")
    check_file(path, pristine, seed, trial)
    trial.seconds = time.monotonic() - started
    return trial


def check_file(path: Path, pristine: Path, seed: int, trial: Trial) -> None:
    """Compare the killed worker's file with the replayed states of the reported step and the next."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        trial.problems += problems(conn)
        found = digest(conn)
    finally:
        conn.close()
    expected = replay(pristine, seed, upto=trial.reported + 1)
    for step in (trial.reported + 1, trial.reported):
        if expected[step] == found:
            trial.recovered = step
    if trial.recovered < 0:
        matches = [i for i, d in enumerate(expected) if d == found]
        trial.recovered = matches[-1] if matches else -1
    with Project.open(path, user="after-crash") as p:  # the dead worker's lock is taken over
        p.edits.set_status(1, "in-review")


def replay(pristine: Path, seed: int, *, upto: int) -> list[str]:
    """Digests of the state before any edit and after each of the first `upto` edits."""
    copy = pristine.with_name("replay.annot")
    shutil.copy(pristine, copy)
    with Project.open(copy, user=USER) as p:
        p.store.db.execute("PRAGMA synchronous=OFF")  # only the replay: it is never killed
        out = [digest(p.store.db.conn)]
        for _, _ in zip(range(upto), Reviewer(p, seed).edits(), strict=False):
            out.append(digest(p.store.db.conn))
    return out


# -- the command -----------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    """Run the trials and print the tally; exit status 1 when any trial lost or damaged anything."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-delay", type=float, default=1.0, help="longest wait before the kill, seconds")
    parser.add_argument("--folder", type=Path, default=None, help="where to keep the trial files")
    parser.add_argument("--worker", nargs=2, metavar=("PROJECT", "SEED"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(Path(args.worker[0]), int(args.worker[1]))
        return 0
    import tempfile

    base = args.folder or Path(tempfile.mkdtemp(prefix="crash-stress-"))
    trials = []
    for i in range(args.trials):
        trial = run_trial(base / f"trial{i:03d}", args.seed * 1000 + i, max_delay=args.max_delay)
        trials.append(trial)
        flag = "ok" if trial.ok else "FAIL " + "; ".join(trial.problems[:3])
        print(f"trial {i:3d} seed {trial.seed}: {trial.reported:4d} edits reported, file holds step "
              f"{trial.recovered} ({trial.seconds:.1f}s) {flag}", flush=True)
        if trial.ok:
            shutil.rmtree(base / f"trial{i:03d}", ignore_errors=True)
    print_tally(trials)
    return 0 if all(t.ok for t in trials) else 1


def print_tally(trials: list[Trial]) -> None:
    """The figures the issue asks for."""
    print(f"trials                         {len(trials)}")
    print(f"edits reported committed       {sum(t.reported for t in trials)}")
    print(f"committed edits lost           {sum(1 for t in trials if t.lost)}")
    print(f"integrity errors               {sum(1 for t in trials for p in t.problems if p.startswith('integrity'))}")
    print(f"half-applied or dangling       {sum(1 for t in trials for p in t.problems if not p.startswith('integrity'))}")
    print(f"killed after an unreported commit {sum(1 for t in trials if t.recovered == t.reported + 1)}")


if __name__ == "__main__":
    sys.exit(main())
