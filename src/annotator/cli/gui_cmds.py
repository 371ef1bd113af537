"""The `gui` command (until the window lands it prints the project summary)."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli import cli
from annotator.cli.project_cmds import info_lines
from annotator.service import Project


@cli.command("gui")
@click.argument("project", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--doc", "doc_id", type=int, help="Open this document first.")
def gui_cmd(project: Path | None, doc_id: int | None) -> None:
    """Open the review window on a project.

    \b
    Example:
      annotator gui projects/demo.annot --doc 1
    """
    if project is None:
        raise click.UsageError("name a project file")
    with Project.open(project, readonly=True) as p:
        for line in info_lines(p):
            click.echo(line)
