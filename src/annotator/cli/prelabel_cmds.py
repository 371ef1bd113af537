"""Pre-highlighting commands: prelabel, train, eval."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotator.cli import cli
from annotator.cli.params import LazyChoice, comma_list
from annotator.cli.progress import Bar, Steps, quiet_option
from annotator.core.annotations import SpanKind

if TYPE_CHECKING:
    from annotator.service import Project


def _engine_names() -> list[str]:
    from annotator.core.prelabel import ENGINES
    return [*ENGINES, "triggers"]


@cli.command("prelabel")
@click.argument("project", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--engine", "engines", multiple=True, type=LazyChoice(_engine_names),
              help="Engines to run (repeatable; default: dictionary, model, rules, and trigger suggestions).")
@click.option("--doc", "doc_ids", multiple=True, type=int, help="Only these documents (default: all not reviewed).")
@click.option("--refresh", is_flag=True, help="First take away the open entity suggestions (not decided on, "
              "not an event's argument), e.g. after training a model: what reviewers decided stays.")
@quiet_option
def prelabel_cmd(project: Path, engines: tuple[str, ...], doc_ids: tuple[int, ...], refresh: bool,
                 quiet: bool) -> None:
    """Pre-highlight entities; accepted spans stay, rejected ones never come back, a re-run adds nothing.

    \b
    Example:
      annotator prelabel news.annot --engine model --engine rules --doc 3
      annotator prelabel news.annot --refresh      # suggest afresh with the model in use
    """
    from annotator.service import Changes, Project

    entity_engines = [e for e in engines if e != "triggers"]
    with Project.open(project) as p:
        # Both steps' models first: one the project holds that cannot be read stops the command before either
        # step writes (the entity suggestions were saved, then the event model was found damaged).
        if entity_engines or not engines:
            p.prelabel.prelabeler(entity_engines or None)
        if "triggers" in engines or not engines:
            p.triggers.suggester()
        done = []
        if entity_engines or not engines:
            with Bar("pre-highlighting", quiet=quiet) as bar:
                done.append(p.prelabel.run(list(doc_ids) or None, engines=entity_engines or None, refresh=refresh,
                                           progress=bar))
        if "triggers" in engines or not engines:
            with Bar("suggesting triggers", quiet=quiet) as bar:
                done.append(p.triggers.suggest(list(doc_ids) or None, refresh=refresh, progress=bar))
    changes = Changes.combine("prelabel", done)
    added = changes.added_spans()
    entities = sum(1 for s in added if s.kind == SpanKind.ENTITY)
    triggers = sum(1 for s in added if s.kind == SpanKind.TRIGGER)
    removed = len(changes.removed_spans())
    docs = changes.doc_ids
    click.echo(f"added {entities} entity and {triggers} trigger suggestion(s) in {len(docs)} document(s)"
               + (f"; took away {removed} old one(s)" if refresh else ""))


@cli.command("train")
@click.argument("project", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from-scratch", is_flag=True, help="Learn from the project's reviewed documents alone, "
              "not on top of the starter model.")
@click.option("--every", type=click.IntRange(min=0), default=None, metavar="N",
              help="Only set how many newly reviewed documents make the window retrain in the background "
              "(0: never; default 5), without training now.")
@quiet_option
def train_cmd(project: Path, from_scratch: bool, every: int | None, quiet: bool) -> None:
    """Learn the pre-highlighting model from the project's reviewed documents.

    The model learns every label of the schema the reviewed documents use (5 accepted spans or more;
    rarer labels are reported), on top of the starter's persons, places and organisations.
    Every 5th reviewed document (by id) is held out: the new model is used from then on only if its
    micro-F1 over the schema's labels there is clearly higher than the model in use's (in 80% of
    resamplings of those documents); otherwise the project keeps its model. With fewer than 10 reviewed
    documents nothing could show that, and it says how many more are needed. `annotator info` shows the
    held-out F1 of each label.

    When the schema has event types, the event model (triggers and their arguments) is trained too, from
    the reviewed documents with events (10 or more, 20 events), behind the same held-out gate: it is used
    only if it scores clearly higher than the event model in use (or the starter shipped for the schema).

    \b
    Example:
      annotator train news.annot
      annotator train news.annot --every 10
    """
    from annotator.service import Project

    if every is not None:
        with Project.open(project) as p:
            p.training.set_retrain_every(every)
        click.echo(f"the window retrains after every {every} newly reviewed documents" if every
                   else "the window no longer retrains in the background")
        return

    with Project.open(project) as p:
        if not p.schema.event_types:
            result = p.training.train(from_scratch=from_scratch, progress=Steps(quiet=quiet))
            click.echo(f"trained in {result.seconds:.0f} s on {result.description}")
            click.echo(result.summary())
            return
        _train_both(p, from_scratch=from_scratch, quiet=quiet)


def _train_both(p: Project, *, from_scratch: bool, quiet: bool) -> None:
    """Train the entity and the event model; one that cannot be trained is reported, both: an error."""
    from annotator.core.errors import ValidationError

    lines: list[str] = []
    failed: list[str] = []
    try:
        result = p.training.train(from_scratch=from_scratch, progress=Steps(quiet=quiet))
        lines += [f"trained in {result.seconds:.0f} s on {result.description}", result.summary()]
    except ValidationError as exc:
        failed.append(f"entity model not trained: {exc.reason}")
    try:
        events = p.training.train_events(progress=Steps(quiet=quiet))
        lines += [f"event model trained in {events.seconds:.0f} s on {events.description}", events.summary()]
    except ValidationError as exc:
        failed.append(f"event model not trained: {exc.reason}")
    if len(failed) == 2:
        raise ValidationError("; ".join(failed), path=str(p.path))
    for line in (*lines, *failed):
        click.echo(line)


@cli.command("eval")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Gold documents (entities as reviewed), in --format.")
@click.option("--format", "fmt", default="native", show_default=True,
              help="The gold file's exchange format (native, cluener, doccano, conll, ...).")
@click.option("--project", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Use this project's pre-highlighter (its model and gazetteer); default: the starter.")
@click.option("--labels", default=None, help="Labels to score, comma-separated (default: every label the gold "
              "documents have).")
@click.option("--gold-tokens", is_flag=True, help="Give the engines the gold segmentation (as for "
              "pre-segmented files) instead of segmenting the raw text with jieba.")
@click.option("--events", is_flag=True, help="Score the event model instead: triggers (span + type) and "
              "arguments (span + role, right only under a right trigger), per type, per role and micro.")
@click.option("--schema", "schema", default="cec", show_default=True, help="With --events and no --project: "
              "the schema whose shipped event starter is scored.")
def eval_cmd(gold: Path, fmt: str, project: Path | None, labels: str | None, gold_tokens: bool, events: bool,
             schema: str) -> None:
    """Score the pre-highlighter on gold texts: precision, recall and F1 per label and micro (exact spans).
    With --events, score the event model on the gold events.

    \b
    Example:
      annotator eval --gold gold.jsonl --labels PER,LOC,ORG
      annotator eval --gold cluener_dev.json --format cluener --project cluener.annot
      annotator eval --events --gold events_dev.jsonl --project cec.annot
    """
    from annotator.service.evaluation import evaluate_events_gold, evaluate_gold

    if events:
        ev = evaluate_events_gold(gold, project=project, schema=schema, fmt=fmt)
        click.echo(f"event model: {ev.model}")
        click.echo(ev.report.table())
        click.echo(f"{ev.report.triggers.documents} documents, {ev.characters} characters in {ev.seconds:.1f} s; "
                   f"trigger micro-F1 {ev.report.triggers.micro.f1:.3f}, argument micro-F1 "
                   f"{ev.report.arguments.micro.f1:.3f}")
        if ev.without_trigger:
            many = ev.without_trigger != 1
            click.echo(f"not scored: {ev.without_trigger} gold event{'s' if many else ''} without a trigger, "
                       f"with {'their' if many else 'its'} arguments")
        return

    wanted = comma_list(labels) if labels else None
    result = evaluate_gold(gold, labels=wanted, project=project, gold_tokens=gold_tokens, fmt=fmt)
    if result.model is not None:
        click.echo(f"model: {result.model}")
    click.echo(result.report.table())
    click.echo(f"{result.report.documents} documents, {result.characters} characters in {result.seconds:.1f} s; "
               f"micro-F1 {result.report.micro.f1:.3f}")
    never = [score.label for score in result.report.labels if score.tp + score.fp == 0 and score.tp + score.fn > 0]
    if never:  # a gold file of other labels (CLUENER's) scored 0 everywhere with no word of why
        click.echo(f"never suggested: {', '.join(never)}: the pre-highlighter suggests only labels of its schema that "
                   "its model learned or its rules and dictionary give (annotator train learns a project's labels "
                   "from its reviewed documents)")
