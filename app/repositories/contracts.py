"""Reads and writes of consent contracts and network membership.

"In force" has one definition, :func:`in_force`, a SQL condition: the search statements use it to
re-check, inside the statement that reads conversations, that every contract a scope was built
from still holds at the time of the request; listings use :func:`contract_state` for the same
rule in Python.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.models import Account, Contract, NetworkMembership

ACTIVE = "active"
REVOKED = "revoked"
EXPIRED = "expired"
PENDING = "not_yet_in_effect"
CONTRACT_STATES = (ACTIVE, REVOKED, EXPIRED, PENDING)


def in_force(now_ms: int) -> ColumnElement[bool]:
    """The contracts that hold at ``now_ms``: in effect, not expired, not revoked."""
    return sa.and_(
        Contract.revoked_at_ms.is_(None),
        Contract.effective_from_ms <= now_ms,
        sa.or_(Contract.expires_at_ms.is_(None), Contract.expires_at_ms > now_ms),
    )


def _member_at(now_ms: int) -> ColumnElement[bool]:
    return sa.and_(
        NetworkMembership.joined_at_ms <= now_ms,
        sa.or_(NetworkMembership.left_at_ms.is_(None), NetworkMembership.left_at_ms > now_ms),
    )


def contract_state(contract: Contract, now_ms: int) -> str:
    """The state of a contract at ``now_ms``; a revocation outranks everything else."""
    if contract.revoked_at_ms is not None:
        return REVOKED
    if contract.expires_at_ms is not None and contract.expires_at_ms <= now_ms:
        return EXPIRED
    if contract.effective_from_ms > now_ms:
        return PENDING
    return ACTIVE


def network_members(session: Session, *, provider_id: str, now_ms: int) -> list[str]:
    """The subscribers in a provider's network at ``now_ms``, in account id order."""
    return list(
        session.scalars(
            sa.select(NetworkMembership.subscriber_id)
            .where(NetworkMembership.provider_id == provider_id, _member_at(now_ms))
            .order_by(NetworkMembership.subscriber_id)
        )
    )


def network_contracts(
    session: Session, *, provider_id: str, now_ms: int
) -> list[tuple[str, Contract | None]]:
    """Every subscriber in a provider's network at ``now_ms`` with each of its contracts with
    that provider (one row per contract, or one row with None when it has none): one statement,
    from which the caller tells what each subscriber may be read for and, if not, why not."""
    rows = session.execute(
        sa.select(NetworkMembership.subscriber_id, Contract)
        .outerjoin(
            Contract,
            sa.and_(
                Contract.provider_id == NetworkMembership.provider_id,
                Contract.subscriber_id == NetworkMembership.subscriber_id,
            ),
        )
        .where(NetworkMembership.provider_id == provider_id, _member_at(now_ms))
        .order_by(NetworkMembership.subscriber_id, Contract.contract_id.desc())
    )
    return [(subscriber_id, contract) for subscriber_id, contract in rows]


def still_in_force(contract_ids: Sequence[int], now_ms: int) -> sa.Select[str]:
    """The subscribers whose contracts among ``contract_ids`` are still in force: a subquery
    for the statements that read conversations under those contracts."""
    return sa.select(Contract.subscriber_id).where(
        Contract.contract_id.in_(list(contract_ids)), in_force(now_ms)
    )


# -- the history of contracts: listing, recording, revoking (the contracts API and CLI) ----------


def in_state(state: str, now_ms: int) -> ColumnElement[bool]:
    """The contracts whose :func:`contract_state` at ``now_ms`` is ``state``, as SQL (so that a
    listing filtered by state pages in the database); "active" is exactly :func:`in_force`."""
    unrevoked = Contract.revoked_at_ms.is_(None)
    unexpired = sa.or_(Contract.expires_at_ms.is_(None), Contract.expires_at_ms > now_ms)
    if state == ACTIVE:
        return in_force(now_ms)
    if state == REVOKED:
        return Contract.revoked_at_ms.is_not(None)
    if state == EXPIRED:
        return sa.and_(unrevoked, Contract.expires_at_ms <= now_ms)
    if state == PENDING:
        return sa.and_(unrevoked, unexpired, Contract.effective_from_ms > now_ms)
    raise ValueError(f"unknown contract state {state!r}")


def get(session: Session, *, contract_id: int) -> Contract | None:
    """Return the contract with this id, if any."""
    return session.get(Contract, contract_id)


def search(
    session: Session,
    *,
    provider_id: str | None = None,
    subscriber_id: str | None = None,
    state: str | None = None,
    now_ms: int,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[Contract], int]:
    """Return a page of the contracts between the given parties (and in the state), in contract
    id order, and how many there are in all."""
    statement = sa.select(Contract)
    if provider_id is not None:
        statement = statement.where(Contract.provider_id == provider_id)
    if subscriber_id is not None:
        statement = statement.where(Contract.subscriber_id == subscriber_id)
    if state is not None:
        statement = statement.where(in_state(state, now_ms))
    count = session.scalar(sa.select(sa.func.count()).select_from(statement.subquery()))
    page = statement.order_by(Contract.contract_id).offset(offset).limit(limit)
    return list(session.scalars(page)), int(count or 0)


def successors(session: Session, *, contract_ids: Sequence[int]) -> dict[int, int]:
    """Return {contract id: id of the contract that superseded it} for those superseded."""
    rows = session.execute(
        sa.select(Contract.supersedes_id, sa.func.min(Contract.contract_id))
        .where(Contract.supersedes_id.in_(list(contract_ids)))
        .group_by(Contract.supersedes_id)
    )
    return {int(old): new for old, new in rows if old is not None}


def add(session: Session, contract: Contract) -> Contract:
    """Store a new contract and give it its id."""
    session.add(contract)
    session.flush()
    return contract


def stamp_revocation(
    session: Session, *, contract_id: int, now_ms: int, reason: str, revoked_by: str
) -> bool:
    """Stamp a contract as revoked unless it already is; tell whether this call stamped it.

    The condition on ``revoked_at_ms`` makes two concurrent revocations stamp once: the second
    finds the row revoked (PostgreSQL re-checks it after waiting for the first's lock).
    """
    result = session.execute(
        sa.update(Contract)
        .where(Contract.contract_id == contract_id, Contract.revoked_at_ms.is_(None))
        .values(revoked_at_ms=now_ms, revocation_reason=reason, revoked_by=revoked_by)
    )
    return int(getattr(result, "rowcount", 0) or 0) == 1


def memberships(
    session: Session, *, provider_id: str, now_ms: int, offset: int = 0, limit: int | None = None
) -> tuple[list[tuple[NetworkMembership, str, bool]], int]:
    """Return a page of a provider's network memberships, past, present and future, in
    subscriber id order, each with the subscriber's name and whether it is a member at
    ``now_ms``; and how many there are in all."""
    member = _member_at(now_ms).label("member")
    statement = (
        sa.select(NetworkMembership, Account.name, member)
        .join(Account, Account.account_id == NetworkMembership.subscriber_id)
        .where(NetworkMembership.provider_id == provider_id)
    )
    count = session.scalar(
        sa.select(sa.func.count())
        .select_from(NetworkMembership)
        .where(NetworkMembership.provider_id == provider_id)
    )
    page = statement.order_by(NetworkMembership.subscriber_id).offset(offset).limit(limit)
    rows = [(m, name, bool(member)) for m, name, member in session.execute(page)]
    return rows, int(count or 0)


def contracts_between(
    session: Session, *, provider_id: str, subscriber_ids: Sequence[str]
) -> list[Contract]:
    """Every contract between a provider and some subscribers, newest first per subscriber."""
    return list(
        session.scalars(
            sa.select(Contract)
            .where(
                Contract.provider_id == provider_id,
                Contract.subscriber_id.in_(list(subscriber_ids)),
            )
            .order_by(Contract.subscriber_id, Contract.contract_id.desc())
        )
    )
