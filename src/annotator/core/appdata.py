"""The app's own data folder (jieba cache, settings): private to the user, never a shared temp folder."""

from __future__ import annotations

import os
from pathlib import Path

from annotator.core.errors import WriteError


def app_data_dir() -> Path:
    """$ANNOTATOR_DATA_DIR, else $XDG_DATA_HOME/annotator, else ~/.local/share/annotator; created 0700."""
    configured = os.environ.get("ANNOTATOR_DATA_DIR")
    if configured:
        path = Path(configured)
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = Path(base) / "annotator"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        # mkdir's mode is masked by umask and ignored for an existing folder: make it private either way.
        if path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except OSError as exc:  # a HOME or XDG_DATA_HOME that cannot be written (a read-only home, a file in the way)
        raise WriteError(f"cannot make the app's data folder: {exc.strerror}", path=str(path),
                         hint="set ANNOTATOR_DATA_DIR (or XDG_DATA_HOME) to a folder you can write") from exc
    return path
