"""The fake-data generator: deterministic, consistent, in the Messaging Interactions shape."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import orjson
import pytest

from seed.factories import (
    Agent,
    Skill,
    SubscriberProfile,
    build_subscriber_profiles,
    conversation_records,
)
from seed.records.clock import MONTH_MS, ts

pytestmark = pytest.mark.unit

NOW_MS = 1_780_000_000_000  # 2026-05-28, fixed so that every run sees the same data
ACCOUNT_IDS = [str(70_000_001 + i) for i in range(12)]
TS_FORMAT = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+0000$")


def make(seed: int, count: int, *, months: int = 13) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    profiles = build_subscriber_profiles(ACCOUNT_IDS, rng=rng)
    return list(conversation_records(profiles, count=count, rng=rng, now_ms=NOW_MS, months=months))


@pytest.fixture(scope="module")
def profiles() -> list[SubscriberProfile]:
    return build_subscriber_profiles(ACCOUNT_IDS, rng=random.Random(11))


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return make(11, 2_000)


def expected_ts(ms: int) -> str:
    """LivePerson's time string, computed independently of the generator's fast path."""
    moment = dt.datetime.fromtimestamp(ms // 1000, dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{ms % 1000:03d}+0000"


def walk(value: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any], str, Any]]:
    """Yield (path, parent, key, value) for every entry of every dict inside a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield path, value, key, item
            yield from walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, f"{path}[]")


def humans_of(record: dict[str, Any]) -> set[str]:
    return {p["agentId"] for p in record["agentParticipants"] if p["userTypeName"] == "Human"}


def outcome(record: dict[str, Any]) -> str:
    if record["info"]["status"] == "OPEN":
        return "open"
    if "transfers" not in record:
        return "contained"
    humans = humans_of(record)
    answered = any(
        m["participantId"] in humans and m["audience"] == "ALL" for m in record["messageRecords"]
    )
    return "tango" if answered else "abandoned"


class TestProfiles:
    def test_one_profile_per_account_with_a_name(self, profiles: list[SubscriberProfile]) -> None:
        assert [p.account_id for p in profiles] == ACCOUNT_IDS
        assert len({p.name for p in profiles}) == len(profiles)
        assert all(p.name.strip() for p in profiles)

    def test_skills_and_agents_have_the_promised_shape(
        self, profiles: list[SubscriberProfile]
    ) -> None:
        for p in profiles:
            assert sum(s.is_bot for s in p.skills) == 1
            assert 2 <= sum(not s.is_bot for s in p.skills) <= 4
            assert 1 <= len(p.bots) <= 2
            assert 3 <= len(p.humans) <= 8
            assert len({h.group_id for h in p.humans}) <= 3
            assert all(isinstance(s, Skill) and isinstance(s.skill_id, int) for s in p.skills)
            assert all(isinstance(a, Agent) for a in (*p.bots, *p.humans))
            assert {a.user_type for a in p.bots} == {"2"}
            assert {a.user_type for a in p.humans} == {"1"}

    def test_agent_and_skill_ids_are_unique_across_subscribers(
        self, profiles: list[SubscriberProfile]
    ) -> None:
        agents = [a.agent_id for p in profiles for a in (*p.bots, *p.humans)]
        skills = [s.skill_id for p in profiles for s in p.skills]
        assert len(set(agents)) == len(agents)
        assert all(a.isdigit() for a in agents)
        assert len(set(skills)) == len(skills)

    def test_weights_are_shares_with_a_few_big_subscribers(
        self, profiles: list[SubscriberProfile]
    ) -> None:
        weights = sorted((p.weight for p in profiles), reverse=True)
        assert sum(weights) == pytest.approx(1.0, abs=1e-4)
        assert weights[0] > 4 * weights[-1]
        assert sum(weights[:3]) > 0.4


class TestDeterminism:
    def test_the_same_seed_gives_the_same_bytes(self) -> None:
        first, second = make(5, 200), make(5, 200)
        assert orjson.dumps(first) == orjson.dumps(second)

    def test_another_seed_gives_other_data(self) -> None:
        assert orjson.dumps(make(5, 50)) != orjson.dumps(make(6, 50))

    def test_chunks_with_their_own_seeds_agree_about_each_subscriber(
        self, profiles: list[SubscriberProfile]
    ) -> None:
        # A loader generates in chunks, one call and one seed each, from the same profiles.
        def facts(seed: int) -> dict[str, set[str]]:
            found: dict[str, set[str]] = {}
            for r in conversation_records(
                profiles, count=400, rng=random.Random(seed), now_ms=NOW_MS
            ):
                brand = r["info"]["brandId"]
                found.setdefault(brand, set()).add(r["campaign"]["campaignId"])
                for survey in r.get("conversationSurveys", []):
                    found.setdefault(brand, set()).add("survey " + survey["surveyId"])
            return found

        first, second = facts(1), facts(2)
        for brand in first.keys() & second.keys():
            surveys = {f for f in first[brand] | second[brand] if f.startswith("survey ")}
            assert len(surveys) <= 1
            assert len(first[brand] | second[brand]) <= 8  # 7 engagements and one survey

    def test_profiles_depend_only_on_the_seed(self) -> None:
        assert build_subscriber_profiles(ACCOUNT_IDS, rng=random.Random(3)) == (
            build_subscriber_profiles(ACCOUNT_IDS, rng=random.Random(3))
        )


class TestShape:
    def test_count_and_owners(
        self, records: list[dict[str, Any]], profiles: list[SubscriberProfile]
    ) -> None:
        assert len(records) == 2_000
        assert {r["info"]["brandId"] for r in records} <= set(ACCOUNT_IDS)
        assert len({r["info"]["conversationId"] for r in records}) == len(records)

    def test_records_are_plain_json(self, records: list[dict[str, Any]]) -> None:
        # Tuples, sets or other non-JSON types would not survive the round trip unchanged.
        assert json.loads(json.dumps(records[:300])) == records[:300]

    def test_no_value_is_none(self, records: list[dict[str, Any]]) -> None:
        nones = [f"{path}.{key}" for r in records for path, _, key, v in walk(r) if v is None]
        assert nones == []

    def test_no_section_is_empty(self, records: list[dict[str, Any]]) -> None:
        empty = Counter(k for r in records for k, v in r.items() if v in ([], {}))
        assert not empty

    def test_records_share_no_mutable_objects(self, records: list[dict[str, Any]]) -> None:
        def containers(value: Any) -> Iterator[int]:
            if isinstance(value, (dict, list)):
                yield id(value)
                for item in value.values() if isinstance(value, dict) else value:
                    yield from containers(item)

        seen: list[int] = [i for r in records[:300] for i in containers(r)]
        assert len(seen) == len(set(seen))

    def test_ids_look_like_liveperson_ids(self, records: list[dict[str, Any]]) -> None:
        uuid = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        for r in records:
            cid = r["info"]["conversationId"]
            assert uuid.match(cid)
            for m in r["messageRecords"]:
                if m["dialogId"] == cid:
                    assert m["messageId"] == f"ms::conv:{cid}::msg:{m['seq']}"
                else:
                    assert m["messageId"] == f"ms::dialog:{m['dialogId']}::msg:{m['seq']}"
            for p in r["agentParticipants"]:
                assert isinstance(p["agentId"], str)
                assert p["agentId"].isdigit()
                assert isinstance(p["agentGroupId"], int)


class TestTime:
    def test_every_time_string_matches_its_milliseconds(
        self, records: list[dict[str, Any]]
    ) -> None:
        pairs = 0
        for r in records:
            for path, parent, key, value in walk(r):
                if isinstance(value, str) and TS_FORMAT.match(value):
                    assert value == expected_ts(parent[key + "L"]), f"{path}.{key}"
                    pairs += 1
        assert pairs > 20 * len(records)

    def test_every_millisecond_field_has_its_string(self, records: list[dict[str, Any]]) -> None:
        for r in records:
            for path, parent, key, value in walk(r):
                if key.endswith("L") and key[:-1] in parent:
                    text = parent[key[:-1]]
                    if value == -1:
                        assert (path, key, text) == (".info", "endTimeL", "undefined")
                    else:
                        assert text == expected_ts(value), f"{path}.{key}"

    def test_fast_formatter_agrees_with_datetime(self) -> None:
        rng = random.Random(0)
        for _ in range(5_000):
            ms = rng.randrange(0, 4_102_444_800_000)
            assert ts(ms) == expected_ts(ms)

    def test_starts_are_in_the_window_and_in_the_past(self, records: list[dict[str, Any]]) -> None:
        first = NOW_MS - 13 * MONTH_MS
        starts = [r["info"]["startTimeL"] for r in records]
        assert all(first <= s < NOW_MS for s in starts)
        assert starts == sorted(starts)  # oldest first
        assert max(starts) - min(starts) > 12 * MONTH_MS

    def test_nothing_happens_after_now(self, records: list[dict[str, Any]]) -> None:
        for r in records:
            for _, _, key, value in walk(r):
                if key.endswith("TimeL") or key in ("timeL", "lastUpdatedTime", "lastUpdateTime"):
                    assert value <= NOW_MS

    def test_months_narrows_the_window(self) -> None:
        starts = [r["info"]["startTimeL"] for r in make(2, 200, months=1)]
        assert min(starts) >= NOW_MS - MONTH_MS

    def test_daily_and_weekly_rhythm(self, records: list[dict[str, Any]]) -> None:
        starts = [r["info"]["startTimeL"] for r in records]
        hours = Counter((s // 3_600_000) % 24 for s in starts)
        days = Counter((s // 86_400_000 + 3) % 7 for s in starts)
        assert hours[11] > 3 * hours[3]  # late morning against the dead of night
        assert days[1] > 1.3 * days[6]  # a Tuesday against a Sunday
        first_quarter = sum(s < starts[0] + (starts[-1] - starts[0]) / 4 for s in starts)
        assert first_quarter < len(starts) / 4  # traffic grows


class TestStory:
    def test_outcome_mix(self, records: list[dict[str, Any]]) -> None:
        mix = Counter(outcome(r) for r in records)
        share = {k: v / len(records) for k, v in mix.items()}
        assert 0.35 <= share["contained"] <= 0.65
        assert 0.30 <= share["tango"] <= 0.55
        assert 0.02 <= share["abandoned"] <= 0.12
        assert mix["open"] >= 3

    def test_every_close_reason_occurs(self, records: list[dict[str, Any]]) -> None:
        reasons = Counter(
            (r["info"]["closeReason"], r["info"]["closeReasonDescription"])
            for r in records
            if r["info"]["status"] == "CLOSE"
        )
        assert set(reasons) == {
            ("AGENT", "MANUAL_CLOSE"),
            ("CONSUMER", "MANUAL_CLOSE"),
            ("SYSTEM", "AUTO_CLOSE"),
        }
        assert min(reasons.values()) > 0.1 * len(records)

    def test_messages_are_in_time_and_seq_order_after_the_start(
        self, records: list[dict[str, Any]]
    ) -> None:
        for r in records:
            messages = r["messageRecords"]
            times = [m["timeL"] for m in messages]
            seqs = [m["seq"] for m in messages]
            assert times == sorted(times)
            assert seqs == sorted(set(seqs))
            assert times[0] > r["info"]["startTimeL"]
            assert messages[0]["sentBy"] == "Consumer"

    def test_a_bot_answers_first_within_seconds(self, records: list[dict[str, Any]]) -> None:
        for r in records:
            bots = {p["agentId"] for p in r["agentParticipants"] if p["userTypeName"] == "Bot"}
            agent_messages = [m for m in r["messageRecords"] if m["sentBy"] == "Agent"]
            if not agent_messages:  # cut by now right after the consumer's first message
                assert r["info"]["status"] == "OPEN"
                continue
            first = agent_messages[0]
            assert first["participantId"] in bots
            assert first["timeL"] - r["messageRecords"][0]["timeL"] < 30_000

    def test_escalation_goes_from_the_bot_skill_to_a_human(
        self, records: list[dict[str, Any]], profiles: list[SubscriberProfile]
    ) -> None:
        by_account = {p.account_id: p for p in profiles}  # the ones `records` was made from
        for r in records:
            if outcome(r) != "tango":
                continue
            profile = by_account[r["info"]["brandId"]]
            bot_skills = {s.skill_id for s in profile.skills if s.is_bot}
            first = r["transfers"][0]
            assert first["reason"] == "Skill"
            assert first["sourceSkillId"] in bot_skills
            assert first["targetSkillId"] not in bot_skills
            assert first["contextData"]["structuredMetadata"][0]["actionReason"]["reason"]
            assert len(r["skillChanges"]) == len(r["transfers"])
            human_joins = [
                p
                for p in r["agentParticipants"]
                if p["userTypeName"] == "Human" and p["permission"] == "ASSIGNED_AGENT"
            ]
            assert human_joins
            assert human_joins[0]["timeL"] > first["timeL"]
            assert human_joins[0]["role"] in ("ASSIGNED_AGENT", "AGENT")
            assert r["info"]["latestSkillId"] not in bot_skills

    def test_contained_conversations_never_meet_a_human(
        self, records: list[dict[str, Any]]
    ) -> None:
        contained = [r for r in records if outcome(r) == "contained"]
        assert contained
        for r in contained:
            assert not humans_of(r)
            assert r["info"]["latestAgentId"] in {p["agentId"] for p in r["agentParticipants"]}

    def test_abandoned_conversations_are_not_closed_by_an_agent(
        self, records: list[dict[str, Any]]
    ) -> None:
        abandoned = [r for r in records if outcome(r) == "abandoned"]
        assert abandoned
        assert {r["info"]["closeReason"] for r in abandoned} <= {"CONSUMER", "SYSTEM"}
        assert {r["info"]["latestQueueState"] for r in abandoned} == {"IN_QUEUE"}

    def test_open_conversations_are_recent_and_unfinished(
        self, records: list[dict[str, Any]]
    ) -> None:
        for r in (r for r in records if r["info"]["status"] == "OPEN"):
            info = r["info"]
            assert NOW_MS - info["startTimeL"] < 14 * 86_400_000
            assert info["endTime"] == "undefined"
            assert info["endTimeL"] == -1
            assert info["duration"] == NOW_MS - info["startTimeL"]
            assert "closeReason" not in info
            assert "conversationEndTimeL" not in info
            assert info["latestQueueState"] in ("IN_QUEUE", "ACTIVE")

    def test_closed_times_and_duration_agree(self, records: list[dict[str, Any]]) -> None:
        for r in (r for r in records if r["info"]["status"] == "CLOSE"):
            info = r["info"]
            assert info["duration"] == info["endTimeL"] - info["startTimeL"]
            assert info["fullDialogEndTimeL"] == info["endTimeL"]
            assert info["conversationEndTimeL"] <= info["endTimeL"]
            surveyed = "conversationSurveys" in r
            assert (info["conversationEndTimeL"] < info["endTimeL"]) == surveyed

    def test_surveys_agree_with_info(self, records: list[dict[str, Any]]) -> None:
        closed = [r for r in records if r["info"]["status"] == "CLOSE"]
        surveyed = [r for r in closed if "conversationSurveys" in r]
        assert 0.2 < len(surveyed) / len(closed) < 0.4
        for r in closed:
            assert ("csatRate" in r["info"]) == ("conversationSurveys" in r)
        for r in surveyed:
            survey = r["conversationSurveys"][0]
            answers = {a["questionType"]: a for a in survey["surveyData"]}
            assert set(answers) == {"csat", "nps", "fcr"}
            assert int(answers["csat"]["answerId"]) == r["info"]["csatRate"]
            assert 0 <= int(answers["nps"]["answer"]) <= 10
            assert answers["fcr"]["answer"].lower() in ("yes", "no")
            dialogs = {d["dialogType"]: d for d in r["dialogs"]}
            assert dialogs["POST_SURVEY"]["dialogId"] == survey["dialogId"]
            assert dialogs["POST_SURVEY"]["endTimeL"] == r["info"]["fullDialogEndTimeL"]

    def test_mcs_and_its_alert_agree(self, records: list[dict[str, Any]]) -> None:
        for r in records:
            mcs, alerted = r["info"]["mcs"], r["info"]["alertedMCS"]
            assert 0 <= mcs <= 100
            assert alerted == (-1 if mcs <= 33 else 1 if mcs >= 67 else 0)
            if "messageScores" in r:
                assert r["messageScores"][-1]["mcs"] == mcs or r["info"]["status"] == "OPEN"

    def test_messages_have_the_documented_kinds(self, records: list[dict[str, Any]]) -> None:
        kinds = Counter(m["type"] for r in records for m in r["messageRecords"])
        assert kinds["TEXT_PLAIN"] > 0.8 * sum(kinds.values())
        assert {"RICH_CONTENT", "HOSTED_FILE", "IMG", "LINK"} <= set(kinds)
        audiences = Counter(m["audience"] for r in records for m in r["messageRecords"])
        assert 0 < audiences["AGENTS_AND_MANAGERS"] < 0.02 * sum(audiences.values())
        for r in records:
            for m in r["messageRecords"]:
                if m["type"] == "RICH_CONTENT":
                    assert json.loads(m["messageData"]["richContent"]["content"])["type"]
                if "quickReplies" in m["messageData"]:
                    quick = json.loads(m["messageData"]["quickReplies"]["content"])
                    assert quick["type"] == "quickReplies"
                    assert quick["replies"]

    def test_texts_are_filled_in(self, records: list[dict[str, Any]]) -> None:
        texts = [
            m["messageData"]["msg"]["text"]
            for r in records
            for m in r["messageRecords"]
            if "msg" in m["messageData"]
        ]
        assert not [t for t in texts if "{" in t or "}" in t]
        assert len(set(texts)) > 500

    def test_consumers_come_back(self, records: list[dict[str, Any]]) -> None:
        visits = Counter(r["consumerParticipants"][0]["participantId"] for r in records)
        assert max(visits.values()) >= 3
        assert sum(1 for v in visits.values() if v >= 2) > 50
        seen: set[str] = set()
        for r in records:  # oldest first, so a consumer's first conversation comes first
            consumer = r["consumerParticipants"][0]["participantId"]
            assert r["info"]["firstConversation"] == (consumer not in seen)
            seen.add(consumer)

    def test_a_consumer_belongs_to_one_subscriber(self, records: list[dict[str, Any]]) -> None:
        owners: dict[str, set[str]] = {}
        for r in records:
            consumer = r["consumerParticipants"][0]["participantId"]
            owners.setdefault(consumer, set()).add(r["info"]["brandId"])
        assert all(len(brands) == 1 for brands in owners.values())

    def test_device_fits_the_channel(self, records: list[dict[str, Any]]) -> None:
        allowed = {
            "SHARK": {"DESKTOP", "MOBILE", "TABLET"},
            "APP": {"MOBILE", "TABLET"},
            "SMS": {"NA"},
            "FACEBOOK": {"NA"},
            "WhatsApp Business": {"NA"},
            "Apple Business Chat": {"MOBILE", "DESKTOP"},
        }
        sources = Counter(r["info"]["source"] for r in records)
        assert set(sources) == set(allowed)
        for r in records:
            info = r["info"]
            assert info["device"] in allowed[info["source"]]
            assert r["monitoring"]["device"] == info["device"]

    def test_sdes_are_typed_as_in_version_2(self, records: list[dict[str, Any]]) -> None:
        events = [e for r in records for e in r.get("sdes", {}).get("events", [])]
        assert {e["sdeType"] for e in events} >= {"CUSTOMER_INFO", "PERSONAL_INFO", "PURCHASE"}
        for e in events:
            assert isinstance(e["serverTimeStamp"], str)
            assert e["serverTimeStamp"].isdigit()
            if e["sdeType"] == "CUSTOMER_INFO":
                info = e["customerInfo"]["customerInfo"]
                assert isinstance(info["balance"], float)
                assert isinstance(info["registrationDate"]["year"], int)
            if e["sdeType"] == "PURCHASE":
                assert isinstance(e["purchase"]["total"], float)
                assert isinstance(e["purchase"]["cart"]["numItems"], int)
        unauth = [e for r in records for e in r.get("unAuthSdes", {}).get("events", [])]
        assert unauth
        assert all(e["isAuthenticated"] is False for e in unauth)


class TestArguments:
    def test_no_profiles_is_an_error(self) -> None:
        with pytest.raises(ValueError, match="profile"):
            conversation_records([], count=1, rng=random.Random(1), now_ms=NOW_MS)

    def test_zero_records(self, profiles: list[SubscriberProfile]) -> None:
        assert (
            list(conversation_records(profiles, count=0, rng=random.Random(1), now_ms=NOW_MS)) == []
        )

    def test_a_profile_without_humans_is_refused(self, profiles: list[SubscriberProfile]) -> None:
        broken = SubscriberProfile("1", "Solo", profiles[0].skills, profiles[0].bots, (), 1.0)
        with pytest.raises(ValueError, match="human"):
            conversation_records([broken], count=1, rng=random.Random(1), now_ms=NOW_MS)


def test_records_pass_the_record_schema() -> None:
    records_schema = pytest.importorskip("schemas.records")
    for record in make(21, 500):
        records_schema.load_record(record)
