"""What a search sends of each conversation: contentToRetrieve, SDE versions, open conversations.

docs/decisions.md, "Response" and ``v``: absent contentToRetrieve → LivePerson's default set
(reference 4); present → exactly the listed sections (empty list: info only); ``info`` always; a
section without data is left out, never null. v=1 sends SDE values as strings, v=2 typed, and
only v=2 sends ``unAuthSdes``. ``selectedIntentOnly`` drops ``allClassifications`` from intents
and filters nothing. An open conversation has endTime "undefined", endTimeL -1 and a duration
counted to the time of the request.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.api.search.search_helpers import E2, E3, expect, record_ids
from tests.support.consent_rules import DEFAULT_SECTIONS
from tests.support.search_records import at, conversation, full_conversation, sde_event

pytestmark = pytest.mark.api

ALL_SECTIONS = (
    *DEFAULT_SECTIONS,
    "unAuthSdes",
    "monitoring",
    "dialogs",
    "responseTime",
    "skillChanges",
    "intents",
    "uniqueIntents",
    "latestAgentSurvey",
    "previouslySubmittedAgentSurveys",
)


def contains(got: Any, sent: Any, path: str = "") -> None:
    """Assert that ``got`` holds everything of ``sent`` (it may add the other half of a time
    pair, as ingestion normalizes records)."""
    if isinstance(sent, dict):
        assert isinstance(got, dict), (path, got)
        for key, value in sent.items():
            assert key in got, f"{path}.{key} missing"
            contains(got[key], value, f"{path}.{key}")
    elif isinstance(sent, list):
        assert isinstance(got, list), (path, got)
        assert len(got) == len(sent), (path, got)
        for index, (g, s) in enumerate(zip(got, sent, strict=True)):
            contains(g, s, f"{path}[{index}]")
    else:
        assert got == sent, (path, got, sent)


def only_record(answer: dict[str, Any]) -> dict[str, Any]:
    assert answer["_metadata"]["count"] == 1, answer["_metadata"]
    [record] = answer["conversationHistoryRecords"]
    return record


def test_absent_content_to_retrieve_sends_the_default_set(api):
    api.ingest([full_conversation("full")])
    record = only_record(api.ok({}))
    assert set(record) == {"info", *DEFAULT_SECTIONS}


@pytest.mark.parametrize(
    "content",
    [
        pytest.param([], id="empty-info-only"),
        pytest.param(["transfers"], id="one"),
        pytest.param(["transfers", "dialogs", "monitoring"], id="non-default"),
        pytest.param(
            [
                "skillChanges",
                "responseTime",
                "latestAgentSurvey",
                "previouslySubmittedAgentSurveys",
            ],
            id="more-non-default",
        ),
        pytest.param(["intents", "uniqueIntents", "campaign"], id="intents"),
        pytest.param(list(DEFAULT_SECTIONS), id="defaults-listed"),
    ],
)
@pytest.mark.parametrize("v", ["1", "2"])
def test_content_to_retrieve_sends_exactly_the_listed_sections_and_info(api, content, v):
    api.ingest([full_conversation("full")])
    record = only_record(api.ok({"contentToRetrieve": content}, f"v={v}"))
    assert set(record) == {"info", *content}
    assert record["info"]["conversationId"] == "full"


def test_every_section_comes_back_as_ingested_with_v2(api):
    sent = full_conversation("full")
    api.ingest([sent])
    record = only_record(api.ok({"contentToRetrieve": list(ALL_SECTIONS)}, "v=2"))
    assert set(record) == {"info", *ALL_SECTIONS}
    for key, value in sent.items():
        contains(record[key], value, key)


def test_v1_never_sends_unauth_sdes_even_when_asked(api):
    api.ingest([full_conversation("full")])
    record = only_record(api.ok({"contentToRetrieve": list(ALL_SECTIONS)}, "v=1"))
    assert set(record) == {"info", *ALL_SECTIONS} - {"unAuthSdes"}
    record = only_record(api.ok({"contentToRetrieve": ["unAuthSdes"]}))  # v=1 is the default
    assert set(record) == {"info"}


def test_sections_without_data_are_left_out_never_null(api):
    api.ingest([conversation("bare", at(0))])  # info and one message, nothing else
    for body, query in (({}, ""), ({"contentToRetrieve": list(ALL_SECTIONS)}, "v=2")):
        record = only_record(api.ok(body, query))
        assert set(record) == {"info", "messageRecords"}, (body, record)
        assert all(value is not None for value in record.values())


def test_empty_list_sections_count_as_without_data(api):
    # An ingested record (e.g. a page of LivePerson's own output) may carry empty lists: an
    # empty list holds no data, so the section is left out like an absent one.
    bare = conversation(
        "bare",
        at(0),
        transfers=[],
        interactions=[],
        agentParticipants=[],
        sdes={"events": []},
        coBrowseSessions={"coBrowseSessionsList": []},
    )
    api.ingest([bare])
    for body, query in (({}, ""), ({"contentToRetrieve": list(ALL_SECTIONS)}, "v=2")):
        record = only_record(api.ok(body, query))
        assert set(record) == {"info", "messageRecords"}, (body, sorted(record))


def _sde_record():
    return conversation(
        "typed",
        at(0),
        sdes={
            "events": [
                sde_event("customerInfo", {"balance": 10.5, "companySize": 12, "currency": "EUR"})
            ]
        },
        unAuthSdes={"events": [sde_event("visitorError", {"level": 3, "resolved": True})]},
    )


def test_v1_sends_sde_values_as_strings(api):
    api.ingest([_sde_record()])
    record = only_record(api.ok({"contentToRetrieve": ["sdes", "unAuthSdes"]}, "v=1"))
    assert "unAuthSdes" not in record
    fields = record["sdes"]["events"][0]["customerInfo"]["customerInfo"]
    assert fields == {"balance": "10.5", "companySize": "12", "currency": "EUR"}


def test_v2_sends_typed_sde_values_and_unauth_sdes(api):
    api.ingest([_sde_record()])
    record = only_record(api.ok({"contentToRetrieve": ["sdes", "unAuthSdes"]}, "v=2"))
    fields = record["sdes"]["events"][0]["customerInfo"]["customerInfo"]
    assert fields == {"balance": 10.5, "companySize": 12, "currency": "EUR"}
    unauth = record["unAuthSdes"]["events"][0]["visitorError"]["visitorError"]
    assert unauth == {"level": 3, "resolved": True}


@pytest.mark.parametrize("selected_only", [True, False, None])
def test_selected_intent_only_drops_all_classifications_and_filters_nothing(api, selected_only):
    api.ingest([full_conversation("with_intents", at(0)), conversation("no_intents", at(1))])
    body: dict[str, Any] = {"contentToRetrieve": ["intents"]}
    if selected_only is not None:
        body["selectedIntentOnly"] = selected_only
    answer = api.ok(body)
    expect(record_ids(answer), "with_intents", "no_intents")
    [intent] = next(r["intents"] for r in answer["conversationHistoryRecords"] if "intents" in r)
    assert intent["selectedClassification"]["intentName"] == "billing"
    if selected_only:
        assert "allClassifications" not in intent
    else:
        assert len(intent["allClassifications"]) == 2


def test_open_conversation_has_undefined_end_and_duration_until_now(api):
    start = at(0)
    api.ingest([conversation("open", start, status="OPEN")])  # stored duration: 1 s
    before = int(time.time() * 1000)
    info = only_record(api.ok({}))["info"]
    after = int(time.time() * 1000)
    assert info["status"] == "OPEN"
    assert info["endTime"] == "undefined"
    assert info["endTimeL"] == -1
    assert before - start <= info["duration"] <= after - start


def test_closed_conversation_keeps_its_end_and_duration(api):
    api.ingest([conversation("closed", at(0), end_ms=at(0) + 90_000)])
    info = only_record(api.ok({}))["info"]
    assert info["endTimeL"] == at(0) + 90_000
    assert info["duration"] == 90_000
    assert info["endTime"] != "undefined"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        pytest.param(E2, {"conversationId": "full"}, id="E2"),
        pytest.param(E3, {"consumer": "consumer-1"}, id="E3"),
    ],
)
def test_conversation_and_consumer_search_choose_sections_alike(api, path, body):
    api.ingest([full_conversation("full")])
    assert set(only_record(api.ok(body, path=path))) == {"info", *DEFAULT_SECTIONS}
    chosen = only_record(api.ok({**body, "contentToRetrieve": ["dialogs"]}, path=path))
    assert set(chosen) == {"info", "dialogs"}
    every = only_record(api.ok({**body, "contentToRetrieve": list(ALL_SECTIONS)}, "v=2", path))
    assert set(every) == {"info", *ALL_SECTIONS}
