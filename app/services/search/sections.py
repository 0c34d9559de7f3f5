"""Which stored sections a search sends, and how a record is spliced from their JSON text.

A record of the response is ``{"info": ..., "<section>": ..., ...}`` written by concatenating
the stored JSON of each section: no section is parsed or rebuilt on the way out, except ``info``
of an open conversation, whose ``duration`` runs until the time of the request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import orjson

from app.domain import (
    CONSUMER_PII,
    DEFAULT_CONTENT,
    METADATA,
    RECORD_SECTIONS,
    SURVEYS,
    TRANSCRIPTS,
    AccessScope,
)
from app.models.conversation import SECTION_COLUMNS, join_info
from app.services.decompose import INFO_PII_FIELDS

# The data category of each section (design.md section 2); info itself is metadata, and its
# consumer-identifying fields (info_pii) are consumer_pii.
SECTION_CATEGORIES: dict[str, str] = {
    "campaign": METADATA,
    "monitoring": CONSUMER_PII,
    "messageRecords": TRANSCRIPTS,
    "messageStatuses": METADATA,
    "agentParticipants": METADATA,
    "agentParticipantsActive": METADATA,
    "agentParticipantsLeave": METADATA,
    "consumerParticipants": CONSUMER_PII,
    "transfers": METADATA,
    "interactions": METADATA,
    "messageScores": METADATA,
    "skillChanges": METADATA,
    "conversationSurveys": SURVEYS,
    "coBrowseSessions": METADATA,
    "summary": TRANSCRIPTS,
    "sdes": CONSUMER_PII,
    "unAuthSdes": CONSUMER_PII,
    "responseTime": METADATA,
    "dialogs": METADATA,
    "intents": METADATA,
    "uniqueIntents": METADATA,
    "latestAgentSurvey": SURVEYS,
    "previouslySubmittedAgentSurveys": SURVEYS,
}
assert set(SECTION_CATEGORIES) == set(RECORD_SECTIONS)  # noqa: S101 - a new section needs one


@dataclass(frozen=True)
class SectionChoice:
    """The sections one response sends: JSON key -> stored column, in LivePerson's order."""

    columns: tuple[tuple[str, str], ...]

    @classmethod
    def of(
        cls, content: Sequence[str] | None, *, v2: bool, selected_intent_only: bool
    ) -> SectionChoice:
        """Choose the stored columns for a request's ``contentToRetrieve``, ``v`` and
        ``selectedIntentOnly``."""
        wanted = set(DEFAULT_CONTENT if content is None else content)
        if not v2:
            wanted.discard("unAuthSdes")  # only version 2 sends unauthenticated SDEs
        columns = []
        for key in RECORD_SECTIONS:
            if key not in wanted:
                continue
            column = SECTION_COLUMNS[key]
            if key == "sdes" and not v2:
                column = "sdes_v1"
            elif key == "intents" and selected_intent_only:
                column = "intents_selected_only"
            columns.append((key, column))
        return cls(tuple(columns))


def info_json(info: str, info_pii: str | None, *, open_since_ms: int | None, now_ms: int) -> str:
    """Return the info object to send; an open conversation's duration is counted to now."""
    text = join_info(info, info_pii)
    if open_since_ms is None:
        return text
    parsed = orjson.loads(text)
    parsed["duration"] = max(0, now_ms - open_since_ms)
    return orjson.dumps(parsed).decode()


def record_json(info: str, sections: Sequence[tuple[str, str | None]]) -> str:
    """Splice one record from its info and (key, stored JSON) sections; absent ones are left out."""
    parts = ['{"info":', info]
    for key, text in sections:
        if text is not None:
            parts.append(f',"{key}":')
            parts.append(text)
    parts.append("}")
    return "".join(parts)


def withheld_sections(scope: AccessScope, sections: SectionChoice) -> list[tuple[str, list[str]]]:
    """Per account of the scope, the asked-for sections its grant does not cover (sent to no
    of that account); the consumer-identifying fields of ``info`` are listed by their path."""
    asked = [key for key, _ in sections.columns]
    withheld = []
    for grant in scope.grants:
        keys = [k for k in asked if SECTION_CATEGORIES[k] not in grant.categories]
        if CONSUMER_PII not in grant.categories:
            keys[:0] = [f"info.{field}" for field in INFO_PII_FIELDS]
        if keys:
            withheld.append((grant.account_id, keys))
    return withheld
