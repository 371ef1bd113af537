"""Where the files that ship with annotator are: schemas, models, icons, translations, the demo project.

They live in the top-level `resources/` and `projects/demo/` folders of a checkout; the package reaches them
through `annotator/resources` and `annotator/demo` (links in a checkout, real folders in a built wheel), so
one lookup through `importlib.resources` serves a source checkout, an editable install and a wheel alike.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _package_dir(name: str) -> Path:
    """The folder `name` inside the installed package, as a real path (the package is never zipped)."""
    return Path(str(files("annotator").joinpath(name)))


def resources_dir() -> Path:
    """The folder of everything shipped: schemas/, models/, icons/, i18n/, desktop/."""
    return _package_dir("resources")


def resource(*parts: str) -> Path:
    """The path of one shipped file, e.g. resource("icons", "annotator.svg") (it may not exist)."""
    return resources_dir().joinpath(*parts)


DEFAULT_SCHEMA = "ace2005-zh"  # the shipped schema a new project gets (here: the command line reads it cheaply)


def schemas_dir() -> Path:
    """The shipped schemas (TOML)."""
    return resource("schemas")


def models_dir() -> Path:
    """The shipped pre-highlighting models."""
    return resource("models")


def icons_dir() -> Path:
    """The application icons (SVG)."""
    return resource("icons")


def i18n_dir() -> Path:
    """The window's translations (.qm, with their .ts sources)."""
    return resource("i18n")


def desktop_dir() -> Path:
    """The freedesktop launcher entry."""
    return resource("desktop")


def demo_dir() -> Path:
    """The bundled demo project's articles (its schema is the default one, DEFAULT_SCHEMA)."""
    return _package_dir("demo")


def demo_files(source: Path | None = None) -> tuple[list[Path], Path | str]:
    """The demo's articles (sorted) and its schema: the folder's schema.toml, else the default schema's name
    (the shipped demo has none of its own), from the shipped demo or from `source`, a folder laid out the same
    way; `service.project.create_from_files` builds it."""
    folder = demo_dir() if source is None else source
    schema = folder / "schema.toml"
    articles = sorted(path for path in (folder / "articles").rglob("*") if path.is_file())
    return articles, schema if schema.exists() else DEFAULT_SCHEMA
