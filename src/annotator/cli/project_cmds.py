"""Project commands: new, import, list, info, demo."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotator.cli import cli
from annotator.cli.params import held
from annotator.cli.progress import Bar, quiet_option
from annotator.core.annotations import ReviewStatus
from annotator.core.resources import DEFAULT_SCHEMA

if TYPE_CHECKING:
    from annotator.service import Project

STATUSES = [s.value for s in ReviewStatus]


@cli.command("new")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--schema", default=DEFAULT_SCHEMA, show_default=True,
              help="A shipped schema name (news-zh, ace2005-zh, cec) or a TOML file.")
def new_cmd(project: Path, schema: str) -> None:
    """Create a new, empty project file.

    \b
    Example:
      annotator new news.annot --schema cec
    """
    from annotator.service import Project

    with Project.create(project, schema=schema) as p:
        click.echo(f"created {project} (schema {p.schema.name})")


@cli.command("import")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", default="auto", show_default=True,
              help="auto, segmented, text, jsonl, or an exchange format (see `annotator export --help`).")
@click.option("--encoding", default="auto", show_default=True, help="Raw text's encoding: auto (UTF-8 or GBK, detected) or a codec name; the "
              "structured formats are UTF-8.")
@click.option("--reviewed", is_flag=True, help="Entities in the files count as reviewed (gold) annotations.")
@click.option("--no-prelabel", is_flag=True, help="Do not pre-highlight the new documents.")
@click.option("--extend-schema", is_flag=True, help="Add the labels, event types and roles the files use and "
              "the project's schema lacks (listed in the summary) instead of refusing the files.")
@click.option("--map", "mappings", multiple=True, metavar="OLD=NEW",
              help="Read label or event type OLD as NEW (repeatable), e.g. --map GPE=LOC.")
@click.option("--keep-duplicates", is_flag=True, help="Keep the records whose text a file repeats (CoNLL "
              "sentences, short news items): a text a file has k times is kept k times; the project's earlier "
              "copies count, so importing a file again still adds nothing.")
@click.option("--sample", type=click.IntRange(min=0), metavar="N", help="From an archive `annotator suggest` "
              "wrote: bring N documents the project lacks, with their suggestions as they are.")
@click.option("--order", default="informative", show_default=True,
              type=click.Choice(["informative", "random", "confidence"]),
              help="Which N: the model least sure first, a random share, or the model surest first.")
@click.option("--where", metavar="label=ORG", help="Only documents with a suggestion of these labels "
              "(label=ORG,PER).")
@quiet_option
def import_cmd(project: Path, paths: tuple[Path, ...], fmt: str, encoding: str, reviewed: bool,
               no_prelabel: bool, extend_schema: bool, mappings: tuple[str, ...], keep_duplicates: bool,
               sample: int | None, order: str, where: str | None, quiet: bool) -> None:
    """Import article files, folders (recursively) or JSONL into a project.

    A record whose text the project already has is skipped (one line says how many; --keep-duplicates
    keeps a file's repeats); a file that cannot be read is reported and leaves the project as it was.
    Interrupting it (Ctrl+C) leaves the project as it was.

    \b
    Example:
      annotator import news.annot articles/ article.txt
      annotator import news.annot gold.jsonl --reviewed
      annotator import cec.annot corpus.jsonl --reviewed --extend-schema --map thoughtevent=statement
      annotator import news.annot archive/ --sample 50 --order informative --where label=ORG
    """
    from annotator.cli.archive_cmds import import_archive_cmd, is_archive_import

    if is_archive_import(paths, sample=sample, where=where):
        import_archive_cmd(project, paths, sample=sample, order=order, where=where, quiet=quiet)
        return
    from annotator.service import Project

    rename = _mappings(mappings)
    with Project.open(project) as p, Bar("importing", quiet=quiet) as bar:
        report = p.importer.import_paths(paths, fmt=fmt, encoding=encoding, reviewed=reviewed,
                                         prelabel=not no_prelabel, progress=bar, extend_schema=extend_schema,
                                         rename=rename, keep_duplicates=keep_duplicates)
    if report.schema_added:
        click.echo(f"added to the schema: {', '.join(report.schema_added)}")
    click.echo(f"imported {len(report.imported)} document(s) from {report.files} file(s)")
    if report.skipped:
        click.echo(skipped_line(report.skipped, kept=keep_duplicates))
    for note in report.notes:
        click.echo(str(note))
    for passed in report.passed_over:
        click.echo(f"not read {passed}")
    for message in report.errors:
        click.echo(f"error: {message}", err=True)
    if report.errors:
        raise SystemExit(2)


def _mappings(mappings: tuple[str, ...]) -> dict[str, str]:
    rename: dict[str, str] = {}
    for item in mappings:
        old, sep, new = item.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise click.BadParameter(f"{item!r} is not OLD=NEW", param_hint="--map")
        rename[old.strip()] = new.strip()
    return rename


SKIPPED_SHOWN = 3


def skipped_line(skipped: tuple[tuple[str, int], ...], *, kept: bool = False) -> str:
    """The one line about the duplicates an import skipped: how many, a few examples, and (unless the
    import kept a file's repeats already) the flag that keeps them."""
    if len(skipped) == 1:
        line = f"skipped {skipped[0][0]}: same text as document {skipped[0][1]}"
    else:
        examples = "; ".join(f"{where} = document {existing}" for where, existing in skipped[:SKIPPED_SHOWN])
        line = f"skipped {len(skipped)} document(s) whose text the project already has (e.g. {examples})"
    return line if kept else line + "; --keep-duplicates keeps the texts a file repeats"


@cli.command("list")
@click.argument("project", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--status", "statuses", multiple=True, type=click.Choice(["all", *STATUSES]),
              help="Only these statuses (repeatable; 'all' for every one, as export takes it).")
@click.option("--order", type=click.Choice(["file", "informative"]), default="file", show_default=True,
              help="file: as imported; informative: the documents the model is least sure of (its "
                   "uncertainty summed over the characters, a repeated name once) first, with some diversity (measured once per model and kept in the project).")
def list_cmd(project: Path, statuses: tuple[str, ...], order: str) -> None:
    """List documents: id, status, suggestions, entities, events, title.

    \b
    Example:
      annotator list news.annot --status reviewed
      annotator list news.annot --status pre-annotated --order informative
    """
    from annotator.core.errors import ProjectLockedError
    from annotator.core.text import escaped_controls
    from annotator.service import Project

    try:  # the informative order keeps what it measured in the project, when it may
        p = Project.open(project, readonly=order == "file")
    except ProjectLockedError:
        p = Project.open(project, readonly=True)
    with p:
        wanted = [] if "all" in statuses else list(statuses)
        # File order reads the ids alone: the informative order's numpy and model stay out of a plain listing.
        ids = p.order.ids(order, statuses=wanted) if order != "file" else p.document_ids(statuses=wanted)
        rows = p.document_rows(ids)
        click.echo("id\tstatus\tsuggested\tentities\tevents\ttitle")
        for doc_id in ids:
            r = rows[doc_id]
            title = escaped_controls(r["title"] or "")  # a title is the file's: ESC must not drive the terminal
            click.echo(f"{doc_id}\t{r['status']}\t{r['n_suggested']}\t{r['n_entities']}\t{r['n_events']}\t{title}")
        if not ids and wanted:  # a header alone: say what the project holds instead (on stderr, the table stays clean)
            click.echo(f"no document {_is(wanted)} (the project's documents: {held(p.status_counts())})", err=True)


def _is(statuses: list[str]) -> str:
    """`is reviewed or skipped`, `needs adjudication` (it said `is needs-adjudication`)."""
    if statuses == ["needs-adjudication"]:
        return "needs adjudication"
    return "is " + " or ".join("needing adjudication" if s == "needs-adjudication" else s for s in statuses)


@cli.command("info")
@click.argument("project", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def info_cmd(project: Path) -> None:
    """Summarise a project: documents, tokens, entities by label and state, events by type and state, schema.

    \b
    Example:
      annotator info news.annot
    """
    from annotator.service import Project

    with Project.open(project, readonly=True) as p:
        for line in info_lines(p):
            click.echo(line)


def info_lines(p: Project) -> list[str]:
    """The lines `annotator info` prints (also the run command's summary)."""
    stats = p.stats()
    lines = [f"project   {p.path}",
             f"schema    {stats['schema']} ({len(p.schema.labels)} labels, {len(p.schema.event_types)} event types)",
             f"documents {stats['documents']} ({', '.join(f'{k} {v}' for k, v in sorted(stats['statuses'].items()))})",
             f"text      {stats['characters']} characters, {stats['tokens']} tokens",
             f"model     {p.training.model_description()}",
             f"          events: {p.training.event_model_description()}",
             f"gazetteer {p.prelabel.gazetteer_summary()}"]
    lines += _by_state("entities  ", {(label, state): n for (kind, label, state), n in stats["spans"].items()
                                      if kind == "entity"})
    lines += _by_state("events    ", stats["events"])
    warnings = stats["event_warnings"]
    lines.append("warnings  " + ("none" if not warnings else ""))
    width = max((display_width(x) for x in warnings), default=0) + 2
    for kind, n in sorted(warnings.items()):
        lines.append(f"  {pad(kind, width)}{n}")
    for extra in stats.get("extra", []):
        lines.append(extra)
    return lines + _team_lines(p)


def _team_lines(p: Project) -> list[str]:
    """Whose file this is, or who has what: a lead had no command that said who was handed which share and who
    had sent it back, nor an annotator's file whose it was."""
    owner = p.handed_out_from()
    if owner is not None:
        name, source = owner
        return [f"team      {name}'s file" + (f", handed out from {source}" if source else "")]
    progress = p.team_progress()
    if not progress:
        return []
    return ["team      " + "; ".join(f"{name} {handed} handed out, {back} sent back"
                                      for name, (handed, back) in progress.items())]


def display_width(text: str) -> int:
    """Columns a terminal gives the text: CJK (wide and fullwidth) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """The text padded with spaces to `width` terminal columns."""
    return text + " " * max(0, width - display_width(text))


@cli.command("demo")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path), default="projects/demo.annot")
@click.option("--source", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder with articles/ and schema.toml to build from (default: the demo shipped inside "
                   "the package).")
@quiet_option
def demo_cmd(project: Path, source: Path | None, quiet: bool) -> None:
    """Build the demo project (the articles and schema shipped with annotator) if it does not exist yet.

    \b
    Example:
      annotator demo projects/demo.annot
    """
    from annotator.core.resources import demo_files
    from annotator.service.project import create_from_files

    if project.exists():
        click.echo(f"{project} exists")
        return
    articles, schema = demo_files(source)
    with Bar("building the demo", quiet=quiet) as bar:
        report = create_from_files(project, articles, schema=schema, progress=bar)
    if report.errors:
        raise click.ClickException("; ".join(report.errors))
    click.echo(f"built {project}: {len(report.imported)} document(s)")


def _by_state(heading: str, counts: dict[tuple[str, str], int]) -> list[str]:
    """`info`'s lines of counts by (label or event type, state): one line a label, its states side by side."""
    by_key: dict[str, dict[str, int]] = {}
    for (key, state), n in counts.items():
        by_key.setdefault(key, {})[state] = n
    width = max((display_width(x) for x in by_key), default=0) + 2
    return [heading + ("none" if not by_key else "")] + [
        f"  {pad(key, width)}" + "  ".join(f"{s} {by_key[key][s]}" for s in sorted(by_key[key])) for key in sorted(by_key)]
