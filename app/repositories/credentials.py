"""Reads and writes of credentials: app keys, users, bearer tokens and OAuth nonces."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Account, AppKey, BearerToken, OAuthNonce, User


def get_app_key(session: Session, *, consumer_key: str) -> AppKey | None:
    """Return the enabled app key with this consumer key, if any."""
    return session.scalar(
        sa.select(AppKey).where(
            AppKey.consumer_key == consumer_key, AppKey.disabled_at_ms.is_(None)
        )
    )


def get_account(session: Session, *, account_id: str) -> Account | None:
    """Return the account with this id, if any."""
    return session.get(Account, account_id)


def get_user(session: Session, *, account_id: str, username: str) -> User | None:
    """Return the enabled user of this account with this username, if any."""
    return session.scalar(
        sa.select(User).where(
            User.account_id == account_id,
            User.username == username,
            User.disabled_at_ms.is_(None),
        )
    )


def nonce_seen(session: Session, *, consumer_key: str, timestamp: int, nonce: str) -> bool:
    """Tell whether this nonce was already used by this consumer key at this timestamp."""
    found = session.scalar(
        sa.select(sa.literal(1)).where(
            OAuthNonce.consumer_key == consumer_key,
            OAuthNonce.timestamp == timestamp,
            OAuthNonce.nonce == nonce,
        )
    )
    return found is not None


def record_nonce(session: Session, *, consumer_key: str, timestamp: int, nonce: str) -> None:
    """Store a used nonce; a concurrent replay fails on the primary key."""
    session.execute(
        sa.insert(OAuthNonce).values(consumer_key=consumer_key, timestamp=timestamp, nonce=nonce)
    )


def purge_nonces(session: Session, *, older_than_s: int, consumer_key: str | None = None) -> int:
    """Delete nonces whose timestamps are outside the accepted window (of one key, or all)."""
    statement = sa.delete(OAuthNonce).where(OAuthNonce.timestamp < older_than_s)
    if consumer_key is not None:
        statement = statement.where(OAuthNonce.consumer_key == consumer_key)
    result = session.execute(statement)
    return int(getattr(result, "rowcount", 0) or 0)


def add_bearer_token(session: Session, token: BearerToken) -> None:
    """Store a newly issued bearer token (its hash)."""
    session.add(token)
    session.flush()


def get_bearer_token(
    session: Session, *, token_hash: str
) -> tuple[BearerToken, User, Account] | None:
    """Return a bearer token with its user and account, whatever its state (one statement: it
    runs on every request); the caller judges validity."""
    row = session.execute(
        sa.select(BearerToken, User, Account)
        .join(User, User.user_id == BearerToken.user_id)
        .join(Account, Account.account_id == BearerToken.account_id)
        .where(BearerToken.token_hash == token_hash)
    ).first()
    return None if row is None else (row[0], row[1], row[2])


def revoke_bearer_token(session: Session, *, token_hash: str, now_ms: int) -> None:
    """Stamp a bearer token as revoked (logout)."""
    session.execute(
        sa.update(BearerToken)
        .where(BearerToken.token_hash == token_hash, BearerToken.revoked_at_ms.is_(None))
        .values(revoked_at_ms=now_ms)
    )


def extend_bearer_token(session: Session, *, token_hash: str, expires_at_ms: int) -> None:
    """Move a bearer token's expiry (refresh)."""
    session.execute(
        sa.update(BearerToken)
        .where(BearerToken.token_hash == token_hash)
        .values(expires_at_ms=expires_at_ms)
    )
