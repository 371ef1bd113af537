"""The `schema` command: show a project's schema, export it as TOML, or replace it from a TOML file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotator.cli import cli
from annotator.core.errors import ProjectError, ReadError

if TYPE_CHECKING:
    from annotator.service import Project


@cli.command("schema")
@click.argument("project", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--export", "export_to", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Write the project's schema as TOML to this file ('-': standard output).")
@click.option("--import", "import_from", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Replace the project's schema by this TOML file (refused if annotations would be orphaned).")
@click.option("--rename", "renames", nargs=2, multiple=True, metavar="OLD NEW",
              help="With --import: label or event type OLD is called NEW in the new file; its annotations follow.")
@click.option("--rename-role", "role_renames", nargs=3, multiple=True, metavar="TYPE OLD NEW",
              help="With --import: role OLD of event type TYPE is called NEW; its arguments follow.")
def schema_cmd(project: Path, export_to: Path | None, import_from: Path | None,
               renames: tuple[tuple[str, str], ...], role_renames: tuple[tuple[str, str, str], ...]) -> None:
    """Show the project's schema with how often each part is used, export it, or import a new one.

    An import that would leave spans without their label, events without their type or arguments
    without their role is refused with a list of them (exit status 2) and nothing changes; say with
    --rename that a key was renamed and its annotations move along. --export runs before --import,
    so one command can keep a copy of the schema it replaces.

    \b
    Example:
      annotator schema news.annot --export schema.toml
      annotator schema news.annot --import schema.toml --rename LOC PLACE
    """
    from annotator.service import Project

    if (renames or role_renames) and import_from is None:
        raise click.UsageError("--rename and --rename-role go with --import")
    readonly = import_from is None
    with Project.open(project, readonly=readonly) as p:
        if export_to is not None:
            _export(p, project, export_to)
        if import_from is not None:
            _import(p, import_from, renames, role_renames)
        if export_to is None and import_from is None:
            _show(p)


def _export(p: Project, project: Path, target: Path) -> None:
    from annotator.core.formats.fileio import atomic_text

    text = p.schema.to_toml(header=f"Schema of {project.name}; `annotator schema {project.name} --import FILE` "
                                   "reads it back.")
    if str(target) == "-":
        sys.stdout.write(text)
        return
    if target.exists() and target.resolve() == project.resolve():
        raise ProjectError("refusing to write the schema over the project file itself", path=str(target),
                           hint="choose another file name, e.g. schema.toml")
    with atomic_text(target) as out:
        out.write(text)
    click.echo(f"wrote the schema ({len(p.schema.labels)} labels, {len(p.schema.event_types)} event types) "
               f"to {target}")


def _import(p: Project, source: Path, renames: tuple[tuple[str, str], ...],
            role_renames: tuple[tuple[str, str, str], ...]) -> None:
    from annotator.core.limits import read_input
    from annotator.core.schema import Schema
    from annotator.service.schema_edit import Renames

    try:
        text = read_input(source).decode("utf-8")  # a FIFO or a device is refused, a file bounded
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(f"cannot read the schema file: {getattr(exc, 'strerror', None) or exc}",
                        path=str(source)) from exc
    new = Schema.from_toml(text, path=str(source))
    old = p.schema
    labels = {a: b for a, b in renames if old.label(a) is not None}
    types = {a: b for a, b in renames if a not in labels}
    changes = p.schema_edits.update(new, renames=Renames(labels=labels, event_types=types,
                                                   roles={(t, a): b for t, a, b in role_renames}))
    if changes.empty:
        click.echo("the schema is unchanged")
        return
    moved = (sum(1 for s in changes.spans if s.after is not None)
             + sum(1 for item in (*changes.events, *changes.arguments) if not item.removed))
    dropped = len(changes.removed_spans())
    click.echo(f"imported schema {new.name}: {len(new.labels)} labels, {len(new.event_types)} event types"
               + (f"; {moved} annotation(s) renamed" if moved else "")
               + (f"; {dropped} suggestion(s) of dropped labels removed" if dropped else ""))


def _show(p: Project) -> None:
    schema, used = p.schema, p.schema_edits.usage()
    click.echo(f"schema {schema.name}" + (f": {schema.description}" if schema.description else ""))
    click.echo("\nlabel\tname\tChinese\tcolour\thotkey\tin use")
    for lab in schema.labels:
        click.echo(f"{lab.key}\t{lab.name}\t{lab.name_zh}\t{lab.color}\t{lab.hotkey}\t{used.labels.get(lab.key, 0)}")
    click.echo(IN_USE_LEGEND)
    if schema.event_types:
        click.echo("\nevent type\tChinese\thotkey\tevents\troles")
    for ev in schema.event_types:
        roles = ", ".join(f"{r.name}{r.cardinality}{'[' + ' '.join(r.labels) + ']' if r.labels else ''}"
                          for r in ev.roles)
        click.echo(f"{ev.key}\t{ev.name_zh}\t{ev.hotkey}\t{used.event_types.get(ev.key, 0)}\t{roles}")
    if schema.event_types:
        click.echo(f"\n{ROLES_LEGEND}")


# The column was headed "spans" and showed 32 for a label `info` gave 138 suggestions: it counts what a schema edit
# must not orphan (store/usage.py), as the window's schema editor says under its own "in use" column.
IN_USE_LEGEND = "in use: entities accepted or filling an event's role (open suggestions are not counted)"

# The marks after a role's name are the schema file's `cardinality`; a reader of the table has no file to look at.
ROLES_LEGEND = ("roles: name, how many fillers an event takes (1 exactly one, ? at most one, + one or more, * any "
                "number, {n-m} from n to m), [the labels that may fill it]")
