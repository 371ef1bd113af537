"""What the review keys do: each handler reads the selection and runs one undoable edit through the session."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtWidgets import QApplication

from annotator.core.annotations import EntitySpan, SpanKind, SpanState
from annotator.core.text import Token, character_end, character_start, token_index_at
from annotator.gui import foresee, lines
from annotator.gui.document_actions import DocumentActions
from annotator.gui.foresee import Foreseen
from annotator.gui.i18n import plural, translate
from annotator.gui.page import ReviewPage
from annotator.gui.page_actions import PageActions
from annotator.gui.session import Step
from annotator.service import Changes


class ReviewActions(PageActions, DocumentActions):
    """Handlers named like the actions of the shortcut table (see keys.BINDINGS)."""

    def __init__(self, page: ReviewPage) -> None:
        super().__init__(page)
        self._goal: tuple[float, tuple[int, int]] | None = None  # (x, the selection ↑/↓ left) kept across ↑/↓

    def _edit(self, text: str, *steps: Step, shown: Callable[[], Foreseen | None] | None = None) -> Changes | None:
        return self.session.edit(text, *steps, shown=shown)

    # -- moving ---------------------------------------------------------------------------------
    def move_right(self) -> None:
        """Token cursor to the next token."""
        if self.ready():
            first, last = self._sel_tokens()
            nxt = last + 1 if self.open_state.tokens[last][1] <= self.view.sel[1] else last
            self.view.select_tokens(nxt, nxt)

    def move_left(self) -> None:
        """Token cursor to the previous token."""
        if self.ready():
            start = self.view.sel[0]
            i = token_index_at(self.open_state.tokens, start)
            prev = i if i < len(self.open_state.tokens) and self.open_state.tokens[i][0] < start else i - 1
            self.view.select_tokens(max(prev, 0), max(prev, 0))

    def extend_right(self) -> None:
        """Grow the selection by a token (towards the right)."""
        self._extend(+1)

    def extend_left(self) -> None:
        """Grow the selection by a token towards the left (or shrink it from the right)."""
        self._extend(-1)

    def _extend(self, step: int) -> None:
        if not self.ready():
            return
        view = self.view
        if view.char_mode or view.current_span is not None:
            first, last = self._sel_tokens()
            view.anchor_token, view.active_token = (first, last) if step > 0 else (last, first)
        view.select_tokens(view.anchor_token, view.active_token + step)

    def char_right(self) -> None:
        """Select the next character (split points and character-level spans)."""
        if self.ready():
            start, end = self.view.sel
            # after the selected characters; from a token, its second character (where S splits it)
            at = end if self.view.char_mode else character_end(self.open_state.text, start + 1)
            self.view.select_chars(at, at + 1)

    def char_left(self) -> None:
        """Select the previous character."""
        if self.ready():
            self.view.select_chars(self.view.sel[0] - 1, self.view.sel[0])

    def char_extend_right(self) -> None:
        """One more character in the selection."""
        if self.ready():
            self.view.select_chars(self.view.sel[0], self.view.sel[1] + 1)

    def char_extend_left(self) -> None:
        """One character fewer in the selection."""
        if self.ready():
            start, end = self.view.sel
            shorter = character_start(self.open_state.text, end - 1)  # a whole character fewer
            self.view.select_chars(start, shorter if shorter > start else end)

    def line_down(self) -> None:
        """The token below: on the next visual line, at the same x."""
        self._line(+1)

    def line_up(self) -> None:
        """The token above: on the previous visual line, at the same x."""
        self._line(-1)

    def _line(self, step: int) -> None:
        """Every visual line that holds a token is visited in turn; the x the first ↑/↓ started from is kept
        while ↑/↓ follow each other, so a short line in between does not pull the cursor to a row end."""
        if not self.ready():
            return
        state, doc = self.open_state, self.view.document()
        current = state.token_at(self.view.sel[0])
        here16 = state.u16(state.tokens[current][0])
        x = self._goal[0] if self._goal is not None and self._goal[1] == self.view.sel else lines.x_of(doc, here16)
        line = lines.line_of(doc, here16)
        while True:
            following = lines.neighbour(doc, line, step)
            if following is None:
                return
            line = following
            a, b = (state.from_u16(p) for p in lines.line_range(line))
            token = self._token_on_line(a, b, state.from_u16(lines.position_at(line, x)), current)
            if token is not None:
                break
        self.view.select_tokens(token, token)
        self._goal = (x, self.view.sel)

    def _token_on_line(self, a: int, b: int, at: int, current: int) -> int | None:
        """The token starting on the line [a, b) under `at` (else the nearest before it, else the first);
        None when no token starts there (a line holding only the tail of a wrapped token is passed over)."""
        tokens = self.open_state.tokens
        first = token_index_at(tokens, a)
        if first < len(tokens) and tokens[first][0] < a:  # wrapped here from the line before
            first += 1
        last = min(token_index_at(tokens, b), len(tokens) - 1)  # the one holding b may start here and wrap on
        starting = [i for i in range(first, last + 1) if tokens[i][0] < b and i != current]
        before = [i for i in starting if tokens[i][0] <= at]
        return before[-1] if before else (starting[0] if starting else None)

    def first_token(self) -> None:
        """The first token."""
        if self.ready():
            self.view.select_tokens(0, 0)

    def last_token(self) -> None:
        """The last token."""
        if self.ready():
            last = len(self.open_state.tokens) - 1
            self.view.select_tokens(last, last)

    def next_suggestion(self) -> None:
        """Select the next suggestion (wrapping around)."""
        self.to_suggestion(backwards=False)

    def prev_suggestion(self) -> None:
        """Select the previous suggestion."""
        self.to_suggestion(backwards=True)

    def clear_selection(self) -> None:
        """From a span back to the token cursor."""
        if self.ready():
            token = self.open_state.token_at(self.view.sel[0])
            self.view.select_tokens(token, token)

    # -- deciding -------------------------------------------------------------------------------
    def accept(self) -> None:
        """Accept the suggestion and go on to the next one."""
        span = self._target(translate("Review", "accept"))
        if span is None:
            return
        if span.state == SpanState.SUGGESTED:
            if self._edit(translate("Review", "Accept {label} {text}").format(label=span.label, text=self._text(span)),
                          lambda: self.project.edits.accept([span.id])):
                self.to_suggestion(backwards=False, after=span)
        else:
            self.to_suggestion(backwards=False, after=span)

    def reject(self) -> None:
        """Reject a suggestion (kept, never suggested again) or delete a span."""
        span = self._target(translate("Review", "reject or delete"))
        if span is None:
            return
        if span.state == SpanState.SUGGESTED:
            if self._edit(translate("Review", "Reject {label} {text}").format(label=span.label, text=self._text(span)),
                          lambda: self.project.edits.reject([span.id])):
                if not self.to_suggestion(backwards=False, after=span):
                    self._cursor_on(span)
            return
        if self._edit(translate("Review", "Delete {label} {text}").format(label=span.label, text=self._text(span)),
                      lambda: self.project.edits.delete_span(span.id)):
            self._cursor_on(span)

    def accept_label(self) -> None:
        """Accept every suggestion with the label of the span under the cursor."""
        span = self._target(translate("Review", "take the label from"))
        if span is not None:
            self.accept_all_label(span.label)

    def accept_all(self) -> None:
        """Accept every entity suggestion in the document (trigger suggestions: Ctrl+Shift+T)."""
        if self.ready():
            state = self.open_state
            doc = state.doc_id
            changes = self._edit(translate("Review", "Accept all entity suggestions"),
                                 lambda: self.project.edits.accept_all(doc),
                                 shown=lambda: foresee.accepting_entities(self.project, state))
            self._say(translate("Review", "accepted all entity suggestions") if changes
                      else translate("Review", "no entity suggestions to accept"))

    def reject_all(self) -> None:
        """Reject every entity and trigger suggestion in the document (a suggested event goes with its trigger):
        for an article whose suggestions are more noise than help."""
        if not self.ready() or not self.session.flush():  # the edit before made first: its suggestions left
            return
        state = self.open_state
        ids = foresee.suggestion_ids(state)
        if not ids:
            self._say(translate("Review", "no suggestions to reject"))
            return
        changes = self._edit(translate("Review", "Reject all suggestions"), lambda: self.project.edits.reject(ids),
                             shown=lambda: foresee.rejecting(state, ids))
        if changes:
            n = len(ids)
            self._say(plural(translate("Review", "rejected %n suggestion(s) · Ctrl+Z brings them back", "", n), n))

    def accept_all_label(self, label: str) -> None:
        """Accept every suggestion of one label."""
        if self.ready():
            state = self.open_state
            doc = state.doc_id
            changes = self._edit(translate("Review", "Accept all {label}").format(label=label),
                                 lambda: self.project.edits.accept_all(doc, label=label),
                                 shown=lambda: foresee.accepting_entities(self.project, state, label=label))
            self._say((translate("Review", "accepted all {label} suggestions") if changes
                       else translate("Review", "no {label} suggestions to accept")).format(label=label))

    def label(self, label: str) -> None:
        """Label the selection; on a span, relabel (or accept) it."""
        if not self.ready():
            return
        span = self._selected_span()
        if span is not None:
            if span.label == label and span.state == SpanState.ACCEPTED:
                self._say(translate("Review", "already {label}").format(label=label))
            elif span.label == label:
                self._edit(translate("Review", "Accept {label} {text}").format(label=label, text=self._text(span)), lambda: self.project.edits.accept([span.id]))
            else:
                self._edit(translate("Review", "Relabel {old} → {new}").format(old=span.label, new=label), lambda: self.project.edits.relabel(span.id, label))
            return
        doc, (start, end) = self.open_state.doc_id, self.view.sel
        changes = self._edit(translate("Review", "Label {label} {text}").format(label=label, text=self.open_state.text[start:end]),
                             lambda: self.project.edits.add_span(doc, start, end, label))
        if changes and changes.created and changes.created[0] in self.open_state.spans:
            self.view.select_span(self.open_state.spans[changes.created[0]])

    def _selected_span(self) -> EntitySpan | None:
        state = self.state
        if state is None:
            return None
        if self.view.current_span is not None:
            span = state.spans.get(self.view.current_span)
            if span is not None and span.is_live and span.kind == SpanKind.ENTITY:
                return span
        return state.exact_span(*self.view.sel)

    # -- resizing -------------------------------------------------------------------------------
    def grow_end(self) -> None:
        """Move the span's end one token to the right."""
        self._resize("end", +1)

    def shrink_end(self) -> None:
        """Move the span's end one token to the left."""
        self._resize("end", -1)

    def grow_start(self) -> None:
        """Move the span's start one token to the left."""
        self._resize("start", -1)

    def shrink_start(self) -> None:
        """Move the span's start one token to the right."""
        self._resize("start", +1)

    def _resize(self, edge: str, step: int) -> None:
        span = self._target(translate("Review", "resize"))
        if span is None:
            return
        bounds = self.open_state.resized(span, edge, step)
        if bounds is None:
            self._say(translate("Review", "the span cannot move that way"), True)
            return
        self.view.current_span = span.id
        self._edit(translate("Review", "Resize {label} {text}").format(label=span.label, text=self._text(span)),
                   lambda: self.project.edits.resize(span.id, *bounds))

    # -- segmentation ---------------------------------------------------------------------------
    def split_token(self, remember: bool = False) -> None:
        """Split the token before the selected character (Alt+→ selects characters)."""
        if not self.ready():
            return
        tokens, (start, end) = self.open_state.tokens, self.view.sel
        at = next((p for p in (start, end) if _inside(tokens, p)), None)
        if at is None:
            self._say(translate("Review", "select a character inside a token first (Alt+→ or Alt+click): "
                                        "the token splits before it"), True)
            return
        i = token_index_at(tokens, at)
        left, right = self.open_state.text[tokens[i][0]:at], self.open_state.text[at:tokens[i][1]]
        doc = self.open_state.doc_id
        steps = [lambda: self.project.edits.split_token(doc, at)]
        if remember:
            steps += [partial(self.project.edits.remember_word, w) for w in (left, right) if len(w) > 1]
        if self._edit(translate("Review", "Split {left}|{right}").format(left=left, right=right), *steps):
            token = self.open_state.token_at(at)
            self.view.select_tokens(token, token)

    def split_remember(self) -> None:
        """Split, and add both words to the project's dictionary."""
        self.split_token(remember=True)

    def merge_tokens(self, remember: bool = False) -> None:
        """Merge the token with the next one, or all the selected tokens into one."""
        if not self.ready():
            return
        first, last = self._sel_tokens()
        if first == last:
            last = first + 1
        tokens = self.open_state.tokens
        if last >= len(tokens):
            self._say(translate("Review", "the last token has nothing to merge with"), True)
            return
        word = self.open_state.text[tokens[first][0]:tokens[last][1]]
        if "\n" in word:
            self._say(translate("Review", "tokens on different lines cannot be merged"), True)
            return
        doc = self.open_state.doc_id
        steps = [lambda: self.project.edits.merge_tokens(doc, first)] * (last - first)
        if remember:
            steps.append(lambda: self.project.edits.remember_word(word))
        if self._edit(translate("Review", "Merge {word}").format(word=word), *steps):
            self.view.select_tokens(first, first)
            if remember:
                self._say(translate("Review", "merged; 「{word}」 is in the project dictionary").format(word=word))

    def merge_remember(self) -> None:
        """Merge, and add the word to the project's dictionary."""
        self.merge_tokens(remember=True)

    def copy(self) -> None:
        """Copy the selected text."""
        if self.ready():
            QApplication.clipboard().setText(self.view.selected_text())

    # -- helpers --------------------------------------------------------------------------------
    def _sel_tokens(self) -> tuple[int, int]:
        return self.open_state.tokens_in(*self.view.sel)

    def _target(self, what: str) -> EntitySpan | None:
        if not self.ready():
            return None
        span = self.page.target_span()
        if span is None:
            self._say(translate("Review", "no span here to {what} · Tab selects the next suggestion").format(what=what), True)
        return span

    def _cursor_on(self, span: EntitySpan) -> None:
        first, last = self.open_state.tokens_in(span.start, span.end)
        self.view.select_tokens(first, last)


def _inside(tokens: Sequence[Token], offset: int) -> bool:
    i = token_index_at(tokens, offset)
    return i < len(tokens) and tokens[i][0] < offset < tokens[i][1]
