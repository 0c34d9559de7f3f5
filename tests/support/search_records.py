"""Record builders for the search tests: small, readable conversations on a 10-minute grid.

Times are relative to ``BASE_MS``, a 10-minute boundary about thirty days before the test run, so
that every range a test asks for is well inside the 92-day limit and the retention, and so that
the 10-minute rounding of time ranges can be probed exactly (``at(minutes)``).
Every builder returns plain JSON in LivePerson's shape, valid for the ingest API.
"""

from __future__ import annotations

import time
from typing import Any

MINUTE_MS = 60_000
TEN_MINUTES_MS = 10 * MINUTE_MS
DAY_MS = 86_400_000
# A 10-minute boundary about thirty days ago (computed once per test run).
BASE_MS = (int(time.time() * 1000) - 30 * DAY_MS) // TEN_MINUTES_MS * TEN_MINUTES_MS


def at(minutes: float, ms: int = 0) -> int:
    """Return BASE_MS plus some minutes and milliseconds."""
    return BASE_MS + int(minutes * MINUTE_MS) + ms


def message(
    cid: str,
    seq: int,
    text: str | None = "Hello",
    *,
    time_ms: int,
    type_: str = "TEXT_PLAIN",
    sent_by: str = "Consumer",
    participant_id: str = "consumer-1",
) -> dict[str, Any]:
    """Return one message record; ``text`` None gives a message without ``msg``."""
    data: dict[str, Any] = {}
    if type_ == "RICH_CONTENT":
        data["richContent"] = {"content": '{"type":"vertical","elements":[]}'}
    elif type_ == "HOSTED_FILE":
        data["file"] = {"relativePath": "/files/receipt.pdf", "fileType": "PDF"}
    if text is not None:
        data["msg"] = {"text": text}
    return {
        "type": type_,
        "messageData": data,
        "messageId": f"ms::conv:{cid}::msg:{seq}",
        "seq": seq,
        "dialogId": cid,
        "participantId": participant_id,
        "timeL": time_ms,
        "sentBy": sent_by,
        "audience": "ALL",
    }


def conversation(
    cid: str,
    start_ms: int | None = None,
    *,
    status: str = "CLOSE",
    end_ms: int | None = None,
    texts: tuple[str, ...] = ("Hello",),
    info: dict[str, Any] | None = None,
    **sections: Any,
) -> dict[str, Any]:
    """Return a conversation of account 70000001 with messages ``texts`` one second apart.

    A closed conversation ends ``end_ms`` (default: start + 60 s) and lasts accordingly; an
    open one has ``endTime`` "undefined". ``info`` overrides or adds info fields (a value of None
    removes the field); other keyword arguments are whole sections by their JSON name
    (``transfers=[...]``).
    """
    start = BASE_MS if start_ms is None else start_ms
    record_info: dict[str, Any] = {
        "conversationId": cid,
        "brandId": "70000001",
        "status": status,
        "startTimeL": start,
    }
    if status == "CLOSE":
        end = start + MINUTE_MS if end_ms is None else end_ms
        record_info.update(endTimeL=end, duration=end - start, closeReason="CONSUMER")
    else:
        record_info.update(endTime="undefined", endTimeL=-1, duration=1000)
    for key, value in (info or {}).items():
        if value is None:
            record_info.pop(key, None)
        else:
            record_info[key] = value
    record: dict[str, Any] = {"info": record_info}
    if texts:
        record["messageRecords"] = [
            message(cid, seq, text, time_ms=start + 1000 * (seq + 1))
            for seq, text in enumerate(texts)
        ]
    record.update(sections)
    return record


def agent(
    agent_id: str,
    *,
    permission: str = "ASSIGNED_AGENT",
    group: int | None = None,
    time_ms: int | None = None,
    user_type_name: str = "Human",
) -> dict[str, Any]:
    """Return an agentParticipants item."""
    item: dict[str, Any] = {
        "agentId": agent_id,
        "agentLoginName": f"login-{agent_id}",
        "timeL": BASE_MS + 2000 if time_ms is None else time_ms,
        "role": "ASSIGNED_AGENT" if permission == "ASSIGNED_AGENT" else "MANAGER",
        "userTypeName": user_type_name,
        "permission": permission,
    }
    if group is not None:
        item["agentGroupId"] = group
    return item


def transfer(source_skill: int, target_skill: int, *, time_ms: int | None = None) -> dict[str, Any]:
    """Return a transfers item from one skill to another."""
    return {
        "timeL": BASE_MS + 3000 if time_ms is None else time_ms,
        "sourceSkillId": source_skill,
        "targetSkillId": target_skill,
        "reason": "Skill",
    }


def dialog(cid: str, skill: int, *, dialog_type: str = "MAIN") -> dict[str, Any]:
    """Return a dialogs item with a skill."""
    return {"dialogId": cid, "dialogType": dialog_type, "status": "CLOSE", "skillId": skill}


def skill_change(source_skill: int, target_skill: int) -> dict[str, Any]:
    """Return a skillChanges item."""
    return {
        "timeL": BASE_MS + 4000,
        "sourceSkillId": source_skill,
        "targetSkillId": target_skill,
        "reason": "FALLBACK",
    }


def survey_answer(
    question: str,
    answer: str,
    *,
    question_type: str = "custom",
    question_format: str = "single",
    question_id: str = "q1",
    valid: bool | None = None,
) -> dict[str, Any]:
    """Return one surveyData item of a post-conversation survey."""
    item: dict[str, Any] = {
        "question": question,
        "answer": answer,
        "questionId": question_id,
        "questionType": question_type,
        "questionFormat": question_format,
    }
    if valid is False:
        item.update(isValidAnswer=False, answerId="InvalidAnswer")
    elif valid is True:
        item["isValidAnswer"] = True
    return item


def pcs(*answers: dict[str, Any], survey_id: str = "545511613") -> list[dict[str, Any]]:
    """Return a conversationSurveys section: one submitted PCS with these answers."""
    return [
        {
            "surveyType": "PCS",
            "surveyStatus": "FILLED",
            "surveyId": survey_id,
            "surveyData": list(answers),
        }
    ]


def agent_survey(
    ac_survey_id: str, *answers: tuple[str, str, str], status: str = "SUBMITTED"
) -> dict[str, Any]:
    """Return an agent survey; each answer is (questionId, questionText, answer)."""
    return {
        "surveyStatus": status,
        "acSurveyId": ac_survey_id,
        "lastUpdateTime": BASE_MS + 5000,
        "submittedAnswers": [
            {"questionId": qid, "questionText": text, "answers": [{"answer": answer}]}
            for qid, text, answer in answers
        ],
    }


def sde_event(kind: str, fields: dict[str, Any], *, nested: bool = True) -> dict[str, Any]:
    """Return an engagement attribute event; nested kinds wrap ``fields`` once more."""
    sde_types = {
        "customerInfo": "CUSTOMER_INFO",
        "personalInfo": "PERSONAL_INFO",
        "purchase": "PURCHASE",
        "cartStatus": "CART_STATUS",
        "marketingCampaignInfo": "MARKETING_CAMPAIGN_INFO",
        "searchContent": "SEARCH_CONTENT",
        "viewedProduct": "VIEWED_PRODUCT",
        "visitorError": "VISITOR_ERROR",
        "lead": "LEAD",
        "serviceActivity": "SERVICE_ACTIVITY",
    }
    stamp = str(BASE_MS + 1500)
    payload: dict[str, Any] = {"serverTimeStamp": stamp}
    if nested:
        payload[kind] = fields
    else:
        payload.update(fields)
    return {kind: payload, "sdeType": sde_types[kind], "serverTimeStamp": stamp}


def full_conversation(cid: str, start_ms: int | None = None) -> dict[str, Any]:
    """Return a closed conversation that carries every section of reference 5.1."""
    start = BASE_MS if start_ms is None else start_ms
    return conversation(
        cid,
        start,
        texts=("I need help with my bill", "Sure, let me look"),
        info={
            "latestSkillId": 12,
            "latestAgentId": "agent-7",
            "mcs": 60,
            "csatRate": 4,
            "source": "APP",
            "device": "MOBILE",
            "ipAddress": "10.1.2.3",
            "wasStepUp": True,
        },
        campaign={"campaignId": "99", "campaignName": "Billing"},
        monitoring={"country": "Iceland", "device": "MOBILE"},
        messageStatuses=[
            {
                "messageId": f"ms::conv:{cid}::msg:0",
                "seq": 0,
                "timeL": start + 1500,
                "messageDeliveryStatus": "READ",
                "dialogId": cid,
                "participantId": "agent-7",
                "participantType": "Agent",
            }
        ],
        agentParticipants=[agent("agent-7", group=3, time_ms=start + 500)],
        agentParticipantsActive=[agent("agent-7", group=3, time_ms=start + 500)],
        agentParticipantsLeave=[agent("agent-6", permission="READER", time_ms=start + 700)],
        consumerParticipants=[
            {"participantId": "consumer-1", "timeL": start, "firstName": "Ann", "dialogId": cid}
        ],
        transfers=[transfer(11, 12, time_ms=start + 800)],
        interactions=[
            {"assignedAgentId": "agent-7", "interactionTimeL": start + 600, "dialogId": cid}
        ],
        messageScores=[{"messageId": f"ms::conv:{cid}::msg:0", "timeL": start + 1100, "mcs": 60}],
        skillChanges=[skill_change(10, 11)],
        conversationSurveys=pcs(
            survey_answer("How would you rate us?", "4", question_type="csat", question_id="c1")
        ),
        coBrowseSessions={
            "coBrowseSessionsList": [{"sessionId": "cb-1", "startTimeL": start + 900}]
        },
        summary={"text": "Billing question answered", "lastUpdatedTime": start + 50_000},
        sdes={"events": [sde_event("customerInfo", {"balance": 10.5, "companySize": 12})]},
        unAuthSdes={"events": [sde_event("personalInfo", {"name": "Ann", "surname": "Lee"})]},
        responseTime={
            "latestEffectiveResponseDueTime": start + 30_000,
            "configuredResponseTime": 60,
        },
        dialogs=[dialog(cid, 12)],
        intents=[
            {
                "selectedClassification": {"intentName": "billing", "confidenceScore": 0.9},
                "allClassifications": [
                    {"intentName": "billing", "confidenceScore": 0.9},
                    {"intentName": "refund", "confidenceScore": 0.1},
                ],
                "messageId": f"ms::conv:{cid}::msg:0",
            }
        ],
        uniqueIntents=[{"intentName": "billing", "intentLabel": "Billing"}],
        latestAgentSurvey=agent_survey("3001", ("aq1", "Resolved?", "yes")),
        previouslySubmittedAgentSurveys=[agent_survey("3000", ("aq0", "Mood?", "calm"))],
    )
