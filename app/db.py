"""The database handle: engine and session factory per app, one session per app context."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app, g
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


BULK_LOAD_CACHE_KIB = 128 * 1024  # a chunk of the seed and its index pages fit in the cache


def create_db_engine(url: str, *, echo: bool = False, bulk_load: bool = False) -> Engine:
    """Build an engine that behaves the same way on SQLite and PostgreSQL.

    ``bulk_load`` is for loading demo data into a database nobody uses yet (the seed): commits
    do not wait for the disk, and SQLite keeps no rollback journal and a large page cache. A
    crash or a failed transaction during such a load can lose or (SQLite) spoil what was being
    loaded; loading again is the remedy.
    """
    url_obj = sa.make_url(url)
    kwargs: dict[str, Any] = {"echo": echo}
    if url_obj.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
    else:
        kwargs.update(pool_pre_ping=True, pool_size=5, max_overflow=10)
        if bulk_load:  # a commit need not wait for its WAL flush; a crash loses only the tail
            kwargs["connect_args"] = {"options": "-c synchronous_commit=off"}
    engine = sa.create_engine(url_obj, **kwargs)
    if url_obj.get_backend_name() == "sqlite":
        _make_sqlite_transactional(engine, bulk_load=bulk_load)
    return engine


def _make_sqlite_transactional(engine: Engine, *, bulk_load: bool) -> None:
    # pysqlite opens transactions lazily and on its own terms, which breaks SAVEPOINT and
    # lets a batch half-commit; SQLAlchemy's documented recipe hands BEGIN back to us.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if bulk_load:
            # No journal: a new page needs no copy of its old self. A WAL file is left (and the
            # next ordinary connection returns to WAL) when this is the only connection; with
            # other connections open SQLite keeps WAL, which is slower but as safe.
            cursor.execute("PRAGMA journal_mode=OFF")
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute(f"PRAGMA cache_size=-{BULK_LOAD_CACHE_KIB}")
        else:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


WRITE_OPTION = "begin_as_writer"


@contextmanager
def write_transaction(session: Session) -> Iterator[Session]:
    """Run a block as one write transaction: committed at the end, rolled back on error.

    The transaction is a writer from its first statement (see begin_write).
    """
    begin_write(session)
    try:
        yield session
    except BaseException:
        session.rollback()
        raise
    session.commit()


def begin_write(session: Session) -> None:
    """Make the session's next transaction a writer from its first statement.

    SQLite lets one writer in at a time; a transaction that read first and writes later cannot
    wait for the lock (its snapshot may be stale) and fails at once with "database is locked".
    Starting writers with BEGIN IMMEDIATE makes them queue for the lock instead. PostgreSQL
    needs nothing of this. Whatever transaction the session had open is committed first.
    """
    if session.in_transaction():
        session.commit()
    if session.get_bind().dialect.name == "sqlite":
        session.connection(execution_options={WRITE_OPTION: True})


def init_app(app: Flask) -> None:
    """Create the engine and session factory for this app and close sessions after requests."""
    engine = create_db_engine(app.config["DATABASE_URL"], echo=app.config.get("SQL_ECHO", False))
    app.extensions["db_engine"] = engine
    app.extensions["db_sessionmaker"] = sessionmaker(bind=engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def get_engine() -> Engine:
    """Return the engine of the current app."""
    engine: Engine = current_app.extensions["db_engine"]
    return engine


def get_session() -> Session:
    """Return the session of the current app context, creating it on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["db_sessionmaker"]()
    session: Session = g.db_session
    return session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
