"""The record writer: every write of HSDS records goes through it (the write API, the editor, every import).

Records come as nested HSDS 3.1 objects (as the HSDS API serves them) or as flat rows of one table. Every record
is checked (`directory.listings.validation`) and upserted by its id, so writing the same data twice changes
nothing. All problems are collected with file, record and field; if there is any, nothing is written.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from directory.db import Base
from directory.eligibility.criteria import criteria_problems
from directory.listings import models as m
from directory.listings.catalogue import (
    CHILDREN,
    COMMON_READ_ONLY,
    MODELS,
    READ_ONLY_KEYS,
    STANDALONE,
    Child,
    kind_of_table,
    model_for_table,
)
from directory.listings.validation import JSON_LISTS, ImportFailed, Problem, convert, parse_uuid, plain_default

#: Top-level records handled together: validated, their references checked, then flushed inside one savepoint.
#: Only one batch of objects is held at a time, so an import of any size runs in bounded memory.
BATCH_RECORDS = 500
#: An import stops checking after this many problems; the report says so.
MAX_PROBLEMS = 1000


@dataclass
class _Reference:
    """A foreign key value met in the current batch, checked before the batch is flushed."""

    target: type[Base]
    value: uuid.UUID
    position: int  # the record's place in the batch
    file: str
    record: int | None
    record_id: str | None
    path: str
    obj: Any
    column: str
    required: bool


@dataclass
class _Context:
    session: Session
    file: str
    problems: list[Problem] = field(default_factory=list)
    references: list[tuple[type[Base], uuid.UUID, str, Any, str, bool, bool]] = field(default_factory=list)
    record: int | None = None
    record_id: str | None = None

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.record, self.record_id, path, message))


@dataclass(frozen=True)
class _Pending:
    kind: str
    file: str
    record: int
    data: Any
    replace: bool
    count_as: str | None = None
    touch: bool = True

    @property
    def record_id(self) -> str | None:
        return str(self.data.get("id")) if isinstance(self.data, Mapping) and self.data.get("id") else None


class RecordWriter:
    """Upserts HSDS records (nested objects, or flat rows of one table) into one session, a batch at a time;
    `finish()` ends the write.

    Each batch is written inside a savepoint only when every record in it is valid and every id it points at
    exists (in this import or in the database); otherwise the savepoint is rolled back, so nothing of a bad
    record is ever flushed. Without `skip_invalid` every problem is collected (up to MAX_PROBLEMS) and
    `finish()` raises ImportFailed; the caller rolls back, and nothing was imported. With `skip_invalid` a bad
    record is left out (with what depended on it) and reported in `warnings`. With `drop_dangling_links`, an
    optional link to something that does not exist (a parent organization the file never describes) is left
    out with a warning rather than refusing the record, as imports of real-world data need; the write API keeps
    it a problem. With `ignore_unknown_fields`, fields HSDS 3.1 does not define (a profile's additions) are
    passed over with one warning per field rather than refused.
    """

    def __init__(
        self,
        session: Session,
        *,
        skip_invalid: bool = False,
        drop_dangling_links: bool = False,
        ignore_unknown_fields: bool = False,
        batch_size: int | None = None,
    ) -> None:
        self.session = session
        self.skip_invalid = skip_invalid
        self.drop_dangling_links = drop_dangling_links
        self.ignore_unknown_fields = ignore_unknown_fields
        self._unknown: dict[tuple[str, str, str], int] = {}
        self.batch_size = batch_size or BATCH_RECORDS
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        self.counts: dict[str, int] = {}
        self.stopped = False
        self._batch: list[_Pending] = []
        self._seen: dict[tuple[str, uuid.UUID], Base] = {}
        self._owner: dict[tuple[str, uuid.UUID], int] = {}
        self._existing: list[Base] = []
        self._position = 0
        self._references: list[_Reference] = []
        self._discarded: set[tuple[str, uuid.UUID]] = set()
        self._deferred: list[tuple[_Reference, uuid.UUID]] = []  # self-references, set once everything is in
        self._known: set[tuple[str, uuid.UUID]] = set()

    def import_records(
        self,
        kind: str,
        records: Any,
        file: str,
        *,
        replace: bool = False,
        numbered: bool = False,
        count_as: str | None = None,
        touch: bool = True,
    ) -> None:
        """Upsert records of one kind (any iterable: a list, or a stream). With `replace`, each record is the
        whole object: fields and nested lists it leaves out are cleared (PUT); without, only what it names
        changes (import, PATCH). `numbered` records come as (index in the file, record), for readers that
        pass over some rows; `count_as` counts them under another name than their kind. `touch=False` keeps
        `last_modified` as it is: for rows that finish a record another file began (the directory's extension
        columns beside services.csv)."""
        if isinstance(records, str | bytes | Mapping) or not hasattr(records, "__iter__"):
            self.problems.append(Problem(file, None, None, "(top level)", f"must be a JSON array of {kind} objects"))
            return
        for index, data in records if numbered else enumerate(records):
            if self.stopped:
                return
            self._batch.append(_Pending(kind, file, index, data, replace, count_as, touch))
            if len(self._batch) >= self.batch_size:
                self._run_batch()

    def import_kinds(self, records: Iterable[tuple[int, str, Any]], file: str) -> None:
        """Upsert (index in the file, kind, record) triples: a stream that mixes kinds, in order."""
        for index, kind, data in records:
            if self.stopped:
                return
            self._batch.append(_Pending(kind, file, index, data, False))
            if len(self._batch) >= self.batch_size:
                self._run_batch()

    def run_pending(self) -> None:
        """Write the records taken so far (a reader calls this where later records may look them up)."""
        self._run_batch()

    def report(self, problem: Problem) -> None:
        """A problem a reader found in a record it then left out: a warning with `skip_invalid`, else a problem."""
        if self.skip_invalid:
            self.warnings.append(f"{problem} (record left out)")
        else:
            self._add_problems([problem])

    def finish(self) -> dict[str, int]:
        """Write the last batch and the deferred self-references; raise ImportFailed if anything was wrong."""
        self._run_batch()
        if not self.problems:
            self._apply_deferred()
        for (file, path, kind), count in self._unknown.items():
            times = f" ({count} records)" if count > 1 else ""
            self.warnings.append(f"{file}, field {path}: not an HSDS 3.1 field of {kind}; not imported{times}")
        self._unknown = {}
        if self.problems:
            raise ImportFailed(self.problems, stopped=self.stopped)
        return dict(self.counts)

    # -- batches -----------------------------------------------------------------------------------

    def _run_batch(self) -> None:
        attempt, self._batch = self._batch, []
        while attempt:
            bad = self._try(attempt)
            if bad is None:
                return
            if not self.skip_invalid:
                for problems in bad.values():
                    self._add_problems(problems)
                return
            for problems in bad.values():
                self.warnings.extend(f"{problem} (record left out)" for problem in problems)
            attempt = [pending for position, pending in enumerate(attempt) if position not in bad]

    def _add_problems(self, problems: list[Problem]) -> None:
        room = MAX_PROBLEMS - len(self.problems)
        self.problems.extend(problems[:room])
        if len(self.problems) >= MAX_PROBLEMS:
            self.stopped = True

    def _try(self, attempt: list[_Pending]) -> dict[int, list[Problem]] | None:
        """Upsert the records in a savepoint; flush and keep them if all are sound, else roll back and return
        the problems of each bad record by its position."""
        self._seen, self._owner, self._references = {}, {}, []
        bad: dict[int, list[Problem]] = {}
        deferred: list[tuple[_Reference, uuid.UUID]] = []
        savepoint = self.session.begin_nested()
        try:
            with self.session.no_autoflush:
                self._preload(attempt)
                for position, pending in enumerate(attempt):
                    self._position = position
                    ctx = _Context(self.session, pending.file, record=pending.record, record_id=pending.record_id)
                    obj = self._upsert(ctx, pending.kind, pending.data, "", None, replace=pending.replace)
                    if not pending.touch and obj is not None and obj in self._existing:
                        flag_modified(obj, "last_modified")  # written as it is, so `onupdate` leaves it
                    if ctx.problems:
                        bad[position] = ctx.problems
                    for target, value, path, obj, column, required, self_link in ctx.references:
                        ref = _Reference(
                            target, value, position, pending.file, pending.record, pending.record_id, path, obj,
                            column, required,
                        )  # fmt: skip
                        if self_link:
                            deferred.append((ref, obj.id))
                        else:
                            self._references.append(ref)
                self._check_references(bad)
            if bad or self.problems:  # after a problem nothing more is written: the import will not be kept
                savepoint.rollback()
                self._discard(bad if self.skip_invalid else None)
                return bad or None
            self.session.flush()
            savepoint.commit()
        except BaseException:
            if savepoint.is_active:
                savepoint.rollback()
            raise
        finally:
            self._existing = []
        for pending in attempt:
            counted = pending.count_as or pending.kind
            self.counts[counted] = self.counts.get(counted, 0) + 1
        self._deferred.extend((replace(ref, obj=None), owner) for ref, owner in deferred)
        self._seen, self._owner, self._references = {}, {}, []
        return None

    def _discard(self, bad: dict[int, list[Problem]] | None) -> None:
        """Remember the ids a rolled-back attempt held (all of them, or the bad records' only)."""
        for key, position in self._owner.items():
            if bad is None or position in bad:
                self._discarded.add(key)
        self._seen, self._owner, self._references = {}, {}, []

    def _preload(self, attempt: list[_Pending]) -> None:
        """Load, in one query per table, the objects of this batch that already exist; new ones need no query."""
        wanted: dict[str, set[uuid.UUID]] = {}
        for pending in attempt:
            _collect_ids(pending.kind, pending.data, wanted)
        for kind, ids in wanted.items():
            model = MODELS[kind]
            id_column = model.__table__.c.id
            for chunk in _chunks(sorted(ids), 500):
                self._existing.extend(self.session.scalars(select(model).where(id_column.in_(chunk))))
        self._known = {(type(obj).__tablename__, getattr(obj, "id")) for obj in self._existing}  # noqa: B009

    def _check_references(self, bad: dict[int, list[Problem]]) -> None:
        """Every id the batch points at must be in the batch or already in the database."""
        found = self._stored(ref for ref in self._references if (ref.target.__tablename__, ref.value) not in self._seen)
        for ref in self._references:
            key = (ref.target.__tablename__, ref.value)
            if key in self._seen or key in found:
                continue
            if key in self._discarded and not self.skip_invalid:
                continue  # it has problems of its own, already reported
            kind = _singular(ref.target)
            because = " (its record has problems)" if key in self._discarded else ""
            message = f"no {kind} with id {ref.value}{because}"
            if not ref.required and self.drop_dangling_links:
                setattr(ref.obj, ref.column, None)
                if type(ref.obj) in STANDALONE or _belongs_somewhere(ref.obj):
                    where = str(Problem(ref.file, ref.record, ref.record_id, ref.path, message))
                    self.warnings.append(f"{where}; the link was left out")
                    continue
                message += f", and the {_singular(type(ref.obj))} belongs to nothing else"
            bad.setdefault(ref.position, []).append(Problem(ref.file, ref.record, ref.record_id, ref.path, message))

    def _stored(self, references: Iterable[_Reference]) -> set[tuple[str, uuid.UUID]]:
        """(table, id) of those referenced rows that are in the database, one query per table and 500 ids."""
        wanted: dict[type[Base], set[uuid.UUID]] = {}
        for ref in references:
            wanted.setdefault(ref.target, set()).add(ref.value)
        found: set[tuple[str, uuid.UUID]] = set()
        for target, ids in wanted.items():
            id_column = target.__table__.c.id
            for chunk in _chunks(sorted(ids), 500):
                rows = self.session.scalars(select(id_column).where(id_column.in_(chunk)))
                found.update((target.__tablename__, row_id) for row_id in rows)
        return found

    def _apply_deferred(self) -> None:
        """Links of a table to itself (a parent organization, a broader term), set once every row is written,
        so a child may come before its parent in a file."""
        if not self._deferred:
            return
        found = self._stored(ref for ref, _ in self._deferred)
        with self.session.no_autoflush:
            for ref, owner_id in self._deferred:
                owner = self.session.get(ref.target, owner_id)
                if owner is None:  # the record itself was left out
                    continue
                if (ref.target.__tablename__, ref.value) in found and ref.value != owner_id:
                    setattr(owner, ref.column, ref.value)
                    continue
                message = f"no {_singular(ref.target)} with id {ref.value}"
                problem = Problem(ref.file, ref.record, ref.record_id, ref.path, message)
                if self.drop_dangling_links or self.skip_invalid:
                    self.warnings.append(f"{problem}; the link was left out")
                else:
                    self.problems.append(problem)
        self._deferred = []
        if not self.problems:
            self.session.flush()

    # -- one object --------------------------------------------------------------------------------

    def _upsert(
        self, ctx: _Context, kind: str, data: Any, path: str, parent_table: str | None, *, replace: bool = False
    ) -> Any:
        if not isinstance(data, Mapping):
            ctx.problem(path or "(record)", f"must be an object ({kind})")
            return None
        prefix = f"{path}." if path else ""
        record_id = parse_uuid(data.get("id"))
        if record_id is None:
            ctx.problem(f"{prefix}id", "is required and must be a UUID")
            return None
        obj, is_new = self._object(MODELS[kind], record_id)
        children = {child.key: child for child in CHILDREN.get(kind, ())}
        ignored = READ_ONLY_KEYS.get(kind, COMMON_READ_ONLY)
        for name, value in data.items():
            if name == "id" or name in ignored:
                continue
            if name in children:
                self._child(ctx, obj, children[name], value, f"{prefix}{name}")
            else:
                self._field(ctx, kind, obj, name, value, prefix)
        self._fill_missing(ctx, kind, obj, data, prefix, parent_table, is_new=is_new, replace=replace)
        if replace and not is_new:
            for child in children.values():
                if child.key not in data and not child.link_column:
                    self._child(ctx, obj, child, [], f"{prefix}{child.key}")
        if is_new:
            self.session.add(obj)
        return obj

    def _object(self, model: type[Base], record_id: uuid.UUID) -> tuple[Any, bool]:
        """The object with this id (met in this batch, or stored), or a new one; and whether it is new."""
        key = (model.__tablename__, record_id)
        obj = self._seen.get(key)
        if obj is None and key in self._known:
            obj = self.session.get(model, record_id)  # preloaded: from the identity map, no query
        is_new = obj is None
        if obj is None:
            obj = model(id=record_id)
        self._seen[key] = obj
        self._owner.setdefault(key, self._position)
        return obj, is_new

    def _field(self, ctx: _Context, kind: str, obj: Any, name: str, value: Any, prefix: str) -> None:
        """One field of a record: a column checked, converted and set, or a name HSDS does not define."""
        column = obj.__table__.columns.get(name)
        if column is None:
            if self.ignore_unknown_fields:
                where = (ctx.file, re.sub(r"\[\d+\]", "[]", f"{prefix}{name}"), kind)
                self._unknown[where] = self._unknown.get(where, 0) + 1
            else:
                ctx.problem(f"{prefix}{name}", f"is not a field of an HSDS {kind}")
            return
        converted, error = convert(column, value)
        if error:
            ctx.problem(f"{prefix}{name}", error)
            return
        if name == "eligibility_criteria":
            for problem_path, message in criteria_problems(converted, f"{prefix}{name}").items():
                ctx.problem(problem_path, message)
        self_link = any(fk.column.table.name == obj.__tablename__ for fk in column.foreign_keys)
        if not self_link:
            setattr(obj, name, converted)  # a link to its own table waits until every row is in
        if converted is None:
            return
        for fk in column.foreign_keys:
            target = model_for_table(fk.column.table.name)
            ctx.references.append((target, converted, f"{prefix}{name}", obj, name, not column.nullable, self_link))

    def _fill_missing(
        self,
        ctx: _Context,
        kind: str,
        obj: Any,
        data: Mapping[str, Any],
        prefix: str,
        parent_table: str | None,
        *,
        is_new: bool,
        replace: bool,
    ) -> None:
        """Columns the record leaves out: a problem when required of a new (or replaced) object; cleared when the
        record replaces a stored one."""
        children = CHILDREN.get(kind, ())
        given = set(data) | {child.link_column for child in children if child.key in data and child.link_column}
        for name, column in obj.__table__.columns.items():
            required = not column.nullable and column.default is None and name != "id"
            missing = name not in given and not _set_by_parent(kind, column, parent_table)
            if required and (is_new or replace) and missing:
                ctx.problem(f"{prefix}{name}", "is required")
            elif replace and not is_new and missing and name not in ("id", "last_modified"):
                setattr(obj, name, [] if name in JSON_LISTS else plain_default(column))

    def _child(self, ctx: _Context, parent: Any, child: Child, value: Any, path: str) -> None:
        if child.link_column:  # a single nested object the parent points at
            if value is None:
                return
            obj = self._upsert(ctx, child.kind, value, path, None)
            if obj is not None:
                setattr(parent, child.link_column, obj.id)
            return
        if value is not None and not isinstance(value, list):
            ctx.problem(path, f"must be a list of {child.kind} objects")
            return
        upserted = (self._upsert(ctx, child.kind, item, f"{path}[{i}]", type(parent).__tablename__)
                    for i, item in enumerate(value or []))  # fmt: skip
        items = [obj for obj in upserted if obj is not None]
        if child.relationship:
            setattr(parent, child.relationship, items)
        elif child.attribute_entity:
            self._attributes(parent, child.attribute_entity, items)
        else:  # linked, not owned (an organization's locations)
            owner_column = f"{type(parent).__tablename__.rstrip('s')}_id"
            for obj in items:
                setattr(obj, owner_column, parent.id)

    def _attributes(self, parent: Any, entity: str, attributes: list[Any]) -> None:
        """A parent's attributes are these: each linked to it, and those stored before and not given removed."""
        for attribute in attributes:
            attribute.link_id = parent.id
            attribute.link_entity = entity
        if not sa_inspect(parent).persistent:
            return  # a new object has no attributes stored to replace
        keep = {attribute.id for attribute in attributes}
        stale = self.session.scalars(
            select(m.Attribute).where(m.Attribute.link_id == parent.id, m.Attribute.link_entity == entity)
        )
        for attribute in stale:
            if attribute.id not in keep:
                self.session.delete(attribute)


def _belongs_somewhere(obj: Any) -> bool:
    """Whether a row still points at some owner (a phone may belong to a service, a location, a contact...)."""
    return any(getattr(obj, column.key) is not None for column in obj.__table__.columns if column.foreign_keys)


def _collect_ids(kind: str, data: Any, into: dict[str, set[uuid.UUID]]) -> None:
    """Every id a nested record holds, by kind, as `_upsert` will visit them."""
    if not isinstance(data, Mapping):
        return
    record_id = parse_uuid(data.get("id"))
    if record_id is not None:
        into.setdefault(kind, set()).add(record_id)
    for child in CHILDREN.get(kind, ()):
        value = data.get(child.key)
        if child.link_column:
            _collect_ids(child.kind, value, into)
        elif isinstance(value, list):
            for item in value:
                _collect_ids(child.kind, item, into)


def _chunks(values: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _singular(model: type[Base]) -> str:
    return kind_of_table(str(model.__tablename__)).replace("_", " ")


def _set_by_parent(kind: str, column: Any, parent_table: str | None) -> bool:
    """The key pointing at the parent is filled in from the nesting, so a nested object may leave it out."""
    if parent_table is None:
        return False
    if kind == "attribute" and column.key in ("link_id", "link_entity"):
        return True
    return any(fk.column.table.name == parent_table for fk in column.foreign_keys)
