"""A real LivePerson client, unchanged, against the real server: the Singer tap tap-liveperson.

The tap (Fishtown Analytics' ``tap-liveperson`` 1.0.1 from PyPI, pinned with everything it
imports in ``tap-liveperson-requirements.txt``) runs from a virtual environment of its own under
``.venv-compat/`` (built once by ``tap_venv.ensure_venv``). It syncs the
``messaging_interactions`` stream of subscriber 70000001 the way it syncs LivePerson's:

* domain discovery: ``GET http://api.liveperson.net/api/account/{id}/service/msgHist/
  baseURI.json?version=1.0``, signed (our server ignores the signature there);
* then, from ``start_date`` in 7-day windows until now, ``POST https://{baseURI}/messaging_history
  /api/account/{id}/conversations/search?v=2&offset=..&limit=100&sort=start:asc`` with
  ``{"start": {"from", "to"}, "contentToRetrieve": [...]}``, paging until
  ``ceil(_metadata.count / 100)`` pages, every call signed with OAuth 1.0 (requests-oauthlib);
* a STATE message after each window, ``{"bookmarks": {"messaging_interactions": {"field":
  "updated_at", "last_record": "<window start, %Y-%m-%dT%H:%M:%SZ>"}}}``: the bookmark is the
  window's *start*, so a run started from the saved state syncs the last window again, and only
  that one. Every record is passed through singer's Transformer with the stream's schema, which
  fails the run on a value of the wrong type or a time string it cannot parse.

How the tap reaches the server without changing its code or patching its libraries
----------------------------------------------------------------------------------
The tap hard-codes ``http://api.liveperson.net`` for discovery and ``https://`` in front of the
discovered host. Both are reached through the ordinary means a client's environment offers,
nothing else (see ``edge.py``):

* ``HTTP_PROXY`` points the plain-HTTP discovery call at a forward proxy in the test process
  that routes ``api.liveperson.net`` (and no other host) to our gunicorn;
* the server's ``PUBLIC_HOST`` is a TLS-terminating reverse proxy on 127.0.0.1 whose certificate
  comes from a throwaway ``trustme`` CA, handed to the tap as ``REQUESTS_CA_BUNDLE``; it forwards
  with ``X-Forwarded-Proto: https``, and the server runs with ``TRUSTED_PROXIES=1``, as behind a
  production TLS edge, so that it verifies each OAuth 1.0 signature over exactly the
  ``https://`` URL the tap signed (the test checks the server's own view of it: the ``self``
  links of its answers).

The signature therefore covers what the server sees without any rewriting. Rejected
alternatives: a ``sitecustomize`` shim rewriting URLs inside requests before signing would patch
the client's HTTP stack and skip TLS and the proxy-aware signature check altogether; a DNS shim
would still be a patch, and would need the privileged port 80 for discovery.

Data: 350 conversations in the three 7-day windows from ``start_date`` (101, 200 and 49: the
first two more than a page of 100, the second an exact multiple of it, with start times tied in
threes across its page boundary), every one at least an hour from a window's edge, so that the
10-minute rounding of the windows' ``from``/``to`` cannot place one in two windows. They mix
tests/fixtures/records/full_record.json (every field), the search tests' every-section builder,
bare ones and, in the last window, open ones.
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
import requests
from alembic import command

from app.config import PROJECT_ROOT
from seed.demo import SUBSCRIBER_KEY
from tests.compat.edge import Edge, Forwarded
from tests.compat.tap_venv import ensure_venv
from tests.conftest import BACKENDS, alembic_config
from tests.support.live_server import add_identities, gunicorn
from tests.support.search_records import agent, conversation, full_conversation
from tests.support.signing import oauth1_for

pytestmark = [pytest.mark.api, pytest.mark.slow]

ACCOUNT = SUBSCRIBER_KEY.account_id
STREAM = "messaging_interactions"
LIVEPERSON_CSDS_HOST = "api.liveperson.net"
REQUIREMENTS = Path(__file__).with_name("tap-liveperson-requirements.txt")
WEEK = timedelta(days=7)
HOUR = timedelta(hours=1)
PAGE = 100  # the tap's page size
PER_WINDOW = (101, 200, 49)
TIED = 3  # conversations of the second window start in threes at the same millisecond
# The record of every section and field (tests/unit uses it too), moved to our times and ids.
FULL_RECORD = PROJECT_ROOT / "tests" / "fixtures" / "records" / "full_record.json"
_FULL_START_MS = 1_717_405_964_120
_TIME_STRING = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+0000")
_EPOCH_MS = re.compile(r"\b171[67]\d{9}\b")
DISCOVERY_PATH = f"/api/account/{ACCOUNT}/service/msgHist/baseURI.json"
DISCOVERY_URL = f"http://{LIVEPERSON_CSDS_HOST}{DISCOVERY_PATH}?version=1.0"


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


@dataclass(frozen=True)
class Window:
    start: datetime
    conversation_ids: tuple[str, ...]

    @property
    def from_ms(self) -> int:
        return _ms(self.start)


@dataclass
class TapRun:
    """What one run of the tap wrote and sent."""

    messages: list[dict[str, Any]]
    searches: list[Forwarded]
    discoveries: list[Forwarded]
    other_requests: list[Forwarded]
    log: str

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [m for m in self.messages if m["type"] == kind]

    @property
    def records(self) -> list[dict[str, Any]]:
        return [m["record"] for m in self.of_type("RECORD") if m["stream"] == STREAM]

    @property
    def schema_message(self) -> dict[str, Any]:
        (message,) = [m for m in self.of_type("SCHEMA") if m["stream"] == STREAM]
        return message

    @property
    def schema(self) -> dict[str, Any]:
        return dict(self.schema_message["schema"])

    @property
    def final_state(self) -> dict[str, Any]:
        return dict(self.of_type("STATE")[-1]["value"])

    def pages(self) -> list[tuple[int, int]]:
        """Return (window from, offset) of every search, in the order the tap sent them."""
        pages = []
        for search in self.searches:
            query = parse_qs(urlsplit(search.url).query)
            assert query["limit"] == [str(PAGE)]
            pages.append((json.loads(search.body)["start"]["from"], int(query["offset"][0])))
        return pages


@dataclass
class Scenario:
    windows: list[Window]
    ingested: dict[str, dict[str, Any]]
    first: TapRun
    second: TapRun
    public_host: str


def _moved_full_record(cid: str, start_ms: int) -> dict[str, Any]:
    """Return tests/fixtures/records/full_record.json as conversation cid starting at start_ms."""
    text = FULL_RECORD.read_text()
    fixture = json.loads(text)
    shift = start_ms - _FULL_START_MS

    def moved_string(match: re.Match[str]) -> str:
        moment = datetime.strptime(match.group(), "%Y-%m-%d %H:%M:%S.%f%z") + timedelta(
            milliseconds=shift
        )
        return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{moment.microsecond // 1000:03d}+0000"

    text = _TIME_STRING.sub(moved_string, text)
    text = _EPOCH_MS.sub(lambda match: str(int(match.group()) + shift), text)
    text = text.replace(fixture["info"]["conversationId"], cid)
    text = text.replace(fixture["info"]["brandId"], ACCOUNT)
    record: dict[str, Any] = json.loads(text)
    return record


def _record(cid: str, start_ms: int, j: int, *, last_window: bool) -> dict[str, Any]:
    """Return one conversation of a mix of shapes: every field, every section, bare, open..."""
    kind = j % 5
    if kind == 4:
        return _moved_full_record(cid, start_ms)
    if kind == 0:
        return full_conversation(cid, start_ms)
    if kind == 1:
        return conversation(cid, start_ms, texts=("Hi", "Is my order shipped?", "Thanks"))
    if kind == 2 and last_window:
        return conversation(cid, start_ms, status="OPEN")
    if kind == 2:
        return conversation(cid, start_ms, texts=())
    return conversation(
        cid,
        start_ms,
        info={"latestSkillId": 12, "latestAgentId": "agent-9", "mcs": 40, "device": "DESKTOP"},
        agentParticipants=[agent("agent-9", group=3, time_ms=start_ms + 500)],
    )


def _build_windows(now: datetime) -> tuple[datetime, list[Window], list[dict[str, Any]]]:
    """Return the tap's start date, its windows and their conversations.

    The start date lies 17.5 days back, so that the third window holds "now" with days to spare
    on both sides (a test started near a window's edge cannot see a fourth window appear).
    """
    start_date = now.replace(second=0, microsecond=0) - timedelta(days=17, hours=12)
    windows, records = [], []
    for k, count in enumerate(PER_WINDOW):
        window_start = start_date + k * WEEK
        last = k == len(PER_WINDOW) - 1
        lo = _ms(window_start + HOUR)
        hi = _ms((now if last else window_start + WEEK) - HOUR)
        group = TIED if k == 1 else 1
        step = (hi - lo) // math.ceil(count / group)
        ids = []
        for j in range(count):
            cid = f"tap-w{k}-{j:03d}"
            records.append(_record(cid, lo + (j // group) * step, j, last_window=last))
            ids.append(cid)
        windows.append(Window(window_start, tuple(ids)))
    return start_date, windows, records


def _ingest(base: str, records: list[dict[str, Any]]) -> None:
    response = requests.post(
        f"{base}/marketplace/api/account/{ACCOUNT}/conversations?source=tap_compat",
        json=records,
        auth=oauth1_for(SUBSCRIBER_KEY),
        timeout=120,
    )
    assert response.status_code == 200, response.text[:3000]
    assert response.json()["created"] == len(records)


def _tap_environment(edge: Edge) -> dict[str, str]:
    """The tap's environment: ours without proxies or Python settings, plus the edge's two."""
    dropped = {"http_proxy", "https_proxy", "all_proxy", "no_proxy", "curl_ca_bundle"}
    env = {
        key: value
        for key, value in os.environ.items()
        if key.lower() not in dropped and not key.startswith("PYTHON") and key != "VIRTUAL_ENV"
    }
    env.update(
        {
            "HTTP_PROXY": edge.proxy_url,
            "http_proxy": edge.proxy_url,
            "REQUESTS_CA_BUNDLE": str(edge.ca_bundle),
        }
    )
    return env


class Tap:
    """The tap's command line, run in a working folder with its config and catalog."""

    def __init__(self, executable: Path, folder: Path, edge: Edge, start_date: datetime) -> None:
        self.executable = executable
        self.folder = folder
        self.edge = edge
        self.config = folder / "config.json"
        self.config.write_text(
            json.dumps(
                {
                    "app_key": SUBSCRIBER_KEY.consumer_key,
                    "app_secret": SUBSCRIBER_KEY.consumer_secret,
                    "access_token": SUBSCRIBER_KEY.access_token,
                    "access_token_secret": SUBSCRIBER_KEY.token_secret,
                    "account_id": ACCOUNT,
                    "start_date": start_date.strftime("%Y-%m-%dT%H:%M:%SZ"),
                }
            )
        )
        self.catalog = folder / "catalog.json"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(self.executable), "--config", str(self.config), *args],
            cwd=self.folder,
            env=_tap_environment(self.edge),
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, f"tap-liveperson {args} failed:\n{done.stderr[-6000:]}"
        return done

    def discover(self) -> None:
        """Write the catalog of ``--discover`` with only the stream under test selected."""
        catalog = json.loads(self._run("--discover").stdout)
        for stream in catalog["streams"]:
            for entry in stream["metadata"]:
                if entry["breadcrumb"] == []:
                    entry["metadata"]["selected"] = stream["tap_stream_id"] == STREAM
        self.catalog.write_text(json.dumps(catalog))

    def sync(self, state: dict[str, Any] | None = None) -> TapRun:
        args = ["--catalog", str(self.catalog)]
        if state is not None:
            state_file = self.folder / "state.json"
            state_file.write_text(json.dumps(state))
            args += ["--state", str(state_file)]
        already = len(self.edge.requests)
        done = self._run(*args)
        sent = self.edge.requests[already:]
        search_path = f"/messaging_history/api/account/{ACCOUNT}/conversations/search"
        run = TapRun(
            messages=[json.loads(line) for line in done.stdout.splitlines() if line.strip()],
            searches=[],
            discoveries=[],
            other_requests=[],
            log=done.stderr,
        )
        for forwarded in sent:
            if urlsplit(forwarded.url).path == search_path:
                run.searches.append(forwarded)
            elif forwarded.url == DISCOVERY_URL:
                run.discoveries.append(forwarded)
            else:
                run.other_requests.append(forwarded)
        return run


@pytest.fixture(scope="session")
def tap_executable() -> Path:
    """tap-liveperson's console script, in its own virtual environment (built on first use)."""
    return ensure_venv("tap-liveperson-1.0.1", REQUIREMENTS) / "bin" / "tap-liveperson"


@pytest.fixture(scope="module", params=BACKENDS)
def scenario(
    request: pytest.FixtureRequest,
    fresh_database: Any,
    tmp_path_factory: pytest.TempPathFactory,
    tap_executable: Path,
) -> Iterator[Scenario]:
    """Ingest the conversations, then run the tap twice: from start_date, then from its STATE."""
    url = fresh_database(request.param)
    command.upgrade(alembic_config(url), "head")
    add_identities(url)
    folder = tmp_path_factory.mktemp(f"tap-{request.param}")
    with Edge(folder, routes=[LIVEPERSON_CSDS_HOST]) as edge:
        env = {"PUBLIC_HOST": edge.public_host, "TRUSTED_PROXIES": "1"}
        with gunicorn(url, folder / "gunicorn.log", **env) as base:
            edge.upstream = ("127.0.0.1", int(urlsplit(base).port or 0))
            start_date, windows, records = _build_windows(datetime.now(UTC))
            _ingest(base, records)
            tap = Tap(tap_executable, folder, edge, start_date)
            tap.discover()
            first = tap.sync()
            second = tap.sync(state=first.final_state)
            yield Scenario(
                windows=windows,
                ingested={r["info"]["conversationId"]: r for r in records},
                first=first,
                second=second,
                public_host=edge.public_host,
            )


def _validate(run: TapRun) -> None:
    """Every RECORD of the stream is valid under the SCHEMA message the tap sent for it."""
    schema = run.schema
    validator_class = jsonschema.validators.validator_for(schema, jsonschema.Draft4Validator)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    assert "date-time" in validator.format_checker.checkers  # so time strings are checked too
    for record in run.records:
        errors = sorted(validator.iter_errors(record), key=lambda e: list(e.absolute_path))
        assert not errors, f"{record['id']}: " + "; ".join(
            f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]
        )


def test_first_run_emits_every_conversation_exactly_once(scenario: Scenario) -> None:
    emitted = [record["id"] for record in scenario.first.records]
    assert len(emitted) == len(set(emitted)) == len(scenario.ingested)
    assert set(emitted) == set(scenario.ingested)
    # The tap asked for start:asc: window after window, page after page, records come in order.
    starts = [record["info"]["startTimeL"] for record in scenario.first.records]
    assert starts == sorted(starts)
    for record in scenario.first.records:
        assert record["info"]["conversationId"] == record["id"]
        assert record["info"]["brandId"] == ACCOUNT
        assert record["info"]["startTimeL"] == scenario.ingested[record["id"]]["info"]["startTimeL"]


def test_records_validate_against_the_tap_schema(scenario: Scenario) -> None:
    assert scenario.first.schema_message["key_properties"] == ["id"]
    kinds = [m["type"] for m in scenario.first.messages]
    assert kinds.index("SCHEMA") < kinds.index("RECORD")
    _validate(scenario.first)
    _validate(scenario.second)


def test_sections_and_info_reach_the_tap_as_ingested(scenario: Scenario) -> None:
    properties = scenario.first.schema["properties"]
    info_properties = properties["info"]["properties"]
    plain_info = {k for k, v in info_properties.items() if v.get("format") != "date-time"}
    for record in scenario.first.records:
        ingested = scenario.ingested[record["id"]]
        # Every section the tap knows and the conversation has came back (v=2: unAuthSdes too).
        assert set(ingested) & set(properties) <= set(record), record["id"]
        shared = set(ingested["info"]) & plain_info
        if ingested["info"]["status"] == "OPEN":
            shared.discard("duration")  # an open conversation's duration runs until the search
        assert {k: record["info"][k] for k in shared} == {k: ingested["info"][k] for k in shared}, (
            record["id"]
        )
    every_field = next(r for r in scenario.first.records if r["id"] == "tap-w0-004")
    assert {"monitoring", "coBrowseSessions", "unAuthSdes", "conversationSurveys"} <= set(
        every_field
    )
    open_one = next(r for r in scenario.first.records if r["id"] == "tap-w2-002")
    assert open_one["info"]["status"] == "OPEN"


def test_the_tap_found_us_by_discovery_and_paged_over_tls(scenario: Scenario) -> None:
    run = scenario.first
    assert run.other_requests == []
    # One discovery per window, over plain HTTP to LivePerson's host, through the proxy.
    assert [(d.listener, d.status) for d in run.discoveries] == [("proxy", 200)] * 3
    assert json.loads(run.discoveries[0].response)["baseURI"] == scenario.public_host
    # Every search went to the discovered host over TLS, signed, and succeeded; the server saw
    # the https URL the tap signed (its paging links are built from the same URL).
    for search in run.searches:
        assert search.listener == "tls"
        assert search.url.startswith(f"https://{scenario.public_host}/")
        assert search.headers["Authorization"].startswith("OAuth ")
        assert search.status == 200
        self_link = json.loads(search.response)["_metadata"]["self"]["href"]
        assert self_link.startswith(f"https://{scenario.public_host}{urlsplit(search.url).path}?")
    expected = []
    for window in scenario.windows:
        pages = max(1, math.ceil(len(window.conversation_ids) / PAGE))
        expected += [(window.from_ms, PAGE * page) for page in range(pages)]
    assert run.pages() == expected
    assert sum(1 for _, offset in expected if offset > 0) >= 2  # the data made it page


def test_second_run_from_the_saved_state_emits_only_the_last_window(scenario: Scenario) -> None:
    last = scenario.windows[-1]
    bookmark = last.start.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert scenario.first.final_state == {
        "bookmarks": {STREAM: {"field": "updated_at", "last_record": bookmark}}
    }
    emitted = [record["id"] for record in scenario.second.records]
    assert sorted(emitted) == sorted(last.conversation_ids)
    assert len(emitted) == len(set(emitted))
    assert scenario.second.pages() == [(last.from_ms, 0)]
    assert scenario.second.final_state == scenario.first.final_state
