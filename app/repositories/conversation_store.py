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
    """Insert new conversations: four multi-row statements, whatever the number of records."""
    if not rows:
        return
    session.execute(sa.insert(Conversation), [r.conversation for r in rows])
    session.execute(
        sa.insert(ConversationSections),
        [
            {"account_id": r.account_id, "conversation_id": r.conversation_id, **r.sections}
            for r in rows
        ],
    )
    facets = [
        {"account_id": r.account_id, "conversation_id": r.conversation_id, "facet": f, "value": v}
        for r in rows
        for f, v in r.facets
    ]
    if facets:
        session.execute(sa.insert(ConversationFacet), facets)
    texts = [
        {"account_id": r.account_id, "conversation_id": r.conversation_id, "field": f, "body": b}
        for r in rows
        for f, b in r.texts
    ]
    if texts:
        session.execute(sa.insert(ConversationText), texts)
