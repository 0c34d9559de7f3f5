"""Accounts and the marketplace network that links providers to subscribers."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models.types import AccountId, EpochMs, OptionalEpochMs

ACCOUNT_KINDS = ("provider", "subscriber", "platform")


class Account(Base):
    """A LivePerson-style account: a provider (marketplace), a subscriber business, or us."""

    __tablename__ = "accounts"
    __table_args__ = (
        sa.CheckConstraint("kind IN ('provider', 'subscriber', 'platform')", name="kind_is_known"),
    )

    account_id: Mapped[AccountId] = mapped_column(primary_key=True, comment="digits, e.g. 70000001")
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[str] = mapped_column(sa.String(16))
    created_at_ms: Mapped[EpochMs]


class NetworkMembership(Base):
    """A subscriber's membership of a provider's marketplace, from joining to leaving."""

    __tablename__ = "network_memberships"
    __table_args__ = (sa.Index("ix_network_memberships_subscriber", "subscriber_id"),)

    provider_id: Mapped[AccountId] = mapped_column(
        sa.ForeignKey("accounts.account_id"), primary_key=True
    )
    subscriber_id: Mapped[AccountId] = mapped_column(
        sa.ForeignKey("accounts.account_id"), primary_key=True
    )
    joined_at_ms: Mapped[EpochMs]
    left_at_ms: Mapped[OptionalEpochMs]
