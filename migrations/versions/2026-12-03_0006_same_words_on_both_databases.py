"""SQLite's full-text index keeps diacritics, as PostgreSQL's does

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 23:10:00

The FTS5 table was built with remove_diacritics 2, so on SQLite "jose" found "José" while on
PostgreSQL ('simple' configuration, which only lower-cases) it did not: the same search gave two
answers depending on the database. Both now fold case only. The FTS5 table is rebuilt from
conversation_texts (it stores no text of its own).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _statements(tokenizer: str) -> list[str]:
    return [
        "DROP TRIGGER conversation_texts_fts_update",
        "DROP TRIGGER conversation_texts_fts_delete",
        "DROP TRIGGER conversation_texts_fts_insert",
        "DROP TABLE conversation_texts_fts",
        f"""CREATE VIRTUAL TABLE conversation_texts_fts USING fts5(
               body, content='conversation_texts', content_rowid='text_id',
               tokenize='{tokenizer}', columnsize=0)""",
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
        "INSERT INTO conversation_texts_fts(conversation_texts_fts) VALUES ('rebuild')",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _statements("unicode61 remove_diacritics 0"):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _statements("unicode61 remove_diacritics 2"):
            op.execute(statement)
