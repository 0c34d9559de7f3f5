"""The filters of a search body as SQL conditions on ``conversations``, and what each needs.

Every filter becomes one condition: a comparison of an indexed scalar, an EXISTS on the facet
table (multi-valued keys: skills, agents, groups, ...), or an IN on the full-text index. All are
ANDed into the one statement that also carries the access scope. docs/decisions.md says what
each filter means; this module is the executable version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from app.domain import CONSUMER_PII, METADATA, SURVEYS, TRANSCRIPTS
from app.models import Conversation, ConversationFacet
from app.services.search.text_match import text_condition

C = Conversation
F = ConversationFacet
Condition = ColumnElement[bool]

# The category each filter looks into; a filter not listed here needs only metadata.
FILTER_CATEGORIES: dict[str, str] = {
    "keyword": TRANSCRIPTS,
    "summary": TRANSCRIPTS,
    "sde_search": CONSUMER_PII,
    "consumer": CONSUMER_PII,
    "nps": SURVEYS,
    "question_brick": SURVEYS,
    "invalid_free_text_answer": SURVEYS,
    "survey_bot_conversations": SURVEYS,
    "survey_ids": SURVEYS,
    "fcr": SURVEYS,
    "question_type_and_format_to_retrieve": SURVEYS,
    "answer_text": SURVEYS,
    "agent_survey_search": SURVEYS,
}
# Body keys that choose what to send rather than what matches.
NOT_FILTERS = frozenset(("content_to_retrieve", "selected_intent_only"))

# sdeSearch key -> the engagement attribute kinds it searches.
SDE_FIELDS: dict[str, tuple[str, ...]] = {
    "personal_info": ("personalInfo",),
    "customer_info": ("customerInfo",),
    "user_update": ("userProfile", "userUpdate"),
    "marketing_campaign_info": ("marketingCampaignInfo",),
    "lead": ("lead",),
    "purchase": ("purchase",),
    "viewed_product": ("viewedProduct",),
    "cart_status": ("cartStatus",),
    "service_activity": ("serviceActivity",),
    "visitor_error": ("visitorError",),
    "search_content": ("searchContent",),
}


def categories_needed(filters: Iterable[str]) -> frozenset[str]:
    """Return the data categories a set of filters looks into (metadata always)."""
    return frozenset({METADATA, *(FILTER_CATEGORIES[f] for f in filters if f in FILTER_CATEGORIES)})


@dataclass(frozen=True)
class FilterContext:
    """What building a condition needs besides the filter's value."""

    dialect: str
    account_ids: Sequence[str]
    now_ms: int

    def text(self, fields: Sequence[str], expression: str) -> Condition:
        return text_condition(self.dialect, fields, expression, self.account_ids)


def has_facet(facets: str | Sequence[str], values: Iterable[str]) -> Condition:
    """The conversation has one of ``values`` under one of ``facets``."""
    names = [facets] if isinstance(facets, str) else list(facets)
    return sa.exists().where(
        F.account_id == C.account_id,
        F.facet.in_(names),
        F.value.in_(list(values)),
        F.conversation_id == C.conversation_id,
    )


def between(column: Any, low: int | None, high: int | None) -> Condition:
    parts = [column.is_not(None)]
    if low is not None:
        parts.append(column >= low)
    if high is not None:
        parts.append(column <= high)
    return sa.and_(*parts)


def _range(column: Any) -> Callable[[dict[str, int], FilterContext], Condition]:
    return lambda value, _ctx: between(column, value.get("from_"), value.get("to"))


def _time_range(column: Any) -> Callable[[tuple[int, int], FilterContext], Condition]:
    return lambda value, _ctx: between(column, value[0], value[1])


def _in(column: Any) -> Callable[[Sequence[Any], FilterContext], Condition]:
    return lambda values, _ctx: column.in_(list(values))


def _facet(name: str) -> Callable[[Sequence[str], FilterContext], Condition]:
    return lambda values, _ctx: has_facet(name, values)


def _flag(column: Any) -> Callable[[Any, FilterContext], Condition]:
    return lambda _value, _ctx: column.is_(True)


def _numeric(values: Iterable[str]) -> list[int]:
    return [int(v) for v in values if v.lstrip("-").isdigit()]


def _duration(value: dict[str, int], ctx: FilterContext) -> Condition:
    # Whole seconds, both ends inclusive; an open conversation lasts until now.
    duration = sa.case((C.status == "OPEN", ctx.now_ms - C.start_time_ms), else_=C.duration_ms)
    parts = []
    if "from_" in value:
        parts.append(duration >= value["from_"] * 1000)
    if "to" in value:
        parts.append(duration < (value["to"] + 1) * 1000)
    return sa.and_(*parts)


def _agents(filters: dict[str, Any]) -> Condition | None:
    permissions = list(filters.get("user_permissions", ()))
    agent_ids = filters.get("agent_ids")
    if agent_ids is None and not permissions:
        return None
    permissions = permissions or ["ASSIGNED_AGENT"]
    if "AGENT_MANGER" in permissions or "AGENT_MANAGER" in permissions:
        permissions += ["AGENT_MANGER", "AGENT_MANAGER"]  # LivePerson's spelling, and the word
    facets = [f"agent:{p}" for p in dict.fromkeys(permissions)]
    if agent_ids is not None:
        return has_facet(facets, agent_ids)
    return sa.exists().where(
        F.account_id == C.account_id,
        F.facet.in_(facets),
        F.conversation_id == C.conversation_id,
    )


def _sde_search(value: dict[str, str], ctx: FilterContext) -> Condition:
    return sa.or_(
        *(
            ctx.text([f"sde:{kind}" for kind in SDE_FIELDS[key]], expression)
            for key, expression in value.items()
        )
    )


def _question_type_and_format(value: dict[str, str], _ctx: FilterContext) -> Condition:
    return has_facet("survey_question", [f"{value.get('type', '')}:{value.get('format', '')}"])


def _agent_survey_search(value: dict[str, Any], ctx: FilterContext) -> Condition:
    parts: list[Condition] = []
    if "pending_agent_survey" in value:
        parts.append(C.pending_agent_survey.is_(value["pending_agent_survey"]))
    if "survey_id" in value:
        parts.append(has_facet("agent_survey", [value["survey_id"]]))
    if "question_id" in value:
        parts.append(has_facet("agent_survey_question", [value["question_id"]]))
    if "question_name" in value:
        phrase = '"' + value["question_name"].replace('"', " ") + '"'
        parts.append(ctx.text(["agent_survey_questions"], phrase))
    if "question_keywords" in value:
        parts.append(ctx.text(["agent_survey_questions"], value["question_keywords"]))
    if "answer_keywords" in value:
        parts.append(ctx.text(["agent_survey_answers"], value["answer_keywords"]))
    return sa.and_(*parts)


def _fcr(values: Sequence[str], _ctx: FilterContext) -> Condition:
    return has_facet("fcr", {"yes" if v in ("yes", "1") else "no" for v in values})


# Body key -> the condition it adds. agentIds/userPermissions are one condition (_agents).
CONDITIONS: dict[str, Callable[[Any, FilterContext], Condition]] = {
    "start": _time_range(C.start_time_ms),
    "end": _time_range(C.end_time_ms),
    "full_dialog_end_time": _time_range(C.full_dialog_end_time_ms),
    "latest_update_time": lambda since, _ctx: C.last_update_ms >= since,
    "status": _in(C.status),
    "skill_ids": _facet("skill"),
    "latest_skill_ids": lambda ids, _ctx: C.latest_skill_id.in_(_numeric(ids)),
    "latest_agent_ids": _in(C.latest_agent_id),
    "agent_group_ids": _facet("agent_group"),
    "keyword": lambda text, ctx: ctx.text(["messages"], text),
    "summary": lambda text, ctx: ctx.text(["summary"], text),
    "duration": _duration,
    "mcs": _range(C.mcs),
    "alerted_mcs_values": _in(C.alerted_mcs),
    "csat": _range(C.csat),
    "nps": _range(C.nps),
    "source": _in(C.source),
    "device": _in(C.device),
    "message_content_types": _facet("message_type"),
    "latest_conversation_queue_state": lambda state, _ctx: C.latest_queue_state == state,
    "sde_search": _sde_search,
    "response_time": _range(C.response_due_time_ms),
    "question_brick": lambda text, ctx: ctx.text(["survey_questions"], text),
    "invalid_free_text_answer": _flag(C.has_invalid_free_text_answer),
    "survey_bot_conversations": _flag(C.had_survey_bot),
    "survey_ids": _facet("survey"),
    "fcr": _fcr,
    "question_type_and_format_to_retrieve": _question_type_and_format,
    "answer_text": lambda texts, ctx: sa.or_(*(ctx.text(["survey_answers"], t) for t in texts)),
    "conversations_with_step_up_only": lambda on, _ctx: (
        C.was_step_up.is_(True) if on else sa.true()
    ),
    "agent_survey_search": _agent_survey_search,
    # No record section carries annotations, so no stored conversation has one.
    "annotation_states": lambda _states, _ctx: sa.false(),
    "consumer": lambda consumer, _ctx: has_facet("consumer", [consumer]),
}


def conditions(filters: dict[str, Any], ctx: FilterContext) -> list[Condition]:
    """Return one condition per filter of a loaded body (E1 or E3)."""
    result = [CONDITIONS[name](value, ctx) for name, value in filters.items() if name in CONDITIONS]
    agents = _agents(filters)
    if agents is not None:
        result.append(agents)
    unknown = set(filters) - set(CONDITIONS) - NOT_FILTERS - {"agent_ids", "user_permissions"}
    if unknown:  # a filter the schema accepts must never be dropped silently
        raise LookupError(f"no condition for filters {sorted(unknown)}")
    return result
