"""Learning a project's model from reviewed documents: from scratch, fine-tuned, or stacked on a base."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from typing import Any

from annotator.core.annotations import AnnotatedDocument
from annotator.core.prelabel.features.charvec import char_vectors
from annotator.core.prelabel.features.lexical_keys import reader
from annotator.core.prelabel.features.templates import CORE_LABELS
from annotator.core.prelabel.learning.crfsuite import (
    DEFAULT_PARAMS,
    NEW_LABELS_PARAMS,
    NEW_LABELS_TEMPLATES,
    SCRATCH_TEMPLATES,
    STACKED_PARAMS,
    train_crf,
)
from annotator.core.prelabel.learning.finetune import FinetuneParams, finetune_crf
from annotator.core.prelabel.learning.relabel import train_relabeler
from annotator.core.prelabel.models.crf import CrfModel
from annotator.core.prelabel.models.files import FINETUNE, STACK, load_model


def train(docs: Iterable[AnnotatedDocument], *, base: CrfModel | bytes | str | None = None,
          params: dict[str, Any] | None = None, source: str = "",
          templates: tuple[str, ...] | None = None, progress: Callable[[str], None] | None = None,
          method: str = FINETUNE, labels: tuple[str, ...] = CORE_LABELS) -> bytes:
    """Learn from reviewed documents' accepted spans of `labels` and return the model file's bytes.

    `base` None trains from scratch (crfsuite; SCRATCH_TEMPLATES, which read the text with LAC too). With a
    base ("starter", a model or model bytes), method "finetune" moves the base's own weights towards the
    documents under a prior centred on them (a plain model of the base's labels, decoded at the base's cost;
    `params` are FinetuneParams fields), "stack" trains a second model over `labels` on the base's scores and
    tags: what the base knows of its labels is a feature, the documents decide what each label means. On
    People's Daily conventions fine-tuning beat stacking at 200 and 500 articles; for a team dropping a whole
    label stacking did better on dev (research/RESULTS-prelabel.md). Labels the base does not tag are learned
    with every template of a model from scratch, and with a span relabeler that decides each found span's
    label again from the whole document (models/relabeler.py; benchmarks/RESULTS-labels.md).
    """
    if method not in (FINETUNE, STACK):
        raise ValueError(f"unknown training method {method!r}")
    base_model = None if base is None else base if isinstance(base, CrfModel) else load_model(base)
    docs = list(docs)
    if base_model is not None and method == FINETUNE and tuple(labels) != base_model.labels:
        raise ValueError(f"fine-tuning learns the base's labels ({', '.join(base_model.labels)}), "
                         f"not {', '.join(labels)}: stack on it instead")
    new_labels = base_model is not None and method == STACK and not set(labels) <= set(base_model.labels)
    if new_labels:
        templates = NEW_LABELS_TEMPLATES if templates is None else templates
        params = {**NEW_LABELS_PARAMS, **(params or {})}
    elif base_model is not None and method == STACK:
        params = {**STACKED_PARAMS, **(params or {})}
    elif base_model is None and templates is None:
        templates = SCRATCH_TEMPLATES
    # Character vectors gained for both the starter's labels read in another convention and CLUENER's ten
    # (benchmarks/RESULTS-labels.md, fifth round).
    vectors = char_vectors() if base_model is not None and method == STACK else None
    if base_model is not None and method == FINETUNE:
        ft = FinetuneParams(**(params or {}))
        model, stats = finetune_crf(docs, base_model, params=ft, progress=progress)
        record: dict[str, Any] = ft.as_meta()
    else:
        model, stats = train_crf(docs, base=base_model, params=params, templates=templates, labels=tuple(labels),
                                 vectors=vectors, progress=progress)
        record = {**DEFAULT_PARAMS, **(params or {})}
    if new_labels:
        # The span relabeler: measured for CLUENER's ten labels, for half a second of training
        # (benchmarks/RESULTS-labels.md, seventh round).
        model.relabeler = train_relabeler(docs, labels)
    model.meta = {
        "trained_at": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
        "source": source,
        "documents": stats.documents,
        "characters": stats.characters,
        "entities": stats.entities,
        "seconds": stats.seconds,
        "params": record,
        "base": None if base_model is None else base_model.meta,
        "document_names": [d.name for d in docs if d.name][:2000],
    }
    if model.reads_lexical:  # which LAC its features came from (features/lexical_keys.py)
        model.meta["lexical"] = reader()
    return model.to_bytes()
