"""Seed rate on SQLite and PostgreSQL: `bench/bench_seed.py [--conversations N] [--repeat R]`.

Each run migrates a fresh database, runs `python -m seed` exactly as `make run` does, and reads
the rate the command reports (conversations stored per second, identities included in the time).
The PostgreSQL database is created and dropped here. Results go to stdout and bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def run(cmd: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def seed_rate(url: str, conversations: int, seed: int, extra: list[str]) -> dict[str, float]:
    env = {**os.environ, "DATABASE_URL": url, "ENV": "development"}
    bin_dir = Path(sys.executable).parent
    run([str(bin_dir / "alembic"), "upgrade", "head"], env)
    started = time.perf_counter()
    out = run(
        [
            sys.executable,
            "-m",
            "seed",
            "--conversations",
            str(conversations),
            "--seed",
            str(seed),
            "--quiet",
            *extra,
        ],
        env,
    )
    wall = time.perf_counter() - started
    match = re.search(r"seeded (\d+) conversations in ([\d.]+) s", out)
    if not match:
        sys.exit(f"unexpected seed output: {out}")
    stored, seconds = int(match.group(1)), float(match.group(2))
    return {
        "conversations": stored,
        "seconds": seconds,
        "rate": stored / seconds,
        "wall_with_startup": wall,
    }


def postgres_rate(conversations: int, seed: int, extra: list[str]) -> dict[str, float]:
    """Seed a PostgreSQL database made for the run, and drop it after."""
    name = f"mmi_bench_{os.getpid()}"
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        # Every run starts from a checkpoint: otherwise the WAL left by the runs before decides
        # whether a checkpoint falls inside this one, which moves its rate by a fifth.
        conn.exec_driver_sql("CHECKPOINT")
    try:
        url = sa.make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)
        return seed_rate(url, conversations, seed, extra)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def sqlite_rate(conversations: int, seed: int, extra: list[str]) -> dict[str, float]:
    """Seed a SQLite file made for the run."""
    with tempfile.TemporaryDirectory() as tmp:
        return seed_rate(f"sqlite:///{tmp}/bench.db", conversations, seed, extra)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per database, alternating (median reported)"
    )
    parser.add_argument("--workers", type=int, help="python -m seed --workers (default: its own)")
    args = parser.parse_args()
    extra = ["--workers", str(args.workers)] if args.workers else []
    runs: dict[str, list[dict[str, float]]] = {"sqlite": [], "postgresql": []}
    # Alternating the databases spreads this machine's minute-to-minute noise over both.
    for _ in range(args.repeat):
        runs["sqlite"].append(sqlite_rate(args.conversations, args.seed, extra))
        runs["postgresql"].append(postgres_rate(args.conversations, args.seed, extra))
    medians = {}
    for backend, results in runs.items():
        rates = [r["rate"] for r in results]
        medians[backend] = statistics.median(rates)
        listed = ", ".join(f"{rate:,.0f}" for rate in rates)
        print(
            f"{backend:11s} {args.conversations:,d} conversations: median {medians[backend]:,.0f}/s"
            f" (runs: {listed})"
        )
    print(f"postgresql/sqlite median ratio: {medians['postgresql'] / medians['sqlite']:.2f}")
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    record = {"machine": platform.platform(), "cpus": os.cpu_count(), "runs": runs}
    (out_dir / f"seed-{stamp}.json").write_text(json.dumps(record, indent=2))


if __name__ == "__main__":
    main()
