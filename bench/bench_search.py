"""Search latency on SQLite and PostgreSQL: `bench/bench_search.py [--conversations N]`.

Each backend gets a fresh database, migrated and seeded by `python -m seed` with every
conversation in one subscriber account (70000001), so that one account holds N conversations over
13 months. Then each search case runs through the whole Flask app in this process (bearer login,
validation, SQL, JSON splicing), R times; the median wall time per request is reported, with the
number of SQL statements and the response size. Results go to stdout and bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from app.config import Config  # noqa: E402

PG_ADMIN = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
DAY_MS = 86_400_000
ALL_SECTIONS = [
    "campaign", "monitoring", "messageRecords", "messageStatuses", "agentParticipants",
    "agentParticipantsActive", "agentParticipantsLeave", "consumerParticipants", "transfers",
    "interactions", "messageScores", "skillChanges", "conversationSurveys", "coBrowseSessions",
    "summary", "sdes", "unAuthSdes", "responseTime", "dialogs", "intents", "uniqueIntents",
    "latestAgentSurvey", "previouslySubmittedAgentSurveys",
]  # fmt: skip


def cases(now: int, ids: dict[str, list[str]]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Search cases: (query string, body). Three months, the longest range allowed."""
    window = {"start": {"from": now - 90 * DAY_MS, "to": now}}
    return {
        "3 months, limit 100, default sections": ("limit=100", window),
        "3 months, limit 100, every section, v=2": (
            "limit=100&v=2",
            {**window, "contentToRetrieve": ALL_SECTIONS},
        ),
        "3 months, limit 10, info only": ("limit=10", {**window, "contentToRetrieve": []}),
        "sort end:asc, offset 5000": ("limit=100&offset=5000&sort=end:asc", window),
        "keyword (one word)": ("limit=100", {**window, "keyword": "order"}),
        "keyword (quoted phrase)": ("limit=100", {**window, "keyword": '"order number"'}),
        "skillIds + status CLOSE": (
            "limit=100",
            {**window, "skillIds": ids["skill"][1:2], "status": ["CLOSE"]},
        ),
        "agentIds with READER": (
            "limit=100",
            {
                **window,
                "agentIds": ids["agent:ASSIGNED_AGENT"][1:3],
                "userPermissions": ["ASSIGNED_AGENT", "READER"],
            },
        ),
        "sdeSearch (two keys)": (
            "limit=100",
            {**window, "sdeSearch": {"customerInfo": "gold", "personalInfo": "smith"}},
        ),
        "mcs + csat + duration": (
            "limit=100",
            {**window, "mcs": {"from": 50}, "csat": {"to": 3}, "duration": {"from": 300}},
        ),
    }


def seed(url: str, conversations: int, subscribers: int = 1) -> None:
    env = {**os.environ, "DATABASE_URL": url, "ENV": "development"}
    bin_dir = Path(sys.executable).parent
    for cmd in (
        [str(bin_dir / "alembic"), "upgrade", "head"],
        [sys.executable, "-m", "seed", "--conversations", str(conversations)]
        + ["--subscribers", str(subscribers), "--quiet"],
    ):
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603


def common_values(engine: sa.Engine) -> dict[str, list[str]]:
    """The most frequent skills and assigned agents of the seeded data, most frequent first."""
    values: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for facet in ("skill", "agent:ASSIGNED_AGENT"):
            rows = conn.execute(
                sa.text(
                    "SELECT value FROM conversation_facets WHERE facet = :facet"
                    " GROUP BY value ORDER BY count(*) DESC LIMIT 3"
                ),
                {"facet": facet},
            )
            values[facet] = [row[0] for row in rows]
    return values


def login(client: Any, account_id: str, username: str, password: str) -> dict[str, str]:
    """Log in through the app; return the bearer header."""
    response = client.post(
        f"/api/account/{account_id}/login?v=1.3",
        json={"username": username, "password": password},
    )
    return {"Authorization": f"Bearer {response.get_json()['bearer']}"}


def timed(
    client: Any,
    statements: list[str],
    name: str,
    request: tuple[str, dict[str, Any], dict[str, str]],
    repeat: int,
) -> dict[str, float]:
    """Send one search ``repeat`` times after a warm-up; return the median and what came back."""
    target, body, headers = request
    times = []
    for _ in range(repeat + 1):  # the first run warms caches and is not counted
        statements.clear()
        started = time.perf_counter()
        response = client.post(target, json=body, headers=headers)
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            sys.exit(f"{name}: {response.status_code} {response.get_data(as_text=True)}")
    payload = response.get_json()
    return {
        "median_ms": statistics.median(times[1:]) * 1000,
        "count": payload["_metadata"]["count"],
        "records": len(payload["conversationHistoryRecords"]),
        "kb": len(response.get_data()) / 1024,
        "statements": len(statements),
    }


def measure(url: str, repeat: int) -> dict[str, dict[str, float]]:
    app = create_app(Config(DATABASE_URL=url, RATELIMIT_ENABLED=False))  # measure, not throttle
    engine = app.extensions["db_engine"]
    ids = common_values(engine)
    statements: list[str] = []
    sa.event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    client = app.test_client()
    headers = login(client, "70000001", "sub1-admin", "sub1-pass")
    path = "/messaging_history/api/account/70000001/conversations/search"
    now = int(time.time() * 1000)
    results = {
        name: timed(client, statements, name, (f"{path}?{query}", body, headers), repeat)
        for name, (query, body) in cases(now, ids).items()
    }
    engine.dispose()
    return results


def report_line(name: str, r: dict[str, float]) -> str:
    return (
        f"  {name:42} {r['median_ms']:8.1f} ms  count {r['count']:>6}  "
        f"records {r['records']:>3}  {r['kb']:8.1f} KB  {r['statements']} statements"
    )


def with_database(
    backend: str,
    conversations: int,
    run: Callable[[str], Any],
    subscribers: int = 1,
) -> Any:
    """Seed a fresh database of a backend, run ``run(url)`` on it, and drop it."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/bench.db"
            seed(url, conversations, subscribers)
            return run(url)
    name = f"mmi_bench_search_{os.getpid()}"
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        url = sa.make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)
        seed(url, conversations, subscribers)
        return run(url)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def report_header(args: argparse.Namespace) -> dict[str, Any]:
    """What every search benchmark's result file starts with: its size and the machine."""
    return {
        "conversations": args.conversations,
        "repeat": args.repeat,
        "machine": f"{platform.machine()} {os.cpu_count()} cpu, Python {platform.python_version()}",
    }


def save(report: dict[str, Any], kind: str) -> None:
    """Write a benchmark's results to bench/results/<kind>-<time>.json."""
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    (out / f"{kind}-{stamp}.json").write_text(json.dumps(report, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    report = report_header(args)
    for backend in args.backends.split(","):
        results = with_database(backend, args.conversations, lambda url: measure(url, args.repeat))
        report[backend] = results
        print(f"{backend}: {args.conversations:,} conversations in account 70000001")
        for name, r in results.items():
            print(report_line(name, r))
    save(report, "search")


if __name__ == "__main__":
    main()
