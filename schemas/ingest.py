"""Ingest batches: a list of conversation records, each validated by the record schema."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError

from schemas.records import load_record


def records_of(body: Any) -> list[Any]:
    """Return the records of a batch body: a JSON list, or a search response's envelope.

    Accepting ``{"conversationHistoryRecords": [...]}`` lets a page of LivePerson's own search
    response be ingested as it is.
    """
    if isinstance(body, list):
        return body
    if isinstance(body, dict) and set(body) <= {"conversationHistoryRecords", "_metadata"}:
        records = body.get("conversationHistoryRecords")
        if isinstance(records, list):
            return records
    raise ValidationError(
        ["must be a list of conversation records, or an object with conversationHistoryRecords"],
        field_name="body",
    )


def load_batch(body: Any, *, max_records: int, first_index: int = 0) -> list[dict[str, Any]]:
    """Validate every record of a batch; the error names each bad record by its index.

    :raises ValidationError: with messages ``{"records": {index: {...}}}``.
    """
    raw = records_of(body)
    if not raw:
        raise ValidationError(["must hold at least one record"], field_name="records")
    if len(raw) > max_records:
        raise ValidationError([f"must hold at most {max_records} records"], field_name="records")
    loaded: list[dict[str, Any]] = []
    errors: dict[int, Any] = {}
    for index, record in enumerate(raw, start=first_index):
        try:
            loaded.append(load_record(record))
        except ValidationError as error:
            errors[index] = error.messages
    if errors:
        raise ValidationError({"records": errors})
    return loaded
