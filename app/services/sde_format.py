"""The v=1 rendering of engagement attributes (SDEs).

Records are stored with typed SDE values (the v=2 form). LivePerson's v=1 responses carry every
payload value as a string instead, so a v=1 response derives that form from the stored one here.
"""

from __future__ import annotations

from typing import Any

# Keys of a payload wrapper that describe the payload rather than hold its values: kept as they
# are (the timestamps are already strings).
_PAYLOAD_META_KEYS = frozenset({"serverTimeStamp", "originalTimeStamp", "isAuthenticated"})


def _as_text(value: Any) -> Any:
    """Turn leaf values into strings the way LivePerson's Java side prints them."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        return {key: _as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_text(item) for item in value]
    return value


def _payload_as_v1(payload: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value if key in _PAYLOAD_META_KEYS else _as_text(value)
        for key, value in payload.items()
    }


def sdes_as_v1(section: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of an ``sdes`` / ``unAuthSdes`` section with every payload value a string.

    Nested objects and lists keep their shape; only their leaves change. The event's own keys
    (``sdeType``, ``serverTimeStamp``, ``isAuthenticated``) and each payload's timestamps are
    copied unchanged. The input is not modified.
    """
    converted: dict[str, Any] = {key: value for key, value in section.items() if key != "events"}
    if "events" in section:
        converted["events"] = [
            {
                key: _payload_as_v1(value) if isinstance(value, dict) else value
                for key, value in event.items()
            }
            for event in section["events"]
        ]
    return converted
