"""A background retraining's progress lines and result in the interface language.

The worker (service/retrain_worker.py) prints the training's English progress lines, as `annotator train` does,
and hands back a `TrainingResult`, whose `summary()` is the CLI's English line. The Chinese window showed both as
they were ("正在重新训练（后台）：fine-tuning on 32 documents …", "Model retrained on 32 of 40 reviewed documents
…"): here each known line is matched against its template and said in the window's language, its values kept.
"""

from __future__ import annotations

from annotator.gui.error_text import fill, say, template_pattern
from annotator.gui.i18n import QT_TRANSLATE_NOOP
from annotator.service.training import MIN_EXAMPLES, TrainingResult, too_few

CONTEXT = "RetrainText"
# What the training prints as it goes (service/training.py, event_training.py, core/prelabel/learning/, events/).
PROGRESS = (
    QT_TRANSLATE_NOOP("RetrainText", "learning the labels {labels}"),
    QT_TRANSLATE_NOOP("RetrainText", "learning by fine-tuning the starter"),
    QT_TRANSLATE_NOOP("RetrainText", "learning by stacking on it"),
    QT_TRANSLATE_NOOP("RetrainText", "fine-tuning on {docs} documents ({chars} characters, {rows} weight rows, "
                                     "{new} of them new)"),
    QT_TRANSLATE_NOOP("RetrainText", "{iterations} iterations, {evaluations} evaluations: converged"),
    QT_TRANSLATE_NOOP("RetrainText", "{iterations} iterations, {evaluations} evaluations: stopped at the iteration "
                                     "limit"),
    QT_TRANSLATE_NOOP("RetrainText", "{iterations} iterations, {evaluations} evaluations: {detail}"),
    QT_TRANSLATE_NOOP("RetrainText", "training on {docs} documents ({chars} characters)"),
    QT_TRANSLATE_NOOP("RetrainText", "epoch {epoch}: loss {loss} ({seconds} s)"),
    QT_TRANSLATE_NOOP("RetrainText", "scoring the current model on {count} held-out documents"),
    QT_TRANSLATE_NOOP("RetrainText", "learning the event model"),
    QT_TRANSLATE_NOOP("RetrainText", "learning events from {events} events in {docs} documents"),
    QT_TRANSLATE_NOOP("RetrainText", "scoring the event models on {count} held-out documents"),
)
RETRAINED = QT_TRANSLATE_NOOP("RetrainText", "Model retrained on {learned} of {reviewed} reviewed documents: F1 {old} "
                                             "→ {new} on the other {held} (higher in {share} of resamplings) — "
                                             "{verdict}")
IN_USE = QT_TRANSLATE_NOOP("RetrainText", "in use")
KEPT = QT_TRANSLATE_NOOP("RetrainText", "not clearly better, kept the previous model")
NOT_RETRAINED = QT_TRANSLATE_NOOP("RetrainText", "Model not retrained: {reason}")
AND = QT_TRANSLATE_NOOP("RetrainText", "{said}; {more}")  # two notes in one status-bar line
TOO_FEW = QT_TRANSLATE_NOOP("RetrainText", "too few reviewed examples to learn {counts}: a label needs {needed} in "
                                           "the documents learned from")


def progress_text(line: str) -> str:
    """A progress line of the training in the interface language (as it is when it is not a known one)."""
    for template in PROGRESS:
        found = template_pattern(template).fullmatch(line)
        if found is not None:
            return fill(template, found.groupdict(), CONTEXT)
    return line


def entity_summary(result: TrainingResult) -> str:
    """What an entity round did (`TrainingResult.summary()`), in the interface language."""
    if result.f1_new is None or result.f1_old is None or result.confidence is None:
        said = fill(NOT_RETRAINED, {"reason": say(too_few(result.reviewed, result.held_out) or "")}, CONTEXT)
    else:
        said = fill(RETRAINED, {"learned": str(result.learned_from), "reviewed": str(result.reviewed),
                                "old": f"{result.f1_old:.3f}", "new": f"{result.f1_new:.3f}",
                                "held": str(result.held_out), "share": f"{result.confidence:.0%}",
                                "verdict": fill(IN_USE if result.kept else KEPT, {}, CONTEXT)}, CONTEXT)
    if result.too_few:
        counts = ", ".join(f"{label} ({n})" for label, n in result.too_few.items())
        said = joined(said, fill(TOO_FEW, {"counts": counts, "needed": str(MIN_EXAMPLES)}, CONTEXT))
    return said


def joined(*notes: str) -> str:
    """Notes in one line, each joined to the next as the interface language joins clauses."""
    said = ""
    for note in notes:
        said = fill(AND, {"said": said, "more": note}, CONTEXT) if said and note else said or note
    return said
