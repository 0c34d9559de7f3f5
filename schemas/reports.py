"""The Marketplace Network report's request: a range, a time zone, some subscribers."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from marshmallow import ValidationError, fields, validate, validates_schema

from schemas.base import BaseSchema
from schemas.records_fields import Id, List

MAX_RANGE_DAYS = 400  # 13 months of retention, and a little more
MAX_SUBSCRIBERS = 1000
DAY_MS = 86_400_000


class Instant(fields.Field):
    """Epoch milliseconds (a number or a numeric string), or an ISO-8601 date or date-time. A
    date alone, or a date-time without an offset, is read in the request's time zone."""

    default_error_messages = {"invalid": "Must be epoch milliseconds or an ISO-8601 date or time."}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, bool):
            raise self.make_error("invalid")
        if isinstance(value, int) or (isinstance(value, str) and value.lstrip("-").isdigit()):
            number = int(value)
            if number < 0:
                raise self.make_error("invalid")
            return number
        if not isinstance(value, str):
            raise self.make_error("invalid")
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise self.make_error("invalid") from None
        return parsed  # a naive one is placed in the time zone once that is known


class NetworkReportRequest(BaseSchema):
    """``from`` and ``to`` (exclusive), ``timeZone`` (IANA, default UTC), ``subscriberIds``."""

    from_ = Instant(required=True, data_key="from")
    to = Instant(required=True)
    time_zone = fields.String(load_default="UTC", validate=validate.Length(min=1, max=64))
    subscriber_ids = List(Id(non_empty=True), validate=validate.Length(min=1, max=MAX_SUBSCRIBERS))

    @validates_schema
    def known_zone(self, data: dict[str, Any], **_kwargs: Any) -> None:
        try:
            ZoneInfo(data.get("time_zone", "UTC"))
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError("Unknown IANA time zone.", "timeZone") from None


def _epoch_ms(value: int | datetime, zone: ZoneInfo) -> int:
    if isinstance(value, int):
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return int(value.timestamp() * 1000)


def load_network_report(body: Any) -> dict[str, Any]:
    """Validate a report request; return from_ms, to_ms, time_zone and subscriber_ids."""
    data: dict[str, Any] = NetworkReportRequest().load(body if body is not None else {})
    zone = ZoneInfo(data["time_zone"])
    from_ms, to_ms = _epoch_ms(data["from_"], zone), _epoch_ms(data["to"], zone)
    if from_ms >= to_ms:
        raise ValidationError({"to": ["Must be after from."]})
    if to_ms - from_ms > MAX_RANGE_DAYS * DAY_MS:
        raise ValidationError({"to": [f"The range must not be longer than {MAX_RANGE_DAYS} days."]})
    ids = data.get("subscriber_ids")
    return {
        "from_ms": from_ms,
        "to_ms": to_ms,
        "time_zone": data["time_zone"],
        "subscriber_ids": tuple(dict.fromkeys(str(i) for i in ids)) if ids else None,
    }
