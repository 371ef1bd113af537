"""Team work through files: hand documents out, merge annotators' work back as layers, measure agreement."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core import formats
from annotator.core.agreement import Agreement, agreement
from annotator.core.annotations import AnnotatedDocument, ReviewStatus, SpanKind, SpanState
from annotator.core.assignment import check_names, plan
from annotator.core.errors import AnnotatorError, ProjectError, ValidationError, WriteError
from annotator.core.formats.base import UnknownLabel
from annotator.core.layers import EntityKey, Layer, LayerEvent, layer_document
from annotator.core.progress import Progress, counted
from annotator.service.changes import Changes
from annotator.service.statistics import work_seconds
from annotator.service.team_apply import apply_layer, document_layer, reopen
from annotator.store import ProjectStore, files, queries
from annotator.store import layers as layer_store
from annotator.store.database import Transaction, now

if TYPE_CHECKING:
    from annotator.service.project import Project

ANNOTATOR_SETTING = "annotator"
SUFFIX = ".annot"
SCHEMA_HINT = "is it another project's file? if not, add it to the schema first: `annotator schema --import`"


@dataclass(frozen=True)
class MergeReport:
    """What merging one file did."""

    file: Path
    annotator: str
    documents: int                 # reviewed documents the file brought
    changed: tuple[int, ...]       # documents whose layer was new or different
    reviewed: tuple[int, ...]      # of those, now reviewed (one layer, or all layers agree)
    disputed: tuple[int, ...]      # of those, now needing adjudication
    changes: Changes
    kept: tuple[int, ...] = ()     # of those, reviewed here (adjudicated, or by hand): left as they are
    not_reviewed: tuple[int, ...] = ()  # handed to the annotator, neither in this file reviewed nor merged before
    older: tuple[int, ...] = ()    # brought, but edited in this file before their merged layer was: not merged
    newer_file: str = ""           # the file the newer work of `older` was merged from (the first's)
    unreviewed: tuple[int, ...] = ()  # lines of an export's records not marked reviewed: not yet work, left out
    unreviewed_suggestions: int = 0   # the undecided suggestions those records hold (none read as a rejection)


@dataclass(frozen=True)
class AssignReport:
    """What `assign` did, in the lead's words: the files written and what it left out, and why."""

    shares: dict[str, list[int]]     # the documents each annotator's file holds
    files: dict[str, Path]           # each annotator's file
    in_hand: dict[int, tuple[str, ...]] = field(default_factory=dict)  # left out: handed out, not sent back (to whom)
    not_handed_on: tuple[Settled, ...] = ()  # --from: documents others' work settled, released, not handed on


@dataclass(frozen=True)
class Settled:
    """A document handed to one who left that others' work has settled or put up for adjudication: `assign --from`
    does not hand it on (the copy would carry that work, to be sent back agreeing with it); it is theirs no more."""

    doc_id: int
    status: str
    annotators: tuple[str, ...]  # whose layers it has
    reviewer: str                # who marked it reviewed ("" if nobody)

    @property
    def why(self) -> str:
        """What settled it, in the lead's words."""
        names = " and ".join(self.annotators)
        if self.status == ReviewStatus.NEEDS_ADJUDICATION.value:
            return f"waiting for adjudication between {names}"
        if self.annotators and self.reviewer == "+".join(self.annotators):  # as a merge marks it
            return f"reviewed on {names}'s layer alone" if len(self.annotators) == 1 else f"reviewed: {names} agreed"
        return f"reviewed here by {self.reviewer or 'the lead'}"


@dataclass(frozen=True)
class Incoming:
    """One reviewed document of a file being merged, and where in the file it is."""

    line: int | None
    doc: AnnotatedDocument
    seconds: float | None = None  # the annotator's time on it, from their project file's change log
    edited: str | None = None     # when they last edited it in their project file (an export does not say)


class Team:
    """Assign, merge and agreement over one open project (`project.team`)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.store = project.store

    # -- assign ---------------------------------------------------------------------------------
    def assign(self, names: Sequence[str], out_dir: str | Path, *, overlap: float = 0.0, seed: int = 13,
               statuses: Sequence[str] = (), from_annotator: str | None = None) -> AssignReport:
        """Write DIR/<name>.annot for each annotator with their documents; record who has what.

        `from_annotator`: hand out only the documents that annotator was handed and has not sent back (one who
        left mid-way); they are theirs no more. Without it or `statuses`, a document someone has in hand (handed
        out, not sent back) is not handed out again."""
        names = check_names(names)
        # By default what nobody has settled yet: neither reviewed nor waiting for the adjudicator.
        wanted = list(statuses) or [s.value for s in ReviewStatus
                                    if s not in (ReviewStatus.REVIEWED, ReviewStatus.NEEDS_ADJUDICATION)]
        for status in wanted:
            ReviewStatus(status)
        ids = queries.document_ids(self.store.db, statuses=wanted)
        in_hand: dict[int, tuple[str, ...]] = {}
        settled: list[Settled] = []
        if from_annotator is not None:
            settled = self.settled_without(from_annotator)
            ids = self._not_sent_back(from_annotator, ids, settled)
            if not ids:  # nothing left to hand on: only release what others settled
                with self.store.edit(action="assign", doc_id=None) as tx:
                    self._record(tx, {}, {}, (from_annotator, [k.doc_id for k in settled]))
                return AssignReport({}, {}, not_handed_on=tuple(settled))
        elif not statuses:
            held = self.handed_out()
            in_hand = {d: tuple(held[d]) for d in ids if d in held}
            ids = self._not_handed_out(ids, held)
        if not ids:
            raise ValidationError(f"no documents with status {', '.join(wanted)} to hand out",
                                  path=str(self.project.path), hint="choose others with --status")
        shares = plan(ids, names, overlap=overlap, seed=seed)
        out = Path(out_dir)
        targets = {n: out / f"{n}{SUFFIX}" for n in names}
        for path in targets.values():
            if path.exists():
                raise ProjectError("a file of that name already exists; nothing was written", path=str(path),
                                   hint="choose an empty folder with -o")
        # Each file is written under a hidden name and given its own only when all are written, inside the
        # transaction that records them: an assign that fails or is killed half-way records nothing (a kill
        # between the names and the commit leaves files a retry refuses to overwrite, never a record without
        # its files, which a retry of --from could not hand out again).
        parts = {n: out / f".{n}{SUFFIX}.part" for n in names}
        try:
            for name, doc_ids in shares.items():
                _remove_project_file(parts[name])  # left by an assign killed before
                self._write_copy(parts[name], name, doc_ids)
            taken = ((from_annotator, [*ids, *(k.doc_id for k in settled)])
                     if from_annotator is not None and from_annotator not in names else None)
            with self.store.edit(action="assign", doc_id=None) as tx:
                self._record(tx, shares, targets, taken)
                named: list[Path] = []
                try:
                    for name in names:
                        parts[name].replace(targets[name])
                        named.append(targets[name])
                except OSError:
                    for path in named:  # not recorded: the transaction rolls back
                        _remove_project_file(path)
                    raise
        finally:
            for part in parts.values():
                _remove_project_file(part)
        return AssignReport(shares, targets, in_hand, tuple(settled))

    @staticmethod
    def _record(tx: Transaction, shares: dict[str, list[int]], targets: dict[str, Path],
                taken: tuple[str, Sequence[int]] | None) -> None:
        """Record who has what; `taken`: (annotator, documents) they were handed and no longer have."""
        if taken is not None:
            for doc_id in taken[1]:
                for old in layer_store.assignment_ids(tx.db, doc_id, taken[0]):
                    tx.delete("assignments", old)
        for name, doc_ids in shares.items():
            for doc_id in doc_ids:
                for old in layer_store.assignment_ids(tx.db, doc_id, name):
                    tx.delete("assignments", old)
                tx.insert("assignments", {"doc_id": doc_id, "annotator": name, "file": str(targets[name]),
                                          "assigned_at": now()})

    def _outstanding(self, annotator: str) -> set[int] | None:
        """The documents handed to `annotator` of which no layer of theirs is merged (None: nobody of that
        name was handed any)."""
        handed = {d for d, name, _ in self.assignments() if name == annotator}
        return handed - layer_store.layer_doc_ids(self.store.db, annotator) if handed else None

    def handed_out(self) -> dict[int, list[str]]:
        """{doc id: the annotators it is handed to who have not sent it back}."""
        merged = {n: layer_store.layer_doc_ids(self.store.db, n) for n in layer_store.layer_annotators(self.store.db)}
        out: dict[int, list[str]] = {}
        for doc_id, name, _ in self.assignments():
            if doc_id not in merged.get(name, ()):
                out.setdefault(doc_id, []).append(name)
        return out

    def _not_handed_out(self, ids: Sequence[int], held: dict[int, list[str]]) -> list[int]:
        """Those of `ids` nobody has in hand (`held`: `handed_out()`): assign run again (to add someone to the team)
        handed out every document the others were still working on, each then annotated two or three times over."""
        out = [d for d in ids if d not in held]
        if ids and not out:
            names = Counter(n for d in ids for n in held[d])
            raise ValidationError(f"every document not yet reviewed is handed out and not sent back ({len(ids)})",
                                  path=str(self.project.path),
                                  hint=f"they are with {', '.join(f'{n} ({c})' for n, c in sorted(names.items()))}; "
                                       "hand on one who left with --from NAME, or name them again with --status")
        return out

    def settled_without(self, annotator: str) -> list[Settled]:
        """The documents handed to `annotator` and not sent back that others' work has settled (reviewed on another
        annotator's layer, their agreement, or by the lead) or put up for adjudication. `assign --from` does not hand
        them on, whatever --status: a copy would carry that work, to be sent back agreeing with it."""
        outstanding = self._outstanding(annotator) or set()
        wanted = [ReviewStatus.REVIEWED.value, ReviewStatus.NEEDS_ADJUDICATION.value]
        ids = [d for d in queries.document_ids(self.store.db, statuses=wanted) if d in outstanding]
        rows = queries.list_rows(self.store.db, ids) if ids else {}
        by_doc: dict[int, list[str]] = {}
        for name in layer_store.layer_annotators(self.store.db):
            for doc_id in layer_store.layer_doc_ids(self.store.db, name) & set(ids):
                by_doc.setdefault(doc_id, []).append(name)
        return [Settled(d, rows[d]["status"], tuple(sorted(by_doc.get(d, ()))), rows[d].get("reviewer") or "")
                for d in ids]

    def _not_sent_back(self, annotator: str, ids: Sequence[int], settled: Sequence[Settled]) -> list[int]:
        """Those of `ids` handed to `annotator` of which no layer of theirs is merged, but the `settled` ones."""
        outstanding = self._outstanding(annotator)
        if outstanding is None:
            names = sorted({n for _, n, _ in self.assignments()})
            raise ValidationError(f"nobody called {annotator!r} was handed documents", path=str(self.project.path),
                                  hint=f"handed out to: {', '.join(names) or 'nobody yet'}")
        skip = {s.doc_id for s in settled}
        out = [d for d in ids if d in outstanding and d not in skip]
        if not out and not settled:
            raise ValidationError(f"{annotator} has no document handed out and not sent back", path=str(self.project.path),
                                  hint="every document they were handed is merged")
        return out

    def _write_copy(self, path: Path, name: str, doc_ids: Sequence[int]) -> None:
        """One annotator's project: the same setup, their documents under the same ids, their name inside."""
        copy = ProjectStore(path, create=True, user=name, settings={"schema": self.project.schema.to_dict()})
        try:
            with copy.transaction():
                layer_store.copy_setup(self.store.db, copy.db)
                copies: Counter[str] = Counter()  # texts kept several times (import --keep-duplicates)
                for doc in queries.load_documents(self.store.db, doc_ids):
                    packed = queries.pack_document(doc, status=doc.status)
                    copies[packed.hash] += 1
                    packed = queries.keyed(packed, queries.repeat_key(packed.hash, copies[packed.hash]))
                    new_id = queries.insert_packed(copy.db, packed)
                    layer_store.renumber_document(copy.db, new_id, doc.id)
            copy.set_setting(ANNOTATOR_SETTING, name)
            copy.set_setting("assigned_from", str(self.project.path))
        finally:
            copy.close()

    def assignments(self) -> list[tuple[int, str, str]]:
        """(doc id, annotator, file) of every assignment."""
        return layer_store.assignments(self.store.db)

    # -- merge ----------------------------------------------------------------------------------
    def needs_annotator(self, path: str | Path) -> bool:
        """Whether `merge` needs the annotator's name given for this file: a project file that names none (one
        `assign` did not make), or an export (which never does). A file merge refuses for another reason
        (missing, damaged, this project) needs none: merge says why."""
        path = Path(path)
        if not path.is_file() or path.samefile(self.project.path):
            return False
        if not files.is_sqlite_file(path):
            return path.suffix.lower() != ".annot"
        try:
            source = ProjectStore(path, readonly=True, as_is=True)
        except AnnotatorError:
            return False  # merge opens it again and says why it cannot
        try:
            return not source.setting(ANNOTATOR_SETTING)
        finally:
            source.close()

    def merge(self, path: str | Path, *, annotator: str | None = None, fmt: str = "native",
              progress: Progress | None = None) -> MergeReport:
        """Bring one file's reviewed work in as its annotator's layer: one undoable edit, logged under them.
        An export is read in `fmt` ("auto": told from its records); its records not marked reviewed (a native export
        of `--status all`, `--with-suggestions` or not) are left out, as a project file's unreviewed documents are.

        `progress(done, total)` counts the documents stored; cancelling keeps nothing of this file."""
        path = Path(path)
        name, read, fmt = self._read(path, annotator=annotator, fmt=fmt)
        # Only reviewed work is the annotator's: a record still pre-annotated, merged, was marked reviewed with every
        # one of its suggestions rejected (and the CLI has no undo).
        incoming = [i for i in read if i.doc.status == ReviewStatus.REVIEWED]
        left = [i for i in read if i.doc.status != ReviewStatus.REVIEWED]
        unreviewed = tuple(i.line for i in left if i.line is not None)
        open_suggestions = sum(_suggestions(i.doc) for i in left)
        self._refuse_second_name(path, name)
        matched, seconds, edited = self._match(path, incoming)
        self._refuse_lost_events(path, fmt, incoming, matched)
        changed: dict[int, Layer] = {}
        for doc_id, layer in matched.items():
            row = layer_store.layer_row(self.store.db, doc_id, name)
            if row is None or row[1] != layer.to_json():
                changed[doc_id] = layer
        older, newer_file = self._older(path, name, changed, edited)
        not_reviewed = self._not_reviewed(name, matched.keys())
        if not changed:
            return MergeReport(path, name, len(matched), (), (), (), Changes(f"merge {name}"), (), not_reviewed,
                               older, newer_file, unreviewed, open_suggestions)
        outcome: dict[str, list[int]] = {"reviewed": [], "disputed": [], "kept": []}
        with self.store.edit(action=f"merge {name}", doc_id=None, user=name) as tx:
            for doc_id, layer in counted(sorted(changed.items()), len(changed), progress, what=f"the merge of {path}",
                                         every=16):
                before = layer_store.layers_of(tx.db, doc_id)
                row = layer_store.layer_row(tx.db, doc_id, name)
                values = {"data": layer.to_json(), "source": str(path), "merged_at": now(),
                          "seconds": seconds.get(doc_id), "edited_at": edited.get(doc_id)}
                if row is None:
                    tx.insert("layers", {"doc_id": doc_id, "annotator": name, **values})
                else:
                    tx.update("layers", row[0], values)
                outcome[self._settle(tx, doc_id, before)].append(doc_id)
        changes = Changes.of_edit(f"merge {name}", tx)
        changes = replace(changes, doc_ids=changes.doc_ids | changed.keys())  # a new layer alone changes the document too
        return MergeReport(path, name, len(matched), tuple(sorted(changed)), tuple(outcome["reviewed"]),
                           tuple(outcome["disputed"]), changes, tuple(outcome["kept"]), not_reviewed, older, newer_file,
                           unreviewed, open_suggestions)

    @contextmanager
    def dry_run(self) -> Iterator[None]:
        """The merges made inside are rolled back together at the end (each inside is a savepoint of one
        transaction, so the second file's merge sees the first's): their reports say what they would do; their
        `changes` describe nothing the file keeps."""
        try:
            with self.store.transaction():
                yield
                raise _DryRun
        except _DryRun:
            self.store.uncrossed.forget()  # what it learnt of the documents' spans was of the rolled-back state

    def _older(self, path: Path, name: str, changed: dict[int, Layer], edited: dict[int, str]) -> tuple[tuple[int, ...], str]:
        """Take out of `changed` the documents this file's copy of which is older than `name`'s layer merged before
        (last edited before it, both times from the annotator's own files): a copy sent earlier, merged after the
        newer one, would replace their work and take a settled document back. Return them and the newer file.
        Refused whole when it brings nothing newer: it is an older copy."""
        merged = layer_store.edits(self.store.db, name)
        older = sorted(d for d in changed if d in merged and d in edited and edited[d] < merged[d][0])
        if not older:
            return (), ""
        first = older[0]
        newer_file = merged[first][1]
        if len(older) == len(changed):
            raise ValidationError(f"is an older copy of {name}'s file than the one merged before from {newer_file}: "
                                  f"{len(older)} of its document(s) were edited there later (document {first} last "
                                  f"edited {edited[first]} in this file, {merged[first][0]} in that one); nothing of "
                                  "this file was merged", path=str(path),
                                  hint=f"merge {name}'s newest file; if they have gone back on that work, ask them to "
                                       "edit it again in their newest file")
        for doc_id in older:
            del changed[doc_id]
        return tuple(older), newer_file

    def _refuse_second_name(self, path: Path, name: str) -> None:
        """Refuse a file already merged as another annotator's work: one person's work under two names would
        count twice, and agree with itself perfectly (the agreement figures said 1.000)."""
        before = sorted({other for other, source in layer_store.sources(self.store.db) if _same_file(Path(source), path)})
        if before and name not in before:
            raise ValidationError(f"was merged before as {before[0]}'s work; merged again as {name}'s, one "
                                  "annotator's work would count twice", path=str(path),
                                  hint=f"merge it as {before[0]} (--annotator {before[0]}), or the file {name} sent")

    def _not_reviewed(self, name: str, brought: Collection[int]) -> tuple[int, ...]:
        """The documents handed to `name` that they have sent back reviewed neither now nor before."""
        return tuple(sorted((self._outstanding(name) or set()) - set(brought)))

    def _settle(self, tx: Transaction, doc_id: int, before: list[Layer]) -> str:
        """Make the document what its layers agree on and reviewed ("reviewed"), or mark it for adjudication
        ("disputed"); a document reviewed here ("kept") is left as it is, the new layer stored beside it."""
        if self._decided_here(tx, doc_id, before):
            return "kept"
        layers = layer_store.layers_of(tx.db, doc_id)
        if all(layer.same_as(layers[0]) for layer in layers[1:]):
            apply_layer(tx, doc_id, layers[0])
            tx.update("documents", doc_id, {"status": ReviewStatus.REVIEWED.value,
                                            "reviewer": "+".join(layer.annotator for layer in layers),
                                            "reviewed_at": now()})
            return "reviewed"
        if tx.row("documents", doc_id)["status"] != ReviewStatus.NEEDS_ADJUDICATION.value:
            # Reopened once, when it first needs adjudication; after that its state is the adjudicator's
            # decisions so far, which a newer copy must not undo but where it changes something.
            reopen(tx, doc_id, {e for layer in layers for e in layer.entities},
                   {e for layer in layers for e in layer.events})
            tx.update("documents", doc_id, {"status": ReviewStatus.NEEDS_ADJUDICATION.value})
            return "disputed"
        # A newer copy: the versions it gives or no longer gives are open again (a decision taken on what the
        # annotators said then: PER taken over ORG, and now both say ORG), the rest stays as decided.
        old = {layer.annotator: layer for layer in before}
        entities: set[EntityKey] = set()
        events: set[LayerEvent] = set()
        for layer in layers:
            prev = old.get(layer.annotator)
            entities |= set(prev.entities if prev else ()) ^ set(layer.entities)
            events |= set(prev.events if prev else ()) ^ set(layer.events)
        if entities or events:
            reopen(tx, doc_id, entities, events)
        return "disputed"

    @staticmethod
    def _decided_here(tx: Transaction, doc_id: int, before: list[Layer]) -> bool:
        """True when the document is reviewed and says something else than the layers it had agreed on (or it
        had none): an adjudicator, the lead or a later edit decided it in this project, and a merge must not
        undo that (a document a merge settled and nobody touched since follows a newer copy)."""
        if tx.row("documents", doc_id)["status"] != ReviewStatus.REVIEWED.value:
            return False
        if not before or not all(layer.same_as(before[0]) for layer in before[1:]):
            return True
        return not document_layer(tx.db, doc_id).same_as(before[0])

    def _refuse_lost_events(self, path: Path, fmt: str, incoming: Sequence[Incoming], matched: dict[int, Layer]) -> None:
        """Refuse an export in a format without events (doccano, CLUENER, CoNLL, spaCy) of documents that hold events
        here: its layers say "no events", so merged, a document's event suggestions were all rejected and it was
        reviewed without events (an annotator who marked entities in doccano wiped them)."""
        if fmt == "project" or formats.get_format(fmt).events or any(i.doc.events for i in incoming):
            return
        held = sorted(matched.keys() & set(queries.documents_with_events(self.store.db)))
        if held:
            raise ValidationError(f"{fmt} carries no events, and {len(held)} of its document(s) hold events here "
                                  f"(document {held[0]}{', …' if len(held) > 1 else ''}); merged, their events would be "
                                  "rejected and the documents reviewed without any; nothing of this file was merged",
                                  path=str(path), hint="ask for an export with events (native, doccano-rel, duee, "
                                  "brat), or name the format with --format if it is one of those")

    def _read(self, path: Path, *, annotator: str | None, fmt: str) -> tuple[str, list[Incoming], str]:
        """The annotator's name, the reviewed documents of a project file or an export, and the format read ("project"
        for a project file)."""
        if path.exists() and path.samefile(self.project.path):  # hard links and other spellings included
            raise ValidationError("is this project itself; merging it would make its own annotations an annotator's "
                                  "layer", path=str(path), hint="merge the annotators' files")
        if path.is_dir():
            raise ValidationError("is a folder; merge takes annotators' project files or exports, one by one",
                                  path=str(path), hint=f"name each file, e.g. {path / ('ann1' + SUFFIX)}")
        if path.is_file() and files.is_sqlite_file(path):
            source = ProjectStore(path, readonly=True, as_is=True)
            try:
                name = annotator or source.setting(ANNOTATOR_SETTING)
                ids = queries.document_ids(source.db, statuses=[ReviewStatus.REVIEWED.value])
                spent = work_seconds(source.db)
                times = layer_store.edited_at(source.db, ids)
                docs = [Incoming(None, doc, spent.get(doc.id), times.get(doc.id))
                        for doc in queries.load_documents(source.db, ids, tokens=False)]  # a layer reads none
            finally:
                source.close()
            if not name:
                raise ValidationError("the project file names no annotator", path=str(path),
                                      hint="say whose work it is with --annotator NAME")
        elif path.suffix.lower() == ".annot":  # read as an export it would be 'not valid JSON' or 'whose work'
            files.check_project_file(path)  # says why it is not a project (empty, not SQLite)
            raise ProjectError("not an annotator project (not an SQLite file)", path=str(path))
        else:
            if not annotator:
                raise ValidationError("an export does not say whose work it is", path=str(path),
                                      hint="name the annotator with --annotator NAME")
            name = annotator
            if fmt == "auto":
                found = formats.detect_format(path)
                if found is None:
                    raise ValidationError("holds no annotations (article text); merge takes annotators' project "
                                          "files or exports", path=str(path), hint="name the format with --format")
                fmt = found
            options = formats.ReadOptions(reviewed=True, schema=self.project.schema)
            try:
                docs = [Incoming(line, doc) for line, doc in formats.iter_documents(path, fmt, options)]
            except UnknownLabel as e:  # its hint names import's options, which merge has not
                raise UnknownLabel(e.reason + "; nothing of this file was merged", path=e.path, line=e.line,
                                           hint=SCHEMA_HINT) from e
            return check_names([name])[0], docs, fmt
        return check_names([name])[0], docs, "project"

    def _match(self, path: Path, incoming: Sequence[Incoming]
               ) -> tuple[dict[int, Layer], dict[int, float], dict[int, str]]:
        """({project doc id: layer}, {project doc id: the annotator's seconds on it}, {project doc id: when they last
        edited it}); every document is found by its text (and id) or the whole file is refused."""
        hashes = queries.find_hashes(self.store.db, [queries.content_hash(i.doc.text) for i in incoming])
        known = layer_store.document_texts(self.store.db, [i.doc.id for i in incoming if i.doc.id])
        out: dict[int, Layer] = {}
        spent: dict[int, float] = {}
        edited: dict[int, str] = {}
        for item in incoming:
            doc = item.doc
            where = f"document {doc.id}" if item.line is None else f"line {item.line}"
            # By id when it names the document with this text (a text kept twice has two), else by text.
            doc_id = doc.id if doc.id and known.get(doc.id) == doc.text else hashes.get(queries.content_hash(doc.text))
            if doc_id is None:
                reason = (f"{where}: its text differs from the project's document {doc.id}" if doc.id in known
                          else f"{where}: the project has no document with this text")
                raise ValidationError(reason + "; nothing of this file was merged", path=str(path),
                                      line=item.line, hint="merge work on the documents handed out with `assign`")
            out[doc_id] = Layer.from_document("", doc)
            self._check_schema(path, where, item.line, out[doc_id])
            if item.seconds is not None:
                spent[doc_id] = item.seconds
            if item.edited is not None:
                edited[doc_id] = item.edited
        return out, spent, edited

    def _check_schema(self, path: Path, where: str, line: int | None, layer: Layer) -> None:
        """Refuse a layer with a label or event type the project's schema lacks (another project's file, say):
        merged, it would put annotations in the project that no export, key or statistic knows."""
        schema = self.project.schema
        label = next((lab for _, _, lab in layer.entities if schema.label(lab) is None), None)
        kind, unknown = "label", label
        if unknown is None and schema.event_types:
            kind, unknown = "event type", next((e.type for e in layer.events if schema.event_type(e.type) is None), None)
        if unknown is not None:
            raise ValidationError(f"{where}: {kind} {unknown!r} is not in the project's schema; nothing of this file "
                                  "was merged", path=str(path), line=line,
                                  hint=SCHEMA_HINT)

    # -- reading layers -------------------------------------------------------------------------
    def layers(self, doc_id: int) -> list[Layer]:
        """Every annotator's layer of a document."""
        return layer_store.layers_of(self.store.db, doc_id)

    def annotators(self) -> list[str]:
        """Everyone with a layer or an assignment."""
        return layer_store.annotators(self.store.db)

    def agreement(self, *, labels: Collection[str] | None = None, worst: int = 20) -> Agreement:
        """Agreement between annotators over the documents they reviewed in common (entities of `labels` only,
        each one of the schema's: a misspelt one would count as perfect agreement on nothing)."""
        known = self.project.schema.label_keys
        unknown = [label for label in labels or () if label not in known]
        if unknown:
            raise ValidationError(f"label {unknown[0]!r} is not in the project's schema", path=str(self.project.path),
                                  hint=f"its labels: {', '.join(known)}")
        shared = layer_store.shared_layers(self.store.db)
        events = bool(self.project.schema.event_types)
        return agreement(shared, layer_store.text_lengths(self.store.db, list(shared)), labels=labels, worst=worst,
                         events=events)

    def layer_documents(self, annotator: str) -> Iterator[AnnotatedDocument]:
        """The documents an annotator has a layer of, each carrying that layer's annotations."""
        layers = layer_store.annotator_layers(self.store.db, annotator)  # theirs alone, not every annotator's
        for doc in queries.load_documents(self.store.db, list(layers)):
            yield layer_document(doc, layers[doc.id])

    def export_layer(self, target: str | Path, annotator: str, *, fmt: str = "native",
                     options: formats.ExportOptions | None = None) -> formats.ExportSummary:
        """Write one annotator's layers (every document they were merged for) in `fmt`."""
        target = Path(target)
        if target.resolve() == self.project.path.resolve() or files.is_sqlite_file(target):
            raise WriteError("is a project file; exporting there would replace it", path=str(target),
                             hint="choose another output name, e.g. ann1.jsonl")
        merged = layer_store.layer_annotators(self.store.db)
        if annotator not in merged:  # one handed documents but never merged has nothing to export yet
            handed = sum(1 for _, name, _ in self.assignments() if name == annotator)
            waiting = f"{annotator} was handed {handed} document(s) but nothing of theirs is merged; " if handed else ""
            raise ValidationError(f"no layer of annotator {annotator!r} in the project", path=str(self.project.path),
                                  hint=f"{waiting}merged annotators: {', '.join(merged) or 'none yet'}")
        return formats.write_documents(self.layer_documents(annotator), target, fmt, options or formats.ExportOptions(),
                                       schema=self.project.schema)


class _DryRun(Exception):
    """Raised at the end of `Team.dry_run` to roll back what was merged inside."""


def _suggestions(doc: AnnotatedDocument) -> int:
    """The undecided entity and event suggestions a document holds."""
    return (sum(s.state == SpanState.SUGGESTED for s in doc.spans if s.kind == SpanKind.ENTITY)
            + sum(e.state == SpanState.SUGGESTED for e in doc.events))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:  # a file merged before and gone since: not this one
        return False


def _remove_project_file(path: Path) -> None:
    """Delete a project file being written and what SQLite and the writer lock keep beside it."""
    for extra in ("", "-wal", "-shm", "-journal", ".lock"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
