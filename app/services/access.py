"""Who may act on which account.

The rule is default deny: a credential acts on its own account only. (Provider access to
subscriber accounts, gated by consent contracts, is added on top of this rule and never instead
of it.) A principal without the permission an endpoint needs is refused even on its own account.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from app.domain import READ, AccessScope, AccountGrant, Principal
from app.errors import Forbidden
from app.repositories import credentials


def principal_of(
    session: Session, *, account_id: str, credential: str, permissions: Iterable[str] | None
) -> Principal:
    """Return the principal of a verified credential of an account."""
    account = credentials.get_account(session, account_id=account_id)
    return Principal(
        account_id=account_id,
        account_kind=account.kind if account is not None else "unknown",
        credential=credential,
        permissions=frozenset(permissions or ()),
    )


def require_own_account(principal: Principal, *, account_id: str, permission: str) -> None:
    """Allow the call only on the principal's own account and with the permission.

    :raises Forbidden: for another account, or a credential without the permission.
    """
    if principal.account_id != account_id:
        raise Forbidden(
            f"This credential belongs to account {principal.account_id}, not {account_id}.",
            reason="account_mismatch",
        )
    if not principal.may(permission):
        raise Forbidden(
            f"This credential lacks the '{permission}' permission.", reason="permission_missing"
        )


def read_scope(principal: Principal, *, account_id: str) -> AccessScope:
    """Return what a search on an account's path may read.

    An account reads its own data, all of it. Anything else is refused here until a consent
    contract says otherwise (provider access is decided by the contracts, never by default).

    :raises Forbidden: for another account, or a credential without the read permission.
    """
    require_own_account(principal, account_id=account_id, permission=READ)
    return AccessScope((AccountGrant.owner(account_id),))
