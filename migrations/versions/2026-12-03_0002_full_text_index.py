"""full-text index over conversation texts

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 18:40:00

PostgreSQL: a GIN index on to_tsvector('simple', body). SQLite: an FTS5 table over the same rows,
kept in step by triggers. Both use the 'simple' kind of tokenising (no stemming), so a keyword
search gives the same answer on either database. No ranking is needed (results are ordered by
time), so FTS5 keeps no per-row sizes (columnsize=0), which makes inserts cheaper.

A migration must stay compatible with the code of the previous release: that code keeps running
against the new schema until every host is deployed.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = [
    """CREATE VIRTUAL TABLE conversation_texts_fts USING fts5(
           body, content='conversation_texts', content_rowid='text_id',
           tokenize='unicode61 remove_diacritics 2', columnsize=0)""",
    """CREATE TRIGGER conversation_texts_fts_insert AFTER INSERT ON conversation_texts BEGIN
           INSERT INTO conversation_texts_fts(rowid, body) VALUES (new.text_id, new.body);
       END""",
    """CREATE TRIGGER conversation_texts_fts_delete AFTER DELETE ON conversation_texts BEGIN
           INSERT INTO conversation_texts_fts(conversation_texts_fts, rowid, body)
           VALUES ('delete', old.text_id, old.body);
       END""",
    """CREATE TRIGGER conversation_texts_fts_update AFTER UPDATE ON conversation_texts BEGIN
           INSERT INTO conversation_texts_fts(conversation_texts_fts, rowid, body)
           VALUES ('delete', old.text_id, old.body);
           INSERT INTO conversation_texts_fts(rowid, body) VALUES (new.text_id, new.body);
       END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER conversation_texts_fts_update",
    "DROP TRIGGER conversation_texts_fts_delete",
    "DROP TRIGGER conversation_texts_fts_insert",
    "DROP TABLE conversation_texts_fts",
]
POSTGRES_UP = [
    """CREATE INDEX ix_conversation_texts_tsv ON conversation_texts
       USING gin (to_tsvector('simple'::regconfig, body))""",
]
POSTGRES_DOWN = ["DROP INDEX ix_conversation_texts_tsv"]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    _run(SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRES_UP)


def downgrade() -> None:
    _run(SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWN)
