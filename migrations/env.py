"""Alembic environment: one migration history for SQLite and PostgreSQL."""

from __future__ import annotations

import os
from logging.config import fileConfig
from typing import Any

from alembic import context

import app.models  # noqa: F401  (registers every table on Base.metadata)
from app.config import Config
from app.db import Base, create_db_engine

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

# Objects that are not in the ORM metadata because they are dialect-specific: the full-text
# indexes (SQLite FTS5 tables and their shadow tables, PostgreSQL GIN expression index).
DIALECT_SPECIFIC_PREFIXES = ("conversation_texts_fts", "ix_conversation_texts_tsv")


def include_name(name: str | None, type_: str, _parent_names: Any) -> bool:
    return not (name and name.startswith(DIALECT_SPECIFIC_PREFIXES))


def database_url() -> str:
    """Return the URL: `-x url=...`, then the config's sqlalchemy.url, then DATABASE_URL."""
    return (
        context.get_x_argument(as_dictionary=True).get("url")
        or config.get_main_option("sqlalchemy.url")
        or Config().DATABASE_URL
    )


def run_migrations_offline() -> None:
    context.configure(url=database_url(), target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = database_url()
    if url.startswith("sqlite:///"):
        os.makedirs(os.path.dirname(os.path.abspath(url.removeprefix("sqlite:///"))), exist_ok=True)
    engine = create_db_engine(url)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()  # the timeouts set before alembic's transaction opened one already
    engine.dispose()


def _run(connection: Any) -> None:
    is_postgres = connection.dialect.name == "postgresql"
    if is_postgres:
        # A migration that waits on a lock would stall every request queued behind it.
        connection.exec_driver_sql("SET lock_timeout = '10s'")
        connection.exec_driver_sql("SET statement_timeout = '10min'")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        compare_type=True,
        compare_server_default=is_postgres,
        include_name=include_name,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
