"""`python -m seed`: the demo marketplace, stored as ingestion stores it, on both databases."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import orjson
import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.orm import Session

from app.config import PROJECT_ROOT
from app.db import create_db_engine
from app.models import Account, AppKey, Contract, Conversation, ConversationSections, User
from app.models.conversation import SECTION_COLUMNS, join_info
from schemas.records import load_record
from tests.conftest import BACKENDS, alembic_config

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def run_seed(url, *args, env_name="development"):
    env = {**os.environ, "DATABASE_URL": url, "ENV": env_name}
    return subprocess.run(  # noqa: S603 - our own seed command, fixed arguments
        [sys.executable, "-m", "seed", "--quiet", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def record_from_sections(row):
    record = {"info": orjson.loads(join_info(row.info, row.info_pii))}
    for key, column in SECTION_COLUMNS.items():
        text = getattr(row, column)
        if text is not None:
            record[key] = orjson.loads(text)
    return record


@pytest.fixture(scope="module", params=BACKENDS)
def seeded_url(request, fresh_database):
    url = fresh_database(request.param)
    command.upgrade(alembic_config(url), "head")
    result = run_seed(url, "--conversations", "1500", "--seed", "7")
    assert result.returncode == 0, result.stderr
    assert "seeded 1500 conversations" in result.stdout
    return url


def test_identities_and_conversations_are_there(seeded_url):
    engine = create_db_engine(seeded_url)
    with Session(engine) as session:
        count = session.scalar(sa.select(sa.func.count()).select_from(Conversation))
        accounts = session.scalar(sa.select(sa.func.count()).select_from(Account))
        contracts = session.scalar(sa.select(sa.func.count()).select_from(Contract))
        keys = set(session.scalars(sa.select(AppKey.consumer_key)))
        users = set(session.scalars(sa.select(User.username)))
        owners = set(session.scalars(sa.select(Conversation.account_id).distinct()))
    engine.dispose()
    assert count == 1500
    assert accounts == 22  # the platform, the provider, 20 subscribers
    assert contracts == 19  # every subscriber but 70000019
    assert keys == {"demo-provider-key", "demo-sub1-key", "demo-platform-key"}
    assert users == {"analyst", "sub1-admin"}
    assert owners <= {str(70000001 + i) for i in range(20)}
    assert len(owners) >= 15


def test_stored_records_are_valid_records(seeded_url):
    engine = create_db_engine(seeded_url)
    with Session(engine) as session:
        rows = session.scalars(
            sa.select(ConversationSections)
            .order_by(ConversationSections.conversation_id)
            .limit(200)
        ).all()
    engine.dispose()
    assert len(rows) == 200
    for row in rows:
        record = record_from_sections(row)
        assert load_record(record) == record


def test_second_run_with_if_empty_does_nothing(seeded_url):
    result = run_seed(seeded_url, "--if-empty", "--conversations", "10")
    assert result.returncode == 0
    assert "already loaded" in result.stdout


def test_refuses_outside_development(fresh_database):
    url = fresh_database("sqlite")
    result = run_seed(url, "--conversations", "10", env_name="production")
    assert result.returncode == 2
    assert "refusing to seed" in result.stdout


def test_a_seeded_sqlite_database_is_whole_and_back_in_wal(fresh_database):
    """The seed loads SQLite without a rollback journal; afterwards, and after a second run that
    finds the data loaded, the file must be intact and in WAL mode, as the service expects it
    (readers beside one writer)."""
    url = fresh_database("sqlite")
    command.upgrade(alembic_config(url), "head")
    assert run_seed(url, "--conversations", "300", "--seed", "3").returncode == 0
    assert "already loaded" in run_seed(url, "--if-empty", "--conversations", "10").stdout
    plain = sqlite3.connect(sa.make_url(url).database)
    try:
        assert plain.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert plain.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # FTS5 checks its index against the texts it was built from; a mismatch raises.
        plain.execute(
            "INSERT INTO conversation_texts_fts(conversation_texts_fts, rank) "
            "VALUES ('integrity-check', 1)"
        )
        assert plain.execute("SELECT count(*) FROM conversations").fetchone() == (300,)
    finally:
        plain.close()
