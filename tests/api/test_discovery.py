"""Domain discovery (CSDS) answers as LivePerson's does, for every service we serve."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.api

SERVICES = ["msgHist", "agentVep", "marketplaceReporting"]


@pytest.mark.parametrize("suffix", [".json", ""])
@pytest.mark.parametrize("service", SERVICES)
def test_single_service_points_at_us(client, service, suffix):
    response = client.get(f"/api/account/70000001/service/{service}/baseURI{suffix}?version=1.0")
    assert response.status_code == 200
    assert response.json == {"service": service, "account": "70000001", "baseURI": "127.0.0.1:8000"}


@pytest.mark.parametrize("suffix", [".json", ""])
def test_all_services_list(client, suffix):
    response = client.get(f"/api/account/70000000/service/baseURI{suffix}?version=1.0")
    assert response.status_code == 200
    assert response.json == {
        "baseURIs": [
            {"service": s, "account": "70000000", "baseURI": "127.0.0.1:8000"} for s in SERVICES
        ]
    }


@pytest.mark.parametrize(
    "authorization",
    ['OAuth oauth_consumer_key="nobody", oauth_signature="bad"', "Bearer not-a-token", "junk"],
)
def test_authorization_header_is_ignored(client, authorization):
    response = client.get(
        "/api/account/70000001/service/msgHist/baseURI.json?version=1.0",
        headers={"Authorization": authorization},
    )
    assert response.status_code == 200
    assert response.json["baseURI"] == "127.0.0.1:8000"


def test_version_may_be_omitted(client):
    assert client.get("/api/account/70000001/service/msgHist/baseURI.json").status_code == 200


@pytest.mark.parametrize(
    ("path", "status", "cause"),
    [
        (
            "/api/account/70000001/service/nope/baseURI.json?version=1.0",
            404,
            "service: must be one of",
        ),
        (
            "/api/account/70000001/service/msgHist/baseURI.json?version=2.0",
            400,
            "version: must be 1.0",
        ),
        ("/api/account/99999999/service/msgHist/baseURI.json?version=1.0", 401, None),
    ],
)
def test_bad_lookups_get_json_errors(client, path, status, cause):
    response = client.get(path)
    assert response.status_code == status
    assert response.is_json
    assert response.json["message"]
    if cause:
        assert any(c.startswith(cause) for c in response.json["causes"])


def test_public_host_is_configurable(app, client):
    app.config["PUBLIC_HOST"] = "mi.example.test"
    response = client.get("/api/account/70000001/service/msgHist/baseURI.json?version=1.0")
    assert response.json["baseURI"] == "mi.example.test"


def test_public_host_follows_the_port_by_default(monkeypatch):
    from app.config import Config

    monkeypatch.delenv("PUBLIC_HOST", raising=False)
    monkeypatch.setenv("PORT", "18000")
    assert Config().PUBLIC_HOST == "127.0.0.1:18000"
    monkeypatch.setenv("PUBLIC_HOST", "mi.example.test")
    assert Config().PUBLIC_HOST == "mi.example.test"
