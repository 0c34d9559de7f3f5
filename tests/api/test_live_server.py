"""The service under a real gunicorn, called by real HTTP clients (requests, requests-oauthlib)."""

from __future__ import annotations

import concurrent.futures

import pytest
import requests
from alembic import command

from seed.demo import SUBSCRIBER_ADMIN, SUBSCRIBER_KEY
from tests.conftest import BACKENDS, alembic_config
from tests.support.live_server import add_identities, gunicorn
from tests.support.records import START_MS, minimal_record
from tests.support.signing import oauth1_for

pytestmark = [pytest.mark.api, pytest.mark.slow]


@pytest.fixture(scope="module", params=BACKENDS)
def live_url(request, fresh_database, tmp_path_factory):
    url = fresh_database(request.param)
    command.upgrade(alembic_config(url), "head")
    add_identities(url)
    with gunicorn(url, tmp_path_factory.mktemp("gunicorn") / "log.txt") as base:
        yield base


def test_discovery_then_signed_ingest(live_url):
    discovered = requests.get(
        f"{live_url}/api/account/70000001/service/msgHist/baseURI.json?version=1.0", timeout=5
    ).json()
    base = f"http://{discovered['baseURI']}"
    assert base == live_url
    path = f"{base}/marketplace/api/account/70000001/conversations?source=live_test"
    response = requests.post(
        path, json=[minimal_record()], auth=oauth1_for(SUBSCRIBER_KEY), timeout=10
    )
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 1


def test_wrong_secret_is_refused(live_url):
    path = f"{live_url}/marketplace/api/account/70000001/conversations"
    signer = oauth1_for(SUBSCRIBER_KEY, client_secret="not-the-secret")
    response = requests.post(path, json=[minimal_record()], auth=signer, timeout=10)
    assert response.status_code == 401
    assert response.json()["reason"] == "oauth_problem=signature_invalid"


def test_login_bearer_and_logout(live_url):
    issued = requests.post(
        f"{live_url}/api/account/70000001/login?v=1.3",
        json={"username": SUBSCRIBER_ADMIN.username, "password": SUBSCRIBER_ADMIN.password},
        timeout=10,
    ).json()
    auth = {"Authorization": f"Bearer {issued['bearer']}"}
    path = f"{live_url}/marketplace/api/account/70000001/conversations"
    assert requests.post(path, json=[minimal_record()], headers=auth, timeout=10).status_code == 200
    assert requests.post(f"{live_url}/api/account/70000001/logout", headers=auth, timeout=10).ok
    assert requests.post(path, json=[minimal_record()], headers=auth, timeout=10).status_code == 401


def test_concurrent_signed_requests_all_succeed(live_url):
    path = f"{live_url}/marketplace/api/account/70000001/conversations"

    def call(i):
        record = minimal_record(conversation_id=f"parallel-{i}")
        return requests.post(
            path, json=[record], auth=oauth1_for(SUBSCRIBER_KEY), timeout=20
        ).status_code

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(call, range(40)))
    assert statuses == [200] * 40


def test_forwarded_scheme_is_not_trusted_without_trusted_proxies(live_url):
    """TRUSTED_PROXIES=0 trusts no proxy: a request that claims ``X-Forwarded-Proto: https``
    is still verified over the http URL it came in on, so a signature over the https URL fails,
    and the same request signed over its real URL passes."""
    path = "/marketplace/api/account/70000001/conversations"
    https_url = live_url.replace("http://", "https://") + path
    claimed = requests.Request(
        "POST", https_url, json=[minimal_record()], auth=oauth1_for(SUBSCRIBER_KEY)
    ).prepare()
    claimed.url = live_url + path
    claimed.headers["X-Forwarded-Proto"] = "https"
    with requests.Session() as http:
        refused = http.send(claimed, timeout=10)
    assert refused.status_code == 401, refused.text
    assert refused.json()["reason"] == "oauth_problem=signature_invalid"
    honest = requests.post(
        live_url + path,
        json=[minimal_record()],
        auth=oauth1_for(SUBSCRIBER_KEY),
        headers={"X-Forwarded-Proto": "https"},
        timeout=10,
    )
    assert honest.status_code == 200, honest.text


def test_concurrent_provider_reads_leave_exactly_one_audit_record_each(live_url):
    """200 provider searches from 20 threads at once against gunicorn's workers: every one is
    answered, and the audit holds exactly 200 more records, one per request."""
    from seed.demo import PROVIDER_ID, PROVIDER_KEY

    ingest = f"{live_url}/marketplace/api/account/70000001/conversations"
    records = [minimal_record(conversation_id=f"audit-{i}") for i in range(3)]
    stored = requests.post(ingest, json=records, auth=oauth1_for(SUBSCRIBER_KEY), timeout=10)
    assert stored.status_code == 200, stored.text
    audit = f"{live_url}/marketplace/api/account/{PROVIDER_ID}/audit?limit=1"

    def audit_count() -> int:
        answer = requests.get(audit, auth=oauth1_for(PROVIDER_KEY), timeout=10)
        assert answer.status_code == 200, answer.text
        return int(answer.json()["_metadata"]["count"])

    before = audit_count()
    search = f"{live_url}/messaging_history/api/account/{PROVIDER_ID}/conversations/search"
    window = {"from": START_MS - 86_400_000, "to": START_MS + 86_400_000}
    body = {"start": window, "contentToRetrieve": []}

    def read(i: int) -> int:
        with requests.Session() as http:
            response = http.post(
                f"{search}?offset={i % 3}", json=body, auth=oauth1_for(PROVIDER_KEY), timeout=60
            )
        return response.status_code

    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(read, range(200)))
    assert statuses == [200] * 200
    assert audit_count() == before + 200
