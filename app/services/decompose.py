"""Turn one validated Messaging Interactions record into the rows that store it.

Everything a search or a report compares is derived here, once, when a record comes in; the
search path then reads indexed columns and splices stored JSON, and never opens a record again.

Derived values whose definition is ours (the reference is silent) and which the report uses:

- a *bot* is an agent participant with ``userTypeName`` "Bot" (or ``userType`` "2"), a *human*
  one with "Human" (or "1");
- *escalated at*: the first transfer made by a bot (``sourceAgentId`` is a bot); if no transfer
  names its source agent, the first transfer after a bot took part; failing both, the time the
  first human joined a conversation a bot had joined before;
- *first human response*: the first message a human agent sent to everyone (``audience`` ALL);
- *first agent message*: the same for any agent, bot or human.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from app.domain import StoredConversation
from app.models.conversation import SECTION_COLUMNS
from app.services.sde_format import sdes_as_v1
from app.services.words import searchable

# Fields of `info` that identify the consumer's connection or device. They are stored apart
# (`info_pii`) and spliced back in only for readers whose contract grants consumer_pii.
INFO_PII_FIELDS = ("ipAddress", "deviceModel", "sessionId", "interactionContextId")
BOT_TYPES = {"Bot", "2"}
HUMAN_TYPES = {"Human", "1"}
SDE_SECTIONS = ("sdes", "unAuthSdes")


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


# (JSON key, column, the key's label in the content hash), in the stored order.
_SECTIONS = [(key, column, f"\x1f{key}\x1e".encode()) for key, column in SECTION_COLUMNS.items()]


def _sections(record: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Return the stored text of every section, and the content hash of the record.

    The hash covers each section's JSON as stored. Validated records come out of the schema with
    their keys in the schema's order, so the same content sent in any key order hashes the same.
    """
    digest = hashlib.sha256()
    info = record["info"]
    private = {k: info[k] for k in INFO_PII_FIELDS if k in info}
    public = {k: v for k, v in info.items() if k not in private} if private else info
    raw = orjson.dumps(public)
    raw_pii = orjson.dumps(private) if private else b""
    digest.update(raw)
    digest.update(b"\x1e")
    digest.update(raw_pii)
    sections: dict[str, Any] = {"info": raw.decode(), "info_pii": raw_pii.decode() or None}
    for key, column, label in _SECTIONS:
        value = record.get(key)
        if _no_data(value):  # LivePerson leaves a section without data out of the response
            sections[column] = None
        else:
            raw = orjson.dumps(value)
            digest.update(label)
            digest.update(raw)
            sections[column] = raw.decode()
    sdes = record.get("sdes")
    sections["sdes_v1"] = None if sdes is None or _no_data(sdes) else _dumps(sdes_as_v1(sdes))
    intents = record.get("intents")
    sections["intents_selected_only"] = (
        None
        if intents is None or _no_data(intents)
        else _dumps([{k: v for k, v in i.items() if k != "allClassifications"} for i in intents])
    )
    return sections, digest.hexdigest()


def _no_data(value: Any) -> bool:
    """None, an empty list or object, or an object of empty lists (``{"events": []}``)."""
    if value is None or value == [] or value == {}:
        return True
    return isinstance(value, dict) and all(item == [] for item in value.values())


def _ms(value: Any) -> int | None:
    return value if isinstance(value, int) and value >= 0 else None


def _list(record: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = record.get(key)
    return value if isinstance(value, list) else []


def _agent_kinds(record: dict[str, Any]) -> tuple[set[str], set[str], list[dict[str, Any]]]:
    bots: set[str] = set()
    humans: set[str] = set()
    participants = [
        p
        for key in ("agentParticipants", "agentParticipantsActive", "agentParticipantsLeave")
        for p in _list(record, key)
    ]
    for p in participants:
        kind = p.get("userTypeName") or p.get("userType")
        if kind in BOT_TYPES:
            bots.add(str(p.get("agentId")))
        elif kind in HUMAN_TYPES:
            humans.add(str(p.get("agentId")))
    return bots, humans, participants


def _escalated_at(
    record: dict[str, Any], bots: set[str], humans: set[str], participants: list[dict[str, Any]]
) -> int | None:
    if not bots:
        return None
    transfers = sorted(_list(record, "transfers"), key=lambda t: t.get("timeL", 0))
    by_bot = [t for t in transfers if str(t.get("sourceAgentId")) in bots]
    if by_bot:
        return _ms(by_bot[0].get("timeL"))
    bot_joins = [p.get("timeL", 0) for p in participants if str(p.get("agentId")) in bots]
    first_bot = min(bot_joins) if bot_joins else 0
    unnamed = [
        t for t in transfers if not t.get("sourceAgentId") and t.get("timeL", 0) >= first_bot
    ]
    if unnamed:
        return _ms(unnamed[0].get("timeL"))
    human_joins = [
        p.get("timeL", 0)
        for p in participants
        if str(p.get("agentId")) in humans and p.get("timeL", 0) >= first_bot
    ]
    return _ms(min(human_joins)) if human_joins else None


def _first_messages_ms(
    messages: list[dict[str, Any]], humans: set[str]
) -> tuple[int | None, int | None]:
    """Return when an agent, and when a human agent, first wrote to the consumer."""
    first_agent: int | None = None
    first_human: int | None = None
    for m in messages:
        sent_by = m.get("sentBy")
        if sent_by not in ("Agent", "agent", "AGENT") or m.get("audience", "ALL") != "ALL":
            continue
        time_ms = m.get("timeL", 0)
        if first_agent is None or time_ms < first_agent:
            first_agent = time_ms
        if m.get("participantId") in humans and (first_human is None or time_ms < first_human):
            first_human = time_ms
    return first_agent, first_human


def _survey_answers(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for survey in _list(record, "conversationSurveys"):
        yield from survey.get("surveyData") or ()


def _nps_and_fcr(record: dict[str, Any]) -> tuple[int | None, str | None]:
    nps: int | None = None
    fcr: str | None = None
    for answer in _survey_answers(record):
        kind = str(answer.get("questionType", "")).lower()
        value = str(answer.get("answer", "")).strip().lower()
        if kind == "nps" and value.isdigit() and 0 <= int(value) <= 10:
            nps = int(value)
        elif kind == "fcr" and value in ("yes", "no", "1", "0"):
            fcr = "yes" if value in ("yes", "1") else "no"
    return nps, fcr


# Where a record keeps times, each list item's time under the key given.
_TIMED_LISTS = (
    ("messageRecords", "timeL"),
    ("messageStatuses", "timeL"),
    ("agentParticipants", "timeL"),
    ("agentParticipantsLeave", "timeL"),
    ("consumerParticipants", "timeL"),
    ("transfers", "timeL"),
    ("interactions", "interactionTimeL"),
)


def _last_update_ms(record: dict[str, Any]) -> int:
    info = record["info"]
    latest = max(
        info.get("startTimeL", -1),
        info.get("endTimeL", -1),
        info.get("conversationEndTimeL", -1),
        info.get("fullDialogEndTimeL", -1),
    )
    for key, time_key in _TIMED_LISTS:
        items = record.get(key)
        if items:
            latest = max(latest, max(item.get(time_key, -1) for item in items))
    summary = record.get("summary")
    if summary:
        latest = max(latest, summary.get("lastUpdatedTime", -1))
    survey = record.get("latestAgentSurvey")
    if survey:
        latest = max(latest, survey.get("lastUpdateTime", -1))
    return int(latest)


_NOT_SEARCHED = frozenset(("serverTimeStamp", "originalTimeStamp", "sdeType"))


def _collect_strings(value: Any, out: list[str]) -> None:
    """Append every leaf string or number inside a JSON value (for the SDE full-text index)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_SEARCHED:
                _collect_strings(item, out)
    elif isinstance(value, list):
        for item in value:
            _collect_strings(item, out)
    elif isinstance(value, str):
        out.append(value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        out.append(str(value))


def _facets(
    record: dict[str, Any], participants: list[dict[str, Any]], fcr: str | None
) -> Iterator[tuple[str, str]]:
    info = record["info"]
    skills = {info.get("latestSkillId")}
    for t in _list(record, "transfers"):
        skills.update((t.get("sourceSkillId"), t.get("targetSkillId")))
    for d in _list(record, "dialogs"):
        skills.add(d.get("skillId"))
    for change in _list(record, "skillChanges"):
        skills.update(v for k, v in change.items() if k.endswith("killId"))
    yield from (("skill", str(s)) for s in skills if isinstance(s, int))
    for p in participants:
        yield f"agent:{p.get('permission') or 'NONE'}", str(p.get("agentId"))
        if isinstance(p.get("agentGroupId"), int):
            yield "agent_group", str(p["agentGroupId"])
    if isinstance(info.get("latestAgentGroupId"), int):
        yield "agent_group", str(info["latestAgentGroupId"])
    yield from (("message_type", str(m.get("type"))) for m in _list(record, "messageRecords"))
    yield from (
        ("consumer", str(c.get("participantId"))) for c in _list(record, "consumerParticipants")
    )
    yield from (
        ("survey", str(s.get("surveyId")))
        for s in _list(record, "conversationSurveys")
        if s.get("surveyId")
    )
    if fcr:
        yield "fcr", fcr
    for answer in _survey_answers(record):
        kind = str(answer.get("questionType", "")).lower()
        shape = str(answer.get("questionFormat", "")).lower()
        if kind or shape:  # questionTypeAndFormatToRetrieve asks for type, format or both
            yield "survey_question", f"{kind}:{shape}"
            yield "survey_question", f"{kind}:"
            yield "survey_question", f":{shape}"
    yield from (("intent", str(i.get("intentName"))) for i in _list(record, "uniqueIntents"))
    agent_surveys = [
        record.get("latestAgentSurvey") or {},
        *_list(record, "previouslySubmittedAgentSurveys"),
    ]
    yield from (
        ("agent_survey", str(s["acSurveyId"]))
        for s in agent_surveys
        if s.get("acSurveyId") is not None
    )
    yield from (
        ("agent_survey_question", str(a["questionId"]))
        for s in agent_surveys
        for a in s.get("submittedAnswers") or ()
        if a.get("questionId") is not None
    )


def _texts(record: dict[str, Any]) -> Iterator[tuple[str, str]]:
    messages = [
        m["messageData"]["msg"]["text"]
        for m in _list(record, "messageRecords")
        if isinstance(m.get("messageData", {}).get("msg"), dict)
        and m["messageData"]["msg"].get("text")
    ]
    if messages:
        yield "messages", "\n".join(messages)
    summary = record.get("summary")
    if isinstance(summary, dict) and summary.get("text"):
        yield "summary", summary["text"]
    sde_text: dict[str, list[str]] = {}
    for section in SDE_SECTIONS:
        for event in (record.get(section) or {}).get("events", ()):
            for key, payload in event.items():
                if isinstance(payload, dict):
                    _collect_strings(payload, sde_text.setdefault(key, []))
    for key, values in sorted(sde_text.items()):
        if values:
            yield f"sde:{key}", " ".join(values)
    questions: list[str] = []
    answers: list[str] = []
    for answer in _survey_answers(record):
        questions.extend(str(answer[k]) for k in ("question", "questionId") if answer.get(k))
        if str(answer.get("questionFormat", "")).lower() == "open" and answer.get("answer"):
            answers.append(str(answer["answer"]))
    if questions:
        yield "survey_questions", " ".join(questions)
    if answers:
        yield "survey_answers", "\n".join(answers)
    agent_surveys = [
        record.get("latestAgentSurvey") or {},
        *_list(record, "previouslySubmittedAgentSurveys"),
    ]
    submitted = [a for s in agent_surveys for a in s.get("submittedAnswers") or ()]
    agent_questions = [str(a.get("questionText", "")) for a in submitted if a.get("questionText")]
    agent_answers = [
        str(x.get("answer")) for a in submitted for x in a.get("answers") or () if x.get("answer")
    ]
    if agent_questions:
        yield "agent_survey_questions", " ".join(agent_questions)
    if agent_answers:
        yield "agent_survey_answers", "\n".join(agent_answers)


def _search_texts(record: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The record's texts as the full-text indexes store them (see app.services.words)."""
    stored = ((field, searchable(body)) for field, body in _texts(record))
    return tuple((field, body) for field, body in stored if body)


def decompose(record: dict[str, Any], *, ingested_at_ms: int) -> StoredConversation:
    """Return the rows that store one validated record."""
    info = record["info"]
    account_id = str(info["brandId"])
    conversation_id = str(info["conversationId"])
    bots, humans, participants = _agent_kinds(record)
    messages = _list(record, "messageRecords")
    surveys = _list(record, "conversationSurveys")
    nps, fcr = _nps_and_fcr(record)
    response_time = record.get("responseTime") or {}
    last_update = _last_update_ms(record)
    sections, content_hash = _sections(record)
    first_agent, first_human = _first_messages_ms(messages, humans)
    conversation = {
        "account_id": account_id,
        "conversation_id": conversation_id,
        "status": info["status"],
        "start_time_ms": info["startTimeL"],
        "end_time_ms": _ms(info.get("endTimeL")),
        "conversation_end_time_ms": _ms(info.get("conversationEndTimeL")),
        "full_dialog_end_time_ms": _ms(info.get("fullDialogEndTimeL")),
        "last_update_ms": last_update,
        "duration_ms": info.get("duration", 0),
        "close_reason": info.get("closeReason"),
        "mcs": info.get("mcs"),
        "alerted_mcs": info.get("alertedMCS"),
        "csat": info.get("csatRate", info.get("csat")),
        "nps": nps,
        "source": info.get("source"),
        "device": info.get("device"),
        "latest_skill_id": info.get("latestSkillId"),
        "latest_agent_id": info.get("latestAgentId"),
        "latest_agent_group_id": info.get("latestAgentGroupId"),
        "latest_queue_state": info.get("latestQueueState"),
        "response_due_time_ms": response_time.get("latestEffectiveResponseDueTime"),
        "was_step_up": bool(info.get("wasStepUp", False)),
        "pending_agent_survey": bool(info.get("pendingAgentSurvey", False)),
        "had_survey_bot": bool(surveys)
        or any(d.get("dialogType") == "POST_SURVEY" for d in _list(record, "dialogs")),
        "has_invalid_free_text_answer": any(
            a.get("isValidAnswer") is False or a.get("answerId") == "InvalidAnswer"
            for a in _survey_answers(record)
        ),
        "bot_participated": bool(bots),
        "human_participated": bool(humans),
        "escalated_at_ms": _escalated_at(record, bots, humans, participants),
        "first_human_response_ms": first_human,
        "first_agent_message_ms": first_agent,
        "content_hash": content_hash,
        "ingested_at_ms": ingested_at_ms,
    }
    return StoredConversation(
        account_id=account_id,
        conversation_id=conversation_id,
        content_hash=conversation["content_hash"],
        last_update_ms=last_update,
        conversation=conversation,
        sections=sections,
        facets=tuple(dict.fromkeys(_facets(record, participants, fcr))),
        texts=_search_texts(record),
    )


def decompose_all(
    records: Iterable[dict[str, Any]], *, ingested_at_ms: int
) -> list[StoredConversation]:
    """Decompose several records."""
    return [decompose(r, ingested_at_ms=ingested_at_ms) for r in records]
