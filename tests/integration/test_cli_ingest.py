"""`flask ingest FILE`: JSON, search responses and NDJSON, validated, a batch per transaction."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from app.models import Conversation
from tests.support.records import START_MS, minimal_record

pytestmark = pytest.mark.integration


def records(n, prefix="cli"):
    return [
        minimal_record(conversation_id=f"{prefix}-{i}", start_ms=START_MS + i) for i in range(n)
    ]


def stored_ids(session):
    return set(session.scalars(sa.select(Conversation.conversation_id)))


@pytest.mark.parametrize(
    "layout",
    [
        lambda rs: json.dumps(rs),
        lambda rs: json.dumps(
            {"_metadata": {"count": len(rs)}, "conversationHistoryRecords": rs}, indent=2
        ),
        lambda rs: "\n".join(json.dumps(r) for r in rs) + "\n",
    ],
    ids=["json-list", "search-response", "ndjson"],
)
def test_ingests_every_layout(app, session, tmp_path, layout):
    path = tmp_path / "records.json"
    path.write_text(layout(records(7)))
    result = app.test_cli_runner().invoke(args=["ingest", str(path), "--batch-size", "3"])
    assert result.exit_code == 0, result.output
    assert "created: 7" in result.output
    assert stored_ids(session) == {f"cli-{i}" for i in range(7)}


def test_bad_record_names_its_index_and_keeps_earlier_batches(app, session, tmp_path):
    rs = records(6)
    rs[4]["info"]["status"] = "MAYBE"
    path = tmp_path / "records.ndjson"
    path.write_text("\n".join(json.dumps(r) for r in rs))
    result = app.test_cli_runner().invoke(args=["ingest", str(path), "--batch-size", "3"])
    assert result.exit_code != 0
    assert "records.4.info.status: Must be one of: OPEN, CLOSE." in result.output
    assert "3 records before it were" in result.output
    assert stored_ids(session) == {"cli-0", "cli-1", "cli-2"}


def test_unknown_account_is_refused(app, session, tmp_path):
    path = tmp_path / "records.json"
    path.write_text(json.dumps([minimal_record("79999999")]))
    result = app.test_cli_runner().invoke(args=["ingest", str(path)])
    assert result.exit_code != 0
    assert "account 79999999 does not exist" in result.output
    assert stored_ids(session) == set()


def test_second_run_changes_nothing(app, session, tmp_path):
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records(4)))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["ingest", str(path)]).exit_code == 0
    again = runner.invoke(args=["ingest", str(path)])
    assert "unchanged: 4" in again.output
    assert "created: 0" in again.output


def test_purge_nonces_removes_only_expired_ones(app, session):
    import time

    from app.models import OAuthNonce

    now = int(time.time())
    session.add_all(
        [
            OAuthNonce(consumer_key="k", timestamp=now - 3600, nonce="expired"),
            OAuthNonce(consumer_key="k", timestamp=now, nonce="fresh"),
        ]
    )
    session.commit()
    result = app.test_cli_runner().invoke(args=["purge-nonces"])
    assert result.exit_code == 0, result.output
    assert "purged 1 nonces" in result.output
    assert session.scalars(sa.select(OAuthNonce.nonce)).all() == ["fresh"]
