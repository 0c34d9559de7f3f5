"""Provider access: every search endpoint x every caller x every contract state x filters that
need a category, each cell asserting exactly which conversations and which sections come back.

The demo network (seed/demo.py) has a contract in every state; this module stores two full
conversations for each subscriber below, plus one conversation older than the covered window of
70000020. Expected answers come from the tables here, written from design.md section 2, never
from the code's own tables.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from app.models import Account
from app.services import ingestion
from seed.demo import PROVIDER_ID, PROVIDER_KEY, SUBSCRIBER_KEY, DemoKey, app_key_row
from tests.support.consent_rules import CATEGORY_SECTIONS, PII_INFO_FIELDS
from tests.support.search_records import BASE_MS, DAY_MS, full_conversation
from tests.support.signing import oauth1_for, send_signed

pytestmark = pytest.mark.api

ALL_SECTIONS = sorted(set().union(*CATEGORY_SECTIONS.values()))
ALL = frozenset(CATEGORY_SECTIONS)
# What each demo subscriber's contract grants (None: no contract in force, and why).
GRANTS: dict[str, frozenset[str] | str] = {
    "70000001": ALL,
    "70000013": frozenset({"metadata"}),
    "70000015": frozenset({"metadata", "transcripts", "surveys"}),
    "70000016": "contract_revoked",
    "70000017": "contract_expired",
    "70000018": "contract_not_yet_in_effect",
    "70000019": "no_contract",
    "70000020": ALL,  # but its covered window ended 182 days ago
}
STORED = tuple(GRANTS)
OLD_MS = BASE_MS - 200 * DAY_MS  # inside 70000020's covered window; the others are outside it
WIDE = {"from": BASE_MS - 10 * DAY_MS, "to": BASE_MS + 10 * DAY_MS}
OLD_WIDE = {"from": OLD_MS - DAY_MS, "to": OLD_MS + DAY_MS}
PII_INFO = ("ipAddress",)  # what full_conversation puts among info's consumer fields
OTHER_PROVIDER = DemoKey(
    "70000900", "other-provider-key", "secret-1", "token-1", "token-secret-1", ("read",)
)
OTHER_SUBSCRIBER = DemoKey(
    "70000002", "other-sub-key", "secret-2", "token-2", "token-secret-2", ("read",)
)

E1, E2, E3 = "search", "conversation/search", "consumer/search"


def cid(subscriber: str, n: int) -> str:
    return f"c-{subscriber}-{n}"


def record(subscriber: str, n: int, start_ms: int) -> dict[str, Any]:
    body = full_conversation(cid(subscriber, n), start_ms)
    body["info"]["brandId"] = subscriber
    return body


@pytest.fixture
def network(session):
    """Two full conversations per subscriber of GRANTS, one old one of 70000020, and the keys of
    another provider (with no network) and another subscriber."""
    now = int(time.time() * 1000)
    for sid in STORED:
        records = [record(sid, n, BASE_MS + n * 60_000) for n in (1, 2)]
        if sid == "70000020":
            records.append(record(sid, 3, OLD_MS))
        ingestion.ingest(session, account_id=sid, records=records, now_ms=now)
    session.add(Account(account_id="70000900", name="Other", kind="provider", created_at_ms=now))
    session.flush()
    for key in (OTHER_PROVIDER, OTHER_SUBSCRIBER):
        session.add(app_key_row(key, now_ms=now, label="test"))
    session.commit()


def post(client, key: DemoKey | None, account: str, endpoint: str, body: dict[str, Any], **over):
    path = f"/messaging_history/api/account/{account}/conversations/{endpoint}?limit=100&v=2"
    if key is None:
        response = client.post(path, json=body)
    else:
        response = send_signed(client, "POST", path, oauth1_for(key, **over), json=body)
    assert response.status_code < 500, response.get_json()
    return response


def body_for(endpoint: str, extra: dict[str, Any] | None = None, *, old: bool = False):
    extra = {"contentToRetrieve": ALL_SECTIONS, **(extra or {})}
    if endpoint == E1:
        return {"start": OLD_WIDE if old else WIDE, **extra}
    if endpoint == E2:
        ids = [cid(s, n) for s in STORED for n in (1, 2, 3)]
        return {"conversationIds": ids, **extra}
    return {"consumer": "consumer-1", **extra}


def expected_sections(categories: frozenset[str]) -> set[str]:
    return set().union(*(CATEGORY_SECTIONS[c] for c in categories))


def seen(answer: dict[str, Any]) -> dict[str, tuple[set[str], bool]]:
    """conversation id -> (sections sent besides info, whether info's PII fields came)."""
    result = {}
    for rec in answer["conversationHistoryRecords"]:
        info = rec["info"]
        result[info["conversationId"]] = (set(rec) - {"info"}, all(f in info for f in PII_INFO))
    assert answer["_metadata"]["count"] == len(result), answer["_metadata"]
    return result


def oracle(subscribers, endpoint: str, needs: frozenset[str] = frozenset(), *, old=False):
    """What a provider may see of some subscribers: {id: (sections, pii)} and who is left out."""
    visible: dict[str, tuple[set[str], bool]] = {}
    left_out: dict[str, str] = {}
    for sid in subscribers:
        grant = GRANTS.get(sid)
        if isinstance(grant, str):
            left_out[sid] = grant
            continue
        if grant is None:
            continue
        needed = needs | {"metadata"} | ({"consumer_pii"} if endpoint == E3 else set())
        if not needed <= grant:
            left_out[sid] = "category_not_granted:" + ",".join(sorted(needed - grant))
            continue
        stored = (1, 2, 3) if sid == "70000020" else (1, 2)
        if endpoint == E1:  # only E1 has a time range: old or recent conversations
            stored = tuple(n for n in stored if (n == 3) == old)
        if sid == "70000020":  # only what starts inside the covered window
            stored = tuple(n for n in stored if n == 3)
        numbers = stored
        for n in numbers:
            visible[cid(sid, n)] = (expected_sections(grant), "consumer_pii" in grant)
    return visible, left_out


def left_out_of(answer: dict[str, Any]) -> dict[str, str]:
    extension = answer["_metadata"]["marketplace"]
    return {x["accountId"]: x["reason"] for x in extension["subscribersLeftOut"]}


ENDPOINTS = [E1, E2, E3]
FILTERS = {
    "none": ({}, frozenset()),
    "keyword": ({"keyword": "bill"}, frozenset({"transcripts"})),
    "summary": ({"summary": "billing"}, frozenset({"transcripts"})),
    "sdeSearch": ({"sdeSearch": {"customerInfo": "12"}}, frozenset({"consumer_pii"})),
    "csat-only-metadata": ({"csat": {"from": 4}}, frozenset()),
    "survey": ({"surveyIds": ["545511613"]}, frozenset({"surveys"})),
}
E1_ONLY = {"keyword", "summary", "sdeSearch", "csat-only-metadata", "survey"}


def cells():
    for endpoint in ENDPOINTS:
        for name in FILTERS:
            if name in E1_ONLY and endpoint != E1:
                continue
            yield pytest.param(endpoint, name, id=f"{endpoint.split('/')[0]}-{name}")


@pytest.mark.parametrize(("endpoint", "filter_name"), list(cells()))
def test_provider_on_its_own_account_aggregates_what_the_contracts_allow(
    client, network, endpoint, filter_name
):
    extra, needs = FILTERS[filter_name]
    answer = post(client, PROVIDER_KEY, PROVIDER_ID, endpoint, body_for(endpoint, extra))
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    visible, left_out = oracle(STORED, endpoint, needs)
    assert seen(body) == visible
    for sid, reason in left_out.items():
        assert left_out_of(body)[sid] == reason
    for rec in body["conversationHistoryRecords"]:
        assert rec["info"]["brandId"] == rec["info"]["conversationId"].split("-")[1]


@pytest.mark.parametrize(("endpoint", "filter_name"), list(cells()))
@pytest.mark.parametrize("subscriber", STORED)
def test_provider_on_a_subscriber_account(client, network, subscriber, endpoint, filter_name):
    extra, needs = FILTERS[filter_name]
    answer = post(client, PROVIDER_KEY, subscriber, endpoint, body_for(endpoint, extra))
    grant = GRANTS[subscriber]
    if isinstance(grant, str):
        assert answer.status_code == 403, answer.get_json()
        assert answer.get_json()["reason"] == grant
        assert answer.get_json()["code"] == "consent_denied"
        return
    assert answer.status_code == 200, answer.get_json()
    visible, left_out = oracle([subscriber], endpoint, needs)
    assert seen(answer.get_json()) == visible
    assert left_out_of(answer.get_json()) == left_out


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_covered_window_decides_old_and_new_conversations(client, network, endpoint):
    old = endpoint == E1
    answer = post(client, PROVIDER_KEY, "70000020", endpoint, body_for(endpoint, old=old))
    visible, _ = oracle(["70000020"], endpoint, old=old)
    assert seen(answer.get_json()) == visible
    if endpoint == E1:  # the recent ones lie after the window's end
        recent = post(client, PROVIDER_KEY, "70000020", E1, body_for(E1))
        assert seen(recent.get_json()) == {}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_withheld_sections_are_reported_per_subscriber(client, network, endpoint):
    answer = post(client, PROVIDER_KEY, PROVIDER_ID, endpoint, body_for(endpoint)).get_json()
    withheld = {
        w["accountId"]: set(w["sections"])
        for w in answer["_metadata"]["marketplace"]["sectionsWithheld"]
    }
    for sid in ("70000013", "70000015"):
        grant = GRANTS[sid]
        assert isinstance(grant, frozenset)
        if endpoint == E3 and "consumer_pii" not in grant:
            assert sid not in withheld  # left out altogether
            continue
        missing = set(ALL_SECTIONS) - expected_sections(grant)
        if "consumer_pii" not in grant:
            missing |= {f"info.{f}" for f in PII_INFO_FIELDS}
        assert withheld[sid] == missing
    assert "70000001" not in withheld


@pytest.mark.parametrize(("endpoint", "filter_name"), list(cells()))
def test_subscriber_reads_all_of_its_own_account_and_nothing_else(
    client, network, endpoint, filter_name
):
    extra, _needs = FILTERS[filter_name]
    own = post(client, SUBSCRIBER_KEY, "70000001", endpoint, body_for(endpoint, extra))
    assert own.status_code == 200
    full = (expected_sections(ALL), True)
    assert seen(own.get_json()) == {cid("70000001", n): full for n in (1, 2)}
    assert "marketplace" not in own.get_json()["_metadata"]  # LivePerson's shape, unchanged


# Callers that may read none of these accounts, and what each gets on every one of them.
REFUSED = {
    "the-subscriber-elsewhere": (SUBSCRIBER_KEY, {}, 403),
    "another-subscriber": (OTHER_SUBSCRIBER, {}, 403),
    "another-provider": (OTHER_PROVIDER, {}, 403),
    "no-credential": (None, {}, 401),
    "bad-signature": (PROVIDER_KEY, {"client_secret": "wrong"}, 401),
}


@pytest.mark.parametrize(("endpoint", "filter_name"), list(cells()))
@pytest.mark.parametrize("caller", list(REFUSED))
def test_callers_without_a_right_get_nothing_on_any_account(
    client, network, caller, endpoint, filter_name
):
    key, signing, status = REFUSED[caller]
    extra, _needs = FILTERS[filter_name]
    for account in (PROVIDER_ID, *STORED):
        if caller == "the-subscriber-elsewhere" and account == "70000001":
            continue  # its own account: the test above
        refused = post(client, key, account, endpoint, body_for(endpoint, extra), **signing)
        assert refused.status_code == status, (account, refused.get_json())
        assert "conversationHistoryRecords" not in refused.get_json()
        if status == 403:
            assert refused.get_json()["reason"] == "account_mismatch"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_others_read_their_own_empty_accounts(client, network, endpoint):
    for key, account in ((OTHER_SUBSCRIBER, "70000002"), (OTHER_PROVIDER, "70000900")):
        own = post(client, key, account, endpoint, body_for(endpoint))
        assert own.status_code == 200
        assert seen(own.get_json()) == {}


def test_subscriber_ids_narrow_the_aggregate(client, network):
    body = body_for(E1, {"subscriberIds": ["70000013", "70000016", "70000999"]})
    answer = post(client, PROVIDER_KEY, PROVIDER_ID, E1, body).get_json()
    visible, _ = oracle(["70000013"], E1)
    assert seen(answer) == visible
    assert left_out_of(answer) == {"70000016": "contract_revoked", "70000999": "not_in_network"}


def test_subscriber_ids_are_only_for_a_providers_own_account(client, network):
    body = body_for(E1, {"subscriberIds": ["70000001"]})
    for key, account in ((PROVIDER_KEY, "70000001"), (SUBSCRIBER_KEY, "70000001")):
        refused = post(client, key, account, E1, body)
        assert refused.status_code == 400
        assert refused.get_json()["causes"][0].startswith("subscriberIds: ")
