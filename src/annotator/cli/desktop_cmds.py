"""The `install-desktop` command: a launcher entry and icon for the desktop's application menu."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

import click

from annotator.cli import cli
from annotator.core.errors import WriteError
from annotator.core.resources import desktop_dir, icons_dir

APP_ID = "annotator"


def data_home() -> Path:
    """Where per-user application data goes ($XDG_DATA_HOME, else ~/.local/share)."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher_command() -> str:
    """The command the launcher runs: this installation's `annotator` script, else its Python -m annotator."""
    beside = Path(sys.executable).parent / APP_ID  # the script of this very environment (a venv, pipx)
    if beside.is_file():
        return shlex.quote(str(beside))
    return f"{shlex.quote(sys.executable)} -m annotator"


def desktop_entry(command: str) -> str:
    """The shipped .desktop file with its Exec line pointing at `command`."""
    lines = (desktop_dir() / f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines()
    return "\n".join(f"Exec={command} %f" if line.startswith("Exec=") else line for line in lines) + "\n"


def install_desktop(target: Path, command: str) -> list[Path]:
    """Write the launcher and the scalable icon under the data folder `target`; return what was written."""
    entry = target / "applications" / f"{APP_ID}.desktop"
    icon = target / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    try:
        for path in (entry, icon):
            path.parent.mkdir(parents=True, exist_ok=True)
        entry.write_text(desktop_entry(command), encoding="utf-8")
        shutil.copyfile(icons_dir() / f"{APP_ID}.svg", icon)
    except OSError as exc:  # a data folder that cannot be written (a read-only home, a file in the way)
        raise WriteError(f"cannot install the launcher: {exc.strerror}", path=str(exc.filename or target),
                         hint="give a folder you can write with --data-home") from exc
    return [entry, icon]


@cli.command("install-desktop")
@click.option("--data-home", "target", type=click.Path(file_okay=False, path_type=Path),
              help="The data folder to install into (default: $XDG_DATA_HOME or ~/.local/share).")
def install_desktop_cmd(target: Path | None) -> None:
    """Add annotator to the desktop's application menu (a .desktop launcher and its SVG icon).

    \b
    Example:
      annotator install-desktop
      annotator install-desktop --data-home /usr/local/share   # for every user (as root)
    """
    for path in install_desktop(target or data_home(), launcher_command()):
        click.echo(f"wrote {path}")
