"""Contracts over HTTP: recorded by the platform, listed with their history, revoked, superseded.

The demo identities give every state: 70000001-70000015 and 70000020 active, 70000016 revoked,
70000017 expired, 70000018 not yet in effect, 70000019 no contract at all.
"""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from app.models import Account, Contract, NetworkMembership
from seed.demo import (
    ANALYST,
    PLATFORM_ID,
    PLATFORM_KEY,
    PROVIDER_ID,
    PROVIDER_KEY,
    SUBSCRIBER_ADMIN,
    SUBSCRIBER_KEY,
    DemoKey,
    app_key_row,
)
from tests.support.signing import oauth1_for, send_signed

pytestmark = pytest.mark.api

DAY_MS = 86_400_000
BASE = "/marketplace/api/account"
RECORD = f"{BASE}/{PLATFORM_ID}/contracts"
SUB1 = "70000001"
ALL = ["metadata", "transcripts", "consumer_pii", "surveys"]
DEMO_STATES = {
    **{str(70000000 + n): "active" for n in (*range(1, 16), 20)},
    "70000016": "revoked",
    "70000017": "expired",
    "70000018": "not_yet_in_effect",
}


def now_ms():
    return int(time.time() * 1000)


def call(client, method, path, key=PLATFORM_KEY, json=None):
    return send_signed(client, method, path, oauth1_for(key), json=json)


def terms(**overrides):
    body = {
        "providerId": PROVIDER_ID,
        "subscriberId": "70000005",
        "categories": ["transcripts", "metadata"],
        "effectiveFrom": now_ms() - DAY_MS,
        "agreementRef": "MSA-TEST-1",
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not ...}


def record(client, **overrides):
    return call(client, "POST", RECORD, json=terms(**overrides))


def contract_of(session, subscriber_id):
    """The demo contract of a subscriber (the newest, when a test added more)."""
    return session.scalar(
        sa.select(Contract.contract_id)
        .where(Contract.subscriber_id == subscriber_id)
        .order_by(Contract.contract_id.desc())
    )


def listing(client, account_id, key, query=""):
    response = call(client, "GET", f"{BASE}/{account_id}/contracts{query}", key)
    assert response.status_code == 200, response.json
    return response.json


def revoke(client, contract_id, key=SUBSCRIBER_KEY, account_id=SUB1, reason="We stop sharing."):
    path = f"{BASE}/{account_id}/contracts/{contract_id}/revoke"
    return call(client, "POST", path, key, json={"reason": reason})


def assert_refused(response, status, reason=None, cause=None):
    assert response.status_code == status, response.json
    if reason is not None:
        assert response.json["reason"] == reason
    if cause is not None:
        assert cause in response.json["causes"], response.json["causes"]


def add_key(session, account_id, permissions, name="extra"):
    """Give an account an app key with some permissions; return its signing values."""
    key = DemoKey(
        account_id, f"{name}-key", f"{name}-secret", f"{name}-token", f"{name}-ts", permissions
    )
    session.add(app_key_row(key, now_ms=0, label="test key"))
    session.commit()
    return key


def add_subscriber(session, account_id, *, joined_at_ms=0, left_at_ms=None, member=True):
    session.add(
        Account(account_id=account_id, name="Late Bakery", kind="subscriber", created_at_ms=0)
    )
    session.flush()
    if member:
        session.add(
            NetworkMembership(
                provider_id=PROVIDER_ID,
                subscriber_id=account_id,
                joined_at_ms=joined_at_ms,
                left_at_ms=left_at_ms,
            )
        )
    session.commit()


def bearer_of(client, login):
    body = {"username": login.username, "password": login.password}
    response = client.post(f"/api/account/{login.account_id}/login?v=1.3", json=body)
    return {"Authorization": f"Bearer {response.json['bearer']}"}


class TestRecord:
    def test_platform_records_a_contract(self, client, session):
        covers = {"coversFrom": 1_735_689_600_000, "coversTo": 1_767_225_599_999}
        response = record(client, expiresAt=now_ms() + 365 * DAY_MS, **covers)
        assert response.status_code == 201, response.json
        body = response.json
        assert body["state"] == "active"
        assert body["categories"] == ["metadata", "transcripts"]  # the canonical order
        assert (body["providerId"], body["subscriberId"]) == (PROVIDER_ID, "70000005")
        assert body["coversFrom"] == covers["coversFrom"]
        assert body["createdBy"] == "app_key:demo-platform-key"
        assert not {"revokedAt", "supersedes", "supersededBy"} & set(body)
        stored = session.get(Contract, body["contractId"])
        assert stored.categories == ("metadata", "transcripts")
        assert stored.covers_to_ms == covers["coversTo"]

    def test_contract_of_the_future_is_not_yet_in_effect(self, client):
        response = record(client, effectiveFrom=now_ms() + DAY_MS, supersedes=None)
        assert response.status_code == 201
        assert response.json["state"] == "not_yet_in_effect"

    def test_contract_recorded_for_the_past_is_expired(self, client):
        start = now_ms() - 10 * DAY_MS
        response = record(client, effectiveFrom=start, expiresAt=start + DAY_MS)
        assert response.json["state"] == "expired"

    @pytest.mark.parametrize(
        ("overrides", "cause"),
        [
            ({"providerId": ...}, "providerId: Missing data for required field."),
            ({"subscriberId": ...}, "subscriberId: Missing data for required field."),
            ({"categories": ...}, "categories: Missing data for required field."),
            ({"effectiveFrom": ...}, "effectiveFrom: Missing data for required field."),
            ({"agreementRef": ...}, "agreementRef: Missing data for required field."),
            ({"providerId": "prov-1"}, "providerId: Must be an account id (digits)."),
            ({"subscriberId": ""}, "subscriberId: Must not be empty."),
            ({"categories": []}, "categories: Must name at least one category."),
            ({"categories": "metadata"}, "categories: Not a valid list."),
            (
                {"categories": ["metadata", "emails"]},
                "categories.1: Must be one of: metadata, transcripts, consumer_pii, surveys.",
            ),
            ({"effectiveFrom": -5}, "effectiveFrom: Must be between 0 and 253402300799999."),
            ({"effectiveFrom": "soon"}, "effectiveFrom: Not a valid integer."),
            ({"coversFrom": 20, "coversTo": 10}, "coversTo: Must not be before coversFrom."),
            (
                {"effectiveFrom": 1_000, "expiresAt": 1_000},
                "expiresAt: Must be after effectiveFrom.",
            ),
            ({"agreementRef": "   "}, "agreementRef: Must not be blank."),
            ({"agreementRef": "x" * 201}, "agreementRef: Longer than 200 characters."),
            ({"supersedes": 0}, "supersedes: Must be between 1 and 2147483647."),
            ({"colour": "blue"}, "colour: Unknown field."),
        ],
    )
    def test_invalid_terms_get_400_naming_the_field(self, client, session, overrides, cause):
        before = session.scalar(sa.select(sa.func.count()).select_from(Contract))
        response = record(client, **overrides)
        assert_refused(response, 400, cause=cause)
        assert session.scalar(sa.select(sa.func.count()).select_from(Contract)) == before

    def test_body_that_is_not_an_object_gets_400(self, client):
        response = call(client, "POST", RECORD, json=["metadata"])
        assert_refused(response, 400, cause="body: Invalid input type.")

    def test_null_counts_as_absent(self, client):
        response = record(client, expiresAt=None, coversFrom=None, supersedes=None)
        assert response.status_code == 201
        assert "expiresAt" not in response.json

    @pytest.mark.parametrize(
        ("overrides", "cause"),
        [
            ({"providerId": SUB1}, f"providerId: Account {SUB1} is not a provider account."),
            ({"providerId": "79999999"}, "providerId: Account 79999999 is not a provider account."),
            (
                {"subscriberId": PROVIDER_ID},
                f"subscriberId: Account {PROVIDER_ID} is not a subscriber account.",
            ),
            (
                {"subscriberId": PLATFORM_ID},
                f"subscriberId: Account {PLATFORM_ID} is not a subscriber account.",
            ),
        ],
    )
    def test_accounts_of_the_wrong_kind_get_400(self, client, overrides, cause):
        assert_refused(record(client, **overrides), 400, cause=cause)

    @pytest.mark.parametrize(
        "membership",
        [
            {"member": False},
            {"left_at_ms": 1_000},
            {"joined_at_ms": 253_402_300_799_999},
        ],
        ids=["never-joined", "left", "not-yet-joined"],
    )
    def test_subscriber_outside_the_network_gets_400(self, client, session, membership):
        add_subscriber(session, "70000031", **membership)
        response = record(client, subscriberId="70000031")
        assert_refused(
            response, 400, cause="subscriberId: Account 70000031 is not in the network of 70000000."
        )

    def test_every_broken_rule_is_named(self, client):
        response = record(client, providerId=SUB1, subscriberId=PROVIDER_ID, supersedes=999_999)
        assert response.status_code == 400
        assert response.json["causes"] == [
            f"providerId: Account {SUB1} is not a provider account.",
            f"subscriberId: Account {PROVIDER_ID} is not a subscriber account.",
            "supersedes: There is no contract 999999.",
        ]
        assert set(response.json["errors"]) == {"providerId", "subscriberId", "supersedes"}

    @pytest.mark.parametrize(
        ("key", "account_id", "reason"),
        [
            (PROVIDER_KEY, PROVIDER_ID, "permission_missing"),
            (PROVIDER_KEY, PLATFORM_ID, "account_mismatch"),
            (SUBSCRIBER_KEY, PLATFORM_ID, "account_mismatch"),
            (PLATFORM_KEY, PROVIDER_ID, "account_mismatch"),
        ],
    )
    def test_other_credentials_get_403(self, client, key, account_id, reason):
        response = call(client, "POST", f"{BASE}/{account_id}/contracts", key, json=terms())
        assert_refused(response, 403, reason)
        assert response.json["code"] == "forbidden"

    def test_contracts_admin_of_a_provider_account_gets_403(self, client, session):
        key = add_key(session, PROVIDER_ID, ["contracts_admin"])
        response = call(client, "POST", f"{BASE}/{PROVIDER_ID}/contracts", key, json=terms())
        assert_refused(response, 403, "wrong_account_kind")

    def test_without_a_credential_gets_401(self, client):
        assert client.post(RECORD, json=terms()).status_code == 401


class TestList:
    def test_provider_sees_every_contract_it_is_party_to_with_its_state(self, client):
        body = listing(client, PROVIDER_ID, PROVIDER_KEY)
        contracts = body["contracts"]
        assert body["_metadata"]["count"] == len(contracts) == 19
        assert [c["contractId"] for c in contracts] == sorted(c["contractId"] for c in contracts)
        assert {c["providerId"] for c in contracts} == {PROVIDER_ID}
        assert {c["subscriberId"]: c["state"] for c in contracts} == DEMO_STATES
        revoked = next(c for c in contracts if c["state"] == "revoked")
        assert revoked["revocationReason"] == "Subscriber withdrew consent (demo)"

    def test_subscriber_sees_only_its_own(self, client):
        contracts = listing(client, SUB1, SUBSCRIBER_KEY)["contracts"]
        assert [(c["subscriberId"], c["state"]) for c in contracts] == [(SUB1, "active")]

    def test_a_subscriber_does_not_see_contracts_of_others(self, client, session):
        other = contract_of(session, "70000002")
        assert record(client, subscriberId="70000002", supersedes=other).status_code == 201
        assert len(listing(client, SUB1, SUBSCRIBER_KEY)["contracts"]) == 1

    @pytest.mark.parametrize(
        ("query", "subscribers"),
        [
            ("?state=revoked", ["70000016"]),
            ("?state=expired", ["70000017"]),
            ("?state=not_yet_in_effect", ["70000018"]),
            ("?state=active", sorted(s for s, st in DEMO_STATES.items() if st == "active")),
            ("?subscriberId=70000005", ["70000005"]),
            ("?subscriberId=70000019", []),
            ("?subscriberId=70000016&state=active", []),
            ("?providerId=71000000", []),  # the provider's own role, naming another account
        ],
    )
    def test_provider_filters(self, client, query, subscribers):
        body = listing(client, PROVIDER_ID, PROVIDER_KEY, query)
        assert [c["subscriberId"] for c in body["contracts"]] == subscribers
        assert body["_metadata"]["count"] == len(subscribers)

    @pytest.mark.parametrize(
        ("query", "count"),
        [("?providerId=70000000", 1), ("?providerId=71000000", 0), ("?state=revoked", 0)],
    )
    def test_subscriber_filters(self, client, query, count):
        assert listing(client, SUB1, SUBSCRIBER_KEY, query)["_metadata"]["count"] == count

    def test_pages_with_links(self, client):
        body = listing(client, PROVIDER_ID, PROVIDER_KEY, "?limit=5&offset=5&state=active")
        metadata = body["_metadata"]
        assert len(body["contracts"]) == 5
        assert metadata["count"] == 16
        assert metadata["next"]["href"].endswith("state=active&limit=5&offset=10")
        assert metadata["prev"]["href"].endswith("state=active&limit=5&offset=0")
        everything = listing(client, PROVIDER_ID, PROVIDER_KEY, "?state=active")["contracts"]
        assert body["contracts"] == everything[5:10]

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ("?limit=101", "limit"),
            ("?limit=0", "limit"),
            ("?offset=-1", "offset"),
            ("?state=gone", "state"),
            ("?subscriberId=abc", "subscriberId"),
        ],
    )
    def test_bad_query_gets_400(self, client, query, field):
        response = call(client, "GET", f"{BASE}/{PROVIDER_ID}/contracts{query}", PROVIDER_KEY)
        assert response.status_code == 400
        assert response.json["causes"][0].startswith(f"{field}: ")

    def test_analyst_login_lists_too(self, client):
        response = client.get(f"{BASE}/{PROVIDER_ID}/contracts", headers=bearer_of(client, ANALYST))
        assert response.status_code == 200
        assert response.json["_metadata"]["count"] == 19

    @pytest.mark.parametrize(
        ("key", "account_id", "reason"),
        [
            (PLATFORM_KEY, PLATFORM_ID, "permission_missing"),
            (PLATFORM_KEY, PROVIDER_ID, "account_mismatch"),
            (SUBSCRIBER_KEY, "70000002", "account_mismatch"),
            (SUBSCRIBER_KEY, PROVIDER_ID, "account_mismatch"),
            (PROVIDER_KEY, SUB1, "account_mismatch"),
        ],
    )
    def test_other_accounts_get_403(self, client, key, account_id, reason):
        response = call(client, "GET", f"{BASE}/{account_id}/contracts", key)
        assert_refused(response, 403, reason)

    def test_platform_with_consent_is_party_to_nothing(self, client, session):
        key = add_key(session, PLATFORM_ID, ["consent"])
        response = call(client, "GET", f"{BASE}/{PLATFORM_ID}/contracts", key)
        assert_refused(response, 403, "wrong_account_kind")

    def test_credential_without_consent_gets_403(self, client, session):
        key = add_key(session, SUB1, ["read"])
        response = call(client, "GET", f"{BASE}/{SUB1}/contracts", key)
        assert_refused(response, 403, "permission_missing")


class TestGetOne:
    def test_each_party_reads_the_contract(self, client, session):
        contract_id = contract_of(session, SUB1)
        for account_id, key in ((SUB1, SUBSCRIBER_KEY), (PROVIDER_ID, PROVIDER_KEY)):
            response = call(client, "GET", f"{BASE}/{account_id}/contracts/{contract_id}", key)
            assert response.status_code == 200
            assert response.json["contractId"] == contract_id
            assert response.json["state"] == "active"

    @pytest.mark.parametrize("subscriber", ["70000002", None])
    def test_others_contracts_and_missing_ones_are_404_alike(self, client, session, subscriber):
        contract_id = contract_of(session, subscriber) if subscriber else 999_999
        response = call(client, "GET", f"{BASE}/{SUB1}/contracts/{contract_id}", SUBSCRIBER_KEY)
        assert_refused(response, 404)
        assert response.json["message"] == f"There is no contract {contract_id} of account {SUB1}."

    def test_contract_of_another_provider_is_404(self, client, session):
        session.add(Account(account_id="71000000", name="Other", kind="provider", created_at_ms=0))
        session.flush()
        session.add(
            NetworkMembership(provider_id="71000000", subscriber_id="70000003", joined_at_ms=0)
        )
        session.flush()
        other = Contract(
            provider_id="71000000",
            subscriber_id="70000003",
            grants_metadata=True,
            grants_transcripts=False,
            grants_consumer_pii=False,
            grants_surveys=False,
            effective_from_ms=0,
            agreement_ref="OTHER",
            created_at_ms=0,
            created_by="test",
        )
        session.add(other)
        session.commit()
        path = f"{BASE}/{PROVIDER_ID}/contracts/{other.contract_id}"
        assert_refused(call(client, "GET", path, PROVIDER_KEY), 404)
        listed = listing(client, PROVIDER_ID, PROVIDER_KEY)["contracts"]
        assert other.contract_id not in {c["contractId"] for c in listed}


class TestRevoke:
    def test_subscriber_revokes_and_the_next_request_sees_it(self, client, session):
        contract_id = contract_of(session, SUB1)
        before = now_ms()
        response = revoke(client, contract_id, reason="We stop sharing transcripts.")
        assert response.status_code == 200, response.json
        body = response.json
        assert body["state"] == "revoked"
        assert body["revocationReason"] == "We stop sharing transcripts."
        assert body["revokedBy"] == "app_key:demo-sub1-key"
        assert before <= body["revokedAt"] <= now_ms()
        assert listing(client, SUB1, SUBSCRIBER_KEY)["contracts"][0]["state"] == "revoked"
        provider_view = listing(client, PROVIDER_ID, PROVIDER_KEY, "?subscriberId=70000001")
        assert provider_view["contracts"][0]["state"] == "revoked"
        stored = session.get(Contract, contract_id, populate_existing=True)
        assert (stored.revoked_at_ms, stored.revoked_by) == (body["revokedAt"], body["revokedBy"])

    def test_second_revocation_is_409_and_keeps_the_first_stamp(self, client, session):
        contract_id = contract_of(session, SUB1)
        first = revoke(client, contract_id, reason="first")
        second = revoke(client, contract_id, reason="second")
        assert_refused(second, 409, cause=f"contractId: contract {contract_id} is already revoked")
        assert second.json["code"] == "conflict"
        again = call(client, "GET", f"{BASE}/{SUB1}/contracts/{contract_id}", SUBSCRIBER_KEY)
        assert again.json["revocationReason"] == "first"
        assert again.json["revokedAt"] == first.json["revokedAt"]

    def test_revoked_demo_contract_is_409(self, client, session):
        contract_id = contract_of(session, "70000016")
        key = add_key(session, "70000016", ["consent"])
        assert_refused(revoke(client, contract_id, key, "70000016"), 409)

    def test_login_revokes_under_its_username(self, client, session):
        contract_id = contract_of(session, SUB1)
        path = f"{BASE}/{SUB1}/contracts/{contract_id}/revoke"
        response = client.post(
            path, json={"reason": "Closing shop."}, headers=bearer_of(client, SUBSCRIBER_ADMIN)
        )
        assert response.status_code == 200
        assert response.json["revokedBy"] == "user:sub1-admin"

    def test_another_subscriber_cannot_revoke(self, client, session):
        contract_id = contract_of(session, "70000002")
        assert_refused(revoke(client, contract_id), 404)
        assert_refused(revoke(client, contract_id, account_id="70000002"), 403, "account_mismatch")
        stored = session.get(Contract, contract_id, populate_existing=True)
        assert stored.revoked_at_ms is None

    def test_provider_cannot_revoke(self, client, session):
        contract_id = contract_of(session, SUB1)
        own = revoke(client, contract_id, PROVIDER_KEY, PROVIDER_ID)
        assert_refused(own, 403, "wrong_account_kind")
        assert_refused(revoke(client, contract_id, PROVIDER_KEY, SUB1), 403, "account_mismatch")
        assert session.get(Contract, contract_id, populate_existing=True).revoked_at_ms is None

    def test_platform_cannot_revoke(self, client, session):
        contract_id = contract_of(session, SUB1)
        assert_refused(revoke(client, contract_id, PLATFORM_KEY, PLATFORM_ID), 403)

    @pytest.mark.parametrize(
        ("body", "cause"),
        [
            ({}, "reason: Missing data for required field."),
            ({"reason": ""}, "reason: Must not be empty."),
            ({"reason": " \n "}, "reason: Must not be blank."),
            ({"reason": "x" * 501}, "reason: Longer than 500 characters."),
            ({"reason": 7}, "reason: Not a valid string."),
            ({"reason": "ok", "at": 1}, "at: Unknown field."),
        ],
    )
    def test_bad_reason_gets_400(self, client, session, body, cause):
        contract_id = contract_of(session, SUB1)
        path = f"{BASE}/{SUB1}/contracts/{contract_id}/revoke"
        assert_refused(call(client, "POST", path, SUBSCRIBER_KEY, json=body), 400, cause=cause)
        assert session.get(Contract, contract_id, populate_existing=True).revoked_at_ms is None

    def test_reason_of_500_characters_is_kept_whole(self, client, session):
        response = revoke(client, contract_of(session, SUB1), reason="y" * 500)
        assert response.json["revocationReason"] == "y" * 500


class TestSupersede:
    def test_new_terms_revoke_the_old_contract_in_the_same_transaction(self, client, session):
        old_id = contract_of(session, SUB1)
        response = record(client, subscriberId=SUB1, categories=["metadata"], supersedes=old_id)
        assert response.status_code == 201, response.json
        new = response.json
        assert new["supersedes"] == old_id
        assert new["state"] == "active"
        history = listing(client, SUB1, SUBSCRIBER_KEY)["contracts"]
        assert [c["contractId"] for c in history] == [old_id, new["contractId"]]
        old = history[0]
        assert old["state"] == "revoked"
        assert old["revocationReason"] == f"superseded by {new['contractId']}"
        assert old["revokedBy"] == "app_key:demo-platform-key"
        assert old["supersededBy"] == new["contractId"]
        assert old["categories"] == ALL  # the old terms stay as they were

    def test_superseded_contract_cannot_be_superseded_or_revoked_again(self, client, session):
        old_id = contract_of(session, SUB1)
        assert record(client, subscriberId=SUB1, supersedes=old_id).status_code == 201
        again = record(client, subscriberId=SUB1, supersedes=old_id)
        assert_refused(again, 400, cause=f"supersedes: Contract {old_id} is already revoked.")
        assert_refused(revoke(client, old_id), 409)

    def test_contract_of_another_pair_cannot_be_superseded(self, client, session):
        other = contract_of(session, "70000002")
        response = record(client, subscriberId=SUB1, supersedes=other)
        cause = (
            f"supersedes: Contract {other} is between 70000000 and 70000002, "
            "not 70000000 and 70000001."
        )
        assert_refused(response, 400, cause=cause)
        assert session.get(Contract, other, populate_existing=True).revoked_at_ms is None

    def test_a_refused_supersede_stores_nothing(self, client, session):
        revoked = contract_of(session, "70000016")
        before = session.scalar(sa.select(sa.func.count()).select_from(Contract))
        response = record(client, subscriberId="70000016", supersedes=revoked)
        assert_refused(response, 400, cause=f"supersedes: Contract {revoked} is already revoked.")
        assert session.scalar(sa.select(sa.func.count()).select_from(Contract)) == before


class TestNetwork:
    def network(self, client, query=""):
        response = call(client, "GET", f"{BASE}/{PROVIDER_ID}/network{query}", PROVIDER_KEY)
        assert response.status_code == 200, response.json
        return response.json

    def test_every_subscriber_with_where_its_consent_stands(self, client, session):
        body = self.network(client, "?limit=100")
        members = {m["subscriberId"]: m for m in body["subscribers"]}
        assert body["_metadata"]["count"] == 20
        assert list(members) == sorted(members)
        states = {sid: m["consent"]["state"] for sid, m in members.items()}
        assert states == {**DEMO_STATES, "70000019": "none"}
        assert all(m["member"] and "leftAt" not in m for m in members.values())
        assert members["70000013"]["consent"]["categories"] == ["metadata"]
        assert members["70000015"]["consent"]["categories"] == [
            "metadata",
            "transcripts",
            "surveys",
        ]
        assert "coversTo" in members["70000020"]["consent"]
        revoked = members["70000016"]["consent"]
        assert set(revoked) == {"state", "contractId"}
        assert revoked["contractId"] == contract_of(session, "70000016")
        assert members["70000019"]["consent"] == {"state": "none"}
        assert members["70000001"]["name"]

    def test_revocation_and_supersede_show_at_once(self, client, session):
        assert revoke(client, contract_of(session, SUB1)).status_code == 200
        pending = {"effectiveFrom": now_ms() + DAY_MS}
        second = record(
            client, subscriberId="70000002", supersedes=contract_of(session, "70000002"), **pending
        )
        third = record(
            client,
            subscriberId="70000003",
            supersedes=contract_of(session, "70000003"),
            categories=["surveys"],
        )
        assert (second.status_code, third.status_code) == (201, 201)
        members = {m["subscriberId"]: m for m in self.network(client, "?limit=3")["subscribers"]}
        assert members[SUB1]["consent"]["state"] == "revoked"
        assert members["70000002"]["consent"]["state"] == "not_yet_in_effect"
        assert members["70000003"]["consent"]["state"] == "active"
        assert members["70000003"]["consent"]["categories"] == ["surveys"]
        assert members["70000003"]["consent"]["contractId"] == contract_of(session, "70000003")

    def test_former_member_is_not_in_the_network(self, client, session):
        add_subscriber(session, "70000031", left_at_ms=now_ms() - DAY_MS)
        page = self.network(client, "?offset=20")
        assert page["_metadata"]["count"] == 21
        (member,) = page["subscribers"]
        assert member["subscriberId"] == "70000031"
        assert member["member"] is False
        assert member["leftAt"] < now_ms()
        assert member["consent"] == {"state": "not_in_network"}

    def test_pages(self, client):
        page = self.network(client, "?limit=5&offset=15")
        assert [m["subscriberId"] for m in page["subscribers"]] == [
            str(70000016 + i) for i in range(5)
        ]
        assert "next" not in page["_metadata"]
        assert page["_metadata"]["prev"]["href"].endswith("limit=5&offset=10")

    def test_bad_limit_gets_400(self, client):
        response = call(client, "GET", f"{BASE}/{PROVIDER_ID}/network?limit=500", PROVIDER_KEY)
        assert_refused(response, 400)
        assert response.json["causes"][0].startswith("limit: ")

    @pytest.mark.parametrize(
        ("key", "account_id", "reason"),
        [
            (SUBSCRIBER_KEY, SUB1, "wrong_account_kind"),
            (SUBSCRIBER_KEY, PROVIDER_ID, "account_mismatch"),
            (PLATFORM_KEY, PROVIDER_ID, "account_mismatch"),
            (PLATFORM_KEY, PLATFORM_ID, "permission_missing"),
        ],
    )
    def test_only_the_provider_lists_its_network(self, client, key, account_id, reason):
        response = call(client, "GET", f"{BASE}/{account_id}/network", key)
        assert_refused(response, 403, reason)


def test_a_revocation_holds_for_the_next_search(client, session):
    search = f"/messaging_history/api/account/{SUB1}/conversations/search"
    body = {"start": {"from": now_ms() - DAY_MS, "to": now_ms()}}
    before = call(client, "POST", search, PROVIDER_KEY, json=body)
    assert before.status_code == 200, before.json
    assert revoke(client, contract_of(session, SUB1)).status_code == 200
    after = call(client, "POST", search, PROVIDER_KEY, json=body)
    assert_refused(after, 403, "contract_revoked")
    assert after.json["code"] == "consent_denied"
