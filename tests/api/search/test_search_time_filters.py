"""Time filters of the conversations search (E1): start, end, fullDialogEndTime, latestUpdateTime.

docs/decisions.md: ``from`` is rounded down and ``to`` up to a 10-minute boundary (a value on a
boundary stays), both ends inclusive; ``to`` absent or -1 means now; numbers or numeric strings;
open conversations never match ``end`` or ``fullDialogEndTime``; ``latestUpdateTime.from`` is
rounded down and compared with the latest time anywhere in the record.
"""

from __future__ import annotations

import pytest

from tests.api.search.search_helpers import WIDE, expect
from tests.support.search_records import MINUTE_MS, at, conversation, message

pytestmark = pytest.mark.api

B = at(60)  # a 10-minute boundary
# name -> a time around the window [B, B + 60 min] that the rounding makes of (B+5, B+55).
TIMES = {
    "just_before_floor": B - 1,
    "on_floor": B,
    "before_from": B + 2 * MINUTE_MS,
    "inside": B + 30 * MINUTE_MS,
    "after_to": B + 58 * MINUTE_MS,
    "on_ceiling": B + 60 * MINUTE_MS,
    "just_after_ceiling": B + 60 * MINUTE_MS + 1,
}
ROUNDED_WINDOW = ("on_floor", "before_from", "inside", "after_to", "on_ceiling")
RANGE_CASES = [
    pytest.param(B + 5 * MINUTE_MS, B + 55 * MINUTE_MS, ROUNDED_WINDOW, id="rounded-outwards"),
    pytest.param(B, B + 60 * MINUTE_MS, ROUNDED_WINDOW, id="on-boundaries-stay"),
    pytest.param(B + 1, B + 60 * MINUTE_MS - 1, ROUNDED_WINDOW, id="one-ms-inside-boundaries"),
    pytest.param(B + 10 * MINUTE_MS, B + 50 * MINUTE_MS, ("inside",), id="narrow-boundaries"),
    pytest.param(B - 1, B + 60 * MINUTE_MS + 1, tuple(TIMES), id="one-ms-outside-boundaries"),
    pytest.param(
        str(B + 5 * MINUTE_MS), str(B + 55 * MINUTE_MS), ROUNDED_WINDOW, id="numeric-strings"
    ),
]


@pytest.mark.parametrize(("from_", "to", "expected"), RANGE_CASES)
def test_start_range_is_rounded_to_ten_minutes_and_inclusive(api, from_, to, expected):
    api.ingest([conversation(name, start) for name, start in TIMES.items()])
    found = api.ids({"start": {"from": from_, "to": to}})
    expect(found, *expected)


@pytest.mark.parametrize("to", [None, -1, "-1"], ids=["absent", "minus-one", "minus-one-string"])
def test_start_without_to_runs_until_now(api, to):
    api.ingest([conversation(name, start) for name, start in TIMES.items()])
    start = {"from": B} if to is None else {"from": B, "to": to}
    expect(api.ids({"start": start}), *(n for n in TIMES if n != "just_before_floor"))


def test_start_is_required_range_and_other_starts_do_not_match(api):
    # A conversation ending inside the start range but starting before it does not match.
    api.ingest(
        [
            conversation("started_before", B - 20 * MINUTE_MS, end_ms=B + 30 * MINUTE_MS),
            conversation("started_inside", B + 30 * MINUTE_MS),
        ]
    )
    found = api.ids({"start": {"from": B, "to": B + 60 * MINUTE_MS}})
    expect(found, "started_inside")


@pytest.mark.parametrize(("from_", "to", "expected"), RANGE_CASES)
def test_end_range_is_rounded_and_never_matches_open_conversations(api, from_, to, expected):
    start = B - 120 * MINUTE_MS
    records = [conversation(name, start, end_ms=end) for name, end in TIMES.items()]
    records.append(conversation("open", B + 30 * MINUTE_MS, status="OPEN"))
    api.ingest(records)
    found = api.ids({"start": WIDE, "end": {"from": from_, "to": to}})
    expect(found, *expected)


def test_end_until_now_still_skips_open_conversations(api):
    api.ingest(
        [
            conversation("closed", B, end_ms=B + MINUTE_MS),
            conversation("open_old", B - 60 * MINUTE_MS, status="OPEN"),
            conversation("open_new", B + 60 * MINUTE_MS, status="OPEN"),
        ]
    )
    expect(api.ids({"end": {"from": B - 120 * MINUTE_MS}}), "closed")
    expect(api.ids({"end": {"from": B - 120 * MINUTE_MS, "to": -1}}), "closed")


@pytest.mark.parametrize(("from_", "to", "expected"), RANGE_CASES)
def test_full_dialog_end_time_range_is_rounded_and_inclusive(api, from_, to, expected):
    start = B - 120 * MINUTE_MS
    records = [
        conversation(
            name,
            start,
            end_ms=start + MINUTE_MS,
            info={"fullDialogEndTimeL": end, "fullDialogStatus": "CLOSE"},
        )
        for name, end in TIMES.items()
    ]
    # An open conversation: no end, hence no full dialog end either.
    records.append(conversation("open", B + 30 * MINUTE_MS, status="OPEN"))
    api.ingest(records)
    found = api.ids({"fullDialogEndTime": {"from": from_, "to": to}})
    expect(found, *expected)


def test_full_dialog_end_time_is_not_the_end_time(api):
    # Ended inside the range, but the survey closed the dialog an hour later (outside).
    api.ingest(
        [
            conversation(
                "survey_late",
                B,
                end_ms=B + 5 * MINUTE_MS,
                info={"fullDialogEndTimeL": B + 65 * MINUTE_MS},
            ),
            conversation(
                "survey_inside",
                B,
                end_ms=B + 5 * MINUTE_MS,
                info={"fullDialogEndTimeL": B + 15 * MINUTE_MS},
            ),
        ]
    )
    window = {"from": B, "to": B + 20 * MINUTE_MS}
    expect(api.ids({"fullDialogEndTime": window}), "survey_inside")
    expect(api.ids({"end": window}), "survey_late", "survey_inside")


def _updated_at(name: str, latest_ms: int) -> dict:
    """A conversation started 30 minutes before B whose latest time is ``latest_ms``."""
    start = B - 30 * MINUTE_MS
    if name.startswith("open"):
        record = conversation(name, start, status="OPEN", texts=())
        record["messageRecords"] = [message(name, 0, "still there?", time_ms=latest_ms)]
        return record
    record = conversation(name, start, end_ms=start + MINUTE_MS)
    record["messageStatuses"] = [
        {
            "messageId": f"ms::conv:{name}::msg:0",
            "seq": 0,
            "timeL": latest_ms,
            "messageDeliveryStatus": "READ",
            "participantId": "agent-1",
            "participantType": "Agent",
        }
    ]
    return record


@pytest.mark.parametrize(
    ("from_", "expected"),
    [
        pytest.param(B + 7 * MINUTE_MS, ("on_floor", "status_late", "open_new"), id="rounded-down"),
        pytest.param(B, ("on_floor", "status_late", "open_new"), id="on-boundary"),
        pytest.param(B + 10 * MINUTE_MS, ("open_new",), id="next-boundary"),
        pytest.param(str(B - 1), ("on_floor", "status_late", "open_new", "before"), id="string"),
    ],
)
def test_latest_update_time_is_the_latest_time_anywhere_rounded_down(api, from_, expected):
    api.ingest(
        [
            _updated_at("before", B - 1),
            _updated_at("on_floor", B),
            _updated_at("status_late", B + 3 * MINUTE_MS),  # a read receipt after the end
            _updated_at("open_new", B + 12 * MINUTE_MS),
            _updated_at("open_old", B - 25 * MINUTE_MS),
        ]
    )
    expect(api.ids({"latestUpdateTime": {"from": from_}}), *expected)
