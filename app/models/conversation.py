"""Conversations: indexed search columns, ready-to-send section JSON, facets and text.

One Messaging Interactions record is stored as four kinds of row:

- ``conversations``: one row, the scalar values every search filter and report compares;
- ``conversation_sections``: one row, each section of the record as the JSON text we send, so
  that a search response is spliced together from stored pieces instead of rebuilt per field;
- ``conversation_facets``: one row per multi-valued search key (every skill in the flow, every
  agent with the permission it had, every message content type, ...);
- ``conversation_texts``: one row per searchable text (transcript, summary, engagement
  attributes, survey answers), under a full-text index (PostgreSQL GIN, SQLite FTS5).

Every key leads with the account id, so the schema can later be sharded by account as it is.
The three child tables have no foreign key to ``conversations``: checking one per child row cost
a quarter of the insert time. Their rows are written and deleted only by
``repositories.conversation_store``, together with their conversation, in one transaction.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models.types import AccountId, EpochMs, OptionalEpochMs


class Conversation(Base):
    """The searchable scalars of one conversation."""

    __tablename__ = "conversations"
    __table_args__ = (
        sa.Index(
            "ix_conversations_account_start", "account_id", "start_time_ms", "conversation_id"
        ),
        sa.Index("ix_conversations_account_end", "account_id", "end_time_ms", "conversation_id"),
        # No index of its own for conversation ids: every read is scoped to a set of accounts,
        # so the primary key (account_id, conversation_id) serves a lookup by id.
    )

    account_id: Mapped[AccountId] = mapped_column(
        sa.ForeignKey("accounts.account_id"), primary_key=True
    )
    conversation_id: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    status: Mapped[str] = mapped_column(sa.String(8))
    start_time_ms: Mapped[EpochMs]
    end_time_ms: Mapped[OptionalEpochMs] = mapped_column(comment="NULL while OPEN")
    conversation_end_time_ms: Mapped[OptionalEpochMs]
    full_dialog_end_time_ms: Mapped[OptionalEpochMs]
    last_update_ms: Mapped[EpochMs] = mapped_column(
        comment="latest time found anywhere in the record; orders versions of a record"
    )
    duration_ms: Mapped[int] = mapped_column(sa.BigInteger)
    close_reason: Mapped[str | None] = mapped_column(sa.String(100))
    mcs: Mapped[int | None] = mapped_column(sa.SmallInteger)
    alerted_mcs: Mapped[int | None] = mapped_column(sa.SmallInteger)
    csat: Mapped[int | None] = mapped_column(sa.SmallInteger)
    nps: Mapped[int | None] = mapped_column(sa.SmallInteger)
    source: Mapped[str | None] = mapped_column(sa.String(40))
    device: Mapped[str | None] = mapped_column(sa.String(16))
    latest_skill_id: Mapped[int | None] = mapped_column(sa.BigInteger)
    latest_agent_id: Mapped[str | None] = mapped_column(sa.String(100))
    latest_agent_group_id: Mapped[int | None] = mapped_column(sa.BigInteger)
    latest_queue_state: Mapped[str | None] = mapped_column(sa.String(16))
    response_due_time_ms: Mapped[int | None] = mapped_column(
        sa.BigInteger, comment="responseTime.latestEffectiveResponseDueTime"
    )
    was_step_up: Mapped[bool] = mapped_column(sa.Boolean)
    pending_agent_survey: Mapped[bool] = mapped_column(sa.Boolean)
    had_survey_bot: Mapped[bool] = mapped_column(
        sa.Boolean, comment="a post-conversation survey ran"
    )
    has_invalid_free_text_answer: Mapped[bool] = mapped_column(sa.Boolean)
    # What the Marketplace Network report needs, derived once at ingestion.
    bot_participated: Mapped[bool] = mapped_column(sa.Boolean)
    human_participated: Mapped[bool] = mapped_column(sa.Boolean)
    escalated_at_ms: Mapped[OptionalEpochMs] = mapped_column(
        comment="first transfer from a bot to a human skill or agent"
    )
    first_human_response_ms: Mapped[OptionalEpochMs] = mapped_column(
        comment="first message a human agent sent to the consumer"
    )
    first_agent_message_ms: Mapped[OptionalEpochMs] = mapped_column(
        comment="first message any agent, bot or human, sent to the consumer"
    )
    content_hash: Mapped[str] = mapped_column(sa.String(64), comment="SHA-256 of the stored record")
    ingested_at_ms: Mapped[EpochMs]


class ConversationSections(Base):
    """Each section of the record as ready-to-send JSON text; NULL means the section is absent."""

    __tablename__ = "conversation_sections"

    account_id: Mapped[AccountId] = mapped_column(primary_key=True)
    conversation_id: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    info: Mapped[str] = mapped_column(sa.Text, comment="info less the consumer-identifying fields")
    info_pii: Mapped[str | None] = mapped_column(
        sa.Text, comment="the consumer-identifying fields of info, a JSON object (see join_info)"
    )
    campaign: Mapped[str | None] = mapped_column(sa.Text)
    monitoring: Mapped[str | None] = mapped_column(sa.Text)
    message_records: Mapped[str | None] = mapped_column(sa.Text)
    message_statuses: Mapped[str | None] = mapped_column(sa.Text)
    agent_participants: Mapped[str | None] = mapped_column(sa.Text)
    agent_participants_active: Mapped[str | None] = mapped_column(sa.Text)
    agent_participants_leave: Mapped[str | None] = mapped_column(sa.Text)
    consumer_participants: Mapped[str | None] = mapped_column(sa.Text)
    transfers: Mapped[str | None] = mapped_column(sa.Text)
    interactions: Mapped[str | None] = mapped_column(sa.Text)
    message_scores: Mapped[str | None] = mapped_column(sa.Text)
    skill_changes: Mapped[str | None] = mapped_column(sa.Text)
    conversation_surveys: Mapped[str | None] = mapped_column(sa.Text)
    co_browse_sessions: Mapped[str | None] = mapped_column(sa.Text)
    summary: Mapped[str | None] = mapped_column(sa.Text)
    sdes: Mapped[str | None] = mapped_column(sa.Text, comment="typed values, as v=2 sends them")
    sdes_v1: Mapped[str | None] = mapped_column(sa.Text, comment="every value a string, as v=1")
    un_auth_sdes: Mapped[str | None] = mapped_column(sa.Text)
    response_time: Mapped[str | None] = mapped_column(sa.Text)
    dialogs: Mapped[str | None] = mapped_column(sa.Text)
    intents: Mapped[str | None] = mapped_column(sa.Text)
    intents_selected_only: Mapped[str | None] = mapped_column(
        sa.Text, comment="intents without allClassifications, for selectedIntentOnly"
    )
    unique_intents: Mapped[str | None] = mapped_column(sa.Text)
    latest_agent_survey: Mapped[str | None] = mapped_column(sa.Text)
    previously_submitted_agent_surveys: Mapped[str | None] = mapped_column(sa.Text)


class ConversationFacet(Base):
    """One value of a multi-valued search key, e.g. ("skill", "1201") or ("agent:READER", "42")."""

    __tablename__ = "conversation_facets"
    __table_args__ = (
        sa.Index("ix_conversation_facets_conversation", "account_id", "conversation_id"),
    )

    account_id: Mapped[AccountId] = mapped_column(primary_key=True)
    facet: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(sa.String(100), primary_key=True)


class ConversationText(Base):
    """A searchable text of a conversation; the full-text index lives in the migrations."""

    __tablename__ = "conversation_texts"
    __table_args__ = (sa.UniqueConstraint("account_id", "conversation_id", "field"),)

    # An integer key because SQLite's FTS5 index refers to rows by integer id.
    text_id: Mapped[int] = mapped_column(
        sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    account_id: Mapped[AccountId]
    conversation_id: Mapped[str] = mapped_column(sa.String(100))
    field: Mapped[str] = mapped_column(
        sa.String(40), comment="messages, summary, sde:<key>, survey_answers, ..."
    )
    body: Mapped[str] = mapped_column(sa.Text)


# JSON key of each stored section -> its column in conversation_sections. `info` is always sent
# and is not a content type; `sdes` has a v=1 twin and `intents` a selected-only twin.
SECTION_COLUMNS: dict[str, str] = {
    "campaign": "campaign",
    "monitoring": "monitoring",
    "messageRecords": "message_records",
    "messageStatuses": "message_statuses",
    "agentParticipants": "agent_participants",
    "agentParticipantsActive": "agent_participants_active",
    "agentParticipantsLeave": "agent_participants_leave",
    "consumerParticipants": "consumer_participants",
    "transfers": "transfers",
    "interactions": "interactions",
    "messageScores": "message_scores",
    "skillChanges": "skill_changes",
    "conversationSurveys": "conversation_surveys",
    "coBrowseSessions": "co_browse_sessions",
    "summary": "summary",
    "sdes": "sdes",
    "unAuthSdes": "un_auth_sdes",
    "responseTime": "response_time",
    "dialogs": "dialogs",
    "intents": "intents",
    "uniqueIntents": "unique_intents",
    "latestAgentSurvey": "latest_agent_survey",
    "previouslySubmittedAgentSurveys": "previously_submitted_agent_surveys",
}


def join_info(info: str, info_pii: str | None) -> str:
    """Splice the stored consumer-identifying fields back into the stored ``info`` object."""
    if not info_pii:
        return info
    return f"{info[:-1]},{info_pii[1:]}"
