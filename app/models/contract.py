"""Consent contracts between a provider and a subscriber.

A contract is never edited or deleted: a change is a new record, and a revocation stamps the
record once. Database triggers (see the migration that creates this table) refuse everything else,
so that the history of what was consented to stays true whatever code runs against it.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models.types import AccountId, EpochMs, OptionalEpochMs

DATA_CATEGORIES = ("metadata", "transcripts", "consumer_pii", "surveys")


class Contract(Base):
    """What a subscriber lets a provider read, and for how long."""

    __tablename__ = "contracts"
    __table_args__ = (
        sa.Index("ix_contracts_provider_subscriber", "provider_id", "subscriber_id"),
        sa.Index("ix_contracts_subscriber", "subscriber_id"),
        sa.CheckConstraint(
            "covers_to_ms IS NULL OR covers_from_ms IS NULL OR covers_from_ms <= covers_to_ms",
            name="covered_window_is_ordered",
        ),
        sa.CheckConstraint(
            "expires_at_ms IS NULL OR effective_from_ms <= expires_at_ms",
            name="validity_is_ordered",
        ),
    )

    contract_id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    provider_id: Mapped[AccountId] = mapped_column(sa.ForeignKey("accounts.account_id"))
    subscriber_id: Mapped[AccountId] = mapped_column(sa.ForeignKey("accounts.account_id"))
    # One flag per data category, rather than a list, so that the consent rule is plain SQL.
    grants_metadata: Mapped[bool] = mapped_column(sa.Boolean)
    grants_transcripts: Mapped[bool] = mapped_column(sa.Boolean)
    grants_consumer_pii: Mapped[bool] = mapped_column(sa.Boolean)
    grants_surveys: Mapped[bool] = mapped_column(sa.Boolean)
    covers_from_ms: Mapped[OptionalEpochMs] = mapped_column(
        comment="earliest conversation start time covered; NULL = no lower bound"
    )
    covers_to_ms: Mapped[OptionalEpochMs] = mapped_column(
        comment="latest conversation start time covered; NULL = no upper bound"
    )
    effective_from_ms: Mapped[EpochMs]
    expires_at_ms: Mapped[OptionalEpochMs]
    revoked_at_ms: Mapped[OptionalEpochMs]
    revocation_reason: Mapped[str | None] = mapped_column(sa.String(500))
    revoked_by: Mapped[str | None] = mapped_column(sa.String(200))
    agreement_ref: Mapped[str] = mapped_column(sa.String(200))
    supersedes_id: Mapped[int | None] = mapped_column(sa.ForeignKey("contracts.contract_id"))
    created_at_ms: Mapped[EpochMs]
    created_by: Mapped[str] = mapped_column(sa.String(200))

    @property
    def categories(self) -> tuple[str, ...]:
        """The data categories this contract grants, in the canonical order."""
        return tuple(c for c in DATA_CATEGORIES if getattr(self, f"grants_{c}"))
