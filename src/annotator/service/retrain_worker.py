"""The window's background retraining worker: `python -m annotator.service.retrain_worker PROJECT OUT [IDS]`.

It plans both rounds with the project open read-only (the entity model's and, when the schema has event
types, the event model's), closes it, fits each, and writes one JSON result for the window to adopt:
`{"entities": ..., "events": ...}`, each a round's result or `{"error": why it could not run}` ("events"
absent when the schema has no event types, or no reviewed document holds an event: nobody annotates them).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError


def main(argv: Sequence[str] | None = None) -> int:
    """Plan (only the reviewed documents listed in the JSON file IDS when given) and fit both models, then
    write the result as JSON to OUT."""
    from annotator.service.project import Project  # the project imports the training modules

    project_path, out, *rest = argv if argv is not None else sys.argv[1:]
    if hasattr(os, "nice"):
        os.nice(10)  # the reviewer's window (and the machine's other work) comes first
    only = json.loads(Path(rest[0]).read_text(encoding="utf-8")) if rest else None
    payload: dict[str, Any] = {}
    rounds: list[tuple[str, Callable[[Any], dict[str, Any]], Any]] = []
    try:
        with Project.open(project_path, readonly=True) as project:
            rounds.append(("entities", _fit_entities, _attempt(lambda: project.training.plan(only=only))))
            if project.schema.event_types and project.training.reviews_events(only=only):
                rounds.append(("events", _fit_events, _attempt(lambda: project.training.plan_events(only=only))))
        # The project is closed before the long part: a reader would hold back the window's checkpoints.
        for name, fit, plan in rounds:
            payload[name] = plan if isinstance(plan, dict) else _attempt(partial(fit, plan))
    except AnnotatorError as exc:  # the project could not be read at all
        payload = {"entities": {"error": exc.message}}
    tmp = Path(f"{out}.part")
    tmp.write_text(json.dumps(payload), encoding="utf-8")
    os.replace(tmp, out)  # the window reads a complete result or none
    return 0


def _attempt(call: Callable[[], Any]) -> Any:
    """What `call` returns (a round's plan, or a fitted round's result), or {"error": why} when it could not
    be done (too few reviewed documents to plan, say)."""
    try:
        return call()
    except AnnotatorError as exc:
        return {"error": exc.message}


def _progress(message: str) -> None:
    print(message, flush=True)


def _fit_entities(plan: Any) -> dict[str, Any]:
    from annotator.service.training import fit

    return dict(json.loads(fit(plan, progress=_progress).to_json()))


def _fit_events(plan: Any) -> dict[str, Any]:
    from annotator.service.event_training import fit_events

    _progress("learning the event model")
    return fit_events(plan, progress=_progress).to_dict()


if __name__ == "__main__":
    sys.exit(main())
