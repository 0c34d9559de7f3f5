"""Messages of a record: messageRecords with their content and context, statuses and scores."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, validate, validates_schema

from schemas.records_base import RecordSectionSchema
from schemas.records_enums import (
    AUDIENCES,
    DEVICES,
    FILE_TYPES,
    INTENT_CONFIDENCES,
    MCS_RANGE,
    MESSAGE_CONTENT_TYPES,
)
from schemas.records_fields import (
    CODE_MAX,
    NAME_MAX,
    Double,
    EpochMs,
    Id,
    Int32,
    JsonText,
    List,
    Nested,
    Text,
    TsString,
)

# A file preview is a base64 thumbnail: larger than any text field, still bounded.
PREVIEW_MAX = 1_000_000


class BotIntentSchema(RecordSectionSchema):
    """An intent a bot recognised in a consumer message."""

    id = Id()
    name = Text(max_length=NAME_MAX)
    confidence = Text(validate=validate.OneOf(INTENT_CONFIDENCES))
    confidence_score = Double()


class BotResponseSchema(RecordSectionSchema):
    """``structuredMetadata[].botResponse``: what the bot platform made of the message."""

    external_conversation_id = Id()
    business_cases = List(Text(max_length=NAME_MAX))
    intents = Nested(BotIntentSchema, many=True)


class ActionReasonSchema(RecordSectionSchema):
    """``structuredMetadata[].actionReason``: why a bot or agent escalated or transferred."""

    reason = Text()


class StructuredMetadataSchema(RecordSectionSchema):
    """One structured-metadata item: exactly one of ``botResponse`` or ``actionReason``."""

    bot_response = Nested(BotResponseSchema)
    action_reason = Nested(ActionReasonSchema)

    @validates_schema
    def _exactly_one(self, data: dict[str, Any], **_: Any) -> None:
        if ("botResponse" in data) == ("actionReason" in data):
            raise ValidationError("Expected exactly one of botResponse, actionReason.")


class ContextDataSchema(RecordSectionSchema):
    """``contextData`` of a message, agent participant or transfer."""

    raw_metadata = JsonText()
    structured_metadata = Nested(StructuredMetadataSchema, many=True)


class MsgSchema(RecordSectionSchema):
    """``messageData.msg``: a text message."""

    text = Text()


class FileSchema(RecordSectionSchema):
    """``messageData.file``: a hosted file; ``preview`` only comes from get-by-id."""

    relative_path = Text()
    file_type = Text(validate=validate.OneOf(FILE_TYPES))
    caption = Text()
    preview = Text(max_length=PREVIEW_MAX)


class LinkSchema(RecordSectionSchema):
    """``messageData.link``: a link to an external file."""

    external_file_link = Text()
    file_type = Text(validate=validate.OneOf(FILE_TYPES))
    caption = Text()


class SecureFormSchema(RecordSectionSchema):
    """``messageData.secureForm``: a secure form invitation or submission."""

    form_id = Id()
    form_name = Text(max_length=NAME_MAX)
    submission_id = Id()
    invitation_id = Id()


class StructuredContentSchema(RecordSectionSchema):
    """``richContent`` / ``quickReplies``: the card is a JSON document inside a string."""

    content = JsonText()


class MessageDataSchema(RecordSectionSchema):
    """``messageData``: a text may come with quick replies, so several keys may be present."""

    msg = Nested(MsgSchema)
    file = Nested(FileSchema)
    link = Nested(LinkSchema)
    secure_form = Nested(SecureFormSchema)
    rich_content = Nested(StructuredContentSchema)
    quick_replies = Nested(StructuredContentSchema)


class MessageRecordSchema(RecordSectionSchema):
    """One ``messageRecords`` item (reference 5.5)."""

    TIME_PAIRS = ("time",)

    type = Text(validate=validate.OneOf(MESSAGE_CONTENT_TYPES))
    message_data = Nested(MessageDataSchema)
    message_id = Id()
    seq = Int32(minimum=0)
    dialog_id = Id()
    participant_id = Id()
    source = Text(max_length=CODE_MAX)
    device = Text(validate=validate.OneOf(DEVICES))
    time = TsString()
    time_l = EpochMs()
    sent_by = Text(max_length=CODE_MAX)
    audience = Text(validate=validate.OneOf(AUDIENCES))
    context_data = Nested(ContextDataSchema)


class MessageStatusSchema(RecordSectionSchema):
    """One ``messageStatuses`` item: a delivery state change of a message (reference 5.6)."""

    TIME_PAIRS = ("time",)

    message_id = Id()
    seq = Int32(minimum=0)
    time = TsString()
    time_l = EpochMs()
    message_delivery_status = Text(max_length=CODE_MAX)
    dialog_id = Id()
    participant_id = Id()
    participant_type = Text(max_length=CODE_MAX)


class MessageScoreSchema(RecordSectionSchema):
    """One ``messageScores`` item: the conversation's MCS up to that message (reference 5.7)."""

    TIME_PAIRS = ("time",)

    message_id = Id()
    time = TsString()
    time_l = EpochMs()
    mcs = Int32(minimum=MCS_RANGE[0], maximum=MCS_RANGE[1])
    message_raw_score = Int32()
