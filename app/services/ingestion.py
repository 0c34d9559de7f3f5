"""Ingestion of Messaging Interactions records into an account.

Idempotent by conversation id, with one version rule (the same for HTTP, the CLI and the seed):

- the same content again (same content hash) changes nothing: ``unchanged``;
- different content whose latest time is not older than the stored one replaces it: ``updated``
  (the newer version of a conversation wins; on a tie, the later delivery wins);
- different content that is older than what is stored is ignored: ``stale``;
- within one batch, two records of the same conversation are judged by the same rule, in order.

The caller owns the transaction, so a batch is stored whole or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.domain import IngestOutcome, StoredConversation
from app.errors import InvalidRequest
from app.repositories import conversation_store
from app.services.decompose import decompose


def _wins(new: StoredConversation, old: tuple[str, int]) -> bool:
    return new.last_update_ms >= old[1]


def check_owner(records: Sequence[dict[str, Any]], *, account_id: str) -> None:
    """Refuse records that belong to another account than the one written to.

    :raises InvalidRequest: naming the index of the first record with another brandId.
    """
    rule = f"must be {account_id}, the account written to"
    wrong = [i for i, record in enumerate(records) if str(record["info"]["brandId"]) != account_id]
    if wrong:
        raise InvalidRequest(
            "Some records belong to another account.",
            causes=[f"records.{i}.info.brandId: {rule}" for i in wrong],
            details={"records": {str(i): {"info": {"brandId": [rule]}} for i in wrong}},
        )


def ingest(
    session: Session, *, account_id: str, records: Sequence[dict[str, Any]], now_ms: int
) -> IngestOutcome:
    """Store validated records of one account by the version rule; return what happened."""
    check_owner(records, account_id=account_id)
    candidates: dict[str, StoredConversation] = {}
    unchanged: list[str] = []
    stale: list[str] = []
    for record in records:
        rows = decompose(record, ingested_at_ms=now_ms)
        earlier = candidates.get(rows.conversation_id)
        if earlier is None:
            candidates[rows.conversation_id] = rows
        elif earlier.content_hash == rows.content_hash:
            unchanged.append(rows.conversation_id)
        elif _wins(rows, (earlier.content_hash, earlier.last_update_ms)):
            stale.append(earlier.conversation_id)  # superseded within the batch
            candidates[rows.conversation_id] = rows
        else:
            stale.append(rows.conversation_id)
    stored = conversation_store.stored_versions(
        session, account_id=account_id, conversation_ids=list(candidates)
    )
    created: list[StoredConversation] = []
    updated: list[StoredConversation] = []
    for cid, rows in candidates.items():
        old = stored.get(cid)
        if old is None:
            created.append(rows)
        elif old[0] == rows.content_hash:
            unchanged.append(cid)
        elif _wins(rows, old):
            updated.append(rows)
        else:
            stale.append(cid)
    conversation_store.delete(
        session, account_id=account_id, conversation_ids=[r.conversation_id for r in updated]
    )
    conversation_store.insert(session, [*created, *updated])
    return IngestOutcome(
        created=tuple(r.conversation_id for r in created),
        updated=tuple(r.conversation_id for r in updated),
        unchanged=tuple(unchanged),
        stale=tuple(stale),
    )
