"""A search costs at most 4 SQL statements, whatever the page size and the sections asked for.

How statements are counted: a SQLAlchemy ``before_cursor_execute`` listener on the test's
connection (the app's sessions run on it, through savepoints) records every statement of one
request. Savepoint housekeeping (SAVEPOINT / RELEASE / ROLLBACK TO) belongs to the test harness,
not to the app, and is not counted.

Authentication is not the search's cost, so it is subtracted: requests carry a bearer token from
login (no nonce bookkeeping, unlike OAuth 1.0), and the statements of the same authenticated
request refused by validation (``limit=0``, a 400 before any search) are the baseline. The
search's statements are the request's statements minus that baseline; the baseline must not
read conversations itself, else the subtraction would hide search work.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import sqlalchemy as sa

from seed.demo import ANALYST, SUBSCRIBER_ADMIN, DemoLogin
from tests.api.search.search_helpers import E1, E2, E3, WIDE
from tests.support.consent_rules import SECTION_CATEGORY
from tests.support.search_records import at, full_conversation

pytestmark = pytest.mark.api

MAX_STATEMENTS = 4
HARNESS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
ALL_SECTIONS = sorted(SECTION_CATEGORY)
RECORDS = 120


@contextmanager
def recorded(connection: sa.Connection) -> Iterator[list[str]]:
    """Collect the SQL of every statement run on the connection inside the block."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.lstrip().upper().startswith(HARNESS):
            statements.append(statement)

    sa.event.listen(connection, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(connection, "before_cursor_execute", record)


@pytest.fixture
def bearer(api, client) -> dict[str, str]:
    """Conversations to find, and the Authorization header of a logged-in subscriber admin."""
    api.ingest([full_conversation(f"perf-{i:03d}", at(i % 50)) for i in range(RECORDS)])
    return bearer_header(client, SUBSCRIBER_ADMIN)


def bearer_header(client, login: DemoLogin) -> dict[str, str]:
    """Log in; return the Authorization header of the bearer token."""
    response = client.post(
        f"/api/account/{login.account_id}/login?v=1.3",
        json={"username": login.username, "password": login.password},
    )
    assert response.status_code == 200, response.get_json()
    return {"Authorization": f"Bearer {response.get_json()['bearer']}"}


def statements_of(client, connection, headers, path, body, query) -> tuple[list[str], Any]:
    with recorded(connection) as statements:
        response = client.post(f"{path}?{query}", json=body, headers=headers)
    return statements, response


def search_statements(client, connection, headers, path, body, query) -> list[str]:
    """The statements a search request adds to authenticating (see the module docstring)."""
    baseline, refused = statements_of(client, connection, headers, path, body, "limit=0")
    assert refused.status_code == 400, refused.get_json()
    assert not any("conversation" in s.lower() for s in baseline), baseline
    statements, response = statements_of(client, connection, headers, path, body, query)
    assert response.status_code == 200, response.get_json()
    assert statements[: len(baseline)] == baseline, (baseline, statements)
    return statements[len(baseline) :]


FILTERS = {
    "keyword": "bill",
    "skillIds": [11, 12],
    "agentIds": ["agent-7"],
    "sdeSearch": {"personalInfo": "Ann", "customerInfo": "12"},
    "mcs": {"from": 10},
    "status": ["CLOSE"],
}


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"contentToRetrieve": ALL_SECTIONS}, id="all-sections"),
        pytest.param({"contentToRetrieve": ALL_SECTIONS, **FILTERS}, id="all-sections-filters"),
        pytest.param({}, id="default-sections"),
        pytest.param({"contentToRetrieve": [], **FILTERS}, id="info-only-filters"),
    ],
)
def test_conversations_search_statements_do_not_grow_with_the_page(
    client, connection, bearer, body
):
    body = {"start": WIDE, **body}
    counts = {}
    for limit in (1, 100):
        statements = search_statements(
            client, connection, bearer, E1, body, f"limit={limit}&v=2&sort=end:desc"
        )
        assert 1 <= len(statements) <= MAX_STATEMENTS, statements
        counts[limit] = len(statements)
    assert counts[1] == counts[100], counts


def test_a_full_page_really_is_a_hundred_full_records(client, bearer):
    response = client.post(
        f"{E1}?limit=100&v=2",
        json={"start": WIDE, "contentToRetrieve": ALL_SECTIONS},
        headers=bearer,
    )
    records = response.get_json()["conversationHistoryRecords"]
    assert len(records) == 100
    assert all(set(r) == {"info", *ALL_SECTIONS} for r in records)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        pytest.param(
            E2, {"conversationIds": [f"perf-{i:03d}" for i in range(100)]}, id="E2-100-ids"
        ),
        pytest.param(E3, {"consumer": "consumer-1"}, id="E3"),
    ],
)
def test_conversation_and_consumer_search_statements(client, connection, bearer, path, body):
    body = {**body, "contentToRetrieve": ALL_SECTIONS}
    for limit in (1, 100):
        statements = search_statements(client, connection, bearer, path, body, f"limit={limit}")
        assert 1 <= len(statements) <= MAX_STATEMENTS, statements


# The network's contracts, count, page, and the audit record with its subscriber rows.
PROVIDER_STATEMENTS = 5


@pytest.fixture
def analyst(api, client) -> dict[str, str]:
    """Conversations of the consenting subscriber 70000001, and the provider analyst's header."""
    api.ingest([full_conversation(f"perf-{i:03d}", at(i % 50)) for i in range(RECORDS)])
    return bearer_header(client, ANALYST)


@pytest.mark.parametrize("account", ["70000000", "70000001"], ids=["aggregated", "one-subscriber"])
@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"contentToRetrieve": ALL_SECTIONS, **FILTERS}, id="all-sections-filters"),
        pytest.param({}, id="default-sections"),
    ],
)
def test_provider_search_statements_do_not_grow_with_the_page_or_the_network(
    client, connection, analyst, account, body
):
    body = {"start": WIDE, **body}
    path = f"/messaging_history/api/account/{account}/conversations/search"
    counts = {}
    for limit in (1, 100):
        statements = search_statements(
            client, connection, analyst, path, body, f"limit={limit}&v=2"
        )
        assert len(statements) == PROVIDER_STATEMENTS, statements
        counts[limit] = len(statements)
    assert counts[1] == counts[100], counts
