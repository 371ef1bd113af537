"""The `gui` command: the review window (or a PNG of it with --screenshot)."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli import cli
from annotator.core.errors import AnnotatorError, ProjectError


@cli.command("gui")
@click.argument("project", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--doc", "doc_id", type=int, help="Open this document first.")
@click.option("--screenshot", type=click.Path(dir_okay=False, path_type=Path),
              help="Render the window on the document to this PNG (offscreen when there is no display) and exit.")
def gui_cmd(project: Path | None, doc_id: int | None, screenshot: Path | None) -> None:
    """Open the review window on a project (no project: the last one, or the start page).

    \b
    Example:
      annotator gui projects/demo.annot --doc 1
      annotator gui projects/demo.annot --doc 1 --screenshot docs/screenshot.png
    """
    from annotator.gui.app import invisible, run

    if project is not None and not project.exists():  # said first: a display would not help (`annotator nwes.annot`)
        raise ProjectError("no such project file", path=str(project), hint="create one with `annotator new`")
    if screenshot is None and invisible():
        raise AnnotatorError("no display to open a window on",
                             hint="run it under a desktop or `xvfb-run`, or render a picture with --screenshot out.png")
    code = run(project, doc_id=doc_id, screenshot=screenshot)
    if code:
        raise SystemExit(code)
    if screenshot is not None:
        click.echo(f"wrote {screenshot}")
