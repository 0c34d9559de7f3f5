"""Consent contracts: recorded by the platform, listed by their parties, revoked by subscribers.

Who may do what (on top of the default-deny rule of ``services/access``: a credential acts on its
own account only, with the permission the endpoint needs):

- a **platform** credential with ``contracts_admin`` records contracts, between a provider and a
  subscriber of its network; a change of terms is a new contract that supersedes the old one,
  which is revoked in the same transaction ("superseded by <id>");
- a **provider** or a **subscriber** credential with ``consent`` lists the contracts it is party
  to, the whole history (superseded and revoked ones too), each with its state at the time of
  the request; a contract of other parties does not exist for it (404);
- only the **subscriber** of a contract revokes it, once; the revocation holds from the next
  request on, because every read checks the contracts again in SQL;
- a **provider** with ``consent`` lists its network and where each subscriber's consent stands.

The command line records, lists and revokes through the same functions, as the operator.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, NoReturn, TypeVar

from sqlalchemy.orm import Session

from app.domain import (
    CONSENT,
    CONSUMER_PII,
    CONTRACTS_ADMIN,
    METADATA,
    SURVEYS,
    TRANSCRIPTS,
    Principal,
)
from app.errors import Conflict, Forbidden, InvalidRequest, NotFound
from app.models import Contract
from app.repositories import contracts as repository
from app.repositories import credentials
from app.services.access import require_own_account

PROVIDER = "provider"
SUBSCRIBER = "subscriber"
PLATFORM = "platform"
NO_CONTRACT = "none"  # consent state of a subscriber that never had a contract
NOT_IN_NETWORK = "not_in_network"  # consent state of a subscriber that is not a member now
WRONG_ACCOUNT_KIND = "wrong_account_kind"

T = TypeVar("T")


@dataclass(frozen=True)
class ContractTerms:
    """The terms of a contract to record; once recorded they are never edited."""

    provider_id: str
    subscriber_id: str
    categories: tuple[str, ...]
    effective_from_ms: int
    agreement_ref: str
    covers_from_ms: int | None = None
    covers_to_ms: int | None = None
    expires_at_ms: int | None = None
    supersedes_id: int | None = None


@dataclass(frozen=True)
class ContractView:
    """A recorded contract as its parties see it, with its state at the time of the request."""

    contract_id: int
    provider_id: str
    subscriber_id: str
    categories: tuple[str, ...]
    covers_from_ms: int | None
    covers_to_ms: int | None
    effective_from_ms: int
    expires_at_ms: int | None
    agreement_ref: str
    supersedes_id: int | None
    superseded_by_id: int | None
    created_at_ms: int
    created_by: str
    revoked_at_ms: int | None
    revocation_reason: str | None
    revoked_by: str | None
    state: str


@dataclass(frozen=True)
class Consent:
    """Where a subscriber's consent stands: the newest contract in force with its terms, or
    the state that explains why none is (with the newest contract, when there is one)."""

    state: str
    contract_id: int | None = None
    categories: tuple[str, ...] | None = None
    covers_from_ms: int | None = None
    covers_to_ms: int | None = None
    effective_from_ms: int | None = None
    expires_at_ms: int | None = None


@dataclass(frozen=True)
class NetworkMember:
    """A subscriber of a provider's network, with its membership and its consent."""

    subscriber_id: str
    name: str
    joined_at_ms: int
    left_at_ms: int | None
    member: bool
    consent: Consent


@dataclass(frozen=True)
class Page(Generic[T]):
    """Some items of a listing, and how many the listing holds in all."""

    items: tuple[T, ...]
    count: int


# -- who may ---------------------------------------------------------------------------------------


def _require_kind(principal: Principal, kinds: Sequence[str], what: str) -> None:
    if principal.account_kind not in kinds:
        raise Forbidden(
            f"Only a {' or '.join(kinds)} account {what}; account {principal.account_id} is a "
            f"{principal.account_kind} account.",
            reason=WRONG_ACCOUNT_KIND,
        )


def require_platform_admin(principal: Principal, *, account_id: str) -> None:
    """Allow recording contracts: a platform credential of its own account, ``contracts_admin``.

    :raises Forbidden: for another account, another kind of account, or no such permission.
    """
    require_own_account(principal, account_id=account_id, permission=CONTRACTS_ADMIN)
    _require_kind(principal, (PLATFORM,), "records contracts")


def require_party(principal: Principal, *, account_id: str) -> None:
    """Allow reading one's own contracts: a provider or subscriber of its own account, with
    ``consent``.

    :raises Forbidden: for another account, another kind of account, or no such permission.
    """
    require_own_account(principal, account_id=account_id, permission=CONSENT)
    _require_kind(principal, (PROVIDER, SUBSCRIBER), "is party to contracts")


def require_subscriber(principal: Principal, *, account_id: str) -> None:
    """Allow revoking: a subscriber credential of its own account, with ``consent``.

    :raises Forbidden: for another account, another kind of account, or no such permission.
    """
    require_own_account(principal, account_id=account_id, permission=CONSENT)
    _require_kind(principal, (SUBSCRIBER,), "revokes its contracts")


def require_provider(principal: Principal, *, account_id: str) -> None:
    """Allow listing a network: a provider credential of its own account, with ``consent``.

    :raises Forbidden: for another account, another kind of account, or no such permission.
    """
    require_own_account(principal, account_id=account_id, permission=CONSENT)
    _require_kind(principal, (PROVIDER,), "has a network")


# -- use cases -------------------------------------------------------------------------------------


def record(session: Session, *, terms: ContractTerms, created_by: str, now_ms: int) -> ContractView:
    """Record a contract; revoke the one it supersedes in the same transaction.

    :raises InvalidRequest: naming each field that breaks a rule: the provider is not a provider
        account, the subscriber not a subscriber of its network, the superseded contract not
        one of the same pair or already revoked.
    """
    causes = _check_parties(session, terms, now_ms) + _check_superseded(session, terms)
    if causes:
        _refuse(causes)
    contract = repository.add(
        session,
        Contract(
            provider_id=terms.provider_id,
            subscriber_id=terms.subscriber_id,
            grants_metadata=METADATA in terms.categories,
            grants_transcripts=TRANSCRIPTS in terms.categories,
            grants_consumer_pii=CONSUMER_PII in terms.categories,
            grants_surveys=SURVEYS in terms.categories,
            covers_from_ms=terms.covers_from_ms,
            covers_to_ms=terms.covers_to_ms,
            effective_from_ms=terms.effective_from_ms,
            expires_at_ms=terms.expires_at_ms,
            agreement_ref=terms.agreement_ref,
            supersedes_id=terms.supersedes_id,
            created_at_ms=now_ms,
            created_by=created_by,
        ),
    )
    if terms.supersedes_id is not None and not repository.stamp_revocation(
        session,
        contract_id=terms.supersedes_id,
        now_ms=now_ms,
        reason=f"superseded by {contract.contract_id}",
        revoked_by=created_by,
    ):  # revoked since we looked: the caller's transaction rolls the new contract back
        _refuse([("supersedes", f"Contract {terms.supersedes_id} is already revoked.")])
    return _view(contract, now_ms, superseded_by=None)


def _check_parties(session: Session, terms: ContractTerms, now_ms: int) -> list[tuple[str, str]]:
    causes: list[tuple[str, str]] = []
    provider = credentials.get_account(session, account_id=terms.provider_id)
    if provider is None or provider.kind != PROVIDER:
        causes.append(("providerId", f"Account {terms.provider_id} is not a provider account."))
    subscriber = credentials.get_account(session, account_id=terms.subscriber_id)
    if subscriber is None or subscriber.kind != SUBSCRIBER:
        causes.append(
            ("subscriberId", f"Account {terms.subscriber_id} is not a subscriber account.")
        )
    elif not causes and terms.subscriber_id not in repository.network_members(
        session, provider_id=terms.provider_id, now_ms=now_ms
    ):
        causes.append(
            (
                "subscriberId",
                f"Account {terms.subscriber_id} is not in the network of {terms.provider_id}.",
            )
        )
    return causes


def _check_superseded(session: Session, terms: ContractTerms) -> list[tuple[str, str]]:
    if terms.supersedes_id is None:
        return []
    old = repository.get(session, contract_id=terms.supersedes_id)
    if old is None:
        return [("supersedes", f"There is no contract {terms.supersedes_id}.")]
    if (old.provider_id, old.subscriber_id) != (terms.provider_id, terms.subscriber_id):
        return [
            (
                "supersedes",
                f"Contract {old.contract_id} is between {old.provider_id} and "
                f"{old.subscriber_id}, not {terms.provider_id} and {terms.subscriber_id}.",
            )
        ]
    if old.revoked_at_ms is not None:
        return [("supersedes", f"Contract {old.contract_id} is already revoked.")]
    return []


def _refuse(causes: list[tuple[str, str]]) -> NoReturn:
    errors: dict[str, list[str]] = {}
    for field, rule in causes:
        errors.setdefault(field, []).append(rule)
    raise InvalidRequest(
        "The contract cannot be recorded.",
        causes=[f"{field}: {rule}" for field, rule in causes],
        details=errors,
    )


def search(
    session: Session,
    *,
    account_id: str,
    now_ms: int,
    state: str | None = None,
    provider_id: str | None = None,
    subscriber_id: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> Page[ContractView]:
    """Return a page of the contracts an account is party to, oldest first, each with its state
    at ``now_ms``; ``provider_id`` and ``subscriber_id`` narrow to the other party.

    :raises NotFound: when the account does not exist.
    :raises InvalidRequest: when the account is neither a provider nor a subscriber.
    """
    kind = _party_kind(session, account_id)
    parties = {"provider_id": provider_id, "subscriber_id": subscriber_id}
    if parties[f"{kind}_id"] not in (None, account_id):
        return Page((), 0)  # narrowed to another account in the account's own role: nothing
    parties[f"{kind}_id"] = account_id
    rows, count = repository.search(
        session, **parties, state=state, now_ms=now_ms, offset=offset, limit=limit
    )
    return Page(_views(session, rows, now_ms), count)


def _party_kind(session: Session, account_id: str) -> str:
    account = credentials.get_account(session, account_id=account_id)
    if account is None:
        raise NotFound(f"There is no account {account_id}.")
    if account.kind not in (PROVIDER, SUBSCRIBER):
        raise InvalidRequest(
            f"Account {account_id} is a {account.kind} account, party to no contract.",
            causes=[f"account: {account_id} is a {account.kind} account"],
        )
    return account.kind


def get(session: Session, *, account_id: str, contract_id: int, now_ms: int) -> ContractView:
    """Return a contract the account is party to, with its state at ``now_ms``.

    :raises NotFound: when there is no such contract, or the account is not one of its parties
        (another pair's contract is never revealed, not even its existence).
    """
    contract = _contract_of(session, account_id=account_id, contract_id=contract_id)
    return _views(session, [contract], now_ms)[0]


def _contract_of(session: Session, *, account_id: str | None, contract_id: int) -> Contract:
    contract = repository.get(session, contract_id=contract_id)
    if contract is None or account_id not in (None, contract.provider_id, contract.subscriber_id):
        where = f" of account {account_id}" if account_id is not None else ""
        raise NotFound(f"There is no contract {contract_id}{where}.")
    return contract


def revoke(
    session: Session,
    *,
    contract_id: int,
    reason: str,
    revoked_by: str,
    now_ms: int,
    subscriber_id: str | None = None,
) -> ContractView:
    """Stamp a contract as revoked, once. ``subscriber_id`` (the caller's account; None for the
    operator at the command line) must be the contract's subscriber.

    :raises NotFound: when there is no such contract of that subscriber.
    :raises Conflict: when the contract is already revoked (superseded contracts are).
    """
    contract = _contract_of(session, account_id=subscriber_id, contract_id=contract_id)
    if subscriber_id is not None and contract.subscriber_id != subscriber_id:
        raise NotFound(f"There is no contract {contract_id} of account {subscriber_id}.")
    if contract.revoked_at_ms is not None or not repository.stamp_revocation(
        session, contract_id=contract_id, now_ms=now_ms, reason=reason, revoked_by=revoked_by
    ):
        raise Conflict(
            f"Contract {contract_id} is already revoked.",
            causes=[f"contractId: contract {contract_id} is already revoked"],
        )
    return _views(session, [contract], now_ms)[0]


def network(
    session: Session, *, provider_id: str, now_ms: int, offset: int = 0, limit: int | None = None
) -> Page[NetworkMember]:
    """Return a page of a provider's network (every membership, past and future ones too, in
    subscriber id order), each with where its consent stands at ``now_ms``."""
    rows, count = repository.memberships(
        session, provider_id=provider_id, now_ms=now_ms, offset=offset, limit=limit
    )
    by_subscriber: dict[str, list[Contract]] = {}
    for contract in repository.contracts_between(
        session, provider_id=provider_id, subscriber_ids=[m.subscriber_id for m, _, _ in rows]
    ):
        by_subscriber.setdefault(contract.subscriber_id, []).append(contract)
    members = tuple(
        NetworkMember(
            subscriber_id=membership.subscriber_id,
            name=name,
            joined_at_ms=membership.joined_at_ms,
            left_at_ms=membership.left_at_ms,
            member=member,
            consent=_consent(by_subscriber.get(membership.subscriber_id, []), member, now_ms),
        )
        for membership, name, member in rows
    )
    return Page(members, count)


def _consent(newest_first: list[Contract], member: bool, now_ms: int) -> Consent:
    """The newest contract in force, else the state of the newest contract, which says why."""
    if not member:
        return Consent(NOT_IN_NETWORK)
    for contract in newest_first:
        if repository.contract_state(contract, now_ms) == repository.ACTIVE:
            return Consent(
                repository.ACTIVE,
                contract_id=contract.contract_id,
                categories=contract.categories,
                covers_from_ms=contract.covers_from_ms,
                covers_to_ms=contract.covers_to_ms,
                effective_from_ms=contract.effective_from_ms,
                expires_at_ms=contract.expires_at_ms,
            )
    if not newest_first:
        return Consent(NO_CONTRACT)
    newest = newest_first[0]
    return Consent(repository.contract_state(newest, now_ms), contract_id=newest.contract_id)


def _views(
    session: Session, contracts: Sequence[Contract], now_ms: int
) -> tuple[ContractView, ...]:
    successors = repository.successors(session, contract_ids=[c.contract_id for c in contracts])
    return tuple(_view(c, now_ms, superseded_by=successors.get(c.contract_id)) for c in contracts)


def _view(contract: Contract, now_ms: int, *, superseded_by: int | None) -> ContractView:
    return ContractView(
        contract_id=contract.contract_id,
        provider_id=contract.provider_id,
        subscriber_id=contract.subscriber_id,
        categories=contract.categories,
        covers_from_ms=contract.covers_from_ms,
        covers_to_ms=contract.covers_to_ms,
        effective_from_ms=contract.effective_from_ms,
        expires_at_ms=contract.expires_at_ms,
        agreement_ref=contract.agreement_ref,
        supersedes_id=contract.supersedes_id,
        superseded_by_id=superseded_by,
        created_at_ms=contract.created_at_ms,
        created_by=contract.created_by,
        revoked_at_ms=contract.revoked_at_ms,
        revocation_reason=contract.revocation_reason,
        revoked_by=contract.revoked_by,
        state=repository.contract_state(contract, now_ms),
    )
