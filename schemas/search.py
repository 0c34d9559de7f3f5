"""Search requests of the Messaging Interactions API: query parameters and the three bodies.

The schemas check shapes, types, enums and ranges, and turn LivePerson's loose JSON (numbers as
strings, ids as numbers, ``null`` for absent) into one form. The rules that need the clock (``to``
of ``-1`` is now, the 3-month limit, 10-minute rounding) are applied by ``load_*`` with the time
of the request, so that a body is judged once, against one "now".
docs/decisions.md ("Messaging Interactions search") is the human-readable version of this file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from marshmallow import (
    EXCLUDE,
    Schema,
    ValidationError,
    fields,
    pre_load,
    validate,
    validates_schema,
)

from schemas.base import BaseSchema
from schemas.records_enums import (
    CONVERSATION_STATUSES,
    MESSAGE_CONTENT_TYPES,
    QUEUE_STATES,
    RECORD_SECTIONS,
    SOURCES,
)
from schemas.records_fields import Bool, Id, Integer, List, Nested, Text

MAX_PAGE: Final = 100
MAX_IDS: Final = 100
MAX_SUBSCRIBERS: Final = 1000  # subscriberIds of one aggregated search
MAX_RANGE_MS: Final = 92 * 86_400_000  # 3 months: the longest three calendar months
ROUNDING_MS: Final = 10 * 60_000
TEXT_EXPRESSION_MAX: Final = 1_000
SORT_FIELDS: Final = ("start", "end")
SORT_ORDERS: Final = ("asc", "desc")
SEARCH_DEVICES: Final = ("DESKTOP", "TABLET", "MOBILE", "NA")
USER_PERMISSIONS: Final = ("ASSIGNED_AGENT", "AGENT", "AGENT_MANGER", "AGENT_MANAGER", "READER")
FCR_VALUES: Final = ("yes", "no", "1", "0")
ANNOTATION_STATES: Final = ("OPEN", "SUBMITTED", "VETTED")
SURVEY_QUESTION_TYPES: Final = ("custom", "csat", "nps", "fcr")
SURVEY_QUESTION_FORMATS: Final = ("single", "open")
SDE_SEARCH_KEYS: Final = (
    "personalInfo",
    "customerInfo",
    "userUpdate",
    "marketingCampaignInfo",
    "lead",
    "purchase",
    "viewedProduct",
    "cartStatus",
    "serviceActivity",
    "visitorError",
    "searchContent",
)


def _strip_nulls(data: Any) -> Any:
    """Drop keys whose value is null, at every depth: LivePerson clients send null for absent."""
    if isinstance(data, Mapping):
        return {key: _strip_nulls(value) for key, value in data.items() if value is not None}
    return data


class SearchSchema(BaseSchema):
    """A search body object: strict about keys, lenient about nulls."""

    @pre_load
    def drop_nulls(self, data: Any, **_kwargs: Any) -> Any:
        return _strip_nulls(data)


def _choice(values: tuple[str, ...]) -> validate.OneOf:
    return validate.OneOf(values, error="Must be one of: {choices}.")


def _enum_list(values: tuple[str, ...], **kwargs: Any) -> List:
    return List(Text(validate=_choice(values)), **kwargs)


def _non_empty_list(inner: fields.Field, *, maximum: int | None = None) -> List:
    return List(inner, validate=validate.Length(min=1, max=maximum))


class TextExpression(Text):
    """Words to find; double quotes mark an exact phrase. At least one word is required."""

    default_error_messages = {"no_word": "Must contain at least one word."}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=TEXT_EXPRESSION_MAX, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if not any(ch.isalnum() for ch in text):
            raise self.make_error("no_word")
        return text


class AlertedMcs(Integer):
    """-1, 0 or 1, as a number or a string."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(minimum=-1, maximum=1, **kwargs)


class TimeRange(SearchSchema):
    """``{"from": ms, "to": ms}``; ``to`` absent or -1 is now (resolved by the loader)."""

    from_ = Integer(required=True, minimum=0, data_key="from")
    to = Integer(minimum=-1)


class SinceTime(SearchSchema):
    from_ = Integer(required=True, minimum=0, data_key="from")


def _score_range(minimum: int, maximum: int) -> type[SearchSchema]:
    class ScoreRange(SearchSchema):
        from_ = Integer(minimum=minimum, maximum=maximum, data_key="from")
        to = Integer(minimum=minimum, maximum=maximum)

        @validates_schema
        def one_side_and_ordered(self, data: dict[str, Any], **_kwargs: Any) -> None:
            _check_sides(data)

    return ScoreRange


def _check_sides(data: dict[str, Any]) -> None:
    if "from_" not in data and "to" not in data:
        raise ValidationError("Must give from, to or both.", field_name="_schema")
    if "from_" in data and "to" in data and data["from_"] > data["to"]:
        raise ValidationError("from must not be after to.", field_name="_schema")


McsRange = _score_range(0, 100)
CsatRange = _score_range(1, 5)
NpsRange = _score_range(0, 10)
DurationRange = _score_range(0, 2**53)
ResponseTimeRange = _score_range(-1, 2**53)


class SdeSearch(SearchSchema):
    personal_info = TextExpression()
    customer_info = TextExpression()
    user_update = TextExpression()
    marketing_campaign_info = TextExpression()
    lead = TextExpression()
    purchase = TextExpression()
    viewed_product = TextExpression()
    cart_status = TextExpression()
    service_activity = TextExpression()
    visitor_error = TextExpression()
    search_content = TextExpression()

    @validates_schema
    def not_empty(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if not data:
            raise ValidationError("Must give at least one attribute to search.", "_schema")


class QuestionTypeAndFormat(SearchSchema):
    type = Text(validate=_choice(SURVEY_QUESTION_TYPES))
    format = Text(validate=_choice(SURVEY_QUESTION_FORMATS))

    @validates_schema
    def not_empty(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if not data:
            raise ValidationError("Must give type, format or both.", "_schema")


class AgentSurveySearch(SearchSchema):
    pending_agent_survey = Bool()
    question_id = Id(non_empty=True)
    question_name = TextExpression()
    question_keywords = TextExpression()
    answer_keywords = TextExpression()
    survey_id = Id(non_empty=True)

    @validates_schema
    def not_empty(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if not data:
            raise ValidationError("Must give at least one criterion.", "_schema")


def _ids() -> List:
    return _non_empty_list(Id(non_empty=True))


class ContentSelection(SearchSchema):
    """The part every body shares: which sections to send, and (our extension) which
    subscribers a provider's aggregated search reads."""

    content_to_retrieve = List(Text(validate=_choice(RECORD_SECTIONS)))
    subscriber_ids = List(Id(non_empty=True), validate=validate.Length(min=1, max=MAX_SUBSCRIBERS))


class ConversationsSearch(ContentSelection):
    """E1: every filter of reference section 3."""

    start = Nested(TimeRange, required=True)
    end = Nested(TimeRange)
    full_dialog_end_time = Nested(TimeRange)
    latest_update_time = Nested(SinceTime)
    status = _non_empty_list(Text(validate=_choice(CONVERSATION_STATUSES)))
    skill_ids = _ids()
    latest_skill_ids = _ids()
    agent_ids = _ids()
    user_permissions = _non_empty_list(Text(validate=_choice(USER_PERMISSIONS)))
    latest_agent_ids = _ids()
    agent_group_ids = _ids()
    keyword = TextExpression()
    summary = TextExpression()
    duration = Nested(DurationRange)
    mcs = Nested(McsRange)
    alerted_mcs_values = _non_empty_list(AlertedMcs())
    csat = Nested(CsatRange)
    nps = Nested(NpsRange)
    source = _non_empty_list(Text(validate=_choice(SOURCES)))
    device = _non_empty_list(Text(validate=_choice(SEARCH_DEVICES)))
    message_content_types = _non_empty_list(Text(validate=_choice(MESSAGE_CONTENT_TYPES)))
    latest_conversation_queue_state = Text(validate=_choice(QUEUE_STATES))
    sde_search = Nested(SdeSearch)
    response_time = Nested(ResponseTimeRange)
    question_brick = TextExpression()
    invalid_free_text_answer = Text(validate=_choice(("INVALID_FREE_TEXT_ANSWER",)))
    survey_bot_conversations = Text(validate=_choice(("SURVEY_BOT",)))
    survey_ids = _ids()
    fcr = _non_empty_list(Text(validate=_choice(FCR_VALUES)))
    question_type_and_format_to_retrieve = Nested(QuestionTypeAndFormat)
    answer_text = _non_empty_list(TextExpression())
    selected_intent_only = Bool()
    conversations_with_step_up_only = Bool()
    agent_survey_search = Nested(AgentSurveySearch)
    annotation_states = _non_empty_list(Text(validate=_choice(ANNOTATION_STATES)))


class ConversationByIdSearch(ContentSelection):
    """E2: one id or a list of ids."""

    conversation_id = Id(non_empty=True)
    conversation_ids = List(Id(non_empty=True), validate=validate.Length(min=1, max=MAX_IDS))

    @validates_schema
    def some_ids(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if "conversation_id" not in data and "conversation_ids" not in data:
            raise ValidationError("Must give conversationId or conversationIds.", "_schema")
        ids = {*data.get("conversation_ids", ()), *filter(None, [data.get("conversation_id")])}
        if len(ids) > MAX_IDS:
            raise ValidationError(
                f"conversationId and conversationIds name at most {MAX_IDS} distinct ids in all.",
                "_schema",
            )


class ConsumerSearch(ContentSelection):
    """E3: a consumer's conversations; no status means both."""

    consumer = Id(required=True, non_empty=True)
    status = List(Text(validate=_choice(CONVERSATION_STATUSES)))


class Sort(fields.String):
    """``start`` or ``end``, optionally ``:asc`` or ``:desc`` (alone: ascending)."""

    default_error_messages = {"sort": "Must be start or end, optionally followed by :asc or :desc."}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        field, _, order = text.partition(":")
        order = order or "asc"
        if field not in SORT_FIELDS or order not in SORT_ORDERS:
            raise self.make_error("sort")
        return (field, order)


class CaseInsensitiveBoolean(fields.Boolean):
    """``true`` or ``false`` in any case, as Java's Boolean.parseBoolean reads a query value."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(truthy={"true"}, falsy={"false"}, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        folded = value.lower() if isinstance(value, str) else value
        return bool(super()._deserialize(folded, attr, data, **kwargs))  # type: ignore[no-untyped-call]


class SearchParams(Schema):
    """Query parameters, the same on all three endpoints; unknown ones are ignored."""

    class Meta:
        unknown = EXCLUDE

    offset = fields.Integer(load_default=0, validate=validate.Range(min=0), strict=False)
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_PAGE))
    sort = Sort(load_default=("start", "desc"))
    v = fields.String(load_default="1", validate=_choice(("1", "2")))
    source = fields.String(validate=validate.Length(max=20))
    rollover = CaseInsensitiveBoolean(load_default=False)


def _resolve_range(name: str, raw: dict[str, Any], now_ms: int) -> tuple[int, int]:
    """Apply the clock rules to a time range: ``to`` -1 or absent is now, at most 3 months,
    then ``from`` rounded down and ``to`` up to 10 minutes. Both ends are inclusive."""
    start = raw["from_"]
    end = now_ms if raw.get("to", -1) == -1 else raw["to"]
    if start > end:
        raise ValidationError({name: ["from must not be after to."]})
    if end - start > MAX_RANGE_MS:
        raise ValidationError({name: ["The range must not be longer than 3 months (92 days)."]})
    rounded_end = -(-end // ROUNDING_MS) * ROUNDING_MS
    return start - start % ROUNDING_MS, rounded_end


TIME_RANGES: Final = ("start", "end", "full_dialog_end_time")
_JSON_NAMES: Final = {"start": "start", "end": "end", "full_dialog_end_time": "fullDialogEndTime"}


def load_params(args: Mapping[str, Any]) -> dict[str, Any]:
    """Validate the query parameters; repeated parameters count by their first value."""
    params: dict[str, Any] = SearchParams().load({key: args.get(key) for key in args})
    return params


def load_conversations_search(body: Any, *, now_ms: int) -> dict[str, Any]:
    """Validate an E1 body and resolve its time ranges to inclusive epoch-ms bounds."""
    data: dict[str, Any] = ConversationsSearch().load(body)
    for name in TIME_RANGES:
        if name in data:
            data[name] = _resolve_range(_JSON_NAMES[name], data[name], now_ms)
    if "latest_update_time" in data:
        since = data["latest_update_time"]["from_"]
        data["latest_update_time"] = since - since % ROUNDING_MS
    return data


def load_conversation_by_id(body: Any) -> dict[str, Any]:
    """Validate an E2 body; ``ids`` holds the distinct ids asked for."""
    data: dict[str, Any] = ConversationByIdSearch().load(body)
    ids = dict.fromkeys([*filter(None, [data.pop("conversation_id", None)])])
    ids.update(dict.fromkeys(data.pop("conversation_ids", ())))
    data["ids"] = tuple(ids)
    return data


def load_consumer_search(body: Any) -> dict[str, Any]:
    """Validate an E3 body."""
    data: dict[str, Any] = ConsumerSearch().load(body)
    return data
