"""``flask contracts record|list|revoke``: the operator's side of the contracts API.

Each command validates with the API's schemas and calls the same service functions as the API,
in one transaction; only the caller differs (the operator, who may revoke any contract and names
who asked with ``--by``). Times are epoch milliseconds or ISO-8601 (a date alone is midnight UTC;
a time without an offset is UTC).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import click
from flask.cli import with_appcontext
from marshmallow import ValidationError

from app.api.error_handlers import flatten_messages
from app.db import get_session, write_transaction
from app.errors import ServiceError
from app.services import contracts
from app.services.contracts import ContractView
from schemas.contracts import CONTRACT_STATES, load_contract_request, load_revocation

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_MS = timedelta(milliseconds=1)


def _now_ms() -> int:
    return int(time.time() * 1000)


class Instant(click.ParamType[int]):
    """A point in time: epoch milliseconds, or an ISO-8601 date or date and time."""

    name = "time"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if text.isdigit():
            return int(text)
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            self.fail(f"{value!r} is neither epoch milliseconds nor an ISO-8601 time", param, ctx)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return (moment - _EPOCH) // _ONE_MS


INSTANT = Instant()


def _iso(ms: int | None) -> str:
    if ms is None:
        return "-"
    return (_EPOCH + ms * _ONE_MS).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def _explained() -> Iterator[None]:
    """Turn a refused request into a command-line error that lists its causes."""
    try:
        yield
    except ValidationError as error:
        causes = "\n  ".join(flatten_messages(error.messages))
        raise click.ClickException(f"the request is not valid:\n  {causes}") from error
    except ServiceError as error:
        causes = "".join(f"\n  {cause}" for cause in error.causes)
        raise click.ClickException(f"{error.message}{causes}") from error


@click.group("contracts")
def contracts_command() -> None:
    """Record, list and revoke consent contracts."""


@contracts_command.command("record")
@with_appcontext
@click.option("--provider", required=True, help="Provider account id.")
@click.option("--subscriber", required=True, help="Subscriber account id (of its network).")
@click.option(
    "--categories",
    required=True,
    help="Comma-separated: metadata, transcripts, consumer_pii, surveys.",
)
@click.option("--effective-from", type=INSTANT, required=True, help="When it takes effect.")
@click.option("--expires-at", type=INSTANT, help="When it expires (default: never).")
@click.option("--covers-from", type=INSTANT, help="Earliest conversation start covered.")
@click.option("--covers-to", type=INSTANT, help="Latest conversation start covered.")
@click.option("--agreement-ref", required=True, help="Reference of the signed agreement.")
@click.option("--supersedes", type=int, help="Id of the contract this one replaces (revoked).")
@click.option("--by", "created_by", default="cli", show_default=True, help="Who records it.")
def record_command(
    provider: str,
    subscriber: str,
    categories: str,
    effective_from: int,
    expires_at: int | None,
    covers_from: int | None,
    covers_to: int | None,
    agreement_ref: str,
    supersedes: int | None,
    created_by: str,
) -> None:
    """Record a contract; with --supersedes, the old one is revoked in the same transaction."""
    body = {
        "providerId": provider,
        "subscriberId": subscriber,
        "categories": [c.strip() for c in categories.split(",") if c.strip()],
        "effectiveFrom": effective_from,
        "expiresAt": expires_at,
        "coversFrom": covers_from,
        "coversTo": covers_to,
        "agreementRef": agreement_ref,
        "supersedes": supersedes,
    }
    with _explained():
        terms = contracts.ContractTerms(**load_contract_request(body))
        with write_transaction(get_session()) as session:
            recorded = contracts.record(
                session, terms=terms, created_by=created_by, now_ms=_now_ms()
            )
    click.echo(f"recorded contract {recorded.contract_id} ({recorded.state})")
    if recorded.supersedes_id is not None:
        click.echo(
            f"revoked contract {recorded.supersedes_id}: superseded by {recorded.contract_id}"
        )


COLUMNS: tuple[tuple[str, Callable[[ContractView], str]], ...] = (
    ("id", lambda c: str(c.contract_id)),
    ("state", lambda c: c.state),
    ("provider", lambda c: c.provider_id),
    ("subscriber", lambda c: c.subscriber_id),
    ("categories", lambda c: ",".join(c.categories)),
    ("effective", lambda c: _iso(c.effective_from_ms)),
    ("expires", lambda c: _iso(c.expires_at_ms)),
    ("covers", lambda c: f"{_iso(c.covers_from_ms)}..{_iso(c.covers_to_ms)}"),
    ("agreement", lambda c: c.agreement_ref),
    ("history", lambda c: _history(c)),
)


def _history(contract: ContractView) -> str:
    notes = []
    if contract.supersedes_id is not None:
        notes.append(f"supersedes {contract.supersedes_id}")
    if contract.revoked_at_ms is not None:
        notes.append(
            f"revoked {_iso(contract.revoked_at_ms)} by {contract.revoked_by}: "
            f"{contract.revocation_reason}"
        )
    return "; ".join(notes) or "-"


@contracts_command.command("list")
@with_appcontext
@click.option("--account", required=True, help="A provider or subscriber account id.")
@click.option("--state", type=click.Choice(CONTRACT_STATES), help="Only contracts in this state.")
def list_command(account: str, state: str | None) -> None:
    """List every contract an account is party to (the whole history), oldest first."""
    with _explained():
        page = contracts.search(get_session(), account_id=account, now_ms=_now_ms(), state=state)
    rows = [[name for name, _ in COLUMNS]]
    rows += [[value(c) for _, value in COLUMNS] for c in page.items]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    for row in rows:
        click.echo("  ".join([*(v.ljust(w) for v, w in zip(row, widths, strict=False)), row[-1]]))
    click.echo(f"{page.count} contract{'' if page.count == 1 else 's'}")


@contracts_command.command("revoke")
@with_appcontext
@click.argument("contract_id", type=int)
@click.option("--reason", required=True, help="Why (at most 500 characters).")
@click.option("--by", "revoked_by", required=True, help="Who asked for the revocation.")
def revoke_command(contract_id: int, reason: str, revoked_by: str) -> None:
    """Revoke a contract; from the next request on it grants nothing."""
    with _explained():
        reason = load_revocation({"reason": reason})
        with write_transaction(get_session()) as session:
            revoked = contracts.revoke(
                session,
                contract_id=contract_id,
                reason=reason,
                revoked_by=revoked_by,
                now_ms=_now_ms(),
            )
    click.echo(f"revoked contract {revoked.contract_id} by {revoked.revoked_by}: {reason}")
