"""The Marketplace Network report against an independent computation from the raw records.

Random small marketplaces come from the demo record generator (seeded, so each case is
reproducible): bot-first conversations, some contained, some escalated to humans, closed by
agent, consumer or system, over 13 months. They are stored for five demo subscribers whose
contracts differ (all categories, metadata only, revoked, none, a covered window that ended 182
days ago). The expected figures are computed here from the records themselves, with the
definitions written in docs/decisions.md, never from the columns ingestion derived.
"""

from __future__ import annotations

import csv
import io
import random
import time
from collections import Counter, defaultdict
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from app.models import Contract
from app.services import ingestion
from seed.demo import ANALYST, PROVIDER_ID, SUBSCRIBER_ADMIN, SUBSCRIBER_IDS
from seed.factories import build_subscriber_profiles, conversation_records

pytestmark = pytest.mark.api

DAY_MS = 86_400_000
STORED = ("70000001", "70000013", "70000016", "70000019", "70000020")
IN_FORCE = {"70000001", "70000013", "70000020"}  # the demo contracts (seed/demo.py)
EXCLUDED = {
    "70000016": "contract_revoked",
    "70000017": "contract_expired",
    "70000018": "contract_not_yet_in_effect",
    "70000019": "no_contract",
}
REPORT = f"/marketplace/api/account/{PROVIDER_ID}/reports/network"


def login(client, who) -> dict[str, str]:
    response = client.post(
        f"/api/account/{who.account_id}/login?v=1.3",
        json={"username": who.username, "password": who.password},
    )
    assert response.status_code == 200, response.get_json()
    return {"Authorization": f"Bearer {response.get_json()['bearer']}"}


@pytest.fixture(params=[11, 23, 37], ids=lambda s: f"seed{s}")
def marketplace(request, session):
    """Random conversations for the five subscribers; returns them with the time of storing."""
    now = int(time.time() * 1000)
    rng = random.Random(request.param)
    profiles = build_subscriber_profiles(list(STORED), rng=rng)
    records = list(conversation_records(profiles, count=400, rng=rng, now_ms=now))
    by_account: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        by_account[r["info"]["brandId"]].append(r)
    for account, own in by_account.items():
        ingestion.ingest(session, account_id=account, records=own, now_ms=now)
    session.commit()
    covers_to = session.scalar(
        sa.select(Contract.covers_to_ms).where(Contract.subscriber_id == "70000020")
    )
    return records, now, covers_to


# -- the definitions, applied to raw records ----------------------------------------------------


def agents(record: dict[str, Any]) -> tuple[set[str], set[str], list[dict[str, Any]]]:
    people = [
        p
        for key in ("agentParticipants", "agentParticipantsActive", "agentParticipantsLeave")
        for p in record.get(key) or []
    ]
    bots = {str(p["agentId"]) for p in people if p.get("userTypeName") == "Bot"}
    humans = {str(p["agentId"]) for p in people if p.get("userTypeName") == "Human"}
    return bots, humans, people


def escalated_at(record: dict[str, Any]) -> int | None:
    """The first transfer a bot made; else the first transfer naming no source after a bot
    joined; else the first human joining after a bot."""
    bots, humans, people = agents(record)
    if not bots:
        return None
    transfers = sorted(record.get("transfers") or [], key=lambda t: t.get("timeL", 0))
    for t in transfers:
        if str(t.get("sourceAgentId")) in bots:
            return t["timeL"]
    bot_joined = min(p.get("timeL", 0) for p in people if str(p["agentId"]) in bots)
    for t in transfers:
        if not t.get("sourceAgentId") and t.get("timeL", 0) >= bot_joined:
            return t["timeL"]
    joins = [
        p.get("timeL", 0)
        for p in people
        if str(p["agentId"]) in humans and p.get("timeL", 0) >= bot_joined
    ]
    return min(joins) if joins else None


def to_consumer(record: dict[str, Any], senders: set[str] | None = None) -> list[int]:
    """Times of the messages agents (or only ``senders``) sent to the consumer."""
    return [
        m["timeL"]
        for m in record.get("messageRecords") or []
        if m.get("sentBy") == "Agent"
        and m.get("audience", "ALL") == "ALL"
        and (senders is None or m.get("participantId") in senders)
    ]


def expected(records, now: int, covers_to: int, lo: int, hi: int, zone: str, only=None):
    tz = ZoneInfo(zone)

    def day(ms: int) -> str:
        return datetime.fromtimestamp(ms / 1000, tz).date().isoformat()

    def readable(r: dict[str, Any]) -> bool:
        account = r["info"]["brandId"]
        if account not in IN_FORCE or (only is not None and account not in only):
            return False
        return account != "70000020" or r["info"]["startTimeL"] <= covers_to

    seen = [r for r in records if readable(r)]
    opened = [r for r in seen if lo <= r["info"]["startTimeL"] < hi]
    closed = [
        r for r in seen if r["info"]["status"] == "CLOSE" and lo <= r["info"]["endTimeL"] < hi
    ]
    contained = tango = 0
    active: set[str] = set()
    waits: dict[str, list[int]] = defaultdict(list)
    for r in opened:
        bots, humans, _ = agents(r)
        escalation = escalated_at(r)
        human_messages = to_consumer(r, humans)
        if to_consumer(r):
            active.add(r["info"]["brandId"])
        if r["info"]["status"] == "CLOSE" and bots and not humans and escalation is None:
            contained += 1
        if escalation is not None and human_messages:
            tango += 1
            if min(human_messages) >= escalation:
                waits[r["info"]["brandId"]].append(min(human_messages) - escalation)
    opened_days = Counter(day(r["info"]["startTimeL"]) for r in opened)
    closed_days: dict[str, Counter[str]] = defaultdict(Counter)
    for r in closed:
        closed_days[day(r["info"]["endTimeL"])][r["info"]["closeReason"]] += 1
    all_waits = [w for ws in waits.values() for w in ws]
    n_closed_opened = sum(1 for r in opened if r["info"]["status"] == "CLOSE")
    return {
        "active": len(active),
        "opened": len(opened),
        "opened_days": dict(opened_days),
        "contained": contained,
        "containment_rate": round(contained / n_closed_opened, 4) if n_closed_opened else None,
        "tango": tango,
        "tango_rate": round(tango / len(opened), 4) if opened else None,
        "closed_days": {d: dict(c) for d, c in closed_days.items()},
        "closed_by_subscriber": dict(Counter(r["info"]["brandId"] for r in closed)),
        "wait_overall": round(sum(all_waits) / len(all_waits)) if all_waits else None,
        "wait_by": {a: round(sum(ws) / len(ws)) for a, ws in waits.items()},
    }


def actual(report: dict[str, Any]) -> dict[str, Any]:
    summary, performance = report["providerSummary"], report["subscriberPerformance"]
    waits = performance["avgFirstHumanResponseWaitMs"]
    return {
        "active": summary["activeSubscribers"],
        "opened": summary["openedConversations"]["total"],
        "opened_days": {
            d["date"]: d["count"] for d in summary["openedConversations"]["daily"] if d["count"]
        },
        "contained": summary["containment"]["count"],
        "containment_rate": summary["containment"]["rate"],
        "tango": summary["tango"]["count"],
        "tango_rate": summary["tango"]["rate"],
        "closed_days": {
            d["date"]: {k: n for k, n in d.items() if k != "date" and n}
            for d in summary["closedByCloseReason"]["daily"]
            if any(n for k, n in d.items() if k != "date")
        },
        "closed_by_subscriber": {
            s["accountId"]: s["count"] for s in performance["closedBySubscriber"]
        },
        "wait_overall": waits["overall"],
        "wait_by": {s["accountId"]: s["avgMs"] for s in waits["bySubscriber"]},
    }


RANGES = {
    "last-30-days": (30, 0),
    "eight-months-ago": (240, 200),  # 70000020's covered window ended 182 days ago
    "a-year": (365, 0),
}


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Kolkata"])
@pytest.mark.parametrize("span", list(RANGES))
def test_every_metric_equals_the_records(client, marketplace, span, zone):
    records, now, covers_to = marketplace
    days_back, days_end = RANGES[span]
    lo, hi = now - days_back * DAY_MS, now - days_end * DAY_MS
    body = {"from": lo, "to": hi, "timeZone": zone}
    response = client.post(REPORT, json=body, headers=login(client, ANALYST))
    assert response.status_code == 200, response.get_json()
    report = response.get_json()
    assert actual(report) == expected(records, now, covers_to, lo, hi, zone)
    daily = report["providerSummary"]["openedConversations"]["daily"]
    assert [d["date"] for d in daily] == sorted({d["date"] for d in daily})  # every day, once
    excluded = {x["accountId"]: x["reason"] for x in report["subscribers"]["excluded"]}
    assert excluded == EXCLUDED
    assert set(report["subscribers"]["included"]) == set(SUBSCRIBER_IDS) - set(EXCLUDED)


def test_subscriber_ids_narrow_the_report(client, marketplace):
    records, now, covers_to = marketplace
    lo, hi = now - 365 * DAY_MS, now
    body = {"from": lo, "to": hi, "subscriberIds": ["70000013", "70000016"]}
    report = client.post(REPORT, json=body, headers=login(client, ANALYST)).get_json()
    assert actual(report) == expected(records, now, covers_to, lo, hi, "UTC", only={"70000013"})
    assert report["subscribers"]["included"] == ["70000013"]
    assert report["subscribers"]["excluded"] == [
        {"accountId": "70000016", "reason": "contract_revoked"}
    ]


def test_csv_tables_repeat_the_json(client, marketplace):
    _, now, _ = marketplace
    body = {"from": now - 30 * DAY_MS, "to": now}
    headers = login(client, ANALYST)
    report = client.post(REPORT, json=body, headers=headers).get_json()
    tables = {}
    for table in ("summary", "daily", "subscribers"):
        response = client.post(f"{REPORT}/csv/{table}", json=body, headers=headers)
        assert response.status_code == 200
        assert response.mimetype == "text/csv"
        tables[table] = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    summary = dict(tables["summary"][1:])
    assert (
        int(summary["opened_conversations"])
        == report["providerSummary"]["openedConversations"]["total"]
    )
    assert int(summary["tango_count"]) == report["providerSummary"]["tango"]["count"]
    daily = tables["daily"]
    assert daily[0] == ["date", "opened", "closed_agent", "closed_consumer", "closed_system"]
    opened = report["providerSummary"]["openedConversations"]["daily"]
    assert [(row[0], int(row[1])) for row in daily[1:]] == [(d["date"], d["count"]) for d in opened]
    closed = {
        s["accountId"]: s["count"] for s in report["subscriberPerformance"]["closedBySubscriber"]
    }
    rows = {row[0]: row for row in tables["subscribers"][1:]}
    assert set(rows) == set(report["subscribers"]["included"])
    assert all(int(rows[a][2]) == closed.get(a, 0) for a in rows)
    assert client.post(f"{REPORT}/csv/nope", json=body, headers=headers).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"to": 1}, "from"),
        ({"from": 10, "to": 5}, "to"),
        ({"from": "yesterday", "to": 5}, "from"),
        ({"from": 0, "to": 401 * DAY_MS}, "to"),
        ({"from": 0, "to": DAY_MS, "timeZone": "Mars/Olympus"}, "timeZone"),
        ({"from": 0, "to": DAY_MS, "subscriberIds": []}, "subscriberIds"),
        ({"from": 0, "to": DAY_MS, "colour": "red"}, "colour"),
    ],
)
def test_bad_requests_name_the_field(client, body, field):
    response = client.post(REPORT, json=body, headers=login(client, ANALYST))
    assert response.status_code == 400, response.get_json()
    assert any(cause.startswith(f"{field}") for cause in response.get_json()["causes"])


def test_iso_dates_are_days_of_the_time_zone(client, marketplace):
    body = {"from": "2026-01-01", "to": "2026-01-03", "timeZone": "Asia/Tokyo"}
    report = client.post(REPORT, json=body, headers=login(client, ANALYST)).get_json()
    days = [d["date"] for d in report["providerSummary"]["openedConversations"]["daily"]]
    assert days == ["2026-01-01", "2026-01-02"]


def test_only_the_provider_reads_its_report(client):
    for who, account in ((SUBSCRIBER_ADMIN, "70000001"), (SUBSCRIBER_ADMIN, PROVIDER_ID)):
        response = client.post(
            f"/marketplace/api/account/{account}/reports/network",
            json={"from": 0, "to": DAY_MS},
            headers=login(client, who),
        )
        assert response.status_code == 403, response.get_json()
    assert client.post(REPORT, json={"from": 0, "to": DAY_MS}).status_code == 401
