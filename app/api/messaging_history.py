"""The Messaging Interactions API (LivePerson's ``msgHist`` service): three POST searches.

Each view authenticates (the route guard), asks the access service what the caller may read on
the account in its path, validates the query and body, and sends the page assembled from stored
JSON. The response bytes are written here, around the records' own JSON text.
"""

from __future__ import annotations

from typing import Any

import orjson
from flask import Blueprint, Response, request

from app.api.auth import current_principal, now_ms
from app.api.decorators import Access, api_route
from app.api.paging import page_metadata
from app.api.requests import json_body
from app.api.responses import raw_json_response
from app.db import get_session, write_transaction
from app.domain import Principal
from app.errors import InvalidRequest
from app.services import access, audit, search
from schemas.search import (
    load_consumer_search,
    load_conversation_by_id,
    load_conversations_search,
    load_params,
)

messaging_history = Blueprint("messaging_history", __name__)

BASE = "/messaging_history/api/account/<account_id>/conversations"


def _metadata(count: int, offset: int, limit: int) -> dict[str, Any]:
    metadata = page_metadata(count, offset=offset, limit=limit)
    metadata["shardsStatusResult"] = {"partialResult": False}
    return metadata


def _search(
    principal: Principal,
    account_id: str,
    raw_body: Any,
    body: dict[str, Any],
    *,
    ids: tuple[str, ...] | None = None,
) -> Response:
    """Run a loaded body through the search within what the caller may read, audit a provider's
    read, and write the response."""
    params = load_params(request.args)
    session = get_session()
    now = _request_time()
    scope = access.read_scope(session, principal, account_id=account_id, now_ms=now)
    subscriber_ids = body.pop("subscriber_ids", None)
    if subscriber_ids is not None:
        if not scope.aggregated:
            raise InvalidRequest(
                "subscriberIds narrows a provider's search on its own account only.",
                causes=["subscriberIds: Only a provider's own account aggregates subscribers."],
            )
        scope = scope.narrowed_to(subscriber_ids)
    content = body.pop("content_to_retrieve", None)
    v2 = params["v"] == "2"
    sections = search.SectionChoice.of(
        content, v2=v2, selected_intent_only=bool(body.pop("selected_intent_only", False))
    )
    field, order = params["sort"]
    query = search.SearchQuery(
        filters=body,
        sections=sections,
        offset=params["offset"],
        limit=params["limit"],
        sort_field=field,
        descending=order == "desc",
        now_ms=now,
        conversation_ids=ids,
    )
    page = search.run(session, scope, query)
    metadata = _metadata(page.count, params["offset"], params["limit"])
    if scope.through_contracts:
        metadata["marketplace"] = _marketplace(page, sections)
        with write_transaction(session):
            audit.record_read(
                session,
                principal,
                endpoint=request.path.rsplit("/conversations", 1)[1] or "/search",
                account_id=account_id,
                filter_names=_filter_names(raw_body),
                scope=scope,
                page=page,
                now_ms=now,
            )
    records = ",".join(page.records).encode()
    return raw_json_response(
        b'{"_metadata":'
        + orjson.dumps(metadata)
        + b',"conversationHistoryRecords":['
        + records
        + b"]}"
    )


def _marketplace(page: search.SearchPage, sections: search.SectionChoice) -> dict[str, Any]:
    """Our extension of ``_metadata`` on a provider's read: who was left out and why, and which
    sections each subscriber's contract held back."""
    scope = page.scope
    assert scope is not None  # noqa: S101 - run() always returns the scope it read
    return {
        "subscribersLeftOut": [
            {"accountId": x.account_id, "reason": x.reason} for x in scope.left_out
        ],
        "sectionsWithheld": [
            {"accountId": account, "sections": keys}
            for account, keys in search.withheld_sections(scope, sections)
        ],
    }


def _filter_names(raw_body: Any) -> list[str]:
    """The body's keys that carry a value: what the audit keeps of a request (never values)."""
    if not isinstance(raw_body, dict):
        return []
    return [key for key, value in raw_body.items() if value is not None]


def _request_time() -> int:
    """One "now" per request: time ranges, open durations, contracts and the page all use it."""
    if not hasattr(request, "_search_now_ms"):
        request._search_now_ms = now_ms()  # type: ignore[attr-defined]
    return int(request._search_now_ms)  # type: ignore[attr-defined]


@api_route(messaging_history, f"{BASE}/search", methods=["POST"], access=Access.AUTHENTICATED)
def search_conversations(account_id: str) -> Response:
    """E1: conversations matching the filters of the body."""
    principal = _reader(account_id)
    raw = json_body()
    body = load_conversations_search(raw, now_ms=_request_time())
    return _search(principal, account_id, raw, body)


@api_route(
    messaging_history,
    f"{BASE}/conversation/search",
    methods=["POST"],
    access=Access.AUTHENTICATED,
)
def search_conversations_by_id(account_id: str) -> Response:
    """E2: conversations by id; ids not found are simply absent."""
    principal = _reader(account_id)
    raw = json_body()
    body = load_conversation_by_id(raw)
    ids = body.pop("ids")
    return _search(principal, account_id, raw, body, ids=ids)


@api_route(
    messaging_history, f"{BASE}/consumer/search", methods=["POST"], access=Access.AUTHENTICATED
)
def search_conversations_of_consumer(account_id: str) -> Response:
    """E3: a consumer's conversations, of the statuses asked for (all when none)."""
    principal = _reader(account_id)
    raw = json_body()
    return _search(principal, account_id, raw, load_consumer_search(raw))


def _reader(account_id: str) -> Principal:
    """The caller, refused before its body is read when it may not read this account path at
    all (another account's credential, no read permission); consent is decided with the data."""
    principal = current_principal()
    access.require_reader(principal, account_id=account_id)
    return principal
