"""Values passed between layers: frozen, free of Flask and SQLAlchemy."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
