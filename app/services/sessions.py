"""Login sessions as LivePerson's Login Service runs them: username and password for a bearer."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy.orm import Session

from app.domain import LoginSession, Principal
from app.errors import Unauthenticated
from app.models import BearerToken
from app.repositories import credentials
from app.services.passwords import verify_password


def token_hash(token: str) -> str:
    """Return the stored form of a bearer token: its SHA-256, hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def login(
    session: Session, *, account_id: str, username: str, password: str, now_ms: int, ttl_s: int
) -> LoginSession:
    """Check a username and password on an account and issue a bearer token.

    :raises Unauthenticated: for an unknown user or a wrong password (one message for both).
    """
    user = credentials.get_user(session, account_id=account_id, username=username)
    if not verify_password(user.password_hash if user else None, password) or user is None:
        raise Unauthenticated("The username or password is wrong.", reason="Authentication failed")
    bearer = secrets.token_urlsafe(32)
    csrf = secrets.token_hex(16)
    expires_at_ms = now_ms + ttl_s * 1000
    credentials.add_bearer_token(
        session,
        BearerToken(
            token_hash=token_hash(bearer),
            user_id=user.user_id,
            account_id=account_id,
            csrf_token=csrf,
            issued_at_ms=now_ms,
            expires_at_ms=expires_at_ms,
            revoked_at_ms=None,
        ),
    )
    return LoginSession(
        bearer=bearer,
        csrf=csrf,
        account_id=account_id,
        username=username,
        expires_at_ms=expires_at_ms,
    )


def principal_for_bearer(session: Session, *, token: str, now_ms: int) -> Principal:
    """Return the principal of a bearer token that is neither expired nor logged out.

    :raises Unauthenticated: for an unknown, expired or revoked token.
    """
    found = credentials.get_bearer_token(session, token_hash=token_hash(token))
    if found is None:
        raise Unauthenticated("The bearer token is not known.", reason="token_rejected")
    bearer, user, account = found
    if bearer.revoked_at_ms is not None:
        raise Unauthenticated("The bearer token was logged out.", reason="token_revoked")
    if bearer.expires_at_ms <= now_ms:
        raise Unauthenticated("The bearer token has expired.", reason="token_expired")
    if user.disabled_at_ms is not None:
        raise Unauthenticated("The user is disabled.", reason="token_rejected")
    return Principal(
        account_id=bearer.account_id,
        account_kind=account.kind,
        credential=f"user:{user.username}",
        permissions=frozenset(user.permissions or ()),
    )


def logout(session: Session, *, token: str, now_ms: int) -> None:
    """End a login session: the token is refused from now on."""
    credentials.revoke_bearer_token(session, token_hash=token_hash(token), now_ms=now_ms)


def refresh(session: Session, *, token: str, csrf: str, now_ms: int, ttl_s: int) -> int:
    """Extend a live login session by the token lifetime; return the new expiry (ms).

    :raises Unauthenticated: for a dead token, or a csrf value that is not the token's.
    """
    principal_for_bearer(session, token=token, now_ms=now_ms)
    found = credentials.get_bearer_token(session, token_hash=token_hash(token))
    if found is None or not secrets.compare_digest(found[0].csrf_token, csrf):
        raise Unauthenticated("The csrf value does not belong to this token.", reason="csrf")
    expires_at_ms = now_ms + ttl_s * 1000
    credentials.extend_bearer_token(
        session, token_hash=token_hash(token), expires_at_ms=expires_at_ms
    )
    return expires_at_ms
