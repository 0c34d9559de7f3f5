"""Migrations build the whole schema, tear it down and build it again, on both databases."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command

from app.db import Base, create_db_engine
from tests.conftest import BACKENDS, alembic_config

pytestmark = pytest.mark.integration


def table_names(url):
    engine = create_db_engine(url)
    with engine.connect() as conn:
        names = set(sa.inspect(conn).get_table_names())
    engine.dispose()
    return names - {"alembic_version"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrade_downgrade_upgrade(backend, fresh_database):
    url = fresh_database(backend)
    config = alembic_config(url)
    command.upgrade(config, "head")
    tables = table_names(url)
    assert set(Base.metadata.tables) <= tables
    command.downgrade(config, "base")
    assert table_names(url) == set()
    command.upgrade(config, "head")
    assert table_names(url) == tables
    command.check(config)  # raises if the models and the migrated schema differ


def test_stored_json_is_lz4_compressed_on_postgresql(fresh_database):
    if "postgresql" not in BACKENDS:
        pytest.fail("this test needs PostgreSQL (TEST_DATABASES lacks it)")
    url = fresh_database("postgresql")
    command.upgrade(alembic_config(url), "head")
    engine = create_db_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT c.relname, a.attname, a.attcompression FROM pg_attribute a "
                "JOIN pg_class c ON c.oid = a.attrelid "
                "WHERE c.relname IN ('conversation_sections', 'conversation_texts') "
                "AND a.atttypid = 'text'::regtype AND a.attnum > 0"
            )
        ).all()
    engine.dispose()
    assert rows
    assert {(table, column) for table, column, method in rows if method != "l"} == set()
