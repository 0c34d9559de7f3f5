"""The access audit over HTTP (our addition): who read which subscriber's data, and when."""

from __future__ import annotations

from flask import Blueprint, Response, request

from app.api.auth import current_principal
from app.api.decorators import Access, api_route
from app.api.paging import page_metadata
from app.api.responses import json_response
from app.db import get_session
from app.services import audit
from schemas.audit import load_audit_params

audit_api = Blueprint("audit", __name__)


@api_route(
    audit_api,
    "/marketplace/api/account/<account_id>/audit",
    methods=["GET"],
    access=Access.AUTHENTICATED,
)
def audit_records(account_id: str) -> Response:
    """A provider's own reads, or the reads of a subscriber's data; newest first, a page."""
    principal = current_principal()
    params = load_audit_params(request.args)
    count, records = audit.audit_view(get_session(), principal, account_id=account_id, **params)
    metadata = page_metadata(count, offset=params["offset"], limit=params["limit"])
    return json_response({"_metadata": metadata, "auditRecords": records})
