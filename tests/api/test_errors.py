"""One JSON error shape for every error: routing, validation, auth, limits, database, bugs."""

from __future__ import annotations

import pytest

from app import create_app
from app.config import TestConfig
from seed.demo import SUBSCRIBER_KEY
from tests.support.records import minimal_record
from tests.support.signing import oauth1_for, send_signed

pytestmark = pytest.mark.api

INGEST = "/marketplace/api/account/70000001/conversations"


def assert_error_shape(response, status):
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.json
    assert set(body) >= {"message", "code", "causes"}
    assert isinstance(body["message"], str)
    assert body["message"]
    assert isinstance(body["code"], str)
    assert body["code"]
    assert isinstance(body["causes"], list)
    assert set(body) <= {"message", "code", "causes", "reason", "errors", "internalCode"}


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/no/such/route", 404),
        ("GET", "/messaging_history/api/account/70000001/nothing", 404),
        ("GET", INGEST, 405),
        ("DELETE", "/health", 405),
        ("POST", INGEST, 401),
        ("POST", "/api/account/70000001/login", 400),
    ],
)
def test_framework_and_service_errors_share_the_shape(client, method, path, status):
    assert_error_shape(client.open(path, method=method), status)


def test_405_says_what_is_allowed(client):
    response = client.get(INGEST)
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]


def test_validation_error_names_field_and_rule(client):
    record = minimal_record()
    record["info"]["mcs"] = 101
    response = send_signed(client, "POST", INGEST, oauth1_for(SUBSCRIBER_KEY), json=[record])
    assert_error_shape(response, 400)
    assert response.json["causes"] == ["records.0.info.mcs: Must be between 0 and 100."]
    assert response.json["errors"] == {
        "records": {"0": {"info": {"mcs": [response.json["causes"][0].split(": ", 1)[1]]}}}
    }


def test_database_down_gets_503_not_500(tmp_path):
    # A PostgreSQL port nothing listens on: the service is up, its database is not.
    app = create_app(TestConfig(DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:9/none"))
    response = app.test_client().get("/health")
    assert_error_shape(response, 503)
    assert response.headers["Retry-After"]
    assert "psycopg" not in response.get_data(as_text=True)


def test_unexpected_exception_gets_500_without_details(app, client):
    def explode():
        raise RuntimeError("secret internals")

    app.add_url_rule("/test-only/explode", "explode", explode)
    response = client.get("/test-only/explode")
    assert_error_shape(response, 500)
    assert response.json["internalCode"].startswith("0008-")
    assert "secret internals" not in response.get_data(as_text=True)
