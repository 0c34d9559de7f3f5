"""Field types for ingested conversation records: LivePerson's loose JSON in, canonical JSON out.

LivePerson exports are not consistent about JSON types: numbers arrive as numeric strings
(``"1485330205108"``), ids as numbers, times as strings or epoch milliseconds. Each field here
accepts the loose forms and returns exactly one canonical form, because the loaded record is
stored and later sent back unchanged.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Final

import orjson
from marshmallow import fields, missing

TEXT_MAX: Final = 50_000  # LivePerson's limit on an engagement attribute value; used for all text
NAME_MAX: Final = 255
ID_MAX: Final = 255
CODE_MAX: Final = 100  # open-ended codes such as closeReason or role

INT32_MIN: Final = -(2**31)
INT32_MAX: Final = 2**31 - 1
LONG_MIN: Final = -(2**63)
LONG_MAX: Final = 2**63 - 1
# The millisecond range that has a four-digit-year ts-string.
EPOCH_MS_MAX: Final = 253_402_300_799_999
UNDEFINED: Final = "undefined"  # open conversations: info.endTime "undefined", endTimeL -1

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_MS: Final = timedelta(milliseconds=1)
_INTEGER_TEXT: Final = re.compile(r"-?\d{1,19}")
_DECIMAL_TEXT: Final = re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_TS_TEXT: Final = re.compile(
    r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3})([+-])(\d{2})(\d{2})"
)


class RecordField(fields.Field):
    """Base of the record fields: skips marshmallow's validator wrapper when there is none.

    A record has a thousand values; building an empty ``And`` validator for each cost a sixth of
    the load time.
    """

    def deserialize(
        self,
        value: Any,
        attr: str | None = None,
        data: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        if value is missing or value is None:
            return super().deserialize(value, attr, data, **kwargs)
        output = self._deserialize(value, attr, data, **kwargs)
        if self.validators:
            self._validate(output)
        return output


class Nested(RecordField, fields.Nested):
    """``fields.Nested`` with the fast path of ``RecordField``."""


class List(RecordField, fields.List):
    """``fields.List`` with the fast path of ``RecordField``."""


def format_ts(ms: int) -> str:
    """Render epoch milliseconds as LivePerson's ``yyyy-MM-dd HH:mm:ss.SSS+0000`` (UTC)."""
    dt = _EPOCH + timedelta(milliseconds=ms)
    return dt.strftime("%Y-%m-%d %H:%M:%S.") + f"{ms % 1000:03d}+0000"


def parse_ts(text: str) -> int | None:
    """Return the epoch milliseconds of a ts-string, or None when it is not one."""
    match = _TS_TEXT.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, milli, sign, off_h, off_m = match.groups()
    if int(off_h) > 23 or int(off_m) > 59:
        return None
    try:
        local = datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=UTC
        )
    except ValueError:
        return None
    offset = timedelta(hours=int(off_h), minutes=int(off_m))
    utc = local - offset if sign == "+" else local + offset
    return (utc - _EPOCH) // _ONE_MS + int(milli)


class Text(RecordField):
    """A JSON string with a length cap; ``non_empty`` also refuses the empty string."""

    default_error_messages = {
        "invalid": "Not a valid string.",
        "too_long": "Longer than {max_length} characters.",
        "empty": "Must not be empty.",
    }

    def __init__(self, *, max_length: int = TEXT_MAX, non_empty: bool = False, **kwargs: Any):
        super().__init__(**kwargs)
        self.max_length = max_length
        self.non_empty = non_empty

    def _check(self, value: str) -> str:
        if len(value) > self.max_length:
            raise self.make_error("too_long", max_length=self.max_length)
        if self.non_empty and not value:
            raise self.make_error("empty")
        return value

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> str:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        return self._check(value)


class Id(Text):
    """An identifier LivePerson types as a string; exports sometimes send it as a number."""

    default_error_messages = {"invalid": "Not a valid id: expected a string or an integer."}

    def __init__(self, *, max_length: int = ID_MAX, **kwargs: Any):
        super().__init__(max_length=max_length, **kwargs)

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        elif not isinstance(value, str):
            raise self.make_error("invalid")
        return self._check(value)


class JsonText(Text):
    """A string that must itself hold JSON (rich content cards, quick replies, raw metadata)."""

    default_error_messages = {"not_json": "Not a valid JSON document."}

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            raise self.make_error("not_json") from exc
        return text


def _as_int(value: Any) -> int | None:
    """Accept an int, an integral float or a numeric string; bools are not numbers here."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str) and _INTEGER_TEXT.fullmatch(value):
        return int(value)
    return None


class Integer(RecordField):
    """A JSON integer within [minimum, maximum] (defaults: Java long), numeric strings accepted."""

    default_error_messages = {
        "invalid": "Not a valid integer.",
        "range": "Must be between {minimum} and {maximum}.",
    }

    def __init__(self, *, minimum: int = LONG_MIN, maximum: int = LONG_MAX, **kwargs: Any):
        super().__init__(**kwargs)
        self.minimum = minimum
        self.maximum = maximum

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> int:
        number = _as_int(value)
        if number is None:
            raise self.make_error("invalid")
        if not self.minimum <= number <= self.maximum:
            raise self.make_error("range", minimum=self.minimum, maximum=self.maximum)
        return number


class Long(Integer):
    """A 64-bit integer (Java long)."""


class Int32(Integer):
    """A 32-bit integer (Java int)."""

    def __init__(self, *, minimum: int = INT32_MIN, maximum: int = INT32_MAX, **kwargs: Any):
        super().__init__(minimum=minimum, maximum=maximum, **kwargs)


class EpochMs(Integer):
    """Epoch milliseconds; -1 is LivePerson's "not yet" only where ``undefined_allowed``."""

    def __init__(self, *, undefined_allowed: bool = False, **kwargs: Any):
        super().__init__(minimum=-1 if undefined_allowed else 0, maximum=EPOCH_MS_MAX, **kwargs)


class Double(RecordField):
    """A finite JSON number; numeric strings accepted. Ints stay ints (same JSON number)."""

    default_error_messages = {"invalid": "Not a valid number."}

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> int | float:
        if isinstance(value, bool):
            raise self.make_error("invalid")
        if isinstance(value, int):
            return value
        if isinstance(value, str):
            # float() alone would also take " 12 ", "1_000" and "nan".
            if not _DECIMAL_TEXT.fullmatch(value):
                raise self.make_error("invalid")
            value = float(value)
        if isinstance(value, float) and math.isfinite(value):
            return value
        raise self.make_error("invalid")


class Bool(RecordField):
    """A JSON boolean; the strings "true"/"false" (any case) are accepted, nothing fuzzier."""

    default_error_messages = {"invalid": "Not a valid boolean."}

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            lowered = value.lower()
            if lowered in ("true", "false"):
                return lowered == "true"
        raise self.make_error("invalid")


class TsString(RecordField):
    """The string half of a time pair; loads to epoch ms for the pair check to finish.

    The section schema turns the value back into a canonical string once it has compared it
    with the ``xxxL`` half (see ``records_base.RecordSectionSchema``).
    """

    default_error_messages = {
        "invalid": "Not a valid time: expected 'yyyy-MM-dd HH:mm:ss.SSS+0000'.",
        "range": "Time out of range.",
    }

    def __init__(self, *, undefined_allowed: bool = False, **kwargs: Any):
        super().__init__(**kwargs)
        self.undefined_allowed = undefined_allowed

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> int | str:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        if self.undefined_allowed and value == UNDEFINED:
            return UNDEFINED
        ms = parse_ts(value)
        if ms is None:
            raise self.make_error("invalid")
        if not 0 <= ms <= EPOCH_MS_MAX:
            raise self.make_error("range")
        return ms


class MsText(RecordField):
    """Epoch ms carried as a string, as SDE timestamps are; a JSON number is turned into one."""

    default_error_messages = {"invalid": "Not a valid timestamp: expected epoch milliseconds."}

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> str:
        number = _as_int(value)
        if number is None or not 0 <= number <= EPOCH_MS_MAX:
            raise self.make_error("invalid")
        return str(number)
