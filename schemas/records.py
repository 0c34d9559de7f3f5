"""A whole conversation record as ingested: ``info`` plus every section of reference 5.1.

``load_record`` is the entry point. Its result is the normalized record in LivePerson's own JSON
shape (camelCase keys, both halves of every time pair, numbers as numbers, ids as strings), ready
to be stored per section and sent back unchanged. Errors are keyed by JSON path, list items by
index: ``{"messageRecords": {3: {"timeL": ["Not a valid integer."]}}}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from marshmallow import ValidationError, validates_schema

from schemas.records_base import RecordSectionSchema
from schemas.records_enums import (
    AGENT_SURVEY_STATUSES,
    ALERTED_MCS_VALUES,
    AUDIENCES,
    CLOSE_REASONS,
    CONVERSATION_STATUSES,
    CSAT_RANGE,
    DEVICES,
    DIALOG_TYPES,
    FILE_TYPES,
    INTENT_CONFIDENCES,
    MCS_RANGE,
    MESSAGE_CONTENT_TYPES,
    QUEUE_STATES,
    RECORD_SECTIONS,
    SDE_KEYS,
    SDE_TYPE_BY_KEY,
    SDE_TYPES,
    SOURCES,
    TRANSFER_REASONS,
    USER_TYPE_NAMES,
    USER_TYPES,
)
from schemas.records_fields import Nested
from schemas.records_info import (
    CampaignSchema,
    InfoSchema,
    MonitoringSchema,
    ResponseTimeSchema,
    SummarySchema,
)
from schemas.records_messages import MessageRecordSchema, MessageScoreSchema, MessageStatusSchema
from schemas.records_participants import (
    AgentParticipantSchema,
    CoBrowseSessionsSchema,
    ConsumerParticipantSchema,
    DialogSchema,
    InteractionSchema,
    SkillChangeSchema,
    TransferSchema,
)
from schemas.records_surveys import (
    AgentSurveySchema,
    ConversationSurveySchema,
    IntentSchema,
    UniqueIntentSchema,
)
from schemas.sdes import SdesSchema, UnAuthSdesSchema

__all__ = [
    "AGENT_SURVEY_STATUSES",
    "ALERTED_MCS_VALUES",
    "AUDIENCES",
    "CLOSE_REASONS",
    "CONVERSATION_STATUSES",
    "CSAT_RANGE",
    "DEVICES",
    "DIALOG_TYPES",
    "FILE_TYPES",
    "INTENT_CONFIDENCES",
    "MCS_RANGE",
    "MESSAGE_CONTENT_TYPES",
    "QUEUE_STATES",
    "RECORD_SECTIONS",
    "SDE_KEYS",
    "SDE_TYPES",
    "SDE_TYPE_BY_KEY",
    "SOURCES",
    "TRANSFER_REASONS",
    "USER_TYPES",
    "USER_TYPE_NAMES",
    "ConversationRecordSchema",
    "load_record",
]


class ConversationRecordSchema(RecordSectionSchema):
    """One ``conversationHistoryRecords`` item. ``info`` is required, every section optional."""

    info = Nested(InfoSchema, required=True)
    campaign = Nested(CampaignSchema)
    monitoring = Nested(MonitoringSchema)
    message_records = Nested(MessageRecordSchema, many=True)
    message_statuses = Nested(MessageStatusSchema, many=True)
    agent_participants = Nested(AgentParticipantSchema, many=True)
    agent_participants_active = Nested(AgentParticipantSchema, many=True)
    agent_participants_leave = Nested(AgentParticipantSchema, many=True)
    consumer_participants = Nested(ConsumerParticipantSchema, many=True)
    transfers = Nested(TransferSchema, many=True)
    interactions = Nested(InteractionSchema, many=True)
    message_scores = Nested(MessageScoreSchema, many=True)
    skill_changes = Nested(SkillChangeSchema, many=True)
    conversation_surveys = Nested(ConversationSurveySchema, many=True)
    co_browse_sessions = Nested(CoBrowseSessionsSchema)
    summary = Nested(SummarySchema)
    sdes = Nested(SdesSchema)
    un_auth_sdes = Nested(UnAuthSdesSchema)
    response_time = Nested(ResponseTimeSchema)
    dialogs = Nested(DialogSchema, many=True)
    intents = Nested(IntentSchema, many=True)
    unique_intents = Nested(UniqueIntentSchema, many=True)
    latest_agent_survey = Nested(AgentSurveySchema)
    previously_submitted_agent_surveys = Nested(AgentSurveySchema, many=True)

    @validates_schema
    def _check_info(self, data: dict[str, Any], **_: Any) -> None:
        # Runs after info's own load, so each time pair in it is already complete.
        info = data["info"]
        errors: dict[str, list[str]] = {}
        start = info.get("startTimeL")
        end = info.get("endTimeL")
        if start is None:
            errors["startTimeL"] = ["Missing data for required field (startTime or startTimeL)."]
        elif info["status"] == "CLOSE":
            if end is None or end == -1:
                errors["endTimeL"] = ["A CLOSE conversation needs its end time."]
            elif end < start:
                errors["endTimeL"] = [f"Must not be before startTimeL ({start})."]
        if errors:
            raise ValidationError({"info": errors})


_RECORD_SCHEMA = ConversationRecordSchema()


def load_record(data: object) -> dict[str, Any]:
    """Validate one conversation record and return it normalized, ready to store and send.

    :raises marshmallow.ValidationError: messages keyed by the JSON path of each bad value.
    """
    return cast(dict[str, Any], _RECORD_SCHEMA.load(cast(Mapping[str, Any], data)))
