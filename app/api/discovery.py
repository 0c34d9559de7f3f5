"""Domain discovery (CSDS): unauthenticated, and deaf to any Authorization header sent with it."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from app.api.decorators import Access, api_route
from app.api.responses import json_response
from app.db import get_session
from app.services import discovery as csds

discovery = Blueprint("discovery", __name__)

SINGLE = "/api/account/<account_id>/service/<service>/baseURI"
ALL = "/api/account/<account_id>/service/baseURI"


@api_route(discovery, [SINGLE + ".json", SINGLE], methods=["GET"], access=Access.PUBLIC)
def get_base_uri(account_id: str, service: str) -> Response:
    """Return the host that serves one service for the account."""
    return json_response(
        csds.base_uri(
            get_session(),
            account_id=account_id,
            service=service,
            version=request.args.get("version"),
            public_host=current_app.config["PUBLIC_HOST"],
        )
    )


@api_route(discovery, [ALL + ".json", ALL], methods=["GET"], access=Access.PUBLIC)
def get_all_base_uris(account_id: str) -> Response:
    """Return the hosts of every service for the account."""
    return json_response(
        csds.all_base_uris(
            get_session(),
            account_id=account_id,
            version=request.args.get("version"),
            public_host=current_app.config["PUBLIC_HOST"],
        )
    )
