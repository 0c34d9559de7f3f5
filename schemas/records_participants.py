"""Who took part and how the conversation moved: participants, transfers, dialogs, co-browse."""

from __future__ import annotations

from marshmallow import validate

from schemas.records_base import RecordSectionSchema
from schemas.records_enums import DIALOG_TYPES, TRANSFER_REASONS, USER_TYPE_NAMES, USER_TYPES
from schemas.records_fields import (
    CODE_MAX,
    NAME_MAX,
    Bool,
    EpochMs,
    Id,
    Int32,
    List,
    Long,
    Nested,
    Text,
    TsString,
)
from schemas.records_messages import ContextDataSchema


class AgentParticipantSchema(RecordSectionSchema):
    """An ``agentParticipants`` (also ``...Active`` / ``...Leave``) item (reference 5.8)."""

    TIME_PAIRS = ("time",)

    agent_id = Id()
    agent_login_name = Text(max_length=NAME_MAX)
    agent_nickname = Text(max_length=NAME_MAX)
    agent_full_name = Text(max_length=NAME_MAX)
    agent_deleted = Bool()
    time = TsString()
    time_l = EpochMs()
    role = Text(non_empty=True, max_length=CODE_MAX)
    user_type = Id(validate=validate.OneOf(USER_TYPES))
    user_type_name = Text(validate=validate.OneOf(USER_TYPE_NAMES))
    agent_group_id = Long()
    agent_group_name = Text(max_length=NAME_MAX)
    permission = Text(non_empty=True, max_length=CODE_MAX)
    context_data = Nested(ContextDataSchema)
    dialog_id = Id()


class ConsumerParticipantSchema(RecordSectionSchema):
    """A ``consumerParticipants`` item; LivePerson writes unknown strings as "undefined" (5.9)."""

    TIME_PAIRS = ("time", "joinTime")

    participant_id = Id()
    time = TsString()
    time_l = EpochMs()
    join_time = TsString()
    join_time_l = EpochMs()
    first_name = Text(max_length=NAME_MAX)
    last_name = Text(max_length=NAME_MAX)
    consumer_name = Text(max_length=NAME_MAX)
    phone = Text(max_length=NAME_MAX)
    email = Text(max_length=NAME_MAX)
    token = Text()
    avatar_url = Text(data_key="avatarURL")
    dialog_id = Id()


class TransferSchema(RecordSectionSchema):
    """A ``transfers`` item (reference 5.10); ``assignedAgentId`` may be the string "null"."""

    TIME_PAIRS = ("time",)

    time = TsString()
    time_l = EpochMs()
    assigned_agent_id = Id()
    assigned_agent_login_name = Text(max_length=NAME_MAX)
    assigned_agent_nickname = Text(max_length=NAME_MAX)
    assigned_agent_full_name = Text(max_length=NAME_MAX)
    target_skill_id = Long()
    target_skill_name = Text(max_length=NAME_MAX)
    source_skill_id = Long()
    source_skill_name = Text(max_length=NAME_MAX)
    source_agent_id = Id()
    source_agent_login_name = Text(max_length=NAME_MAX)
    source_agent_nickname = Text(max_length=NAME_MAX)
    source_agent_full_name = Text(max_length=NAME_MAX)
    reason = Text(validate=validate.OneOf(TRANSFER_REASONS))
    by = Id()
    context_data = Nested(ContextDataSchema)
    dialog_id = Id()


class InteractionSchema(RecordSectionSchema):
    """An ``interactions`` item (reference 5.11).

    LivePerson's examples name the agent ``assignedAgentLoginName`` etc. while its table says
    ``agentLoginName`` etc.; both spellings are accepted and kept as sent.
    """

    TIME_PAIRS = ("interactionTime",)

    assigned_agent_id = Id()
    assigned_agent_login_name = Text(max_length=NAME_MAX)
    assigned_agent_nickname = Text(max_length=NAME_MAX)
    assigned_agent_full_name = Text(max_length=NAME_MAX)
    agent_login_name = Text(max_length=NAME_MAX)
    agent_nickname = Text(max_length=NAME_MAX)
    agent_full_name = Text(max_length=NAME_MAX)
    interaction_time = TsString()
    interaction_time_l = EpochMs()
    interactive_sequence = Int32()
    dialog_id = Id()


class SkillChangeSchema(RecordSectionSchema):
    """A ``skillChanges`` item. LivePerson does not document the shape; this clone uses the
    transfer vocabulary: when, from which skill to which, why (e.g. a default or fallback
    skill) and by whom.
    """

    TIME_PAIRS = ("time",)

    time = TsString()
    time_l = EpochMs()
    source_skill_id = Long()
    source_skill_name = Text(max_length=NAME_MAX)
    target_skill_id = Long()
    target_skill_name = Text(max_length=NAME_MAX)
    reason = Text(non_empty=True, max_length=CODE_MAX)
    by = Id()
    dialog_id = Id()


class DialogSchema(RecordSectionSchema):
    """A ``dialogs`` item: the main dialog or a post-conversation survey (reference 5.16)."""

    TIME_PAIRS = ("startTime", "endTime")

    dialog_id = Id()
    status = Text(max_length=CODE_MAX)
    dialog_type = Text(validate=validate.OneOf(DIALOG_TYPES))
    dialog_channel_type = Text(max_length=CODE_MAX)
    start_time = TsString()
    start_time_l = EpochMs()
    end_time = TsString()
    end_time_l = EpochMs()
    close_reason = Text(non_empty=True, max_length=CODE_MAX)
    close_reason_description = Text(non_empty=True, max_length=CODE_MAX)
    skill_id = Long()
    skill_name = Text(max_length=NAME_MAX)


class CoBrowseSessionSchema(RecordSectionSchema):
    """A co-browse session; LivePerson's table says ``isInteractive``, its examples
    ``interactive``: both are accepted (reference 5.13).
    """

    TIME_PAIRS = ("startTime", "endTime", "interactiveTime")

    session_id = Id()
    start_time = TsString()
    start_time_l = EpochMs()
    end_time = TsString()
    end_time_l = EpochMs()
    interactive_time = TsString()
    interactive_time_l = EpochMs()
    is_interactive = Bool()
    interactive = Bool()
    end_reason = Text(non_empty=True, max_length=CODE_MAX)
    duration = Long(minimum=0)
    type = Text(max_length=CODE_MAX)
    capabilities = List(Text(max_length=CODE_MAX))
    agent_id = Id()


class CoBrowseSessionsSchema(RecordSectionSchema):
    """``coBrowseSessions``: an object wrapping the session list."""

    co_browse_sessions_list = Nested(CoBrowseSessionSchema, many=True)
