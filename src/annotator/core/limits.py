"""Bounds on what one input may expand to, so a hostile file (a zip bomb, /dev/zero) is refused, not read."""

from __future__ import annotations

import os

ENV_VAR = "ANNOTATOR_MAX_INPUT_MB"
DEFAULT_MAX_INPUT_MB = 512


def max_input_bytes() -> int:
    """The most bytes one input file, or one archive member once inflated, may hold (env ANNOTATOR_MAX_INPUT_MB)."""
    raw = os.environ.get(ENV_VAR, "").strip()
    if not raw:
        return DEFAULT_MAX_INPUT_MB * 1024 * 1024
    try:
        megabytes = float(raw)
    except ValueError:
        raise ValueError(f"{ENV_VAR}={raw!r} is not a number of megabytes") from None
    if megabytes <= 0:
        raise ValueError(f"{ENV_VAR}={raw!r} must be more than 0")
    return int(megabytes * 1024 * 1024)
