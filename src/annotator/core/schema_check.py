"""Every field of a schema checked, naming the file and the field: types, keys, colours, hotkeys, mappings.

Run on a schema's dict form before it is built (types), and on the built schema (values), so a schema
file, an import and the editor all refuse the same things, and what is kept can always be written back.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from annotator.core.errors import SchemaError

if TYPE_CHECKING:
    from annotator.core.schema import EntityLabel, EventType, Schema

_TEXT = "a text (a string)"
_LABEL_FIELDS: dict[str, type] = {"key": str, "name": str, "name_zh": str, "color": str, "hotkey": str}
_EVENT_FIELDS: dict[str, type] = {**_LABEL_FIELDS, "triggers": list, "roles": list}
_ROLE_FIELDS: dict[str, type] = {"name": str, "name_zh": str, "labels": list, "cardinality": str}
_TOP_FIELDS: dict[str, type] = {"name": str, "description": str, "allow_crossing": bool, "labels": list, "events": list,
               "prelabel": dict}
_KIND = {str: _TEXT, list: "a list", dict: "a table", bool: "true or false"}

# Keys the article view answers to on their own (gui/keys.py BINDINGS; tests/core/test_schema_check.py keeps
# the two in step): a label or event type may not take one of them.
RESERVED_KEYS = frozenset({
    "A", "Alt+Left", "Alt+Right", "Alt+Shift+Left", "Alt+Shift+Right", "Backspace", "Ctrl++", "Ctrl+-", "Ctrl+0",
    "Ctrl+=", "Ctrl+B", "Ctrl+C", "Ctrl+E", "Ctrl+End", "Ctrl+Enter", "Ctrl+F", "Ctrl+Home", "Ctrl+I", "Ctrl+K",
    "Ctrl+L", "Ctrl+Left", "Ctrl+N", "Ctrl+O", "Ctrl+PgDown", "Ctrl+PgUp", "Ctrl+Q", "Ctrl+Return", "Ctrl+Right",
    "Ctrl+Shift+A", "Ctrl+Shift+F", "Ctrl+Shift+I", "Ctrl+Shift+Left", "Ctrl+Shift+Enter", "Ctrl+Shift+Return",
    "Ctrl+Shift+Right",
    "Ctrl+Shift+T", "Ctrl+Shift+X", "Ctrl+Shift+Z", "Ctrl+W", "Ctrl+Y", "Ctrl+Z", "Delete", "Down", "E", "End", "Enter", "Escape", "F1", "F3",
    "Home", "Left", "M", "R", "Return", "Right", "S", "Shift+Left", "Shift+M", "Shift+R", "Shift+Right", "Shift+S",
    "Shift+Tab", "Space", "Tab", "Up", "X", "[", "]",
})
_MODIFIERS = ("Ctrl", "Alt", "Shift", "Meta")
_KEY = re.compile(r"[A-Z0-9]|F(?:[1-9]|[12][0-9]|3[0-5])|[!-/:-@\[-`{-~]")
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
# The SVG colour names, which Qt, browsers and brat all understand.
COLOR_NAMES = frozenset("""
aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood
cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray
darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue
firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray grey green greenyellow honeydew
hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue
lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine
mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise
mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange
orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum
powderblue purple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue
slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white
whitesmoke yellow yellowgreen
""".split())


def check_fields(data: Any, *, path: str) -> None:
    """Refuse a schema dict whose fields have the wrong type, naming the field (e.g. labels[3].hotkey)."""
    if not isinstance(data, dict):
        raise SchemaError("a schema must be a table of fields", path=path)
    _fields(data, _TOP_FIELDS, "", path)
    for i, label in enumerate(data.get("labels", [])):
        _fields(label, _LABEL_FIELDS, f"labels[{i + 1}]", path)
    for i, event in enumerate(data.get("events", [])):
        where = f"events[{i + 1}]"
        _fields(event, _EVENT_FIELDS, where, path)
        _texts(event.get("triggers", []), f"{where}.triggers", path)
        for j, role in enumerate(event.get("roles", [])):
            _fields(role, _ROLE_FIELDS, f"{where}.roles[{j + 1}]", path)
            _texts(role.get("labels", []), f"{where}.roles[{j + 1}].labels", path)
    for engine, mapping in data.get("prelabel", {}).items():
        if not isinstance(mapping, dict):
            raise SchemaError(f"prelabel.{engine} must be a table (tag = \"LABEL\"), not {_what(mapping)}", path=path)
        for tag, label in mapping.items():
            if not isinstance(label, str):
                raise SchemaError(f"prelabel.{engine}.{tag} must be {_TEXT}, not {_what(label)}", path=path)


def texts_as_text(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of a stored schema dict whose scalar text fields are text (a stored `hotkey = 7` becomes "7")."""
    def fix(item: Any, wanted: dict[str, type]) -> Any:
        if not isinstance(item, dict):
            return item
        return {k: str(v) if wanted.get(k) is str and isinstance(v, int | float) and not isinstance(v, bool) else v
                for k, v in item.items()}

    out = fix(data, _TOP_FIELDS)
    out["labels"] = [fix(lab, _LABEL_FIELDS) for lab in data.get("labels", [])]
    out["events"] = [{**fix(ev, _EVENT_FIELDS), "roles": [fix(r, _ROLE_FIELDS) for r in ev.get("roles", [])]}
                     if isinstance(ev, dict) else ev for ev in data.get("events", [])]
    return out


def _fields(item: Any, wanted: dict[str, type], where: str, path: str) -> None:
    if not isinstance(item, dict):
        raise SchemaError(f"{where} must be a table of fields, not {_what(item)}", path=path)
    for name, kind in wanted.items():
        accepted = (list, tuple) if kind is list else kind  # the dict form of a built schema holds tuples
        if name in item and not (isinstance(item[name], accepted) and (kind is bool or not isinstance(item[name], bool))):
            field = f"{where}.{name}" if where else name
            raise SchemaError(f"{field} must be {_KIND[kind]}, not {_what(item[name])}", path=path)


def _texts(values: list[Any], where: str, path: str) -> None:
    for k, value in enumerate(values):
        if not isinstance(value, str):
            raise SchemaError(f"{where}[{k + 1}] must be {_TEXT}, not {_what(value)}", path=path)


def _what(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a table",
             str: "a text"}
    shown = repr(value)
    return f"{names.get(type(value), type(value).__name__)} {shown[:40]}"


def check_values(schema: Schema, *, path: str) -> None:
    """Refuse what the schema could not keep or use: bad keys, names, colours, hotkeys, duplicates, mappings."""
    keys = [lab.key for lab in schema.labels]
    if not keys:
        raise SchemaError("a schema needs at least one entity label", path=path)
    kinds: tuple[tuple[str, tuple[EntityLabel | EventType, ...]], ...] = (
        ("label", schema.labels), ("event type", schema.event_types))
    for kind, items in kinds:
        for item in items:
            _check_key(item.key, f"{kind} {shown_key(item.key)}", path)
            if not is_colour(item.color):
                raise SchemaError(f"{kind} {item.key}: colour {item.color!r} is not #rgb, #rrggbb or a colour name "
                                  "(e.g. teal)", path=path)
            if item.hotkey:
                _check_hotkey(item.hotkey, f"{kind} {item.key}", path)
    hotkeys = [normal_hotkey(x.hotkey) for x in kinds[0][1] + kinds[1][1] if x.hotkey]
    for kind, seq in (("label", keys), ("event type", [e.key for e in schema.event_types]), ("hotkey", hotkeys)):
        refuse_duplicates(kind, seq, path=path)
    for ev in schema.event_types:
        for role in ev.roles:
            _check_key(role.name, f"event type {shown_key(ev.key)}: role {shown_key(role.name)}", path)
    known = set(keys)
    for engine, mapping in schema.prelabel.items():
        unknown = sorted({label for label in mapping.values() if label not in known})
        if unknown:
            raise SchemaError(f"prelabel.{engine} maps to unknown label(s) {', '.join(unknown)}", path=path,
                              hint=f"the schema's labels are {', '.join(keys[:20])}")


def refuse_duplicates(kind: str, seq: Iterable[str], *, path: str) -> None:
    """Refuse a kind of key given twice (in linear time: schemas may hold tens of thousands of labels)."""
    dupes = sorted(k for k, n in Counter(seq).items() if n > 1)
    if dupes:
        raise SchemaError(f"duplicate {kind} {', '.join(dupes[:20])}", path=path)


MAX_KEY_CHARS = 200  # a label, event type or role is a name, not a text (a 10,000-character one was taken)


def key_problem(key: str) -> str | None:
    """Why `key` cannot be a label, event type or role key, or None when it can."""
    if not key.strip():
        return "a key cannot be empty or blank"
    if len(key) > MAX_KEY_CHARS:
        return f"a key cannot be longer than {MAX_KEY_CHARS} characters (this one has {len(key):,})"
    bad = [ch for ch in key if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")]
    if bad:
        return f"a key cannot hold control characters or line breaks (found {bad[0]!r})"
    return None


def shown_key(key: str, *, most: int = 40) -> str:
    """A key as a message shows it: quoted with its control characters escaped, cut short when long."""
    return repr(key if len(key) <= most else key[:most] + "…")


def _check_key(key: str, what: str, path: str) -> None:
    if not key.strip():
        raise SchemaError(f"{what} has no key", path=path)
    problem = key_problem(key)
    if problem:
        raise SchemaError(f"{what}: {problem}", path=path)


def is_colour(text: str) -> bool:
    """True for #rgb, #rrggbb or an SVG colour name."""
    return bool(_HEX.fullmatch(text)) or text.lower() in COLOR_NAMES


_NAMED_KEYS = {k.lower(): k for k in ("Space", "Return", "Enter", "Delete", "Backspace", "Tab", "Escape", "Left",
                                       "Right", "Up", "Down", "Home", "End", "PgUp", "PgDown")}


def _split(text: str) -> tuple[list[str], str]:
    """(modifiers, key) of a hotkey as typed; "Ctrl++" is Ctrl with the plus key."""
    text = text.strip()
    if text.endswith("++") or text == "+":
        head, key = text[:-2] if text != "+" else "", "+"
        mods = [m for m in head.split("+") if m] if head else []
        return [m.strip() for m in mods], key
    *mods, key = text.split("+")
    return [m.strip() for m in mods], key.strip()


def normal_hotkey(text: str) -> str:
    """A hotkey spelled one way: modifiers in Qt's order and case, a letter upper-case ("ctrl+k" -> "Ctrl+K")."""
    mods, key = _split(text)
    order = {m: i for i, m in enumerate(_MODIFIERS)}
    mods = sorted({m.capitalize() for m in mods}, key=lambda m: order.get(m, len(order)))
    if len(key) == 1:
        key = key.upper()
    elif key.lower() in _NAMED_KEYS:
        key = _NAMED_KEYS[key.lower()]
    elif re.fullmatch(r"[fF]\d+", key):
        key = key.upper()
    return "+".join([*mods, key])


def _check_hotkey(hotkey: str, what: str, path: str) -> None:
    normal = normal_hotkey(hotkey)
    if normal in RESERVED_KEYS:
        raise SchemaError(f"{what}: hotkey {hotkey!r} is one of the window's own keys", path=path,
                          hint="the window's keys are listed under Help → Keyboard shortcuts; choose another")
    mods, key = _split(normal)
    if not _KEY.fullmatch(key) or any(m not in _MODIFIERS for m in mods):
        raise SchemaError(f"{what}: hotkey {hotkey!r} is not a single key (a letter, digit, sign or F1–F35, "
                          "with Ctrl/Alt/Shift if wanted)", path=path)
