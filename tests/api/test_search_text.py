"""Text expressions find the same conversations on SQLite and PostgreSQL.

Each database tokenizes with its own full-text index; these cases pin down where the two
tokenizers could part ways: case, accents, punctuation inside words, long numbers, phrases.
"""

from __future__ import annotations

import pytest

from seed.demo import SUBSCRIBER_KEY
from tests.support.records import START_MS, minimal_record
from tests.support.signing import oauth1_for, send_signed

pytestmark = pytest.mark.api

SEARCH = "/messaging_history/api/account/70000001/conversations/search"
TEXTS = {
    "accent": "José asked about the café opening hours",
    "email": "Please write to support@example.com or use the e-mail form",
    "number": "Your order 12345678 ships tomorrow",
    "phrase": "I want a refund request for my order",
}


@pytest.fixture
def stored(client):
    records = {
        name: minimal_record(start_ms=START_MS + i * 1000, text=text)
        for i, (name, text) in enumerate(TEXTS.items())
    }
    body = list(records.values())
    response = send_signed(
        client,
        "POST",
        "/marketplace/api/account/70000001/conversations",
        oauth1_for(SUBSCRIBER_KEY),
        json=body,
    )
    assert response.status_code == 200, response.get_json()
    return {name: r["info"]["conversationId"] for name, r in records.items()}


def found(client, keyword):
    body = {"start": {"from": START_MS - 60_000, "to": START_MS + 3_600_000}, "keyword": keyword}
    response = send_signed(client, "POST", SEARCH, oauth1_for(SUBSCRIBER_KEY), json=body)
    assert response.status_code == 200, response.get_json()
    return {r["info"]["conversationId"] for r in response.get_json()["conversationHistoryRecords"]}


@pytest.mark.parametrize(
    ("keyword", "expected"),
    [
        ("josé", {"accent"}),
        ("JOSÉ CAFÉ", {"accent"}),
        ("jose", set()),  # accents are not folded, on either database
        ("e-mail", {"email"}),
        ('"e-mail form"', {"email"}),
        ("12345678", {"number"}),  # LivePerson cannot search numbers over 3 digits; we can
        ("1234", set()),  # whole words only, no prefixes
        ('"refund request"', {"phrase"}),
        ('"request refund"', set()),
        ("request refund", {"phrase"}),
        ('"refund request" order', {"phrase"}),
        ('"refund request" tomorrow', set()),
        ("order", {"number", "phrase"}),
        ("support", {"email"}),
        ("support@example.com", {"email"}),
        ("example", {"email"}),
    ],
)
def test_text_expression_matches_whole_words(client, stored, keyword, expected):
    assert found(client, keyword) == {stored[name] for name in expected}
