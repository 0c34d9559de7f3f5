"""Writes and reads of the access audit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import AccessAudit, AccessAuditSubscriber


def add(session: Session, entry: AccessAudit, subscribers: Sequence[tuple[str, int]]) -> None:
    """Store one audit record and the subscribers it read, with how many records of each."""
    session.add(entry)
    session.flush()  # the record's id, for its subscriber rows
    session.add_all(
        AccessAuditSubscriber(audit_id=entry.audit_id, subscriber_id=sid, record_count=n)
        for sid, n in subscribers
    )
    session.flush()


def _page(
    session: Session, statement: sa.Select[*tuple[Any, ...]], *, offset: int, limit: int
) -> tuple[int, list[Any]]:
    count = session.scalar(sa.select(sa.func.count()).select_from(statement.subquery())) or 0
    rows = list(session.execute(statement.offset(offset).limit(limit))) if count else []
    return count, rows


def reads_by(
    session: Session,
    *,
    account_id: str,
    since_ms: int | None,
    until_ms: int | None,
    offset: int,
    limit: int,
) -> tuple[int, list[AccessAudit], dict[int, list[tuple[str, int]]]]:
    """The reads an account made, newest first, with the subscribers each one read."""
    statement = (
        sa.select(AccessAudit)
        .where(AccessAudit.principal_account_id == account_id, *_between(since_ms, until_ms))
        .order_by(AccessAudit.at_ms.desc(), AccessAudit.audit_id.desc())
    )
    count, rows = _page(session, statement, offset=offset, limit=limit)
    entries = [row[0] for row in rows]
    read: dict[int, list[tuple[str, int]]] = {e.audit_id: [] for e in entries}
    if entries:
        subscribers = session.execute(
            sa.select(
                AccessAuditSubscriber.audit_id,
                AccessAuditSubscriber.subscriber_id,
                AccessAuditSubscriber.record_count,
            )
            .where(AccessAuditSubscriber.audit_id.in_(list(read)))
            .order_by(AccessAuditSubscriber.audit_id, AccessAuditSubscriber.subscriber_id)
        )
        for audit_id, subscriber_id, record_count in subscribers:
            read[audit_id].append((subscriber_id, record_count))
    return count, entries, read


def reads_of(
    session: Session,
    *,
    subscriber_id: str,
    since_ms: int | None,
    until_ms: int | None,
    offset: int,
    limit: int,
) -> tuple[int, list[tuple[AccessAudit, int]]]:
    """The reads that touched a subscriber's data, newest first, with how many of its records
    each one returned."""
    statement = (
        sa.select(AccessAudit, AccessAuditSubscriber.record_count)
        .join(AccessAuditSubscriber, AccessAuditSubscriber.audit_id == AccessAudit.audit_id)
        .where(AccessAuditSubscriber.subscriber_id == subscriber_id, *_between(since_ms, until_ms))
        .order_by(AccessAudit.at_ms.desc(), AccessAudit.audit_id.desc())
    )
    count, rows = _page(session, statement, offset=offset, limit=limit)
    return count, [(entry, n) for entry, n in rows]


def _between(since_ms: int | None, until_ms: int | None) -> list[sa.ColumnElement[bool]]:
    parts = []
    if since_ms is not None:
        parts.append(AccessAudit.at_ms >= since_ms)
    if until_ms is not None:
        parts.append(AccessAudit.at_ms <= until_ms)
    return parts
