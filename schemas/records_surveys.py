"""Surveys and intents of a record: conversationSurveys, agent surveys, intents, uniqueIntents."""

from __future__ import annotations

from marshmallow import validate

from schemas.records_base import RecordSectionSchema
from schemas.records_enums import AGENT_SURVEY_STATUSES
from schemas.records_fields import (
    CODE_MAX,
    NAME_MAX,
    Bool,
    Double,
    EpochMs,
    Id,
    Int32,
    Long,
    Nested,
    Text,
)


class SurveyAnswerSchema(RecordSectionSchema):
    """One question and answer of a conversation survey."""

    question = Text()
    answer = Text()
    question_id = Id()
    answer_id = Id()  # "InvalidAnswer" when the answer did not validate
    question_type = Text(max_length=CODE_MAX)
    question_format = Text(max_length=CODE_MAX)
    answer_seq = Int32()
    is_valid_answer = Bool()


class ConversationSurveySchema(RecordSectionSchema):
    """A ``conversationSurveys`` item (reference 5.12); its statuses are not documented."""

    survey_type = Text(max_length=CODE_MAX)
    survey_status = Text(non_empty=True, max_length=CODE_MAX)
    dialog_id = Id()
    survey_id = Id()
    survey_data = Nested(SurveyAnswerSchema, many=True)


class AgentSurveyAnswerSchema(RecordSectionSchema):
    """One answer of an agent survey question."""

    answer = Text()
    answer_id = Id()


class SubmittedAnswerSchema(RecordSectionSchema):
    """One question of an agent survey with the answers given."""

    question_text = Text()
    question_id = Id()
    question_definition = Text(max_length=CODE_MAX)
    question_category = Text(max_length=CODE_MAX)
    answers = Nested(AgentSurveyAnswerSchema, many=True)


class AgentSurveySchema(RecordSectionSchema):
    """``latestAgentSurvey`` and each ``previouslySubmittedAgentSurveys`` item (5.18)."""

    survey_status = Text(validate=validate.OneOf(AGENT_SURVEY_STATUSES))
    status_reason = Text(non_empty=True, max_length=CODE_MAX)
    dialog_id = Id()
    survey_id = Id()
    ac_survey_id = Id()
    ac_survey_name = Text(max_length=NAME_MAX)
    ac_survey_revision = Long()
    survey_skill_id = Long()
    survey_skill_name = Text(max_length=NAME_MAX)
    assigned_agent_id = Id()
    assigned_agent_nick_name = Text(max_length=NAME_MAX)
    assigned_agent_name = Text(max_length=NAME_MAX)
    performed_by_agent_id = Id()
    performed_by_agent_nick_name = Text(max_length=NAME_MAX)
    performed_by_agent_name = Text(max_length=NAME_MAX)
    last_update_time = EpochMs()
    submitted_answers = Nested(SubmittedAnswerSchema, many=True)


class IntentModelVersionSchema(RecordSectionSchema):
    """The model that produced a classification."""

    model_name = Text(max_length=NAME_MAX)
    model_version = Text(max_length=NAME_MAX)


class IntentClassificationSchema(RecordSectionSchema):
    """LivePerson's IntentAnalyzerClassification: ``intentName`` is the intent's id."""

    intent_name = Text(max_length=NAME_MAX)
    intent_label = Text(max_length=NAME_MAX)
    confidence_score = Double()
    versions = Nested(IntentModelVersionSchema, many=True)


class IntentSchema(RecordSectionSchema):
    """An ``intents`` item: the chosen and all candidate classifications of one message."""

    selected_classification = Nested(IntentClassificationSchema)
    all_classifications = Nested(IntentClassificationSchema, many=True)
    message_id = Id()


class UniqueIntentSchema(RecordSectionSchema):
    """A ``uniqueIntents`` item."""

    intent_name = Text(max_length=NAME_MAX)
    intent_label = Text(max_length=NAME_MAX)
