"""The stats command: progress, suggestions as reviewed, counts and team work of a project."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from annotator.cli import cli
from annotator.cli.params import no_events
from annotator.cli.project_cmds import display_width, pad

if TYPE_CHECKING:
    from annotator.service.statistics import ProjectStatistics


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01") from None


@cli.command("stats")
@click.argument("project", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (keys: documents, progress, suggestions, "
              "labels, events, roles, event_warnings, annotators, agreement; an annotator's per_hour is null under "
              "ten minutes at work).")
@click.option("--since", callback=_date, metavar="DATE", help="Only documents reviewed (and edits made) on or "
              "after DATE (YYYY-MM-DD).")
@click.option("--annotator", metavar="NAME", help="Only NAME's work: the documents line counts the documents "
              "assigned to NAME, annotated by NAME (a merged file or edits) or reviewed by NAME; the pace is NAME's "
              "over what is left of those; the suggestion tables and times count the documents NAME reviewed (or "
              "merged) and NAME's edits; labels, events, roles and agreement stay the project's.")
def stats_cmd(project: Path, as_json: bool, since: str | None, annotator: str | None) -> None:
    """How far the work is, how fast it goes, and how the pre-highlighter's suggestions fared in review.

    Suggestions are judged in reviewed documents: accepted unchanged, relabelled, resized, rejected, and
    spans reviewers added; precision = suggestions that ended exactly as a final span / all suggestions,
    recall = final spans suggested exactly so / all final spans (per label and per engine).

    \b
    Example:
      annotator stats news.annot --since 2026-03-01 --annotator ann1 --json
    """
    from annotator.service import Project  # here, not at import: `annotator --help` starts fast

    with Project.open(project, readonly=True) as p:
        result = p.statistics.compute(since=since, annotator=annotator)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in stats_lines(result):
            click.echo(line)


def stats_lines(result: ProjectStatistics) -> list[str]:
    """The plain-text report."""
    data = result.to_dict()
    progress = data["progress"]
    finish = progress["finish"]
    statuses = ", ".join(f"{k} {v}" for k, v in data["documents"].items())
    lines = [f"documents {progress['total']}" + (f" ({statuses})" if statuses else "")]
    eta = (f"done in {finish['days']} day(s), about {finish['date']}" if finish["days"]
           else "no documents" if progress["total"] == 0 else "done" if finish["remaining"] == 0 else "no pace yet")
    lines.append(f"pace      {finish['per_day']} reviewed/day; {finish['remaining']} left; {eta}")
    spd = progress["seconds_per_document"]
    if spd["documents"]:
        lines.append(f"time      median {spd['median']} s, mean {spd['mean']} s per document "
                     f"({spd['documents']} timed)")
    for title, table in (("per label", data["suggestions"]["per_label"]),
                         ("per engine", data["suggestions"]["per_engine"]),
                         ("per event type", data["suggestions"]["per_event_type"])):
        if not table:
            continue
        width = max(display_width(k) for k in table) + 2
        lines.append(f"suggestions {title}")
        lines.append(f"  {pad('', width)}{'acc':>6}{'relab':>6}{'resize':>7}{'rej':>6}{'added':>6}{'P':>7}{'R':>7}")
        for key, t in table.items():
            lines.append(f"  {pad(key, width)}{t['accepted']:>6}{t['relabelled']:>6}{t['resized']:>7}"
                         f"{t['rejected']:>6}{t['added']:>6}{_ratio(t['precision'], t['suggested']):>7}"
                         f"{_ratio(t['recall'], t['final']):>7}")
    per_model = data["suggestions"]["per_model"]
    if per_model:
        lines.append("model before and after each retraining (documents reviewed while it was in use)")
        for m in per_model:
            lines.append(f"  {m['model']:<14}{m['documents']:>6} document(s)  P {m['precision']:.3f}  "
                         f"R {m['recall']:.3f}  from {m['from'] or 'the start'}")
    if data["annotators"]:
        from annotator.core.statistics import MIN_PACE_SECONDS

        lines.append("annotators (documents assigned to, annotated or reviewed by each; done: their file merged or "
                     "reviewed by them)")
        width = max(display_width(k) for k in data["annotators"]) + 2
        for name, w in data["annotators"].items():
            per_hour = (f"{w['per_hour']} per hour" if w["per_hour"] is not None
                        else f"too little work to tell a pace (under {MIN_PACE_SECONDS / 60:.0f} min at work)")
            pace = f"{w['seconds']} s, {per_hour}" if w["seconds"] else "no time recorded"
            lines.append(f"  {pad(name, width)}{w['documents']} document(s), {w['done']} done, {pace}")
    return lines + agreement_lines(data["agreement"])


def _ratio(value: float, of: int) -> str:
    """Precision or recall for the table: '–' where nothing was counted (no suggestions, no final spans), which the
    JSON gives as 0: a label whose spans all came from a file had precision '0.000', as if every suggestion failed."""
    return f"{value:.3f}" if of else "–"


NO_SHARED = "no document was reviewed by two annotators (assign --overlap shares some)"


def agreement_lines(agreement: dict[str, Any] | None) -> list[str]:
    """The agreement summary of the plain report: each pair's figures and alpha (as `annotator agreement`)."""
    if agreement is None:
        return []
    shared = agreement["overall"]["documents"]
    if not shared:
        return [f"agreement: {NO_SHARED}"]
    lines = [f"agreement ({shared} document(s) reviewed by two or more annotators)"]
    width = max(display_width(f"{p['a']} / {p['b']}") for p in agreement["pairs"]) + 2
    for p in agreement["pairs"]:
        events = (f"  triggers {p['trigger_f1']:.3f}  arguments {p['argument_f1']:.3f}"
                  if p.get("trigger_f1") is not None else "")
        if p.get("no_events"):
            events = f"  events left out ({no_events(p['no_events'])})"
        lines.append(f"  {pad(p['a'] + ' / ' + p['b'], width)}{p['documents']} document(s)  span F1 {p['span_f1']:.3f}  "
                     f"char kappa {_maybe(p['char_kappa'])}{events}")
    lines.append(f"  Krippendorff's alpha {_maybe(agreement['overall']['alpha'])}")
    return lines


def _maybe(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"
