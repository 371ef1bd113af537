"""Every `annotator …` line in the README's shell blocks names a command that exists and only options it has,
so an example copied from the README does not fail on a renamed or dropped option."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click

from annotator.cli import cli, load_all

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_commands() -> list[list[str]]:
    """The words of each `annotator` command in the README's ```sh blocks (comments and `&&` tails cut)."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S):
        for line in block.splitlines():
            for part in line.split("#", 1)[0].split("&&"):
                words = shlex.split(part)
                if words[:1] == ["sudo"]:
                    words = words[1:]
                if words[:1] == ["annotator"]:
                    commands.append(words[1:])
    return commands


def test_readme_examples_use_real_commands_and_options() -> None:
    load_all()
    commands = readme_commands()
    assert len(commands) > 40  # the README's examples were found
    wrong = []
    for words in commands:
        if not words or words[0].endswith(".annot") or words[0].startswith("-"):
            continue  # `annotator`, `annotator news.annot`, `annotator --version`: the window or the group
        command = cli.commands.get(words[0])
        if command is None:
            wrong.append(f"no command {words[0]!r}: {' '.join(words)}")
            continue
        known = {name for param in command.params if isinstance(param, click.Option)
                 for name in (*param.opts, *param.secondary_opts)}
        wrong += [f"{words[0]} has no option {w}" for w in words[1:] if w.startswith("-") and w.split("=")[0] not in known]
        wrong += _wrong_choices(command, words)
    assert not wrong, wrong


def _wrong_choices(command: click.Command, words: list[str]) -> list[str]:
    """A value the README gives an option of fixed choices (`--format doccano`, `--order informative`, `--status
    pre-annotated`) that the option does not take: a renamed format or status would pass the check of names."""
    options = {name: param for param in command.params if isinstance(param, click.Option) for name in param.opts}
    wrong = []
    for at, word in enumerate(words[1:-1], start=1):
        param = options.get(word)
        if param is not None and isinstance(param.type, click.Choice) and words[at + 1] not in param.type.choices:
            wrong.append(f"{words[0]} {word} {words[at + 1]}: not one of {', '.join(map(str, param.type.choices))}")
    return wrong


def test_the_check_of_choices_names_a_value_an_option_does_not_take() -> None:
    load_all()
    export = cli.commands["export"]
    assert _wrong_choices(export, ["export", "p.annot", "-o", "x", "--format", "doccano"]) == []
    assert _wrong_choices(export, ["export", "p.annot", "-o", "x", "--format", "docanno"])[0].startswith(
        "export --format docanno: not one of native, doccano")
