"""contracts are append-only: no delete, no edit but one revocation stamp

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 18:45:00

Consent history is evidence. The database itself refuses to delete a contract or to change any
of its terms; the only update it allows is stamping an unrevoked contract as revoked.

A migration must stay compatible with the code of the previous release: that code keeps running
against the new schema until every host is deployed.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TERMS = [
    "contract_id",
    "provider_id",
    "subscriber_id",
    "grants_metadata",
    "grants_transcripts",
    "grants_consumer_pii",
    "grants_surveys",
    "covers_from_ms",
    "covers_to_ms",
    "effective_from_ms",
    "expires_at_ms",
    "agreement_ref",
    "supersedes_id",
    "created_at_ms",
    "created_by",
]

SQLITE_TERMS_CHANGED = " OR ".join(f"new.{c} IS NOT old.{c}" for c in TERMS)
POSTGRES_TERMS_CHANGED = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in TERMS)

SQLITE_UP = [
    """CREATE TRIGGER contracts_no_delete BEFORE DELETE ON contracts BEGIN
           SELECT RAISE(ABORT, 'contracts are never deleted');
       END""",
    f"""CREATE TRIGGER contracts_only_revocation BEFORE UPDATE ON contracts
        WHEN old.revoked_at_ms IS NOT NULL OR new.revoked_at_ms IS NULL OR {SQLITE_TERMS_CHANGED}
        BEGIN
           SELECT RAISE(ABORT, 'contracts are never edited; only an unrevoked one can be revoked');
        END""",
]
SQLITE_DOWN = ["DROP TRIGGER contracts_only_revocation", "DROP TRIGGER contracts_no_delete"]

POSTGRES_UP = [
    f"""CREATE FUNCTION contracts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION 'contracts are never deleted';
            END IF;
            IF OLD.revoked_at_ms IS NOT NULL OR NEW.revoked_at_ms IS NULL
               OR {POSTGRES_TERMS_CHANGED} THEN
                RAISE EXCEPTION 'contracts are never edited; only an unrevoked one can be revoked';
            END IF;
            RETURN NEW;
        END $$""",
    """CREATE TRIGGER contracts_append_only BEFORE UPDATE OR DELETE ON contracts
       FOR EACH ROW EXECUTE FUNCTION contracts_append_only()""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER contracts_append_only ON contracts",
    "DROP FUNCTION contracts_append_only()",
]


def upgrade() -> None:
    for statement in SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRES_UP:
        op.execute(statement)


def downgrade() -> None:
    for statement in SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWN:
        op.execute(statement)
