"""accounts, contracts, credentials, conversations, audit

Revision ID: 0001
Revises:
Create Date: 2026-12-03 18:24:38.168669

A migration must stay compatible with the code of the previous release: that code keeps running
against the new schema until every host is deployed.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "access_audit",
        sa.Column(
            "audit_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("at_ms", sa.BigInteger(), nullable=False),
        sa.Column("principal_account_id", sa.String(length=20), nullable=False),
        sa.Column(
            "credential",
            sa.String(length=200),
            nullable=False,
            comment="app key or user, not secret",
        ),
        sa.Column("endpoint", sa.String(length=100), nullable=False),
        sa.Column("requested_account_id", sa.String(length=20), nullable=False),
        sa.Column("filter_names", sa.JSON(), nullable=False),
        sa.Column("excluded", sa.JSON(), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("audit_id", name=op.f("pk_access_audit")),
    )
    with op.batch_alter_table("access_audit", schema=None) as batch_op:
        batch_op.create_index(
            "ix_access_audit_principal_at", ["principal_account_id", "at_ms"], unique=False
        )

    op.create_table(
        "accounts",
        sa.Column(
            "account_id", sa.String(length=20), nullable=False, comment="digits, e.g. 70000001"
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("created_at_ms", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('provider', 'subscriber', 'platform')", name=op.f("ck_accounts_kind_is_known")
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_accounts")),
    )
    op.create_table(
        "oauth_nonces",
        sa.Column("consumer_key", sa.String(length=100), nullable=False),
        sa.Column("timestamp", sa.BigInteger(), nullable=False, comment="seconds"),
        sa.Column("nonce", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("consumer_key", "timestamp", "nonce", name=op.f("pk_oauth_nonces")),
    )
    op.create_table(
        "access_audit_subscribers",
        sa.Column("audit_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("subscriber_id", sa.String(length=20), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_id"],
            ["access_audit.audit_id"],
            name=op.f("fk_access_audit_subscribers_audit_id_access_audit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "audit_id", "subscriber_id", name=op.f("pk_access_audit_subscribers")
        ),
    )
    with op.batch_alter_table("access_audit_subscribers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_access_audit_subscribers_subscriber", ["subscriber_id", "audit_id"], unique=False
        )

    op.create_table(
        "app_keys",
        sa.Column("consumer_key", sa.String(length=100), nullable=False),
        sa.Column("account_id", sa.String(length=20), nullable=False),
        sa.Column("consumer_secret", sa.String(length=200), nullable=False),
        sa.Column("access_token", sa.String(length=200), nullable=False),
        sa.Column("token_secret", sa.String(length=200), nullable=False),
        sa.Column("permissions", sa.JSON(), nullable=False, comment='e.g. ["read", "ingest"]'),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("created_at_ms", sa.BigInteger(), nullable=False),
        sa.Column("disabled_at_ms", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.account_id"], name=op.f("fk_app_keys_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("consumer_key", name=op.f("pk_app_keys")),
        sa.UniqueConstraint("access_token", name=op.f("uq_app_keys_access_token")),
    )
    with op.batch_alter_table("app_keys", schema=None) as batch_op:
        batch_op.create_index("ix_app_keys_account", ["account_id"], unique=False)

    op.create_table(
        "contracts",
        sa.Column("contract_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("provider_id", sa.String(length=20), nullable=False),
        sa.Column("subscriber_id", sa.String(length=20), nullable=False),
        sa.Column("grants_metadata", sa.Boolean(), nullable=False),
        sa.Column("grants_transcripts", sa.Boolean(), nullable=False),
        sa.Column("grants_consumer_pii", sa.Boolean(), nullable=False),
        sa.Column("grants_surveys", sa.Boolean(), nullable=False),
        sa.Column(
            "covers_from_ms",
            sa.BigInteger(),
            nullable=True,
            comment="earliest conversation start time covered; NULL = no lower bound",
        ),
        sa.Column(
            "covers_to_ms",
            sa.BigInteger(),
            nullable=True,
            comment="latest conversation start time covered; NULL = no upper bound",
        ),
        sa.Column("effective_from_ms", sa.BigInteger(), nullable=False),
        sa.Column("expires_at_ms", sa.BigInteger(), nullable=True),
        sa.Column("revoked_at_ms", sa.BigInteger(), nullable=True),
        sa.Column("revocation_reason", sa.String(length=500), nullable=True),
        sa.Column("revoked_by", sa.String(length=200), nullable=True),
        sa.Column("agreement_ref", sa.String(length=200), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("created_at_ms", sa.BigInteger(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint(
            "covers_to_ms IS NULL OR covers_from_ms IS NULL OR covers_from_ms <= covers_to_ms",
            name=op.f("ck_contracts_covered_window_is_ordered"),
        ),
        sa.CheckConstraint(
            "expires_at_ms IS NULL OR effective_from_ms <= expires_at_ms",
            name=op.f("ck_contracts_validity_is_ordered"),
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["accounts.account_id"], name=op.f("fk_contracts_provider_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["accounts.account_id"],
            name=op.f("fk_contracts_subscriber_id_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["contracts.contract_id"],
            name=op.f("fk_contracts_supersedes_id_contracts"),
        ),
        sa.PrimaryKeyConstraint("contract_id", name=op.f("pk_contracts")),
    )
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_contracts_provider_subscriber", ["provider_id", "subscriber_id"], unique=False
        )
        batch_op.create_index("ix_contracts_subscriber", ["subscriber_id"], unique=False)

    op.create_table(
        "conversations",
        sa.Column("account_id", sa.String(length=20), nullable=False),
        sa.Column("conversation_id", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("start_time_ms", sa.BigInteger(), nullable=False),
        sa.Column("end_time_ms", sa.BigInteger(), nullable=True, comment="NULL while OPEN"),
        sa.Column("conversation_end_time_ms", sa.BigInteger(), nullable=True),
        sa.Column("full_dialog_end_time_ms", sa.BigInteger(), nullable=True),
        sa.Column(
            "last_update_ms",
            sa.BigInteger(),
            nullable=False,
            comment="latest time found anywhere in the record; orders versions of a record",
        ),
        sa.Column("duration_ms", sa.BigInteger(), nullable=False),
        sa.Column("close_reason", sa.String(length=100), nullable=True),
        sa.Column("mcs", sa.SmallInteger(), nullable=True),
        sa.Column("alerted_mcs", sa.SmallInteger(), nullable=True),
        sa.Column("csat", sa.SmallInteger(), nullable=True),
        sa.Column("nps", sa.SmallInteger(), nullable=True),
        sa.Column("source", sa.String(length=40), nullable=True),
        sa.Column("device", sa.String(length=16), nullable=True),
        sa.Column("latest_skill_id", sa.BigInteger(), nullable=True),
        sa.Column("latest_agent_id", sa.String(length=100), nullable=True),
        sa.Column("latest_agent_group_id", sa.BigInteger(), nullable=True),
        sa.Column("latest_queue_state", sa.String(length=16), nullable=True),
        sa.Column(
            "response_due_time_ms",
            sa.BigInteger(),
            nullable=True,
            comment="responseTime.latestEffectiveResponseDueTime",
        ),
        sa.Column("was_step_up", sa.Boolean(), nullable=False),
        sa.Column("pending_agent_survey", sa.Boolean(), nullable=False),
        sa.Column(
            "had_survey_bot", sa.Boolean(), nullable=False, comment="a post-conversation survey ran"
        ),
        sa.Column("has_invalid_free_text_answer", sa.Boolean(), nullable=False),
        sa.Column("bot_participated", sa.Boolean(), nullable=False),
        sa.Column("human_participated", sa.Boolean(), nullable=False),
        sa.Column(
            "escalated_at_ms",
            sa.BigInteger(),
            nullable=True,
            comment="first transfer from a bot to a human skill or agent",
        ),
        sa.Column(
            "first_human_response_ms",
            sa.BigInteger(),
            nullable=True,
            comment="first message a human agent sent to the consumer",
        ),
        sa.Column(
            "first_agent_message_ms",
            sa.BigInteger(),
            nullable=True,
            comment="first message any agent, bot or human, sent to the consumer",
        ),
        sa.Column(
            "content_hash",
            sa.String(length=64),
            nullable=False,
            comment="SHA-256 of the stored record",
        ),
        sa.Column("ingested_at_ms", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.account_id"],
            name=op.f("fk_conversations_account_id_accounts"),
        ),
        sa.PrimaryKeyConstraint("account_id", "conversation_id", name=op.f("pk_conversations")),
    )
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_conversations_account_end",
            ["account_id", "end_time_ms", "conversation_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_conversations_account_start",
            ["account_id", "start_time_ms", "conversation_id"],
            unique=False,
        )

    op.create_table(
        "network_memberships",
        sa.Column("provider_id", sa.String(length=20), nullable=False),
        sa.Column("subscriber_id", sa.String(length=20), nullable=False),
        sa.Column("joined_at_ms", sa.BigInteger(), nullable=False),
        sa.Column("left_at_ms", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["accounts.account_id"],
            name=op.f("fk_network_memberships_provider_id_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["accounts.account_id"],
            name=op.f("fk_network_memberships_subscriber_id_accounts"),
        ),
        sa.PrimaryKeyConstraint(
            "provider_id", "subscriber_id", name=op.f("pk_network_memberships")
        ),
    )
    with op.batch_alter_table("network_memberships", schema=None) as batch_op:
        batch_op.create_index("ix_network_memberships_subscriber", ["subscriber_id"], unique=False)

    op.create_table(
        "users",
        sa.Column("user_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.String(length=20), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False, comment="argon2id"),
        sa.Column("permissions", sa.JSON(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("created_at_ms", sa.BigInteger(), nullable=False),
        sa.Column("disabled_at_ms", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.account_id"], name=op.f("fk_users_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_users")),
        sa.UniqueConstraint("account_id", "username", name=op.f("uq_users_account_id_username")),
    )
    op.create_table(
        "bearer_tokens",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.String(length=20), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("issued_at_ms", sa.BigInteger(), nullable=False),
        sa.Column("expires_at_ms", sa.BigInteger(), nullable=False),
        sa.Column("revoked_at_ms", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.account_id"],
            name=op.f("fk_bearer_tokens_account_id_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.user_id"], name=op.f("fk_bearer_tokens_user_id_users")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_bearer_tokens")),
    )
    with op.batch_alter_table("bearer_tokens", schema=None) as batch_op:
        batch_op.create_index("ix_bearer_tokens_user", ["user_id"], unique=False)

    op.create_table(
        "conversation_facets",
        sa.Column("account_id", sa.String(length=20), nullable=False),
        sa.Column("facet", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=100), nullable=False),
        sa.Column("conversation_id", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint(
            "account_id", "facet", "value", "conversation_id", name=op.f("pk_conversation_facets")
        ),
    )
    with op.batch_alter_table("conversation_facets", schema=None) as batch_op:
        batch_op.create_index(
            "ix_conversation_facets_conversation", ["account_id", "conversation_id"], unique=False
        )

    op.create_table(
        "conversation_sections",
        sa.Column("account_id", sa.String(length=20), nullable=False),
        sa.Column("conversation_id", sa.String(length=100), nullable=False),
        sa.Column(
            "info", sa.Text(), nullable=False, comment="info less the consumer-identifying fields"
        ),
        sa.Column(
            "info_pii",
            sa.Text(),
            nullable=True,
            comment="the consumer-identifying fields of info, a JSON object (see join_info)",
        ),
        sa.Column("campaign", sa.Text(), nullable=True),
        sa.Column("monitoring", sa.Text(), nullable=True),
        sa.Column("message_records", sa.Text(), nullable=True),
        sa.Column("message_statuses", sa.Text(), nullable=True),
        sa.Column("agent_participants", sa.Text(), nullable=True),
        sa.Column("agent_participants_active", sa.Text(), nullable=True),
        sa.Column("agent_participants_leave", sa.Text(), nullable=True),
        sa.Column("consumer_participants", sa.Text(), nullable=True),
        sa.Column("transfers", sa.Text(), nullable=True),
        sa.Column("interactions", sa.Text(), nullable=True),
        sa.Column("message_scores", sa.Text(), nullable=True),
        sa.Column("skill_changes", sa.Text(), nullable=True),
        sa.Column("conversation_surveys", sa.Text(), nullable=True),
        sa.Column("co_browse_sessions", sa.Text(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("sdes", sa.Text(), nullable=True, comment="typed values, as v=2 sends them"),
        sa.Column("sdes_v1", sa.Text(), nullable=True, comment="every value a string, as v=1"),
        sa.Column("un_auth_sdes", sa.Text(), nullable=True),
        sa.Column("response_time", sa.Text(), nullable=True),
        sa.Column("dialogs", sa.Text(), nullable=True),
        sa.Column("intents", sa.Text(), nullable=True),
        sa.Column(
            "intents_selected_only",
            sa.Text(),
            nullable=True,
            comment="intents without allClassifications, for selectedIntentOnly",
        ),
        sa.Column("unique_intents", sa.Text(), nullable=True),
        sa.Column("latest_agent_survey", sa.Text(), nullable=True),
        sa.Column("previously_submitted_agent_surveys", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint(
            "account_id", "conversation_id", name=op.f("pk_conversation_sections")
        ),
    )
    op.create_table(
        "conversation_texts",
        sa.Column(
            "text_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("account_id", sa.String(length=20), nullable=False),
        sa.Column("conversation_id", sa.String(length=100), nullable=False),
        sa.Column(
            "field",
            sa.String(length=40),
            nullable=False,
            comment="messages, summary, sde:<key>, survey_answers, ...",
        ),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("text_id", name=op.f("pk_conversation_texts")),
        sa.UniqueConstraint(
            "account_id",
            "conversation_id",
            "field",
            name=op.f("uq_conversation_texts_account_id_conversation_id_field"),
        ),
    )


def downgrade() -> None:
    op.drop_table("conversation_texts")
    op.drop_table("conversation_sections")
    with op.batch_alter_table("conversation_facets", schema=None) as batch_op:
        batch_op.drop_index("ix_conversation_facets_conversation")

    op.drop_table("conversation_facets")
    with op.batch_alter_table("bearer_tokens", schema=None) as batch_op:
        batch_op.drop_index("ix_bearer_tokens_user")

    op.drop_table("bearer_tokens")
    op.drop_table("users")
    with op.batch_alter_table("network_memberships", schema=None) as batch_op:
        batch_op.drop_index("ix_network_memberships_subscriber")

    op.drop_table("network_memberships")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index("ix_conversations_account_start")
        batch_op.drop_index("ix_conversations_account_end")

    op.drop_table("conversations")
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.drop_index("ix_contracts_subscriber")
        batch_op.drop_index("ix_contracts_provider_subscriber")

    op.drop_table("contracts")
    with op.batch_alter_table("app_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_app_keys_account")

    op.drop_table("app_keys")
    with op.batch_alter_table("access_audit_subscribers", schema=None) as batch_op:
        batch_op.drop_index("ix_access_audit_subscribers_subscriber")

    op.drop_table("access_audit_subscribers")
    op.drop_table("oauth_nonces")
    op.drop_table("accounts")
    with op.batch_alter_table("access_audit", schema=None) as batch_op:
        batch_op.drop_index("ix_access_audit_principal_at")

    op.drop_table("access_audit")
