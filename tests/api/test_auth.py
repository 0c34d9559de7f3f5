"""Authentication as LivePerson clients do it: OAuth 1.0 app keys and login bearer tokens."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from app.models import Account, BearerToken
from seed.demo import ANALYST, PROVIDER_KEY, SUBSCRIBER_ADMIN, SUBSCRIBER_KEY
from tests.support.records import minimal_record
from tests.support.signing import oauth1_for, send_signed, signed_headers

pytestmark = pytest.mark.api

SUB1_INGEST = "/marketplace/api/account/70000001/conversations"


def assert_json_error(response, status, reason=None):
    assert response.status_code == status
    assert response.is_json
    body = response.json
    assert isinstance(body["message"], str)
    assert body["message"]
    assert isinstance(body["causes"], list)
    if reason:
        assert reason in body["reason"]


class TestOAuth1:
    def test_signed_request_gets_through(self, client):
        response = send_signed(
            client, "POST", SUB1_INGEST, oauth1_for(SUBSCRIBER_KEY), json=[minimal_record()]
        )
        assert response.status_code == 200, response.json
        assert response.json["created"] == 1

    def test_query_string_is_signed(self, client):
        path = SUB1_INGEST + "?source=unit_test&v=2"
        response = send_signed(
            client, "POST", path, oauth1_for(SUBSCRIBER_KEY), json=[minimal_record()]
        )
        assert response.status_code == 200
        headers = signed_headers("POST", path, oauth1_for(SUBSCRIBER_KEY), json=[minimal_record()])
        tampered = client.post(
            SUB1_INGEST + "?source=other&v=2", json=[minimal_record()], headers=headers
        )
        assert_json_error(tampered, 401, "signature_invalid")

    @pytest.mark.parametrize(
        ("override", "reason"),
        [
            ({"client_secret": "wrong"}, "signature_invalid"),
            ({"resource_owner_secret": "wrong"}, "signature_invalid"),
            ({"resource_owner_key": "someone-elses-token"}, "signature_invalid"),
            ({"client_key": "no-such-key"}, "consumer_key_unknown"),
            ({"timestamp": str(int(time.time()) - 3600)}, "timestamp_refused"),
            ({"timestamp": str(int(time.time()) + 3600)}, "timestamp_refused"),
        ],
    )
    def test_bad_signatures_get_401(self, client, override, reason):
        response = send_signed(
            client,
            "POST",
            SUB1_INGEST,
            oauth1_for(SUBSCRIBER_KEY, **override),
            json=[minimal_record()],
        )
        assert_json_error(response, 401, reason)
        assert "WWW-Authenticate" in response.headers

    def test_replayed_nonce_gets_401(self, client):
        record = minimal_record()
        headers = signed_headers("POST", SUB1_INGEST, oauth1_for(SUBSCRIBER_KEY), json=[record])
        first = client.post(SUB1_INGEST, json=[record], headers=headers)
        assert first.status_code == 200
        replay = client.post(SUB1_INGEST, json=[record], headers=headers)
        assert_json_error(replay, 401, "nonce_used")

    def test_provider_key_on_another_providers_account_gets_403(self, client, session):
        session.add(
            Account(
                account_id="71000000", name="Other Marketplace", kind="provider", created_at_ms=0
            )
        )
        session.commit()
        path = "/marketplace/api/account/71000000/conversations"
        response = send_signed(
            client, "POST", path, oauth1_for(PROVIDER_KEY), json=[minimal_record("71000000")]
        )
        assert_json_error(response, 403, "account_mismatch")

    def test_subscriber_key_on_another_subscriber_gets_403(self, client):
        path = "/marketplace/api/account/70000002/conversations"
        response = send_signed(
            client, "POST", path, oauth1_for(SUBSCRIBER_KEY), json=[minimal_record("70000002")]
        )
        assert_json_error(response, 403, "account_mismatch")

    def test_key_without_the_permission_gets_403(self, client):
        path = "/marketplace/api/account/70000000/conversations"
        response = send_signed(
            client, "POST", path, oauth1_for(PROVIDER_KEY), json=[minimal_record("70000000")]
        )
        assert_json_error(response, 403, "permission_missing")


class TestNoCredential:
    @pytest.mark.parametrize(
        ("headers", "reason"),
        [
            ({}, "missing_credentials"),
            ({"Authorization": "Basic dXNlcjpwYXNz"}, "unsupported_scheme"),
            ({"Authorization": "Bearer "}, "token_rejected"),
            ({"Authorization": "Bearer not-a-real-token"}, "token_rejected"),
            ({"Authorization": "OAuth garbage"}, "oauth_problem"),
        ],
    )
    def test_missing_or_bad_credentials_get_401(self, client, headers, reason):
        response = client.post(SUB1_INGEST, json=[minimal_record()], headers=headers)
        assert_json_error(response, 401, reason)


def login(client, account_id, username, password):
    return client.post(
        f"/api/account/{account_id}/login?v=1.3", json={"username": username, "password": password}
    )


class TestLogin:
    def test_login_returns_bearer_and_csrf(self, client):
        response = login(client, "70000001", SUBSCRIBER_ADMIN.username, SUBSCRIBER_ADMIN.password)
        assert response.status_code == 200
        body = response.json
        assert len(body["bearer"]) >= 32
        assert len(body["csrf"]) >= 16
        assert body["config"]["accountId"] == "70000001"

    def test_bearer_is_accepted(self, client):
        bearer = login(
            client, "70000001", SUBSCRIBER_ADMIN.username, SUBSCRIBER_ADMIN.password
        ).json["bearer"]
        response = client.post(
            SUB1_INGEST, json=[minimal_record()], headers={"Authorization": f"Bearer {bearer}"}
        )
        assert response.status_code == 200

    def test_only_the_token_hash_is_stored(self, client, session):
        bearer = login(
            client, "70000001", SUBSCRIBER_ADMIN.username, SUBSCRIBER_ADMIN.password
        ).json["bearer"]
        stored = session.scalars(sa.select(BearerToken.token_hash)).all()
        assert bearer not in stored
        assert len(stored) == 1

    @pytest.mark.parametrize(
        ("account_id", "username", "password"),
        [
            ("70000001", "sub1-admin", "wrong"),
            ("70000001", "nobody", "sub1-pass"),
            ("70000000", "sub1-admin", "sub1-pass"),  # right user, wrong account
        ],
    )
    def test_bad_login_gets_401(self, client, account_id, username, password):
        assert_json_error(login(client, account_id, username, password), 401)

    @pytest.mark.parametrize(
        ("body", "cause"),
        [
            ({"username": "analyst"}, "password: Missing data for required field."),
            ({"username": "analyst", "password": "x", "extra": 1}, "extra: Unknown field."),
            ({"username": 5, "password": "x"}, "username: Not a valid string."),
        ],
    )
    def test_malformed_login_gets_400(self, client, body, cause):
        response = client.post("/api/account/70000000/login?v=1.3", json=body)
        assert_json_error(response, 400)
        assert cause in response.json["causes"]

    def test_expired_bearer_gets_401(self, client, session):
        bearer = login(client, "70000000", ANALYST.username, ANALYST.password).json["bearer"]
        session.execute(sa.update(BearerToken).values(expires_at_ms=int(time.time() * 1000) - 1))
        response = client.post(
            "/marketplace/api/account/70000000/conversations",
            json=[],
            headers={"Authorization": f"Bearer {bearer}"},
        )
        assert_json_error(response, 401, "token_expired")

    def test_logged_out_bearer_gets_401(self, client):
        bearer = login(
            client, "70000001", SUBSCRIBER_ADMIN.username, SUBSCRIBER_ADMIN.password
        ).json["bearer"]
        auth = {"Authorization": f"Bearer {bearer}"}
        assert client.post("/api/account/70000001/logout", headers=auth).status_code == 200
        response = client.post(SUB1_INGEST, json=[minimal_record()], headers=auth)
        assert_json_error(response, 401, "token_revoked")

    def test_refresh_needs_the_csrf_of_the_token(self, client):
        issued = login(
            client, "70000001", SUBSCRIBER_ADMIN.username, SUBSCRIBER_ADMIN.password
        ).json
        auth = {"Authorization": f"Bearer {issued['bearer']}"}
        bad = client.post("/api/account/70000001/refresh", json={"csrf": "not-it"}, headers=auth)
        assert_json_error(bad, 401, "csrf")
        good = client.post(
            "/api/account/70000001/refresh", json={"csrf": issued["csrf"]}, headers=auth
        )
        assert good.status_code == 200
        assert good.json["expiresAt"] > int(time.time() * 1000)

    def test_bearer_of_one_account_cannot_log_out_on_another(self, client):
        bearer = login(
            client, "70000001", SUBSCRIBER_ADMIN.username, SUBSCRIBER_ADMIN.password
        ).json["bearer"]
        response = client.post(
            "/api/account/70000000/logout", headers={"Authorization": f"Bearer {bearer}"}
        )
        assert_json_error(response, 403)


def test_nonces_outside_the_window_are_cleared(client, session):
    from app.models import OAuthNonce

    old = int(time.time()) - 3600
    session.add(
        OAuthNonce(consumer_key=SUBSCRIBER_KEY.consumer_key, timestamp=old, nonce="old-one")
    )
    session.add(
        OAuthNonce(consumer_key=PROVIDER_KEY.consumer_key, timestamp=old, nonce="other-key")
    )
    session.commit()
    response = send_signed(
        client, "POST", SUB1_INGEST, oauth1_for(SUBSCRIBER_KEY), json=[minimal_record()]
    )
    assert response.status_code == 200
    left = session.execute(sa.select(OAuthNonce.consumer_key, OAuthNonce.timestamp)).all()
    assert (SUBSCRIBER_KEY.consumer_key, old) not in left
    assert (PROVIDER_KEY.consumer_key, old) in left
    assert len([k for k, _ in left if k == SUBSCRIBER_KEY.consumer_key]) == 1
