"""Credentials: OAuth 1.0 app keys, users with passwords, bearer tokens, seen OAuth nonces."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models.types import AccountId, EpochMs, OptionalEpochMs


class AppKey(Base):
    """A LivePerson-style API key: four values that sign requests with OAuth 1.0 HMAC-SHA1.

    The secrets are kept as given: HMAC verification needs the shared secret itself, exactly as
    LivePerson's own key store does. Protect the database accordingly.
    """

    __tablename__ = "app_keys"
    __table_args__ = (sa.Index("ix_app_keys_account", "account_id"),)

    consumer_key: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    account_id: Mapped[AccountId] = mapped_column(sa.ForeignKey("accounts.account_id"))
    consumer_secret: Mapped[str] = mapped_column(sa.String(200))
    access_token: Mapped[str] = mapped_column(sa.String(200), unique=True)
    token_secret: Mapped[str] = mapped_column(sa.String(200))
    permissions: Mapped[list[str]] = mapped_column(sa.JSON, comment='e.g. ["read", "ingest"]')
    label: Mapped[str] = mapped_column(sa.String(200))
    created_at_ms: Mapped[EpochMs]
    disabled_at_ms: Mapped[OptionalEpochMs]


class User(Base):
    """A person who logs in to one account with a username and password."""

    __tablename__ = "users"
    __table_args__ = (sa.UniqueConstraint("account_id", "username"),)

    user_id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[AccountId] = mapped_column(sa.ForeignKey("accounts.account_id"))
    username: Mapped[str] = mapped_column(sa.String(100))
    password_hash: Mapped[str] = mapped_column(sa.String(200), comment="argon2id")
    permissions: Mapped[list[str]] = mapped_column(sa.JSON)
    full_name: Mapped[str] = mapped_column(sa.String(200))
    created_at_ms: Mapped[EpochMs]
    disabled_at_ms: Mapped[OptionalEpochMs]


class BearerToken(Base):
    """A login session. Only the SHA-256 of the token is stored, never the token."""

    __tablename__ = "bearer_tokens"
    __table_args__ = (sa.Index("ix_bearer_tokens_user", "user_id"),)

    token_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.user_id"))
    account_id: Mapped[AccountId] = mapped_column(sa.ForeignKey("accounts.account_id"))
    csrf_token: Mapped[str] = mapped_column(sa.String(64))
    issued_at_ms: Mapped[EpochMs]
    expires_at_ms: Mapped[EpochMs]
    revoked_at_ms: Mapped[OptionalEpochMs]


class OAuthNonce(Base):
    """A nonce already used with a consumer key; a second use within the window is a replay."""

    __tablename__ = "oauth_nonces"

    consumer_key: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    timestamp: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True, comment="seconds")
    nonce: Mapped[str] = mapped_column(sa.String(100), primary_key=True)


def as_permissions(value: Any) -> frozenset[str]:
    """Return a stored permission list as a set (tolerating NULL from hand-made rows)."""
    return frozenset(value or ())
