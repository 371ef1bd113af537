"""The `annotator` command: a thin click layer over the service."""

from __future__ import annotations

import sys
from typing import Any

import click

from annotator.core.errors import AnnotatorError


class Group(click.Group):
    """Turns the project's own errors into a message on stderr and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AnnotatorError as exc:
            click.echo(f"error: {exc.message}", err=True)
            ctx.exit(2)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="annotator")
def cli() -> None:
    """Review and annotate Chinese news: entities and events, exported as training data.

    \b
    Example:
      annotator new demo.annot && annotator import demo.annot articles/ && annotator gui demo.annot
    """


def main(argv: list[str] | None = None) -> None:
    """Entry point: `annotator PROJECT.annot` (or no argument) opens the window."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0].endswith(".annot") and not args[0].startswith("-")):
        args = ["gui", *args]
    cli.main(args=args, prog_name="annotator")


def _register() -> None:
    from annotator.cli import project_cmds  # noqa: F401 - commands register themselves on import

    for name in ("exchange_cmds", "prelabel_cmds", "gui_cmds", "schema_cmds", "team_cmds", "desktop_cmds",
                 "stats_cmds", "archive_cmds"):
        try:
            __import__(f"annotator.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"annotator.cli.{name}":
                raise


_register()
