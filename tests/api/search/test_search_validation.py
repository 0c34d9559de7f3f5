"""Bad requests to the conversations search (E1) get 400 with causes naming the field and rule.

docs/decisions.md: causes are ``"<field>: <rule>"``, body fields by JSON path (``start.from``),
query parameters by name (``limit``). Unknown body keys are errors, unknown query parameters are
not; a body value of null counts as absent. Nothing a client sends may cause a 500 (the helper
fails any 500).
"""

from __future__ import annotations

import time

import pytest

from seed.demo import SUBSCRIBER_KEY
from tests.api.search.search_helpers import E1, WIDE, assert_bad_request, expect
from tests.support.search_records import DAY_MS, at, conversation
from tests.support.signing import oauth1_for, send_signed

pytestmark = pytest.mark.api

NOW_MS = int(time.time() * 1000)
START = {"from": at(0), "to": at(60)}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        # start: required, an object of numbers, from <= to, at most 92 days
        pytest.param({}, "start", id="start-missing"),
        pytest.param({"start": None}, "start", id="start-null-is-missing"),
        pytest.param({"start": 5}, "start", id="start-not-object"),
        pytest.param({"start": []}, "start", id="start-list"),
        pytest.param({"start": {}}, "start", id="start-without-from"),
        pytest.param({"start": {"to": at(0)}}, "start", id="start-only-to"),
        pytest.param({"start": {"from": "soon"}}, "start.from", id="start-from-word"),
        pytest.param({"start": {"from": {}}}, "start.from", id="start-from-object"),
        pytest.param({"start": {"from": 1.5}}, "start.from", id="start-from-fraction"),
        pytest.param({"start": {"from": True}}, "start.from", id="start-from-bool"),
        pytest.param({"start": {"from": at(0), "to": "later"}}, "start.to", id="start-to-word"),
        pytest.param({"start": {"from": at(60), "to": at(0)}}, "start", id="from-after-to"),
        pytest.param({"start": {"from": NOW_MS + DAY_MS}}, "start", id="from-after-now"),
        pytest.param({"start": {"from": 10**30}}, "start", id="from-huge"),
        pytest.param({"start": {"from": -5, "to": at(0)}}, "start", id="from-negative"),
        pytest.param(
            {"start": {"from": at(0), "to": at(0) + 92 * DAY_MS + 1}}, "start", id="over-92-days"
        ),
        pytest.param({"start": {"from": NOW_MS - 93 * DAY_MS}}, "start", id="over-92-days-to-now"),
        pytest.param(
            {"start": START, "end": {"from": at(0), "to": at(0) + 93 * DAY_MS}},
            "end",
            id="end-over-92-days",
        ),
        pytest.param(
            {"start": START, "end": {"from": at(60), "to": at(0)}}, "end", id="end-from-after-to"
        ),
        pytest.param(
            {"start": START, "fullDialogEndTime": {"from": at(0), "to": at(0) + 93 * DAY_MS}},
            "fullDialogEndTime",
            id="full-dialog-over-92-days",
        ),
        pytest.param(
            {"start": START, "fullDialogEndTime": {}},
            "fullDialogEndTime",
            id="full-dialog-without-from",
        ),
        pytest.param(
            {"start": START, "latestUpdateTime": {}},
            "latestUpdateTime",
            id="latest-update-without-from",
        ),
        pytest.param(
            {"start": START, "latestUpdateTime": {"from": "x"}},
            "latestUpdateTime",
            id="latest-update-word",
        ),
        # enums
        pytest.param({"start": START, "status": ["DONE"]}, "status", id="status-unknown"),
        pytest.param({"start": START, "status": "OPEN"}, "status", id="status-not-list"),
        pytest.param({"start": START, "source": ["WEB"]}, "source", id="source-unknown"),
        pytest.param({"start": START, "device": ["PHONE"]}, "device", id="device-unknown"),
        pytest.param(
            {"start": START, "messageContentTypes": ["VIDEO"]},
            "messageContentTypes",
            id="content-type-unknown",
        ),
        pytest.param(
            {"start": START, "latestConversationQueueState": "WAITING"},
            "latestConversationQueueState",
            id="queue-state-unknown",
        ),
        pytest.param(
            {"start": START, "latestConversationQueueState": ["IN_QUEUE"]},
            "latestConversationQueueState",
            id="queue-state-list",
        ),
        pytest.param(
            {"start": START, "alertedMcsValues": ["2"]},
            "alertedMcsValues",
            id="alerted-mcs-unknown",
        ),
        pytest.param({"start": START, "fcr": ["maybe"]}, "fcr", id="fcr-unknown"),
        pytest.param(
            {"start": START, "userPermissions": ["OWNER"]},
            "userPermissions",
            id="permission-unknown",
        ),
        pytest.param(
            {"start": START, "annotationStates": ["DONE"]},
            "annotationStates",
            id="annotation-unknown",
        ),
        pytest.param(
            {"start": START, "invalidFreeTextAnswer": "YES"},
            "invalidFreeTextAnswer",
            id="invalid-free-text-value",
        ),
        pytest.param(
            {"start": START, "surveyBotConversations": "BOT"},
            "surveyBotConversations",
            id="survey-bot-value",
        ),
        pytest.param(
            {"start": START, "contentToRetrieve": ["everything"]},
            "contentToRetrieve",
            id="content-unknown",
        ),
        pytest.param(
            {"start": START, "contentToRetrieve": "sdes"},
            "contentToRetrieve",
            id="content-not-list",
        ),
        pytest.param(
            {"start": START, "questionTypeAndFormatToRetrieve": {"type": "rating"}},
            "questionTypeAndFormatToRetrieve",
            id="question-type-unknown",
        ),
        pytest.param(
            {"start": START, "questionTypeAndFormatToRetrieve": {"format": "multi"}},
            "questionTypeAndFormatToRetrieve",
            id="question-format-unknown",
        ),
        pytest.param(
            {"start": START, "questionTypeAndFormatToRetrieve": {}},
            "questionTypeAndFormatToRetrieve",
            id="question-type-empty",
        ),
        # score ranges: on the scale, at least one side
        pytest.param({"start": START, "mcs": {"from": 101}}, "mcs", id="mcs-over"),
        pytest.param({"start": START, "mcs": {"to": -1}}, "mcs", id="mcs-under"),
        pytest.param({"start": START, "mcs": {}}, "mcs", id="mcs-no-side"),
        pytest.param({"start": START, "mcs": {"from": "high"}}, "mcs", id="mcs-word"),
        pytest.param({"start": START, "csat": {"from": 0}}, "csat", id="csat-under"),
        pytest.param({"start": START, "csat": {"to": 6}}, "csat", id="csat-over"),
        pytest.param({"start": START, "nps": {"from": -1}}, "nps", id="nps-under"),
        pytest.param({"start": START, "nps": {"to": 11}}, "nps", id="nps-over"),
        pytest.param({"start": START, "duration": {"from": -1}}, "duration", id="duration-neg"),
        pytest.param({"start": START, "duration": {}}, "duration", id="duration-no-side"),
        pytest.param({"start": START, "responseTime": {}}, "responseTime", id="response-no-side"),
        pytest.param({"start": START, "mcs": 50}, "mcs", id="mcs-not-object"),
        # id lists and text expressions
        pytest.param({"start": START, "skillIds": "5"}, "skillIds", id="skills-not-list"),
        pytest.param({"start": START, "skillIds": [{}]}, "skillIds", id="skill-object"),
        pytest.param({"start": START, "agentIds": [[1]]}, "agentIds", id="agent-list-in-list"),
        pytest.param({"start": START, "keyword": ""}, "keyword", id="keyword-empty"),
        pytest.param({"start": START, "keyword": '""'}, "keyword", id="keyword-empty-phrase"),
        pytest.param({"start": START, "keyword": "!!! ?"}, "keyword", id="keyword-no-word"),
        pytest.param({"start": START, "keyword": 5}, "keyword", id="keyword-number"),
        pytest.param({"start": START, "summary": ["late"]}, "summary", id="summary-list"),
        pytest.param({"start": START, "questionBrick": " "}, "questionBrick", id="brick-blank"),
        pytest.param({"start": START, "answerText": "late"}, "answerText", id="answers-string"),
        pytest.param({"start": START, "answerText": ["--"]}, "answerText", id="answer-no-word"),
        pytest.param({"start": START, "sdeSearch": "gold"}, "sdeSearch", id="sde-not-object"),
        pytest.param(
            {"start": START, "sdeSearch": {"shoeSize": "9"}}, "sdeSearch", id="sde-unknown-key"
        ),
        pytest.param({"start": START, "sdeSearch": {"lead": "..."}}, "sdeSearch", id="sde-no-word"),
        pytest.param(
            {"start": START, "agentSurveySearch": {}}, "agentSurveySearch", id="agent-survey-empty"
        ),
        pytest.param(
            {"start": START, "agentSurveySearch": {"pendingAgentSurvey": "perhaps"}},
            "agentSurveySearch",
            id="agent-survey-pending-word",
        ),
        pytest.param(
            {"start": START, "agentSurveySearch": {"mood": "x"}},
            "agentSurveySearch",
            id="agent-survey-unknown-key",
        ),
        pytest.param(
            {"start": START, "conversationsWithStepUpOnly": "perhaps"},
            "conversationsWithStepUpOnly",
            id="step-up-word",
        ),
        pytest.param(
            {"start": START, "selectedIntentOnly": "perhaps"},
            "selectedIntentOnly",
            id="selected-intent-word",
        ),
        # unknown keys
        pytest.param({"start": START, "foo": 1}, "foo", id="unknown-key"),
        pytest.param(
            {"start": START, "conversationIds": ["c1"]}, "conversationIds", id="e2-key-on-e1"
        ),
        pytest.param({"start": START, "skillID": [1]}, "skillID", id="misspelt-key"),
        pytest.param({"start": {"from": at(0), "till": at(60)}}, "start", id="unknown-range-key"),
    ],
)
def test_bad_body_gets_400_naming_the_field(api, body, field):
    assert_bad_request(api.post(E1, body), field)


@pytest.mark.parametrize("body", [[], "start", 5, None], ids=["list", "string", "number", "null"])
def test_body_that_is_not_an_object_gets_400(api, body):
    response = api.post(E1, body)
    assert response.status_code == 400, response.get_json()
    assert response.get_json()["causes"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=-1", "limit"),
        ("limit=ten", "limit"),
        ("limit=", "limit"),
        ("offset=-1", "offset"),
        ("offset=first", "offset"),
        ("sort=duration:asc", "sort"),
        ("sort=start:up", "sort"),
        ("sort=start:asc:desc", "sort"),
        ("v=3", "v"),
        ("source=" + "x" * 21, "source"),
        ("rollover=maybe", "rollover"),
    ],
)
def test_bad_query_parameter_gets_400_naming_it(api, query, field):
    assert_bad_request(api.search({}, query), field)


@pytest.mark.parametrize("query", ["limit=1", "limit=100", "offset=0", "source=" + "x" * 20])
def test_edge_query_values_are_accepted(api, query):
    api.ok({}, query)


def test_both_query_and_body_errors_are_reported(api):
    response = api.post(E1, {"status": ["DONE"]}, "limit=0")
    assert response.status_code == 400
    # At least one of them is named; a client fixes them one after the other.
    assert {"limit", "status", "start"} & {
        c.partition(": ")[0].split(".")[0] for c in response.get_json()["causes"]
    }


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"start": {"from": at(0), "to": at(0) + 92 * DAY_MS}}, id="exactly-92-days"),
        pytest.param({"start": {"from": NOW_MS - 91 * DAY_MS}}, id="91-days-to-now"),
        pytest.param({"start": {"from": str(at(0)), "to": str(at(60))}}, id="numeric-strings"),
        pytest.param({"start": {"from": at(0), "to": None}}, id="to-null-is-now"),
        pytest.param({"start": {"from": at(60), "to": at(60)}}, id="from-equals-to"),
        pytest.param(
            {"start": START, "agentSurveySearch": {"pendingAgentSurvey": False}},
            id="agent-survey-false",
        ),
        pytest.param({"start": START, "latestConversationQueueState": "ACTIVE"}, id="queue"),
        pytest.param({"start": START, "mcs": {"from": 0, "to": 100}}, id="mcs-whole-scale"),
        pytest.param({"start": START, "alertedMcsValues": [-1, "1"]}, id="alerted-mixed"),
        pytest.param({"start": START, "fcr": ["yes", "no", "1", "0"]}, id="fcr-all"),
        pytest.param(
            {"start": START, "userPermissions": ["AGENT_MANGER", "AGENT_MANAGER"]},
            id="both-spellings",
        ),
        pytest.param(
            {"start": START, "annotationStates": ["OPEN", "SUBMITTED", "VETTED"]}, id="annotations"
        ),
        pytest.param({"start": START, "contentToRetrieve": []}, id="no-content"),
        pytest.param({"start": START, "keyword": "12345678901234567890"}, id="long-number"),
    ],
)
def test_valid_edge_bodies_are_accepted(api, body):
    response = api.post(E1, body)
    assert response.status_code == 200, response.get_json()


def test_null_values_count_as_absent(api):
    api.ingest(
        [conversation("a", at(0), info={"mcs": 50}), conversation("b", at(1), status="OPEN")]
    )
    nulls = {
        key: None
        for key in (
            "end",
            "fullDialogEndTime",
            "latestUpdateTime",
            "status",
            "skillIds",
            "latestSkillIds",
            "agentIds",
            "userPermissions",
            "latestAgentIds",
            "agentGroupIds",
            "keyword",
            "summary",
            "duration",
            "mcs",
            "alertedMcsValues",
            "csat",
            "nps",
            "source",
            "device",
            "messageContentTypes",
            "latestConversationQueueState",
            "sdeSearch",
            "responseTime",
            "contentToRetrieve",
            "questionBrick",
            "invalidFreeTextAnswer",
            "surveyBotConversations",
            "surveyIds",
            "fcr",
            "questionTypeAndFormatToRetrieve",
            "answerText",
            "selectedIntentOnly",
            "conversationsWithStepUpOnly",
            "agentSurveySearch",
            "annotationStates",
        )
    }
    expect(api.ids({"start": WIDE, **nulls}), "a", "b")
    answer = api.ok({"start": WIDE, **nulls})
    for record in answer["conversationHistoryRecords"]:  # contentToRetrieve null: the defaults
        assert set(record) == {"info", "messageRecords"}
    # Null inside an object: that side is absent.
    expect(api.ids({"start": WIDE, **nulls, "mcs": {"from": None, "to": 100}}), "a")
    expect(api.ids({"start": {"from": WIDE["from"], "to": None}, **nulls}), "a", "b")
    assert_bad_request(api.search({"mcs": {"from": None, "to": None}}), "mcs")


def test_search_needs_credentials_and_its_own_account(api, client):
    unsigned = client.post(E1, json={"start": WIDE})
    assert unsigned.status_code == 401
    other = "/messaging_history/api/account/70000002/conversations/search"
    response = send_signed(client, "POST", other, oauth1_for(SUBSCRIBER_KEY), json={"start": WIDE})
    assert response.status_code == 403
