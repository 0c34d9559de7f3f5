"""The conversation-level objects of a record: info, campaign, monitoring, summary, responseTime."""

from __future__ import annotations

from marshmallow import validate

from schemas.records_base import RecordSectionSchema
from schemas.records_enums import (
    ALERTED_MCS_VALUES,
    CONVERSATION_STATUSES,
    CSAT_RANGE,
    DEVICES,
    MCS_RANGE,
    QUEUE_STATES,
)
from schemas.records_fields import (
    CODE_MAX,
    NAME_MAX,
    Bool,
    EpochMs,
    Id,
    Int32,
    List,
    Long,
    Text,
    TsString,
)

# LivePerson documents these campaign names as alphanumeric(50).
CAMPAIGN_NAME_MAX = 50


class InfoSchema(RecordSectionSchema):
    """``info``: who, when, how it ended and how it scored (reference 5.2).

    Only the identity and start are required here; the rules across fields (a closed
    conversation's end) live in ``ConversationRecordSchema``.
    """

    TIME_PAIRS = ("startTime", "endTime", "conversationEndTime", "fullDialogEndTime")
    UNDEFINED_TIME_PAIRS = frozenset({"endTime"})

    conversation_id = Id(required=True, non_empty=True, max_length=100)
    brand_id = Id(required=True, non_empty=True, validate=validate.Regexp(r"\d+\Z"))
    status = Text(required=True, validate=validate.OneOf(CONVERSATION_STATUSES))
    full_dialog_status = Text(max_length=CODE_MAX)
    start_time = TsString()
    start_time_l = EpochMs()
    end_time = TsString(undefined_allowed=True)
    end_time_l = EpochMs(undefined_allowed=True)
    conversation_end_time = TsString()
    conversation_end_time_l = EpochMs()
    full_dialog_end_time = TsString()
    full_dialog_end_time_l = EpochMs()
    duration = Long(minimum=0)
    close_reason = Text(non_empty=True, max_length=CODE_MAX)
    close_reason_description = Text(non_empty=True, max_length=CODE_MAX)
    first_conversation = Bool()
    csat = Int32(minimum=CSAT_RANGE[0], maximum=CSAT_RANGE[1])
    csat_rate = Int32(minimum=CSAT_RANGE[0], maximum=CSAT_RANGE[1])
    mcs = Int32(minimum=MCS_RANGE[0], maximum=MCS_RANGE[1])
    alerted_mcs = Int32(data_key="alertedMCS", validate=validate.OneOf(ALERTED_MCS_VALUES))
    source = Text(max_length=CODE_MAX)
    device = Text(validate=validate.OneOf(DEVICES))
    device_model = Text(max_length=NAME_MAX)
    latest_skill_id = Long()
    latest_skill_name = Text(max_length=NAME_MAX)
    latest_agent_id = Id()
    latest_agent_login_name = Text(max_length=NAME_MAX)
    latest_agent_nickname = Text(max_length=NAME_MAX)
    latest_agent_full_name = Text(max_length=NAME_MAX)
    agent_deleted = Bool()
    latest_agent_group_id = Long()
    latest_agent_group_name = Text(max_length=NAME_MAX)
    browser = Text(max_length=NAME_MAX)
    browser_version = Text(max_length=NAME_MAX)
    operating_system = Text(max_length=NAME_MAX)
    operating_system_version = Text(max_length=NAME_MAX)
    latest_queue_state = Text(validate=validate.OneOf(QUEUE_STATES))
    is_partial = Bool()
    session_id = Id()
    interaction_context_id = Id()
    time_zone = Text(max_length=NAME_MAX)
    features = List(Text(max_length=NAME_MAX))
    language = Text(max_length=NAME_MAX)
    integration = Text(max_length=NAME_MAX)
    integration_version = Text(max_length=NAME_MAX)
    app_version = Text(max_length=NAME_MAX)
    app_id = Text(max_length=NAME_MAX)
    ip_address = Text(max_length=NAME_MAX)
    was_step_up = Bool()
    pending_agent_survey = Bool()
    first_intent_name = Text(max_length=NAME_MAX)
    first_intent_label = Text(max_length=NAME_MAX)


class CampaignSchema(RecordSectionSchema):
    """``campaign``: the engagement that opened the conversation (reference 5.3)."""

    campaign_engagement_id = Id()
    campaign_engagement_name = Text(max_length=CAMPAIGN_NAME_MAX)
    campaign_id = Id()
    campaign_name = Text(max_length=CAMPAIGN_NAME_MAX)
    goal_id = Id()
    goal_name = Text(max_length=CAMPAIGN_NAME_MAX)
    engagement_agent_note = Text()
    engagement_source = Text(max_length=CODE_MAX)
    visitor_behavior_id = Id()
    visitor_behavior_name = Text(max_length=CAMPAIGN_NAME_MAX)
    engagement_application_id = Id()
    engagement_application_name = Text(max_length=NAME_MAX)
    engagement_application_type_id = Id()
    engagement_application_type_name = Text(max_length=NAME_MAX)
    visitor_profile_id = Id()
    visitor_profile_name = Text(max_length=CAMPAIGN_NAME_MAX)
    lob_id = Long()
    lob_name = Text(max_length=NAME_MAX)
    location_id = Id()
    location_name = Text(max_length=NAME_MAX)
    behavior_system_default = Bool()
    profile_system_default = Bool()


class MonitoringSchema(RecordSectionSchema):
    """``monitoring``: where the consumer was when the conversation started (reference 5.4)."""

    country = Text(max_length=NAME_MAX)
    country_code = Text(max_length=NAME_MAX)
    state = Text(max_length=NAME_MAX)
    city = Text(max_length=NAME_MAX)
    isp = Text(max_length=NAME_MAX)
    org = Text(max_length=NAME_MAX)
    device = Text(validate=validate.OneOf(DEVICES))
    ip_address = Text(max_length=NAME_MAX)
    browser = Text(max_length=NAME_MAX)
    operating_system = Text(max_length=NAME_MAX)
    conversation_start_page = Text()
    conversation_start_page_title = Text()


class SummarySchema(RecordSectionSchema):
    """``summary``: the agent's written summary (reference 5.14)."""

    text = Text()
    last_updated_time = EpochMs()


class ResponseTimeSchema(RecordSectionSchema):
    """``responseTime``: when an agent answer is due; -1 means waiting for the consumer (5.15)."""

    latest_effective_response_due_time = EpochMs(undefined_allowed=True)
    configured_response_time = Long()
