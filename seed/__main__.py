"""Load the demo marketplace: ``python -m seed --conversations N --subscribers M --seed S``.

Development data only: the command refuses to run unless ENV is development (``make run`` sets
it). Records come from seed.factories, already in the validated shape, and go through the same
decomposition and bulk insert as ingestion, a batch per transaction.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import multiprocessing
import os
import random
import sys
import time
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from tqdm import tqdm

from app.config import Config
from app.db import create_db_engine, write_transaction
from app.models import Account
from app.repositories import conversation_store
from app.services.decompose import decompose_all
from seed.demo import SUBSCRIBER_IDS, add_demo_identities, add_extra_subscribers
from seed.factories import SubscriberProfile, build_subscriber_profiles, conversation_records

CHUNK = 1000  # conversations per worker task and per transaction


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m seed", description=__doc__)
    parser.add_argument("--conversations", type=int, default=20_000)
    parser.add_argument("--subscribers", type=int, default=len(SUBSCRIBER_IDS))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL")
    parser.add_argument("--if-empty", action="store_true", help="do nothing if accounts exist")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--workers", type=int, default=0, help="worker processes (default: cores)")
    return parser.parse_args(argv)


def subscriber_ids(count: int) -> list[str]:
    """Return the demo subscribers' ids, continuing the 7000000x series past the fixed 20."""
    return [str(70000001 + i) for i in range(max(count, 1))]


@dataclass(frozen=True)
class Chunk:
    """One slice of the data set: its size and the seed of its own random stream."""

    count: int
    seed: int


class _Worker:
    """What a worker process keeps between chunks: the profiles and its own database engine."""

    profiles: list[SubscriberProfile] = []
    now_ms = 0
    sessions: sa.orm.sessionmaker[Session] | None = None
    write_lock: Any = contextlib.nullcontext()
    identities_stored: Any = None


def _init_worker(
    profiles: list[SubscriberProfile],
    now_ms: int,
    database_url: str,
    write_lock: Any,
    identities_stored: Any,
) -> None:
    # Records are trees of fresh dicts and lists without cycles: the cyclic garbage collector
    # would only rescan them again and again, which more than halves the generation rate.
    gc.disable()
    _Worker.profiles = profiles
    _Worker.now_ms = now_ms
    _Worker.sessions = sa.orm.sessionmaker(bind=create_db_engine(database_url, bulk_load=True))
    _Worker.write_lock = write_lock
    _Worker.identities_stored = identities_stored


def store_chunk(chunk: Chunk) -> int:
    """Generate, decompose and store one chunk in one transaction (runs in a worker process)."""
    assert _Worker.sessions is not None, "worker not initialised"  # noqa: S101
    rng = random.Random(chunk.seed)
    records = conversation_records(
        _Worker.profiles, count=chunk.count, rng=rng, now_ms=_Worker.now_ms
    )
    rows = decompose_all(records, ingested_at_ms=_Worker.now_ms)
    _Worker.identities_stored.wait()  # conversations refer to their accounts
    with _Worker.write_lock, _Worker.sessions() as session, write_transaction(session):
        conversation_store.insert(session, rows)
    del rows
    # The database session leaves a few reference cycles behind; collecting them once per
    # chunk is cheap, because everything inherited from the parent is frozen.
    gc.collect()
    return chunk.count


def plan_chunks(total: int, rng: random.Random) -> list[Chunk]:
    """Cut the data set into chunks whose seeds come from the master seed: the data does not
    depend on how many processes make it."""
    sizes = [min(CHUNK, total - start) for start in range(0, total, CHUNK)]
    return [Chunk(size, rng.getrandbits(63)) for size in sizes]


def seed(
    session_factory: sa.orm.sessionmaker[Session], database_url: str, args: argparse.Namespace
) -> int:
    """Load identities and conversations; return how many conversations were stored.

    Worker processes generate, decompose and write chunks, one transaction each; they start
    generating while this process stores the identities (password hashing takes a while).
    """
    now_ms = int(time.time() * 1000)
    rng = random.Random(args.seed)
    ids = subscriber_ids(args.subscribers)
    profiles = build_subscriber_profiles(ids, rng=rng)
    names = {p.account_id: p.name for p in profiles}
    chunks = plan_chunks(args.conversations, rng)
    # Every core generates and writes; SQLite's writers take turns on the write lock while the
    # others generate, PostgreSQL takes the COPYs side by side.
    workers = args.workers or os.cpu_count() or 2
    stored = 0
    bar = tqdm(total=args.conversations, unit=" conv", desc="seed", disable=args.quiet or None)
    context = multiprocessing.get_context("fork")
    # SQLite takes one writer at a time and lets the others poll with sleeps; an OS lock hands
    # the turn over the moment the writer is done.
    is_sqlite = sa.make_url(database_url).get_backend_name() == "sqlite"
    write_lock = context.Lock() if is_sqlite else contextlib.nullcontext()
    identities_stored = context.Event()
    # What the workers inherit stays out of every collection: a collection would walk (and so
    # copy) each inherited page.
    gc.freeze()
    initargs = (profiles, now_ms, database_url, write_lock, identities_stored)
    with bar, context.Pool(workers, initializer=_init_worker, initargs=initargs) as pool:
        results = pool.imap_unordered(store_chunk, chunks)
        with session_factory.begin() as session:
            add_demo_identities(session, now_ms=now_ms, subscriber_names=names)
            extra = [i for i in ids if i not in SUBSCRIBER_IDS]
            add_extra_subscribers(session, extra, names, now_ms)
        identities_stored.set()
        for count in results:
            stored += count
            bar.update(count)
    return stored


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if os.environ.get("ENV") not in ("development", "test"):
        print("refusing to seed: set ENV=development (demo data is for development only)")
        return 2
    database_url = args.database_url or Config().DATABASE_URL
    engine = create_db_engine(database_url)
    with engine.connect() as conn:
        has_accounts = conn.scalar(sa.select(sa.func.count()).select_from(Account))
    engine.dispose()
    if args.if_empty and has_accounts:
        print("demo data already loaded; nothing to do")
        return 0
    started = time.perf_counter()
    # The bulk-load engine's first connection, alone, takes SQLite out of WAL for the workers.
    engine = create_db_engine(database_url, bulk_load=True)
    engine.connect().close()
    engine.dispose()  # the workers fork: they must not share this engine's connections
    factory = sa.orm.sessionmaker(bind=engine, expire_on_commit=False)
    stored = seed(factory, database_url, args)
    elapsed = time.perf_counter() - started
    print(f"seeded {stored} conversations in {elapsed:.1f} s ({stored / elapsed:,.0f}/s)")
    engine.dispose()
    # Fresh statistics, so that the first searches are planned for the data just loaded rather
    # than for an empty database (autovacuum would catch up only later). An ordinary engine:
    # on SQLite its connection puts the database back into WAL for the service.
    engine = create_db_engine(database_url)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
