"""The database: declarative base, the scoped session registry and engine set-up.

No engine exists until `init_app` is called by the application factory.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar

from flask import Flask
from sqlalchemy import JSON, MetaData, Uuid, create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.pool import StaticPool

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        uuid.UUID: Uuid(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


T = TypeVar("T")

Session = scoped_session(sessionmaker(expire_on_commit=False))


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> uuid.UUID:
    return uuid.uuid4()


class IdMixin:
    """A UUID primary key, made in Python so a row's id is known before it is inserted."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)


def make_engine(url: str, *, echo: bool = False, **kwargs: Any) -> Engine:
    """Create the engine; SQLite gets foreign keys and real transactions (savepoints that nest).

    A failed statement's error names the statement but not its parameters (they can be a client's answers), so
    nothing about a client reaches a log through an exception.
    """
    kwargs.setdefault("hide_parameters", not echo)
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {}).setdefault("check_same_thread", False)
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs.setdefault("poolclass", StaticPool)  # one shared in-memory database
        engine = create_engine(url, echo=echo, **kwargs)
        _fix_sqlite_transactions(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, echo=echo, **kwargs)


def _fix_sqlite_transactions(engine: Engine) -> None:
    """SQLAlchemy's documented fix for pysqlite on Python 3.11 ("Serializable isolation / Savepoints").

    pysqlite otherwise defers BEGIN and breaks SAVEPOINT nesting, which the test rollback recipe needs.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITING) else "BEGIN")


_WRITING = "directory_writing"


@contextlib.contextmanager
def writing(session: OrmSession) -> Iterator[OrmSession]:
    """One unit of work that writes: committed when the block ends, rolled back (and re-raised) on any error.

    What the session was reading ends first, so everything in the block reads the latest committed data. SQLite
    has no row locks: its transaction begins IMMEDIATE, taking the database's write lock, and other writers wait
    their turn (up to the busy timeout). On PostgreSQL, `locked` reads the rows a write depends on FOR UPDATE.
    """
    session.commit()
    session.expire_all()  # what this session loaded before is read again, as it is now
    with session.begin():
        if session.get_bind().dialect.name == "sqlite":
            session.connection(execution_options={_WRITING: True})
        yield session


def locked(session: OrmSession, model: type[T], key: Any) -> T | None:
    """Inside `writing`: the row as it is now (None when there is none), held until the unit of work ends.

    On PostgreSQL a second writer of the same row waits until the first commits, then sees its change (so its
    If-Match fails with 412 instead of losing an update); on SQLite the whole unit of work already holds the lock.
    """
    if session.get_bind().dialect.name == "sqlite":
        return session.get(model, key, populate_existing=True)
    return session.get(model, key, with_for_update=True, populate_existing=True)


def refresh_statistics(session: OrmSession) -> None:
    """After a large import: PostgreSQL's planner statistics gathered again now (ANALYZE), not whenever
    autovacuum next runs (if it is on at all); without them, the first searches after loading a directory
    plan like an empty one. SQLite: nothing."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE"))
        session.commit()


def init_app(app: Flask) -> Engine:
    url = app.config["DATABASE_URL"]
    engine = make_engine(url, echo=bool(app.config.get("SQL_ECHO")))
    Session.configure(bind=engine)
    app.extensions["directory.engine"] = engine

    @app.teardown_appcontext
    def _remove_session(_exc: BaseException | None) -> None:
        Session.remove()

    return engine
