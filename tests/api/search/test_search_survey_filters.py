"""Survey filters of the conversations search (E1): the post-conversation survey (PCS) filters
nps, fcr, questionBrick, answerText, surveyIds, questionTypeAndFormatToRetrieve,
invalidFreeTextAnswer, surveyBotConversations, and the agent survey filter agentSurveySearch.

docs/decisions.md, "Survey filters" and "agentSurveySearch". A PCS is a ``conversationSurveys``
item whose ``surveyData`` holds the questions and answers.
"""

from __future__ import annotations

import pytest

from tests.api.search.search_helpers import expect
from tests.support.search_records import (
    agent_survey,
    at,
    conversation,
    pcs,
    survey_answer,
)

pytestmark = pytest.mark.api


def _pcs_records():
    return [
        conversation(
            "csat_single",
            at(0),
            conversationSurveys=pcs(
                survey_answer(
                    "How satisfied were you with the agent?",
                    "5",
                    question_type="csat",
                    question_id="q4711",
                ),
                survey_answer("Resolved?", "yes", question_type="fcr", question_id="f1"),
                survey_answer("Recommend us?", "9", question_type="nps", question_id="n1"),
            ),
        ),
        conversation(
            "custom_open",
            at(1),
            conversationSurveys=pcs(
                survey_answer(
                    "Anything else?",
                    "The delivery was late",
                    question_format="open",
                    question_id="o1",
                ),
                survey_answer("Resolved?", "no", question_type="fcr", question_id="f1"),
                survey_answer("Recommend us?", "0", question_type="nps", question_id="n1"),
                survey_id="545511614",
            ),
        ),
        conversation(
            "invalid_open",
            at(2),
            conversationSurveys=pcs(
                survey_answer(
                    "Anything else?",
                    "great service",
                    question_format="open",
                    question_id="o1",
                ),
                survey_answer(
                    "Your order number?",
                    "asdf",
                    question_format="open",
                    question_id="o2",
                    valid=False,
                ),
                survey_answer("Resolved?", "1", question_type="fcr", question_id="f1"),
            ),
        ),
        conversation(
            "single_late",
            at(3),
            conversationSurveys=pcs(
                # A single-choice answer is not a free-text answer.
                survey_answer("Was it late?", "late", question_id="s1"),
                survey_answer("Recommend us?", "10", question_type="nps", question_id="n1"),
                survey_id="545511615",
            ),
        ),
        conversation("no_survey", at(4), texts=("late delivery, satisfied",)),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param({"nps": {"from": 9}}, ("csat_single", "single_late"), id="nps-from"),
        pytest.param({"nps": {"to": 0}}, ("custom_open",), id="nps-to-zero"),
        pytest.param({"nps": {"from": 0, "to": 9}}, ("csat_single", "custom_open"), id="nps-both"),
        pytest.param({"nps": {"from": 1, "to": 8}}, (), id="nps-gap"),
        pytest.param({"fcr": ["yes"]}, ("csat_single", "invalid_open"), id="fcr-yes"),
        pytest.param({"fcr": ["1"]}, ("csat_single", "invalid_open"), id="fcr-1-is-yes"),
        pytest.param({"fcr": ["no"]}, ("custom_open",), id="fcr-no"),
        pytest.param({"fcr": ["0"]}, ("custom_open",), id="fcr-0-is-no"),
        pytest.param(
            {"fcr": ["yes", "no"]}, ("csat_single", "custom_open", "invalid_open"), id="fcr-both"
        ),
        pytest.param({"questionBrick": "satisfied agent"}, ("csat_single",), id="brick-words"),
        pytest.param({"questionBrick": "q4711"}, ("csat_single",), id="brick-question-id"),
        pytest.param({"questionBrick": "satisfy"}, (), id="brick-no-stemming"),
        pytest.param({"questionBrick": '"agent satisfied"'}, (), id="brick-phrase-order"),
        pytest.param({"answerText": ["late"]}, ("custom_open",), id="answer-open-only"),
        pytest.param(
            {"answerText": ["nothing", "great"]}, ("invalid_open",), id="answer-any-expression"
        ),
        pytest.param(
            {"answerText": ["late", "GREAT"]},
            ("custom_open", "invalid_open"),
            id="answer-or-case-insensitive",
        ),
        pytest.param({"answerText": ['"was late"']}, ("custom_open",), id="answer-phrase"),
        pytest.param({"answerText": ['"late was"']}, (), id="answer-phrase-order"),
        pytest.param({"answerText": ["delivery late"]}, ("custom_open",), id="answer-all-words"),
        pytest.param(
            {"surveyIds": ["545511613"]}, ("csat_single", "invalid_open"), id="survey-id-string"
        ),
        pytest.param(
            {"surveyIds": [545511614, "545511615"]},
            ("custom_open", "single_late"),
            id="survey-ids-numbers",
        ),
        pytest.param({"surveyIds": ["1"]}, (), id="survey-id-unknown"),
        pytest.param(
            {"invalidFreeTextAnswer": "INVALID_FREE_TEXT_ANSWER"},
            ("invalid_open",),
            id="invalid-free-text",
        ),
        pytest.param(
            {"surveyBotConversations": "SURVEY_BOT"},
            ("csat_single", "custom_open", "invalid_open", "single_late"),
            id="survey-bot",
        ),
        pytest.param(
            {"questionTypeAndFormatToRetrieve": {"type": "csat"}}, ("csat_single",), id="qtf-type"
        ),
        pytest.param(
            {"questionTypeAndFormatToRetrieve": {"format": "open"}},
            ("custom_open", "invalid_open"),
            id="qtf-format",
        ),
        pytest.param(
            {"questionTypeAndFormatToRetrieve": {"type": "nps", "format": "single"}},
            ("csat_single", "custom_open", "single_late"),
            id="qtf-both",
        ),
        pytest.param(
            {"questionTypeAndFormatToRetrieve": {"type": "csat", "format": "open"}},
            (),
            id="qtf-no-such-question",
        ),
        pytest.param(
            {"questionTypeAndFormatToRetrieve": {"type": "custom", "format": "open"}},
            ("custom_open", "invalid_open"),
            id="qtf-custom-open",
        ),
    ],
)
def test_pcs_filters(api, body, expected):
    api.ingest(_pcs_records())
    expect(api.ids(body), *expected)


def _agent_survey_records():
    return [
        conversation(
            "latest_3001",
            at(0),
            info={"pendingAgentSurvey": False},
            latestAgentSurvey=agent_survey(
                "3001", ("aq1", "Was the issue resolved on first contact", "Resolved quickly")
            ),
        ),
        conversation(
            "previous_3002",
            at(1),
            info={"pendingAgentSurvey": False},
            latestAgentSurvey=agent_survey(
                "3003", ("aq3", "Follow-up needed", "no"), status="OPEN"
            ),
            previouslySubmittedAgentSurveys=[
                agent_survey("3002", ("aq2", "Customer mood", "angry"))
            ],
        ),
        conversation("pending", at(2), info={"pendingAgentSurvey": True}),
    ]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        pytest.param({"pendingAgentSurvey": True}, ("pending",), id="pending"),
        pytest.param(
            {"pendingAgentSurvey": False}, ("latest_3001", "previous_3002"), id="not-pending"
        ),
        pytest.param({"surveyId": 3001}, ("latest_3001",), id="survey-id-latest"),
        pytest.param({"surveyId": "3002"}, ("previous_3002",), id="survey-id-previous"),
        pytest.param({"surveyId": "9999"}, (), id="survey-id-unknown"),
        pytest.param({"questionId": "aq2"}, ("previous_3002",), id="question-id"),
        pytest.param({"questionName": "Customer mood"}, ("previous_3002",), id="question-name"),
        pytest.param({"questionName": "mood Customer"}, (), id="question-name-is-a-phrase"),
        pytest.param(
            {"questionKeywords": "contact resolved"}, ("latest_3001",), id="question-keywords"
        ),
        pytest.param({"answerKeywords": "ANGRY"}, ("previous_3002",), id="answer-keywords"),
        pytest.param({"answerKeywords": "resolve"}, (), id="answer-keywords-whole-words"),
        pytest.param(
            {"surveyId": 3001, "answerKeywords": "quickly"}, ("latest_3001",), id="and-both-true"
        ),
        pytest.param({"surveyId": 3001, "answerKeywords": "angry"}, (), id="and-one-false"),
        pytest.param(
            {"pendingAgentSurvey": False, "questionId": "aq1"}, ("latest_3001",), id="and-pending"
        ),
    ],
)
def test_agent_survey_search_ands_its_keys(api, search, expected):
    api.ingest(_agent_survey_records())
    expect(api.ids({"agentSurveySearch": search}), *expected)
