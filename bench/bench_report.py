"""The Marketplace Network report on a large network: `bench/bench_report.py [--conversations N]`.

A fresh database per backend (PostgreSQL by default) is migrated and seeded by `python -m seed`
with the demo network (20 subscribers, contracts in every state) and N conversations over 13
months. Then the report runs through the whole Flask app in this process (bearer login,
contracts, validation, the aggregate statements, JSON) for several ranges, R times each after a
warm-up; the median wall time per request is reported. Results go to stdout and bench/results/.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import create_app, login, report_header, save, with_database  # noqa: E402

from app.config import Config  # noqa: E402

DAY_MS = 86_400_000
REPORT = "/marketplace/api/account/70000000/reports/network"


def measure(url: str, repeat: int) -> dict[str, dict[str, float]]:
    app = create_app(Config(DATABASE_URL=url, RATELIMIT_ENABLED=False))  # measure, not throttle
    client = app.test_client()
    headers = login(client, "70000000", "analyst", "analyst-pass")
    now = int(time.time() * 1000)
    cases = {
        "30 days, UTC": {"from": now - 30 * DAY_MS, "to": now},
        "30 days, America/New_York": {
            "from": now - 30 * DAY_MS,
            "to": now,
            "timeZone": "America/New_York",
        },
        "30 days, 3 subscribers": {
            "from": now - 30 * DAY_MS,
            "to": now,
            "subscriberIds": ["70000001", "70000002", "70000003"],
        },
        "90 days": {"from": now - 90 * DAY_MS, "to": now},
        "365 days": {"from": now - 365 * DAY_MS, "to": now},
    }
    results: dict[str, dict[str, float]] = {}
    for name, body in cases.items():
        times = []
        for _ in range(repeat + 1):  # the first run warms caches and is not counted
            started = time.perf_counter()
            response = client.post(REPORT, json=body, headers=headers)
            times.append(time.perf_counter() - started)
            if response.status_code != 200:
                sys.exit(f"{name}: {response.status_code} {response.get_data(as_text=True)}")
        summary = response.get_json()["providerSummary"]
        results[name] = {
            "median_ms": statistics.median(times[1:]) * 1000,
            "opened": summary["openedConversations"]["total"],
        }
    app.extensions["db_engine"].dispose()
    return results


def show(results: dict[str, dict[str, float]]) -> None:
    for name, r in results.items():
        print(f"  {name:32} {r['median_ms']:8.1f} ms  opened {r['opened']:>8,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--backends", default="postgresql")
    parser.add_argument(
        "--url", help="measure this database, already seeded by python -m seed, instead"
    )
    args = parser.parse_args()
    report = report_header(args)
    if args.url:
        results = measure(args.url, args.repeat)
        report["given"] = results
        print(f"{args.url}: as seeded")
        show(results)
    for backend in [] if args.url else args.backends.split(","):
        started = time.perf_counter()
        results = with_database(
            backend, args.conversations, lambda url: measure(url, args.repeat), subscribers=20
        )
        report[backend] = results
        print(
            f"{backend}: {args.conversations:,} conversations over 20 subscribers "
            f"(seed and measure: {time.perf_counter() - started:.0f} s)"
        )
        show(results)
    save(report, "report")


if __name__ == "__main__":
    main()
