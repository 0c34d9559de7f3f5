"""Loading one conversation record: canonical output, time pairs, numbers, nulls, enums, rules."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from marshmallow import ValidationError

from schemas.records import RECORD_SECTIONS, load_record
from schemas.records_fields import format_ts, parse_ts

pytestmark = pytest.mark.unit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "records"
UNKNOWN = ["Unknown field."]
REQUIRED = ["Missing data for required field."]

Path_ = tuple[str | int, ...]


def read_fixture(name: str) -> dict[str, Any]:
    with (FIXTURES / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@pytest.fixture
def full_record() -> dict[str, Any]:
    return read_fixture("full_record.json")


@pytest.fixture
def open_record() -> dict[str, Any]:
    return read_fixture("open_record.json")


def get_at(data: Any, path: Path_) -> Any:
    for step in path:
        data = data[step]
    return data


def set_at(data: Any, path: Path_, value: Any) -> None:
    get_at(data, path[:-1])[path[-1]] = value


def delete_at(data: Any, path: Path_) -> None:
    del get_at(data, path[:-1])[path[-1]]


def nest(path: Path_, leaf: Any) -> Any:
    """The marshmallow error dict for ``leaf`` at ``path``."""
    for step in reversed(path):
        leaf = {step: leaf}
    return leaf


def load_errors(data: Any) -> Any:
    with pytest.raises(ValidationError) as caught:
        load_record(data)
    return caught.value.messages


def with_value(record: dict[str, Any], path: Path_, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(record)
    set_at(changed, path, value)
    return changed


class TestCanonicalRecords:
    def test_full_record_round_trips_unchanged(self, full_record: dict[str, Any]) -> None:
        assert load_record(copy.deepcopy(full_record)) == full_record

    def test_full_record_carries_every_section(self, full_record: dict[str, Any]) -> None:
        assert set(full_record) == {"info", *RECORD_SECTIONS}

    def test_every_time_pair_comes_out_whole(self, full_record: dict[str, Any]) -> None:
        pairs = 0

        def walk(node: Any) -> None:
            nonlocal pairs
            if isinstance(node, list):
                for item in node:
                    walk(item)
            elif isinstance(node, dict):
                for key, value in node.items():
                    if key.endswith("L") and isinstance(value, int):
                        pairs += 1
                        assert node[key[:-1]] == format_ts(value), key
                    elif isinstance(value, str) and parse_ts(value) is not None:
                        assert node[key + "L"] == parse_ts(value), key
                    walk(value)

        walk(load_record(full_record))
        assert pairs > 40

    def test_open_record_keeps_undefined_end(self, open_record: dict[str, Any]) -> None:
        loaded = load_record(copy.deepcopy(open_record))
        assert loaded == open_record
        assert (loaded["info"]["endTime"], loaded["info"]["endTimeL"]) == ("undefined", -1)

    def test_loading_leaves_the_input_alone(self, full_record: dict[str, Any]) -> None:
        sent = with_value(full_record, ("info", "closeReason"), None)
        delete_at(sent, ("messageRecords", 0, "time"))
        before = copy.deepcopy(sent)
        load_record(sent)
        assert sent == before

    @pytest.mark.parametrize("data", [[], "record", 42, None])
    def test_a_record_must_be_an_object(self, data: Any) -> None:
        assert load_errors(data) == {"_schema": ["Invalid input type."]}

    def test_info_is_required(self, full_record: dict[str, Any]) -> None:
        del full_record["info"]
        assert load_errors(full_record) == {"info": REQUIRED}


PAIRS: list[Path_] = [
    ("info", "startTime"),
    ("info", "endTime"),
    ("info", "conversationEndTime"),
    ("info", "fullDialogEndTime"),
    ("messageRecords", 3, "time"),
    ("messageStatuses", 0, "time"),
    ("agentParticipants", 1, "time"),
    ("agentParticipantsActive", 0, "time"),
    ("agentParticipantsLeave", 0, "time"),
    ("consumerParticipants", 0, "time"),
    ("consumerParticipants", 0, "joinTime"),
    ("transfers", 0, "time"),
    ("interactions", 1, "interactionTime"),
    ("messageScores", 2, "time"),
    ("skillChanges", 1, "time"),
    ("coBrowseSessions", "coBrowseSessionsList", 0, "startTime"),
    ("coBrowseSessions", "coBrowseSessionsList", 0, "interactiveTime"),
    ("dialogs", 1, "endTime"),
]


def long_half(path: Path_) -> Path_:
    return (*path[:-1], f"{path[-1]}L")


class TestTimePairs:
    @pytest.mark.parametrize("path", PAIRS)
    def test_ms_alone_gets_its_string(self, full_record: dict[str, Any], path: Path_) -> None:
        sent = copy.deepcopy(full_record)
        delete_at(sent, path)
        assert load_record(sent) == full_record

    @pytest.mark.parametrize("path", PAIRS)
    def test_string_alone_gets_its_ms(self, full_record: dict[str, Any], path: Path_) -> None:
        sent = copy.deepcopy(full_record)
        delete_at(sent, long_half(path))
        assert load_record(sent) == full_record

    @pytest.mark.parametrize("path", PAIRS)
    def test_disagreeing_halves_fail_on_the_string(
        self, full_record: dict[str, Any], path: Path_
    ) -> None:
        ms = get_at(full_record, long_half(path)) + 1
        errors = load_errors(with_value(full_record, long_half(path), ms))
        assert get_at(errors, path) == [f"Does not match {path[-1]}L {ms} ({format_ts(ms)})."]

    def test_completed_pair_sits_in_declaration_order(self, full_record: dict[str, Any]) -> None:
        del full_record["info"]["startTime"]
        keys = list(load_record(full_record)["info"])
        assert keys.index("startTimeL") == keys.index("startTime") + 1

    @pytest.mark.parametrize(
        ("ms", "text"),
        [
            (0, "1970-01-01 00:00:00.000+0000"),
            (1472481024565, "2016-08-29 14:30:24.565+0000"),
            (1717405964120, "2024-06-03 09:12:44.120+0000"),
            (1717406000000, "2024-06-03 09:13:20.000+0000"),
            (1709251199999, "2024-02-29 23:59:59.999+0000"),
        ],
    )
    def test_string_half_has_the_exact_format(self, ms: int, text: str) -> None:
        record = {"info": {"conversationId": "c", "brandId": "1", "status": "OPEN"}}
        record["info"]["startTimeL"] = ms  # type: ignore[assignment]
        assert load_record(record)["info"]["startTime"] == text

    def test_ms_may_arrive_as_a_numeric_string(self, full_record: dict[str, Any]) -> None:
        sent = with_value(full_record, ("info", "startTimeL"), "1717405964120")
        assert load_record(sent) == full_record

    def test_other_utc_offsets_are_normalized(self, full_record: dict[str, Any]) -> None:
        sent = with_value(full_record, ("info", "startTime"), "2024-06-03 11:12:44.120+0200")
        assert load_record(sent) == full_record

    @pytest.mark.parametrize(
        "text",
        [
            "2024-06-03T09:12:44.120Z",
            "2024-06-03 09:12:44+0000",
            "2024-06-03 09:12:44.120",
            "2024-13-03 09:12:44.120+0000",
            "2024-02-30 09:12:44.120+0000",
            "2024-06-03 09:12:44.120+2400",
            "undefined",
            "",
            1717405964120,
        ],
    )
    def test_malformed_time_strings_fail(self, full_record: dict[str, Any], text: Any) -> None:
        path: Path_ = ("messageRecords", 0, "time")
        errors = load_errors(with_value(full_record, path, text))
        assert get_at(errors, path) == [
            "Not a valid time: expected 'yyyy-MM-dd HH:mm:ss.SSS+0000'."
        ]

    @pytest.mark.parametrize("ms", [-1, -5, 253_402_300_800_000, "soon", True])
    def test_bad_ms_fail(self, full_record: dict[str, Any], ms: Any) -> None:
        path: Path_ = ("messageRecords", 0, "timeL")
        assert get_at(load_errors(with_value(full_record, path, ms)), path)

    @pytest.mark.parametrize(
        "sent",
        [{"endTime": "undefined"}, {"endTimeL": -1}, {"endTime": "undefined", "endTimeL": -1}],
    )
    def test_open_end_accepts_either_half(
        self, open_record: dict[str, Any], sent: dict[str, Any]
    ) -> None:
        del open_record["info"]["endTime"], open_record["info"]["endTimeL"]
        open_record["info"].update(sent)
        info = load_record(open_record)["info"]
        assert (info["endTime"], info["endTimeL"]) == ("undefined", -1)

    def test_undefined_end_needs_minus_one(self, open_record: dict[str, Any]) -> None:
        open_record["info"]["endTimeL"] = 1717632800000
        assert load_errors(open_record) == {
            "info": {"endTime": ["'undefined' requires endTimeL -1, not 1717632800000."]}
        }

    @pytest.mark.parametrize("path", [("info", "conversationEndTimeL"), ("dialogs", 0, "endTimeL")])
    def test_only_info_end_may_be_undefined(self, full_record: dict[str, Any], path: Path_) -> None:
        assert get_at(load_errors(with_value(full_record, path, -1)), path)


class TestNumbers:
    @pytest.mark.parametrize(
        ("path", "sent", "expected"),
        [
            (("info", "duration"), "1098750", 1098750),
            (("info", "latestSkillId"), "1202", 1202),
            (("info", "latestAgentGroupId"), "-1", -1),
            (("info", "csatRate"), "2", 2),
            (("info", "alertedMCS"), "-1", -1),
            (("info", "mcs"), 34.0, 34),
            (("campaign", "lobId"), "2389848512", 2389848512),
            (("messageRecords", 2, "seq"), "2", 2),
            (("messageScores", 0, "messageRawScore"), "-1", -1),
            (("responseTime", "configuredResponseTime"), "300000", 300000),
            (("summary", "lastUpdatedTime"), "1717406990120", 1717406990120),
            (("latestAgentSurvey", "acSurveyRevision"), "4", 4),
            (("sdes", "events", 0, "customerInfo", "customerInfo", "balance"), "-400.99", -400.99),
            (("sdes", "events", 0, "customerInfo", "customerInfo", "companySize"), "1", 1),
            (("unAuthSdes", "events", 0, "cartStatus", "numItems"), "6", 6),
            (("intents", 0, "selectedClassification", "confidenceScore"), "0.932", 0.932),
        ],
    )
    def test_numeric_strings_become_numbers(
        self, full_record: dict[str, Any], path: Path_, sent: Any, expected: Any
    ) -> None:
        loaded = get_at(load_record(with_value(full_record, path, sent)), path)
        assert loaded == expected
        assert type(loaded) is type(expected)

    @pytest.mark.parametrize(
        ("path", "sent"),
        [
            (("info", "latestAgentId"), 3677470410),
            (("info", "brandId"), 90412345),
            (("agentParticipants", 0, "agentId"), 3677470001),
            (("transfers", 0, "by"), 3677470001),
            (("campaign", "campaignId"), 2266771712),
            (("messageRecords", 4, "participantId"), 3677470410),
            (("sdes", "events", 0, "customerInfo", "customerInfo", "storeZipCode"), 11201),
        ],
    )
    def test_numeric_ids_become_strings(
        self, full_record: dict[str, Any], path: Path_, sent: int
    ) -> None:
        assert get_at(load_record(with_value(full_record, path, sent)), path) == str(sent)

    @pytest.mark.parametrize(
        ("path", "sent"),
        [
            (("info", "duration"), -5),
            (("info", "duration"), 1.5),
            (("info", "duration"), True),
            (("info", "duration"), "12 s"),
            (("info", "latestSkillId"), 2**63),
            (("info", "mcs"), 101),
            (("info", "csatRate"), 0),
            (("info", "csat"), 6),
            (("messageRecords", 0, "seq"), 2**31),
            (("messageRecords", 0, "seq"), -1),
            (("messageScores", 0, "mcs"), -1),
            (("sdes", "events", 0, "customerInfo", "customerInfo", "balance"), "lots"),
            (("sdes", "events", 0, "customerInfo", "customerInfo", "balance"), False),
            (("sdes", "events", 0, "customerInfo", "customerInfo", "balance"), "nan"),
            (("sdes", "events", 0, "customerInfo", "customerInfo", "balance"), " 12"),
            (("sdes", "events", 0, "customerInfo", "customerInfo", "balance"), "1_000"),
            (("sdes", "events", 0, "customerInfo", "customerInfo", "lastPaymentDate", "month"), 13),
            (("info", "latestAgentId"), True),
            (("info", "latestAgentId"), 3.5),
        ],
    )
    def test_out_of_type_or_range_fails(
        self, full_record: dict[str, Any], path: Path_, sent: Any
    ) -> None:
        assert get_at(load_errors(with_value(full_record, path, sent)), path)

    @pytest.mark.parametrize(("sent", "expected"), [("true", True), ("FALSE", False)])
    def test_boolean_strings_become_booleans(
        self, full_record: dict[str, Any], sent: str, expected: bool
    ) -> None:
        loaded = load_record(with_value(full_record, ("info", "isPartial"), sent))
        assert loaded["info"]["isPartial"] is expected

    @pytest.mark.parametrize("sent", ["yes", 1, 0, "1"])
    def test_fuzzy_booleans_fail(self, full_record: dict[str, Any], sent: Any) -> None:
        errors = load_errors(with_value(full_record, ("info", "isPartial"), sent))
        assert errors == {"info": {"isPartial": ["Not a valid boolean."]}}


class TestNulls:
    @pytest.mark.parametrize(
        "path",
        [
            ("campaign",),
            ("info", "closeReason"),
            ("info", "deviceModel"),
            ("messageRecords", 3, "contextData"),
            ("messageRecords", 1, "contextData", "structuredMetadata", 0, "botResponse", "intents"),
            ("agentParticipants", 2, "contextData", "rawMetadata"),
            ("coBrowseSessions", "coBrowseSessionsList", 0, "capabilities"),
            ("sdes", "events", 0, "customerInfo", "customerInfo", "balance"),
            ("sdes", "events", 2, "purchase", "cart", "serverTimeStamp"),
            ("unAuthSdes", "events", 0, "isAuthenticated"),
            ("latestAgentSurvey", "submittedAnswers", 0, "answers", 0, "answerId"),
        ],
    )
    def test_null_counts_as_absent(self, full_record: dict[str, Any], path: Path_) -> None:
        expected = copy.deepcopy(full_record)
        delete_at(expected, path)
        assert load_record(with_value(full_record, path, None)) == expected

    def test_null_required_field_is_missing(self, full_record: dict[str, Any]) -> None:
        errors = load_errors(with_value(full_record, ("info", "conversationId"), None))
        assert errors == {"info": {"conversationId": REQUIRED}}

    def test_null_inside_a_list_fails(self, full_record: dict[str, Any]) -> None:
        errors = load_errors(with_value(full_record, ("info", "features", 1), None))
        assert errors == {"info": {"features": {1: ["Field may not be null."]}}}


class TestUnknownKeys:
    @pytest.mark.parametrize(
        "path",
        [
            ("messageScore",),
            ("consumerParticipant",),
            ("info", "csatScore"),
            ("campaign", "LocationId"),
            ("messageRecords", 2, "text"),
            ("messageRecords", 1, "messageData", "message"),
            ("messageRecords", 1, "contextData", "structuredMetadata", 1, "actionReason", "id"),
            ("coBrowseSessions", "sessions"),
            ("sdes", "events", 1, "isAuthenticated"),
            ("sdes", "events", 0, "customerInfo", "customerInfo", "vipLevel"),
            ("unAuthSdes", "events", 1, "viewedProduct", "products", 0, "product", "color"),
            ("previouslySubmittedAgentSurveys", 0, "submittedAnswers", 0, "answers", 0, "score"),
        ],
    )
    def test_unknown_key_is_named_at_its_path(
        self, full_record: dict[str, Any], path: Path_
    ) -> None:
        assert load_errors(with_value(full_record, path, "x")) == nest(path, UNKNOWN)


class TestEnums:
    @pytest.mark.parametrize(
        ("path", "bad"),
        [
            (("info", "status"), "CLOSED"),
            (("info", "latestQueueState"), "QUEUED"),
            (("info", "alertedMCS"), 2),
            (("info", "device"), "PHONE"),
            (("monitoring", "device"), "LAPTOP"),
            (("messageRecords", 0, "type"), "text"),
            (("messageRecords", 0, "audience"), "AGENTS"),
            (("messageRecords", 0, "device"), "mobile"),
            (("messageRecords", 5, "messageData", "file", "fileType"), "JPEG"),
            (("messageRecords", 6, "messageData", "link", "fileType"), "DOC"),
            (
                (
                    "messageRecords",
                    1,
                    "contextData",
                    "structuredMetadata",
                    0,
                    "botResponse",
                    "intents",
                    0,
                    "confidence",
                ),
                "VERY_HIGH",
            ),
            (("agentParticipants", 0, "userTypeName"), "Robot"),
            (("agentParticipants", 0, "userType"), "3"),
            (("agentParticipants", 0, "userType"), 3),
            (("dialogs", 0, "dialogType"), "SURVEY"),
            (("transfers", 0, "reason"), "Timeout"),
            (("latestAgentSurvey", "surveyStatus"), "PENDING"),
            (("previouslySubmittedAgentSurveys", 0, "surveyStatus"), "closed"),
            (("sdes", "events", 0, "sdeType"), "CUSTOMER"),
        ],
    )
    def test_closed_enum_rejects_other_values(
        self, full_record: dict[str, Any], path: Path_, bad: Any
    ) -> None:
        [message] = get_at(load_errors(with_value(full_record, path, bad)), path)
        assert message.startswith("Must be one of:")

    @pytest.mark.parametrize(
        "path",
        [
            ("info", "closeReason"),
            ("info", "closeReasonDescription"),
            ("agentParticipants", 0, "role"),
            ("agentParticipants", 0, "permission"),
            ("conversationSurveys", 0, "surveyStatus"),
            ("dialogs", 0, "closeReason"),
        ],
    )
    def test_open_code_takes_any_short_string(
        self, full_record: dict[str, Any], path: Path_
    ) -> None:
        assert get_at(load_record(with_value(full_record, path, "TIMEOUT")), path) == "TIMEOUT"
        assert get_at(load_errors(with_value(full_record, path, "")), path)
        assert get_at(load_errors(with_value(full_record, path, "X" * 101)), path)


class TestInfoRules:
    @pytest.mark.parametrize("field", ["conversationId", "brandId", "status"])
    def test_identity_and_status_are_required(
        self, full_record: dict[str, Any], field: str
    ) -> None:
        del full_record["info"][field]
        assert load_errors(full_record) == {"info": {field: REQUIRED}}

    def test_start_is_required(self, full_record: dict[str, Any]) -> None:
        del full_record["info"]["startTime"], full_record["info"]["startTimeL"]
        errors = load_errors(full_record)
        assert errors == {
            "info": {"startTimeL": ["Missing data for required field (startTime or startTimeL)."]}
        }

    @pytest.mark.parametrize("conversation_id", ["", "x" * 101, ["c"]])
    def test_conversation_id_is_a_short_string(
        self, full_record: dict[str, Any], conversation_id: Any
    ) -> None:
        full_record["info"]["conversationId"] = conversation_id
        assert load_errors(full_record)["info"]["conversationId"]

    @pytest.mark.parametrize("brand_id", ["qa26409991", "", "9041 2345", "-90412345"])
    def test_brand_id_is_an_account_number(
        self, full_record: dict[str, Any], brand_id: str
    ) -> None:
        full_record["info"]["brandId"] = brand_id
        assert load_errors(full_record)["info"]["brandId"]

    def test_close_cannot_end_before_it_starts(self, full_record: dict[str, Any]) -> None:
        full_record["info"]["endTimeL"] = full_record["info"]["startTimeL"] - 1
        del full_record["info"]["endTime"]
        assert load_errors(full_record) == {
            "info": {"endTimeL": ["Must not be before startTimeL (1717405964120)."]}
        }

    @pytest.mark.parametrize("end", [{}, {"endTime": "undefined", "endTimeL": -1}])
    def test_close_needs_an_end(self, full_record: dict[str, Any], end: dict[str, Any]) -> None:
        del full_record["info"]["endTime"], full_record["info"]["endTimeL"]
        full_record["info"].update(end)
        assert load_errors(full_record) == {
            "info": {"endTimeL": ["A CLOSE conversation needs its end time."]}
        }

    def test_open_record_without_sections_loads(self, open_record: dict[str, Any]) -> None:
        info_only = {"info": open_record["info"]}
        assert load_record(copy.deepcopy(info_only)) == info_only


class TestContent:
    @pytest.mark.parametrize(
        "path",
        [
            ("messageRecords", 10, "messageData", "richContent", "content"),
            ("messageRecords", 1, "messageData", "quickReplies", "content"),
            ("messageRecords", 1, "contextData", "rawMetadata"),
            ("transfers", 0, "contextData", "rawMetadata"),
        ],
    )
    def test_embedded_json_must_parse(self, full_record: dict[str, Any], path: Path_) -> None:
        errors = load_errors(with_value(full_record, path, '{"type": "vertical", '))
        assert errors == nest(path, ["Not a valid JSON document."])

    @pytest.mark.parametrize(
        "item", [{}, {"botResponse": {}, "actionReason": {"reason": "escalated"}}]
    )
    def test_structured_metadata_item_holds_exactly_one_kind(
        self, full_record: dict[str, Any], item: dict[str, Any]
    ) -> None:
        path: Path_ = ("messageRecords", 1, "contextData", "structuredMetadata", 1)
        errors = load_errors(with_value(full_record, path, item))
        assert errors == nest(
            (*path, "_schema"), ["Expected exactly one of botResponse, actionReason."]
        )

    @pytest.mark.parametrize(
        ("path", "limit"),
        [(("summary", "text"), 50_000), (("info", "latestAgentFullName"), 255)],
    )
    def test_text_lengths_are_capped(
        self, full_record: dict[str, Any], path: Path_, limit: int
    ) -> None:
        assert load_record(with_value(full_record, path, "x" * limit))
        errors = load_errors(with_value(full_record, path, "x" * (limit + 1)))
        assert errors == nest(path, [f"Longer than {limit} characters."])

    def test_campaign_names_follow_their_documented_limit(
        self, full_record: dict[str, Any]
    ) -> None:
        errors = load_errors(with_value(full_record, ("campaign", "campaignName"), "c" * 51))
        assert errors == {"campaign": {"campaignName": ["Longer than 50 characters."]}}


class TestSdes:
    def test_event_with_two_payloads_fails(self, full_record: dict[str, Any]) -> None:
        events = full_record["sdes"]["events"]
        events[0]["lead"] = events[4]["lead"]
        errors = load_errors(full_record)
        assert list(errors["sdes"]["events"][0]) == ["_schema"]

    def test_event_without_payload_fails(self, full_record: dict[str, Any]) -> None:
        del full_record["sdes"]["events"][0]["customerInfo"]
        assert list(load_errors(full_record)["sdes"]["events"][0]) == ["_schema"]

    def test_sde_type_must_match_the_payload(self, full_record: dict[str, Any]) -> None:
        full_record["sdes"]["events"][0]["sdeType"] = "PERSONAL_INFO"
        assert load_errors(full_record) == {
            "sdes": {
                "events": {0: {"sdeType": ["Must be CUSTOMER_INFO for a customerInfo event."]}}
            }
        }

    def test_sde_type_is_required(self, full_record: dict[str, Any]) -> None:
        del full_record["unAuthSdes"]["events"][2]["sdeType"]
        assert load_errors(full_record) == {"unAuthSdes": {"events": {2: {"sdeType": REQUIRED}}}}

    def test_numeric_timestamps_become_strings(self, full_record: dict[str, Any]) -> None:
        expected = copy.deepcopy(full_record)
        event = full_record["sdes"]["events"][3]
        event["serverTimeStamp"] = int(event["serverTimeStamp"])
        payload = event["marketingCampaignInfo"]
        payload["originalTimeStamp"] = int(payload["originalTimeStamp"])
        assert load_record(full_record) == expected

    @pytest.mark.parametrize("stamp", ["yesterday", "-1", 1.5])
    def test_timestamps_are_epoch_ms(self, full_record: dict[str, Any], stamp: Any) -> None:
        full_record["sdes"]["events"][3]["serverTimeStamp"] = stamp
        errors = load_errors(full_record)
        assert errors == {
            "sdes": {
                "events": {
                    3: {"serverTimeStamp": ["Not a valid timestamp: expected epoch milliseconds."]}
                }
            }
        }

    def test_sdes_may_be_sent_in_v1_form(self, full_record: dict[str, Any]) -> None:
        expected = copy.deepcopy(full_record)
        customer = full_record["sdes"]["events"][0]["customerInfo"]["customerInfo"]
        customer["balance"] = "-400.99"
        customer["lastPaymentDate"] = {"year": "2024", "month": "5", "day": "28"}
        customer["loginStatus"] = "1"
        lead = full_record["sdes"]["events"][4]["lead"]["lead"]
        lead["value"] = "22.5"
        error = full_record["unAuthSdes"]["events"][3]["visitorError"]["visitorError"]
        error["resolved"] = "true"
        error["level"] = "2"
        assert load_record(full_record) == expected
