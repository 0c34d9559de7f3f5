"""Throttling as LivePerson does it: 20 requests per second per account, a cap for all accounts.

The test app runs with throttling off (TestConfig); the tests here turn it on through the
``app_config`` fixture, each with a fresh in-memory count. The last test runs a real gunicorn
with two workers counting in Redis, with a key prefix of their own whose keys they delete.
"""

from __future__ import annotations

import concurrent.futures
import re
import secrets
import time
from typing import Any

import pytest
import redis
import requests
from alembic import command

from app import create_app
from app.api import throttling
from app.config import Config, TestConfig
from seed.demo import PROVIDER_KEY, SUBSCRIBER_KEY
from tests.conftest import BACKENDS, alembic_config
from tests.support.live_server import add_identities, gunicorn
from tests.support.openapi import check_test_response, load_spec
from tests.support.records import minimal_record
from tests.support.search_records import BASE_MS, DAY_MS
from tests.support.signing import oauth1_for, send_signed, signed_headers

pytestmark = pytest.mark.api

SUB1 = SUBSCRIBER_KEY.account_id
PROVIDER = PROVIDER_KEY.account_id
BODY = {"start": {"from": BASE_MS - DAY_MS, "to": BASE_MS + DAY_MS}}
BURST = 100
REDIS_URL = "redis://127.0.0.1:6379/5"


def e1(account_id: str) -> str:
    return f"/messaging_history/api/account/{account_id}/conversations/search"


def ingest(account_id: str) -> str:
    return f"/marketplace/api/account/{account_id}/conversations"


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"RATELIMIT_ENABLED": True}


def limits(**overrides: str) -> Any:
    """Parametrise a test's app_config: throttling on, with these RATELIMIT_* settings."""
    config = {
        "RATELIMIT_ENABLED": True,
        **{f"RATELIMIT_{k.upper()}": v for k, v in overrides.items()},
    }
    return pytest.mark.parametrize("app_config", [config], ids=[",".join(overrides)])


def search(client, account_id: str = SUB1, key=SUBSCRIBER_KEY):
    return send_signed(client, "POST", e1(account_id), oauth1_for(key), json=BODY)


def assert_too_many(response, *, mentions: str) -> int:
    """A 429 in the one error shape with a Retry-After of whole seconds; return the seconds."""
    assert response.status_code == 429, (response.status_code, response.get_json())
    body = response.get_json()
    assert body["code"] == "too_many_requests"
    assert mentions in body["message"]
    assert len(body["causes"]) == 1
    assert body["causes"][0].partition(": ")[2].startswith("at most ")
    assert re.fullmatch(r"[1-9][0-9]*", response.headers["Retry-After"])
    return int(response.headers["Retry-After"])


class TestBurst:
    def test_burst_on_one_account_is_throttled_and_others_are_not(self, app):
        # Signed beforehand, so that the burst is only the requests.
        headers = [
            signed_headers("POST", e1(SUB1), oauth1_for(SUBSCRIBER_KEY), json=BODY)
            for _ in range(BURST)
        ]
        plain = app.test_client()  # the contract checks come after the burst
        assert search(plain, PROVIDER, PROVIDER_KEY).status_code == 200  # warm the app up
        responses, ended = [], []
        started = time.monotonic()
        for index, signed in enumerate(headers):
            if index == BURST // 2:
                other = search(plain, PROVIDER, PROVIDER_KEY)  # another account, mid-burst
            responses.append(plain.post(e1(SUB1), json=BODY, headers=signed))
            ended.append(time.monotonic())

        statuses = [r.status_code for r in responses]
        assert set(statuses) <= {200, 429}, statuses
        assert statuses[:20] == [200] * 20
        # A request that ended within a second of the burst's start had all 20 in its window.
        in_window = [s for s, t in zip(statuses, ended, strict=True) if t < started + 1]
        assert len(in_window) > BURST // 2, "the burst was too slow to judge the limit"
        assert in_window[20:] == [429] * (len(in_window) - 20)
        for response in responses:
            check_test_response(app, response)
            if response.status_code == 429:
                assert assert_too_many(response, mentions=SUB1) == 1
        assert other.status_code == 200, other.get_json()

    @limits(per_account="3/second")
    def test_account_is_served_again_after_retry_after(self, client):
        assert [search(client).status_code for _ in range(3)] == [200] * 3
        wait = assert_too_many(search(client), mentions=SUB1)
        time.sleep(wait)
        assert search(client).status_code == 200

    @limits(per_account="3/second")
    def test_the_account_budget_is_shared_by_its_data_endpoints(self, client):
        signer = oauth1_for(SUBSCRIBER_KEY)
        batch = [minimal_record()]
        assert send_signed(client, "POST", ingest(SUB1), signer, json=batch).status_code == 200
        assert [search(client).status_code for _ in range(2)] == [200] * 2
        refused = send_signed(client, "POST", ingest(SUB1), signer, json=batch)
        assert_too_many(refused, mentions=SUB1)

    @limits(per_account="1/second")
    def test_requests_are_counted_before_authentication(self, client):
        assert client.post(e1(SUB1), json=BODY).status_code == 401
        assert_too_many(search(client), mentions=SUB1)


class TestOverallCap:
    @limits(overall="4/second")
    def test_all_accounts_together_are_capped_per_endpoint(self, client):
        callers = [(SUB1, SUBSCRIBER_KEY), (PROVIDER, PROVIDER_KEY)] * 3
        statuses = [search(client, account, key).status_code for account, key in callers[:4]]
        assert statuses == [200] * 4
        for account, key in callers[4:]:
            response = search(client, account, key)
            assert_too_many(response, mentions="all accounts")
            assert response.get_json()["causes"] == [
                "endpoint: at most 4 per second for all accounts together"
            ]
        # LivePerson counts the overall limit per resource: ingestion has its own.
        batch = [minimal_record()]
        signed = send_signed(client, "POST", ingest(SUB1), oauth1_for(SUBSCRIBER_KEY), json=batch)
        assert signed.status_code == 200, signed.get_json()


@limits(per_account="1/second", overall="1/second")
def test_health_discovery_and_login_are_not_throttled(client):
    for _ in range(3):
        assert client.get("/health").status_code == 200
        discovery = f"/api/account/{SUB1}/service/msgHist/baseURI.json?version=1.0"
        assert client.get(discovery).status_code == 200
        login = client.post(
            f"/api/account/{SUB1}/login?v=1.3", json={"username": "nobody", "password": "x"}
        )
        assert login.status_code == 401


@limits(per_account="2/second", storage_uri="redis://127.0.0.1:9/0")
def test_unreachable_redis_falls_back_to_counting_in_memory(client):
    # Nothing listens on port 9: every worker counts by itself, and nothing fails with a 5xx.
    assert [search(client).status_code for _ in range(2)] == [200] * 2
    assert_too_many(search(client), mentions=SUB1)


# -- configuration and contract, without a database -------------------------------------------


def test_test_config_turns_throttling_off_and_the_service_config_on(monkeypatch):
    monkeypatch.delenv("RATELIMIT_ENABLED", raising=False)
    assert Config().RATELIMIT_ENABLED is True
    assert TestConfig().RATELIMIT_ENABLED is False
    monkeypatch.setenv("RATELIMIT_ENABLED", "false")
    assert Config().RATELIMIT_ENABLED is False
    monkeypatch.setenv("RATELIMIT_ENABLED", "maybe")
    with pytest.raises(ValueError, match="RATELIMIT_ENABLED"):
        Config()


def test_a_limit_that_does_not_parse_stops_the_start():
    config = TestConfig(DATABASE_URL="sqlite://", RATELIMIT_ENABLED=True, RATELIMIT_OVERALL="lots")
    with pytest.raises(ValueError, match="RATELIMIT_OVERALL"):
        create_app(config)


def test_every_throttled_route_declares_429_with_retry_after():
    spec = load_spec()
    app = create_app(TestConfig(DATABASE_URL="sqlite://", RATELIMIT_ENABLED=True))
    try:
        rules = [r for r in app.url_map.iter_rules() if throttling.is_throttled_rule(r.rule)]
        unthrottled = {r.rule for r in app.url_map.iter_rules()} - {r.rule for r in rules}
    finally:
        app.extensions["db_engine"].dispose()
    assert {ingest("<account_id>"), e1("<account_id>")} <= {r.rule for r in rules}
    assert {"/health", "/api/account/<account_id>/login"} <= unthrottled
    missing = []
    for rule in rules:
        spec_path = spec.spec_path(rule.rule)
        if spec_path is None:
            continue  # test_openapi holds every route to have its path
        for method, operation in spec.operations(spec_path).items():
            declared = operation["responses"].get("429", {}).get("$ref")
            if declared != "#/components/responses/TooManyRequests":
                missing.append(f"{method} {spec_path}")
    assert missing == [], "throttled, so each must list '429': TooManyRequests in openapi.yaml"
    component = spec.at("/components/responses/TooManyRequests")
    assert component["headers"]["Retry-After"] == {"$ref": "#/components/headers/Retry-After"}


# -- two real gunicorn hosts, counts in one Redis --------------------------------------------

LIVE_LIMIT = "20/10 seconds"


@pytest.fixture(scope="module", params=BACKENDS)
def throttled_hosts(request, fresh_database, tmp_path_factory):
    """Two gunicorn hosts on one database, throttling in one Redis under a key prefix of their
    own: as two app hosts behind a load balancer (design.md section 5). Two hosts rather than
    two workers of one, because the kernel, not the test, decides which worker accepts."""
    store = redis.Redis.from_url(REDIS_URL, socket_timeout=2)
    try:
        store.ping()
    except redis.RedisError as error:
        pytest.fail(f"the throttling tests need Redis at {REDIS_URL}: {error}")
    prefix = f"mmi-test-{secrets.token_hex(6)}"
    url = fresh_database(request.param)
    command.upgrade(alembic_config(url), "head")
    add_identities(url)
    logs = tmp_path_factory.mktemp("gunicorn")
    env = {
        "RATELIMIT_ENABLED": "true",
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "RATELIMIT_KEY_PREFIX": prefix,
        # A window longer than any burst on a busy machine, so that the count must be exact.
        "RATELIMIT_PER_ACCOUNT": LIVE_LIMIT,
        "WEB_CONCURRENCY": "1",
    }
    try:
        with gunicorn(url, logs / "a.txt", **env) as a, gunicorn(url, logs / "b.txt", **env) as b:
            yield (a, b), store, prefix
    finally:
        keys = list(store.scan_iter(match=f"*{prefix}*"))
        if keys:
            store.delete(*keys)
        store.close()


@pytest.mark.slow
def test_burst_across_two_hosts_shares_one_limit(throttled_hosts):
    hosts, store, prefix = throttled_hosts
    path = e1(SUB1)
    signer = oauth1_for(SUBSCRIBER_KEY)

    def call(i: int) -> tuple[int, requests.Response]:
        host = i % 2
        return host, requests.post(hosts[host] + path, json=BODY, auth=signer, timeout=20)

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(call, range(BURST)))
    elapsed = time.monotonic() - started

    assert elapsed < 10, f"the burst took {elapsed:.2f} s, more than the limit's window"
    statuses = sorted(r.status_code for _, r in answers)
    # Half the burst went to each host, and yet the account got 20 in all: the count is shared.
    assert statuses == [200] * 20 + [429] * (BURST - 20), statuses
    assert {host for host, r in answers if r.status_code == 429} == {0, 1}
    for _, response in answers:
        if response.status_code == 429:
            body = response.json()
            assert body["code"] == "too_many_requests"
            assert body["causes"] == ["accountId: at most 20 per 10 seconds for one account"]
            assert 1 <= int(response.headers["Retry-After"]) <= 10
    assert any(prefix in key.decode() for key in store.scan_iter(match=f"*{prefix}*"))
