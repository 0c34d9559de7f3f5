"""lz4 compression for stored section JSON and texts (PostgreSQL)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 19:05:00

A stored conversation is tens of kilobytes of JSON, which PostgreSQL compresses when it moves it
out of line. Its default, pglz, is slow enough to dominate ingestion; lz4 compresses several
times faster and decompresses faster on the search path. SQLite does not compress; nothing to do.

A migration must stay compatible with the code of the previous release: that code keeps running
against the new schema until every host is deployed.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SECTION_COLUMNS = [
    "info",
    "info_pii",
    "campaign",
    "monitoring",
    "message_records",
    "message_statuses",
    "agent_participants",
    "agent_participants_active",
    "agent_participants_leave",
    "consumer_participants",
    "transfers",
    "interactions",
    "message_scores",
    "skill_changes",
    "conversation_surveys",
    "co_browse_sessions",
    "summary",
    "sdes",
    "sdes_v1",
    "un_auth_sdes",
    "response_time",
    "dialogs",
    "intents",
    "intents_selected_only",
    "unique_intents",
    "latest_agent_survey",
    "previously_submitted_agent_surveys",
]


def _set_compression(method: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    columns = ", ".join(f"ALTER COLUMN {c} SET COMPRESSION {method}" for c in SECTION_COLUMNS)
    op.execute(f"ALTER TABLE conversation_sections {columns}")
    op.execute(f"ALTER TABLE conversation_texts ALTER COLUMN body SET COMPRESSION {method}")


def upgrade() -> None:
    _set_compression("lz4")


def downgrade() -> None:
    _set_compression("pglz")
