"""The login service (LivePerson's agentVep): login, refresh and logout with bearer tokens."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from app.api.auth import bearer_token, current_principal, now_ms
from app.api.decorators import Access, api_route
from app.api.requests import json_body
from app.api.responses import json_response
from app.db import get_session, write_transaction
from app.errors import Forbidden, Unauthenticated
from app.services import sessions
from schemas.auth import LoginQueryArgsSchema, LoginRequestSchema, RefreshRequestSchema

login_service = Blueprint("login", __name__)


@api_route(login_service, "/api/account/<account_id>/login", methods=["POST"], access=Access.PUBLIC)
def login(account_id: str) -> Response:
    """Exchange a username and password for a bearer token and a csrf value."""
    LoginQueryArgsSchema().load(request.args)
    body = LoginRequestSchema().load(json_body())
    ttl_s = current_app.config["BEARER_TOKEN_TTL_SECONDS"]
    with write_transaction(get_session()) as session:
        issued = sessions.login(
            session,
            account_id=account_id,
            username=body["username"],
            password=body["password"],
            now_ms=now_ms(),
            ttl_s=ttl_s,
        )
    return json_response(
        {
            "bearer": issued.bearer,
            "csrf": issued.csrf,
            "wasSessionReused": False,
            "sessionTTl": str(ttl_s),
            "config": {
                "accountId": account_id,
                "loginName": issued.username,
                "serverCurrentTime": now_ms(),
                "timeDiff": 0,
            },
        }
    )


def _own_token(account_id: str) -> str:
    principal = current_principal()
    token = bearer_token()
    if token is None:
        raise Unauthenticated("Logout and refresh need the bearer token.", reason="token_rejected")
    if principal.account_id != account_id:
        raise Forbidden(f"This token belongs to account {principal.account_id}.")
    return token


@api_route(
    login_service,
    "/api/account/<account_id>/refresh",
    methods=["POST"],
    access=Access.AUTHENTICATED,
)
def refresh(account_id: str) -> Response:
    """Extend the login session of the bearer token."""
    token = _own_token(account_id)
    body = RefreshRequestSchema().load(json_body())
    with write_transaction(get_session()) as session:
        expires_at_ms = sessions.refresh(
            session,
            token=token,
            csrf=body["csrf"],
            now_ms=now_ms(),
            ttl_s=current_app.config["BEARER_TOKEN_TTL_SECONDS"],
        )
    return json_response(
        {
            "sessionTTl": str(current_app.config["BEARER_TOKEN_TTL_SECONDS"]),
            "expiresAt": expires_at_ms,
        }
    )


@api_route(
    login_service, "/api/account/<account_id>/logout", methods=["POST"], access=Access.AUTHENTICATED
)
def logout(account_id: str) -> Response:
    """End the login session of the bearer token."""
    token = _own_token(account_id)
    with write_transaction(get_session()) as session:
        sessions.logout(session, token=token, now_ms=now_ms())
    return json_response({"loggedOut": True})
