"""Parameter types that load what they list at first use, so a command's module imports fast."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import click


class LazyChoice(click.Choice[str]):
    """A click.Choice whose choices come from `load()` when help is shown or a value is parsed."""

    def __init__(self, load: Callable[[], Iterable[str]], *, case_sensitive: bool = True) -> None:
        self._load = load
        self._choices: tuple[str, ...] | None = None
        super().__init__((), case_sensitive=case_sensitive)

    @property
    def choices(self) -> tuple[str, ...]:
        """The choices, loaded once."""
        if self._choices is None:
            self._choices = tuple(self._load())
        return self._choices

    @choices.setter
    def choices(self, value: Iterable[str]) -> None:
        pass  # click.Choice's constructor sets them; ours come from `load`


def format_names(*extra: str) -> LazyChoice:
    """The exchange formats' names (after `extra`), loaded when needed."""
    def load() -> list[str]:
        from annotator.core import formats
        return [*extra, *formats.FORMATS]
    return LazyChoice(load)


def comma_list(text: str | None) -> list[str] | None:
    """`PER, LOC,ORG` as ["PER", "LOC", "ORG"] (blanks dropped); None when the option was not given."""
    return None if text is None else [x.strip() for x in text.split(",") if x.strip()]


def held(counts: dict[str, int]) -> str:
    """What a project holds, by status ("pre-annotated 3, reviewed 2"), for a note that none has the asked ones."""
    return ", ".join(f"{status} {n}" for status, n in sorted(counts.items()) if n) or "none"


def no_events(names: tuple[str, ...] | list[str]) -> str:
    """Who of a pair of annotators gave no event (agreement left events out): "ann3 gave none", "neither gave any"."""
    return "neither gave any" if len(names) > 1 else f"{names[0]} gave none"
