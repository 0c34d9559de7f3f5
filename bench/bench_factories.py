"""Measure how fast seed.factories makes conversation records (one core, no database).

Usage: ``.venv/bin/python bench/bench_factories.py [--count 20000] [--seed 42] [--repeat 3]
[--batch 1000]``

The database loader has to ingest 2,000 conversations per second including the insert, so the
generator alone has to stay well above that; the target is 8,000 records per second on one
core. Two ways of taking the records are measured:

- ``generate``: each record is dropped as soon as it is made: the generator's own cost;
- ``batches``: records are held in batches of ``--batch`` (as ``python -m seed`` holds them
  for one insert) and each batch is dropped before the next. Holding them makes Python's cyclic
  garbage collector walk every held record again and again, and fresh memory is slower than
  reused memory; the difference between the two lines is that cost, which the loader can avoid
  (``gc.disable()``, or ``gc.freeze()`` after setup, around the load).

Rates are by CPU time of this process (what one core does, even when a virtual machine's
neighbours steal cycles), best of ``--repeat`` runs; wall-clock rates are shown too.
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
SUBSCRIBERS = 20
TARGET = 8_000


def run_once(count: int, seed: int, batch: int) -> tuple[float, float, int]:
    """Make `count` records; return CPU seconds, wall seconds and the mean JSON size.

    A batch of 1 drops every record at once; the size is measured on the first batch only.
    """
    rng = random.Random(seed)
    ids = [str(70_000_001 + i) for i in range(SUBSCRIBERS)]
    profiles = build_subscriber_profiles(ids, rng=rng)
    size = 0
    cpu, wall = time.process_time(), time.perf_counter()
    held: list[dict[str, object]] = []
    for record in conversation_records(profiles, count=count, rng=rng, now_ms=NOW_MS):
        held.append(record)
        if len(held) == batch:
            if not size:
                size = sum(len(orjson.dumps(r)) for r in held) // batch
            held = []
    return time.process_time() - cpu, time.perf_counter() - wall, size


def best(count: int, seed: int, batch: int, repeat: int) -> tuple[float, float, int]:
    """Return the best CPU rate, best wall rate and record size over `repeat` runs."""
    runs = [run_once(count, seed, batch) for _ in range(repeat)]
    return count / min(r[0] for r in runs), count / min(r[1] for r in runs), runs[0][2]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", type=int, default=1_000)
    args = parser.parse_args()
    print(f"{args.count:,} records from {SUBSCRIBERS} subscribers, best of {args.repeat} runs")
    generate_cpu, generate_wall, _ = best(args.count, args.seed, 1, args.repeat)
    print(f"generate: {generate_cpu:8,.0f} records/s CPU  {generate_wall:8,.0f} wall")
    batch_cpu, batch_wall, size = best(args.count, args.seed, args.batch, args.repeat)
    print(
        f"batches:  {batch_cpu:8,.0f} records/s CPU  {batch_wall:8,.0f} wall"
        f"  (batches of {args.batch:,})"
    )
    print(f"record: {size:,} B of compact JSON on average; target {TARGET:,} records/s")
    return 0 if generate_cpu >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
