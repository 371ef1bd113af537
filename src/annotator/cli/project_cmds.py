"""Project commands: new, import, list, info, demo."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli import cli
from annotator.core.annotations import ReviewStatus
from annotator.core.schema import DEFAULT_SCHEMA
from annotator.service import Project
from annotator.service.project import create_from_files

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
    with Project.create(project, schema=schema) as p:
        click.echo(f"created {project} (schema {p.schema.name})")


@cli.command("import")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", default="auto", show_default=True,
              help="auto, segmented, text, jsonl, or an exchange format (see `annotator export --help`).")
@click.option("--encoding", default="auto", show_default=True, help="auto (detected) or a codec name.")
@click.option("--reviewed", is_flag=True, help="Entities in the files count as reviewed (gold) annotations.")
@click.option("--no-prelabel", is_flag=True, help="Do not pre-highlight the new documents.")
def import_cmd(project: Path, paths: tuple[Path, ...], fmt: str, encoding: str, reviewed: bool,
               no_prelabel: bool) -> None:
    """Import article files, folders (recursively) or JSONL into a project.

    A file whose text the project already has is skipped and reported; a file that cannot be read is
    reported and leaves the project as it was.

    \b
    Example:
      annotator import news.annot ../shared/data/raw_news/ article.txt
      annotator import news.annot gold.jsonl --reviewed
    """
    with Project.open(project) as p:
        report = p.importer.import_paths(paths, fmt=fmt, encoding=encoding, reviewed=reviewed,
                                prelabel=not no_prelabel)
    click.echo(f"imported {len(report.imported)} document(s) from {report.files} file(s)")
    for where, existing in report.skipped:
        click.echo(f"skipped {where}: same text as document {existing}")
    for message in report.errors:
        click.echo(f"error: {message}", err=True)
    if report.errors:
        raise SystemExit(2)


@cli.command("list")
@click.argument("project", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES), help="Only these statuses.")
def list_cmd(project: Path, statuses: tuple[str, ...]) -> None:
    """List documents: id, status, suggestions, entities, events, title.

    \b
    Example:
      annotator list news.annot --status reviewed
    """
    with Project.open(project, readonly=True) as p:
        ids = p.document_ids(statuses=statuses)
        rows = p.document_rows(ids)
        click.echo("id\tstatus\tsuggested\tentities\tevents\ttitle")
        for doc_id in ids:
            r = rows[doc_id]
            click.echo(f"{doc_id}\t{r['status']}\t{r['n_suggested']}\t{r['n_entities']}\t{r['n_events']}\t{r['title']}")


@cli.command("info")
@click.argument("project", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def info_cmd(project: Path) -> None:
    """Summarise a project: documents, tokens, entities by label and state, events, schema.

    \b
    Example:
      annotator info news.annot
    """
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
             f"gazetteer {p.prelabel.gazetteer_summary()}"]
    by_label: dict[str, dict[str, int]] = {}
    for (kind, label, state), n in stats["spans"].items():
        if kind == "entity":
            by_label.setdefault(label, {})[state] = n
    lines.append("entities  " + ("none" if not by_label else ""))
    for label in sorted(by_label):
        states = by_label[label]
        lines.append(f"  {label:<10}" + "  ".join(f"{s} {states[s]}" for s in sorted(states)))
    lines.append("events    " + ("none" if not stats["events"] else ""))
    for etype, n in sorted(stats["events"].items()):
        lines.append(f"  {etype:<24}{n}")
    warnings = stats["event_warnings"]
    lines.append("warnings  " + ("none" if not warnings else ""))
    for kind, n in sorted(warnings.items()):
        lines.append(f"  {kind:<24}{n}")
    for extra in stats.get("extra", []):
        lines.append(extra)
    return lines


@cli.command("demo")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path), default="projects/demo.annot")
@click.option("--source", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path(__file__).resolve().parents[3] / "projects" / "demo", show_default=True,
              help="The folder with the demo's articles and schema.toml.")
def demo_cmd(project: Path, source: Path) -> None:
    """Build the demo project from projects/demo/ (articles + schema) if it does not exist yet.

    \b
    Example:
      annotator demo projects/demo.annot
    """
    if project.exists():
        click.echo(f"{project} exists")
        return
    schema = source / "schema.toml"
    articles = sorted(path for path in (source / "articles").rglob("*") if path.is_file())
    report = create_from_files(project, articles, schema=schema if schema.exists() else DEFAULT_SCHEMA)
    if report.errors:
        raise click.ClickException("; ".join(report.errors))
    click.echo(f"built {project}: {len(report.imported)} document(s)")
