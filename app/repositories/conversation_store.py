"""Writes of conversation rows: versions lookup, replacement and bulk insert."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain import StoredConversation
from app.models import Conversation, ConversationFacet, ConversationSections, ConversationText

CHUNK = 500  # ids per IN list: far below SQLite's and PostgreSQL's parameter limits

CHILD_TABLES = (ConversationFacet, ConversationText, ConversationSections)


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def stored_versions(
    session: Session, *, account_id: str, conversation_ids: Sequence[str]
) -> dict[str, tuple[str, int]]:
    """Return {conversation id: (content hash, last update ms)} of those already stored."""
    versions: dict[str, tuple[str, int]] = {}
    for chunk in _chunks(conversation_ids):
        rows = session.execute(
            sa.select(
                Conversation.conversation_id, Conversation.content_hash, Conversation.last_update_ms
            ).where(Conversation.account_id == account_id, Conversation.conversation_id.in_(chunk))
        )
        versions.update({cid: (h, ts) for cid, h, ts in rows})
    return versions


def delete(session: Session, *, account_id: str, conversation_ids: Sequence[str]) -> None:
    """Delete conversations and every row that hangs off them."""
    for chunk in _chunks(conversation_ids):
        for model in (*CHILD_TABLES, Conversation):
            session.execute(
                sa.delete(model).where(
                    model.account_id == account_id, model.conversation_id.in_(chunk)
                )
            )


def insert(session: Session, rows: Sequence[StoredConversation]) -> None:
    """Insert new conversations: one bulk statement per table, whatever the number of records.

    This is the write path of ingestion and of the seed, so it talks to the driver directly:
    PostgreSQL's COPY, SQLite's executemany over tuples. Building ORM objects or SQLAlchemy
    parameter dictionaries for tens of thousands of rows would cost more than the database work.
    """
    if not rows:
        return
    conversation_columns = list(rows[0].conversation)
    section_columns = ["account_id", "conversation_id", *rows[0].sections]
    batches: list[tuple[str, list[str], Iterable[tuple[object, ...]]]] = [
        (
            Conversation.__tablename__,
            conversation_columns,
            (tuple(r.conversation.values()) for r in rows),
        ),
        (
            ConversationSections.__tablename__,
            section_columns,
            ((r.account_id, r.conversation_id, *r.sections.values()) for r in rows),
        ),
        (
            ConversationFacet.__tablename__,
            ["account_id", "conversation_id", "facet", "value"],
            ((r.account_id, r.conversation_id, f, v) for r in rows for f, v in r.facets),
        ),
        (
            ConversationText.__tablename__,
            ["account_id", "conversation_id", "field", "body"],
            ((r.account_id, r.conversation_id, f, b) for r in rows for f, b in r.texts),
        ),
    ]
    connection = session.connection()
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        for table, columns, values in batches:
            names = ", ".join(columns)
            if connection.dialect.name == "postgresql":
                with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # our names
                    for value in values:
                        copy.write_row(value)
            else:
                marks = ", ".join("?" * len(columns))
                sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - our names
                cursor.executemany(sql, list(values))
    finally:
        cursor.close()
