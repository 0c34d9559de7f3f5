"""Authentication of a request: OAuth 1.0 app keys or a bearer token from the login service."""

from __future__ import annotations

import time

from flask import current_app, g, request

from app.db import get_session, write_transaction
from app.domain import Principal
from app.errors import Unauthenticated
from app.services import oauth1, sessions


def now_ms() -> int:
    """Return the current time in epoch milliseconds."""
    return int(time.time() * 1000)


def bearer_token() -> str | None:
    """Return the bearer token of the request's Authorization header, if it has one."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def authenticate() -> Principal:
    """Return the caller's principal, or refuse the request.

    :raises Unauthenticated: with no Authorization header, an unknown scheme, or a credential
        that does not verify.
    """
    header = request.headers.get("Authorization", "")
    scheme = header.partition(" ")[0].lower()
    session = get_session()
    if scheme == "bearer":
        token = bearer_token()
        if not token:
            raise Unauthenticated("The bearer token is empty.", reason="token_rejected")
        return sessions.principal_for_bearer(session, token=token, now_ms=now_ms())
    if scheme == "oauth":
        # Its own transaction: the nonce is spent whatever the view does next.
        with write_transaction(session):
            return oauth1.verify_request(
                session,
                method=request.method,
                uri=request.url,
                authorization=header,
                window_s=current_app.config["OAUTH_TIMESTAMP_WINDOW_SECONDS"],
            )
    if not header:
        raise Unauthenticated(
            "This endpoint needs an Authorization header: OAuth 1.0 or Bearer.",
            reason="missing_credentials",
        )
    raise Unauthenticated("Unknown authorization scheme.", reason="unsupported_scheme")


def current_principal() -> Principal:
    """Return the principal that the route's guard put on the request."""
    principal: Principal = g.principal
    return principal
