"""The `annotator` command: a thin click layer over the service."""

from __future__ import annotations

import sys
from typing import Any

import click

from annotator.core.errors import AnnotatorError

# Which module defines each command: a command's module is imported only when that command runs (or
# `--help` lists them all), so `annotator list` pays for neither the exchange formats nor team work.
COMMANDS = {
    "new": "project_cmds", "import": "project_cmds", "list": "project_cmds", "info": "project_cmds",
    "demo": "project_cmds", "export": "exchange_cmds", "validate": "exchange_cmds",
    "prelabel": "prelabel_cmds", "train": "prelabel_cmds", "eval": "prelabel_cmds", "gui": "gui_cmds",
    "schema": "schema_cmds", "assign": "team_cmds", "merge": "team_cmds", "agreement": "team_cmds",
    "adjudicate": "team_cmds", "install-desktop": "desktop_cmds", "stats": "stats_cmds", "suggest": "archive_cmds",
}


# What a command stopped by Ctrl+C leaves behind (README: "Stopping one leaves nothing half done"), said instead of
# click's bare "Aborted!", which left a newcomer wondering whether the project was damaged.
INTERRUPTED = {
    "import": "nothing of this import was kept",
    "prelabel": "no suggestion of this run was kept",
    "export": "the file it was writing is as it was",
    "train": "the model in use stays",
    "merge": "the file it was merging was left out; files merged before it stay merged",
    "suggest": "the shards written so far are kept: run the same command again to finish",
}


class Group(click.Group):
    """Loads a command's module on first use; turns the project's own errors into a message on stderr and
    exit status 2, and Ctrl+C into a line saying what was kept and exit status 130."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command, loaded or not."""
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, its module imported now if it was not yet (None: no such command here)."""
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            _load(COMMANDS[cmd_name])
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AnnotatorError as exc:
            click.echo(f"error: {exc.message}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            kept = INTERRUPTED.get(ctx.invoked_subcommand or "")
            click.echo("\nstopped (Ctrl+C)" + (f": {kept}" if kept else ""), err=True)
            ctx.exit(130)
        except MemoryError:
            # An input near the bound (ANNOTATOR_MAX_INPUT_MB) under a smaller `ulimit -v`: the command's
            # transaction is rolled back as for any refusal; a traceback would say nothing more.
            click.echo("error: ran out of memory (the process may use less than the input needs: import it in "
                       "parts, or lower ANNOTATOR_MAX_INPUT_MB to refuse such files at once)", err=True)
            ctx.exit(2)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="annotator")
def cli() -> None:
    """Review and annotate Chinese news: entities and events, exported as training data.

    `annotator PROJECT.annot` opens the window on a project (as `annotator gui PROJECT.annot`); `annotator`
    alone opens the last project, else the start page.

    \b
    Example:
      annotator new demo.annot && annotator import demo.annot articles/ && annotator gui demo.annot
    """


def main(argv: list[str] | None = None) -> None:
    """Entry point: `annotator PROJECT.annot` (or no argument) opens the window."""
    args = list(sys.argv[1:] if argv is None else argv)
    _escape_what_the_terminal_cannot_show()
    if not args or (args[0].endswith(".annot") and not args[0].startswith("-")):
        args = ["gui", *args]
    cli.main(args=args, prog_name="annotator")


def _escape_what_the_terminal_cannot_show() -> None:
    """On a terminal whose encoding lacks Chinese (PYTHONIOENCODING=latin-1, an ISO-8859 locale) print it as
    \\u escapes, as Python prints errors, rather than fail with a UnicodeEncodeError traceback half-way."""
    stdout = sys.stdout
    if hasattr(stdout, "reconfigure") and not (stdout.encoding or "").lower().replace("-", "").startswith("utf"):
        stdout.reconfigure(errors="backslashreplace")


def _load(module: str) -> None:
    try:
        __import__(f"annotator.cli.{module}")  # its commands register themselves on `cli`
    except ModuleNotFoundError as exc:
        if exc.name != f"annotator.cli.{module}":
            raise


def load_all() -> None:
    """Import every command's module (for tools that walk `cli.commands`)."""
    for module in sorted(set(COMMANDS.values())):
        _load(module)
