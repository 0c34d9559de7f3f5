"""Measure how fast seed.factories makes conversation records (one core, no database).

Usage: ``.venv/bin/python bench/bench_factories.py [--count 20000] [--seed 42] [--repeat 3]``

The database loader has to ingest 2,000 conversations per second including the insert, so the
generator alone has to stay well above that; the target is 8,000 records per second. Prints the
best of `repeat` runs (the minimum is the least disturbed by other load on the machine) and the
size of the records as compact JSON.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from seed.factories import build_subscriber_profiles, conversation_records  # noqa: E402

NOW_MS = 1_780_000_000_000  # fixed, so every run makes the same records
TARGET = 8_000


def run_once(count: int, seed: int) -> tuple[float, int]:
    """Build profiles and `count` records; return the seconds the records took and their bytes."""
    rng = random.Random(seed)
    profiles = build_subscriber_profiles([str(70000001 + i) for i in range(20)], rng=rng)
    started = time.perf_counter()
    records = list(conversation_records(profiles, count=count, rng=rng, now_ms=NOW_MS))
    elapsed = time.perf_counter() - started
    size = sum(len(orjson.dumps(r)) for r in records)
    return elapsed, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    runs = [run_once(args.count, args.seed) for _ in range(args.repeat)]
    best, size = min(runs)
    rate = args.count / best
    print(f"records: {args.count}  best of {args.repeat}: {best:.2f} s")
    print(f"rate: {rate:,.0f} records/s (target {TARGET:,})  avg size: {size / args.count:,.0f} B")
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
