"""The access audit: every read a provider makes through a contract, on record.

A record says who asked (account and credential), on which endpoint and account path, with which
filters (their names only: never a keyword, a transcript or any other value), which subscribers
were read and how many of each one's records came back, who was left out and why, and when.
Reads of an account's own data are not provider reads and are not audited.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from app.domain import AUDIT, AccessScope, Principal
from app.models import AccessAudit
from app.repositories import audit
from app.services.access import PROVIDER, require_own_account
from app.services.search import SearchPage


def record_read(
    session: Session,
    principal: Principal,
    *,
    endpoint: str,
    account_id: str,
    filter_names: Iterable[str],
    scope: AccessScope,
    page: SearchPage,
    now_ms: int,
) -> None:
    """Add the audit record of one provider read (the caller commits it)."""
    read = page.scope if page.scope is not None else scope
    returned = Counter(page.account_ids)
    subscribers = [
        (g.account_id, returned[g.account_id])
        for g in read.grants
        if g.account_id != principal.account_id
    ]
    entry = AccessAudit(
        at_ms=now_ms,
        principal_account_id=principal.account_id,
        credential=principal.credential,
        endpoint=endpoint,
        requested_account_id=account_id,
        filter_names=sorted(set(filter_names)),
        excluded=[{"accountId": x.account_id, "reason": x.reason} for x in read.left_out],
        record_count=len(page.account_ids),
    )
    audit.add(session, entry, subscribers)


def audit_view(
    session: Session,
    principal: Principal,
    *,
    account_id: str,
    since_ms: int | None,
    until_ms: int | None,
    offset: int,
    limit: int,
) -> tuple[int, list[dict[str, Any]]]:
    """The audit an account may read: a provider the reads it made, a subscriber the reads of
    its data (each with its own record count only, never who else was read alongside)."""
    require_own_account(principal, account_id=account_id, permission=AUDIT)
    window: dict[str, Any] = {
        "since_ms": since_ms,
        "until_ms": until_ms,
        "offset": offset,
        "limit": limit,
    }
    if principal.account_kind == PROVIDER:
        count, entries, read = audit.reads_by(session, account_id=account_id, **window)
        return count, [
            {
                **_common(e),
                "recordCount": e.record_count,
                "subscribers": [{"accountId": s, "recordCount": n} for s, n in read[e.audit_id]],
                "leftOut": e.excluded,
            }
            for e in entries
        ]
    count, rows = audit.reads_of(session, subscriber_id=account_id, **window)
    return count, [{**_common(e), "recordCount": n} for e, n in rows]


def _common(entry: AccessAudit) -> dict[str, Any]:
    return {
        "auditId": entry.audit_id,
        "at": entry.at_ms,
        "readerAccountId": entry.principal_account_id,
        "credential": entry.credential,
        "endpoint": entry.endpoint,
        "requestedAccountId": entry.requested_account_id,
        "filterNames": list(entry.filter_names),
    }
