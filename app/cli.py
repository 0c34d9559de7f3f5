"""Flask commands: ingest records, purge spent OAuth nonces; contracts (in ``cli_contracts``)."""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from typing import IO, Any

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from marshmallow import ValidationError
from tqdm import tqdm

from app.api.error_handlers import flatten_messages
from app.cli_contracts import contracts_command
from app.db import get_session, write_transaction
from app.errors import ServiceError
from app.repositories import credentials
from app.services import ingestion
from app.services.record_files import read_records
from schemas.ingest import load_batch


def _now_ms() -> int:
    return int(time.time() * 1000)


@click.command("ingest")
@with_appcontext
@click.argument("file", type=click.File("rb"))
@click.option("--batch-size", default=500, show_default=True, help="Records per transaction.")
def ingest_command(file: IO[bytes], batch_size: int) -> None:
    """Ingest conversation records from FILE (JSON list, search response, or NDJSON).

    Each batch is one transaction; ingestion is idempotent, so after an error the same file can
    be ingested again once the bad record is fixed.
    """
    session = get_session()
    totals: dict[str, int] = defaultdict(int)
    records = read_records(file)
    index = 0
    with tqdm(unit=" records", desc="ingest", disable=None) as progress:
        while batch := list(itertools.islice(records, batch_size)):
            try:
                loaded = load_batch(batch, max_records=batch_size, first_index=index)
                _store(session, loaded, totals)
            except ValidationError as error:
                raise click.ClickException(_explain(error.messages, totals)) from error
            except ServiceError as error:
                raise click.ClickException(
                    _explain({"body": error.causes or [error.message]}, totals)
                ) from error
            index += len(batch)
            progress.update(len(batch))
    click.echo(", ".join(f"{k}: {v}" for k, v in sorted(totals.items())) or "no records")


def _store(session: Any, loaded: list[dict[str, Any]], totals: dict[str, int]) -> None:
    by_account: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in loaded:
        by_account[str(record["info"]["brandId"])].append(record)
    with write_transaction(session):
        for account_id, records in by_account.items():
            if credentials.get_account(session, account_id=account_id) is None:
                raise ServiceError(
                    f"account {account_id} does not exist",
                    causes=[f"info.brandId: account {account_id} does not exist"],
                )
            outcome = ingestion.ingest(
                session, account_id=account_id, records=records, now_ms=_now_ms()
            )
            for kind in ("created", "updated", "unchanged", "stale"):
                totals[kind] += len(getattr(outcome, kind))


def _explain(messages: Any, totals: dict[str, int]) -> str:
    stored = sum(totals.values())
    causes = "\n  ".join(flatten_messages(messages))
    return f"nothing of the failing batch was stored ({stored} records before it were):\n  {causes}"


@click.command("purge-nonces")
@with_appcontext
def purge_nonces_command() -> None:
    """Delete OAuth nonces older than the timestamp window (they can no longer be replayed)."""
    session = get_session()
    window = current_app.config["OAUTH_TIMESTAMP_WINDOW_SECONDS"]
    with write_transaction(session):
        count = credentials.purge_nonces(session, older_than_s=int(time.time()) - window)
    click.echo(f"purged {count} nonces")


def register_commands(app: Flask) -> None:
    """Attach the service's commands to ``flask``."""
    app.cli.add_command(ingest_command)
    app.cli.add_command(purge_nonces_command)
    app.cli.add_command(contracts_command)
