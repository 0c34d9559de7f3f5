"""The dashboard in a real browser: Debian's headless Chromium, driven by Playwright.

Each backend gets a fresh migrated database with the demo marketplace (``python -m seed``,
2,000 conversations) and a real gunicorn. The browser signs in as the provider's analyst, and
every figure, chart, table and CSV it shows is compared with what the API answers to
``requests`` for the same range. Screenshots of a laptop and a phone go to var/screenshots/
(printed at the end of the test that takes them).

Playwright's own browser downloads are never used: the tests launch /usr/bin/chromium, which
``make test`` installs from Debian when it is missing.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from alembic import command
from playwright.sync_api import Browser, Page, sync_playwright

from app.config import PROJECT_ROOT
from seed.demo import ANALYST, PROVIDER_ID
from tests.conftest import BACKENDS, alembic_config
from tests.support.live_server import gunicorn

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
# As root and on a machine without a network: no sandbox, and none of Chromium's own traffic.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# `make run` seeds 20,000; E2E_CONVERSATIONS=20000 checks the load budget at that size too.
CONVERSATIONS = int(os.environ.get("E2E_CONVERSATIONS", "2000"))
TIME_ZONE = "Europe/Paris"
LAPTOP: dict[str, Any] = {"viewport": {"width": 1366, "height": 900}}
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
LOAD_BUDGET_MS = 1000
# Signing in verifies the password with argon2, slow on purpose (a quarter of a second here).
SIGN_IN_BUDGET_MS = 2000
SCREENSHOTS = PROJECT_ROOT / "var" / "screenshots"
SESSION_KEY = "mmi.dashboard.session"
REPORT = f"/marketplace/api/account/{PROVIDER_ID}/reports/network"
FULL_CONTRACT = "70000001"  # all categories
METADATA_ONLY = "70000013"  # the contract withholds transcripts
TIMEOUT_S = 30
# What each page reported to its console as an error, or threw: a test ends with none.
PAGE_ERRORS: weakref.WeakKeyDictionary[Page, list[str]] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Service:
    url: str
    backend: str


def seed_demo(database_url: str) -> None:
    """Load the demo marketplace, identities included, into a migrated empty database."""
    result = subprocess.run(  # noqa: S603 - our own seed command, fixed arguments
        [sys.executable, "-m", "seed", "--quiet", "--conversations", str(CONVERSATIONS)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": database_url, "ENV": "development"},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module", params=BACKENDS)
def service(request, fresh_database, tmp_path_factory) -> Iterator[Service]:
    url = fresh_database(request.param)
    command.upgrade(alembic_config(url), "head")
    seed_demo(url)
    with gunicorn(url, tmp_path_factory.mktemp("gunicorn") / "log.txt") as base:
        yield Service(base, request.param)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def bearer(service: Service) -> str:
    """The analyst's own bearer for the test's API calls (the page signs in by itself)."""
    return login(service.url)


def login(base: str) -> str:
    response = requests.post(
        f"{base}/api/account/{PROVIDER_ID}/login?v=1.3",
        json={"username": ANALYST.username, "password": ANALYST.password},
        timeout=TIMEOUT_S,
    )
    assert response.status_code == 200, response.text
    return str(response.json()["bearer"])


def api(base: str, bearer: str, path: str, body: dict[str, Any]) -> requests.Response:
    response = requests.post(
        base + path, json=body, headers={"Authorization": f"Bearer {bearer}"}, timeout=TIMEOUT_S
    )
    assert response.status_code == 200, response.text
    return response


# -- driving the page ----------------------------------------------------------------------------


def open_page(browser: Browser, service: Service, device: dict[str, Any]) -> Page:
    context = browser.new_context(timezone_id=TIME_ZONE, locale="en-US", **device)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_S * 1000)
    errors = PAGE_ERRORS.setdefault(page, [])
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{service.url}/dashboard")
    return page


def sign_in(browser: Browser, service: Service, device: dict[str, Any] = LAPTOP) -> Page:
    page = open_page(browser, service, device)
    page.get_by_label("Account id").fill(PROVIDER_ID)
    page.get_by_label("Username").fill(ANALYST.username)
    page.get_by_label("Password").fill(ANALYST.password)
    page.get_by_role("button", name="Sign in").click()
    wait_for_report(page, 0)
    return page


def report_seq(page: Page) -> int:
    return int(page.get_attribute('[data-testid="report-status"]', "data-seq") or 0)


def wait_for_report(page: Page, after: int) -> None:
    """Wait until the page has drawn a report after the ``after``-th one."""
    page.wait_for_function(
        """(after) => {
            const status = document.querySelector('[data-testid="report-status"]');
            return status.dataset.state === "ready" && Number(status.dataset.seq) > after;
        }""",
        arg=after,
    )


def apply(page: Page) -> None:
    seq = report_seq(page)
    page.get_by_role("button", name="Apply", exact=True).click()
    wait_for_report(page, seq)


def page_range(page: Page) -> dict[str, Any]:
    """The report body that the page's filters stand for (``to`` made exclusive)."""
    to = date.fromisoformat(page.input_value("#range-to")) + timedelta(days=1)
    return {
        "from": page.input_value("#range-from"),
        "to": to.isoformat(),
        "timeZone": page.input_value("#time-zone"),
    }


FIGURES_JS = """() => Object.fromEntries(
    [...document.querySelectorAll('[data-testid^="figure-"]')]
        .map((el) => [el.dataset.testid, el.dataset.value]))"""


def page_figures(page: Page) -> dict[str, float | None]:
    raw = page.evaluate(FIGURES_JS)
    return {key: (None if value == "" else float(value)) for key, value in raw.items()}


def expected_figures(report: dict[str, Any]) -> dict[str, float | None]:
    summary = report["providerSummary"]
    closed = summary["closedByCloseReason"]["total"]
    wait = report["subscriberPerformance"]["avgFirstHumanResponseWaitMs"]["overall"]
    figures = {
        "figure-active-subscribers": summary["activeSubscribers"],
        "figure-opened": summary["openedConversations"]["total"],
        "figure-containment-count": summary["containment"]["count"],
        "figure-containment-rate": summary["containment"]["rate"],
        "figure-tango-count": summary["tango"]["count"],
        "figure-tango-rate": summary["tango"]["rate"],
        "figure-avg-wait": wait,
        "figure-closed": sum(closed.values()),
        "figure-closed-agent": closed["AGENT"],
        "figure-closed-consumer": closed["CONSUMER"],
        "figure-closed-system": closed["SYSTEM"],
    }
    return {key: (None if value is None else float(value)) for key, value in figures.items()}


def chart_data(page: Page, canvas_id: str) -> list[list[Any]]:
    return page.evaluate(
        "(id) => Chart.getChart(document.getElementById(id)).data.datasets.map((d) => d.data)",
        canvas_id,
    )


def table_rows(page: Page, selector: str) -> list[list[str]]:
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector + ' tbody tr')]
            .map((tr) => [...tr.cells].map((cell) => cell.textContent.trim()))""",
        selector,
    )


def subscriber_table(page: Page) -> dict[str, dict[str, str]]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('[data-testid="subscriber-row"]')]
            .map((tr) => [tr.dataset.accountId, Object.fromEntries(
                [...tr.querySelectorAll('td[data-col]')]
                    .map((td) => [td.dataset.col, td.dataset.value]))]))"""
    )


def assert_page_shows(page: Page, report: dict[str, Any]) -> None:
    """Every figure, chart, table row and left-out subscriber of a report is on the page."""
    summary = report["providerSummary"]
    assert page_figures(page) == expected_figures(report)
    opened = summary["openedConversations"]["daily"]
    closed = summary["closedByCloseReason"]["daily"]
    assert chart_data(page, "chart-opened") == [[d["count"] for d in opened]]
    reasons = ("AGENT", "CONSUMER", "SYSTEM")
    assert chart_data(page, "chart-closed") == [[d[r] for d in closed] for r in reasons]
    assert table_rows(page, '[data-testid="daily-table"]') == [
        [o["date"], str(o["count"]), *(str(c[r]) for r in reasons)]
        for o, c in zip(opened, closed, strict=True)
    ]
    performance = report["subscriberPerformance"]
    closed_by = {s["accountId"]: s["count"] for s in performance["closedBySubscriber"]}
    waits = {s["accountId"]: s for s in performance["avgFirstHumanResponseWaitMs"]["bySubscriber"]}
    assert subscriber_table(page) == {
        account: {
            "closed": str(closed_by.get(account, 0)),
            "avgMs": str(waits[account]["avgMs"]) if account in waits else "",
            "waited": str(waits[account]["conversations"]) if account in waits else "0",
        }
        for account in report["subscribers"]["included"]
    }
    shown_out = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="excluded-row"]')]
            .map((tr) => [tr.dataset.accountId, tr.querySelector('td').dataset.reason])"""
    )
    assert shown_out == [[x["accountId"], x["reason"]] for x in report["subscribers"]["excluded"]]


def search_window(body: dict[str, Any]) -> tuple[int, int]:
    """The search range the page derives from its filters: the days' first to last ms."""
    zone = ZoneInfo(body["timeZone"])

    def start_of(day: str) -> int:
        return int(datetime.fromisoformat(day).replace(tzinfo=zone).timestamp() * 1000)

    return start_of(body["from"]), start_of(body["to"]) - 1


# -- the tests -----------------------------------------------------------------------------------


def test_figures_match_the_api_for_the_default_and_a_changed_range(browser, service, bearer):
    page = sign_in(browser, service)
    today = datetime.now(ZoneInfo(TIME_ZONE)).date()
    body = page_range(page)
    assert body == {
        "from": (today - timedelta(days=29)).isoformat(),
        "to": (today + timedelta(days=1)).isoformat(),
        "timeZone": TIME_ZONE,
    }
    report = api(service.url, bearer, REPORT, body).json()
    assert report["providerSummary"]["openedConversations"]["total"] > 0
    assert_page_shows(page, report)

    page.fill("#range-from", (today - timedelta(days=75)).isoformat())
    page.fill("#range-to", (today - timedelta(days=8)).isoformat())
    page.select_option("#time-zone", "America/New_York")
    apply(page)
    changed = page_range(page)
    assert changed["timeZone"] == "America/New_York"
    labels = page.evaluate("Chart.getChart(document.getElementById('chart-opened')).data.labels")
    assert len(labels) == 68  # one bar a day, both ends included
    assert_page_shows(page, api(service.url, bearer, REPORT, changed).json())
    assert PAGE_ERRORS[page] == []


def test_narrowing_to_some_subscribers(browser, service, bearer):
    page = sign_in(browser, service)
    chosen = ["70000001", "70000008", METADATA_ONLY]
    included = api(service.url, bearer, REPORT, page_range(page)).json()["subscribers"]["included"]
    options = page.eval_on_selector_all(
        '[data-testid="subscriber-option"]', "boxes => boxes.map(b => b.value)"
    )
    assert options == included
    page.get_by_text(f"All {len(included)} subscribers").click()
    page.get_by_role("button", name="None", exact=True).click()
    for account in chosen:
        page.check(f'[data-testid="subscriber-option"][value="{account}"]')
    assert page.text_content("#subscriber-picker-label") == f"3 of {len(included)} subscribers"
    seq = report_seq(page)
    page.get_by_role("button", name="Apply to the report").click()
    wait_for_report(page, seq)
    assert not page.is_visible("#subscriber-options")
    report = api(service.url, bearer, REPORT, {**page_range(page), "subscriberIds": chosen}).json()
    assert sorted(report["subscribers"]["included"]) == chosen
    assert_page_shows(page, report)
    assert sorted(subscriber_table(page)) == chosen


def test_subscriber_table_sorts_by_each_column(browser, service):
    page = sign_in(browser, service)

    def column(key: str) -> list[str]:
        return page.eval_on_selector_all(
            f'[data-testid="subscriber-row"] td[data-col="{key}"]',
            "cells => cells.map(c => c.dataset.value)",
        )

    closed = [int(v) for v in column("closed")]
    assert closed == sorted(closed, reverse=True)  # the default: most closed first
    page.get_by_role("button", name="Subscriber", exact=True).click()
    names = page.eval_on_selector_all(
        '[data-testid="subscriber-row"] th .link-button',
        "buttons => buttons.map(b => b.textContent)",
    )
    assert names == sorted(names, key=str.lower)
    assert page.get_attribute('th[data-sort-key="name"]', "aria-sort") == "ascending"
    page.get_by_role("button", name="Avg wait for the first human response").click()
    waits = [int(v) for v in column("avgMs") if v]
    assert waits == sorted(waits, reverse=True)
    assert column("avgMs")[len(waits) :] == [""] * (len(column("avgMs")) - len(waits))


@pytest.mark.parametrize("table", ["summary", "daily", "subscribers"])
def test_csv_download_is_the_api_csv(browser, service, bearer, table, tmp_path):
    page = sign_in(browser, service)
    with page.expect_download() as download:
        page.get_by_test_id(f"csv-{table}").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith(f"network-{table}-")
    assert saved.suffix == ".csv"
    expected = api(service.url, bearer, f"{REPORT}/csv/{table}", page_range(page))
    assert saved.read_bytes() == expected.content
    assert expected.content.splitlines()[0]  # a header row at least


def test_a_subscribers_conversations_and_a_transcript(browser, service, bearer):
    page = sign_in(browser, service)
    page.click(f'#subscriber-rows button[data-account-id="{FULL_CONTRACT}"]')
    page.wait_for_selector('[data-testid="conversation"]')
    start, end = search_window(page_range(page))
    search = api(
        service.url,
        bearer,
        f"/messaging_history/api/account/{FULL_CONTRACT}/conversations/search?v=2&limit=50",
        {"start": {"from": start, "to": end}, "contentToRetrieve": ["messageRecords"]},
    ).json()
    records = search["conversationHistoryRecords"]
    assert records, "the demo subscriber has conversations in the last 30 days"
    assert page.get_attribute('[data-testid="conversations-count"]', "data-value") == str(
        search["_metadata"]["count"]
    )
    listed = page.eval_on_selector_all(
        '[data-testid="conversation"]', "buttons => buttons.map(b => b.dataset.conversationId)"
    )
    assert listed == [r["info"]["conversationId"] for r in records]

    chosen = next(r for r in records if len(r.get("messageRecords", [])) >= 2)
    page.click(f'[data-conversation-id="{chosen["info"]["conversationId"]}"]')
    page.wait_for_selector('[data-testid="message"]')
    texts = page.eval_on_selector_all(
        '[data-testid="transcript"] .message__text', "ps => ps.map(p => p.textContent)"
    )
    messages = sorted(chosen["messageRecords"], key=lambda m: m["timeL"])
    assert len(texts) == len(messages)
    assert texts[0] == messages[0]["messageData"]["msg"]["text"]
    assert (
        page.get_attribute('[data-testid="transcript"]', "data-conversation-id")
        == (chosen["info"]["conversationId"])
    )
    assert PAGE_ERRORS[page] == []


def test_a_contract_without_transcripts_lists_conversations_but_no_messages(browser, service):
    page = sign_in(browser, service)
    last = date.fromisoformat(page.input_value("#range-to"))
    page.fill("#range-from", (last - timedelta(days=89)).isoformat())
    apply(page)
    page.click(f'#subscriber-rows button[data-account-id="{METADATA_ONLY}"]')
    page.wait_for_selector('[data-testid="conversation"]')
    assert "does not share transcripts" in page.text_content("#transcript-meta")
    page.locator('[data-testid="conversation"]').first.click()
    assert page.locator('[data-testid="message"]').count() == 0
    assert "does not share transcripts" in page.text_content('[data-testid="transcript"]')


def test_load_to_figures_is_under_a_second(browser, service, capsys):
    """Three cold loads of the page by a signed-in tab (a new browser context: no HTTP cache,
    no compiled script): the time from navigation to the figures and charts drawn, on the
    browser's own clock. Sign-in to figures is measured too, with its own budget."""
    page = sign_in(browser, service)
    sign_in_ms = page.evaluate(
        """() => performance.measure('sign-in-to-figures', 'mmi:sign-in-submitted',
                                     'mmi:figures-shown').duration"""
    )
    session = page.evaluate(f"sessionStorage.getItem('{SESSION_KEY}')")
    loads = []
    for _ in range(3):
        context = browser.new_context(timezone_id=TIME_ZONE, **LAPTOP)
        context.add_init_script(f"sessionStorage.setItem('{SESSION_KEY}', {json.dumps(session)});")
        cold = context.new_page()
        cold.goto(f"{service.url}/dashboard")
        wait_for_report(cold, 0)
        loads.append(
            cold.evaluate("performance.getEntriesByName('mmi:figures-shown')[0].startTime")
        )
        context.close()
    with capsys.disabled():
        print(
            f"\n[{service.backend}] sign-in to figures {sign_in_ms:.0f} ms; "
            f"load to figures {', '.join(f'{ms:.0f}' for ms in loads)} ms"
        )
    assert sign_in_ms < SIGN_IN_BUDGET_MS
    assert statistics.median(loads) < LOAD_BUDGET_MS


@pytest.mark.parametrize(("device_name", "device"), [("laptop", LAPTOP), ("phone", PHONE)])
def test_screenshots(browser, service, device_name, device, capsys):
    folder = SCREENSHOTS / service.backend
    folder.mkdir(parents=True, exist_ok=True)
    page = open_page(browser, service, device)
    page.screenshot(path=folder / f"{device_name}-sign-in.png")
    page.get_by_label("Username").fill(ANALYST.username)
    page.get_by_label("Password").fill(ANALYST.password)
    page.get_by_role("button", name="Sign in").click()
    wait_for_report(page, 0)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the {device_name} screen"
    page.screenshot(path=folder / f"{device_name}-dashboard.png", full_page=True)
    page.click(f'#subscriber-rows button[data-account-id="{FULL_CONTRACT}"]')
    page.locator('[data-testid="conversation"]').nth(1).click()
    page.wait_for_selector('[data-testid="message"]')
    page.screenshot(path=folder / f"{device_name}-transcript.png")
    assert PAGE_ERRORS[page] == []
    with capsys.disabled():
        print(f"\n[{service.backend}] {device_name} screenshots in {folder}")
