"""The service under a real gunicorn, called by real HTTP clients (requests, requests-oauthlib)."""

from __future__ import annotations

import concurrent.futures

import pytest
import requests
from alembic import command

from seed.demo import SUBSCRIBER_ADMIN, SUBSCRIBER_KEY
from tests.conftest import BACKENDS, alembic_config
from tests.support.live_server import add_identities, gunicorn
from tests.support.records import minimal_record
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
