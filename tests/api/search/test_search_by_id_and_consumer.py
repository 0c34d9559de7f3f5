"""Conversation search by id (E2) and consumer search (E3).

docs/decisions.md: E2 takes ``conversationId`` and/or ``conversationIds`` (together at most 100
distinct ids, at least one); ids not found are simply absent; sorted and paged like E1. E3 takes
``consumer`` (the consumer's participantId, required) and ``status`` (absent or null: both), no
time range.
"""

from __future__ import annotations

import pytest

from tests.api.search.search_helpers import (
    E2,
    E3,
    assert_bad_request,
    expect,
    record_ids,
)
from tests.support.search_records import DAY_MS, at, conversation

pytestmark = pytest.mark.api


def _three():
    return [conversation(f"c{i}", at(i)) for i in range(3)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param({"conversationId": "c1"}, ("c1",), id="one-id"),
        pytest.param({"conversationIds": ["c0", "c2"]}, ("c0", "c2"), id="ids"),
        pytest.param(
            {"conversationId": "c1", "conversationIds": ["c0"]}, ("c0", "c1"), id="id-and-ids"
        ),
        pytest.param({"conversationIds": ["c0", "nope", "c2"]}, ("c0", "c2"), id="unknown-absent"),
        pytest.param({"conversationId": "nope"}, (), id="only-unknown"),
        pytest.param({"conversationIds": ["c1", "c1"]}, ("c1",), id="duplicates-once"),
        pytest.param(
            {"conversationId": "c1", "conversationIds": None}, ("c1",), id="null-is-absent"
        ),
    ],
)
def test_conversation_search_finds_the_ids_asked_for(api, body, expected):
    api.ingest(_three())
    expect(api.ids(body, path=E2), *expected)


def test_conversation_search_has_no_time_range(api):
    api.ingest(
        [conversation("old", at(0) - 200 * DAY_MS), conversation("open", at(0), status="OPEN")]
    )
    expect(api.ids({"conversationIds": ["old", "open"]}, path=E2), "old", "open")


def test_conversation_search_takes_a_hundred_ids(api):
    api.ingest(_three())
    ids = ["c0", "c1", "c2", *(f"missing-{i}" for i in range(97))]
    expect(api.ids({"conversationIds": ids}, path=E2), "c0", "c1", "c2")
    # The single id is one of the hundred: still a hundred distinct ids.
    expect(api.ids({"conversationIds": ids, "conversationId": "c1"}, path=E2), "c0", "c1", "c2")


def assert_names_an_id_field(response):
    """A 400 for a rule across conversationId and conversationIds: a cause must name one of
    them (as its field, or in its rule, e.g. "body: Must give conversationId or ...")."""
    assert response.status_code == 400, response.get_json()
    causes = response.get_json()["causes"]
    assert any("conversationId" in cause for cause in causes), causes


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"conversationIds": [f"id-{i}" for i in range(101)]}, id="101-ids"),
        pytest.param(
            {"conversationIds": [f"id-{i}" for i in range(100)], "conversationId": "another"},
            id="101-distinct-together",
        ),
    ],
)
def test_more_than_a_hundred_ids_get_400(api, body):
    assert_names_an_id_field(api.post(E2, body))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({}, None, id="no-id"),
        pytest.param({"conversationId": None, "conversationIds": None}, None, id="nulls"),
        pytest.param({"conversationIds": []}, None, id="empty-list"),
        pytest.param({"conversationIds": "c1"}, "conversationIds", id="ids-not-a-list"),
        pytest.param({"conversationIds": [["c1"]]}, "conversationIds", id="id-not-a-string"),
        pytest.param({"conversationId": ""}, "conversationId", id="empty-id"),
        pytest.param({"conversationId": "c1", "start": {"from": 0}}, "start", id="unknown-key"),
        pytest.param(
            {"conversationId": "c1", "contentToRetrieve": ["everything"]},
            "contentToRetrieve",
            id="unknown-section",
        ),
    ],
)
def test_bad_conversation_search_bodies_get_400(api, body, field):
    response = api.post(E2, body)
    if field is None:
        assert_names_an_id_field(response)
    else:
        assert_bad_request(response, field)


def test_conversation_search_sorts_and_pages_like_the_conversations_search(api):
    api.ingest(_three())
    body = {"conversationIds": ["c0", "c1", "c2"]}
    answer = api.ok(body, path=E2)
    assert record_ids(answer) == ["c2", "c1", "c0"]  # default start:desc
    first = api.ok(body, "limit=2&sort=start:asc", path=E2)
    assert record_ids(first) == ["c0", "c1"]
    assert first["_metadata"]["count"] == 3
    assert "next" in first["_metadata"]
    second = api.ok(body, "limit=2&offset=2&sort=start:asc", path=E2)
    assert record_ids(second) == ["c2"]
    assert "next" not in second["_metadata"]
    assert second["_metadata"]["count"] == 3


def _consumer_records():
    def of(cid, consumer, status="CLOSE", start=None):
        return conversation(
            cid,
            at(0) if start is None else start,
            status=status,
            consumerParticipants=[{"participantId": consumer, "firstName": "Ann", "dialogId": cid}],
        )

    return [
        of("ann_closed", "cons-ann"),
        of("ann_open", "cons-ann", status="OPEN", start=at(10)),
        of("ann_old", "cons-ann", start=at(0) - 200 * DAY_MS),
        of("bob_closed", "cons-bob"),
        conversation("nobody", at(1)),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param({"consumer": "cons-ann"}, ("ann_closed", "ann_open", "ann_old"), id="all"),
        pytest.param(
            {"consumer": "cons-ann", "status": None},
            ("ann_closed", "ann_open", "ann_old"),
            id="null-status",
        ),
        pytest.param({"consumer": "cons-ann", "status": ["OPEN"]}, ("ann_open",), id="open"),
        pytest.param(
            {"consumer": "cons-ann", "status": ["CLOSE"]}, ("ann_closed", "ann_old"), id="closed"
        ),
        pytest.param(
            {"consumer": "cons-ann", "status": ["OPEN", "CLOSE"]},
            ("ann_closed", "ann_open", "ann_old"),
            id="both",
        ),
        pytest.param({"consumer": "cons-bob"}, ("bob_closed",), id="other-consumer"),
        pytest.param({"consumer": "cons-nobody"}, (), id="unknown-consumer"),
        pytest.param({"consumer": "cons"}, (), id="no-prefix"),
    ],
)
def test_consumer_search_by_participant_and_status(api, body, expected):
    api.ingest(_consumer_records())
    expect(api.ids(body, path=E3), *expected)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({}, "consumer", id="missing-consumer"),
        pytest.param({"consumer": None}, "consumer", id="null-consumer"),
        pytest.param({"consumer": "cons-ann", "status": ["DONE"]}, "status", id="unknown-status"),
        pytest.param({"consumer": "cons-ann", "status": "OPEN"}, "status", id="status-not-list"),
        pytest.param({"consumer": "cons-ann", "keyword": "x"}, "keyword", id="unknown-key"),
        pytest.param({"consumer": ["cons-ann"]}, "consumer", id="consumer-not-string"),
    ],
)
def test_bad_consumer_search_bodies_get_400(api, body, field):
    assert_bad_request(api.post(E3, body), field)


def test_consumer_search_pages(api):
    api.ingest(_consumer_records())
    answer = api.ok({"consumer": "cons-ann"}, "limit=1&offset=1&sort=start:asc", path=E3)
    assert record_ids(answer) == ["ann_closed"]
    assert answer["_metadata"]["count"] == 3
    assert {"next", "prev", "self"} <= set(answer["_metadata"])
