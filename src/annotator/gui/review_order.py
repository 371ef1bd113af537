"""Review → Next document in file order / Next document: most informative first: the order the next document
to review follows, remembered in the project (service/review_order.py)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from annotator.gui.i18n import QT_TRANSLATE_NOOP, translate
from annotator.gui.keys import WINDOW, Binding
from annotator.service.review_order import FILE, INFORMATIVE

if TYPE_CHECKING:
    from annotator.gui.window import MainWindow

BINDINGS = {
    FILE: Binding("order_file", QT_TRANSLATE_NOOP("Keys", "Next document in file order"), (), "Review", WINDOW,
                  group="Documents"),
    INFORMATIVE: Binding("order_informative", QT_TRANSLATE_NOOP("Keys", "Next document: most informative first"),
                         (), "Review", WINDOW, group="Documents"),
}


def install(window: MainWindow) -> None:
    """Add the two choices to the Review menu, checked as the open project's choice is."""
    for order, binding in BINDINGS.items():
        window.checks[binding.action] = partial(is_chosen, window, order)
        window.add_binding(binding, partial(choose, window, order))


def is_chosen(window: MainWindow, order: str) -> bool:
    """Whether `order` is the open project's choice."""
    return chosen(window) == order


def chosen(window: MainWindow) -> str | None:
    """The open project's order (None with no project open)."""
    return window.session.project.order.chosen if window.session is not None else None


def choose(window: MainWindow, order: str) -> None:
    """Remember `order` for the open project and say what the next document will be."""
    if window.session is None:
        return
    window.session.project.order.choose(order)
    window.rebuild_menus()
    window.say(translate("ReviewOrder", "the next document to review: the one the model would learn most from")
               if order == INFORMATIVE else translate("ReviewOrder", "the next document to review: in file order"))
