"""Decomposition of a record into stored rows: what is derived, and what comes back out."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from app.models.conversation import SECTION_COLUMNS, join_info
from app.services.decompose import INFO_PII_FIELDS, decompose
from schemas.records import load_record

pytestmark = pytest.mark.unit

FIXTURES = Path(__file__).parent.parent / "fixtures" / "records"


@pytest.fixture
def full_record():
    return load_record(json.loads((FIXTURES / "full_record.json").read_text()))


def test_sections_give_the_record_back(full_record):
    rows = decompose(full_record, ingested_at_ms=0)
    assert not set(INFO_PII_FIELDS) & set(orjson.loads(rows.sections["info"]))
    assert (
        orjson.loads(join_info(rows.sections["info"], rows.sections["info_pii"]))
        == full_record["info"]
    )
    for key, column in SECTION_COLUMNS.items():
        if key in full_record:
            assert orjson.loads(rows.sections[column]) == full_record[key]
        else:
            assert rows.sections[column] is None


def test_join_info_without_pii_is_the_stored_info():
    assert join_info('{"conversationId":"c"}', None) == '{"conversationId":"c"}'
    assert join_info('{"a":1}', '{"ipAddress":"1.2.3.4"}') == '{"a":1,"ipAddress":"1.2.3.4"}'


def test_same_content_in_another_key_order_hashes_the_same(full_record):
    reordered = json.loads(json.dumps(full_record))
    reordered["info"] = dict(reversed(list(reordered["info"].items())))
    reordered = dict(reversed(list(reordered.items())))
    first = decompose(full_record, ingested_at_ms=0).content_hash
    assert decompose(load_record(reordered), ingested_at_ms=0).content_hash == first
    changed = json.loads(json.dumps(full_record))
    changed["info"]["mcs"] = (changed["info"].get("mcs", 0) + 1) % 100
    assert decompose(changed, ingested_at_ms=0).content_hash != first


def test_derived_values_of_a_bot_escalation(full_record):
    rows = decompose(full_record, ingested_at_ms=0)
    conversation = rows.conversation
    assert conversation["account_id"] == full_record["info"]["brandId"]
    assert conversation["start_time_ms"] == full_record["info"]["startTimeL"]
    assert conversation["last_update_ms"] >= conversation["start_time_ms"]
    facets = dict.fromkeys(f for f, _ in rows.facets)
    assert {"skill", "message_type"} <= set(facets)
    assert ("messages" in dict(rows.texts)) == bool(full_record.get("messageRecords"))
