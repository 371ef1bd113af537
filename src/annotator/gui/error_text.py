"""Errors in the interface language.

The store and the readers raise English reasons (the CLI prints them as they are). The window matches a reason,
and its hint, against the templates below and says it in the interface language; the values a template names
(a size, a holder, a nested reason) are kept, and are themselves said again when one is a known reason. A reason
without a template keeps its English inside a translated frame, so the file and the line are still said.
"""

from __future__ import annotations

import re
from functools import cache

from annotator.core.errors import AnnotatorError
from annotator.gui.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "Errors"
# What the store says of a project file (store/files.py, lock.py, database.py, guarded.py) and the readers of
# the most common import failures; the same words as the code that raises them (tests/gui/test_error_text.py
# raises each and checks it is said in Chinese).
REASONS = (
    QT_TRANSLATE_NOOP("Errors", "no such project file"),
    QT_TRANSLATE_NOOP("Errors", "is a folder, not a project file"),
    QT_TRANSLATE_NOOP("Errors", "cannot read the project file: {reason}"),
    QT_TRANSLATE_NOOP("Errors", "the project file is empty (0 bytes)"),
    QT_TRANSLATE_NOOP("Errors", "the project file is truncated ({size} bytes)"),
    QT_TRANSLATE_NOOP("Errors", "the project file is truncated ({size} bytes, expected {expected})"),
    QT_TRANSLATE_NOOP("Errors", "not an annotator project (not an SQLite file)"),
    QT_TRANSLATE_NOOP("Errors", "not an annotator project (no project tables)"),
    QT_TRANSLATE_NOOP("Errors", "not an annotator project (no schema version)"),
    QT_TRANSLATE_NOOP("Errors", "the project file's header is damaged (page size {size})"),
    QT_TRANSLATE_NOOP("Errors", "made by a newer version of annotator (schema {found} with {names}; "
                                "this version knows schema {known})"),
    QT_TRANSLATE_NOOP("Errors", "cannot open the project file ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "the project file is damaged (structure check: {detail})"),
    QT_TRANSLATE_NOOP("Errors", "the project file is damaged ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "cannot save a copy before upgrading ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "the disk is full ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "the project file cannot be written ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "cannot create the lock file: {reason}"),
    QT_TRANSLATE_NOOP("Errors", "the project is open for writing by {holder}"),
    QT_TRANSLATE_NOOP("Errors", "cannot lock the project for writing: {reason}"),
    QT_TRANSLATE_NOOP("Errors", "cannot take the writer lock: {reason}"),
    QT_TRANSLATE_NOOP("Errors", "the project is already open for writing in this process as {path}"),
    QT_TRANSLATE_NOOP("Errors", "the project is open for writing by another process, through another name of "
                                "the same file (a hard link or a renamed file)"),
    QT_TRANSLATE_NOOP("Errors", "a file of that name already exists"),
    QT_TRANSLATE_NOOP("Errors", "cannot make the folder for it: {reason}"),
    QT_TRANSLATE_NOOP("Errors", "cannot create the project file ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "needs upgrading from schema {old} to {new} but is open read-only ({why})"),
    QT_TRANSLATE_NOOP("Errors", "upgrading to schema {version} failed ({detail}); the file is unchanged"),
    QT_TRANSLATE_NOOP("Errors", "the change could not be saved ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "the project is read-only ({why}); the change was not saved"),
    # Why a retraining round could not run (service/training.py too_few, event_training.py events_too_few).
    QT_TRANSLATE_NOOP("Errors", "the model learns only from {needed} or more reviewed documents, {held} of them held "
                                "out to check that a new model is clearly better; the project has {reviewed} reviewed "
                                "({held_out} held out): review about {more} more"),
    QT_TRANSLATE_NOOP("Errors", "the event model learns only from {needed} or more reviewed documents with events "
                                "({held} of them held out) and {events_needed} or more events; the project has "
                                "{documents} ({held_out} held out, {events} events learned from): review the events "
                                "of about {more} more documents"),
    QT_TRANSLATE_NOOP("Errors", "the event model learns only from {needed} or more reviewed documents with events "
                                "({held} of them held out) and {events_needed} or more events; the project has "
                                "{documents} ({held_out} held out, {events} events learned from): review more events"),
    # Why a project is read-only (store/files.py read_only_reason, database.ASKED).
    QT_TRANSLATE_NOOP("Errors", "the file is read-only"),
    QT_TRANSLATE_NOOP("Errors", "its folder is read-only"),
    QT_TRANSLATE_NOOP("Errors", "opened read-only"),  # database.ASKED (Project.readonly_asked)
    QT_TRANSLATE_NOOP("Errors", "the file has {count} names (hard links), and writing through more than one would "
                                "lose work; copy it (cp) to make a project of its own, or remove the other names"),
    # A schema (core/schema_check.py) that the schema dialog's own checks let through.
    QT_TRANSLATE_NOOP("Errors", "a schema needs at least one entity label"),
    QT_TRANSLATE_NOOP("Errors", "duplicate label {keys}"),
    QT_TRANSLATE_NOOP("Errors", "duplicate event type {keys}"),
    QT_TRANSLATE_NOOP("Errors", "duplicate hotkey {keys}"),
    # Merging an annotator's work (service/team.py).
    QT_TRANSLATE_NOOP("Errors", "the project file names no annotator"),
    QT_TRANSLATE_NOOP("Errors", "an export does not say whose work it is"),
    QT_TRANSLATE_NOOP("Errors", "{where}: the project has no document with this text; nothing of this file was "
                                "merged"),
    QT_TRANSLATE_NOOP("Errors", "{where}: its text differs from the project's document {id}; nothing of this file "
                                "was merged"),
    QT_TRANSLATE_NOOP("Errors", "is an older copy of {name}'s file than the one merged before from {file}: {count} of "
                                "its document(s) were edited there later (document {id} last edited {here} in this "
                                "file, {there} in that one); nothing of this file was merged"),
    # Rows, tables, logs and models of a project file changed outside annotator (store/unreadable.py, files.py,
    # service/saved_models.py), and limits the environment sets (store/guarded.py).
    QT_TRANSLATE_NOOP("Errors", "{where}: its offsets [{start}, {end}) are not a range of the text ({length} "
                                "characters)"),
    QT_TRANSLATE_NOOP("Errors", "{where}: its {column} {value} is none this version knows ({known})"),
    QT_TRANSLATE_NOOP("Errors", "{where}: its trigger is span {span}, which the document does not have"),
    QT_TRANSLATE_NOOP("Errors", "{where}: its {role} argument is span {span}, which the document does not have"),
    QT_TRANSLATE_NOOP("Errors", "{where}: it has an argument of event {event}, which the document does not have"),
    QT_TRANSLATE_NOOP("Errors", "{where}: its tokens run to {end}, past its text ({length} characters)"),
    QT_TRANSLATE_NOOP("Errors", "{where}: not readable JSON ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "it has no table {table}, which every project of schema {version} has"),
    QT_TRANSLATE_NOOP("Errors", "its table {table} has no column {columns}, which every project of schema {version} "
                                "has"),
    QT_TRANSLATE_NOOP("Errors", "the log beside it ({name}) does not belong to it: read with it, the file is not a "
                                "project ({reason})"),
    QT_TRANSLATE_NOOP("Errors", "its entity model is not readable: {detail}"),
    QT_TRANSLATE_NOOP("Errors", "its event model is not readable: {detail}"),
    QT_TRANSLATE_NOOP("Errors", "the file has reached this process's limit on a file's size ({limit} bytes, "
                                "ulimit -f) ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "cannot make the app's data folder: {reason}"),
    # Reading files to import.
    QT_TRANSLATE_NOOP("Errors", "no such file or folder"),
    QT_TRANSLATE_NOOP("Errors", "the file is empty"),
    QT_TRANSLATE_NOOP("Errors", "the file holds no documents"),
    QT_TRANSLATE_NOOP("Errors", "the file has no text"),
    QT_TRANSLATE_NOOP("Errors", "this is a binary file (it contains NUL bytes), not text"),
    QT_TRANSLATE_NOOP("Errors", "this is an annotator project (an SQLite file), not a file to import"),
    QT_TRANSLATE_NOOP("Errors", "this is a TOML file (a schema?), not articles or annotations"),
    QT_TRANSLATE_NOOP("Errors", "this is a binary file (it contains NUL characters), not text"),
    QT_TRANSLATE_NOOP("Errors", "cannot decode the file as UTF-8, UTF-16, GB18030/GBK or Big5"),
    QT_TRANSLATE_NOOP("Errors", "not valid JSON: {detail}"),
    QT_TRANSLATE_NOOP("Errors", "cannot read: {reason}"),
    QT_TRANSLATE_NOOP("Errors", "is larger ({size}) than an input may be ({limit})"),
    # What a reader refuses (core/formats, core/limits.py, core/encoding.py, service/import_read.py): the reasons an
    # import of real files and of the hostile inputs' tests meets (tests/gui/test_import_text.py reads them).
    QT_TRANSLATE_NOOP("Errors", "document not imported: {message}"),
    QT_TRANSLATE_NOOP("Errors", "no document could be read ({count}); the first: {message}"),
    QT_TRANSLATE_NOOP("Errors", "unknown format {name}"),
    QT_TRANSLATE_NOOP("Errors", "the file holds no documents ({format})"),
    QT_TRANSLATE_NOOP("Errors", "the file is one JSON array, not JSON lines (one record, a JSON object, a line)"),
    QT_TRANSLATE_NOOP("Errors", "the file is one JSON object written over many lines, not JSON lines (one record "
                                "a line)"),
    QT_TRANSLATE_NOOP("Errors", "not usable JSON: nested too deeply"),
    QT_TRANSLATE_NOOP("Errors", "not usable JSON: {detail}"),
    QT_TRANSLATE_NOOP("Errors", "a record must be a JSON object, not {kind}"),
    QT_TRANSLATE_NOOP("Errors", "not UTF-8 (byte {byte})"),
    QT_TRANSLATE_NOOP("Errors", "not UTF-8 (byte {byte}), though the lines before it are"),
    QT_TRANSLATE_NOOP("Errors", "not UTF-8 (byte {byte}), though the lines before it are, and the file is not "
                                "GB18030/GBK or Big5 either"),
    QT_TRANSLATE_NOOP("Errors", "the file is {encoding} (it starts with a {encoding} byte-order mark); JSON lines "
                                "are UTF-8"),
    QT_TRANSLATE_NOOP("Errors", "the schema {name} lacks {what} (first at line {line})"),
    QT_TRANSLATE_NOOP("Errors", "unknown label {key}"),
    QT_TRANSLATE_NOOP("Errors", "unknown event type {key}"),
    QT_TRANSLATE_NOOP("Errors", "the record's annotation fields ({fields}) fit no format annotator reads"),
    QT_TRANSLATE_NOOP("Errors", "this record looks like {format} but line {line} looks like {other}"),
    QT_TRANSLATE_NOOP("Errors", "the record's annotations are in {other} fields ({fields}), which {format} does not "
                                "read"),
    QT_TRANSLATE_NOOP("Errors", "the record's {fields} field holds annotations {format} does not read (it reads "
                                "{reads})"),
    QT_TRANSLATE_NOOP("Errors", "the record has both {one} and {other}: which holds its spans is not known"),
    QT_TRANSLATE_NOOP("Errors", "the record has no text"),
    QT_TRANSLATE_NOOP("Errors", "the record's text is blank"),
    QT_TRANSLATE_NOOP("Errors", "the record's text must be a string, not {kind}"),
    QT_TRANSLATE_NOOP("Errors", "the text holds a NUL character at offset {offset}"),
    QT_TRANSLATE_NOOP("Errors", "the text has a lone UTF-16 surrogate at offset {offset}"),
    QT_TRANSLATE_NOOP("Errors", "the record's {field} holds a lone UTF-16 surrogate"),
    QT_TRANSLATE_NOOP("Errors", "the text is {count} characters long; a document may hold at most {most}"),
    QT_TRANSLATE_NOOP("Errors", "the record holds {count} annotations; a document may hold at most {most}"),
    QT_TRANSLATE_NOOP("Errors", "pre-highlighting gave the document {count} annotations; a document may hold at "
                                "most {most}"),
    QT_TRANSLATE_NOOP("Errors", "document {id}: pre-highlighting would give it {count} annotations; a document may "
                                "hold at most {most}"),
    QT_TRANSLATE_NOOP("Errors", "the line is longer than {size} MB; a line may hold at most that"),
    QT_TRANSLATE_NOOP("Errors", "is {kind}, not a regular file; only files and folders are read"),
    QT_TRANSLATE_NOOP("Errors", "the zip file is damaged or unreadable ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "not a brat folder or zip file"),
    QT_TRANSLATE_NOOP("Errors", "unknown encoding {encoding}"),
    QT_TRANSLATE_NOOP("Errors", "not valid {encoding} at byte {byte}"),
    QT_TRANSLATE_NOOP("Errors", "the file has no tokens"),
    # ... and what they say of one annotation (an entity's, a span's, an event's part, then the problem).
    QT_TRANSLATE_NOOP("Errors", "entity {item}: {problem}"),
    QT_TRANSLATE_NOOP("Errors", "label {item}: {problem}"),
    QT_TRANSLATE_NOOP("Errors", "span {item}: {problem}"),
    QT_TRANSLATE_NOOP("Errors", "token {item}: {problem}"),
    QT_TRANSLATE_NOOP("Errors", "event {item}: {problem}"),
    QT_TRANSLATE_NOOP("Errors", "event {item} trigger: {problem}"),
    QT_TRANSLATE_NOOP("Errors", "event {item} argument {argument}: {problem}"),
    QT_TRANSLATE_NOOP("Errors", "event type {item}: {problem}"),
    QT_TRANSLATE_NOOP("Errors", "role {item}: {problem}"),
    QT_TRANSLATE_NOOP("Errors", "offsets must be integers"),
    QT_TRANSLATE_NOOP("Errors", "offsets must be integers, got {start}, {end}"),
    QT_TRANSLATE_NOOP("Errors", "span [{start}, {end}) is outside the text (length {length})"),
    QT_TRANSLATE_NOOP("Errors", "[{start}, {end}) is not a range inside the text (length {length})"),
    QT_TRANSLATE_NOOP("Errors", "span [{start}, {end}) {label} cuts {letter} at offset {offset}, between a letter and "
                                "its accent: the offsets look counted on the composed (NFC) form of this decomposed "
                                "(NFD) text"),
    QT_TRANSLATE_NOOP("Errors", "would inflate {stored} stored bytes to {size}, more than {ratio} times: a zip bomb"),
    QT_TRANSLATE_NOOP("Errors", "{mention}: [{start}, {end}] is outside the text (length {length}; CLUENER ends are "
                                "inclusive)"),
    QT_TRANSLATE_NOOP("Errors", "{mention}: position {position} is not [start, end]"),
    QT_TRANSLATE_NOOP("Errors", "start must be an integer, got {start}"),
    QT_TRANSLATE_NOOP("Errors", "start {start} is outside the text (length {length})"),
    QT_TRANSLATE_NOOP("Errors", "the text at {start} is {found}, not {words}"),
    QT_TRANSLATE_NOOP("Errors", "entity {id} is not an entity id of this record"),
    QT_TRANSLATE_NOOP("Errors", "entity {item} is not an object with a unique id (an integer or a string)"),
    QT_TRANSLATE_NOOP("Errors", "score must be a finite number of at most 64 bits, not {score}"),
    QT_TRANSLATE_NOOP("Errors", "unknown state {state}"),
    QT_TRANSLATE_NOOP("Errors", "unknown status {status}"),
    QT_TRANSLATE_NOOP("Errors", "{key} must be a list"),
    QT_TRANSLATE_NOOP("Errors", "meta must be an object"),
    QT_TRANSLATE_NOOP("Errors", "{count} tokens for a text of {length} characters"),
    QT_TRANSLATE_NOOP("Errors", "label {key} is not a non-empty string"),
    QT_TRANSLATE_NOOP("Errors", "event type {key} is not a non-empty string"),
    QT_TRANSLATE_NOOP("Errors", "a key cannot be empty or blank"),
    QT_TRANSLATE_NOOP("Errors", "a key cannot be longer than {most} characters (this one has {count})"),
    QT_TRANSLATE_NOOP("Errors", "a key cannot hold control characters or line breaks (found {found})"),
    # brat's and CoNLL's lines
    QT_TRANSLATE_NOOP("Errors", "{id} is not a T or E id (the letter and a number, e.g. T1)"),
    QT_TRANSLATE_NOOP("Errors", "{id} is not a brat annotation line (T, E, R, A, M, N, # or *)"),
    QT_TRANSLATE_NOOP("Errors", "expected T<n><TAB>TYPE START END<TAB>text, got {got}"),
    QT_TRANSLATE_NOOP("Errors", "expected E<n><TAB>TYPE:T<n> ROLE:T<n> …"),
    QT_TRANSLATE_NOOP("Errors", "malformed or duplicate {id} line"),
    QT_TRANSLATE_NOOP("Errors", "{id} is not a T line of this file"),
    QT_TRANSLATE_NOOP("Errors", "trigger {id} is not a T line of this file"),
    QT_TRANSLATE_NOOP("Errors", "{id} is typed {type} but triggers a {other} event"),
    QT_TRANSLATE_NOOP("Errors", "discontinuous spans are not supported (fragments must be separated by line breaks "
                                "only)"),
    QT_TRANSLATE_NOOP("Errors", "the text field {field} is not the text at those offsets ({words})"),
    QT_TRANSLATE_NOOP("Errors", "{name}.txt is missing next to {ann}"),
    QT_TRANSLATE_NOOP("Errors", "{name}: not UTF-8 ({detail})"),
    QT_TRANSLATE_NOOP("Errors", "expected token<TAB>tag, got {got}"),
    QT_TRANSLATE_NOOP("Errors", "{count} columns where the document's first line has {width}"),
    QT_TRANSLATE_NOOP("Errors", "tag {tag} is not O or B-/I-/M-/E-/S-/L-/U- and a label"),
    QT_TRANSLATE_NOOP("Errors", "tag {tag} continues a {label} span that did not begin"),
    QT_TRANSLATE_NOOP("Errors", "the token column is empty"),
    # The environment's bounds set wrongly (core/limits.py); what the native, doccano, Prodigy/spaCy, DuEE, CLUENER
    # and CoNLL readers say of a malformed record or line; a byte-order mark that lies (core/encoding.py); a merge
    # given the wrong file (service/team.py).
    QT_TRANSLATE_NOOP("Errors", "{variable}={value} is not a number"),
    QT_TRANSLATE_NOOP("Errors", "{variable}={value} is not a number of megabytes"),
    QT_TRANSLATE_NOOP("Errors", "{variable}={value} must be more than 0"),
    QT_TRANSLATE_NOOP("Errors", "role must be a non-empty string"),
    QT_TRANSLATE_NOOP("Errors", "role {key} is not a non-empty string"),
    QT_TRANSLATE_NOOP("Errors", "type {key} is not a non-empty string"),
    QT_TRANSLATE_NOOP("Errors", "relation {item}: {problem}"),
    QT_TRANSLATE_NOOP("Errors", "token {item} is neither a string nor an object"),
    QT_TRANSLATE_NOOP("Errors", "title must be a string"),
    QT_TRANSLATE_NOOP("Errors", "unknown origin {origin} (known: {known})"),
    QT_TRANSLATE_NOOP("Errors", "entity {item} is not an object"),
    QT_TRANSLATE_NOOP("Errors", "event {item} is not an object"),
    QT_TRANSLATE_NOOP("Errors", "event {item} argument {argument} is not an object"),
    QT_TRANSLATE_NOOP("Errors", "span {item} is not an object"),
    QT_TRANSLATE_NOOP("Errors", "token {item} is not an object"),
    QT_TRANSLATE_NOOP("Errors", "id {id} is not a unique integer or string"),
    QT_TRANSLATE_NOOP("Errors", "trigger is not an object"),
    QT_TRANSLATE_NOOP("Errors", "offsets differ from those of entity {id}"),
    QT_TRANSLATE_NOOP("Errors", "meta key {key} is reserved"),
    QT_TRANSLATE_NOOP("Errors", "field {key} is given both at the top level and in meta"),
    QT_TRANSLATE_NOOP("Errors", "entities and relations must be lists"),
    QT_TRANSLATE_NOOP("Errors", "label must be a list of [start, end, label]"),
    QT_TRANSLATE_NOOP("Errors", "label {item} is not [start, end, label]"),
    QT_TRANSLATE_NOOP("Errors", "entity {item} is not [start, end, label]"),
    QT_TRANSLATE_NOOP("Errors", "relation {item} does not link two entities of this record"),
    QT_TRANSLATE_NOOP("Errors", "relation {item} has no type"),
    QT_TRANSLATE_NOOP("Errors", "answer {answer} is not one of {answers}"),
    QT_TRANSLATE_NOOP("Errors", "spans must be a list (Prodigy) or an object of span groups (spaCy's Doc.to_json)"),
    QT_TRANSLATE_NOOP("Errors", "the text must be a non-empty string"),
    QT_TRANSLATE_NOOP("Errors", "event {item} argument {argument} is not an object with a role"),
    QT_TRANSLATE_NOOP("Errors", "{words} is not in the text (and no trigger_start_index is given)"),
    QT_TRANSLATE_NOOP("Errors", "{mention}: no positions"),
    QT_TRANSLATE_NOOP("Errors", "label {label}: no mentions"),
    QT_TRANSLATE_NOOP("Errors", "{mention}: [{start}, {end}] covers {found} (CLUENER ends are inclusive)"),
    QT_TRANSLATE_NOOP("Errors", "the token {token} holds whitespace (columns separated by spaces and tabs at once?)"),
    QT_TRANSLATE_NOOP("Errors", "starts with a {encoding} byte-order mark but is not valid {encoding} at byte {byte}"),
    QT_TRANSLATE_NOOP("Errors", "is this project itself; merging it would make its own annotations an annotator's "
                                "layer"),
    QT_TRANSLATE_NOOP("Errors", "is a folder; merge takes annotators' project files or exports, one by one"),
    QT_TRANSLATE_NOOP("Errors", "holds no annotations (article text); merge takes annotators' project files or "
                                "exports"),
    QT_TRANSLATE_NOOP("Errors", "{where}: label {key} is not in the project's schema; nothing of this file was "
                                "merged"),
    QT_TRANSLATE_NOOP("Errors", "{where}: event type {key} is not in the project's schema; nothing of this file was "
                                "merged"),
)
HINTS = (
    QT_TRANSLATE_NOOP("Errors", "create one with `annotator new`"),
    QT_TRANSLATE_NOOP("Errors", "name the .annot file itself"),
    QT_TRANSLATE_NOOP("Errors", "check the file's permissions"),
    QT_TRANSLATE_NOOP("Errors", "restore it from a backup; NAME.annot.bak-vN files beside it are copies made "
                                "before upgrades"),
    QT_TRANSLATE_NOOP("Errors", "open a .annot file made by `annotator new`"),
    QT_TRANSLATE_NOOP("Errors", "the file was changed outside annotator; restore it from a backup; NAME.annot.bak-vN "
                                "files beside it are copies made before upgrades"),
    QT_TRANSLATE_NOOP("Errors", "the file itself is intact and was not changed; move {name} away to open the project "
                                "as last saved"),
    QT_TRANSLATE_NOOP("Errors", "train it again with `annotator train`, or restore the file from a backup"),
    QT_TRANSLATE_NOOP("Errors", "raise the limit and try again; the change was not saved (the project file is "
                                "intact)"),
    QT_TRANSLATE_NOOP("Errors", "set ANNOTATOR_DATA_DIR (or XDG_DATA_HOME) to a folder you can write"),
    QT_TRANSLATE_NOOP("Errors", "upgrade annotator to open it; the file was not changed"),
    QT_TRANSLATE_NOOP("Errors", "free some disk space or make the folder writable; the project was not changed"),
    QT_TRANSLATE_NOOP("Errors", "free some disk space and try again; the change was not saved (the project file "
                                "is intact)"),
    QT_TRANSLATE_NOOP("Errors", "make the file and its folder writable, or open it read-only"),
    QT_TRANSLATE_NOOP("Errors", "free some disk space and try again; the project was not changed"),
    QT_TRANSLATE_NOOP("Errors", "the folder must be writable to edit the project; list, info and export work "
                                "read-only"),
    QT_TRANSLATE_NOOP("Errors", "close it there first; list, info and export still work read-only"),
    QT_TRANSLATE_NOOP("Errors", "copy the project to a local disk to edit it"),
    QT_TRANSLATE_NOOP("Errors", "the folder must be writable"),
    QT_TRANSLATE_NOOP("Errors", "use the window that has it open"),
    QT_TRANSLATE_NOOP("Errors", "choose another name or open it instead"),
    QT_TRANSLATE_NOOP("Errors", "choose a folder you can write to"),
    QT_TRANSLATE_NOOP("Errors", "check that the folder is writable and the disk not full"),
    QT_TRANSLATE_NOOP("Errors", "open it once for writing with this version"),
    QT_TRANSLATE_NOOP("Errors", "make it writable and open it once with this version"),
    QT_TRANSLATE_NOOP("Errors", "keep using the previous version; a copy is in {name}"),
    QT_TRANSLATE_NOOP("Errors", "nothing was changed; try again"),
    QT_TRANSLATE_NOOP("Errors", "close it and open it again for writing"),
    QT_TRANSLATE_NOOP("Errors", "make the file and its folder writable, or work on a copy"),
    QT_TRANSLATE_NOOP("Errors", "check the name and where it is"),
    QT_TRANSLATE_NOOP("Errors", "say whose work it is with --annotator NAME"),
    QT_TRANSLATE_NOOP("Errors", "name the annotator with --annotator NAME"),
    QT_TRANSLATE_NOOP("Errors", "merge work on the documents handed out with `assign`"),
    QT_TRANSLATE_NOOP("Errors", "merge {name}'s newest file; if they have gone back on that work, ask them to edit it "
                                "again in their newest file"),
    # What to do with a file an import refuses.
    QT_TRANSLATE_NOOP("Errors", "if its items are records of a format annotator reads, convert it: jq -c '.[]' "
                                "{path} > new.jsonl (Label Studio's and spaCy v2's JSON are formats of their own, not "
                                "read); nothing was imported"),
    QT_TRANSLATE_NOOP("Errors", "make it one line: jq -c . {path} > new.jsonl"),
    QT_TRANSLATE_NOOP("Errors", "convert it, e.g. from GBK: iconv -f GBK -t UTF-8 {path} > new.jsonl"),
    QT_TRANSLATE_NOOP("Errors", "convert it: iconv -f {encoding} -t UTF-8 {path} > new.jsonl"),
    QT_TRANSLATE_NOOP("Errors", "the line is damaged (cut off, or pasted from another file): fix or remove it"),
    QT_TRANSLATE_NOOP("Errors", "the file mixes encodings (pasted from another file?): convert that part to UTF-8"),
    QT_TRANSLATE_NOOP("Errors", "convert it to UTF-8 or pass --encoding"),
    QT_TRANSLATE_NOOP("Errors", "leave --encoding out to have the encoding detected: UTF-8, UTF-16, GB18030/GBK "
                                "or Big5"),
    QT_TRANSLATE_NOOP("Errors", "merge an annotator's project file with `annotator merge`, or export the project "
                                "and import the export"),
    QT_TRANSLATE_NOOP("Errors", "save it as plain text (.txt) first"),
    QT_TRANSLATE_NOOP("Errors", "a schema file is imported with `annotator schema PROJECT --import FILE`"),
    QT_TRANSLATE_NOOP("Errors", "formats: {names}"),
    QT_TRANSLATE_NOOP("Errors", "import with --extend-schema to add them to the project's schema, or --map OLD=NEW "
                                "to rename them; nothing of this file was imported"),
    QT_TRANSLATE_NOOP("Errors", "import with --extend-schema to add what the schema lacks, or --map OLD=NEW to rename "
                                "it to one it has"),
    QT_TRANSLATE_NOOP("Errors", "give --format ({names}) or convert the file; nothing was imported"),
    QT_TRANSLATE_NOOP("Errors", "one file holds one format; give --format to choose"),
    QT_TRANSLATE_NOOP("Errors", "the file is not JSON lines: if it is in another format, give that --format, or none to "
                                "have it recognised"),
    QT_TRANSLATE_NOOP("Errors", "import with --format {format}, or without --format to tell it from the file"),
    QT_TRANSLATE_NOOP("Errors", "annotator reads native, doccano, doccano-rel, spacy (Prodigy), duee and cluener "
                                "records: convert the file to one of them; nothing was imported"),
    QT_TRANSLATE_NOOP("Errors", "keep one of the two fields; nothing was imported"),
    QT_TRANSLATE_NOOP("Errors", "count the offsets on the text as written (or write the text in the form they were "
                                "counted on); nothing was imported"),
    QT_TRANSLATE_NOOP("Errors", "binary data, not text"),
    QT_TRANSLATE_NOOP("Errors", "the file was written with UTF-16 offsets or broken escapes"),
    QT_TRANSLATE_NOOP("Errors", "split it into several documents, or set {variable} to a larger number"),
    QT_TRANSLATE_NOOP("Errors", "import it with --no-prelabel, or split it into several documents"),
    QT_TRANSLATE_NOOP("Errors", "split it into several documents"),
    QT_TRANSLATE_NOOP("Errors", "set {variable} to a larger number if they are all meant"),
    QT_TRANSLATE_NOOP("Errors", "is it one record? set {variable} to a larger number of megabytes to read it"),
    QT_TRANSLATE_NOOP("Errors", "set {variable} to a larger number of megabytes to read it"),
    QT_TRANSLATE_NOOP("Errors", "a token holding a space or tab?"),
    QT_TRANSLATE_NOOP("Errors", "give {variable} a positive number"),
    QT_TRANSLATE_NOOP("Errors", "give a number of megabytes, e.g. 1024"),
    QT_TRANSLATE_NOOP("Errors", "merge the annotators' files"),
    QT_TRANSLATE_NOOP("Errors", "name each file, e.g. {path}"),
    QT_TRANSLATE_NOOP("Errors", "name the format with --format"),
    QT_TRANSLATE_NOOP("Errors", "is it another project's file? if not, add it to the schema first: `annotator "
                                "schema --import`"),
)
# Advice the command line gives that the window cannot follow (its import has no --extend-schema or --map): said
# in the window as the window's way to do it (the CLI's words stay listed above: they are what is matched).
WINDOW_WORDING = {
    "import with --extend-schema to add them to the project's schema, or --map OLD=NEW to rename them; nothing of "
    "this file was imported": QT_TRANSLATE_NOOP("Errors", "add them to the schema (Edit → Schema…) and import the file "
                                                          "again, or rename them in the file; nothing of this file "
                                                          "was imported"),
    "import with --extend-schema to add what the schema lacks, or --map OLD=NEW to rename it to one it has":
        QT_TRANSLATE_NOOP("Errors", "add it to the schema (Edit → Schema…) and import the file again, or rename it in "
                                    "the file to one the schema has"),
    "convert it to UTF-8 or pass --encoding":
        QT_TRANSLATE_NOOP("Errors", "convert it to UTF-8, or import it with the command line's --encoding"),
    "give --format ({names}) or convert the file; nothing was imported":
        QT_TRANSLATE_NOOP("Errors", "convert the file, or import it with the command line's --format ({names}); "
                                    "nothing was imported"),
    "one file holds one format; give --format to choose":
        QT_TRANSLATE_NOOP("Errors", "one file holds one format; import it with the command line's --format to "
                                    "choose"),
    "name the format with --format": QT_TRANSLATE_NOOP("Errors", "import it with the command line's --format"),
    "import it with --no-prelabel, or split it into several documents":
        QT_TRANSLATE_NOOP("Errors", "split it into several documents, or import it with the command line's "
                                    "--no-prelabel"),
}
# Values a reason names that are words themselves (store/lock.py: who holds the writer lock; service/team.py:
# where a document is).
VALUES = (
    QT_TRANSLATE_NOOP("Errors", "another process"),
    QT_TRANSLATE_NOOP("Errors", "{user} (process {pid} on {host}, since {since})"),
    QT_TRANSLATE_NOOP("Errors", "document {id}"),  # where a merged file's document is (service/team.py)
    # Which row of a project file (store/unreadable.py, database.py).
    QT_TRANSLATE_NOOP("Errors", "document {id}, span {span}"),
    QT_TRANSLATE_NOOP("Errors", "document {id}, event {event}"),
    QT_TRANSLATE_NOOP("Errors", "document {id}, an argument of event {event}"),
    QT_TRANSLATE_NOOP("Errors", "its setting {key}"),
    QT_TRANSLATE_NOOP("Errors", "line {line}"),
    QT_TRANSLATE_NOOP("Errors", "field {name}"),  # a record's field (core/formats/__init__.py check_whole_code_points)
    # What a file or a JSON value is (core/limits.py file_kind, core/formats/native.py json_kind); what a schema lacks.
    QT_TRANSLATE_NOOP("Errors", "a folder"),
    QT_TRANSLATE_NOOP("Errors", "a character device"),
    QT_TRANSLATE_NOOP("Errors", "a block device"),
    QT_TRANSLATE_NOOP("Errors", "a FIFO (named pipe)"),
    QT_TRANSLATE_NOOP("Errors", "a socket"),
    QT_TRANSLATE_NOOP("Errors", "true or false"),
    QT_TRANSLATE_NOOP("Errors", "a number"),
    QT_TRANSLATE_NOOP("Errors", "a list"),
    QT_TRANSLATE_NOOP("Errors", "an object"),
    QT_TRANSLATE_NOOP("Errors", "label(s) {labels}"),
    QT_TRANSLATE_NOOP("Errors", "event type(s) {types}"),
    QT_TRANSLATE_NOOP("Errors", "label(s) {labels} and event type(s) {types}"),
    # What Python's JSON reader says is wrong with a line (the detail of "not valid JSON: {detail}"), and the type of
    # a JSON value a record must not be.
    QT_TRANSLATE_NOOP("Errors", "{detail} at column {column}"),
    QT_TRANSLATE_NOOP("Errors", "Expecting value"),
    QT_TRANSLATE_NOOP("Errors", "Expecting property name enclosed in double quotes"),
    QT_TRANSLATE_NOOP("Errors", "Expecting ',' delimiter"),
    QT_TRANSLATE_NOOP("Errors", "Expecting ':' delimiter"),
    QT_TRANSLATE_NOOP("Errors", "Unterminated string starting at"),
    QT_TRANSLATE_NOOP("Errors", "Invalid control character at"),
    QT_TRANSLATE_NOOP("Errors", "Invalid \\escape"),
    QT_TRANSLATE_NOOP("Errors", "Extra data"),
    QT_TRANSLATE_NOOP("Errors", "Unexpected UTF-8 BOM (decode using utf-8-sig)"),
    QT_TRANSLATE_NOOP("Errors", "NoneType"),
    QT_TRANSLATE_NOOP("Errors", "bool"),
    QT_TRANSLATE_NOOP("Errors", "int"),
    QT_TRANSLATE_NOOP("Errors", "float"),
    QT_TRANSLATE_NOOP("Errors", "str"),
    QT_TRANSLATE_NOOP("Errors", "list"),
    # Python's own words inside a reason (the detail of "not usable JSON", "not UTF-8", "the zip file is damaged",
    # "cannot read"): its integer bound, the codec's, zipfile's and zlib's reasons, the system's for a file.
    QT_TRANSLATE_NOOP("Errors", "Exceeds the limit ({limit} digits) for integer string conversion: value has "
                                "{digits} digits; use sys.set_int_max_str_digits() to increase the limit"),
    QT_TRANSLATE_NOOP("Errors", "Exceeds the limit ({limit} digits) for integer string conversion; use "
                                "sys.set_int_max_str_digits() to increase the limit"),
    QT_TRANSLATE_NOOP("Errors", "invalid start byte"),
    QT_TRANSLATE_NOOP("Errors", "invalid continuation byte"),
    QT_TRANSLATE_NOOP("Errors", "unexpected end of data"),
    QT_TRANSLATE_NOOP("Errors", "Bad CRC-32 for file {name}"),
    QT_TRANSLATE_NOOP("Errors", "File is not a zip file"),
    QT_TRANSLATE_NOOP("Errors", "Bad magic number for file header"),
    QT_TRANSLATE_NOOP("Errors", "Bad magic number for central directory"),
    QT_TRANSLATE_NOOP("Errors", "Truncated file header"),
    QT_TRANSLATE_NOOP("Errors", "Truncated central directory"),
    QT_TRANSLATE_NOOP("Errors", "zipfiles that span multiple disks are not supported"),
    QT_TRANSLATE_NOOP("Errors", "That compression method is not supported"),
    QT_TRANSLATE_NOOP("Errors", "File {name} is encrypted, password required for extraction"),
    QT_TRANSLATE_NOOP("Errors", "Overlapped entries: {name} (possible zip bomb)"),
    QT_TRANSLATE_NOOP("Errors", "Error {code} while decompressing data: {detail}"),
    QT_TRANSLATE_NOOP("Errors", "invalid stored block lengths"),
    QT_TRANSLATE_NOOP("Errors", "invalid block type"),
    QT_TRANSLATE_NOOP("Errors", "invalid distance too far back"),
    QT_TRANSLATE_NOOP("Errors", "Compressed file ended before the end-of-stream marker was reached"),
    QT_TRANSLATE_NOOP("Errors", "Permission denied"),
    QT_TRANSLATE_NOOP("Errors", "No such file or directory"),
    QT_TRANSLATE_NOOP("Errors", "Is a directory"),
    QT_TRANSLATE_NOOP("Errors", "Input/output error"),
)
# The whole message: where (a file, perhaps with its line), the reason, the hint.
WITH_HINT = QT_TRANSLATE_NOOP("Errors", "{where}: {reason} ({hint})")
WITHOUT_HINT = QT_TRANSLATE_NOOP("Errors", "{where}: {reason}")
NOWHERE_WITH_HINT = QT_TRANSLATE_NOOP("Errors", "{reason} ({hint})")
AT_LINE = QT_TRANSLATE_NOOP("Errors", "{path}:{line}")
FIELD = re.compile(r"\{(\w+)\}")


@cache
def template_pattern(template: str) -> re.Pattern[str]:
    """The template as a regular expression, each {field} a group that takes any text."""
    parts, last, seen = [], 0, set()
    for field in FIELD.finditer(template):
        name = field.group(1)   # a field named twice says the same value twice
        parts += [re.escape(template[last:field.start()]), f"(?P={name})" if name in seen else f"(?P<{name}>.+?)"]
        seen.add(name)
        last = field.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.DOTALL)


@cache
def _by_words() -> tuple[str, ...]:
    """Every template, the most fixed words first (a reason that names a value must not take a longer one's
    text: "open for writing by {holder}" against "open for writing by another process, through …")."""
    return tuple(sorted((*REASONS, *HINTS, *VALUES), key=lambda t: -len(FIELD.sub("", t))))


def fill(template: str, values: dict[str, str], context: str = CONTEXT) -> str:
    """`template` (of translation `context`) in the interface language with its fields filled (values are put
    in, never re-read)."""
    said = translate(context, template)
    return FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), said)


def say(text: str) -> str:
    """A reason or hint in the interface language: a known template's words, its values kept (a value that is a
    known reason itself is said too); anything else as it is."""
    for template in _by_words():
        found = template_pattern(template).fullmatch(text)
        if found is not None:
            return fill(WINDOW_WORDING.get(template, template),
                        {k: message_text(v) if k == "message" else say(v) for k, v in found.groupdict().items()})
    return text


def error_text(exc: AnnotatorError) -> str:
    """An error's message (file, line, problem, what to do) in the interface language."""
    where = exc.path or ""
    if where and exc.line is not None:
        where = fill(AT_LINE, {"path": where, "line": str(exc.line)})
    reason, hint = say(exc.reason), say(exc.hint) if exc.hint else ""
    if where:
        return fill(WITH_HINT if hint else WITHOUT_HINT, {"where": where, "reason": reason, "hint": hint})
    return fill(NOWHERE_WITH_HINT, {"reason": reason, "hint": hint}) if hint else reason


def message_text(message: str) -> str:
    """A message already made of an error (an import report's line: "file:line: reason (hint)") in the
    interface language, when its reason is a known one; as it is otherwise."""
    for at in [0, *(m.end() for m in re.finditer(": ", message))]:
        where, rest = message[:at - 2] if at else "", message[at:]
        for reason, hint in _reason_and_hint(rest):
            if not _known(reason, whole=not at):
                continue
            said, hint_said = say(reason), say(hint) if hint else ""
            if where:
                template = WITH_HINT if hint else WITHOUT_HINT
                return fill(template, {"where": _where(where), "reason": said, "hint": hint_said})
            return fill(NOWHERE_WITH_HINT, {"reason": said, "hint": hint_said}) if hint else said
    return message


def _reason_and_hint(rest: str) -> list[tuple[str, str]]:
    """Ways to read `rest` as "reason (hint)" or a bare reason: a known hint in its last parenthesis first (a
    reason that ends in a value must not take the hint into it), then the whole, then each last parenthesis."""
    found = []
    if rest.endswith(")"):
        at = rest.find(" (")
        while at >= 0:
            found.append((rest[:at], rest[at + 2:-1]))
            at = rest.find(" (", at + 1)
    hinted = [(reason, hint) for reason, hint in found if any(template_pattern(t).fullmatch(hint) for t in HINTS)]
    return [*hinted, (rest, ""), *found]


def _known(reason: str, *, whole: bool = False) -> bool:
    """True when `reason` is one the window can say in the interface language. Read from a `whole` message, a
    reason that begins with a value ("{id} is not a T line …") is not taken: its value would swallow the file
    and line before it."""
    return any(template_pattern(t).fullmatch(reason) for t in REASONS if not (whole and t.startswith("{")))


def _where(where: str) -> str:
    """"path:line" as the interface says a file's line."""
    path, _, line = where.rpartition(":")
    return fill(AT_LINE, {"path": path, "line": line}) if path and line.isdigit() else where
