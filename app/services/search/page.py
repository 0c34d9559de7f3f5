"""One search: a count and a page, two statements whatever the page size or the sections.

Both statements carry the access scope and every filter in their WHERE clause, so nothing is
read that the scope does not allow and there is no gap between a check and a read. Sections a
reader's grant does not cover are withheld inside the page statement (``CASE``), per account.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.domain import CONSUMER_PII, AccessScope, LeftOut
from app.models import Conversation, ConversationSections
from app.repositories import contracts
from app.services.search.filters import FilterContext, categories_needed, conditions
from app.services.search.sections import SECTION_CATEGORIES, SectionChoice, info_json, record_json

C = Conversation
S = ConversationSections


@dataclass(frozen=True)
class SearchQuery:
    """A validated search: filters, the sections to send, the page and its order."""

    filters: dict[str, Any]
    sections: SectionChoice
    offset: int
    limit: int
    sort_field: str  # "start" or "end"
    descending: bool
    now_ms: int
    conversation_ids: tuple[str, ...] | None = None  # conversation search (E2)


@dataclass(frozen=True)
class SearchPage:
    """The answer: how many match in all, this page's records as JSON text, who was left out."""

    count: int
    records: list[str]
    left_out: tuple[LeftOut, ...]
    account_ids: tuple[str, ...] = ()  # the owner of each record, in page order
    scope: AccessScope | None = None  # the scope after the filters' categories were applied


def scope_condition(scope: AccessScope, now_ms: int) -> ColumnElement[bool]:
    """Rows the scope may read: its accounts, each within its covered window of start times, and
    those read under a contract only while that contract is still in force, checked here, in
    the statement that reads them (a revocation since the scope was built holds at once)."""
    unbounded = [
        g.account_id for g in scope.grants if g.covers_from_ms is None and g.covers_to_ms is None
    ]
    parts: list[ColumnElement[bool]] = []
    if unbounded:
        parts.append(C.account_id.in_(unbounded))
    for grant in scope.grants:
        if grant.account_id in unbounded:
            continue
        window = [C.account_id == grant.account_id]
        if grant.covers_from_ms is not None:
            window.append(C.start_time_ms >= grant.covers_from_ms)
        if grant.covers_to_ms is not None:
            window.append(C.start_time_ms <= grant.covers_to_ms)
        parts.append(sa.and_(*window))
    if not parts:
        return sa.false()
    readable = sa.or_(*parts)
    contract_ids = [g.contract_id for g in scope.grants if g.contract_id is not None]
    if not contract_ids:
        return readable
    consented = C.account_id.in_(contracts.still_in_force(contract_ids, now_ms))
    owners = [g.account_id for g in scope.grants if g.contract_id is None]
    return sa.and_(readable, sa.or_(C.account_id.in_(owners), consented) if owners else consented)


def _granted(scope: AccessScope, category: str, column: Any, owner: Any) -> Any:
    """The column where every account may see the category; else only for those that may."""
    allowed = [g.account_id for g in scope.grants if category in g.categories]
    if len(allowed) == len(scope.grants):
        return column
    if not allowed:
        return sa.null()
    return sa.case((owner.in_(allowed), column), else_=sa.null())


def _order(query: SearchQuery, rows: Any) -> list[Any]:
    """The page's order over ``rows`` (the conversations table or the page's keys): total, by
    the sort time, then conversation id, then account."""
    column = rows.start_time_ms if query.sort_field == "start" else rows.end_time_ms
    keys = [column, rows.conversation_id, rows.account_id]
    ordered = [k.desc() if query.descending else k.asc() for k in keys]
    if query.sort_field == "end":  # an open conversation ends after every closed one
        ordered[0] = ordered[0].nulls_first() if query.descending else ordered[0].nulls_last()
    return ordered


def run(session: Session, scope: AccessScope, query: SearchQuery) -> SearchPage:
    """Count the matches and read one page of them, within the scope."""
    scope = scope.requiring(categories_needed(query.filters))
    if not scope.grants:
        return SearchPage(0, [], scope.left_out, scope=scope)
    ctx = FilterContext(
        dialect=session.get_bind().dialect.name,
        account_ids=[g.account_id for g in scope.grants],
        now_ms=query.now_ms,
    )
    where = [scope_condition(scope, query.now_ms), *conditions(query.filters, ctx)]
    if query.conversation_ids is not None:
        where.append(C.conversation_id.in_(query.conversation_ids))
    count = session.scalar(sa.select(sa.func.count()).select_from(C).where(*where)) or 0
    if query.offset >= count:
        return SearchPage(count, [], scope.left_out, scope=scope)
    # The page's keys first, from the indexed columns alone; only its rows then fetch their
    # stored sections (a planner otherwise may join every match's sections before sorting).
    page = (
        sa.select(C.account_id, C.conversation_id, C.status, C.start_time_ms, C.end_time_ms)
        .where(*where)
        .order_by(*_order(query, C))
        .offset(query.offset)
        .limit(query.limit)
        .subquery("page")
    )
    owner = page.c.account_id
    section_columns = [
        _granted(scope, SECTION_CATEGORIES[key], getattr(S, column), owner).label(key)
        for key, column in query.sections.columns
    ]
    statement = (
        sa.select(
            owner,
            page.c.status,
            page.c.start_time_ms,
            S.info,
            _granted(scope, CONSUMER_PII, S.info_pii, owner).label("info_pii"),
            *section_columns,
        )
        .join(S, sa.and_(S.account_id == owner, S.conversation_id == page.c.conversation_id))
        .order_by(*_order(query, page.c))
    )
    keys = [key for key, _ in query.sections.columns]
    records = []
    owners = []
    for account_id, status, start_ms, info, info_pii, *texts in session.execute(statement):
        owners.append(account_id)
        info_text = info_json(
            info,
            info_pii,
            open_since_ms=start_ms if status == "OPEN" else None,
            now_ms=query.now_ms,
        )
        records.append(record_json(info_text, list(zip(keys, texts, strict=True))))
    return SearchPage(count, records, scope.left_out, tuple(owners), scope)
