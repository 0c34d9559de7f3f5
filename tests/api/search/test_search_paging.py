"""Query parameters of the searches: offset, limit, sort, and the _metadata of the answer.

docs/decisions.md: ``offset`` zero-based (default 0), ``limit`` 1..100 (default 50); ``sort``
``start``/``end`` with optional ``:asc``/``:desc`` (alone: asc), default ``start:desc``; ties
broken by conversationId in the same direction; by ``end``, open conversations come after every
closed one ascending and before them descending. ``_metadata``: ``count`` of all matches,
``self``, ``next`` when offset + limit < count, ``prev`` when offset > 0 (offset
max(0, offset - limit)), ``shardsStatusResult.partialResult`` false; links are absolute URLs of
the same request with offset and limit set. ``rollover`` is accepted and changes nothing;
unknown query parameters are ignored.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.search.search_helpers import E1, link_query, link_target, record_ids
from tests.support.search_records import MINUTE_MS, at, conversation

pytestmark = pytest.mark.api

WINDOW = {"from": at(-60), "to": at(60)}
# (id, start minute, end minute or None for open): ids deliberately not in time order, and
# many ties in start and in end.
ROWS = [
    ("m-17", 0, 5),
    ("m-03", 0, 5),
    ("m-09", 0, None),
    ("m-21", 0, 7),
    ("m-01", 10, 12),
    ("m-14", 10, 12),
    ("m-05", 10, None),
    ("m-22", 20, 25),
    ("m-11", 20, 25),
    ("m-07", 20, 25),
    ("m-19", 20, None),
    ("m-02", 30, 31),
    ("m-12", 30, 31),
    ("m-04", -30, 7),
    ("m-16", -30, -20),
    ("m-08", -30, None),
    ("m-20", -30, -20),
    ("m-10", 45, 50),
    ("m-06", 45, 50),
    ("m-15", 45, 46),
    ("m-13", 50, None),
    ("m-18", 50, 51),
    ("m-23", -50, -40),
]
OUTSIDE = [("x-early", -80, -70), ("x-late", 80, 85), ("x-open-late", 90, None)]


def _record(cid: str, start_minute: int, end_minute: int | None) -> dict[str, Any]:
    if end_minute is None:
        return conversation(cid, at(start_minute), status="OPEN")
    # End ties need equal end times although the starts differ.
    return conversation(cid, at(start_minute), end_ms=at(end_minute) + (3 * MINUTE_MS))


def _expected(sort: str) -> list[str]:
    field, _, order = sort.partition(":")
    if field == "start":
        ordered = sorted(ROWS, key=lambda r: (r[1], r[0]))
    else:
        closed = sorted((r for r in ROWS if r[2] is not None), key=lambda r: (r[2], r[0]))
        ordered = closed + sorted((r for r in ROWS if r[2] is None), key=lambda r: r[0])
    ids = [r[0] for r in ordered]
    return ids[::-1] if order == "desc" else ids


@pytest.fixture
def paged(api):
    api.ingest([_record(*row) for row in ROWS + OUTSIDE])
    return api


@pytest.mark.parametrize(
    ("sort", "meaning"),
    [
        ("start:asc", "start:asc"),
        ("start:desc", "start:desc"),
        ("end:asc", "end:asc"),
        ("end:desc", "end:desc"),
        ("start", "start:asc"),
        ("end", "end:asc"),
        (None, "start:desc"),
    ],
)
def test_walking_every_page_yields_each_match_once_in_order(paged, sort, meaning):
    body = {"start": WINDOW}
    query = "limit=7" if sort is None else f"limit=7&sort={sort}"
    path, seen, pages = E1, [], 0
    while True:
        answer = paged.ok(body, query, path)
        metadata = answer["_metadata"]
        assert metadata["count"] == len(ROWS)
        page = record_ids(answer)
        assert len(page) == min(7, len(ROWS) - len(seen))
        seen.extend(page)
        pages += 1
        assert ("prev" in metadata) == (pages > 1)
        if "next" not in metadata:
            break
        assert link_query(metadata["next"])["offset"] == str(len(seen))
        path, query = link_target(metadata["next"])
        assert pages < 10, "next links never end"
    assert pages == 4
    assert sorted(seen) == sorted(r[0] for r in ROWS)
    assert seen == _expected(meaning)


@pytest.mark.parametrize("sort", ["start:asc", "end:desc"])
def test_offset_pages_join_into_the_whole_result(paged, sort):
    whole = record_ids(paged.ok({"start": WINDOW}, f"limit=100&sort={sort}"))
    pieces = []
    for offset in range(0, len(ROWS), 5):
        pieces += record_ids(paged.ok({"start": WINDOW}, f"limit=5&offset={offset}&sort={sort}"))
    assert pieces == whole == _expected(sort)


def test_metadata_links_keep_the_request_and_set_offset_and_limit(paged):
    query = "limit=4&offset=6&sort=start:asc&source=unit_tests&v=2&cache=123"
    answer = paged.ok({"start": WINDOW}, query)
    metadata = answer["_metadata"]
    assert metadata["count"] == len(ROWS)
    assert metadata["shardsStatusResult"] == {"partialResult": False}
    assert record_ids(answer) == _expected("start:asc")[6:10]
    same = {"sort": "start:asc", "source": "unit_tests", "v": "2", "cache": "123"}
    for rel, offset in (("self", "6"), ("next", "10"), ("prev", "2")):
        link = metadata[rel]
        assert link["rel"] == rel
        assert link_target(link)[0] == E1
        assert link_query(link) == {**same, "offset": offset, "limit": "4"}


def test_metadata_defaults_without_query_parameters(paged):
    answer = paged.ok({"start": WINDOW})
    metadata = answer["_metadata"]
    assert link_query(metadata["self"]) == {"offset": "0", "limit": "50"}
    assert "next" not in metadata
    assert "prev" not in metadata
    assert record_ids(answer) == _expected("start:desc")  # default sort


@pytest.mark.parametrize(
    ("offset", "limit", "prev_offset", "has_next", "size"),
    [
        (1, 5, "0", True, 5),  # prev never goes below 0
        (5, 5, "0", True, 5),
        (20, 5, "15", False, 3),  # the last, partial page
        (18, 5, "13", False, 5),  # offset + limit == count: no next
        (23, 5, "18", False, 0),  # offset == count: nothing left
        (40, 10, "30", False, 0),  # beyond the end
    ],
)
def test_prev_and_next_links(paged, offset, limit, prev_offset, has_next, size):
    answer = paged.ok({"start": WINDOW}, f"offset={offset}&limit={limit}")
    metadata = answer["_metadata"]
    assert metadata["count"] == len(ROWS)
    assert len(answer["conversationHistoryRecords"]) == size
    assert link_query(metadata["prev"])["offset"] == prev_offset
    assert link_query(metadata["prev"])["limit"] == str(limit)
    assert ("next" in metadata) == has_next


def test_default_limit_is_fifty_and_limit_goes_to_a_hundred(api):
    api.ingest([conversation(f"n-{i:03d}", at(0) + i) for i in range(105)])
    default = api.ok({})
    assert default["_metadata"]["count"] == 105
    assert len(default["conversationHistoryRecords"]) == 50
    assert link_query(default["_metadata"]["next"]) == {"offset": "50", "limit": "50"}
    full = api.ok({}, "limit=100")
    assert len(full["conversationHistoryRecords"]) == 100
    rest = api.ok({}, "limit=100&offset=100")
    assert len(rest["conversationHistoryRecords"]) == 5
    assert set(record_ids(full)) | set(record_ids(rest)) == {f"n-{i:03d}" for i in range(105)}


@pytest.mark.parametrize(
    "query", ["rollover=true", "rollover=false", "rollover=TRUE", "rollover=tRuE", "v=2", "v=1"]
)
def test_rollover_and_version_change_no_matches(paged, query):
    baseline = record_ids(paged.ok({"start": WINDOW}, "limit=100"))
    assert record_ids(paged.ok({"start": WINDOW}, f"limit=100&{query}")) == baseline


def test_unknown_query_parameters_are_ignored(paged):
    baseline = record_ids(paged.ok({"start": WINDOW}, "limit=100"))
    answer = paged.ok({"start": WINDOW}, "limit=100&_=1712345&foo=bar")
    assert record_ids(answer) == baseline
