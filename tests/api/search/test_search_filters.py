"""Non-text filters of the conversations search (E1), each with records that match and records
that must not: status, skills, agents and permissions, groups, enums, score ranges, flags, and
combinations (AND between filters). The rules are docs/decisions.md, "Body filters".
"""

from __future__ import annotations

import pytest

from tests.api.search.search_helpers import expect
from tests.support.search_records import (
    BASE_MS,
    DAY_MS,
    MINUTE_MS,
    agent,
    at,
    conversation,
    dialog,
    message,
    skill_change,
    transfer,
)

pytestmark = pytest.mark.api


def test_status_filters_by_latest_status(api):
    api.ingest(
        [
            conversation("closed", at(0)),
            conversation("open", at(1), status="OPEN"),
        ]
    )
    expect(api.ids({"status": ["OPEN"]}), "open")
    expect(api.ids({"status": ["CLOSE"]}), "closed")
    expect(api.ids({"status": ["OPEN", "CLOSE"]}), "open", "closed")


def _skill_records():
    return [
        conversation("latest_1", at(0), info={"latestSkillId": 1}),
        conversation(
            "transferred_2_to_3", at(1), info={"latestSkillId": 3}, transfers=[transfer(2, 3)]
        ),
        conversation("dialog_4", at(2), info={"latestSkillId": 9}, dialogs=[dialog("d4", 4)]),
        conversation(
            "changed_5_to_6", at(3), info={"latestSkillId": 9}, skillChanges=[skill_change(5, 6)]
        ),
        conversation("latest_7", at(4), info={"latestSkillId": 7}),
        conversation("no_skill", at(5)),
    ]


@pytest.mark.parametrize(
    ("skills", "expected"),
    [
        ([1], ("latest_1",)),
        ([2], ("transferred_2_to_3",)),  # transfer source
        ([3], ("transferred_2_to_3",)),  # transfer target (and latest)
        ([4], ("dialog_4",)),  # a dialog's skill
        ([5], ("changed_5_to_6",)),  # skill change source
        ([6], ("changed_5_to_6",)),  # skill change target
        ([9], ("dialog_4", "changed_5_to_6")),
        (["2", "7"], ("transferred_2_to_3", "latest_7")),  # strings, any of the list
        ([8], ()),
    ],
)
def test_skill_ids_match_any_skill_in_the_flow(api, skills, expected):
    api.ingest(_skill_records())
    expect(api.ids({"skillIds": skills}), *expected)


@pytest.mark.parametrize(
    ("skills", "expected"),
    [
        ([1], ("latest_1",)),
        ([2], ()),  # only a transfer source
        ([3], ("transferred_2_to_3",)),
        ([4], ()),  # only a dialog skill
        ([5], ()),
        ([6], ()),
        (["9"], ("dialog_4", "changed_5_to_6")),
        ([1, 7], ("latest_1", "latest_7")),
    ],
)
def test_latest_skill_ids_match_only_the_latest_skill(api, skills, expected):
    api.ingest(_skill_records())
    expect(api.ids({"latestSkillIds": skills}), *expected)


def _agent_records():
    return [
        conversation(
            "a1_assigned",
            at(0),
            info={"latestAgentId": "a9"},
            agentParticipants=[agent("a1", group=10)],
        ),
        conversation(
            "a1_reader_a2_assigned",
            at(1),
            info={"latestAgentId": "a2", "latestAgentGroupId": 11},
            agentParticipants=[agent("a1", permission="READER"), agent("a2")],
        ),
        conversation(
            "a3_manager",
            at(2),
            agentParticipants=[agent("a3", permission="AGENT_MANAGER")],
        ),
        conversation(
            "a5_manger",
            at(3),
            agentParticipants=[agent("a5", permission="AGENT_MANGER")],
        ),
        conversation(
            "a4_agent_left",
            at(4),
            agentParticipantsLeave=[agent("a4", permission="AGENT")],
        ),
        conversation(
            "numeric_assigned",
            at(5),
            info={"latestAgentId": "123456"},
            agentParticipantsActive=[agent("123456")],
        ),
        conversation("nobody", at(6)),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param({"agentIds": ["a1"]}, ("a1_assigned",), id="default-assigned-only"),
        pytest.param({"agentIds": ["a2"]}, ("a1_reader_a2_assigned",), id="assigned"),
        pytest.param(
            {"agentIds": ["a1"], "userPermissions": ["READER"]},
            ("a1_reader_a2_assigned",),
            id="reader",
        ),
        pytest.param(
            {"agentIds": ["a1"], "userPermissions": ["READER", "ASSIGNED_AGENT"]},
            ("a1_assigned", "a1_reader_a2_assigned"),
            id="reader-or-assigned",
        ),
        pytest.param({"agentIds": ["a3"]}, (), id="manager-not-assigned"),
        pytest.param(
            {"agentIds": ["a3", "a5"], "userPermissions": ["AGENT_MANGER"]},
            ("a3_manager", "a5_manger"),
            id="manger-spelling",
        ),
        pytest.param(
            {"agentIds": ["a3", "a5"], "userPermissions": ["AGENT_MANAGER"]},
            ("a3_manager", "a5_manger"),
            id="manager-spelling",
        ),
        pytest.param(
            {"agentIds": ["a4"], "userPermissions": ["AGENT"]}, ("a4_agent_left",), id="agent"
        ),
        pytest.param({"agentIds": ["a4"]}, (), id="agent-not-assigned"),
        pytest.param(
            {"userPermissions": ["READER"]}, ("a1_reader_a2_assigned",), id="permission-alone"
        ),
        pytest.param(
            {"userPermissions": ["AGENT_MANGER", "AGENT"]},
            ("a3_manager", "a5_manger", "a4_agent_left"),
            id="permissions-alone",
        ),
        pytest.param({"agentIds": [123456]}, ("numeric_assigned",), id="numeric-id"),
        pytest.param({"agentIds": ["a1"], "userPermissions": ["AGENT"]}, (), id="wrong-role"),
        pytest.param({"agentIds": ["zz"]}, (), id="unknown-agent"),
    ],
)
def test_agent_ids_with_user_permissions(api, body, expected):
    api.ingest(_agent_records())
    expect(api.ids(body), *expected)


@pytest.mark.parametrize(
    ("agents", "expected"),
    [
        (["a2"], ("a1_reader_a2_assigned",)),
        (["a1"], ()),  # took part, but is not the latest agent anywhere
        (["a9", 123456], ("a1_assigned", "numeric_assigned")),
    ],
)
def test_latest_agent_ids_match_info_latest_agent_id(api, agents, expected):
    api.ingest(_agent_records())
    expect(api.ids({"latestAgentIds": agents}), *expected)


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        (["10"], ("a1_assigned",)),  # a participant's group
        ([11], ("a1_reader_a2_assigned",)),  # the latest agent group
        (["10", 11], ("a1_assigned", "a1_reader_a2_assigned")),
        ([12], ()),
    ],
)
def test_agent_group_ids_match_participant_or_latest_group(api, groups, expected):
    api.ingest(_agent_records())
    expect(api.ids({"agentGroupIds": groups}), *expected)


def _info_records(key, values):
    """One conversation per value of an info field (None: the field absent)."""
    return [
        conversation(
            f"{key}_{'none' if value is None else value}".replace(" ", "_"),
            at(i),
            info={} if value is None else {key: value},
        )
        for i, value in enumerate(values)
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"mcs": {"from": 50}}, ("mcs_50", "mcs_100")),
        ({"mcs": {"to": 50}}, ("mcs_0", "mcs_50")),
        ({"mcs": {"from": 50, "to": 50}}, ("mcs_50",)),
        ({"mcs": {"from": 0, "to": 100}}, ("mcs_0", "mcs_50", "mcs_100")),
        ({"mcs": {"from": 51, "to": 99}}, ()),
        ({"mcs": {"from": "1", "to": "100"}}, ("mcs_50", "mcs_100")),
    ],
)
def test_mcs_range_is_inclusive_and_needs_the_value(api, body, expected):
    api.ingest(_info_records("mcs", [0, 50, 100, None]))
    expect(api.ids(body), *expected)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"csat": {"from": 3}}, ("csatRate_3", "csatRate_5")),
        ({"csat": {"to": 3}}, ("csatRate_1", "csatRate_3")),
        ({"csat": {"from": 1, "to": 5}}, ("csatRate_1", "csatRate_3", "csatRate_5")),
        ({"csat": {"from": 4, "to": 4}}, ()),
    ],
)
def test_csat_range_is_inclusive_and_needs_the_value(api, body, expected):
    api.ingest(_info_records("csatRate", [1, 3, 5, None]))
    expect(api.ids(body), *expected)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["-1"], ("alertedMCS_-1",)),
        ([1, "0"], ("alertedMCS_1", "alertedMCS_0")),
        ([-1, 0, 1], ("alertedMCS_-1", "alertedMCS_0", "alertedMCS_1")),
    ],
)
def test_alerted_mcs_values(api, values, expected):
    api.ingest(_info_records("alertedMCS", [-1, 0, 1, None]))
    expect(api.ids({"alertedMcsValues": values}), *expected)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["APP"], ("source_APP",)),
        (["WhatsApp Business", "SHARK"], ("source_WhatsApp_Business", "source_SHARK")),
        (["SMS"], ()),
    ],
)
def test_source_filter(api, values, expected):
    api.ingest(_info_records("source", ["APP", "SHARK", "WhatsApp Business", None]))
    expect(api.ids({"source": values}), *expected)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["MOBILE"], ("device_MOBILE",)),
        (["DESKTOP", "NA"], ("device_DESKTOP", "device_NA")),
        (["TABLET"], ()),
    ],
)
def test_device_filter(api, values, expected):
    api.ingest(_info_records("device", ["DESKTOP", "MOBILE", "NA", None]))
    expect(api.ids({"device": values}), *expected)


@pytest.mark.parametrize(
    ("state", "expected"),
    [("IN_QUEUE", ("latestQueueState_IN_QUEUE",)), ("ACTIVE", ("latestQueueState_ACTIVE",))],
)
def test_latest_conversation_queue_state(api, state, expected):
    api.ingest(_info_records("latestQueueState", ["IN_QUEUE", "ACTIVE", None]))
    expect(api.ids({"latestConversationQueueState": state}), *expected)


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        (["RICH_CONTENT"], ("rich",)),
        (["HOSTED_FILE", "RICH_CONTENT"], ("rich", "file")),
        (["TEXT_PLAIN"], ("plain", "rich")),
        (["IMG"], ()),
    ],
)
def test_message_content_types_match_any_message(api, types, expected):
    rich = conversation("rich", at(1))
    rich["messageRecords"].append(
        message("rich", 1, None, time_ms=at(1, 2000), type_="RICH_CONTENT")
    )
    file_only = conversation("file", at(2), texts=())
    file_only["messageRecords"] = [
        message("file", 0, None, time_ms=at(2, 1000), type_="HOSTED_FILE")
    ]
    api.ingest(
        [conversation("plain", at(0)), rich, file_only, conversation("silent", at(3), texts=())]
    )
    expect(api.ids({"messageContentTypes": types}), *expected)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"duration": {"from": 60}}, ("s60", "s61", "h1", "open")),
        ({"duration": {"to": 60}}, ("s59", "s60")),
        ({"duration": {"from": 60, "to": 60}}, ("s60",)),
        ({"duration": {"from": 0, "to": 3600}}, ("s59", "s60", "s61", "h1")),
        ({"duration": {"from": 3601}}, ("open",)),
        ({"duration": {"from": 0, "to": 86_400}}, ("s59", "s60", "s61", "h1")),
    ],
)
def test_duration_is_in_seconds_and_open_conversations_last_until_now(api, body, expected):
    # The open conversation started about thirty days ago: its stored duration (1 s) is not
    # what counts, its age at the time of the request is.
    api.ingest(
        [
            conversation("s59", at(0), end_ms=at(0) + 59_000),
            conversation("s60", at(1), end_ms=at(1) + 60_000),
            conversation("s61", at(2), end_ms=at(2) + 61_000),
            conversation("h1", at(3), end_ms=at(3) + 3_600_000),
            conversation("open", at(4), status="OPEN"),
        ]
    )
    expect(api.ids(body), *expected)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"responseTime": {"from": BASE_MS + 1000, "to": BASE_MS + 4999}}, ("due_1000",)),
        ({"responseTime": {"from": BASE_MS + 1001}}, ("due_5000",)),
        ({"responseTime": {"to": BASE_MS + 1000}}, ("due_1000",)),
        (
            {"responseTime": {"from": BASE_MS + 1000, "to": BASE_MS + 5000}},
            ("due_1000", "due_5000"),
        ),
        ({"responseTime": {"from": str(BASE_MS + 5000)}}, ("due_5000",)),
    ],
)
def test_response_time_range_on_latest_effective_response_due_time(api, body, expected):
    api.ingest(
        [
            conversation(
                "due_1000",
                at(0),
                responseTime={"latestEffectiveResponseDueTime": BASE_MS + 1000},
            ),
            conversation(
                "due_5000",
                at(1),
                responseTime={"latestEffectiveResponseDueTime": BASE_MS + 5000},
            ),
            conversation("no_response_time", at(2)),
        ]
    )
    expect(api.ids(body), *expected)


def test_step_up_only_true_filters_and_false_does_not(api):
    api.ingest(
        [
            conversation("stepped_up", at(0), info={"wasStepUp": True}),
            conversation("not_stepped_up", at(1), info={"wasStepUp": False}),
            conversation("unknown", at(2)),
        ]
    )
    expect(api.ids({"conversationsWithStepUpOnly": True}), "stepped_up")
    expect(
        api.ids({"conversationsWithStepUpOnly": False}), "stepped_up", "not_stepped_up", "unknown"
    )


@pytest.mark.parametrize(
    "states", [["OPEN"], ["SUBMITTED", "VETTED"], ["OPEN", "SUBMITTED", "VETTED"]]
)
def test_annotation_states_match_nothing(api, states):
    api.ingest([conversation("any", at(0)), conversation("open", at(1), status="OPEN")])
    expect(api.ids({"annotationStates": states}))
    expect(api.ids({}), "any", "open")  # the data is there


def test_filters_combine_with_and(api):
    api.ingest(
        [
            conversation(
                "all_match",
                at(0),
                texts=("refund please",),
                info={"latestSkillId": 5, "source": "APP", "mcs": 80},
                agentParticipants=[agent("a1")],
            ),
            conversation(
                "wrong_skill",
                at(1),
                texts=("refund please",),
                info={"latestSkillId": 6, "source": "APP", "mcs": 80},
                agentParticipants=[agent("a1")],
            ),
            conversation(
                "wrong_text",
                at(2),
                texts=("thanks",),
                info={"latestSkillId": 5, "source": "APP", "mcs": 80},
                agentParticipants=[agent("a1")],
            ),
            conversation(
                "open",
                at(3),
                status="OPEN",
                texts=("refund please",),
                info={"latestSkillId": 5, "source": "APP", "mcs": 80},
                agentParticipants=[agent("a1")],
            ),
            conversation(
                "low_mcs",
                at(4),
                texts=("refund please",),
                info={"latestSkillId": 5, "source": "APP", "mcs": 10},
                agentParticipants=[agent("a1")],
            ),
            conversation(
                "other_agent",
                at(5),
                texts=("refund please",),
                info={"latestSkillId": 5, "source": "APP", "mcs": 80},
                agentParticipants=[agent("a2")],
            ),
            conversation(
                "out_of_range",
                at(0) - 5 * DAY_MS,
                texts=("refund please",),
                info={"latestSkillId": 5, "source": "APP", "mcs": 80},
                agentParticipants=[agent("a1")],
            ),
        ]
    )
    body = {
        "start": {"from": at(-60), "to": at(60)},
        "status": ["CLOSE"],
        "skillIds": [5],
        "keyword": "refund",
        "source": ["APP"],
        "mcs": {"from": 50},
        "agentIds": ["a1"],
    }
    expect(api.ids(body), "all_match")
    expect(api.ids({**body, "status": ["OPEN", "CLOSE"]}), "all_match", "open")
    expect(
        api.ids({**body, "mcs": {"from": 0}, "agentIds": ["a1", "a2"]}),
        "all_match",
        "low_mcs",
        "other_agent",
    )
    expect(
        api.ids({**body, "start": {"from": at(-60) - 6 * DAY_MS, "to": at(60)}}),
        "all_match",
        "out_of_range",
    )
    expect(api.ids({**body, "start": {"from": at(-60), "to": at(-10) - MINUTE_MS}}))
