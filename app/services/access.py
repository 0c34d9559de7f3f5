"""Who may act on which account.

The rule is default deny: a credential acts on its own account only. Provider access to the
accounts of its subscribers is added on top of this rule, never instead of it, and only where a
consent contract in force says so. A principal without the permission an endpoint needs is
refused even on its own account.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy.orm import Session

from app.domain import (
    CONTRACT_EXPIRED,
    CONTRACT_NOT_YET_IN_EFFECT,
    CONTRACT_REVOKED,
    NO_CONTRACT,
    NOT_IN_NETWORK,
    READ,
    AccessScope,
    AccountGrant,
    LeftOut,
    Principal,
)
from app.errors import ConsentDenied, Forbidden
from app.models import Contract
from app.repositories import contracts, credentials

PROVIDER = "provider"


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


def require_reader(principal: Principal, *, account_id: str) -> None:
    """Refuse a search on an account path before anything is read: only the account itself, or
    a provider (whose consent is then decided by the contracts), with the read permission.

    :raises Forbidden: for another account's credential, or one without the read permission.
    """
    if principal.account_kind == PROVIDER and principal.account_id != account_id:
        require_own_account(principal, account_id=principal.account_id, permission=READ)
    else:
        require_own_account(principal, account_id=account_id, permission=READ)


def read_scope(
    session: Session, principal: Principal, *, account_id: str, now_ms: int
) -> AccessScope:
    """Return what a search on an account's path may read.

    - An account on its own id reads its own data, all of it; a provider on its own id reads,
      besides, every subscriber of its network whose contract is in force (``aggregated``).
    - A provider on the id of a subscriber of its network reads what that subscriber's contract
      in force grants.
    - Anything else is refused: consent is decided by the contracts, never by default.

    :raises Forbidden: for an account the credential has no relation to, a credential without
        the read permission; ``ConsentDenied`` for a subscriber without a contract in force.
    """
    require_reader(principal, account_id=account_id)
    if principal.account_id == account_id:
        own = AccountGrant.owner(account_id)
        if principal.account_kind != PROVIDER:
            return AccessScope((own,))
        network = _network_scope(session, provider_id=account_id, now_ms=now_ms)
        return replace(network, grants=(own, *network.grants), aggregated=True)
    network = _network_scope(session, provider_id=principal.account_id, now_ms=now_ms)
    one = network.narrowed_to([account_id])
    if not one.grants:
        reason = one.left_out[0].reason
        if reason == NOT_IN_NETWORK:
            raise Forbidden(
                f"Account {account_id} is not a subscriber of this provider's network.",
                reason="account_mismatch",
            )
        raise ConsentDenied(
            f"No contract in force lets provider {principal.account_id} read account {account_id}.",
            reason=reason,
        )
    return one


def _network_scope(session: Session, *, provider_id: str, now_ms: int) -> AccessScope:
    """The grants of a provider's network: per subscriber its newest contract in force, or why
    it has none (its newest contract's state, or no contract at all)."""
    newest: dict[str, Contract | None] = {}
    in_force: dict[str, Contract] = {}
    for subscriber_id, contract in contracts.network_contracts(
        session, provider_id=provider_id, now_ms=now_ms
    ):
        newest.setdefault(subscriber_id, contract)  # rows come newest first
        if (
            contract is not None
            and subscriber_id not in in_force
            and contracts.contract_state(contract, now_ms) == contracts.ACTIVE
        ):
            in_force[subscriber_id] = contract
    grants = tuple(_grant(c) for c in in_force.values())
    left_out = tuple(
        LeftOut(sid, _LEFT_OUT_REASONS[contracts.contract_state(c, now_ms)] if c else NO_CONTRACT)
        for sid, c in newest.items()
        if sid not in in_force
    )
    return AccessScope(grants, left_out, through_contracts=True)


_LEFT_OUT_REASONS = {
    contracts.REVOKED: CONTRACT_REVOKED,
    contracts.EXPIRED: CONTRACT_EXPIRED,
    contracts.PENDING: CONTRACT_NOT_YET_IN_EFFECT,
}


def _grant(contract: Contract) -> AccountGrant:
    return AccountGrant(
        contract.subscriber_id,
        frozenset(contract.categories),
        covers_from_ms=contract.covers_from_ms,
        covers_to_ms=contract.covers_to_ms,
        contract_id=contract.contract_id,
    )
