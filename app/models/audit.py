"""The access audit: one record per provider read, and the subscribers it touched."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models.types import AccountId, EpochMs


class AccessAudit(Base):
    """Who read what, with which filters, and how many records came back. Never any text."""

    __tablename__ = "access_audit"
    __table_args__ = (sa.Index("ix_access_audit_principal_at", "principal_account_id", "at_ms"),)

    audit_id: Mapped[int] = mapped_column(
        sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    at_ms: Mapped[EpochMs]
    principal_account_id: Mapped[AccountId]
    credential: Mapped[str] = mapped_column(sa.String(200), comment="app key or user, not secret")
    endpoint: Mapped[str] = mapped_column(sa.String(100))
    requested_account_id: Mapped[AccountId]
    filter_names: Mapped[list[str]] = mapped_column(sa.JSON)
    excluded: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON)
    record_count: Mapped[int] = mapped_column(sa.Integer)


class AccessAuditSubscriber(Base):
    """A subscriber whose data one audited read returned, indexed for the subscriber's view."""

    __tablename__ = "access_audit_subscribers"
    __table_args__ = (
        sa.Index("ix_access_audit_subscribers_subscriber", "subscriber_id", "audit_id"),
    )

    audit_id: Mapped[int] = mapped_column(
        sa.ForeignKey("access_audit.audit_id", ondelete="CASCADE"), primary_key=True
    )
    subscriber_id: Mapped[AccountId] = mapped_column(primary_key=True)
    record_count: Mapped[int] = mapped_column(sa.Integer)
