"""Named queries for the statistics: grouped counts in SQL, so a 100k-document project is one pass per table."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from annotator.store.changelog import MODEL_ADOPTED
from annotator.store.guarded import Database

# Edits that are no reviewer's work on a document: the engines' and the merges' (which log the annotator).
MACHINE_ACTIONS = ("prelabel", "suggest triggers", "undo prelabel", "redo prelabel")


@dataclass(frozen=True)
class Scope:
    """Which reviewed documents count: reviewed on or after `since` (YYYY-MM-DD), by `annotator`."""

    since: str | None = None
    annotator: str | None = None
    until: str | None = None  # reviewed before this time (YYYY-MM-DDTHH:MM:SS)

    def documents(self, alias: str = "d") -> tuple[str, list[Any]]:
        """The SQL condition on documents `alias` for reviewed documents in scope, and its parameters."""
        sql, params = f"{alias}.status = 'reviewed'", []
        if self.since:
            sql += f" AND {alias}.reviewed_at >= ?"
            params.append(self.since)
        if self.until:
            sql += f" AND {alias}.reviewed_at < ?"
            params.append(self.until)
        if self.annotator:
            # A merge records every agreeing annotator as reviewer, joined by '+'. instr, not LIKE: a '%' or '_' in
            # a name would match other names.
            sql += f" AND instr('+' || coalesce({alias}.reviewer, '') || '+', ?) > 0"
            params.append(f"+{self.annotator}+")
        return sql, params

    def work(self, at: str, who: str) -> tuple[str, list[Any]]:
        """` AND …` conditions for rows of work in scope: time column `at` on or after `since`, by `who`."""
        sql, params = "", []
        if self.since:
            sql += f" AND {at} >= ?"
            params.append(self.since)
        if self.annotator:
            sql += f" AND {who} = ?"
            params.append(self.annotator)
        return sql, params


def reviewed_per_day(db: Database, scope: Scope) -> list[tuple[str, str, int]]:
    """(day, reviewer, documents) of the reviewed documents in scope."""
    where, params = scope.documents()
    return [tuple(r) for r in db.execute(
        f"""SELECT substr(d.reviewed_at, 1, 10), coalesce(d.reviewer, ''), count(*) FROM documents d
            WHERE {where} AND d.reviewed_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2""", params).fetchall()]


# An annotator's documents, the one definition every per-annotator figure reads: those assigned to them, annotated
# by them (their merged layer, their edits in this project, engines and merges aside) or reviewed by them (a merge
# names every agreeing annotator, joined by '+'). Of those, the ones they *did*: their layer merged (a file sends
# back only reviewed documents) or they reviewed it here, on the day of the merge or of the review.
_SPLIT_REVIEWERS = """reviewers(doc_id, name, rest, at) AS (
        SELECT id, '', reviewer || '+', reviewed_at FROM documents WHERE coalesce(reviewer, '') != ''
        UNION ALL SELECT doc_id, substr(rest, 1, instr(rest, '+') - 1), substr(rest, instr(rest, '+') + 1), at
                  FROM reviewers WHERE rest != '')"""


def _worked(annotator: str | None, *, assigned: bool) -> tuple[str, list[Any]]:
    """`WITH … work(annotator, doc_id, done_at) ` over one annotator's rows or everyone's, and its parameters:
    the documents they annotated or reviewed (and, with `assigned`, those assigned to them), done_at the first
    time they did it (None for one not done)."""
    machine = ", ".join("?" for _ in MACHINE_ACTIONS)
    who = [] if annotator is None else [annotator]
    parts = [("SELECT annotator, doc_id, merged_at FROM layers WHERE 1", "annotator", []),
             (f"""SELECT DISTINCT user, doc_id, NULL FROM changes WHERE doc_id IS NOT NULL
                  AND action NOT IN ({machine}) AND action NOT LIKE 'merge %'""", "user", [*MACHINE_ACTIONS]),
             ("SELECT name, doc_id, at FROM reviewers WHERE name != ''", "name", [])]
    if assigned:
        parts.append(("SELECT annotator, doc_id, NULL FROM assignments WHERE 1", "annotator", []))
    union = " UNION ALL ".join(sql + (f" AND {col} = ?" if who else "") for sql, col, _ in parts)
    return (f"WITH RECURSIVE {_SPLIT_REVIEWERS}, rows(annotator, doc_id, done_at) AS ({union}), "
            "work AS (SELECT annotator, doc_id, min(done_at) AS done_at FROM rows GROUP BY annotator, doc_id) ",
            [p for _, _, extra in parts for p in (*extra, *who)])


def annotator_status_counts(db: Database, annotator: str) -> dict[str, int]:
    """Documents per review status among `annotator`'s (assigned to, annotated or reviewed by them)."""
    with_work, params = _worked(annotator, assigned=True)
    return dict(db.execute(with_work + "SELECT d.status, count(*) FROM work w JOIN documents d ON d.id = w.doc_id "
                           "GROUP BY d.status", params).fetchall())


def annotator_work(db: Database, scope: Scope) -> tuple[dict[str, int], list[tuple[str, str, int]]]:
    """({annotator: their documents}, [(annotator, day, documents they did that day)]) for everyone (or
    `scope.annotator` alone), the days on or after `scope.since`.

    The documents assigned are counted from the assignments alone and the rest only where not assigned, so the
    grouping sorts the documents someone annotated or reviewed, not every one handed out (100,000 handed to two
    each are 200,000 rows, sorted at every recount of the window's view: 0.10 CPU-s at 30,000 documents)."""
    with_work, params = _worked(scope.annotator, assigned=False)
    who = [] if scope.annotator is None else [scope.annotator]
    documents: dict[str, int] = dict(db.execute(
        "SELECT annotator, count(*) FROM assignments" + (" WHERE annotator = ?" if who else "") + " GROUP BY annotator",
        who).fetchall())
    days: list[tuple[str, str, int]] = []
    for name, day, n, unassigned in db.execute(
            # A time no version writes ('x', from a file changed by hand) has no day; the layer's own check says why.
            with_work + """SELECT w.annotator, CASE WHEN w.done_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
                                  THEN substr(w.done_at, 1, 10) END, count(*),
                                  count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM assignments a
                                                   WHERE a.doc_id = w.doc_id AND a.annotator = w.annotator))
                           FROM work w GROUP BY 1, 2 ORDER BY 1, 2""", params):
        documents[name] = documents.get(name, 0) + unassigned
        if day is not None and (not scope.since or day >= scope.since):
            days.append((name, day, n))
    return dict(sorted(documents.items())), days


def edit_times(db: Database, scope: Scope) -> list[tuple[int, str, str]]:
    """(doc id, user, when) of every reviewer's edit of a document, oldest first (engines and merges aside)."""
    sql = f"""SELECT doc_id, user, at FROM changes WHERE doc_id IS NOT NULL
              AND action NOT IN ({", ".join("?" for _ in MACHINE_ACTIONS)}) AND action NOT LIKE 'merge %'"""
    where, params = scope.work("at", "user")
    return [tuple(r) for r in db.execute(sql + where + " ORDER BY id", [*MACHINE_ACTIONS, *params]).fetchall()]


def layer_seconds(db: Database, scope: Scope) -> list[tuple[int, str, float]]:
    """(doc id, annotator, seconds) of the merged layers whose file said how long the annotator worked."""
    where, params = scope.work("merged_at", "annotator")
    sql = "SELECT doc_id, annotator, seconds FROM layers WHERE seconds IS NOT NULL" + where + " ORDER BY doc_id"
    return [tuple(r) for r in db.execute(sql, params).fetchall()]


def span_edits(db: Database) -> list[tuple[int, dict[str, Any]]]:
    """(span id, the columns start/end/label it had before) of every logged update of a span's bounds or
    label, oldest first: the first one of a column holds what the engine suggested."""
    rows = db.execute(
        """SELECT json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]') FROM changes c, json_each(c.rows) j
           WHERE c.rows IS NOT NULL AND c.rows LIKE '%"spans"%' AND json_extract(j.value, '$[0]') = 'spans'
           AND json_type(j.value, '$[2]') = 'object' AND json_type(j.value, '$[3]') = 'object'
           AND (json_type(j.value, '$[2].label') IS NOT NULL OR json_type(j.value, '$[2].start') IS NOT NULL
                OR json_type(j.value, '$[2].end') IS NOT NULL)
           ORDER BY c.id, j.key""").fetchall()
    return [(span_id, json.loads(before)) for span_id, before in rows]


SPAN_FIELDS = ("id", "doc_id", "start", "end", "label", "kind", "origin", "state")


def spans_by_id(db: Database, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """SPAN_FIELDS rows of these spans (those still there)."""
    return db.execute('SELECT id, doc_id, start, "end", label, kind, origin, state FROM spans '
                      "WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(list(ids))]).fetchall()


def judged_spans(db: Database, doc_ids: Sequence[int], scope: Scope) -> list[tuple[Any, ...]]:
    """SPAN_FIELDS rows of the entity and trigger spans of those of `doc_ids` that are reviewed and in scope."""
    where, params = scope.documents()
    return db.execute(
        f"""SELECT s.id, s.doc_id, s.start, s."end", s.label, s.kind, s.origin, s.state FROM spans s INDEXED BY spans_doc
            WHERE s.doc_id IN (SELECT d.id FROM documents d WHERE d.id IN (SELECT value FROM json_each(?))
                               AND {where})
            AND s.kind IN ('entity', 'trigger') ORDER BY s.doc_id, s.id""",
        [json.dumps(list(doc_ids)), *params]).fetchall()


def span_groups(db: Database, scope: Scope, *, apart: Sequence[int]) -> list[tuple[str, str, str, str, int, int]]:
    """(kind, label, origin, state, all, judged) span counts: `judged` counts the spans of reviewed documents
    in scope other than those `apart` (judged one by one). One pass over the spans_stats index, in its order."""
    where, params = scope.documents()
    return [tuple(r) for r in db.execute(
        f"""SELECT kind, label, origin, state, count(*),
                   count(*) FILTER (WHERE doc_id IN (SELECT d.id FROM documents d WHERE {where}
                                                     AND d.id NOT IN (SELECT value FROM json_each(?))))
            FROM spans INDEXED BY spans_stats GROUP BY kind, label, origin, state""",
        [*params, json.dumps(list(apart))]).fetchall()]


def model_times(db: Database) -> list[str]:
    """When each retrained model became the one in use, oldest first (the change log keeps the times of
    models since deleted; the models table those adopted before it logged them)."""
    return [r[0] for r in db.execute(
        "SELECT at FROM changes WHERE action = ? UNION SELECT created_at FROM models ORDER BY 1",
        [MODEL_ADOPTED]).fetchall()]


def role_counts(db: Database) -> dict[str, int]:
    """Arguments per role over the whole project (rejected events and arguments aside)."""
    return dict(db.execute("""SELECT a.role, count(*) FROM arguments a JOIN events e ON e.id = a.event_id
                              WHERE e.state != 'rejected' AND a.state != 'rejected'
                              GROUP BY a.role ORDER BY a.role""").fetchall())


def event_counts(db: Database) -> dict[str, int]:
    """Live events per type."""
    return dict(db.execute("SELECT type, count(*) FROM events WHERE state != 'rejected' "
                           "GROUP BY type ORDER BY type").fetchall())
