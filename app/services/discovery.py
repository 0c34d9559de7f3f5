"""Domain discovery as LivePerson's CSDS answers it: which host serves which service.

Existing LivePerson clients look every service up before they call it and put ``https://`` in
front of the answer, so every service we serve answers with our own public host.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import InvalidRequest, NotFound, Unauthenticated
from app.repositories import credentials

# msgHist: Messaging Interactions; agentVep: the login service; marketplaceReporting: our
# Marketplace Network report.
SERVICES = ("msgHist", "agentVep", "marketplaceReporting")
SUPPORTED_VERSIONS = (None, "1.0")
SITE_UNKNOWN = "site_unknown"


def _check(session: Session, account_id: str, version: str | None) -> None:
    if version not in SUPPORTED_VERSIONS:
        raise InvalidRequest(
            "Unsupported version.", causes=[f"version: must be 1.0, not {version}"]
        )
    if credentials.get_account(session, account_id=account_id) is None:
        # CSDS answers an unknown site with 401, and so do we.
        raise Unauthenticated(f"Unknown account {account_id}.", reason=SITE_UNKNOWN)


def base_uri(
    session: Session, *, account_id: str, service: str, version: str | None, public_host: str
) -> dict[str, str]:
    """Return the host of one service for an account.

    :raises NotFound: for a service we do not serve.
    """
    _check(session, account_id, version)
    if service not in SERVICES:
        raise NotFound(
            f"Service {service} is not served here.",
            causes=[f"service: must be one of {', '.join(SERVICES)}"],
        )
    return {"service": service, "account": account_id, "baseURI": public_host}


def all_base_uris(
    session: Session, *, account_id: str, version: str | None, public_host: str
) -> dict[str, list[dict[str, str]]]:
    """Return the host of every service we serve for an account."""
    _check(session, account_id, version)
    return {
        "baseURIs": [
            {"service": s, "account": account_id, "baseURI": public_host} for s in SERVICES
        ]
    }
