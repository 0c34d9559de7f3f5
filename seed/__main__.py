"""Load the demo marketplace: ``python -m seed --conversations N --subscribers M --seed S``.

Development data only: the command refuses to run unless ENV is development (``make run`` sets
it). Records come from seed.factories, already in the validated shape, and go through the same
decomposition and bulk insert as ingestion, a batch per transaction.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
import time

import sqlalchemy as sa
from sqlalchemy.orm import Session
from tqdm import tqdm

from app.config import Config
from app.db import create_db_engine
from app.models import Account
from app.repositories import conversation_store
from app.services.decompose import decompose_all
from seed.demo import SUBSCRIBER_IDS, add_demo_identities, add_extra_subscribers
from seed.factories import build_subscriber_profiles, conversation_records

BATCH = 1000


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m seed", description=__doc__)
    parser.add_argument("--conversations", type=int, default=20_000)
    parser.add_argument("--subscribers", type=int, default=len(SUBSCRIBER_IDS))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL")
    parser.add_argument("--if-empty", action="store_true", help="do nothing if accounts exist")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser.parse_args(argv)


def subscriber_ids(count: int) -> list[str]:
    """Return the demo subscribers' ids, continuing the 7000000x series past the fixed 20."""
    return [str(70000001 + i) for i in range(max(count, 1))]


def seed(session_factory: sa.orm.sessionmaker[Session], args: argparse.Namespace) -> int:
    """Load identities and conversations; return how many conversations were stored."""
    now_ms = int(time.time() * 1000)
    rng = random.Random(args.seed)
    ids = subscriber_ids(args.subscribers)
    profiles = build_subscriber_profiles(ids, rng=rng)
    names = {p.account_id: p.name for p in profiles}
    with session_factory.begin() as session:
        add_demo_identities(session, now_ms=now_ms, subscriber_names=names)
        add_extra_subscribers(session, [i for i in ids if i not in SUBSCRIBER_IDS], names, now_ms)
    records = conversation_records(profiles, count=args.conversations, rng=rng, now_ms=now_ms)
    stored = 0
    with tqdm(
        total=args.conversations, unit=" conv", desc="seed", disable=args.quiet or None
    ) as bar:
        while batch := list(itertools.islice(records, BATCH)):
            with session_factory.begin() as session:
                conversation_store.insert(session, decompose_all(batch, ingested_at_ms=now_ms))
            stored += len(batch)
            bar.update(len(batch))
    return stored


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if os.environ.get("ENV") not in ("development", "test"):
        print("refusing to seed: set ENV=development (demo data is for development only)")
        return 2
    engine = create_db_engine(args.database_url or Config().DATABASE_URL)
    factory = sa.orm.sessionmaker(bind=engine, expire_on_commit=False)
    with factory() as session:
        has_accounts = session.scalar(sa.select(sa.func.count()).select_from(Account))
    if args.if_empty and has_accounts:
        print("demo data already loaded; nothing to do")
        return 0
    started = time.perf_counter()
    stored = seed(factory, args)
    elapsed = time.perf_counter() - started
    print(f"seeded {stored} conversations in {elapsed:.1f} s ({stored / elapsed:,.0f}/s)")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
