"""Fixtures: every database test runs on SQLite and on PostgreSQL, each in a fresh database.

The schema is built by the migrations, never by create_all. The demo identities are committed
once per database; each test then runs inside a transaction that is rolled back, and the app's
sessions join that transaction through savepoints, so a test sees its own writes and leaves none.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from app import create_app
from app.config import PROJECT_ROOT, TestConfig
from app.db import create_db_engine
from seed.demo import add_demo_identities

BACKENDS = [b for b in os.environ.get("TEST_DATABASES", "sqlite,postgresql").split(",") if b]
POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def alembic_config(url: str) -> AlembicConfig:
    """Return an alembic configuration for a database URL, without touching logging."""
    config = AlembicConfig(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url)
    config.attributes["configure_logger"] = False
    return config


def new_database_url(backend: str, directory: Path) -> str:
    """Create an empty database of the backend and return its URL."""
    name = f"mmi_test_{os.getpid()}_{secrets.token_hex(4)}"
    if backend == "sqlite":
        return f"sqlite:///{directory / (name + '.db')}"
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return sa.make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    """Drop a database made by new_database_url (a SQLite file goes with its folder)."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture(scope="session")
def fresh_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Return a function that makes a new empty database of a backend, dropped after the run."""
    made: list[str] = []

    def make(backend: str) -> str:
        url = new_database_url(backend, tmp_path_factory.mktemp("db"))
        made.append(url)
        return url

    yield make
    for url in made:
        drop_database(url)


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, fresh_database: Any) -> str:
    """The URL of this run's migrated database with the demo identities, per backend."""
    url: str = fresh_database(request.param)
    command.upgrade(alembic_config(url), "head")
    engine = create_db_engine(url)
    with Session(engine) as session, session.begin():
        add_demo_identities(session, now_ms=int(time.time() * 1000))
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_db_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """A connection inside a transaction that the test never commits."""
    with engine.connect() as conn:
        transaction = conn.begin()
        yield conn
        transaction.rollback()


@pytest.fixture
def session(connection: Connection) -> Iterator[Session]:
    """A session whose commits are savepoints of the test's transaction."""
    with Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    ) as session:
        yield session


@pytest.fixture
def app_config() -> dict[str, Any]:
    """Overrides of the test app's configuration; a test or module may override this fixture."""
    return {}


@pytest.fixture
def app(connection: Connection, database_url: str, app_config: dict[str, Any]) -> Iterator[Flask]:
    settings = {"PUBLIC_HOST": "127.0.0.1:8000", **app_config}  # whatever PORT the shell has
    app = create_app(TestConfig(DATABASE_URL=database_url, **settings))
    app.extensions["db_sessionmaker"] = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client that checks every response against openapi.yaml."""
    from tests.support.openapi import ContractClient

    app.test_client_class = ContractClient
    return app.test_client()
