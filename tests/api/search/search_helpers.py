"""Helpers of the search tests: ingest records, run the three searches, read the answers.

Every request is signed with the demo subscriber's OAuth 1.0 key (account 70000001) and goes
through the contract-checking test client. Records are ingested inside the test, so the test's
rolled-back transaction removes them again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from seed.demo import SUBSCRIBER_KEY
from tests.support.search_records import BASE_MS, DAY_MS
from tests.support.signing import oauth1_for, send_signed

ACCOUNT = "70000001"
INGEST_PATH = f"/marketplace/api/account/{ACCOUNT}/conversations"
SEARCH_BASE = f"/messaging_history/api/account/{ACCOUNT}/conversations"
E1 = f"{SEARCH_BASE}/search"
E2 = f"{SEARCH_BASE}/conversation/search"
E3 = f"{SEARCH_BASE}/consumer/search"
# A start range around BASE_MS that holds every record of a test unless it says otherwise.
WIDE = {"from": BASE_MS - 10 * DAY_MS, "to": BASE_MS + 10 * DAY_MS}


class Api:
    """The search API as one test sees it."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def ingest(self, records: list[dict[str, Any]]) -> None:
        response = send_signed(
            self.client, "POST", INGEST_PATH, oauth1_for(SUBSCRIBER_KEY), json=records
        )
        assert response.status_code == 200, response.get_json()

    def post(self, path: str, body: Any, query: str = "") -> TestResponse:
        """Send a signed POST; a 500 is never acceptable, whatever the body."""
        target = f"{path}?{query}" if query else path
        response = send_signed(self.client, "POST", target, oauth1_for(SUBSCRIBER_KEY), json=body)
        assert response.status_code < 500, (response.status_code, response.get_json())
        return response

    def search(self, body: dict[str, Any], query: str = "") -> TestResponse:
        """E1 with a wide start range unless the body has its own ``start``."""
        return self.post(E1, {"start": WIDE, **body}, query)

    def ok(self, body: dict[str, Any], query: str = "", path: str = E1) -> dict[str, Any]:
        """Run a search that must succeed; return the JSON answer."""
        response = self.search(body, query) if path == E1 else self.post(path, body, query)
        assert response.status_code == 200, response.get_json()
        answer: dict[str, Any] = response.get_json()
        return answer

    def ids(self, body: dict[str, Any], query: str = "limit=100", path: str = E1) -> set[str]:
        """Return the ids an E1 search (or E2/E3 with ``path``) finds; count must agree."""
        answer = self.ok(body, query, path)
        found = record_ids(answer)
        assert answer["_metadata"]["count"] == len(found), answer["_metadata"]
        assert len(found) == len(set(found)), found
        return set(found)


def record_ids(answer: dict[str, Any]) -> list[str]:
    """The conversation ids of a search answer, in order."""
    return [r["info"]["conversationId"] for r in answer["conversationHistoryRecords"]]


def cause_fields(response: TestResponse) -> list[str]:
    """The field part of each ``"<field>: <rule>"`` cause of an error answer."""
    return [cause.partition(": ")[0] for cause in response.get_json()["causes"]]


def assert_bad_request(response: TestResponse, field: str) -> None:
    """A 400 whose causes name ``field`` (itself, or a path inside it)."""
    assert response.status_code == 400, (response.status_code, response.get_json())
    body = response.get_json()
    assert body["causes"], body
    names = cause_fields(response)
    assert any(name == field or name.startswith((field + ".", field + "[")) for name in names), (
        f"no cause names {field!r}: {body['causes']}"
    )
    assert all(": " in cause for cause in body["causes"]), body["causes"]


def link_query(link: dict[str, str]) -> dict[str, str]:
    """Return the query parameters of a _metadata link, one value each."""
    params = parse_qs(urlsplit(link["href"]).query, keep_blank_values=True)
    assert all(len(values) == 1 for values in params.values()), link
    return {key: values[0] for key, values in params.items()}


def link_target(link: dict[str, str]) -> tuple[str, str]:
    """Return (path, query string) of a _metadata link, to follow it."""
    parts = urlsplit(link["href"])
    assert parts.scheme in ("http", "https"), link  # an absolute URL
    assert parts.netloc, link
    return parts.path, parts.query


def expect(found: Iterable[str], *expected: str) -> None:
    """Compare found ids with the expected ones, readably."""
    assert sorted(found) == sorted(expected)
