"""The fixed demo marketplace: accounts, network, contracts in every state, credentials.

Besides the provider and its subscribers there is the platform account (us, the operator of the
service), whose app key records contracts.

These identities are development data only; README lists them and ``make run`` prints them.
The ids never change, so that documentation, tests and a user's pasted requests keep working.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.domain import AUDIT, CONSENT, CONTRACTS_ADMIN, INGEST, READ, REPORTS
from app.models import Account, AppKey, Contract, NetworkMembership, User
from app.services.passwords import hash_password

PROVIDER_ID = "70000000"
PROVIDER_NAME = "Demo Marketplace"
PLATFORM_ID = "70099999"
PLATFORM_NAME = "Marketplace Platform"
SUBSCRIBER_IDS = tuple(str(70000001 + i) for i in range(20))
DAY_MS = 86_400_000
ALL_CATEGORIES = ("metadata", "transcripts", "consumer_pii", "surveys")


@dataclass(frozen=True)
class DemoKey:
    account_id: str
    consumer_key: str
    consumer_secret: str
    access_token: str
    token_secret: str
    permissions: tuple[str, ...]


@dataclass(frozen=True)
class DemoLogin:
    account_id: str
    username: str
    password: str
    full_name: str
    permissions: tuple[str, ...]


PROVIDER_KEY = DemoKey(
    PROVIDER_ID,
    "demo-provider-key",
    "demo-provider-secret",
    "demo-provider-token",
    "demo-provider-token-secret",
    (READ, REPORTS, CONSENT, AUDIT),
)
SUBSCRIBER_KEY = DemoKey(
    "70000001",
    "demo-sub1-key",
    "demo-sub1-secret",
    "demo-sub1-token",
    "demo-sub1-token-secret",
    (READ, INGEST, REPORTS, CONSENT, AUDIT),
)
PLATFORM_KEY = DemoKey(
    PLATFORM_ID,
    "demo-platform-key",
    "demo-platform-secret",
    "demo-platform-token",
    "demo-platform-token-secret",
    (CONTRACTS_ADMIN,),
)
ANALYST = DemoLogin(
    PROVIDER_ID, "analyst", "analyst-pass", "Ada Analyst", (READ, REPORTS, CONSENT, AUDIT)
)
SUBSCRIBER_ADMIN = DemoLogin(
    "70000001", "sub1-admin", "sub1-pass", "Sam Owner", (READ, INGEST, REPORTS, CONSENT, AUDIT)
)


@dataclass(frozen=True)
class ContractPlan:
    """The contract a demo subscriber has, described relative to now."""

    categories: tuple[str, ...]
    state: str  # active, revoked, expired, pending, window_ended
    note: str


def contract_plan(subscriber_id: str) -> ContractPlan | None:
    """Return the demo contract of a subscriber (None: no contract at all)."""
    n = int(subscriber_id) - 70000000
    if n <= 12:
        return ContractPlan(ALL_CATEGORIES, "active", "active, all categories")
    if n <= 14:
        return ContractPlan(("metadata",), "active", "active, metadata only")
    if n == 15:
        return ContractPlan(
            ("metadata", "transcripts", "surveys"), "active", "active, no consumer PII"
        )
    if n == 16:
        return ContractPlan(ALL_CATEGORIES, "revoked", "revoked")
    if n == 17:
        return ContractPlan(ALL_CATEGORIES, "expired", "expired")
    if n == 18:
        return ContractPlan(ALL_CATEGORIES, "pending", "not yet in effect")
    if n == 19:
        return None
    return ContractPlan(ALL_CATEGORIES, "window_ended", "active, covered window ended 6 months ago")


def _contract(subscriber_id: str, plan: ContractPlan, now_ms: int) -> Contract:
    year_ago = now_ms - 400 * DAY_MS
    effective_from, expires_at = year_ago, now_ms + 365 * DAY_MS
    covers_to: int | None = None
    revoked_at = None
    if plan.state == "expired":
        expires_at = now_ms - 30 * DAY_MS
    elif plan.state == "pending":
        effective_from = now_ms + 30 * DAY_MS
    elif plan.state == "window_ended":
        covers_to = now_ms - 182 * DAY_MS
    elif plan.state == "revoked":
        revoked_at = now_ms - 10 * DAY_MS
    return Contract(
        provider_id=PROVIDER_ID,
        subscriber_id=subscriber_id,
        grants_metadata="metadata" in plan.categories,
        grants_transcripts="transcripts" in plan.categories,
        grants_consumer_pii="consumer_pii" in plan.categories,
        grants_surveys="surveys" in plan.categories,
        covers_from_ms=None,
        covers_to_ms=covers_to,
        effective_from_ms=effective_from,
        expires_at_ms=expires_at,
        revoked_at_ms=revoked_at,
        revocation_reason="Subscriber withdrew consent (demo)" if revoked_at else None,
        revoked_by="sub-admin@demo" if revoked_at else None,
        agreement_ref=f"DEMO-MSA-{subscriber_id}",
        supersedes_id=None,
        created_at_ms=year_ago,
        created_by="seed",
    )


def add_demo_identities(
    session: Session, *, now_ms: int, subscriber_names: dict[str, str] | None = None
) -> None:
    """Add the platform, the demo provider, subscribers, network, contracts, app keys, logins."""
    session.add(
        Account(account_id=PLATFORM_ID, name=PLATFORM_NAME, kind="platform", created_at_ms=now_ms)
    )
    session.add(
        Account(account_id=PROVIDER_ID, name=PROVIDER_NAME, kind="provider", created_at_ms=now_ms)
    )
    _add_subscribers(session, SUBSCRIBER_IDS, subscriber_names or {}, now_ms, contract_plan)
    for key in (PROVIDER_KEY, SUBSCRIBER_KEY, PLATFORM_KEY):
        session.add(app_key_row(key, now_ms=now_ms))
    for login in (ANALYST, SUBSCRIBER_ADMIN):
        session.add(
            User(
                account_id=login.account_id,
                username=login.username,
                password_hash=hash_password(login.password),
                permissions=list(login.permissions),
                full_name=login.full_name,
                created_at_ms=now_ms,
                disabled_at_ms=None,
            )
        )
    session.flush()


def app_key_row(key: DemoKey, *, now_ms: int, label: str = "demo key") -> AppKey:
    """The stored form of an app key's four values and permissions."""
    return AppKey(
        consumer_key=key.consumer_key,
        account_id=key.account_id,
        consumer_secret=key.consumer_secret,
        access_token=key.access_token,
        token_secret=key.token_secret,
        permissions=list(key.permissions),
        label=label,
        created_at_ms=now_ms,
        disabled_at_ms=None,
    )


def add_extra_subscribers(
    session: Session, account_ids: list[str], names: dict[str, str], now_ms: int
) -> None:
    """Add subscribers beyond the fixed twenty (for larger data sets), each fully consenting."""
    plan = ContractPlan(ALL_CATEGORIES, "active", "active, all categories")
    _add_subscribers(session, account_ids, names, now_ms, lambda _sid: plan)


def _add_subscribers(
    session: Session,
    account_ids: Sequence[str],
    names: dict[str, str],
    now_ms: int,
    plan_of: Callable[[str], ContractPlan | None],
) -> None:
    """Add subscriber accounts, their membership of the demo network and their contracts."""
    for sid in account_ids:
        name = names.get(sid, f"Subscriber {sid}")
        session.add(Account(account_id=sid, name=name, kind="subscriber", created_at_ms=now_ms))
    session.flush()
    for sid in account_ids:
        joined = now_ms - 400 * DAY_MS
        session.add(
            NetworkMembership(
                provider_id=PROVIDER_ID, subscriber_id=sid, joined_at_ms=joined, left_at_ms=None
            )
        )
        plan = plan_of(sid)
        if plan is not None:
            session.add(_contract(sid, plan, now_ms))
    session.flush()
