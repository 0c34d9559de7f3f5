"""The Marketplace Network report: the provider summary and subscriber performance.

Every figure is an aggregate query over the indexed scalars that ingestion derived once per
conversation (``app.services.decompose``); no conversation is loaded into Python. The report
reads the same consent scope as the searches: only subscribers with a contract in force
(``metadata`` is enough), only conversations that start inside the contract's covered window,
and the contract re-checked inside each statement.

Definitions (also in docs/decisions.md and openapi.yaml). The range is ``[from, to)``; a day
is a calendar day of the request's time zone.

- *opened*: conversations whose start time lies in the range, per day of their start;
- *active subscribers*: subscribers with an opened conversation in which an agent, bot or human,
  sent the consumer a message;
- *containment*: opened conversations that are closed, in which a bot took part and no human
  did and that were never escalated; its rate is over the opened conversations that are closed;
- *tango*: opened conversations escalated from a bot in which a human agent then wrote to the
  consumer; its rate is over the opened conversations;
- *closed by close reason*: conversations whose end lies in the range, by ``closeReason``
  (AGENT, CONSUMER, SYSTEM) per day of their end; *closed by subscriber*: the same by account;
- *average wait for the first human response*: over the opened conversations with an
  escalation and a human message after it, the mean of (first human message - escalation), in
  milliseconds, overall and per subscriber.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain import METADATA, AccessScope, LeftOut, Principal
from app.errors import Forbidden
from app.models import Account, Conversation
from app.services.access import PROVIDER, read_scope
from app.services.search.page import scope_condition

C = Conversation
CLOSE_REASONS = ("AGENT", "CONSUMER", "SYSTEM")


@dataclass(frozen=True)
class ReportRequest:
    """A validated report request: the range in epoch ms, its time zone, the subscribers."""

    from_ms: int
    to_ms: int
    time_zone: str
    subscriber_ids: tuple[str, ...] | None = None


def network_report(
    session: Session, principal: Principal, *, account_id: str, request: ReportRequest, now_ms: int
) -> dict[str, Any]:
    """Return the report of a provider's network for a range (see the module docstring).

    :raises Forbidden: for anyone but a provider on its own account with the read permission.
    """
    scope = _subscribers_scope(session, principal, account_id=account_id, now_ms=now_ms)
    if request.subscriber_ids is not None:
        scope = scope.narrowed_to(request.subscriber_ids)
    scope = scope.requiring(frozenset({METADATA}))
    days = _days(request)
    names = _names(session, [g.account_id for g in scope.grants])
    if not scope.grants:
        return _report(days, {}, {}, {}, {}, {}, names, scope.left_out)
    readable = scope_condition(scope, now_ms)
    opened = C.start_time_ms.between(request.from_ms, request.to_ms - 1)
    closed = C.end_time_ms.between(request.from_ms, request.to_ms - 1)
    starts = [low for _, low, _ in days]
    keys = [d.isoformat() for d, _, _ in days]

    def day_of(ms: int) -> str:
        return keys[max(0, bisect_right(starts, ms) - 1)]

    totals = _opened_totals(session, readable, opened)
    opened_daily = {
        day: n for (day,), n in _per_day(session, readable, opened, C.start_time_ms, day_of).items()
    }
    closed_daily: dict[str, dict[str, int]] = defaultdict(dict)
    for (day, reason), n in _per_day(
        session, readable, closed, C.end_time_ms, day_of, C.close_reason
    ).items():
        closed_daily[day][str(reason)] = n
    closed_by_subscriber = dict(
        session.execute(
            sa.select(C.account_id, sa.func.count()).where(readable, closed).group_by(C.account_id)
        ).all()
    )
    waits = _waits(session, readable, opened)
    return _report(
        days, totals, opened_daily, closed_daily, closed_by_subscriber, waits, names, scope.left_out
    )


def _subscribers_scope(
    session: Session, principal: Principal, *, account_id: str, now_ms: int
) -> AccessScope:
    """The provider's consenting network, without its own account (the report is about
    subscribers)."""
    scope = read_scope(session, principal, account_id=account_id, now_ms=now_ms)
    if principal.account_kind != PROVIDER or not scope.aggregated:
        raise Forbidden(
            "The network report is a provider's, on its own account.", reason="not_a_provider"
        )
    return replace(scope, grants=tuple(g for g in scope.grants if g.account_id != account_id))


def _days(request: ReportRequest) -> list[tuple[date, int, int]]:
    """The calendar days of the range in its time zone: (day, first ms, end ms), clipped."""
    zone = ZoneInfo(request.time_zone)
    first = datetime.fromtimestamp(request.from_ms / 1000, zone).date()
    last = datetime.fromtimestamp((request.to_ms - 1) / 1000, zone).date()
    days = []
    day = first
    while day <= last:
        start = datetime(day.year, day.month, day.day, tzinfo=zone)
        end = start + timedelta(days=1)
        low = max(request.from_ms, int(start.timestamp() * 1000))
        high = min(request.to_ms, int(end.replace(tzinfo=zone).timestamp() * 1000))
        days.append((day, low, high))
        day += timedelta(days=1)
    return days


def _opened_totals(session: Session, readable: Any, opened: Any) -> dict[str, dict[str, int]]:
    """Per subscriber: opened, closed among them, contained, tango, and whether it was active."""
    closed = C.status == "CLOSE"
    contained = sa.and_(
        closed, C.bot_participated, sa.not_(C.human_participated), C.escalated_at_ms.is_(None)
    )
    tango = sa.and_(C.escalated_at_ms.is_not(None), C.first_human_response_ms.is_not(None))
    active = C.first_agent_message_ms.is_not(None)

    def count_of(condition: Any) -> Any:
        return sa.func.sum(sa.case((condition, 1), else_=0))

    rows = session.execute(
        sa.select(
            C.account_id,
            sa.func.count(),
            count_of(closed),
            count_of(contained),
            count_of(tango),
            count_of(active),
        )
        .where(readable, opened)
        .group_by(C.account_id)
    )
    return {
        account: {
            "opened": int(n),
            "closed": int(n_closed or 0),
            "contained": int(n_contained or 0),
            "tango": int(n_tango or 0),
            "active": int(n_active or 0),
        }
        for account, n, n_closed, n_contained, n_tango, n_active in rows
    }


# Every time zone's offset, and every DST shift, is a whole number of quarter hours: the
# statements count per quarter hour of UTC, and each quarter hour falls in one local day.
QUARTER_HOUR_MS = 900_000


def _per_day(
    session: Session, readable: Any, where: Any, column: Any, day_of: Any, *by: Any
) -> dict[tuple[Any, ...], int]:
    """Count per local day (and per ``by`` columns): grouped per quarter hour in the database,
    those few aggregate rows then summed per day of the time zone."""
    quarter = column // QUARTER_HOUR_MS  # floor division: an integer on both databases
    rows = session.execute(
        sa.select(quarter, *by, sa.func.count()).where(readable, where).group_by(quarter, *by)
    )
    counts: dict[tuple[Any, ...], int] = defaultdict(int)
    for q, *keys, n in rows:
        counts[(day_of(int(q) * QUARTER_HOUR_MS), *keys)] += int(n)
    return counts


def _waits(session: Session, readable: Any, opened: Any) -> dict[str, tuple[int, int]]:
    """Per subscriber: (sum of waits in ms, number of conversations waited on)."""
    waited = sa.and_(
        C.escalated_at_ms.is_not(None),
        C.first_human_response_ms.is_not(None),
        C.first_human_response_ms >= C.escalated_at_ms,
    )
    rows = session.execute(
        sa.select(
            C.account_id,
            sa.func.sum(C.first_human_response_ms - C.escalated_at_ms),
            sa.func.count(),
        )
        .where(readable, opened, waited)
        .group_by(C.account_id)
    )
    return {account: (int(total or 0), int(n)) for account, total, n in rows}


def _names(session: Session, account_ids: list[str]) -> dict[str, str]:
    if not account_ids:
        return {}
    rows = session.execute(
        sa.select(Account.account_id, Account.name).where(Account.account_id.in_(account_ids))
    )
    return {account: name for account, name in rows}


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _report(
    days: list[tuple[date, int, int]],
    totals: dict[str, dict[str, int]],
    opened_daily: dict[str, int],
    closed_daily: dict[str, dict[str, int]],
    closed_by_subscriber: dict[str, int],
    waits: dict[str, tuple[int, int]],
    names: dict[str, str],
    left_out: tuple[LeftOut, ...],
) -> dict[str, Any]:
    def total(key: str) -> int:
        return sum(t[key] for t in totals.values())

    opened, closed = total("opened"), total("closed")
    day_keys = [d.isoformat() for d, _, _ in days]
    closed_days = [
        {"date": day, **{r: closed_daily.get(day, {}).get(r, 0) for r in CLOSE_REASONS}}
        for day in day_keys
    ]
    wait_sum = sum(s for s, _ in waits.values())
    wait_n = sum(n for _, n in waits.values())
    return {
        "providerSummary": {
            "activeSubscribers": sum(1 for t in totals.values() if t["active"]),
            "openedConversations": {
                "total": opened,
                "daily": [{"date": day, "count": opened_daily.get(day, 0)} for day in day_keys],
            },
            "containment": {"count": total("contained"), "rate": _rate(total("contained"), closed)},
            "tango": {"count": total("tango"), "rate": _rate(total("tango"), opened)},
            "closedByCloseReason": {
                "total": {r: sum(d[r] for d in closed_days) for r in CLOSE_REASONS},
                "daily": closed_days,
            },
        },
        "subscriberPerformance": {
            "closedBySubscriber": [
                {"accountId": account, "name": names.get(account, account), "count": n}
                for account, n in sorted(
                    closed_by_subscriber.items(), key=lambda kv: (-kv[1], kv[0])
                )
            ],
            "avgFirstHumanResponseWaitMs": {
                "overall": round(wait_sum / wait_n) if wait_n else None,
                "bySubscriber": [
                    {
                        "accountId": account,
                        "name": names.get(account, account),
                        "avgMs": round(s / n),
                        "conversations": n,
                    }
                    for account, (s, n) in sorted(waits.items())
                    if n
                ],
            },
        },
        "subscribers": {
            "included": sorted(names),
            "names": dict(sorted(names.items())),
            "excluded": [{"accountId": x.account_id, "reason": x.reason} for x in left_out],
        },
    }
