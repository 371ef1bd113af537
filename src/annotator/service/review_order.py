"""The order documents are reviewed in (`project.order`): file order, or the most informative first.

The most informative document is the one the model in use is least sure of (its uncertainty summed over
the document's characters, each distinct uncertain stretch once), with some diversity (core/informative.py).
Each document's uncertainty is kept in the project's settings with the model it was measured under (and the
definition), so a second ranking under the same model measures only documents new since.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from annotator.core import informative
from annotator.core.annotations import ReviewStatus
from annotator.core.errors import ValidationError
from annotator.core.progress import Progress, report
from annotator.service.changes import Changes
from annotator.store import models

if TYPE_CHECKING:
    from annotator.service.prelabel import Prelabel
    from annotator.service.project import Project

FILE, INFORMATIVE = "file", "informative"
ORDERS = (FILE, INFORMATIVE)
SETTING = "next_order"  # the order the window's next document follows
CACHE = "uncertainty"  # {"model": which model measured, "documents": {id: uncertainty}}
BATCH = 64
TO_DO = tuple(s.value for s in ReviewStatus if s not in (ReviewStatus.REVIEWED, ReviewStatus.SKIPPED))


class ReviewOrder:
    """Documents in review order, and the next one to review (`project.order`)."""

    def __init__(self, project: Project, prelabel: Prelabel) -> None:
        self.project = project
        self.store = project.store
        self.prelabel = prelabel
        self._memo: tuple[str, dict[int, float]] | None = None  # the cache as last read or written
        self._ranked: tuple[str, list[int]] | None = None  # the last ranking, with the model it ranked under

    # -- the remembered choice ----------------------------------------------------------------------
    @property
    def chosen(self) -> str:
        """The order the next document follows in this project (file order unless chosen otherwise)."""
        value = self.store.setting(SETTING, FILE)
        return value if value in ORDERS else FILE

    def choose(self, order: str) -> Changes:
        """Remember `order` as the one the next document follows in this project."""
        check(order)
        self.store.set_setting(SETTING, order)
        return Changes("settings", kinds=frozenset({"settings"}))

    # -- ordering -----------------------------------------------------------------------------------
    def ids(self, order: str = FILE, *, statuses: Sequence[str] = (), progress: Progress | None = None) -> list[int]:
        """Ids of the documents with one of `statuses` (all when none) in `order`."""
        check(order)
        ids = self.project.document_ids(statuses=statuses)
        if order == FILE:
            return ids
        scores = self.uncertainties(ids, progress=progress)
        model = self._cached()[0]
        if self._ranked is None or self._ranked[0] != model or not set(ids) <= set(self._ranked[1]):
            self._ranked = (model, informative.rank(scores, self._texts))
        # Reviewing a document only takes it out of the ranking: it stays until the model in use changes or
        # documents come in, so the next documents keep the diversity they were ranked with. Ranked again
        # after each, the most uncertain one left came first every time, a near copy of the one just reviewed
        # included: the window never applied the diversity.
        wanted = set(ids)
        return [d for d in self._ranked[1] if d in wanted]

    def next_document(self, after: int | None, *, statuses: Sequence[str] = TO_DO, backward: bool = False,
                      order: str | None = None) -> int | None:
        """The document after `after` (before it when `backward`) in the chosen order (or `order`) whose
        status is one of `statuses`, wrapping around; None when there is none."""
        order = order or self.chosen
        if order == FILE:
            return self.project.next_document(after, statuses=statuses, backward=backward)
        wanted = set(self.project.document_ids(statuses=statuses))
        ranked = self.ids(INFORMATIVE, statuses=TO_DO)  # ranked among the documents still to do
        if after is not None and after not in ranked:
            ranked = [after, *ranked]  # from a done document: the top of the ranking
        return informative.following(ranked, after, wanted.__contains__, backward=backward)

    # -- measuring ----------------------------------------------------------------------------------
    def uncertainties(self, ids: Sequence[int], *, progress: Progress | None = None) -> dict[int, float]:
        """Each document's uncertainty under the model in use: kept ones read back, the others measured (and
        kept when the project is writable)."""
        model, known = self._cached()
        missing = [d for d in ids if d not in known]
        if missing:
            prelabeler = self.prelabel.prelabeler()
            from annotator.service.prelabel import prelabel_doc

            for i in range(0, len(missing), BATCH):
                report(progress, i, len(missing), what="measuring uncertainty")
                docs = list(self.project.iter_documents(missing[i:i + BATCH]))
                values = informative.document_uncertainties(prelabeler, [prelabel_doc(d) for d in docs])
                known.update(zip((d.id for d in docs), values, strict=True))
            report(progress, len(missing), len(missing), what="measuring uncertainty")
            self._memo = (model, known)
            if not self.project.readonly:
                self.store.set_setting(CACHE, {"model": model, "definition": informative.UNCERTAINTY,
                                               "documents": {str(k): v for k, v in known.items()}})
        return {d: known[d] for d in ids}

    def _cached(self) -> tuple[str, dict[int, float]]:
        """(the model in use, the uncertainties kept for it: none when they were measured under another)."""
        model = _model_key(models.latest_id(self.store.db))
        if self._memo is not None and self._memo[0] == model:
            return model, dict(self._memo[1])
        found: dict[str, Any] = self.store.setting(CACHE) or {}
        if found.get("model") != model or found.get("definition") != informative.UNCERTAINTY:
            return model, {}
        known = {int(k): float(v) for k, v in (found.get("documents") or {}).items()}
        self._memo = (model, known)
        return model, dict(known)

    def _texts(self, ids: Sequence[int]) -> dict[int, str]:
        return {d.id: d.text for d in self.project.iter_documents(ids)}


def check(order: str) -> None:
    """Refuse an order that is not one of ORDERS."""
    if order not in ORDERS:
        raise ValidationError(f"unknown order {order!r}", hint=f"use {' or '.join(ORDERS)}")


def _model_key(model_id: int | None) -> str:
    return f"project model {model_id}" if model_id is not None else "starter"
