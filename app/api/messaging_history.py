"""The Messaging Interactions API (LivePerson's ``msgHist`` service): three POST searches.

Each view authenticates (the route guard), asks the access service what the caller may read on
the account in its path, validates the query and body, and sends the page assembled from stored
JSON. The response bytes are written here, around the records' own JSON text.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import orjson
from flask import Blueprint, Response, request

from app.api.auth import current_principal, now_ms
from app.api.decorators import Access, api_route
from app.api.requests import json_body
from app.api.responses import raw_json_response
from app.db import get_session
from app.domain import AccessScope
from app.services import access, search
from schemas.search import (
    load_consumer_search,
    load_conversation_by_id,
    load_conversations_search,
    load_params,
)

messaging_history = Blueprint("messaging_history", __name__)

BASE = "/messaging_history/api/account/<account_id>/conversations"


def _link(rel: str, params: dict[str, str], offset: int, limit: int) -> dict[str, str]:
    query = urlencode({**params, "limit": limit, "offset": offset}, safe=":")
    return {"rel": rel, "href": f"{request.base_url}?{query}"}


def _metadata(count: int, offset: int, limit: int) -> dict[str, Any]:
    params = {key: request.args[key] for key in request.args if key not in ("limit", "offset")}
    metadata: dict[str, Any] = {"count": count, "self": _link("self", params, offset, limit)}
    if offset + limit < count:
        metadata["next"] = _link("next", params, offset + limit, limit)
    if offset > 0:
        metadata["prev"] = _link("prev", params, max(0, offset - limit), limit)
    metadata["shardsStatusResult"] = {"partialResult": False}
    return metadata


def _search(
    scope: AccessScope, body: dict[str, Any], *, ids: tuple[str, ...] | None = None
) -> Response:
    """Run a loaded body through the search within the scope, and write the response."""
    params = load_params(request.args)
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
        now_ms=_request_time(),
        conversation_ids=ids,
    )
    page = search.run(get_session(), scope, query)
    metadata = orjson.dumps(_metadata(page.count, params["offset"], params["limit"]))
    records = ",".join(page.records).encode()
    return raw_json_response(
        b'{"_metadata":' + metadata + b',"conversationHistoryRecords":[' + records + b"]}"
    )


def _request_time() -> int:
    """One "now" per request: time ranges, open durations and the page all use it."""
    if not hasattr(request, "_search_now_ms"):
        request._search_now_ms = now_ms()  # type: ignore[attr-defined]
    return int(request._search_now_ms)  # type: ignore[attr-defined]


@api_route(messaging_history, f"{BASE}/search", methods=["POST"], access=Access.AUTHENTICATED)
def search_conversations(account_id: str) -> Response:
    """E1: conversations matching the filters of the body."""
    scope = access.read_scope(current_principal(), account_id=account_id)
    body = load_conversations_search(json_body(), now_ms=_request_time())
    return _search(scope, body)


@api_route(
    messaging_history,
    f"{BASE}/conversation/search",
    methods=["POST"],
    access=Access.AUTHENTICATED,
)
def search_conversations_by_id(account_id: str) -> Response:
    """E2: conversations by id; ids not found are simply absent."""
    scope = access.read_scope(current_principal(), account_id=account_id)
    body = load_conversation_by_id(json_body())
    ids = body.pop("ids")
    return _search(scope, body, ids=ids)


@api_route(
    messaging_history, f"{BASE}/consumer/search", methods=["POST"], access=Access.AUTHENTICATED
)
def search_conversations_of_consumer(account_id: str) -> Response:
    """E3: a consumer's conversations, of the statuses asked for (all when none)."""
    scope = access.read_scope(current_principal(), account_id=account_id)
    return _search(scope, load_consumer_search(json_body()))
