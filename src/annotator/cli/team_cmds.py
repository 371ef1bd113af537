"""Team commands: assign, merge, agreement, adjudicate."""

from __future__ import annotations

import json
from collections import Counter
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotator.cli import cli
from annotator.cli.params import comma_list, format_names, no_events
from annotator.cli.progress import Bar, quiet_option
from annotator.core.annotations import ReviewStatus

if TYPE_CHECKING:
    from annotator.core.adjudication import Candidate, EventCandidate
    from annotator.service import Project
    from annotator.service.team_adjudication import Adjudication

STATUSES = [s.value for s in ReviewStatus]


@cli.command("assign")
@click.argument("project", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--annotators", required=True, help="Comma-separated names, e.g. ann1,ann2,ann3.")
@click.option("--overlap", default=0.0, show_default=True, type=click.FloatRange(0, 1),
              help="Share of the documents given to two annotators (to measure agreement).")
@click.option("--seed", default=13, show_default=True, help="Seed of the reproducible choice.")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Hand out documents in this status (repeatable; default: every one not yet reviewed).")
@click.option("--from", "from_annotator", metavar="NAME",
              help="Only the documents NAME was handed and has not sent back (NAME left mid-way); no longer NAME's.")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the annotators' project files (DIR/<name>.annot).")
def assign_cmd(project: Path, annotators: str, overlap: float, seed: int, statuses: tuple[str, ...],
               from_annotator: str | None, output: Path) -> None:
    """Write one project file per annotator with their share of the documents.

    Each file has the project's schema, models and dictionaries and the annotator's name; each document
    goes to one annotator, the --overlap share to two, evenly. The project records who has what; run
    again, it leaves out the documents handed out before and not sent back yet.

    \b
    Example:
      annotator assign news.annot --annotators ann1,ann2,ann3 --overlap 0.2 --seed 7 -o team/
      annotator assign news.annot --annotators ann4 --from ann2 -o team2/
    """
    from annotator.service import Project

    with Project.open(project) as p:
        report = p.team.assign(comma_list(annotators) or [], output, overlap=overlap, seed=seed, statuses=statuses,
                               from_annotator=from_annotator)
    for name, ids in report.shares.items():
        click.echo(f"wrote {report.files[name]}: {len(ids)} document(s)")
    if report.in_hand:
        holders = Counter(name for names in report.in_hand.values() for name in names)
        click.echo(f"left out: {len(report.in_hand)} document(s) handed out before and not sent back yet, with "
                   f"{', '.join(f'{n} ({c})' for n, c in sorted(holders.items()))} (--from NAME hands on those of one "
                   "who left; --status hands them out again)")
    if report.not_handed_on:
        # merge had counted them among the documents not sent back: say why each was not handed on
        click.echo(f"not handed on, no longer {from_annotator}'s: {len(report.not_handed_on)} document(s) they did not "
                   "send back that others' work has settled (a copy would carry that work):")
        why: dict[str, list[int]] = {}
        for settled in report.not_handed_on:
            why.setdefault(settled.why, []).append(settled.doc_id)
        for reason, ids in why.items():
            shown = ", ".join(map(str, ids[:20])) + (", …" if len(ids) > 20 else "")
            click.echo(f"  {reason}: {shown}")
    if not report.shares:
        click.echo("nothing left to hand on; no file written")


@cli.command("merge")
@click.argument("project", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--annotator", help="Whose work the FILES are (needed for exports; overrides a project file's).")
@click.option("--format", "fmt", default="auto", show_default=True, type=format_names("auto"),
              help="Format of FILES that are exports; auto tells it from the records (an annotator's project "
              "file is recognised).")
@click.option("--dry-run", is_flag=True, help="Say what merging would do; change nothing.")
@click.option("--no-backup", is_flag=True, help="Make no copy of the project before merging (the CLI has no undo).")
@quiet_option
def merge_cmd(project: Path, files: tuple[Path, ...], annotator: str | None, fmt: str, dry_run: bool,
              no_backup: bool, quiet: bool) -> None:
    """Bring annotators' reviewed work back as their layers of the documents.

    A document one annotator reviewed becomes reviewed with their annotations; one that several
    reviewed differently needs adjudication; one reviewed here (adjudicated, or by hand) keeps what
    was decided, the new layer stored beside it. Merging the same file again changes nothing; each
    file is one step in the change log, under the annotator's name. The CLI has no undo: a copy of the
    project as it was is kept beside it (NAME.annot.bak-merge-…, the newest three), or see first
    with --dry-run.

    \b
    Example:
      annotator merge news.annot team/ann1.annot team/ann2.annot --dry-run
      annotator merge news.annot team/ann1.annot team/ann2.annot
      annotator merge news.annot ann3-export.jsonl --annotator ann3
    """
    from annotator.service import Project

    with Project.open(project) as p:
        if dry_run:
            click.echo("dry run: what merging would do; nothing is changed")
        copy = None if dry_run or no_backup else p.save_copy("merge")
        merged = False
        try:
            with p.team.dry_run() if dry_run else nullcontext():
                for path in files:
                    merged = _merge_one(p, path, annotator, fmt, quiet, dry_run) or merged
        finally:  # a file refused after others merged: the way back is still said
            if copy is not None and merged:
                click.echo(f"the project as it was before: {copy} (to undo, close the window and copy it over "
                           f"{project.name})")
            elif copy is not None:
                copy.unlink()  # nothing changed: no copy to keep


def _merge_one(p: Project, path: Path, annotator: str | None, fmt: str, quiet: bool, dry_run: bool) -> bool:
    """Merge one file and say what it did (a dry run: to which documents); True if it changed the project (or
    would)."""
    team = p.team
    with Bar(f"merging {path.name}", quiet=quiet) as bar:
        r = team.merge(path, annotator=annotator, fmt=fmt, progress=bar)
    kept = (f", {len(r.kept)} already reviewed here kept as they are (`annotator adjudicate` compares)"
            if r.kept else "")
    waiting = f"; {len(r.not_reviewed)} handed to {r.annotator} not reviewed yet" if r.not_reviewed else ""
    # "reviewed" twice (in the file, then here) read as one count said twice: each says where
    click.echo(f"{path}: {r.annotator}, {r.documents} reviewed document(s) in the file: {len(r.changed)} new or "
               f"changed layer(s), {len(r.reviewed)} now reviewed here, {len(r.disputed)} need adjudication"
               f"{kept}{waiting}")
    if dry_run and r.changed:
        which = [f"{what} {', '.join(map(str, ids[:20]))}{', …' if len(ids) > 20 else ''}" for what, ids in
                 (("now reviewed", r.reviewed), ("need adjudication", r.disputed), ("kept as they are", r.kept)) if ids]
        click.echo(f"  documents: {'; '.join(which)}")
    if r.unreviewed:
        lines = ", ".join(map(str, r.unreviewed[:10])) + (", …" if len(r.unreviewed) > 10 else "")
        click.echo(f"  {len(r.unreviewed)} record(s) of the file not marked reviewed left out (line(s) {lines}), "
                   f"with {r.unreviewed_suggestions} undecided suggestion(s): not yet {r.annotator}'s work, "
                   "nothing of them merged nor rejected")
    if r.older:
        click.echo(f"  {len(r.older)} document(s) not merged, {r.annotator}'s newer work on them kept: this file's "
                   f"copy of them is older than the one merged before from {r.newer_file} "
                   f"({', '.join(map(str, r.older))})")
    if not r.documents and path.suffix.lower() == ".annot":
        # a copy taken while the annotator's window was open: its edits were still in the -wal beside it
        click.echo(f"  no document of {path.name} is marked reviewed: if the annotator has finished some, the "
                   "file was copied while open in their window; ask for it again with the window closed")
    return bool(r.changed)


@cli.command("agreement")
@click.argument("project", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--labels", help="Only these entity labels, comma-separated (e.g. PER,LOC,ORG).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: pairs, overall alpha, lowest documents.")
@click.option("--worst", default=10, show_default=True, help="How many least-agreed documents to list.")
def agreement_cmd(project: Path, labels: str | None, as_json: bool, worst: int) -> None:
    """How far annotators agree on the documents they reviewed in common.

    Span F1 (exact span and label) per pair and per label, Cohen's kappa over characters per pair,
    Krippendorff's alpha over all annotators; event trigger and argument F1 when there are events, and
    trigger F1 per event type.

    \b
    Example:
      annotator agreement news.annot --labels PER,LOC,ORG --json
    """
    from annotator.service import Project

    with Project.open(project, readonly=True) as p:
        result = p.team.agreement(labels=comma_list(labels) if labels else None, worst=worst)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    for pair in result.pairs:
        kappa = "n/a" if pair.char_kappa is None else f"{pair.char_kappa:.3f}"
        click.echo(f"{pair.a} / {pair.b}: {pair.documents} document(s), span F1 {pair.span_f1:.3f}, "
                   f"char kappa {kappa}")
        for label, value in pair.per_label.items():
            click.echo(f"  {label}\t{value:.3f}")
        if pair.trigger_f1 is not None:
            click.echo(f"  triggers {pair.trigger_f1:.3f}, arguments {pair.argument_f1:.3f}")
            for event_type, value in pair.per_event_type.items():  # events per type, as entities per label
                click.echo(f"  event {event_type}\t{value:.3f}")
        if pair.no_events:  # not a perfect (nobody has events) nor a zero (one side's export has none) figure
            click.echo(f"  events left out: {no_events(pair.no_events)} in these documents (an export without events, "
                       "or none annotated)")
    if not result.documents:
        click.echo("no document was reviewed by two annotators: nothing to compare (assign --overlap shares some)")
        return
    alpha = "n/a" if result.alpha is None else f"{result.alpha:.3f}"
    click.echo(f"overall: {result.documents} document(s), alpha {alpha}")
    for d in result.worst:
        triggers = "" if d.trigger_f1 is None else f", triggers {d.trigger_f1:.3f}"
        click.echo(f"  document {d.doc_id}\t{d.a} / {d.b}\tspan F1 {d.span_f1:.3f}{triggers}")


@cli.command("adjudicate")
@click.argument("project", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("doc_id", type=int, required=False)
@click.option("--agreed", is_flag=True, help="Take every version all the annotators gave.")
@click.option("--take-annotator", help="Take everything this annotator gave, drop the rest.")
@click.option("--take", "take", multiple=True, type=int, help="Take version N (numbers as listed; repeatable).")
@click.option("--drop", "drop", multiple=True, type=int, help="Drop version N (repeatable).")
@click.option("--done", is_flag=True, help="Mark the document reviewed (refused while versions still differ).")
@click.option("--no-backup", is_flag=True, help="Make no copy of the project before acting (the CLI has no undo).")
def adjudicate_cmd(project: Path, doc_id: int | None, agreed: bool, take_annotator: str | None,
                   take: tuple[int, ...], drop: tuple[int, ...], done: bool, no_backup: bool) -> None:
    """Settle a document the annotators disagree on; without DOC_ID, list the documents that need it.

    Prints every version of every span and event (numbered), who gave it and whether it is open,
    taken or dropped; the options act in the order listed here. The CLI has no undo: before acting, a
    copy of the project is kept beside it (NAME.annot.bak-adjudicate-…, the newest three).

    \b
    Example:
      annotator adjudicate news.annot 12
      annotator adjudicate news.annot 12 --agreed --take 3 --drop 4 --done
    """
    from annotator.service import Project

    acting = agreed or take_annotator or take or drop or done
    with Project.open(project, readonly=not acting) as p:
        if doc_id is None:
            for i in p.document_ids(statuses=[ReviewStatus.NEEDS_ADJUDICATION.value]):
                click.echo(f"{i}\t{p.document_rows([i])[i]['title']}")
            return
        adj = p.adjudication
        view = adj.view(doc_id)
        versions: list[Candidate | EventCandidate] = [*view.entities, *view.events]
        # Every option is checked before any acts: a wrong one further on must not leave the first ones done.
        for n in (*take, *drop):
            if not versions:
                raise click.BadParameter(f"document {doc_id} has no versions to take or drop")
            if not 1 <= n <= len(versions):
                raise click.BadParameter(f"there is no version {n} (1-{len(versions)})")
        if take_annotator and view.layers and take_annotator not in view.annotators:
            raise click.BadParameter(f"{take_annotator!r} has no layer of document {doc_id} (annotators of it: "
                                     f"{', '.join(view.annotators)})", param_hint="--take-annotator")
        copy = p.save_copy("adjudicate") if acting and not no_backup else None
        try:
            _act(adj, doc_id, versions, agreed=agreed, take_annotator=take_annotator, take=take, drop=drop, done=done)
        except BaseException:
            if copy is not None:
                copy.unlink()  # refused as a whole (together): nothing changed
            raise
        if copy is not None:
            click.echo(f"the project as it was before: {copy} (to undo, close the window and copy it over "
                       f"{project.name})")
        if done:
            click.echo(f"document {doc_id} reviewed")
            return
        _show(p, adj, doc_id)


def _act(adj: Adjudication, doc_id: int, versions: list[Candidate | EventCandidate], *, agreed: bool,
         take_annotator: str | None, take: tuple[int, ...], drop: tuple[int, ...], done: bool) -> None:
    """Run the options in order, all as one step: a refused --done undoes the takes and drops too."""
    from annotator.core.adjudication import EventCandidate

    if agreed or take_annotator or take or drop or done:
        with adj.together():
            if agreed:
                adj.accept_agreed(doc_id)
            if take_annotator:
                adj.take_annotator(doc_id, take_annotator)
            for n, act in [*((n, "take") for n in take), *((n, "drop") for n in drop)]:
                version = versions[n - 1]
                if isinstance(version, EventCandidate):
                    (adj.take_event if act == "take" else adj.drop_event)(doc_id, version)
                else:
                    (adj.take if act == "take" else adj.drop)(doc_id, version)
            if done:
                _finish(adj, doc_id, versions)


def _finish(adj: Adjudication, doc_id: int, versions: list[Candidate | EventCandidate]) -> None:
    """--done, refused naming the versions still open by their numbers ("1 version(s) still differ" left the
    adjudicator to find it among dozens)."""
    from annotator.core.errors import ValidationError

    view = adj.view(doc_id)
    still = {*view.open_entities, *view.open_events}
    numbers = [str(n) for n, v in enumerate(versions, start=1) if v in still]
    if numbers:
        shown = ", ".join(numbers[:20]) + (", …" if len(numbers) > 20 else "")
        raise ValidationError(f"document {doc_id}: {len(numbers)} version(s) still open: {shown}",
                              path=str(adj.project.path),
                              hint=f"take or drop each first (--take N, --drop N, --agreed), e.g. --drop {numbers[0]}")
    adj.finish(doc_id)


def _show(p: Project, adj: Adjudication, doc_id: int) -> None:
    from annotator.core.adjudication import describe, verdict

    view = adj.view(doc_id)
    text = p.document(doc_id).text
    if not view.layers:
        click.echo(f"document {doc_id} has no annotator's layer: nothing to adjudicate (merge their files first)")
        return
    shown: list[Candidate | EventCandidate] = [*view.entities, *view.events]
    for n, c in enumerate(shown, start=1):
        mark = verdict(c, view.state)  # taken or dropped: "decided" did not say which was chosen
        agreed = "all agree" if c.agreed else "differ"
        click.echo(f"{n}\t{mark}\t{agreed}\t{describe(c, text)}\t{', '.join(c.annotators)}")
    click.echo(f"{len(view.open_entities) + len(view.open_events)} open")
