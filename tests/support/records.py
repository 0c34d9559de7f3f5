"""Small hand-built conversation records for tests that need exact, readable data."""

from __future__ import annotations

import uuid
from typing import Any

START_MS = 1_717_405_964_120  # 2024-06-03 09:12:44.120 UTC


def minimal_record(
    account_id: str = "70000001",
    conversation_id: str | None = None,
    *,
    start_ms: int = START_MS,
    status: str = "CLOSE",
    text: str = "Where is my refund?",
    **info: Any,
) -> dict[str, Any]:
    """Return a valid closed conversation with one consumer message; info keys may override."""
    cid = conversation_id or str(uuid.uuid4())
    end_ms = start_ms + 60_000
    record_info: dict[str, Any] = {
        "conversationId": cid,
        "brandId": account_id,
        "status": status,
        "startTimeL": start_ms,
        "duration": 60_000,
        "latestSkillId": 1201,
    }
    if status == "CLOSE":
        record_info.update(endTimeL=end_ms, closeReason="CONSUMER")
    else:
        record_info.update(endTime="undefined", endTimeL=-1)
    record_info.update(info)
    return {
        "info": record_info,
        "messageRecords": [
            {
                "type": "TEXT_PLAIN",
                "messageData": {"msg": {"text": text}},
                "messageId": f"ms::conv:{cid}::msg:0",
                "seq": 0,
                "dialogId": cid,
                "participantId": "consumer-1",
                "timeL": start_ms + 1000,
                "sentBy": "Consumer",
                "audience": "ALL",
            }
        ],
    }
