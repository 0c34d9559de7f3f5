"""Values passed between layers: frozen, free of Flask and SQLAlchemy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final


@dataclass(frozen=True)
class Principal:
    """The authenticated caller: whose credential it is and what it may do."""

    account_id: str
    account_kind: str
    credential: str  # "app_key:<consumer key>" or "user:<username>"; never a secret
    permissions: frozenset[str] = field(default_factory=frozenset)

    def may(self, permission: str) -> bool:
        """Tell whether the credential carries this permission."""
        return permission in self.permissions


@dataclass(frozen=True)
class IngestOutcome:
    """What one ingest batch did, per conversation id."""

    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    stale: tuple[str, ...] = ()

    @property
    def received(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged) + len(self.stale)


@dataclass(frozen=True)
class LoginSession:
    """A bearer token just issued by a login: the only time the token itself is known."""

    bearer: str
    csrf: str
    account_id: str
    username: str
    expires_at_ms: int


@dataclass(frozen=True)
class StoredConversation:
    """The rows of one conversation, ready to insert."""

    account_id: str
    conversation_id: str
    content_hash: str
    last_update_ms: int
    conversation: dict[str, Any]
    sections: dict[str, Any]
    facets: tuple[tuple[str, str], ...]
    texts: tuple[tuple[str, str], ...]


# Permissions a credential can carry.
READ = "read"  # the Messaging Interactions search API
INGEST = "ingest"  # writing conversation records into its own account
REPORTS = "reports"  # the Marketplace Network report
CONSENT = "consent"  # list one's own contracts (and a provider its network); a subscriber revokes
AUDIT = "audit"  # read the access audit: a provider its own reads, a subscriber reads of its data
CONTRACTS_ADMIN = "contracts_admin"  # a platform credential records contracts


# Data categories a contract can grant (design.md section 2): no category, no data.
METADATA = "metadata"
TRANSCRIPTS = "transcripts"
CONSUMER_PII = "consumer_pii"
SURVEYS = "surveys"
ALL_CATEGORIES = frozenset((METADATA, TRANSCRIPTS, CONSUMER_PII, SURVEYS))


@dataclass(frozen=True)
class AccountGrant:
    """What a caller may read of one account: data categories and a window of start times.

    A grant that comes from a consent contract names it: the statements that read the data
    check again that this contract is still in force, so a revocation between building the
    scope and reading the page still holds.
    """

    account_id: str
    categories: frozenset[str]
    covers_from_ms: int | None = None  # None: unbounded
    covers_to_ms: int | None = None
    contract_id: int | None = None  # None: the account reads its own data

    @classmethod
    def owner(cls, account_id: str) -> AccountGrant:
        """An account reading its own data: everything, at any time."""
        return cls(account_id, ALL_CATEGORIES)


@dataclass(frozen=True)
class LeftOut:
    """An account the caller asked about, and why none of its data is in the answer."""

    account_id: str
    reason: str


# Why a subscriber is left out of a provider's read (LeftOut.reason); a category that a filter
# needs and the contract does not grant reads "category_not_granted:<categories>".
NO_CONTRACT = "no_contract"
CONTRACT_REVOKED = "contract_revoked"
CONTRACT_EXPIRED = "contract_expired"
CONTRACT_NOT_YET_IN_EFFECT = "contract_not_yet_in_effect"
NOT_IN_NETWORK = "not_in_network"


@dataclass(frozen=True)
class AccessScope:
    """The accounts one request may read, each with its own rules. Empty reads nothing.

    ``aggregated`` marks a provider reading its whole network on its own account id: only such
    a read may be narrowed to some subscribers, and only its answer reports who was left out.
    """

    grants: tuple[AccountGrant, ...]
    left_out: tuple[LeftOut, ...] = ()
    aggregated: bool = False
    through_contracts: bool = False  # some grant is a contract's: the read is audited

    def requiring(self, needs: frozenset[str]) -> AccessScope:
        """Return the scope without the accounts whose grant lacks a needed category: a filter
        on data the caller may not see is never applied blind, the account is left out."""
        kept = tuple(g for g in self.grants if needs <= g.categories)
        dropped = tuple(
            LeftOut(g.account_id, "category_not_granted:" + ",".join(sorted(needs - g.categories)))
            for g in self.grants
            if not needs <= g.categories
        )
        return replace(self, grants=kept, left_out=self.left_out + dropped)

    def narrowed_to(self, account_ids: Sequence[str]) -> AccessScope:
        """Return the scope of some of its accounts only; an id it does not know is left out as
        outside the network."""
        wanted = dict.fromkeys(account_ids)
        known = {g.account_id for g in self.grants} | {x.account_id for x in self.left_out}
        return replace(
            self,
            grants=tuple(g for g in self.grants if g.account_id in wanted),
            left_out=(
                *(x for x in self.left_out if x.account_id in wanted),
                *(LeftOut(a, NOT_IN_NETWORK) for a in wanted if a not in known),
            ),
        )


# Every section a record may carry besides ``info``, in LivePerson's order (reference section 5.1).
RECORD_SECTIONS: Final = (
    "campaign",
    "monitoring",
    "messageRecords",
    "messageStatuses",
    "agentParticipants",
    "agentParticipantsActive",
    "agentParticipantsLeave",
    "consumerParticipants",
    "transfers",
    "interactions",
    "messageScores",
    "skillChanges",
    "conversationSurveys",
    "coBrowseSessions",
    "summary",
    "sdes",
    "unAuthSdes",
    "responseTime",
    "dialogs",
    "intents",
    "uniqueIntents",
    "latestAgentSurvey",
    "previouslySubmittedAgentSurveys",
)

# LivePerson's default sections when contentToRetrieve is absent (reference section 4).
DEFAULT_CONTENT: Final = (
    "campaign",
    "messageRecords",
    "agentParticipants",
    "agentParticipantsLeave",
    "agentParticipantsActive",
    "consumerParticipants",
    "transfers",
    "interactions",
    "messageScores",
    "messageStatuses",
    "conversationSurveys",
    "coBrowseSessions",
    "summary",
    "sdes",
)
