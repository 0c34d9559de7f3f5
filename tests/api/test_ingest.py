"""Ingestion over HTTP: validated, idempotent by conversation id, all or nothing per batch."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.models import Conversation, ConversationFacet, ConversationSections, ConversationText
from seed.demo import SUBSCRIBER_KEY
from tests.support.records import START_MS, minimal_record
from tests.support.signing import oauth1_for, send_signed

pytestmark = pytest.mark.api

PATH = "/marketplace/api/account/70000001/conversations"
STORED_TABLES = (Conversation, ConversationSections, ConversationFacet, ConversationText)


def ingest(client, body):
    return send_signed(client, "POST", PATH, oauth1_for(SUBSCRIBER_KEY), json=body)


def snapshot(session):
    """Every stored row of every conversation table, as plain tuples, in a stable order."""
    rows = {}
    for model in STORED_TABLES:
        table = model.__table__
        rows[table.name] = sorted(tuple(row) for row in session.execute(sa.select(table)).all())
    return rows


def test_same_batch_twice_leaves_identical_rows(client, session):
    batch = [minimal_record(conversation_id=f"conv-{i}", start_ms=START_MS + i) for i in range(5)]
    first = ingest(client, batch)
    assert first.status_code == 200
    assert (first.json["created"], first.json["unchanged"]) == (5, 0)
    before = snapshot(session)
    second = ingest(client, batch)
    assert second.status_code == 200
    assert (second.json["created"], second.json["updated"], second.json["unchanged"]) == (0, 0, 5)
    assert snapshot(session) == before
    assert len(before["conversations"]) == 5


def test_newer_version_replaces_and_older_is_stale(client, session):
    old = minimal_record(conversation_id="conv-v", text="first words")
    new = minimal_record(conversation_id="conv-v", text="second words")
    new["info"]["endTimeL"] += 5_000  # a later time anywhere in the record: the newer version
    assert ingest(client, [old]).json["created"] == 1
    assert ingest(client, [new]).json["updated"] == 1
    assert ingest(client, [old]).json["stale"] == 1
    texts = session.scalars(
        sa.select(ConversationText.body).where(ConversationText.conversation_id == "conv-v")
    ).all()
    assert texts == ["second words"]
    for model in (ConversationSections, ConversationFacet):
        rows = session.scalar(
            sa.select(sa.func.count()).select_from(model).where(model.conversation_id == "conv-v")
        )
        assert rows == (
            1 if model is ConversationSections else 2
        )  # skill 1201 and message type TEXT_PLAIN


def test_bad_record_in_the_middle_stores_nothing(client, session):
    batch = [minimal_record(conversation_id=f"ok-{i}") for i in range(3)]
    batch.insert(2, minimal_record(conversation_id="bad", status="SOMETIMES"))
    response = ingest(client, batch)
    assert response.status_code == 400
    assert any(c.startswith("records.2.info.status:") for c in response.json["causes"]), (
        response.json
    )
    assert session.scalar(sa.select(sa.func.count()).select_from(Conversation)) == 0


def test_record_of_another_account_is_refused_with_its_index(client, session):
    batch = [minimal_record(), minimal_record("70000002")]
    response = ingest(client, batch)
    assert response.status_code == 400
    assert response.json["causes"] == [
        "records.1.info.brandId: must be 70000001, the account written to"
    ]
    assert session.scalar(sa.select(sa.func.count()).select_from(Conversation)) == 0


def test_search_response_envelope_is_accepted(client):
    body = {"_metadata": {"count": 1}, "conversationHistoryRecords": [minimal_record()]}
    assert ingest(client, body).json["created"] == 1


@pytest.mark.parametrize(
    ("body", "cause"),
    [
        ([], "records: must hold at least one record"),
        ({"records": []}, "body: must be a list of conversation records"),
        ("nope", "body: must be a list of conversation records"),
        ([{"campaign": {}}], "records.0.info: Missing data for required field."),
    ],
)
def test_malformed_batches_get_400(client, body, cause):
    response = ingest(client, body)
    assert response.status_code == 400
    assert any(c.startswith(cause) for c in response.json["causes"]), response.json["causes"]


class TestLimits:
    @pytest.fixture
    def app_config(self):
        return {"MAX_CONTENT_LENGTH": 4096, "INGEST_MAX_RECORDS": 3}

    def test_oversized_body_gets_413(self, client):
        batch = [minimal_record(text="x" * 5000)]
        response = ingest(client, batch)
        assert response.status_code == 413
        assert response.json["code"] == "payload_too_large"

    def test_too_many_records_get_400(self, client):
        response = ingest(client, [minimal_record() for _ in range(4)])
        assert response.status_code == 400
        assert "records: must hold at most 3 records" in response.json["causes"]


def test_body_that_is_not_json_gets_400(client):
    from tests.support.signing import signed_headers

    headers = signed_headers("POST", PATH, oauth1_for(SUBSCRIBER_KEY))
    response = client.post(
        PATH, data=b"{not json", headers={**headers, "Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json["causes"][0].startswith("body:")
