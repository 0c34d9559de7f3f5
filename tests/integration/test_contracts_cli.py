"""`flask contracts record|list|revoke`: the same rules as the API, through the same service."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.models import Contract
from seed.demo import PROVIDER_ID, SUBSCRIBER_KEY
from tests.support.signing import oauth1_for, send_signed

pytestmark = pytest.mark.integration

JAN_2025 = 1_735_689_600_000
JAN_2030 = 1_893_456_000_000
END_OF_2025 = 1_767_225_599_999


def flask(app, *args):
    return app.test_cli_runner().invoke(args=["contracts", *args])


def record_args(subscriber="70000005", **options):
    args = {
        "--provider": PROVIDER_ID,
        "--subscriber": subscriber,
        "--categories": "metadata, transcripts",
        "--effective-from": "2025-01-01",
        "--agreement-ref": "CLI-1",
    }
    args.update(options)
    return [item for key, value in args.items() if value is not None for item in (key, value)]


def newest(session, subscriber_id):
    return session.scalar(
        sa.select(Contract)
        .where(Contract.subscriber_id == subscriber_id)
        .order_by(Contract.contract_id.desc())
        .execution_options(populate_existing=True)
    )


def test_record_list_supersede_revoke_round_trip(app, client, session):
    old = newest(session, "70000001")
    result = flask(
        app,
        "record",
        *record_args(
            "70000001",
            **{
                "--expires-at": "2030-01-01T00:00:00Z",
                "--covers-from": str(JAN_2025),
                "--covers-to": "2025-12-31T23:59:59.999+00:00",
                "--supersedes": str(old.contract_id),
                "--by": "ops@platform",
            },
        ),
    )
    assert result.exit_code == 0, result.output
    new = newest(session, "70000001")
    assert f"recorded contract {new.contract_id} (active)" in result.output
    assert f"revoked contract {old.contract_id}: superseded by {new.contract_id}" in result.output
    assert (new.effective_from_ms, new.expires_at_ms) == (JAN_2025, JAN_2030)
    assert (new.covers_from_ms, new.covers_to_ms) == (JAN_2025, END_OF_2025)
    assert new.categories == ("metadata", "transcripts")
    assert (new.created_by, new.supersedes_id) == ("ops@platform", old.contract_id)

    listed = flask(app, "list", "--account", "70000001")
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert lines[0].split()[:4] == ["id", "state", "provider", "subscriber"]
    assert lines[1].split()[:2] == [str(old.contract_id), "revoked"]
    assert f"superseded by {new.contract_id}" in lines[1]
    assert lines[2].split()[:2] == [str(new.contract_id), "active"]
    assert "2025-01-01T00:00:00Z..2025-12-31T23:59:59Z" in lines[2]
    assert lines[-1] == "2 contracts"

    revoked = flask(
        app, "revoke", str(new.contract_id), "--reason", "Asked by phone.", "--by", "sam"
    )
    assert revoked.exit_code == 0, revoked.output
    assert f"revoked contract {new.contract_id} by sam: Asked by phone." in revoked.output
    # The API sees what the command line did, on the very next request.
    path = f"/marketplace/api/account/70000001/contracts/{new.contract_id}"
    response = send_signed(client, "GET", path, oauth1_for(SUBSCRIBER_KEY))
    assert response.json["state"] == "revoked"
    assert (response.json["revokedBy"], response.json["revocationReason"]) == (
        "sam",
        "Asked by phone.",
    )

    again = flask(app, "revoke", str(new.contract_id), "--reason", "twice", "--by", "sam")
    assert again.exit_code == 1
    assert f"Contract {new.contract_id} is already revoked." in again.output


def test_times_as_epoch_ms_and_dates_mean_the_same(app, session):
    by_date = flask(app, "record", *record_args(**{"--effective-from": "2025-01-01"}))
    first = newest(session, "70000005")
    by_ms = flask(app, "record", *record_args(**{"--effective-from": str(JAN_2025)}))
    second = newest(session, "70000005")
    assert (by_date.exit_code, by_ms.exit_code) == (0, 0)
    assert first.effective_from_ms == second.effective_from_ms == JAN_2025


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"--categories": "metadata,emails"}, "categories.1: Must be one of:"),
        ({"--categories": " , "}, "categories: Must name at least one category."),
        ({"--agreement-ref": " "}, "agreementRef: Must not be blank."),
        (
            {"--covers-from": "2025-02-01", "--covers-to": "2025-01-01"},
            "coversTo: Must not be before coversFrom.",
        ),
        ({"--provider": "70000001"}, "providerId: Account 70000001 is not a provider account."),
        ({"--supersedes": "999999"}, "supersedes: There is no contract 999999."),
    ],
)
def test_record_refuses_what_the_api_refuses(app, session, options, message):
    before = session.scalar(sa.select(sa.func.count()).select_from(Contract))
    result = flask(app, "record", *record_args(**options))
    assert result.exit_code == 1
    assert message in result.output
    assert session.scalar(sa.select(sa.func.count()).select_from(Contract)) == before


def test_a_time_that_is_no_time_is_a_usage_error(app):
    result = flask(app, "record", *record_args(**{"--effective-from": "next tuesday"}))
    assert result.exit_code == 2
    assert "neither epoch milliseconds nor an ISO-8601 time" in result.output


def test_list_filters_by_state(app):
    result = flask(app, "list", "--account", PROVIDER_ID, "--state", "expired")
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()[1:-1]
    assert [row.split()[1:4] for row in rows] == [["expired", PROVIDER_ID, "70000017"]]
    assert result.output.splitlines()[-1] == "1 contract"


@pytest.mark.parametrize(
    ("account", "message"),
    [
        ("70099999", "Account 70099999 is a platform account, party to no contract."),
        ("79999999", "There is no account 79999999."),
    ],
)
def test_list_needs_a_party(app, account, message):
    result = flask(app, "list", "--account", account)
    assert result.exit_code == 1
    assert message in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["999999", "--reason", "x", "--by", "me"], "There is no contract 999999."),
        (["1", "--reason", " ", "--by", "me"], "reason: Must not be blank."),
    ],
)
def test_revoke_refuses(app, args, message):
    result = flask(app, "revoke", *args)
    assert result.exit_code == 1
    assert message in result.output
