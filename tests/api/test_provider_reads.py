"""A provider's reads over time: revocation in the middle of a walk, and the access audit."""

from __future__ import annotations

import time

import orjson
import pytest
import sqlalchemy as sa

from app.models import AccessAudit, Contract
from seed.demo import PROVIDER_ID, PROVIDER_KEY, SUBSCRIBER_KEY
from tests.api.test_provider_access import E1, STORED, WIDE, body_for, cid, network, post
from tests.support.signing import oauth1_for, send_signed

pytestmark = pytest.mark.api
__all__ = ["network"]  # the fixture, shared with the access matrix

ALL_SECTIONS_BODY = {"start": WIDE, "contentToRetrieve": ["messageRecords"]}


def walk_page(client, offset: int) -> dict:
    path = (
        f"/messaging_history/api/account/{PROVIDER_ID}/conversations/search"
        f"?limit=3&offset={offset}&sort=start:asc"
    )
    response = send_signed(client, "POST", path, oauth1_for(PROVIDER_KEY), json=ALL_SECTIONS_BODY)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def owners(answer: dict) -> list[str]:
    return [r["info"]["brandId"] for r in answer["conversationHistoryRecords"]]


def revoke(session, subscriber_id: str) -> None:
    """Stamp the subscriber's contract revoked, as the subscriber's revocation does."""
    session.execute(
        sa.update(Contract)
        .where(Contract.subscriber_id == subscriber_id, Contract.revoked_at_ms.is_(None))
        .values(
            revoked_at_ms=int(time.time() * 1000) - 1,
            revocation_reason="test: consent withdrawn",
            revoked_by="test",
        )
    )
    session.commit()


def test_revocation_between_two_pages_removes_the_subscriber_from_the_next(
    client, session, network
):
    first = walk_page(client, 0)
    assert "70000001" in owners(first) + owners(walk_page(client, 3))
    before = first["_metadata"]["count"]
    revoke(session, "70000001")
    second = walk_page(client, 3)
    assert "70000001" not in owners(second)
    assert second["_metadata"]["count"] == before - 2  # its two conversations
    left_out = {
        x["accountId"]: x["reason"]
        for x in second["_metadata"]["marketplace"]["subscribersLeftOut"]
    }
    assert left_out["70000001"] == "contract_revoked"
    one = post(client, PROVIDER_KEY, "70000001", E1, body_for(E1))
    assert one.status_code == 403
    assert one.get_json()["reason"] == "contract_revoked"


def audit_of(client, key, account: str, query: str = "") -> dict:
    path = f"/marketplace/api/account/{account}/audit{query}"
    response = send_signed(client, "GET", path, oauth1_for(key))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_each_provider_read_leaves_one_audit_record_without_any_text(client, session, network):
    keyword = "bill"
    secret_body = body_for(E1, {"keyword": keyword, "skillIds": [12]})
    assert post(client, PROVIDER_KEY, PROVIDER_ID, E1, secret_body).status_code == 200
    assert post(client, PROVIDER_KEY, "70000015", E1, body_for(E1)).status_code == 200
    # A subscriber reading its own data is not a provider read: nothing is audited.
    assert post(client, SUBSCRIBER_KEY, "70000001", E1, body_for(E1)).status_code == 200
    assert session.scalar(sa.select(sa.func.count()).select_from(AccessAudit)) == 2

    provider_view = audit_of(client, PROVIDER_KEY, PROVIDER_ID)
    assert provider_view["_metadata"]["count"] == 2
    newest, oldest = provider_view["auditRecords"]
    assert newest["requestedAccountId"] == "70000015"
    assert newest["subscribers"] == [{"accountId": "70000015", "recordCount": 2}]
    assert oldest["requestedAccountId"] == PROVIDER_ID
    assert oldest["endpoint"] == "/search"
    assert oldest["filterNames"] == ["contentToRetrieve", "keyword", "skillIds", "start"]
    assert oldest["credential"] == f"app_key:{PROVIDER_KEY.consumer_key}"
    # keyword needs transcripts: metadata-only 70000013 is left out, the others are read.
    read = {s["accountId"]: s["recordCount"] for s in oldest["subscribers"]}
    assert read["70000001"] == 2
    assert read["70000015"] == 2
    assert "70000013" not in read
    assert {"accountId": "70000013", "reason": "category_not_granted:transcripts"} in oldest[
        "leftOut"
    ]
    assert oldest["recordCount"] == sum(read.values())
    assert keyword.encode() not in orjson.dumps(provider_view)
    assert b"Billing" not in orjson.dumps(provider_view)

    subscriber_view = audit_of(client, SUBSCRIBER_KEY, "70000001")
    assert subscriber_view["_metadata"]["count"] == 1  # the aggregated read touched it
    (entry,) = subscriber_view["auditRecords"]
    assert entry["readerAccountId"] == PROVIDER_ID
    assert entry["recordCount"] == 2
    assert "subscribers" not in entry
    assert "leftOut" not in entry


def test_the_audit_is_for_its_own_account_only(client, network):
    for key, account in ((SUBSCRIBER_KEY, PROVIDER_ID), (PROVIDER_KEY, "70000001")):
        response = send_signed(
            client, "GET", f"/marketplace/api/account/{account}/audit", oauth1_for(key)
        )
        assert response.status_code == 403
    bad = send_signed(
        client,
        "GET",
        f"/marketplace/api/account/{PROVIDER_ID}/audit?limit=0",
        oauth1_for(PROVIDER_KEY),
    )
    assert bad.status_code == 400
    assert bad.get_json()["causes"][0].startswith("limit: ")


def test_audit_pages_and_time_window(client, network):
    for _ in range(3):
        assert post(client, PROVIDER_KEY, "70000001", E1, body_for(E1)).status_code == 200
    page = audit_of(client, PROVIDER_KEY, PROVIDER_ID, "?limit=2")
    assert page["_metadata"]["count"] == 3
    assert len(page["auditRecords"]) == 2
    assert "next" in page["_metadata"]
    rest = audit_of(client, PROVIDER_KEY, PROVIDER_ID, "?limit=2&offset=2")
    ids = [r["auditId"] for r in page["auditRecords"] + rest["auditRecords"]]
    assert len(set(ids)) == 3
    future = int(time.time() * 1000) + 60_000
    assert audit_of(client, PROVIDER_KEY, PROVIDER_ID, f"?from={future}")["auditRecords"] == []


def test_records_of_a_walk_come_from_every_consenting_subscriber(client, network):
    seen = []
    offset = 0
    while True:
        page = walk_page(client, offset)
        seen += [r["info"]["conversationId"] for r in page["conversationHistoryRecords"]]
        if "next" not in page["_metadata"]:
            break
        offset += 3
    expected = {cid(s, n) for s in ("70000001", "70000013", "70000015") for n in (1, 2)}
    assert set(seen) == expected
    assert len(seen) == len(expected)
    assert all(s in STORED for s in ("70000001", "70000013", "70000015"))
