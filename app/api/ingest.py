"""Ingestion of conversation records over HTTP (our addition; LivePerson has no write API)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app

from app.api.auth import current_principal, now_ms
from app.api.decorators import Access, api_route
from app.api.requests import json_body
from app.api.responses import json_response
from app.db import get_session, write_transaction
from app.domain import INGEST
from app.services import access, ingestion
from schemas.ingest import load_batch

ingest_api = Blueprint("ingest", __name__)


@api_route(
    ingest_api,
    "/marketplace/api/account/<account_id>/conversations",
    methods=["POST"],
    access=Access.AUTHENTICATED,
)
def ingest_conversations(account_id: str) -> Response:
    """Store a batch of conversation records of the account, all or nothing."""
    access.require_own_account(current_principal(), account_id=account_id, permission=INGEST)
    records = load_batch(json_body(), max_records=current_app.config["INGEST_MAX_RECORDS"])
    with write_transaction(get_session()) as session:
        outcome = ingestion.ingest(session, account_id=account_id, records=records, now_ms=now_ms())
    return json_response(
        {
            "received": outcome.received,
            "created": len(outcome.created),
            "updated": len(outcome.updated),
            "unchanged": len(outcome.unchanged),
            "stale": len(outcome.stale),
            "conversationIds": {
                "created": outcome.created,
                "updated": outcome.updated,
                "unchanged": outcome.unchanged,
                "stale": outcome.stale,
            },
        }
    )
