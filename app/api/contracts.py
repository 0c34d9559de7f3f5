"""Consent contracts over HTTP (our extension): record, list, read, revoke; a provider's network.

Each view authenticates (the route guard), lets the contracts service decide whether this
credential may act on the account in its path, validates the query or body, and calls the
service. Who may do what is written in ``app/services/contracts.py``.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from app.api.auth import current_principal, now_ms
from app.api.decorators import Access, api_route
from app.api.paging import page_metadata
from app.api.requests import json_body
from app.api.responses import json_response
from app.db import get_session, write_transaction
from app.services import contracts
from schemas.contracts import (
    dump_contract,
    dump_contracts,
    dump_network,
    load_contract_request,
    load_list_args,
    load_page_args,
    load_revocation,
)

contracts_api = Blueprint("contracts", __name__)

BASE = "/marketplace/api/account/<account_id>"


@api_route(contracts_api, f"{BASE}/contracts", methods=["POST"], access=Access.AUTHENTICATED)
def record_contract(account_id: str) -> Response:
    """Record a contract between a provider and a subscriber (a platform credential)."""
    principal = current_principal()
    contracts.require_platform_admin(principal, account_id=account_id)
    terms = contracts.ContractTerms(**load_contract_request(json_body()))
    with write_transaction(get_session()) as session:
        recorded = contracts.record(
            session, terms=terms, created_by=principal.credential, now_ms=now_ms()
        )
    return json_response(dump_contract(recorded), 201)


@api_route(contracts_api, f"{BASE}/contracts", methods=["GET"], access=Access.AUTHENTICATED)
def list_contracts(account_id: str) -> Response:
    """List the contracts the account is party to, the whole history, with their states."""
    contracts.require_party(current_principal(), account_id=account_id)
    args = load_list_args(request.args)
    page = contracts.search(get_session(), account_id=account_id, now_ms=now_ms(), **args)
    return json_response(
        {
            "_metadata": page_metadata(page.count, offset=args["offset"], limit=args["limit"]),
            "contracts": dump_contracts(page.items),
        }
    )


@api_route(
    contracts_api,
    f"{BASE}/contracts/<int:contract_id>",
    methods=["GET"],
    access=Access.AUTHENTICATED,
)
def get_contract(account_id: str, contract_id: int) -> Response:
    """Return one contract the account is party to."""
    contracts.require_party(current_principal(), account_id=account_id)
    found = contracts.get(
        get_session(), account_id=account_id, contract_id=contract_id, now_ms=now_ms()
    )
    return json_response(dump_contract(found))


@api_route(
    contracts_api,
    f"{BASE}/contracts/<int:contract_id>/revoke",
    methods=["POST"],
    access=Access.AUTHENTICATED,
)
def revoke_contract(account_id: str, contract_id: int) -> Response:
    """Revoke a contract of the subscriber; from the next request on it grants nothing."""
    principal = current_principal()
    contracts.require_subscriber(principal, account_id=account_id)
    reason = load_revocation(json_body())
    with write_transaction(get_session()) as session:
        revoked = contracts.revoke(
            session,
            contract_id=contract_id,
            reason=reason,
            revoked_by=principal.credential,
            now_ms=now_ms(),
            subscriber_id=account_id,
        )
    return json_response(dump_contract(revoked))


@api_route(contracts_api, f"{BASE}/network", methods=["GET"], access=Access.AUTHENTICATED)
def list_network(account_id: str) -> Response:
    """List the provider's network, each subscriber with where its consent stands."""
    contracts.require_provider(current_principal(), account_id=account_id)
    args = load_page_args(request.args)
    page = contracts.network(get_session(), provider_id=account_id, now_ms=now_ms(), **args)
    return json_response(
        {
            "_metadata": page_metadata(page.count, offset=args["offset"], limit=args["limit"]),
            "subscribers": dump_network(page.items),
        }
    )
