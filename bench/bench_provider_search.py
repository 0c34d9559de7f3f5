"""A provider's searches against a subscriber's own: `bench/bench_provider_search.py`.

Each backend gets a fresh database seeded by `python -m seed` with the demo network (20
subscribers, contracts in every state, N conversations spread over them). Through the whole
Flask app in this process (bearer login, contracts, validation, SQL, JSON splicing, the audit
write), the same three-month search runs as the subscriber 70000001 on its own account, as the
provider on that subscriber's account, and as the provider on its own account (the whole
consenting network, aggregated), R times each; the median wall time per request is reported, with
the ratio to the subscriber's own search measured in the same run. Results go to stdout and
bench/results/.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import create_app, login, report_header, report_line, save, timed, with_database  # noqa: E402

from app.config import Config  # noqa: E402

DAY_MS = 86_400_000
SEARCH = "/messaging_history/api/account/{}/conversations/search?limit=100"


def measure(url: str, repeat: int) -> dict[str, dict[str, float]]:
    app = create_app(Config(DATABASE_URL=url, RATELIMIT_ENABLED=False))  # measure, not throttle
    engine = app.extensions["db_engine"]
    statements: list[str] = []
    sa.event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    client = app.test_client()
    subscriber = login(client, "70000001", "sub1-admin", "sub1-pass")
    provider = login(client, "70000000", "analyst", "analyst-pass")
    now = int(time.time() * 1000)
    window = {"start": {"from": now - 90 * DAY_MS, "to": now}}
    keyword = {**window, "keyword": "order"}
    cases = {
        "subscriber, own account": (SEARCH.format("70000001"), window, subscriber),
        "provider, on the subscriber's account": (SEARCH.format("70000001"), window, provider),
        "provider, whole network": (SEARCH.format("70000000"), window, provider),
        "subscriber, own account, keyword": (SEARCH.format("70000001"), keyword, subscriber),
        "provider, whole network, keyword": (SEARCH.format("70000000"), keyword, provider),
        "provider, whole network, 3 subscriberIds": (
            SEARCH.format("70000000"),
            {**window, "subscriberIds": ["70000002", "70000003", "70000013"]},
            provider,
        ),
    }
    results = {
        name: timed(client, statements, name, request, repeat) for name, request in cases.items()
    }
    engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    report = report_header(args)
    for backend in args.backends.split(","):
        results = with_database(
            backend, args.conversations, lambda url: measure(url, args.repeat), subscribers=20
        )
        report[backend] = results
        print(f"{backend}: {args.conversations:,} conversations over 20 subscribers")
        for name, r in results.items():
            print(report_line(name, r))
        own = results["subscriber, own account"]["median_ms"]
        for name in ("provider, on the subscriber's account", "provider, whole network"):
            print(f"  {name} / subscriber's own: {results[name]['median_ms'] / own:.2f}")
    save(report, "provider-search")


if __name__ == "__main__":
    main()
