"""Full-text index entries go straight into the index (PostgreSQL GIN fastupdate off)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 23:00:00

With fastupdate, new GIN entries wait in an unsorted pending list until a vacuum merges them, and
every keyword search scans that whole list: right after a bulk load (the demo seed, a large
ingest) a one-word search took 1.9 s on 100,000 conversations instead of 0.1 s. Without it the
insert pays the merge at once; the seed measured no slower (bench/bench_seed.py). SQLite's FTS5
has no such list; nothing to do there.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER INDEX ix_conversation_texts_tsv SET (gin_pending_list_limit = 256)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER INDEX ix_conversation_texts_tsv RESET (gin_pending_list_limit)")
