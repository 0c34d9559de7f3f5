"""The Marketplace Network report over HTTP: JSON, and its tables as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Blueprint, Response

from app.api.auth import current_principal, now_ms
from app.api.decorators import Access, api_route
from app.api.requests import json_body
from app.api.responses import json_response
from app.db import get_session
from app.domain import REPORTS
from app.errors import NotFound
from app.services import access, network_report
from schemas.reports import load_network_report

reports_api = Blueprint("reports", __name__)

REPORT = "/marketplace/api/account/<account_id>/reports/network"


def _report(account_id: str) -> dict[str, Any]:
    principal = current_principal()
    access.require_own_account(principal, account_id=account_id, permission=REPORTS)
    request = network_report.ReportRequest(**load_network_report(json_body()))
    return network_report.network_report(
        get_session(), principal, account_id=account_id, request=request, now_ms=now_ms()
    )


@api_route(reports_api, REPORT, methods=["POST"], access=Access.AUTHENTICATED)
def network(account_id: str) -> Response:
    """The provider summary and subscriber performance of the provider's network."""
    return json_response(_report(account_id))


@api_route(reports_api, f"{REPORT}/csv/<table>", methods=["POST"], access=Access.AUTHENTICATED)
def network_csv(account_id: str, table: str) -> Response:
    """One table of the report as CSV: ``summary``, ``daily`` or ``subscribers``."""
    if table not in CSV_TABLES:
        raise NotFound(
            f"No report table {table}.", causes=[f"table: must be one of {', '.join(CSV_TABLES)}"]
        )
    rows = CSV_TABLES[table](_report(account_id))
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="network-{table}.csv"'},
    )


def _summary(report: dict[str, Any]) -> list[list[Any]]:
    summary = report["providerSummary"]
    waits = report["subscriberPerformance"]["avgFirstHumanResponseWaitMs"]
    closed = summary["closedByCloseReason"]["total"]
    return [
        ["metric", "value"],
        ["active_subscribers", summary["activeSubscribers"]],
        ["opened_conversations", summary["openedConversations"]["total"]],
        ["containment_count", summary["containment"]["count"]],
        ["containment_rate", _blank(summary["containment"]["rate"])],
        ["tango_count", summary["tango"]["count"]],
        ["tango_rate", _blank(summary["tango"]["rate"])],
        *[[f"closed_by_{reason.lower()}", n] for reason, n in closed.items()],
        ["avg_first_human_response_wait_ms", _blank(waits["overall"])],
    ]


def _daily(report: dict[str, Any]) -> list[list[Any]]:
    summary = report["providerSummary"]
    opened = {d["date"]: d["count"] for d in summary["openedConversations"]["daily"]}
    rows: list[list[Any]] = [["date", "opened", "closed_agent", "closed_consumer", "closed_system"]]
    for day in summary["closedByCloseReason"]["daily"]:
        rows.append(
            [day["date"], opened[day["date"]], day["AGENT"], day["CONSUMER"], day["SYSTEM"]]
        )
    return rows


def _subscribers(report: dict[str, Any]) -> list[list[Any]]:
    performance = report["subscriberPerformance"]
    closed = {s["accountId"]: s for s in performance["closedBySubscriber"]}
    waits = {s["accountId"]: s for s in performance["avgFirstHumanResponseWaitMs"]["bySubscriber"]}
    rows: list[list[Any]] = [
        ["account_id", "name", "closed", "avg_first_human_response_wait_ms", "waited_conversations"]
    ]
    names = report["subscribers"]["names"]
    for account in report["subscribers"]["included"]:
        name = names.get(account, "")
        wait = waits.get(account)
        rows.append(
            [
                account,
                name,
                closed[account]["count"] if account in closed else 0,
                wait["avgMs"] if wait else "",
                wait["conversations"] if wait else 0,
            ]
        )
    return rows


def _blank(value: Any) -> Any:
    return "" if value is None else value


CSV_TABLES = {"summary": _summary, "daily": _daily, "subscribers": _subscribers}
