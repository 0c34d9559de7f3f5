"""The base of every conversation-record section schema.

Loading a record yields the JSON that is stored and later sent as-is, so a section schema differs
from an ordinary one in three ways:

* the loaded dict is keyed by the JSON (camelCase) keys, not by attribute names;
* a key sent as ``null`` counts as absent, and absent keys stay absent (nothing is filled in);
* both halves of every time pair (``time`` / ``timeL``) come out, however many went in.
"""

from __future__ import annotations

from typing import Any, ClassVar, cast

from marshmallow import RAISE, ValidationError, fields, post_load, pre_load
from marshmallow.error_store import ErrorStore
from marshmallow.exceptions import SCHEMA

from schemas.base import BaseSchema
from schemas.records_fields import UNDEFINED, format_ts


def finish_time_pairs(
    record: dict[str, Any], pairs: tuple[str, ...], undefined_allowed: frozenset[str]
) -> dict[str, list[str]]:
    """Complete each pair ``name`` / ``nameL`` of a loaded section in place; return the errors.

    ``TsString`` has already turned the string half into epoch ms, so the halves compare as
    integers, and the string written back is always the canonical rendering of the ms value. A
    pair named in ``undefined_allowed`` may also be ``"undefined"`` / ``-1`` (an open conversation's
    end), which is emitted exactly so.
    """
    errors: dict[str, list[str]] = {}
    for name in pairs:
        long_key = name + "L"
        text: int | str | None = record.get(name)  # TsString loaded it to ms (or "undefined")
        ms: int | None = record.get(long_key)
        if text is None and ms is None:
            continue
        if name in undefined_allowed and (text == UNDEFINED or (text is None and ms == -1)):
            if ms is None or ms == -1:
                record[name], record[long_key] = UNDEFINED, -1
            else:
                errors[name] = [f"'{UNDEFINED}' requires {long_key} -1, not {ms}."]
            continue
        if ms is None:
            record[long_key] = ms = cast(int, text)
        elif text is not None and text != ms:
            errors[name] = [f"Does not match {long_key} {ms} ({format_ts(ms)})."]
            continue
        record[name] = format_ts(ms)
    return errors


def _store_error(
    error_store: ErrorStore, messages: Any, key: str = SCHEMA, index: int | None = None
) -> None:
    error_store.store_error(messages, key, index)  # type: ignore[no-untyped-call]


class RecordSectionSchema(BaseSchema):
    """One object of a conversation record; subclasses list their time pairs in TIME_PAIRS."""

    TIME_PAIRS: ClassVar[tuple[str, ...]] = ()
    UNDEFINED_TIME_PAIRS: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._json_fields = [
            (field.data_key or name, field) for name, field in self.load_fields.items()
        ]
        self._json_keys = frozenset(key for key, _ in self._json_fields)

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        super().on_bind_field(field_name, field_obj)
        # marshmallow stores a loaded value under ``attribute``: make that the JSON key.
        field_obj.attribute = field_obj.data_key

    def _deserialize(
        self,
        data: Any,
        *,
        error_store: ErrorStore,
        many: bool = False,
        partial: Any = None,
        unknown: str = RAISE,
        index: int | None = None,
    ) -> Any:
        """Load the fields of one object (or of each object of a list) into a dict by JSON key.

        Replaces marshmallow's generic loop, which also serves partial loading and the
        INCLUDE/EXCLUDE policies: records never use them, and the generic loop was a third of
        the load time. Record schemas therefore always RAISE on unknown keys and ignore
        ``partial``. Errors are stored exactly as marshmallow stores them.
        """
        if many:
            if not isinstance(data, list):
                _store_error(error_store, [self.error_messages["type"]], index=index)
                return []
            return [
                self._deserialize(item, error_store=error_store, index=position)
                for position, item in enumerate(data)
            ]
        result: dict[str, Any] = {}
        if not isinstance(data, dict):
            _store_error(error_store, [self.error_messages["type"]], index=index)
            return result
        for key, field in self._json_fields:
            raw = data.get(key)
            if raw is None:
                if field.required:
                    _store_error(error_store, [field.error_messages["required"]], key, index)
                continue
            try:
                result[key] = field.deserialize(raw, key, data)
            except ValidationError as err:
                _store_error(error_store, err.messages, key, index)
        if len(data) > len(result) and not self._json_keys.issuperset(data):
            for key in data.keys() - self._json_keys:
                _store_error(error_store, [self.error_messages["unknown"]], key, index)
        return result

    @pre_load
    def _drop_nulls(self, data: Any, **_: Any) -> Any:
        if isinstance(data, dict) and None in data.values():
            return {key: value for key, value in data.items() if value is not None}
        return data

    # pass_many: an error raised per item by a plain post_load would lose the list index.
    @post_load(pass_many=True)
    def _finish_time_pairs(self, data: Any, many: bool, **_: Any) -> Any:
        if not self.TIME_PAIRS:
            return data
        if not many:
            return self._finish_one(data)
        indexed: dict[int, dict[str, list[str]]] = {}
        for index, item in enumerate(data):
            try:
                data[index] = self._finish_one(item)
            except ValidationError as err:
                indexed[index] = cast(dict[str, list[str]], err.messages)
        if indexed:
            raise ValidationError(cast(dict[str, Any], indexed))
        return data

    def _finish_one(self, record: dict[str, Any]) -> dict[str, Any]:
        size = len(record)
        errors = finish_time_pairs(record, self.TIME_PAIRS, self.UNDEFINED_TIME_PAIRS)
        if errors:
            raise ValidationError(errors)
        if len(record) == size:
            return record
        # A half was added at the end: restore declaration order so that pairs sit together.
        return {key: record[key] for key, _ in self._json_fields if key in record}
